import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import type { ChannelKind, ChannelView, NudgeState, People, RuleView, TestResult } from '../types.ts'
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

  async function reload(): Promise<void> {
    try {
      draw(await api<NudgeState>('/api/nudges'))
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
      { name: 'channel-kind', 'aria-label': say('channelKind') },
      ...KINDS.map((value) => h('option', { value, text: say(value === 'teams' ? 'channelTeams' : 'channelSlack') })),
    )
    const name = h('input', {
      name: 'channel-name',
      maxlength: 80,
      placeholder: say('channelNameExample'),
      'aria-label': say('channelName'),
    })
    // A secret: not remembered by the browser, and emptied once sent.
    const url = h('input', {
      name: 'channel-url',
      type: 'password',
      autocomplete: 'off',
      maxlength: 2000,
      placeholder: 'https://…',
      'aria-label': say('webhookUrl'),
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
      h('div.toolbar', null, kind, name, url, add),
      h('p.small.muted', { text: say('webhookUrlHint') }),
      error,
    )
  }

  function tileRule(tile: { id: number; kpi: string; title: string | null }, state: NudgeState): HTMLElement {
    const rule: RuleView | undefined = state.rules.find((one) => one.tileId === tile.id)
    const title = tile.title ?? ctx.kpi(tile.kpi)?.title[ctx.lang] ?? tile.kpi
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
      h('strong', { text: title }),
      rule ? h('span.muted.small', { text: ` ${say('nudgePosted', { n: rule.posted })}` }) : null,
      h('div.toolbar', null, channel, audience, save),
      error,
    )
  }

  function draw(state: NudgeState): void {
    const lists = ctx.definition.tiles.filter((tile) => ctx.kpi(tile.kpi)?.kind === 'list' && ctx.kpi(tile.kpi)?.action)
    el.replaceChildren(
      heading,
      h('p.muted', { text: say('nudgesIntro') }),
      h('h3', { text: say('channelsHeading') }),
      state.channels.length === 0
        ? h('p', { text: say('noChannels') })
        : h('ul.channel-list', null, ...state.channels.map(channelItem)),
      addForm(),
      h('h3', { text: say('nudgeTiles') }),
      lists.length === 0
        ? h('p', { text: say('noActionTiles') })
        : state.channels.length === 0
          ? h('p.muted', { text: say('nudgeNeedsChannel') })
          : h('ul.nudge-rules', null, ...lists.map((tile) => tileRule(tile, state))),
      audiences,
    )
  }

  el.replaceChildren(heading, h('p.muted', { text: '…' }))
  await reload()
}
