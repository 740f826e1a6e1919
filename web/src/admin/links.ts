import { api, ApiError, BASE } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import { renderQr } from '../qr.ts'
import type { TokenInfo } from '../types.ts'
import type { BuilderContext } from './builder.ts'

/** Wall-screen links of this role: create one (shown once, with a QR code for the TV) or revoke it. */
export function renderLinks(el: HTMLElement, ctx: BuilderContext): void {
  const name = h('input', { name: 'link-name', placeholder: 'e.g. TV above the service desk', 'aria-label': 'Screen name', maxlength: 80 })
  const create = h('button', { type: 'button', text: 'Create wall link' })
  const created = h('div.created-link')
  const list = h('ul.link-list')

  async function draw(): Promise<void> {
    const { tokens } = await api<{ tokens: TokenInfo[] }>('/api/tokens')
    const mine = tokens.filter((token) => token.kind === 'wall' && token.role === ctx.role)
    list.replaceChildren(
      ...mine.map((token) => {
        const revoke = h('button.danger', { type: 'button', text: 'Revoke', 'aria-label': `Revoke ${token.name}` })
        revoke.addEventListener('click', async () => {
          if (!window.confirm(`Revoke “${token.name}”? That screen shows "link revoked" at its next refresh.`)) return
          try {
            await api(`/api/tokens/${token.id}`, { method: 'DELETE' })
            ctx.notify(`Revoked “${token.name}”.`)
            await draw()
          } catch (error) {
            ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
          }
        })
        const seen = token.lastSeenAt ? `last seen ${formatDateTime(token.lastSeenAt, ctx.lang)}` : 'never opened'
        return h(
          `li${token.revokedAt ? '.revoked' : ''}`,
          { 'data-token': token.id },
          h('strong', { text: token.name }),
          h('span.muted', { text: token.revokedAt ? `revoked ${formatDateTime(token.revokedAt, ctx.lang)}` : `created ${formatDateTime(token.createdAt, ctx.lang)}, ${seen}` }),
          token.revokedAt ? null : revoke,
        )
      }),
    )
  }

  create.addEventListener('click', async () => {
    try {
      const result = await api<{ path: string }>('/api/tokens', { method: 'POST', json: { kind: 'wall', role: ctx.role, name: name.value.trim() || `Wall: ${ctx.role}` } })
      const url = `${window.location.origin}${BASE}${result.path}${ctx.lang === 'nl' ? '&lang=nl' : ''}`
      const copy = h('button.secondary', { type: 'button', text: 'Copy' })
      copy.addEventListener('click', () => void navigator.clipboard?.writeText(url))
      created.replaceChildren(
        h('p', { text: 'Open this link on the screen (shown once; revoke it here when the screen goes):' }),
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

  el.replaceChildren(h('h2', { text: 'Wall-screen links' }), h('div.toolbar', null, name, create), created, list)
  void draw()
}
