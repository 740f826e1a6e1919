import { api, ApiError } from '../api.ts'
import { packageFileInput, readPackageFile } from '../admin/package-file.ts'
import { planHeadline, renderPlan } from '../admin/plan-view.ts'
import type { Say } from '../admin/say.ts'
import { h } from '../dom.ts'
import type {
  ApplyResult,
  PackagePlan,
  PackageRef,
  TenantOverview,
  TenantsApplyAnswer,
  TenantsPlanAnswer,
} from '../types.ts'

export interface ApplyPanel {
  /** Redraws the "applies to" line and the button after the selection changed. */
  update: () => void
}

const choice = (name: string, label: string, options: Array<[string, string]>) =>
  h('select', { name, 'aria-label': label }, ...options.map(([value, text]) => h('option', { value, text })))

/** One package file for the selected tenants: each tenant's plan first, then one confirm, then each tenant's outcome. */
export function renderApply(
  el: HTMLElement,
  options: { say: Say; selected: Set<string>; tenants: () => TenantOverview[]; onApplied: () => void },
): ApplyPanel {
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
  const apply = h('button', { type: 'submit', text: say('showPlans') })
  const message = h('p.form-error', { role: 'alert' })
  const results = h('div.results')
  let pkg: object | null = null

  const nameOf = (id: string) => options.tenants().find((tenant) => tenant.id === id)?.name ?? id
  function update(): void {
    const ids = [...options.selected]
    // Plans made for another selection are not the ones to confirm.
    const shown = results.querySelector<HTMLElement>('.plans')
    if (
      shown &&
      [...shown.querySelectorAll<HTMLElement>('.tenant-plans > li')].map((li) => li.dataset.tenant).join() !==
        ids.join()
    )
      forget()
    target.textContent =
      ids.length === 0 ? say('selectTenants') : say('appliesTo', { n: ids.length, names: ids.map(nameOf).join(', ') })
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
  /** The request both steps send: the plan shows exactly what the apply will write. */
  const requestFor = (tenants: string[]) => ({
    tenants,
    package: pkg,
    ...(mode.value ? { mode: mode.value } : {}),
    ...(rule.value ? { onConflict: rule.value } : {}),
  })

  // Step one: every selected tenant's plan, nothing written; step two is the confirm under the plans.
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const tenants = [...options.selected]
    if (!pkg || tenants.length === 0) return
    apply.disabled = true
    message.textContent = ''
    results.replaceChildren(h('p.muted', { text: say('planning') }))
    try {
      const body = requestFor(tenants)
      const answer = await api<TenantsPlanAnswer>('/api/consultant/packages/plan', {
        method: 'POST',
        json: body,
        timeoutMs: 120_000,
      })
      drawPlans(body, answer.package, answer.results)
    } catch (error) {
      results.replaceChildren()
      message.textContent = error instanceof ApiError ? error.message : String(error)
    } finally {
      update()
    }
  })
  // A plan holds for the file, mode, rule and tenants it was made for: any change asks for new plans.
  const forget = () => {
    if (results.querySelector('.plans')) results.replaceChildren()
  }
  for (const field of [file, mode, rule]) field.addEventListener('change', forget)

  /** One line for a tenant that cannot take the package as planned, in the page's language where the server gave a code. */
  function failureText(result: ApplyResult): string {
    const code = result.error?.code
    if (code === 'conflict' && result.plan) return say('planConflictsOpen', { n: result.plan.conflicts })
    if (code === 'unavailable') return say('tenantUnavailable')
    if (code === 'plan_changed') return say('planChanged')
    return say('noPlan', { message: result.error?.message ?? say('notApplied') })
  }

  /** One tenant's line of the plans or the results: its name and badges, then what follows. */
  function tenantItem(
    result: ApplyResult,
    state: string,
    badges: Array<HTMLElement | null>,
    ...body: Array<HTMLElement | null>
  ): HTMLElement {
    return h(
      `li.${state}`,
      { 'data-tenant': result.tenant },
      h('div.result-head', null, h('strong', { text: nameOf(result.tenant) }), ...badges),
      ...body,
    )
  }

  function drawPlans(body: ReturnType<typeof requestFor>, pkgInfo: PackageRef | null, list: ApplyResult[]): void {
    const ready = list.filter((result) => result.ok && result.planId)
    const confirm = h('button.confirm-apply', {
      type: 'button',
      text: say('applyToN', { n: ready.length }),
      disabled: ready.length === 0,
    })
    const cancel = h('button.secondary', { type: 'button', text: say('cancel') })
    cancel.addEventListener('click', () => results.replaceChildren())
    confirm.addEventListener('click', async () => {
      confirm.disabled = true
      cancel.disabled = true
      message.textContent = ''
      try {
        const tenants = ready.map((result) => result.tenant)
        // The plans shown travel along: a tenant whose dashboards changed since is not written.
        const plans = Object.fromEntries(ready.map((result) => [result.tenant, result.planId!]))
        const answer = await api<TenantsApplyAnswer>('/api/consultant/packages/apply', {
          method: 'POST',
          json: { ...body, tenants, plans },
          timeoutMs: 120_000,
        })
        drawResults(answer.package, answer.results)
        options.onApplied()
      } catch (error) {
        confirm.disabled = false
        cancel.disabled = false
        message.textContent = error instanceof ApiError ? error.message : String(error)
      }
    })
    results.replaceChildren(
      h(
        'div.plans',
        null,
        h('h3', {
          text: pkgInfo ? say('plansHeading', { name: pkgInfo.name, version: pkgInfo.version }) : say('plansNoPackage'),
        }),
        h(
          'ul.tenant-plans',
          null,
          ...list.map((result) =>
            tenantItem(
              result,
              result.ok ? 'ready' : 'failed',
              [
                result.mode
                  ? h('span.badge.mode', { text: say(result.mode === 'import' ? 'planModeImport' : 'planModeUpgrade') })
                  : null,
                result.ok ? null : h('span.badge.health-error', { text: say('notApplied') }),
              ],
              result.ok ? null : h('p.form-error.plan-failed', { text: failureText(result) }),
              result.plan ? renderPlan(result.plan, say) : null,
            ),
          ),
        ),
        h('div.toolbar.confirm-bar', null, confirm, cancel),
      ),
    )
  }

  function drawResults(pkgInfo: PackageRef, list: ApplyResult[]): void {
    const failed = list.filter((result) => !result.ok).length
    results.replaceChildren(
      h('h3', {
        text: say(failed === 0 ? 'appliedAll' : 'appliedSome', {
          name: pkgInfo.name,
          version: pkgInfo.version,
          n: list.length,
          ok: list.length - failed,
        }),
      }),
      h(
        'ul.apply-results',
        null,
        ...list.map((result) =>
          tenantItem(
            result,
            result.ok ? 'ok' : 'failed',
            [
              h(`span.badge.health-${result.ok ? 'ok' : 'error'}`, {
                text: say(
                  result.mode === 'upgrade'
                    ? result.ok
                      ? 'resultUpgrade'
                      : 'failedUpgrade'
                    : result.ok
                      ? 'resultImport'
                      : 'failedImport',
                ),
              }),
            ],
            result.ok && result.plan
              ? h('details', null, h('summary', { text: summaryOf(result.plan) }), renderPlan(result.plan, say))
              : h('p.form-error', { text: failureText(result) }),
          ),
        ),
      ),
    )
  }

  function summaryOf(plan: PackagePlan): string {
    const headline = planHeadline(plan, say)
    if (!plan.conflicts) return headline
    return say('settledBy', {
      headline,
      n: plan.conflicts,
      rule: say(plan.onConflict === 'take-theirs' ? 'ruleTakeTheirs' : 'ruleKeepMine'),
    })
  }

  el.replaceChildren(h('h2', { text: say('applyHeading') }), form, results)
  update()
  return { update }
}
