import { PSA_TITLES } from '../../../server/wire/psa-names.ts'
import { api, ApiError, BASE, query } from '../api.ts'
import { h } from '../dom.ts'
import type {
  DashboardDefinition,
  Kind,
  KpiList,
  Lang,
  LibraryKpi,
  PsaInfo,
  RoleInfo,
  RoleList,
  SettingsView,
  Strip,
  WallData,
} from '../types.ts'
import { renderActions } from './actions.ts'
import { languageSelect } from './lang-select.ts'
import { renderLibrary, updateLibrary } from './library.ts'
import { renderLinks, renderPersonLinks } from './links.ts'
import { renderNudges } from './nudges-panel.ts'
import { renderReports } from './reports-panel.ts'
import { renderPackages } from './packages.ts'
import { renderSettings } from './settings-panel.ts'
import { renderWebhooks } from './webhooks-panel.ts'
import { renderBudget } from './budget-panel.ts'
import { renderPreview } from './preview.ts'
import { renderRolesEditor } from './roles-editor.ts'
import { renderStripEditor } from './strip-editor.ts'
import { type Say, texts } from './say.ts'
import { renderTilesEditor } from './tiles-editor.ts'

export interface BuilderContext {
  lang: Lang
  say: Say
  role: string
  library: LibraryKpi[]
  kpi: (id: string) => LibraryKpi | undefined
  definition: DashboardDefinition
  /** The role's wall as it is now, in this language (asked once per redraw, for its rows and title). */
  wall: Promise<WallData>
  stripCount: number
  /** KPI parameter defaults from the MSP settings (a tile's value in force when it sets none). */
  settingDefaults: Record<string, unknown>
  /** Sends a change to the server, then redraws the builder and the preview; a refusal shows in the top bar. */
  change: (path: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', json?: unknown) => Promise<boolean>
  /** The same, for a form that shows a refusal itself: the server's reason, or null once saved and redrawn. */
  save: (path: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', json?: unknown) => Promise<string | null>
  refresh: () => Promise<void>
  notify: (text: string, level?: 'ok' | 'error') => void
}

/** The builder in one language; choosing another draws it again, on the same tab and role. */
export function startBuilder(root: HTMLElement, options: { lang: Lang; user: string; onLogout: () => void }): void {
  const { lang } = options
  const say = texts(lang)
  document.documentElement.lang = lang
  const roleSelect = h('select', { 'aria-label': say('role'), name: 'role' })
  const logout = h('button.secondary', { type: 'button', text: say('logOut') })
  const status = h('div.notice', { role: 'status', 'aria-live': 'polite' })
  // Which PSA the data comes from: asked once, for the top bar and for the settings that are Autotask's alone.
  const psa = api<PsaInfo>('/api/psa').catch(() => null)
  const psaLabel = h('span.psa', { 'data-psa': '' })
  void psa.then((info) => {
    if (!info) return
    psaLabel.dataset.psa = info.psa ?? 'none'
    psaLabel.textContent = info.psa ? say('psaFrom', { psa: PSA_TITLES[info.psa] }) : say('psaNone')
    if (info.host) psaLabel.title = info.host
  })
  const sections = {
    tiles: h('section.panel.tiles-panel'),
    preview: h('section.panel.preview-panel'),
    library: h('section.panel.library-panel'),
    strip: h('section.panel.strip-panel'),
    links: h('section.panel.links-panel'),
    people: h('section.panel.people-panel'),
    roles: h('section.panel.roles-panel'),
    actions: h('section.panel.actions-panel'),
    nudges: h('section.panel.nudges-panel'),
    reports: h('section.panel.reports-panel'),
  }
  const roleLabel = h('label', null, `${say('dashboardOf')} `, roleSelect)
  const tabs = {
    dashboards: h('button.tab', { type: 'button', text: say('tabDashboards') }),
    packages: h('button.tab', { type: 'button', text: say('tabPackages') }),
    settings: h('button.tab', { type: 'button', text: say('tabSettings') }),
  }
  const settingsForm = h('div')
  const webhooksPanel = h('section.panel.webhooks-panel')
  const budgetPanel = h('section.panel.budget-panel')
  const views = {
    dashboards: h(
      'div.columns',
      null,
      h(
        'div.col',
        null,
        sections.roles,
        sections.tiles,
        sections.strip,
        sections.links,
        sections.people,
        sections.actions,
        sections.nudges,
        sections.reports,
      ),
      h('div.col', null, sections.preview, sections.library),
    ),
    packages: h('div.packages-view'),
    settings: h('div.settings-view', null, settingsForm, webhooksPanel, budgetPanel),
  }
  root.replaceChildren(
    h(
      'div.builder',
      null,
      h(
        'header.topbar',
        null,
        h('strong', { text: say('builderTitle') }),
        psaLabel,
        h('nav.tabs', { 'aria-label': say('builderNav') }, tabs.dashboards, tabs.packages, tabs.settings),
        roleLabel,
        languageSelect(lang, (next) => startBuilder(root, { ...options, lang: next })),
        status,
        h('span.user', { text: options.user }),
        logout,
      ),
      views.dashboards,
      views.packages,
      views.settings,
    ),
  )

  let library: LibraryKpi[] = []
  let roles: RoleInfo[] = []
  let ctx: BuilderContext | null = null
  let noticeTimer = 0
  const notify = (text: string, level: 'ok' | 'error' = 'ok') => {
    status.textContent = text
    status.className = `notice ${level}`
    window.clearTimeout(noticeTimer)
    if (level === 'ok') noticeTimer = window.setTimeout(() => (status.textContent = ''), 4000)
  }

  async function load(role: string, fully: boolean): Promise<void> {
    const [definition, strip, settings] = await Promise.all([
      api<DashboardDefinition>(`/api/dashboards/${role}/definition`),
      api<Strip>('/api/company-strip'),
      api<SettingsView>('/api/settings'),
    ])
    const save: BuilderContext['save'] = async (path, method, json) => {
      try {
        await api(path, { method, ...(json === undefined ? {} : { json }) })
      } catch (error) {
        return error instanceof ApiError ? error.message : String(error)
      }
      await load(role, false)
      return null
    }
    ctx = {
      lang,
      say,
      role,
      library,
      kpi: (id) => library.find((kpi) => kpi.id === id),
      definition,
      wall: api<WallData>(`/api/dashboards/${role}${query({ lang })}`),
      stripCount: strip.goals.length,
      settingDefaults: settings.paramDefaults,
      save,
      change: async (path, method, json) => {
        const error = await save(path, method, json)
        if (error) notify(error, 'error')
        return error === null
      },
      refresh: () => load(role, false),
      notify,
    }
    renderTilesEditor(sections.tiles, ctx)
    renderPreview(sections.preview, ctx, !fully)
    if (fully) {
      renderLibrary(sections.library, ctx)
      renderStripEditor(sections.strip, ctx)
      renderLinks(sections.links, ctx)
      renderPersonLinks(sections.people, ctx)
    } else {
      updateLibrary(sections.library, ctx)
    }
    // Redrawn with every change: the title field shows what was saved.
    renderRolesEditor(sections.roles, ctx, roles, (select) => loadRoles(select))
    void renderActions(sections.actions, ctx)
    void renderNudges(sections.nudges, ctx)
    void renderReports(sections.reports, ctx)
  }

  async function loadAll(): Promise<void> {
    try {
      const kpis = await api<KpiList>(`/api/kpis${query({ lang })}`)
      library = kpis.kpis
      await loadRoles(ctx?.role ?? new URLSearchParams(window.location.search).get('role'))
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error')
    }
  }

  /** The role list again (a role added, renamed or deleted), then the `wanted` role or the first. */
  async function loadRoles(wanted?: string | null): Promise<void> {
    roles = (await api<RoleList>('/api/roles')).roles
    roleSelect.replaceChildren(
      ...roles.filter((r) => r.dashboard).map((role) => h('option', { value: role.id, text: role.name[lang] })),
    )
    if (wanted && roles.some((role) => role.id === wanted && role.dashboard)) roleSelect.value = wanted
    const url = new URL(window.location.href)
    url.searchParams.set('role', roleSelect.value)
    history.replaceState(null, '', url)
    await load(roleSelect.value, true)
  }

  // The Packages and Settings tabs live at /admin/packages and /admin/settings, so a reload or a shared link opens them again.
  const path = window.location.pathname.slice(BASE.length).replace(/\/$/, '')
  let view: keyof typeof views =
    path === '/admin/packages' ? 'packages' : path === '/admin/settings' ? 'settings' : 'dashboards'
  let settingsDrawn = false
  let dashboardsLoaded = false
  let packagesDrawn = false
  function show(next: keyof typeof views): void {
    view = next
    for (const [name, el] of Object.entries(views)) el.hidden = name !== view
    for (const [name, tab] of Object.entries(tabs)) tab.setAttribute('aria-pressed', String(name === view))
    roleLabel.hidden = view !== 'dashboards'
    const url = new URL(window.location.href)
    url.pathname = `${BASE}/admin${view === 'dashboards' ? '' : `/${view}`}`
    history.replaceState(null, '', url)
    if (view === 'dashboards' && !dashboardsLoaded) {
      dashboardsLoaded = true
      void loadAll()
    }
    if (view === 'settings' && !settingsDrawn) {
      settingsDrawn = true
      // Settings change the values in force of the tiles' parameters: the dashboards tab reloads when next shown.
      renderSettings(settingsForm, { lang, say, notify, onChanged: () => (dashboardsLoaded = false) })
      // Webhooks and the API budget are Autotask's: on ConnectWise PSA one line says so instead.
      void psa.then((info) => {
        if (info?.psa === 'connectwise') {
          webhooksPanel.replaceChildren(h('p.hint', { 'data-psa': 'autotask-only', text: say('psaAutotaskOnly') }))
          budgetPanel.hidden = true
        } else {
          renderWebhooks(webhooksPanel, { say })
          renderBudget(budgetPanel, { say })
        }
      })
    }
    if (view === 'packages' && !packagesDrawn) {
      packagesDrawn = true
      // A package rewrites dashboards and may add a role: the dashboards tab reloads when next shown.
      renderPackages(views.packages, { lang, say, notify, onChanged: () => (dashboardsLoaded = false) })
    }
  }
  tabs.dashboards.addEventListener('click', () => show('dashboards'))
  tabs.packages.addEventListener('click', () => show('packages'))
  tabs.settings.addEventListener('click', () => show('settings'))
  show(view)

  roleSelect.addEventListener('change', () => {
    // In the address, so a reload or a change of language opens the same role.
    const url = new URL(window.location.href)
    url.searchParams.set('role', roleSelect.value)
    history.replaceState(null, '', url)
    void load(roleSelect.value, true)
  })
  logout.addEventListener('click', async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined)
    options.onLogout()
  })
}

export function kindLabel(kind: Kind, say: Say): string {
  return say(
    ({ number: 'kindNumber', trend: 'kindTrend', breakdown: 'kindBreakdown', list: 'kindList' } as const)[kind],
  )
}
