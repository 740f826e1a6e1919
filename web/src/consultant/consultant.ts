import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import { renderLogin } from '../login.ts'
import type { Lang, TenantOverview } from '../types.ts'
import { renderApply } from './apply.ts'
import { renderTenantTable } from './tenant-table.ts'

const SESSION = '/api/consultant/session'

/** The consultant's page of a hosted install: every client MSP's health, and one package applied to several at once. */
export function startConsultant(root: HTMLElement, options: { lang: Lang }): void {
  document.documentElement.classList.add('admin-page')
  document.title = 'roleboard consultant'
  const login = () => renderLogin(root, { title: 'roleboard consultant', path: SESSION, onLoggedIn: (user) => open(root, user, options.lang, login) })
  void api<{ user: string }>(SESSION).then(
    (session) => open(root, session.user, options.lang, login),
    () => login(),
  )
}

function open(root: HTMLElement, user: string, lang: Lang, onLogout: () => void): void {
  const logout = h('button.secondary', { type: 'button', text: 'Log out' })
  const refresh = h('button.secondary', { type: 'button', text: 'Refresh' })
  const status = h('div.notice', { role: 'status', 'aria-live': 'polite' })
  const count = h('span.count')
  const table = h('div.table-box', null, h('p.muted', { text: '…' }))
  const applyPanel = h('section.panel.apply-panel')
  root.replaceChildren(
    h(
      'div.builder.consultant',
      null,
      h('header.topbar', null, h('strong', { text: 'roleboard consultant' }), status, h('span.user', { text: user }), logout),
      h(
        'div.columns',
        null,
        h('div.col', null, h('section.panel.tenants-panel', null, h('h2', { text: 'Client MSPs' }), h('div.toolbar', null, refresh, count), table)),
        h('div.col', null, applyPanel),
      ),
    ),
  )

  const selected = new Set<string>()
  let tenants: TenantOverview[] = []
  const apply = renderApply(applyPanel, { selected, tenants: () => tenants, onApplied: () => void load() })

  async function load(): Promise<void> {
    refresh.disabled = true
    try {
      tenants = (await api<{ tenants: TenantOverview[] }>('/api/consultant/tenants', { timeoutMs: 60_000 })).tenants
      for (const id of selected) if (!tenants.some((tenant) => tenant.id === id && !tenant.error)) selected.delete(id)
      table.replaceChildren(tenants.length === 0 ? h('p.muted', { text: 'No tenants yet: add one with roleboard hosted tenant add.' }) : renderTenantTable(tenants, selected, lang, apply.update))
      count.textContent = `${tenants.length} tenant${tenants.length === 1 ? '' : 's'}`
      apply.update()
      status.textContent = ''
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onLogout()
      status.textContent = error instanceof Error ? error.message : String(error)
      status.className = 'notice error'
    } finally {
      refresh.disabled = false
    }
  }

  refresh.addEventListener('click', () => void load())
  logout.addEventListener('click', async () => {
    await api(SESSION, { method: 'DELETE' }).catch(() => undefined)
    onLogout()
  })
  void load()
}
