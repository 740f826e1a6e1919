import { api, query } from '../api.ts'
import { h } from '../dom.ts'
import { formatValue } from '../format.ts'
import type { Kind, KpiResult, LibraryKpi } from '../types.ts'
import { renderStatusIcon } from '../widgets/status-icon.ts'
import { type BuilderContext, kindLabel } from './builder.ts'
import { legibilityWarnings } from './legibility.ts'

const updaters = new WeakMap<HTMLElement, { update: (ctx: BuilderContext) => void; disconnect: () => void }>()

/** Redraws the library for a changed dashboard, keeping the search and the live values. */
export function updateLibrary(el: HTMLElement, ctx: BuilderContext): void {
  updaters.get(el)?.update(ctx)
}

/** The KPI library: search, filter by kind and suggested role, each with its live value and sentence. */
export function renderLibrary(el: HTMLElement, initial: BuilderContext): void {
  let ctx = initial
  const { say } = initial
  const search = h('input', {
    type: 'search',
    placeholder: say('searchKpis'),
    'aria-label': say('searchKpis'),
    name: 'q',
  })
  const kinds: Kind[] = ['number', 'trend', 'breakdown', 'list']
  const kind = h(
    'select',
    { 'aria-label': say('kind'), name: 'kind' },
    h('option', { value: '', text: say('anyKind') }),
    ...kinds.map((k) => h('option', { value: k, text: kindLabel(k, say) })),
  )
  const suggested = h(
    'select',
    { 'aria-label': say('suggestedFor'), name: 'suggested' },
    h('option', { value: 'role', text: say('suggestedRole') }),
    h('option', { value: '', text: say('anyRole') }),
  )
  const list = h('ul.library')
  const live = new Map<string, Promise<KpiResult>>()
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue
      observer.unobserve(entry.target)
      void fillLive(entry.target as HTMLElement)
    }
  })

  async function fillLive(card: HTMLElement): Promise<void> {
    const id = card.dataset.kpi!
    const slot = card.querySelector<HTMLElement>('.live')!
    const key = `${id}|${ctx.lang}|${ctx.role}`
    if (!live.has(key)) live.set(key, api<KpiResult>(`/api/kpis/${id}${query({ lang: ctx.lang, role: ctx.role })}`))
    try {
      const result = await live.get(key)!
      const value = result.kind === 'list' ? String(result.count) : formatValue(result.value, result.unit, ctx.lang)
      slot.replaceChildren(
        renderStatusIcon(result.status, ctx.lang),
        h('strong.live-value', { text: value }),
        h('span', { text: result.context }),
      )
    } catch (error) {
      slot.textContent = error instanceof Error ? error.message : String(error)
    }
  }

  function draw(): void {
    observer.disconnect()
    const text = search.value.trim().toLowerCase()
    const onBoard = new Set(ctx.definition.tiles.map((tile) => tile.kpi))
    const shown = ctx.library.filter(
      (kpi) =>
        (!kind.value || kpi.kind === kind.value) &&
        (!suggested.value || kpi.roles.includes(ctx.role)) &&
        (!text ||
          [kpi.id, kpi.title.en, kpi.title.nl, kpi.description.en, kpi.description.nl].some((s) =>
            s.toLowerCase().includes(text),
          )),
    )
    list.replaceChildren(
      ...shown.map((kpi) => {
        const add = h('button', {
          type: 'button',
          text: say(onBoard.has(kpi.id) ? 'addAgain' : 'add'),
          'aria-label': say('addTitle', { title: kpi.title[ctx.lang] }),
        })
        add.addEventListener('click', () => void addTile(kpi))
        const card = h(
          'li.kpi-card',
          { 'data-kpi': kpi.id },
          h(
            'div.card-head',
            null,
            h('strong', { text: kpi.title[ctx.lang] }),
            h('span.badge', { text: kindLabel(kpi.kind, say) }),
            onBoard.has(kpi.id) ? h('span.badge.on', { text: say('onThisWall') }) : null,
            add,
          ),
          h('p.description', { text: kpi.description[ctx.lang] }),
          h('div.live', { text: '…' }),
        )
        observer.observe(card)
        return card
      }),
    )
    count.textContent = say('shownOf', { shown: shown.length, total: ctx.library.length })
  }

  async function addTile(kpi: LibraryKpi): Promise<void> {
    const shapes = [
      ...ctx.definition.tiles.map((tile) => ({ kind: ctx.kpi(tile.kpi)?.kind ?? 'number', size: tile.size })),
      { kind: kpi.kind, size: 'm' as const },
    ]
    const error = legibilityWarnings(shapes, ctx.stripCount > 0, say).find((w) => w.level === 'error')
    if (error && !window.confirm(`${error.text}\n\n${say('addAnyway')}`)) return
    if (await ctx.change(`/api/dashboards/${ctx.role}/tiles`, 'POST', { kpi: kpi.id }))
      ctx.notify(say('added', { title: kpi.title[ctx.lang] }))
  }

  const count = h('span.count')
  for (const control of [search, kind, suggested]) control.addEventListener('input', draw)
  updaters.get(el)?.disconnect()
  updaters.set(el, {
    update: (next) => {
      ctx = next
      draw()
    },
    disconnect: () => observer.disconnect(),
  })
  el.replaceChildren(h('h2', { text: say('library') }), h('div.toolbar', null, search, kind, suggested, count), list)
  draw()
}
