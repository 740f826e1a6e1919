import { api, ApiError, BASE } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { renderQr } from '../qr.ts'
import type { CreatedLink, Lang, Links, People, Person, ScreenAddress, TokenInfo } from '../types.ts'
import type { BuilderContext } from './builder.ts'

/** Wall-screen links of this role: where a TV reaches roleboard, create one (shown once, with a QR code for the TV) or revoke it. */
export function renderLinks(el: HTMLElement, ctx: BuilderContext): void {
  const { say } = ctx
  const name = h('input', {
    name: 'link-name',
    placeholder: say('screenNameExample'),
    'aria-label': say('screenName'),
    maxlength: 80,
  })
  const lang = screenLangSelect(ctx)
  const create = h('button', { type: 'button', text: say('createWallLink') })
  const where = h('p.tv-address')
  const created = h('div.created-link')
  const list = h('ul.link-list')
  const address = screenAddress()
  void address.then((found) => where.replaceChildren(addressNote(found, ctx))).catch(() => undefined)

  const draw = () => drawTokens(list, ctx, (token) => token.kind === 'wall' && token.role === ctx.role, draw)
  create.addEventListener('click', async () => {
    try {
      const result = await api<CreatedLink>('/api/tokens', {
        method: 'POST',
        json: {
          kind: 'wall',
          role: ctx.role,
          name: name.value.trim() || say('defaultScreenName', { role: ctx.definition.roleName[ctx.lang] }),
          lang: lang.value,
        },
      })
      const url = `${linkRoot(await address)}${result.path}`
      showLink(created, url, say('openOnScreen'), ctx, drillBeside(url, ctx))
      name.value = ''
      await draw()
    } catch (error) {
      ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
    }
  })

  el.replaceChildren(
    h('h2', { text: say('wallLinks') }),
    where,
    h('div.toolbar', null, name, labelled(say('linkLanguage'), lang), create),
    created,
    list,
    h('p.muted.links-once', { text: say('linksOnce') }),
  )
  void draw()
}

/** Personal links for engineers' phones: pick a person by name (active people first), then as wall links. */
export function renderPersonLinks(el: HTMLElement, ctx: BuilderContext): void {
  const { say } = ctx
  const search = h('input', {
    type: 'search',
    name: 'person-search',
    placeholder: say('findPersonExample'),
    'aria-label': say('findPerson'),
    autocomplete: 'off',
    maxlength: 80,
  })
  const matches = h('ul.people', { 'aria-label': say('findPerson') })
  const lang = screenLangSelect(ctx)
  const create = h('button', { type: 'button', text: say('createPersonLink') })
  const created = h('div.created-link')
  const list = h('ul.link-list')
  const address = screenAddress()
  let people: Person[] = []
  let chosen: Person | null = null

  const draw = () => drawTokens(list, ctx, (token) => token.kind === 'person', draw)
  const choose = (person: Person) => {
    chosen = person
    search.value = person.name
    drawMatches()
  }
  function drawMatches(): void {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean)
    const found = people.filter((person) => words.every((word) => person.name.toLowerCase().includes(word))).slice(0, 8)
    matches.replaceChildren(
      ...(found.length === 0 ? [h('li.muted', { text: say('noPerson') })] : []),
      ...found.map((person) => {
        const pick = h(
          `button.person${chosen?.id === person.id ? '.chosen' : ''}`,
          { type: 'button', 'data-resource': person.id, 'aria-pressed': String(chosen?.id === person.id) },
          person.name,
          person.active ? null : h('span.muted', { text: ` · ${say('inactive')}` }),
        )
        pick.addEventListener('click', () => choose(person))
        return h('li', null, pick)
      }),
    )
  }
  search.addEventListener('input', () => {
    if (chosen && search.value !== chosen.name) chosen = null
    drawMatches()
  })
  create.addEventListener('click', async () => {
    const person = chosen ?? null
    if (!person) {
      ctx.notify(say('pickPersonFirst'), 'error')
      search.focus()
      return
    }
    try {
      const result = await api<CreatedLink>('/api/tokens', {
        method: 'POST',
        json: {
          kind: 'person',
          resourceId: person.id,
          name: say('defaultPhoneName', { name: person.name }).slice(0, 80),
          lang: lang.value,
        },
      })
      showLink(created, `${linkRoot(await address)}${result.path}`, say('openOnPhone', { name: person.name }), ctx)
      await draw()
    } catch (error) {
      ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
    }
  })

  el.replaceChildren(
    h('h2', { text: say('personalLinks') }),
    h('div.toolbar', null, search, labelled(say('linkLanguage'), lang), create),
    matches,
    created,
    list,
    h('p.muted.links-once', { text: say('linksOnce') }),
  )
  void api<People>('/api/resources')
    .then((found) => {
      people = found.resources
      drawMatches()
    })
    .catch((error: unknown) => ctx.notify(error instanceof Error ? error.message : String(error), 'error'))
  void draw()
}

