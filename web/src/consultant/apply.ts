import { api, ApiError } from '../api.ts'
import { readPackageFile } from '../admin/package-file.ts'
import { planHeadline, renderPlan } from '../admin/plan-view.ts'
import { h } from '../dom.ts'
import type { ApplyResult, TenantOverview } from '../types.ts'

export interface ApplyPanel {
  /** Redraws the "applies to" line and the button after the selection changed. */
  update: () => void
}

const choice = (name: string, label: string, options: Array<[string, string]>) =>
  h('select', { name, 'aria-label': label }, ...options.map(([value, text]) => h('option', { value, text })))

/** One package file applied to the selected tenants, with each tenant's outcome. */
export function renderApply(el: HTMLElement, options: { selected: Set<string>; tenants: () => TenantOverview[]; onApplied: () => void }): ApplyPanel {
  const file = h('input', { type: 'file', name: 'package-file', accept: '.json,application/json', 'aria-label': 'Package file' })
  const mode = choice('mode', 'Mode', [
    ['', 'Import where new, upgrade where installed'],
    ['import', 'Import only'],
    ['upgrade', 'Upgrade only'],
  ])
  const rule = choice('on-conflict', 'On conflict', [
    ['', 'Stop that tenant on a conflict'],
    ['keep-mine', "Keep mine: the client's edits win"],
    ['take-theirs', "Take theirs: the package's version wins"],
  ])
  const target = h('p.target')
  const apply = h('button', { type: 'submit', text: 'Apply package' })
  const message = h('p.form-error', { role: 'alert' })
  const results = h('div.results')
  let pkg: object | null = null

  const nameOf = (id: string) => options.tenants().find((tenant) => tenant.id === id)?.name ?? id
  function update(): void {
    const ids = [...options.selected]
    target.textContent = ids.length === 0 ? 'Select tenants in the list.' : `Applies to ${ids.length}: ${ids.map(nameOf).join(', ')}`
    apply.disabled = ids.length === 0 || !pkg
  }

  file.addEventListener('change', async () => {
    pkg = null
    message.textContent = ''
    const chosen = file.files?.[0]
    if (chosen) {
      const read = await readPackageFile(chosen)
      if ('error' in read) message.textContent = read.error
      else pkg = read.pkg
    }
    update()
  })

  const form = h(
    'form.apply',
    null,
    h('label', null, 'Package file', file),
    h('label', null, 'Mode', mode),
    h('label', null, 'On conflict', rule),
    target,
    h('div.toolbar', null, apply),
    message,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const tenants = [...options.selected]
    if (!pkg || tenants.length === 0) return
    apply.disabled = true
    message.textContent = ''
    results.replaceChildren(h('p.muted', { text: 'Applying…' }))
    try {
      const body = { tenants, package: pkg, ...(mode.value ? { mode: mode.value } : {}), ...(rule.value ? { onConflict: rule.value } : {}) }
      const answer = await api<{ package: { name: string; version: string }; results: ApplyResult[] }>('/api/consultant/packages/apply', { method: 'POST', json: body, timeoutMs: 120_000 })
      drawResults(answer.package, answer.results)
      options.onApplied()
    } catch (error) {
      results.replaceChildren()
      message.textContent = error instanceof ApiError ? error.message : String(error)
    } finally {
      update()
    }
  })

  function drawResults(pkgInfo: { name: string; version: string }, list: ApplyResult[]): void {
    const failed = list.filter((result) => !result.ok).length
    results.replaceChildren(
      h('h3', { text: `${pkgInfo.name} ${pkgInfo.version}: ${failed === 0 ? `applied to all ${list.length}` : `${list.length - failed} of ${list.length} applied`}` }),
      h(
        'ul.apply-results',
        null,
        ...list.map((result) =>
          h(
            `li.${result.ok ? 'ok' : 'failed'}`,
            { 'data-tenant': result.tenant },
            h('div.result-head', null, h('strong', { text: nameOf(result.tenant) }), h(`span.badge.health-${result.ok ? 'ok' : 'error'}`, { text: result.ok ? result.mode : `${result.mode} failed` })),
            result.ok && result.plan
              ? h('details', null, h('summary', { text: `${planHeadline(result.plan)}${result.plan.conflicts ? `, ${result.plan.conflicts} conflicts settled by ${result.plan.onConflict}` : ''}` }), renderPlan(result.plan))
              : h('p.form-error', { text: result.error?.message ?? 'not applied' }),
          ),
        ),
      ),
    )
  }

  el.replaceChildren(h('h2', { text: 'Apply a package' }), form, results)
  update()
  return { update }
}
