import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import type { Strip, StripGoal } from '../types.ts'
import { type BandFields, bandFields } from './band-fields.ts'
import type { BuilderContext } from './builder.ts'
import { type PathFields, pathFields } from './path-fields.ts'

/** The company strip: the few goals every wall shows on top. Edited as a whole, then saved. */
export function renderStripEditor(el: HTMLElement, ctx: BuilderContext): void {
  const { say } = ctx
  let goals: StripGoal[] = []
  // The band fields of the goals as drawn: the strip is saved only when every one of them makes sense.
  let bands: Array<BandFields | null> = []
  const pathsOf = new Map<StripGoal, PathFields>()
  const list = h('ol.strip-list')
  const picker = h(
    'select',
    { 'aria-label': say('goalToAdd'), name: 'goal' },
    ...ctx.library
      .filter((kpi) => kpi.kind !== 'list')
      .map((kpi) => h('option', { value: kpi.id, text: kpi.title[ctx.lang] })),
  )
  const add = h('button.secondary', { type: 'button', text: say('addGoal') })
  const save = h('button', { type: 'button', text: say('saveStrip') })
  const message = h('p.form-error', { role: 'alert' })

  function draw(): void {
    bands = []
    pathsOf.clear()
    list.replaceChildren(
      ...goals.map((goal, index) => {
        const kpi = ctx.kpi(goal.kpi)
        const title = kpi ? kpi.title[ctx.lang] : goal.kpi
        const band = kpi
          ? bandFields(kpi, goal, { lang: ctx.lang, say, title }, (value) => {
              goal.target = value.target
              goal.warn = value.warn
            })
          : null
        bands.push(band)
        // A path needs a KPI where higher or lower is better, as the server checks.
        const path = kpi && kpi.band && kpi.direction !== 'neutral' ? pathFields(goal.path, say, title) : null
        if (path) pathsOf.set(goal, path)
        const up = h('button.secondary', {
          type: 'button',
          text: '↑',
          'aria-label': say('moveUp', { title }),
          disabled: index === 0,
        })
        const down = h('button.secondary', {
          type: 'button',
          text: '↓',
          'aria-label': say('moveDown', { title }),
          disabled: index === goals.length - 1,
        })
        const remove = h('button.danger', {
          type: 'button',
          text: say('remove'),
          'aria-label': say('removeTitle', { title }),
        })
        up.addEventListener('click', () => swap(index, index - 1))
        down.addEventListener('click', () => swap(index, index + 1))
        remove.addEventListener('click', () => {
          goals.splice(index, 1)
          draw()
        })
        return h(
          'li',
          { 'data-kpi': goal.kpi },
          h('div.tile-name', null, h('strong', { text: title })),
          h('div.tile-controls', null, ...(band?.fields ?? []), ...(path?.fields ?? []), up, down, remove),
          band?.message,
          path?.message,
          path?.line,
        )
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
    message.textContent = ''
    // Every field read once more: a value typed but not yet left counts too, and a wrong one stops the save.
    const read = bands.map((band) => (band ? band.read() : undefined))
    const pathsRead = goals.map((goal) => {
      const fields = pathsOf.get(goal)
      return fields ? fields.read() : null
    })
    if (read.some((value) => value === null) || pathsRead.some((value) => value === undefined)) {
      message.textContent = say('fixFirst')
      return
    }
    read.forEach((value, index) => value && Object.assign(goals[index]!, value))
    try {
      const saved = await api<Strip>('/api/company-strip', {
        method: 'PUT',
        json: {
          goals: goals.map(({ kpi, params, target, warn }, index) => ({
            kpi,
            ...(params ? { params } : {}),
            // A path runs to the target, so a goal on one names it even where it is the KPI's own.
            ...(target !== null ? { target } : pathsRead[index] ? { target: ctx.kpi(kpi)?.band?.target ?? null } : {}),
            ...(warn !== null ? { warn } : {}),
            ...(pathsRead[index] ? { path: pathsRead[index] } : {}),
          })),
        },
      })
      // As saved: a path reads back with its dates and expected value per week.
      goals = saved.goals.map(asStripGoal)
      draw()
      ctx.notify(say('stripSaved'))
      await ctx.refresh()
    } catch (error) {
      message.textContent = say('notSaved', { reason: error instanceof ApiError ? error.message : String(error) })
    }
  })

  el.replaceChildren(h('h2', { text: say('strip') }), list, h('div.toolbar', null, picker, add, save), message)
  void api<Strip>('/api/company-strip').then((strip) => {
    goals = strip.goals.map(asStripGoal)
    draw()
  })
}

const asStripGoal = (goal: Strip['goals'][number]): StripGoal => ({
  kpi: goal.kpi,
  params: goal.params,
  target: goal.target,
  warn: goal.warn,
  path: goal.path,
})
