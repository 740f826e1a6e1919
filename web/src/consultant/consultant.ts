import { languageSelect } from '../admin/lang-select.ts'
import { texts } from '../admin/say.ts'
import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import { langFrom } from '../i18n.ts'
import { renderLogin } from '../login.ts'
import type { ConsultantSession, Lang, TenantList, TenantOverview } from '../types.ts'
import { renderApply } from './apply.ts'
import { renderTenantTable } from './tenant-table.ts'

const SESSION = '/api/consultant/session'

/** The consultant's page of a hosted install: every client MSP's health, and one package applied to several at once. */
export function startConsultant(root: HTMLElement): void {
  document.documentElement.classList.add('admin-page')
  document.title = 'roleboard consultant'
  // Read at each step: the language chosen on the login card or on the page holds from then on.
  const lang = () => langFrom(new URLSearchParams(window.location.search))
  const login = () =>
    renderLogin(root, {
      title: texts(lang())('consultantTitle'),
      path: SESSION,
      lang: lang(),
      onLoggedIn: (user) => open(root, user, lang(), login),
    })
  void api<ConsultantSession>(SESSION).then(
    (session) => open(root, session.user, lang(), login),
    () => login(),
  )
}

function open(root: HTMLElement, user: string, lang: Lang, onLogout: () => void): void {
  const say = texts(lang)
  document.documentElement.lang = lang
  const logout = h('button.secondary', { type: 'button', text: say('logOut') })
  const refresh = h('button.secondary', { type: 'button', text: say('refresh') })
  const status = h('div.notice', { role: 'status', 'aria-live': 'polite' })
  const count = h('span.count')
  const table = h('div.table-box', null, h('p.muted', { text: '…' }))
  const applyPanel = h('section.panel.apply-panel')
  root.replaceChildren(
    h(
      'div.builder.consultant',
      null,
      h(
        'header.topbar',
        null,
        h('strong', { text: say('consultantTitle') }),
        languageSelect(lang, (next) => open(root, user, next, onLogout)),
        status,
        h('span.user', { text: user }),
        logout,
      ),
      h(
        'div.columns',
        null,
        h(
          'div.col',
          null,
          h(
            'section.panel.tenants-panel',
            null,
            h('h2', { text: say('clientMsps') }),
            h('div.toolbar', null, refresh, count),
            table,
          ),
        ),
        h('div.col', null, applyPanel),
      ),
    ),
  )

  const selected = new Set<string>()
  let tenants: TenantOverview[] = []
  const apply = renderApply(applyPanel, { say, selected, tenants: () => tenants, onApplied: () => void load() })

  async function load(): Promise<void> {
    refresh.disabled = true
    try {
      tenants = (await api<TenantList>('/api/consultant/tenants', { timeoutMs: 60_000 })).tenants
      for (const id of selected) if (!tenants.some((tenant) => tenant.id === id && !tenant.error)) selected.delete(id)
      table.replaceChildren(
        tenants.length === 0
          ? h('p.muted', { text: say('noTenants') })
          : renderTenantTable(tenants, selected, say, apply.update),
      )
      count.textContent = say('tenantCount', { n: tenants.length })
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
