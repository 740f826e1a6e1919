import { api, ApiError, BASE } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { renderQr } from '../qr.ts'
import type { TokenInfo } from '../types.ts'
import type { BuilderContext } from './builder.ts'

/** Wall-screen links of this role: create one (shown once, with a QR code for the TV) or revoke it. */
export function renderLinks(el: HTMLElement, ctx: BuilderContext): void {
  const { say } = ctx
  const name = h('input', { name: 'link-name', placeholder: say('screenNameExample'), 'aria-label': say('screenName'), maxlength: 80 })
  const create = h('button', { type: 'button', text: say('createWallLink') })
  const created = h('div.created-link')
  const list = h('ul.link-list')

  async function draw(): Promise<void> {
    const { tokens } = await api<{ tokens: TokenInfo[] }>('/api/tokens')
    const mine = tokens.filter((token) => token.kind === 'wall' && token.role === ctx.role)
    list.replaceChildren(
      ...mine.map((token) => {
        const revoke = h('button.danger', { type: 'button', text: say('revoke'), 'aria-label': say('revokeTitle', { name: token.name }) })
        revoke.addEventListener('click', async () => {
          if (!window.confirm(say('revokeConfirm', { name: token.name }))) return
          try {
            await api(`/api/tokens/${token.id}`, { method: 'DELETE' })
            ctx.notify(say('revoked', { name: token.name }))
            await draw()
          } catch (error) {
            ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
          }
        })
        const seen = token.lastSeenAt ? say('lastSeen', { at: formatDateTime(token.lastSeenAt, ctx.lang) }) : say('neverOpened')
        return h(
          `li${token.revokedAt ? '.revoked' : ''}`,
          { 'data-token': token.id },
          h('strong', { text: token.name }),
          h('span.muted', { text: token.revokedAt ? say('revokedAt', { at: formatDateTime(token.revokedAt, ctx.lang) }) : say('createdAt', { at: formatDateTime(token.createdAt, ctx.lang), seen }) }),
          token.revokedAt ? null : revoke,
        )
      }),
    )
  }

  create.addEventListener('click', async () => {
    try {
      const result = await api<{ path: string }>('/api/tokens', { method: 'POST', json: { kind: 'wall', role: ctx.role, name: name.value.trim() || say('defaultScreenName', { role: ctx.definition.roleName[ctx.lang] }) } })
      const url = `${window.location.origin}${BASE}${result.path}${ctx.lang === 'nl' ? '&lang=nl' : ''}`
      const copy = h('button.secondary', { type: 'button', text: say('copy') })
      copy.addEventListener('click', () => void navigator.clipboard?.writeText(url))
      created.replaceChildren(
        h('p', { text: say('openOnScreen') }),
        h('a.wall-link', { href: url, target: '_blank', rel: 'noopener', text: url }),
        copy,
        renderQr(url, 220),
      )
      name.value = ''
      await draw()
    } catch (error) {
      ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
    }
  })

  el.replaceChildren(h('h2', { text: say('wallLinks') }), h('div.toolbar', null, name, create), created, list)
  void draw()
}