/** The language a new link's screen speaks; the builder's own to start with. */
function screenLangSelect(ctx: BuilderContext): HTMLSelectElement {
  const select = h(
    'select',
    { name: 'link-lang' },
    h('option', { value: 'en', text: 'English' }),
    h('option', { value: 'nl', text: 'Nederlands' }),
  )
  select.value = ctx.lang
  return select
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  return h('label.inline', null, `${text} `, control)
}

function screenAddress(): Promise<ScreenAddress> {
  return api<ScreenAddress>('/api/screen-address')
}

/**
 * Where a link points: the public address when set; a LAN address when the builder is open on this
 * machine's own loopback (a TV cannot open 127.0.0.1); otherwise the address the builder is open at.
 */
function linkRoot(address: ScreenAddress): string {
  const loopback = /^(127\.|localhost$|\[::1\]$)/.test(window.location.hostname)
  return `${address.publicUrl ?? (loopback ? address.lan[0] : undefined) ?? window.location.origin}${BASE}`
}

function addressNote(address: ScreenAddress, ctx: BuilderContext): HTMLElement {
  const { say } = ctx
  if (address.publicUrl) return h('span', { text: say('tvPublic', { url: address.publicUrl }) })
  if (address.localOnly) return h('span.warning', { text: say('tvLocalOnly', { host: address.bound }) })
  if (address.lan.length === 0) return h('span.warning', { text: say('tvNoLan') })
  return h('span', { text: say('tvLan', { urls: address.lan.join(', ') }) })
}

function showLink(created: HTMLElement, url: string, intro: string, ctx: BuilderContext, extra?: HTMLElement): void {
  const copy = h('button.secondary', { type: 'button', text: ctx.say('copy') })
  copy.addEventListener('click', () => void navigator.clipboard?.writeText(url))
  created.replaceChildren(
    h('p.shown-once', { text: intro }),
    h('a.wall-link', { href: url, target: '_blank', rel: 'noopener', text: url }),
    copy,
    renderQr(url, 220),
    ...(extra ? [extra] : []),
  )
}

/**
 * A QR code to hang beside a wall screen: a phone that scans it opens the rows behind the wall's tiles with the
 * screen's own read-only link. Not on the wall itself: the header has no room for a code a phone can read, and a
 * wall stays glanceable.
 */
function drillBeside(wallUrl: string, ctx: BuilderContext): HTMLElement {
  const url = wallUrl.replace('/wall/', '/drill/')
  return h(
    'div.drill-beside',
    null,
    h('p', { text: ctx.say('drillBeside') }),
    h('a.drill-beside-link', { href: url, target: '_blank', rel: 'noopener', text: url }),
    renderQr(url, 160),
  )
}

/** The links `mine` picks, newest last: name, language, created and last seen, and Revoke. */
async function drawTokens(
  list: HTMLElement,
  ctx: BuilderContext,
  mine: (token: TokenInfo) => boolean,
  redraw: () => Promise<void>,
): Promise<void> {
  const { say } = ctx
  const { tokens } = await api<Links>('/api/tokens')
  list.replaceChildren(
    ...tokens.filter(mine).map((token) => {
      const revoke = h('button.danger', {
        type: 'button',
        text: say('revoke'),
        'aria-label': say('revokeTitle', { name: token.name }),
      })
      revoke.addEventListener('click', async () => {
        if (!window.confirm(say('revokeConfirm', { name: token.name }))) return
        try {
          await api(`/api/tokens/${token.id}`, { method: 'DELETE' })
          ctx.notify(say('revoked', { name: token.name }))
          await redraw()
        } catch (error) {
          ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
        }
      })
      const seen = token.lastSeenAt
        ? say('lastSeen', { at: formatDateTime(token.lastSeenAt, ctx.lang) })
        : say('neverOpened')
      const label = say('linkFor', { name: token.name, lang: LANG_NAMES[token.lang ?? 'en'] })
      return h(
        `li${token.revokedAt ? '.revoked' : ''}`,
        { 'data-token': token.id, ...(token.resourceId ? { 'data-resource': token.resourceId } : {}) },
        h('strong', { text: label }),
        h('span.muted', {
          text: token.revokedAt
            ? say('revokedAt', { at: formatDateTime(token.revokedAt, ctx.lang) })
            : say('createdAt', { at: formatDateTime(token.createdAt, ctx.lang), seen }),
        }),
        token.revokedAt ? null : revoke,
      )
    }),
  )
}

const LANG_NAMES: Record<Lang, string> = { en: 'English', nl: 'Nederlands' }
