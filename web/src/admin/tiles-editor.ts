import { h } from '../dom.ts'
import type { TileDefinition, TileSize } from '../types.ts'
import { type BuilderContext, kindLabel } from './builder.ts'
import { legibilityWarnings } from './legibility.ts'

/** The role's tiles in wall order: reorder by dragging or with the arrow keys, size, target, remove. */
export function renderTilesEditor(el: HTMLElement, ctx: BuilderContext): void {
  const { definition } = ctx
  const tilePath = (tile: TileDefinition) => `/api/dashboards/${ctx.role}/tiles/${tile.id}`
  const shapes = definition.tiles.map((tile) => ({ kind: ctx.kpi(tile.kpi)?.kind ?? 'number', size: tile.size }))
  const warnings = legibilityWarnings(shapes, ctx.stripCount > 0)
  const list = h('ol.tile-list', { 'aria-label': 'Tiles, in wall order' })
  let dragged: number | null = null

  const move = async (tile: TileDefinition, position: number, focusAfter: boolean) => {
    if (position < 0 || position >= definition.tiles.length || position === tile.position) return
    if ((await ctx.change(tilePath(tile), 'PATCH', { position })) && focusAfter) {
      el.querySelector<HTMLElement>(`li[data-tile="${tile.id}"] .handle`)?.focus()
    }
  }

  for (const tile of definition.tiles) {
    const kpi = ctx.kpi(tile.kpi)
    const title = kpi ? kpi.title[ctx.lang] : tile.kpi
    const handle = h('button.handle', { type: 'button', 'aria-label': `Move ${title}: arrow keys up and down`, title: 'Drag, or focus and use the arrow keys', text: '⠿' })
    handle.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault()
        void move(tile, tile.position + (event.key === 'ArrowUp' ? -1 : 1), true)
      }
    })
    const size = h('select', { 'aria-label': `Size of ${title}`, name: 'size' }, ...(['s', 'm', 'l'] as TileSize[]).map((s) => h('option', { value: s, text: { s: 'small', m: 'medium', l: 'large' }[s] })))
    size.value = tile.size
    size.addEventListener('change', () => void ctx.change(tilePath(tile), 'PATCH', { size: size.value }))
    const band = kpi?.band
    const target = numberInput(`Target of ${title}`, tile.target, band?.target)
    const warn = numberInput(`Tolerance of ${title}`, tile.warn, band?.warn)
    const saveBand = () => void ctx.change(tilePath(tile), 'PATCH', { target: parse(target.value), warn: parse(warn.value) })
    target.addEventListener('change', saveBand)
    warn.addEventListener('change', saveBand)
    const remove = h('button.danger', { type: 'button', text: 'Remove', 'aria-label': `Remove ${title}` })
    remove.addEventListener('click', () => void ctx.change(tilePath(tile), 'DELETE'))
    const item = h(
      'li.tile-item',
      { draggable: 'true', 'data-tile': tile.id, 'data-kpi': tile.kpi },
      handle,
      h('div.tile-name', null, h('strong', { text: title }), h('span.badge', { text: kpi ? kindLabel(kpi.kind) : '?' })),
      size,
      band ? h('label.band', null, 'target ', target) : null,
      band ? h('label.band', null, 'warn at ', warn) : null,
      remove,
    )
    item.addEventListener('dragstart', (event) => {
      dragged = tile.position
      event.dataTransfer?.setData('text/plain', String(tile.id))
      item.classList.add('dragging')
    })
    item.addEventListener('dragend', () => item.classList.remove('dragging'))
    item.addEventListener('dragover', (event) => {
      event.preventDefault()
      item.classList.add('drop-target')
    })
    item.addEventListener('dragleave', () => item.classList.remove('drop-target'))
    item.addEventListener('drop', (event) => {
      event.preventDefault()
      item.classList.remove('drop-target')
      const from = definition.tiles.find((candidate) => candidate.position === dragged)
      if (from) void move(from, tile.position, false)
    })
    list.append(item)
  }
  el.replaceChildren(
    h('h2', { text: `${definition.roleName[ctx.lang]}: ${definition.title} (${definition.tiles.length} tiles)` }),
    h('ul.warnings', null, ...warnings.map((w) => h(`li.${w.level}`, { text: w.text }))),
    definition.tiles.length ? list : h('p', { text: 'No tiles yet: add KPIs from the library.' }),
  )
}

function numberInput(label: string, value: number | null, placeholder: number | undefined): HTMLInputElement {
  const input = h('input', { type: 'number', step: 'any', 'aria-label': label, placeholder: placeholder === undefined ? '' : String(placeholder) })
  if (value !== null) input.value = String(value)
  return input
}

function parse(text: string): number | null {
  return text.trim() === '' ? null : Number(text)
}
