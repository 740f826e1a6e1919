import { api, ApiError } from '../api.ts'
import { packageFileInput, readPackageFile } from '../admin/package-file.ts'
import { planHeadline, renderPlan } from '../admin/plan-view.ts'
import type { Say } from '../admin/say.ts'
import { h } from '../dom.ts'
import type { ApplyResult, PackagePlan, TenantOverview } from '../types.ts'

export interface ApplyPanel {
  /** Redraws the "applies to" line and the button after the selection changed. */
  update: () => void
}

const choice = (name: string, label: string, options: Array<[string, string]>) =>
  h('select', { name, 'aria-label': label }, ...options.map(([value, text]) => h('option', { value, text })))

/** One package file applied to the selected tenants, with each tenant's outcome. */
export function renderApply(el: HTMLElement, options: { say: Say; selected: Set<string>; tenants: () => TenantOverview[]; onApplied: () => void }): ApplyPanel {
  const { say } = options
  const fileChoice = packageFileInput(say)
  const file = fileChoice.input
  const mode = choice('mode', say('mode'), [
    ['', say('modeAuto')],
    ['import', say('modeImport')],
    ['upgrade', say('modeUpgrade')],
  ])
  const rule = choice('on-conflict', say('onConflict'), [
    ['', say('ruleStop')],
    ['keep-mine', say('ruleKeepMineLong')],
    ['take-theirs', say('ruleTakeTheirsLong')],
  ])
  const target = h('p.target')
  const apply = h('button', { type: 'submit', text: say('applyPackage') })
  const message = h('p.form-error', { role: 'alert' })
  const results = h('div.results')
  let pkg: object | null = null

  const nameOf = (id: string) => options.tenants().find((tenant) => tenant.id === id)?.name ?? id
  function update(): void {
    const ids = [...options.selected]
    target.textContent = ids.length === 0 ? say('selectTenants') : say('appliesTo', { n: ids.length, names: ids.map(nameOf).join(', ') })
    apply.disabled = ids.length === 0 || !pkg
  }

  file.addEventListener('change', async () => {
    pkg = null
    message.textContent = ''
    const chosen = file.files?.[0]
    if (chosen) {
      const read = await readPackageFile(chosen, say)
      if ('error' in read) message.textContent = read.error
      else pkg = read.pkg
    }
    update()
  })

  const form = h(
    'form.apply',
    null,
    h('div.file-field', null, h('span', { text: say('packageFile') }), fileChoice.element),
    h('label', null, say('mode'), mode),
    h('label', null, say('onConflict'), rule),
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
    results.replaceChildren(h('p.muted', { text: say('applying') }))
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
      h('h3', { text: say(failed === 0 ? 'appliedAll' : 'appliedSome', { name: pkgInfo.name, version: pkgInfo.version, n: list.length, ok: list.length - failed }) }),
      h(
        'ul.apply-results',
        null,
        ...list.map((result) =>
          h(
            `li.${result.ok ? 'ok' : 'failed'}`,
            { 'data-tenant': result.tenant },
            h(
              'div.result-head',
              null,
              h('strong', { text: nameOf(result.tenant) }),
              h(`span.badge.health-${result.ok ? 'ok' : 'error'}`, { text: say(result.mode === 'import' ? (result.ok ? 'resultImport' : 'failedImport') : result.ok ? 'resultUpgrade' : 'failedUpgrade') }),
            ),
            result.ok && result.plan ? h('details', null, h('summary', { text: summaryOf(result.plan) }), renderPlan(result.plan, say)) : h('p.form-error', { text: result.error?.message ?? say('notApplied') }),
          ),
        ),
      ),
    )
  }

  function summaryOf(plan: PackagePlan): string {
    const headline = planHeadline(plan, say)
    if (!plan.conflicts) return headline
    return say('settledBy', { headline, n: plan.conflicts, rule: say(plan.onConflict === 'take-theirs' ? 'ruleTakeTheirs' : 'ruleKeepMine') })
  }

  el.replaceChildren(h('h2', { text: say('applyHeading') }), form, results)
  update()
  return { update }
}
