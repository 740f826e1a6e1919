import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { t } from '../i18n.ts'
import type {
  ChannelKind,
  ChannelView,
  ListResult,
  NudgeState,
  People,
  RuleView,
  TestResult,
  WallData,
} from '../types.ts'
import { rowWhat } from '../widgets/row-why.ts'
import type { BuilderContext } from './builder.ts'

const KINDS = ['teams', 'slack'] as const satisfies readonly ChannelKind[]

/**
 * Nudges: the chat channels new action rows are posted to (Teams Workflows or Slack webhooks, with their health),
 * and per action-list tile of this wall, the channel and whom the post is for. A webhook URL goes in once and is
 * never shown again: the server answers its host only.
 */
export async function renderNudges(el: HTMLElement, ctx: BuilderContext): Promise<void> {
  const { say } = ctx
  const heading = h('h2', { text: say('nudgesHeading') })
  const message = (error: unknown) =>
    error instanceof ApiError || error instanceof Error ? error.message : String(error)

  // Suggestions for "for whom": this wall's role and the active people; any other words will do too.
  const audiences = h('datalist', { id: `nudge-audiences-${ctx.role}` })
  void api<People>('/api/resources')
    .then((people) => {
      const names = [ctx.definition.roleName[ctx.lang], ...people.resources.filter((p) => p.active).map((p) => p.name)]
      audiences.replaceChildren(...names.map((name) => h('option', { value: name })))
    })
    .catch(() => undefined)

  // The wall's lists as they are now, by tile: what a post would hold. Without them the panel still works.
  const wallLists = ctx.wall
    .then((wall) => new Map(wall.tiles.map((tile) => [tile.tileId, tile.result])))
    .catch(() => new Map<number, WallData['tiles'][number]['result']>())

  async function reload(): Promise<void> {
    try {
      const [state, results] = await Promise.all([api<NudgeState>('/api/nudges'), wallLists])
      draw(state, results)
    } catch (error) {
      el.replaceChildren(heading, h('p.form-error', { text: message(error) }))
    }
  }

  function health(channel: ChannelView): HTMLElement {
    const at = (value: string | null) => (value ? formatDateTime(value, ctx.lang) : '–')
    const parts: string[] = []
    if (channel.health === 'failing')
      parts.push(
        // A failed test schedules no retry: then there is no next try to name.
        channel.nextAttemptAt
          ? say('channelFailing', {
              since: at(channel.failingSince),
              next: at(channel.nextAttemptAt),
              error: channel.lastError ?? '',
            })
          : say('channelFailed', { since: at(channel.failingSince), error: channel.lastError ?? '' }),
      )
    else parts.push(channel.health === 'ok' ? say('channelOk', { at: at(channel.lastOkAt) }) : say('channelNew'))
    if (channel.pending > 0) parts.push(say('channelPending', { n: channel.pending }))
    if (channel.givenUp > 0) parts.push(say('channelGivenUp', { n: channel.givenUp }))
    return h(`p.small.channel-health.${channel.health}`, { text: parts.join(' · ') })
  }

  function channelItem(channel: ChannelView): HTMLElement {
    const result = h('p.small', { role: 'status', 'aria-live': 'polite' })
    const test = h('button.secondary', { type: 'button', text: say('sendTest') })
    const remove = h('button.secondary', { type: 'button', text: say('remove') })
    test.addEventListener('click', async () => {
      test.disabled = true
      try {
        const outcome = await api<TestResult>(`/api/nudges/channels/${channel.id}/test`, { method: 'POST' })
        result.textContent = outcome.delivered
          ? say('testDelivered', { name: channel.name })
          : say('testFailed', { error: outcome.error ?? '' })
        result.className = outcome.delivered ? 'small' : 'small form-error'
        await reload()
      } catch (error) {
        ctx.notify(message(error), 'error')
      } finally {
        test.disabled = false
      }
    })
    remove.addEventListener('click', async () => {
      if (!window.confirm(say('deleteChannelConfirm', { name: channel.name }))) return
      if (await ctx.change(`/api/nudges/channels/${channel.id}`, 'DELETE')) await reload()
    })
    return h(
      'li.channel',
      { 'data-channel': channel.id },
      h(
        'div',
        null,
        h('strong', { text: channel.name }),
        ' ',
        h('span.badge', { text: say(channel.kind === 'teams' ? 'channelTeams' : 'channelSlack') }),
        ' ',
        h('span.muted.small', { text: channel.host }),
      ),
      health(channel),
      h('div.toolbar', null, test, remove),
      result,
    )
  }

  function addForm(): HTMLElement {
    const kind = h(
      'select',
      { name: 'channel-kind' },
      ...KINDS.map((value) => h('option', { value, text: say(value === 'teams' ? 'channelTeams' : 'channelSlack') })),
    )
    const name = h('input', {
      name: 'channel-name',
      maxlength: 80,
      placeholder: say('channelNameExample'),
    })
    // A secret: not remembered by the browser, and emptied once sent.
    const url = h('input', {
      name: 'channel-url',
      type: 'password',
      autocomplete: 'off',
      maxlength: 2000,
      placeholder: 'https://…',
    })
    const add = h('button', { type: 'button', text: say('addChannel') })
    const error = h('p.form-error', { role: 'alert' })
    add.addEventListener('click', async () => {
      error.textContent = ''
      try {
        await api('/api/nudges/channels', {
          method: 'POST',
          json: { kind: kind.value, name: name.value.trim(), url: url.value.trim() },
        })
        url.value = ''
        name.value = ''
        await reload()
      } catch (failure) {
        error.textContent = message(failure)
      }
    })
    return h(
      'div.add-channel',
      null,
      h('h3', { text: say('addChannelHeading') }),
      h(
        'div.toolbar',
        null,
        field(say('channelKind'), kind),
        field(say('channelName'), name),
        field(say('webhookUrl'), url),
        add,
      ),
      h('p.small.muted', { text: say('webhookUrlHint') }),
      error,
    )
  }

  /** What a post of this tile says, from its rows now (two at most), or an example row when the list is empty. */
  function sample(title: string, list: ListResult | undefined): HTMLElement {
    const rows = list?.rows.slice(0, 2) ?? []
    const first = rows[0]
    const row = first
      ? [rowWhat(first), first.resourceName ? String(first.resourceName) : ''].filter(Boolean).join(' · ')
      : say('nudgeSampleRow')
    // The row is the PSA's text, in its own span: the words around it are the panel's.
    const text = say('nudgeSample', { title, n: first ? rows.length : 2, row: '\u0000' })
    const [before, after] = text.split('\u0000')
    return h('p.small.muted.nudge-sample', null, before, h('span.nudge-sample-row', { text: row }), after)
  }

  function tileRule(tile: { id: number; kpi: string; title: string | null }, state: NudgeState, list?: ListResult) {
    const rule: RuleView | undefined = state.rules.find((one) => one.tileId === tile.id)
    const title = list?.title ?? tile.title ?? ctx.kpi(tile.kpi)?.title[ctx.lang] ?? tile.kpi
    const counts = [
      list ? say('nudgeRowsNow', { n: list.count }) : null,
      rule ? say('nudgePosted', { n: rule.posted }) : null,
    ].filter((part): part is string => part !== null)
    const head = [
      h('strong', { text: title }),
      counts.length > 0 ? h('span.muted.small', { text: ` ${counts.join(' · ')}` }) : null,
    ]
    if (state.channels.length === 0) return h('li.nudge-rule', { 'data-tile': tile.id }, ...head)
    const preview = sample(title, list)
    const channel = h(
      'select',
      { name: `nudge-channel-${tile.id}`, 'aria-label': say('nudgeChannelOf', { title }) },
      h('option', { value: '', text: say('nudgeNone') }),
      ...state.channels.map((one) => h('option', { value: one.id, text: one.name })),
    )
    channel.value = rule ? String(rule.channel) : ''
    const audience = h('input', {
      name: `nudge-for-${tile.id}`,
      maxlength: 80,
      value: rule?.audience ?? '',
      list: audiences.id,
      placeholder: say('nudgeForExample'),
      'aria-label': say('nudgeForOf', { title }),
    })
    // Whether "for whom" reaches anyone depends on the app: Teams mentions the rows' people, Slack bolds them.
    const hint = h('p.small.muted.nudge-for-hint')
    // The sample post and the hint show once a channel is picked: a dozen samples at once would bury the lists.
    const showHint = () => {
      const kind = state.channels.find((one) => String(one.id) === channel.value)?.kind
      hint.textContent = kind ? say(kind === 'teams' ? 'nudgeForTeams' : 'nudgeForSlack') : ''
      preview.hidden = !kind
    }
    channel.addEventListener('change', showHint)
    showHint()
    const save = h('button.secondary', { type: 'button', text: say('save') })
    const error = h('p.form-error', { role: 'alert' })
    save.addEventListener('click', async () => {
      error.textContent = ''
      try {
        if (channel.value === '') {
          if (rule) await api(`/api/nudges/rules/${tile.id}`, { method: 'DELETE' })
          ctx.notify(say('nudgeStopped', { title }))
        } else {
          await api(`/api/nudges/rules/${tile.id}`, {
            method: 'PUT',
            json: { channel: Number(channel.value), audience: audience.value.trim() },
          })
          ctx.notify(say('nudgeSaved', { title }))
        }
        await reload()
      } catch (failure) {
        error.textContent = message(failure)
      }
    })
    return h(
      'li.nudge-rule',
      { 'data-tile': tile.id },
      ...head,
      preview,
      h('div.toolbar', null, field(say('nudgeChannel'), channel), field(say('nudgeFor'), audience), save),
      hint,
      error,
    )
  }

  /** The buttons that take a row off the nudges, in the words the walls and the phone show. */
  function buttons(): string {
    const words = [t(ctx.lang, 'meTake'), ...ctx.library.flatMap((kpi) => kpi.action?.done?.[ctx.lang] ?? [])]
    return [...new Set(words)].map((word) => `“${word}”`).join(say('nudgeButtonsOr'))
  }

  function draw(state: NudgeState, results: Map<number, WallData['tiles'][number]['result']>): void {
    const lists = ctx.definition.tiles.filter((tile) => ctx.kpi(tile.kpi)?.kind === 'list' && ctx.kpi(tile.kpi)?.action)
    const listOf = (id: number) => {
      const result = results.get(id)
      return result?.kind === 'list' ? result : undefined
    }
    el.replaceChildren(
      heading,
      h('p.muted', { text: say('nudgesIntro', { buttons: buttons() }) }),
      h('h3', { text: say('channelsHeading') }),
      h('p.small.muted', { text: say('channelsShared') }),
      state.channels.length === 0
        ? h('p', { text: say('noChannels') })
        : h('ul.channel-list', null, ...state.channels.map(channelItem)),
      addForm(),
      h('h3', { text: say('nudgeTiles') }),
      lists.length === 0
        ? h('p', { text: say('noActionTiles') })
        : h(
            'div',
            null,
            state.channels.length === 0 ? h('p.muted', { text: say('nudgeNeedsChannel') }) : null,
            h('ul.nudge-rules', null, ...lists.map((tile) => tileRule(tile, state, listOf(tile.id)))),
          ),
      audiences,
    )
  }

  el.replaceChildren(heading, h('p.muted', { text: '…' }))
  await reload()
}

/** An input with its name above it, visible: a placeholder alone reads like a value already filled in. */
export function field(label: string, input: HTMLElement): HTMLElement {
  return h('label.nudge-field', null, h('span', { text: label }), input)
}
