import { api, ApiError, BASE, query } from '../api.ts'
import { h } from '../dom.ts'
import type { DashboardDefinition, Lang, LibraryKpi, RoleInfo } from '../types.ts'
import { renderActions } from './actions.ts'
import { renderLibrary, updateLibrary } from './library.ts'
import { renderLinks } from './links.ts'
import { renderPackages } from './packages.ts'
import { renderPreview } from './preview.ts'
import { renderStripEditor } from './strip-editor.ts'
import { renderTilesEditor } from './tiles-editor.ts'

export interface BuilderContext {
  lang: Lang
  role: string
  library: LibraryKpi[]
  kpi: (id: string) => LibraryKpi | undefined
  definition: DashboardDefinition
  stripCount: number
  /** Sends a change to the server, then redraws the builder and the preview. */
  change: (path: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', json?: unknown) => Promise<boolean>
  refresh: () => Promise<void>
  notify: (text: string, level?: 'ok' | 'error') => void
}

export function startBuilder(root: HTMLElement, options: { lang: Lang; user: string; onLogout: () => void }): void {
  let lang = options.lang
  const roleSelect = h('select', { 'aria-label': 'Role', name: 'role' })
  const langSelect = h('select', { 'aria-label': 'Language', name: 'lang' }, h('option', { value: 'en', text: 'English' }), h('option', { value: 'nl', text: 'Nederlands' }))
  langSelect.value = lang
  const logout = h('button.secondary', { type: 'button', text: 'Log out' })
  const status = h('div.notice', { role: 'status', 'aria-live': 'polite' })
  const sections = {
    tiles: h('section.panel.tiles-panel'),
    preview: h('section.panel.preview-panel'),
    library: h('section.panel.library-panel'),
    strip: h('section.panel.strip-panel'),
    links: h('section.panel.links-panel'),
    actions: h('section.panel.actions-panel'),
  }
  const roleLabel = h('label', null, 'Dashboard of ', roleSelect)
  const tabs = { dashboards: h('button.tab', { type: 'button', text: 'Dashboards' }), packages: h('button.tab', { type: 'button', text: 'Packages' }) }
  const views = {
    dashboards: h('div.columns', null, h('div.col', null, sections.tiles, sections.strip, sections.links, sections.actions), h('div.col', null, sections.preview, sections.library)),
    packages: h('div.packages-view'),
  }
  root.replaceChildren(
    h(
      'div.builder',
      null,
      h('header.topbar', null, h('strong', { text: 'roleboard builder' }), h('nav.tabs', { 'aria-label': 'Builder' }, tabs.dashboards, tabs.packages), roleLabel, h('label', null, 'Language ', langSelect), status, h('span.user', { text: options.user }), logout),
      views.dashboards,
      views.packages,
    ),
  )

  let library: LibraryKpi[] = []
  let ctx: BuilderContext | null = null
  let noticeTimer = 0
  const notify = (text: string, level: 'ok' | 'error' = 'ok') => {
    status.textContent = text
    status.className = `notice ${level}`
    window.clearTimeout(noticeTimer)
    if (level === 'ok') noticeTimer = window.setTimeout(() => (status.textContent = ''), 4000)
  }

  async function load(role: string, fully: boolean): Promise<void> {
    const [definition, strip] = await Promise.all([
      api<DashboardDefinition>(`/api/dashboards/${role}/definition`),
      api<{ goals: unknown[] }>('/api/company-strip'),
    ])
    ctx = {
      lang,
      role,
      library,
      kpi: (id) => library.find((kpi) => kpi.id === id),
      definition,
      stripCount: strip.goals.length,
      change: async (path, method, json) => {
        try {
          await api(path, { method, ...(json === undefined ? {} : { json }) })
          await load(role, false)
          return true
        } catch (error) {
          notify(error instanceof ApiError ? error.message : String(error), 'error')
          return false
        }
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
    } else {
      updateLibrary(sections.library, ctx)
    }
    void renderActions(sections.actions, ctx)
  }

  async function loadAll(): Promise<void> {
    try {
      const [{ roles }, kpis] = await Promise.all([api<{ roles: RoleInfo[] }>('/api/roles'), api<{ kpis: LibraryKpi[] }>(`/api/kpis${query({ lang })}`)])
      library = kpis.kpis
      const wanted = ctx?.role ?? new URLSearchParams(window.location.search).get('role')
      roleSelect.replaceChildren(...roles.filter((r) => r.dashboard).map((role) => h('option', { value: role.id, text: role.name[lang] })))
      if (wanted && roles.some((role) => role.id === wanted && role.dashboard)) roleSelect.value = wanted
      await load(roleSelect.value, true)
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error')
    }
  }

  // The Packages tab lives at /admin/packages, so a reload or a shared link opens it again.
  let view: keyof typeof views = window.location.pathname.slice(BASE.length).replace(/\/$/, '') === '/admin/packages' ? 'packages' : 'dashboards'
  let dashboardsLoaded = false
  let packagesDrawn = false
  function show(next: keyof typeof views): void {
    view = next
    for (const [name, el] of Object.entries(views)) el.hidden = name !== view
    for (const [name, tab] of Object.entries(tabs)) tab.setAttribute('aria-pressed', String(name === view))
    roleLabel.hidden = view !== 'dashboards'
    const url = new URL(window.location.href)
    url.pathname = `${BASE}/admin${view === 'packages' ? '/packages' : ''}`
    history.replaceState(null, '', url)
    if (view === 'dashboards' && !dashboardsLoaded) {
      dashboardsLoaded = true
      void loadAll()
    }
    if (view === 'packages' && !packagesDrawn) {
      packagesDrawn = true
      // A package rewrites dashboards and may add a role: the dashboards tab reloads when next shown.
      renderPackages(views.packages, { lang, notify, onChanged: () => (dashboardsLoaded = false) })
    }
  }
  tabs.dashboards.addEventListener('click', () => show('dashboards'))
  tabs.packages.addEventListener('click', () => show('packages'))
  show(view)

  roleSelect.addEventListener('change', () => {
    const url = new URL(window.location.href)
    url.searchParams.set('role', roleSelect.value)
    history.replaceState(null, '', url)
    void load(roleSelect.value, true)
  })
  langSelect.addEventListener('change', () => {
    lang = langSelect.value === 'nl' ? 'nl' : 'en'
    localStorage.setItem('roleboard.lang', lang)
    dashboardsLoaded = packagesDrawn = false
    show(view)
  })
  logout.addEventListener('click', async () => {
    await api('/api/session', { method: 'DELETE' }).catch(() => undefined)
    options.onLogout()
  })
}

export function kindLabel(kind: string): string {
  return { number: 'number', trend: 'trend', breakdown: 'breakdown', list: 'action list' }[kind] ?? kind
}
