import type { Say } from '../admin/say.ts'
import { h } from '../dom.ts'
import { formatDateTime } from '../format.ts'
import type { TenantOverview } from '../types.ts'
import { openTenantBuilder } from './handoff.ts'

function syncCell(tenant: TenantOverview, say: Say): HTMLElement {
  const sync = tenant.sync
  if (!sync) return h('td.sync')
  const state = sync.running ? 'running' : sync.ok === null ? 'never' : sync.ok ? 'ok' : 'error'
  const label = say(({ running: 'syncRunning', never: 'syncNever', ok: 'syncOk', error: 'syncError' } as const)[state])
  return h(
    'td.sync',
    { 'data-sync': state },
    h(`span.badge.health-${state}`, { text: label }),
    sync.at ? h('span.when', { text: ` ${formatDateTime(sync.at, say.lang)}` }) : null,
    sync.ok === false && sync.error ? h('div.sync-error', { text: sync.error }) : null,
  )
}

function redCell(tenant: TenantOverview, say: Say): HTMLElement {
  const red = tenant.redKpis
  if (!red) return h('td.red')
  const byRole = Object.entries(red.byRole)
    .filter(([, n]) => n > 0)
    .map(([role, n]) => `${role}: ${n}`)
    .join('\n')
  return h(
    'td.red',
    { title: byRole || say('noRedKpi') },
    h(`span.red-count${red.total > 0 ? '.some' : ''}`, { text: String(red.total) }),
  )
}

function packagesCell(tenant: TenantOverview, say: Say): HTMLElement {
  if (tenant.packages === undefined) return h('td.packages')
  if (tenant.packages.length === 0) return h('td.packages', null, h('span.muted', { text: say('none') }))
  return h(
    'td.packages',
    null,
    h(
      'div.package-badges',
      null,
      ...tenant.packages.map((pkg) =>
        h('span.badge.version', { 'data-package': pkg.id, text: `${pkg.id} ${pkg.version}` }),
      ),
    ),
  )
}

/** Opens the tenant's builder with the consultant's own session (a one-time code), no tenant password. */
function builderCell(tenant: TenantOverview, say: Say): HTMLElement {
  const open = h('button.link.builder-link', { type: 'button', text: say('openBuilder') })
  const failed = h('div.sync-error', { role: 'alert' })
  open.addEventListener('click', () => {
    failed.textContent = ''
    open.disabled = true
    openTenantBuilder(tenant.id, say.lang)
      .catch(
        (error: unknown) =>
          (failed.textContent = say('builderNotOpened', {
            message: error instanceof Error ? error.message : String(error),
          })),
      )
      .finally(() => (open.disabled = false))
  })
  return h('td', null, open, failed)
}

function toggle(set: Set<string>, id: string, on: boolean): void {
  if (on) set.add(id)
  else set.delete(id)
}

/** Every tenant with its health; the checkboxes fill `selected`, and `onSelect` hears each change. */
export function renderTenantTable(
  tenants: TenantOverview[],
  selected: Set<string>,
  say: Say,
  onSelect: () => void,
): HTMLElement {
  const openable = tenants.filter((tenant) => !tenant.error)
  const all = h('input', { type: 'checkbox', 'aria-label': say('selectAll'), name: 'all-tenants' })
  const boxes: HTMLInputElement[] = []
  const syncAll = () => {
    all.checked = openable.length > 0 && openable.every((tenant) => selected.has(tenant.id))
    all.indeterminate = !all.checked && openable.some((tenant) => selected.has(tenant.id))
  }
  all.addEventListener('change', () => {
    for (const tenant of openable) toggle(selected, tenant.id, all.checked)
    for (const box of boxes) if (!box.disabled) box.checked = all.checked
    syncAll()
    onSelect()
  })
  const rows = tenants.map((tenant) => {
    const box = h('input', {
      type: 'checkbox',
      name: 'tenant',
      value: tenant.id,
      'aria-label': say('selectTenant', { name: tenant.name }),
      checked: selected.has(tenant.id),
      disabled: Boolean(tenant.error),
    })
    boxes.push(box)
    box.addEventListener('change', () => {
      toggle(selected, tenant.id, box.checked)
      syncAll()
      onSelect()
    })
    const name = h(
      'td.name',
      null,
      h('strong', { text: tenant.name }),
      h('div.muted', { text: `${tenant.id} · ${tenant.source}` }),
    )
    if (tenant.error)
      return h(
        'tr.broken',
        { 'data-tenant': tenant.id },
        h('td', null, box),
        name,
        h('td.form-error', { colspan: 4, text: tenant.error }),
      )
    return h(
      'tr',
      { 'data-tenant': tenant.id },
      h('td', null, box),
      name,
      syncCell(tenant, say),
      redCell(tenant, say),
      packagesCell(tenant, say),
      builderCell(tenant, say),
    )
  })
  syncAll()
  return h(
    'table.tenants',
    null,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, all),
        h('th', { text: say('colTenant') }),
        h('th', { text: say('colSync') }),
        h('th', { text: say('colRed') }),
        h('th', { text: say('colPackages') }),
        h('th'),
      ),
    ),
    h('tbody', null, ...rows),
  )
}
