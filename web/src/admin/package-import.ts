import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import type { ConflictRule, PackagePlan } from '../types.ts'
import { packageFileInput, readPackageFile } from './package-file.ts'
import { renderPlan } from './plan-view.ts'
import type { Say } from './say.ts'

export interface ImportOptions {
  say: Say
  roleName: (id: string) => string
  notify: (text: string, level?: 'ok' | 'error') => void
  /** After a package was written: the installed list and the dashboards are out of date. */
  onApplied: (plan: PackagePlan) => void
}

const errorText = (error: unknown) => (error instanceof ApiError ? error.message : String(error))

/** Import or upgrade from a file: the server's plan first, then the user confirms (choosing a conflict rule when needed). */
export function renderImport(el: HTMLElement, options: ImportOptions): void {
  const { say } = options
  const choice = packageFileInput(say)
  const file = choice.input
  const message = h('p.form-error', { role: 'alert' })
  const planBox = h('div.plan-box')
  const confirmBox = h('div.toolbar.confirm')
  let pkg: object | null = null
  let rule: ConflictRule | null = null
  // Answers arrive out of order when the user picks files quickly; only the latest one is drawn.
  let asked = 0

  function reset(): void {
    pkg = null
    rule = null
    choice.clear()
    planBox.replaceChildren()
    confirmBox.replaceChildren()
  }

  async function diff(): Promise<void> {
    const ticket = ++asked
    message.textContent = ''
    try {
      const plan = await api<PackagePlan>('/api/packages/diff', {
        method: 'POST',
        json: { package: pkg, ...(rule ? { onConflict: rule } : {}) },
      })
      if (ticket === asked) draw(plan)
    } catch (error) {
      if (ticket !== asked) return
      planBox.replaceChildren()
      confirmBox.replaceChildren()
      message.textContent = errorText(error)
    }
  }

  function draw(plan: PackagePlan): void {
    planBox.replaceChildren(renderPlan(plan, say, options.roleName))
    const needsRule = plan.mode === 'upgrade' && plan.conflicts > 0
    const confirm = h('button', {
      type: 'button',
      name: 'confirm-package',
      text:
        plan.mode === 'import'
          ? say('importButton', { name: plan.name, version: plan.version })
          : say('upgradeButton', { version: plan.version }),
    })
    const cancel = h('button.secondary', { type: 'button', text: say('cancel') })
    confirm.disabled = needsRule && !rule
    cancel.addEventListener('click', reset)
    confirm.addEventListener('click', () => void apply(plan, confirm))
    const hint = say('chooseRuleFirst', { n: plan.conflicts })
    confirmBox.replaceChildren(
      ...(needsRule ? [ruleChooser(plan.conflicts)] : []),
      confirm,
      cancel,
      ...(needsRule && !rule ? [h('span.muted', { text: hint })] : []),
    )
  }

  function ruleChooser(conflicts: number): HTMLElement {
    const choices: Array<[ConflictRule, string]> = [
      ['keep-mine', say('keepMine')],
      ['take-theirs', say('takeTheirs')],
    ]
    return h(
      'fieldset.rule',
      null,
      h('legend', { text: say('onTheConflict', { n: conflicts }) }),
      ...choices.map(([value, label]) => {
        const radio = h('input', { type: 'radio', name: 'on-conflict', value, checked: rule === value })
        radio.addEventListener('change', () => {
          rule = value
          void diff()
        })
        return h('label', null, radio, ` ${label}`)
      }),
    )
  }

  async function apply(plan: PackagePlan, button: HTMLButtonElement): Promise<void> {
    button.disabled = true
    message.textContent = ''
    try {
      const done =
        plan.mode === 'import'
          ? await api<PackagePlan>('/api/packages/import', { method: 'POST', json: { package: pkg } })
          : await api<PackagePlan>('/api/packages/upgrade', {
              method: 'POST',
              json: { package: pkg, ...(rule ? { onConflict: rule } : {}) },
            })
      reset()
      planBox.replaceChildren(
        h('p.done', {
          text: say('wallsFollow', {
            done: say(done.mode === 'import' ? 'imported' : 'upgraded', {
              name: done.name,
              version: done.version,
              from: done.from ?? '',
            }),
          }),
        }),
      )
      options.notify(say('isInstalled', { name: done.name, version: done.version }))
      options.onApplied(done)
    } catch (error) {
      button.disabled = false
      message.textContent = errorText(error)
    }
  }

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0]
    pkg = null
    rule = null
    planBox.replaceChildren()
    confirmBox.replaceChildren()
    message.textContent = ''
    if (!chosen) return
    const read = await readPackageFile(chosen, say)
    if ('error' in read) {
      asked++
      message.textContent = read.error
      return
    }
    pkg = read.pkg
    await diff()
  })

  el.replaceChildren(
    h('h2', { text: say('importHeading') }),
    h('p.muted', { text: say('importIntro') }),
    h('div.toolbar', null, choice.element),
    message,
    planBox,
    confirmBox,
  )
}
