import { BASE, query } from '../api.ts'
import { h } from '../dom.ts'
import type { TileDefinition, TileSize } from '../types.ts'
import { bandFields } from './band-fields.ts'
import { type BuilderContext, kindLabel } from './builder.ts'
import { legibilityWarnings } from './legibility.ts'
import { tileOptions } from './tile-options.ts'

const SIZES: Record<TileSize, 'sizeS' | 'sizeM' | 'sizeL'> = { s: 'sizeS', m: 'sizeM', l: 'sizeL' }

/** The role's tiles in wall order: reorder by dragging or with the arrow keys, size, target, remove. */
export function renderTilesEditor(el: HTMLElement, ctx: BuilderContext): void {
  const { definition, say } = ctx
  const tilePath = (tile: TileDefinition) => `/api/dashboards/${ctx.role}/tiles/${tile.id}`
  const shapes = definition.tiles.map((tile) => ({ kind: ctx.kpi(tile.kpi)?.kind ?? 'number', size: tile.size }))
  const warnings = legibilityWarnings(shapes, ctx.stripCount > 0, say)
  const list = h('ol.tile-list', { 'aria-label': say('tilesInOrder') })
  let dragged: number | null = null
  // The dashboard's title as its wall shows it in this language (a built-in one is stored in English);
  // the role's name until the wall has answered.
  const title = h('span.dashboard-title', { text: definition.roleName[ctx.lang] })
  void ctx.wall.then((wall) => (title.textContent = wall.title)).catch(() => undefined)
  // A saved change draws the list again: the field the user had moved on to keeps the focus.
  const active =
    document.activeElement instanceof HTMLElement && el.contains(document.activeElement) ? document.activeElement : null
  const refocus =
    active?.closest<HTMLElement>('li[data-tile]') && active.getAttribute('name')
      ? { tile: active.closest<HTMLElement>('li[data-tile]')!.dataset.tile, name: active.getAttribute('name') }
      : null

  const move = async (tile: TileDefinition, position: number, focusAfter: boolean) => {
    if (position < 0 || position >= definition.tiles.length || position === tile.position) return
    if ((await ctx.change(tilePath(tile), 'PATCH', { position })) && focusAfter) {
      el.querySelector<HTMLElement>(`li[data-tile="${tile.id}"] .handle`)?.focus()
    }
  }

  for (const tile of definition.tiles) {
    const kpi = ctx.kpi(tile.kpi)
    const kpiTitle = kpi ? kpi.title[ctx.lang] : tile.kpi
    const title = tile.title ?? kpiTitle
    const handle = h('button.handle', {
      type: 'button',
      'aria-label': say('moveHandle', { title }),
      title: say('moveHint'),
      text: '⠿',
    })
    handle.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        event.preventDefault()
        void move(tile, tile.position + (event.key === 'ArrowUp' ? -1 : 1), true)
      }
    })
    const size = h(
      'select',
      { 'aria-label': say('sizeOf', { title }), name: 'size' },
      ...(['s', 'm', 'l'] as TileSize[]).map((s) => h('option', { value: s, text: say(SIZES[s]) })),
    )
    size.value = tile.size
    size.addEventListener('change', () => void ctx.change(tilePath(tile), 'PATCH', { size: size.value }))
    const band = kpi
      ? bandFields(kpi, tile, { lang: ctx.lang, say, title }, async (value) => {
          const error = await ctx.save(tilePath(tile), 'PATCH', value)
          if (error) band!.reject(error)
        })
      : null
    const remove = h('button.danger', {
      type: 'button',
      text: say('remove'),
      'aria-label': say('removeTitle', { title }),
    })
    remove.addEventListener('click', () => void ctx.change(tilePath(tile), 'DELETE'))
    // The rows behind the number, in a tab of its own: the builder stays as it was.
    const drill = kpi?.drill
      ? h('a.drill-link', {
          href: `${BASE}/drill/${ctx.role}/${tile.id}${query({ lang: ctx.lang })}`,
          target: '_blank',
          rel: 'noopener',
          text: say('drillLink'),
        })
      : null
    const item = h(
      'li.tile-item',
      { draggable: 'true', 'data-tile': tile.id, 'data-kpi': tile.kpi },
      handle,
      h(
        'div.tile-name',
        null,
        h('strong', { text: title }),
        tile.title ? h('span.kpi-name', { text: kpiTitle }) : null,
        h('span.badge', { text: kpi ? kindLabel(kpi.kind, say) : '?' }),
      ),
      h('div.tile-controls', null, size, ...(band?.fields ?? []), drill, remove),
      band?.message,
      kpi
        ? tileOptions(kpi, tile, { lang: ctx.lang, say, settingDefaults: ctx.settingDefaults }, (change) =>
            ctx.save(tilePath(tile), 'PATCH', change),
          )
        : null,
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
  el.dataset.role = ctx.role
  el.replaceChildren(
    h('h2', null, title, ` ${say('tileCount', { n: definition.tiles.length })}`),
    h('ul.warnings', null, ...warnings.map((w) => h(`li.${w.level}`, { text: w.text }))),
    definition.tiles.length ? list : h('p', { text: say('noTiles') }),
  )
  if (refocus) el.querySelector<HTMLElement>(`li[data-tile="${refocus.tile}"] [name="${refocus.name}"]`)?.focus()
}
