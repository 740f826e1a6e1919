import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import type { StripGoal } from '../types.ts'
import type { BuilderContext } from './builder.ts'

/** The company strip: the few goals every wall shows on top. Edited as a whole, then saved. */
export function renderStripEditor(el: HTMLElement, ctx: BuilderContext): void {
  let goals: StripGoal[] = []
  const list = h('ol.strip-list')
  const picker = h('select', { 'aria-label': 'Goal to add', name: 'goal' }, ...ctx.library.filter((kpi) => kpi.kind !== 'list').map((kpi) => h('option', { value: kpi.id, text: kpi.title[ctx.lang] })))
  const add = h('button.secondary', { type: 'button', text: 'Add goal' })
  const save = h('button', { type: 'button', text: 'Save strip' })

  function draw(): void {
    list.replaceChildren(
      ...goals.map((goal, index) => {
        const kpi = ctx.kpi(goal.kpi)
        const title = kpi ? kpi.title[ctx.lang] : goal.kpi
        const target = h('input', { type: 'number', step: 'any', 'aria-label': `Target of ${title}`, placeholder: kpi?.band ? String(kpi.band.target) : '' })
        const warn = h('input', { type: 'number', step: 'any', 'aria-label': `Tolerance of ${title}`, placeholder: kpi?.band ? String(kpi.band.warn) : '' })
        if (goal.target !== null) target.value = String(goal.target)
        if (goal.warn !== null) warn.value = String(goal.warn)
        target.addEventListener('change', () => (goal.target = target.value === '' ? null : Number(target.value)))
        warn.addEventListener('change', () => (goal.warn = warn.value === '' ? null : Number(warn.value)))
        const up = h('button.secondary', { type: 'button', text: '↑', 'aria-label': `Move ${title} up`, disabled: index === 0 })
        const down = h('button.secondary', { type: 'button', text: '↓', 'aria-label': `Move ${title} down`, disabled: index === goals.length - 1 })
        const remove = h('button.danger', { type: 'button', text: 'Remove', 'aria-label': `Remove ${title}` })
        up.addEventListener('click', () => swap(index, index - 1))
        down.addEventListener('click', () => swap(index, index + 1))
        remove.addEventListener('click', () => {
          goals.splice(index, 1)
          draw()
        })
        return h('li', null, h('strong', { text: title }), kpi?.band ? h('label.band', null, 'target ', target) : null, kpi?.band ? h('label.band', null, 'warn at ', warn) : null, up, down, remove)
      }),
    )
    add.disabled = goals.length >= 8
  }

  function swap(a: number, b: number): void {
    ;[goals[a], goals[b]] = [goals[b]!, goals[a]!]
    draw()
  }

  add.addEventListener('click', () => {
    goals.push({ kpi: picker.value, target: null, warn: null })
    draw()
  })
  save.addEventListener('click', async () => {
    try {
      await api('/api/company-strip', { method: 'PUT', json: { goals: goals.map(({ kpi, params, target, warn }) => ({ kpi, ...(params ? { params } : {}), ...(target !== null ? { target } : {}), ...(warn !== null ? { warn } : {}) })) } })
      ctx.notify('Company strip saved; every wall shows it at its next refresh.')
      await ctx.refresh()
    } catch (error) {
      ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')
    }
  })

  el.replaceChildren(h('h2', { text: 'Company strip (on every wall)' }), list, h('div.toolbar', null, picker, add, save))
  void api<{ goals: StripGoal[] }>('/api/company-strip').then((strip) => {
    goals = strip.goals.map((goal) => ({ kpi: goal.kpi, params: goal.params, target: goal.target, warn: goal.warn }))
    draw()
  })
}
