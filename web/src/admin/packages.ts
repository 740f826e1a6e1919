import { api } from '../api.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import type { InstalledPackages, Lang, RoleInfo, RoleList } from '../types.ts'
import { renderExport } from './package-export.ts'
import { renderImport } from './package-import.ts'
import type { Say } from './say.ts'

export interface PackagesOptions {
  lang: Lang
  say: Say
  notify: (text: string, level?: 'ok' | 'error') => void
  /** A package changed the dashboards (and perhaps added a role). */
  onChanged: () => void
}

/** The builder's Packages tab: what is installed, export, and import/upgrade with the plan shown first. */
export function renderPackages(root: HTMLElement, options: PackagesOptions): void {
  const { say } = options
  const installed = h('section.panel.installed-panel')
  const exporter = h('section.panel.export-panel')
  const importer = h('section.panel.import-panel')
  root.replaceChildren(h('div.columns', null, h('div.col', null, installed, exporter), h('div.col', null, importer)))
  let roles: RoleInfo[] = []
  const roleName = (id: string) => roles.find((role) => role.id === id)?.name[options.lang] ?? id

  async function drawInstalled(): Promise<void> {
    const { packages } = await api<InstalledPackages>('/api/packages')
    installed.replaceChildren(
      h('h2', { text: say('installedPackages') }),
      packages.length === 0
        ? h('p.muted', { text: say('noPackages') })
        : h(
            'ul.package-list',
            null,
            ...packages.map((pkg) =>
              h(
                'li',
                { 'data-package': pkg.name },
                h(
                  'div.card-head',
                  null,
                  h('strong', { text: pkg.name }),
                  h('span.badge.version', { text: pkg.version }),
                ),
                h('p.description', { text: pkg.description }),
                h('p.muted', {
                  text: [
                    say('by', { author: pkg.author }),
                    say('dashboardsList', { list: pkg.roles.map(roleName).join(', ') }),
                    pkg.strip ? say('companyStrip') : null,
                    say('installedAt', { at: formatDateTime(pkg.installedAt, options.lang) }),
                  ]
                    .filter(Boolean)
                    .join(' · '),
                }),
              ),
            ),
          ),
    )
  }

  async function drawAll(): Promise<void> {
    roles = (await api<RoleList>('/api/roles')).roles
    await drawInstalled()
    renderExport(exporter, roles, options)
  }

  renderImport(importer, {
    say,
    roleName,
    notify: options.notify,
    onApplied: () => {
      options.onChanged()
      // A package can create a role: the export choices follow.
      void drawAll().catch((error: Error) => options.notify(error.message, 'error'))
    },
  })
  installed.replaceChildren(h('h2', { text: say('installedPackages') }), h('p.muted', { text: '…' }))
  void drawAll().catch((error: Error) => options.notify(error.message, 'error'))
}
