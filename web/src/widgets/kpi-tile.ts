import { h } from '../dom.ts'
import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, ListResult, TileResult } from '../types.ts'
import { renderStatusIcon } from './status-icon.ts'
import { rowDetail, rowWhat } from './row-why.ts'

/**
 * Fills a tile with its KPI: status mark and title, the headline number with the data's age beside
 * it, then whatever the kind adds (rows, a chart area, the context sentence). Parts marked `opt` are
 * dropped by the fitter when the tile is too small for them.
 */
export function renderKpiTile(el: HTMLElement, result: TileResult, lang: Lang): void {
  el.className = `tile kind-${result.kind}${result.kind === 'error' ? '' : ` status-${result.status}`}`
  el.dataset.kpi = result.id
  if (result.kind === 'error') {
    el.replaceChildren(
      h('div.tile-head', null, renderStatusIcon('none', lang), h('span.tile-title', { text: result.id })),
      h('div.tile-main', null, h('span.kpi-value', { text: '–' }), h('span.tile-age')),
      h('div.tile-context.opt', { text: `${t(lang, 'error')}: ${result.message}` }),
    )
    return
  }
  const head = h('div.tile-head', null, renderStatusIcon(result.status, lang), h('span.tile-title', { text: result.title }))
  if (result.kind === 'list') {
    el.replaceChildren(head, main(String(result.count), String(result.count)), ...listBody(result, lang))
    return
  }
  const value = main(formatValue(result.value, result.unit, lang), formatValue(result.value, result.unit, lang, true))
  const target = result.target === null ? null : h('span.tile-target', { text: `${t(lang, 'target')} ${formatValue(result.target, result.unit, lang)}` })
  if (target) value.querySelector('.tile-age')!.before(target)
  const chart = result.kind === 'number' ? null : h('div.tile-chart.opt')
  el.replaceChildren(head, value, ...(chart ? [chart] : []), h('div.tile-context.opt', { text: result.context }))
}

function main(full: string, compact: string): HTMLElement {
  const value = h('span.kpi-value', { text: full, 'data-full': full, 'data-compact': compact })
  return h('div.tile-main', null, value, h('span.tile-age'))
}

function listBody(result: ListResult, lang: Lang): HTMLElement[] {
  if (result.count === 0) return [h('div.tile-context.opt', { text: result.context })]
  const rows = h('ol.rows.opt')
  for (const row of result.rows) {
    rows.append(
      h('li.row', { 'data-row': row.rowKey ?? '' }, h('span.row-what', { text: rowWhat(row) }), h('span.row-detail', { text: rowDetail(row, lang) })),
    )
  }
  // Measured with its longest text, so the rows above it leave room for it.
  const more = h('div.rows-more', { 'data-total': result.count, text: t(lang, 'andMore', { n: result.count }) })
  return [h('div.tile-context.opt', { text: result.context }), rows, more]
}

/**
 * Makes a rendered tile fit its box: the compact number when the full one is too wide, rows dropped
 * from the bottom with "and N more", optional parts removed whole rather than cut off.
 */
export function fitKpiTile(el: HTMLElement, lang: Lang, numberFloorPx: number): void {
  const value = el.querySelector<HTMLElement>('.kpi-value')
  const mainRow = el.querySelector<HTMLElement>('.tile-main')
  if (value && mainRow) {
    const target = mainRow.querySelector<HTMLElement>('.tile-target')
    if (target && mainRow.scrollWidth > mainRow.clientWidth) target.remove()
    if (mainRow.scrollWidth > mainRow.clientWidth && value.dataset.compact) value.textContent = value.dataset.compact
    const age = mainRow.querySelector<HTMLElement>('.tile-age')
    if (mainRow.scrollWidth > mainRow.clientWidth && age?.dataset.short) {
      el.classList.add('short-age')
      age.textContent = age.dataset.short
    }
    if (mainRow.scrollWidth > mainRow.clientWidth) {
      // Smaller, but never under the floor; past that the number is cut with an ellipsis.
      const size = parseFloat(getComputedStyle(value).fontSize)
      const wanted = (size * (mainRow.clientWidth - (mainRow.scrollWidth - value.offsetWidth))) / value.offsetWidth
      value.style.fontSize = `${Math.max(numberFloorPx, Math.floor(wanted))}px`
    }
    if (mainRow.scrollWidth > mainRow.clientWidth) value.classList.add('squeezed')
  }
  const style = getComputedStyle(el)
  const bottom = el.getBoundingClientRect().bottom - parseFloat(style.paddingBottom)
  const font = parseFloat(style.fontSize)
  const chart = el.querySelector<HTMLElement>('.tile-chart')
  // A chart says more than its sentence: the sentence goes when the chart would be too flat to read.
  if (chart && chart.getBoundingClientRect().height < font * 4) el.querySelector('.tile-context')?.remove()
  const more = el.querySelector<HTMLElement>('.rows-more')
  const rows = el.querySelector<HTMLElement>('.rows')
  const context = el.querySelector<HTMLElement>('.tile-context')
  // A list's rows say more than its sentence; the sentence goes first when space is short.
  if (rows && context && rows.children.length > 0) {
    const rowsBottom = () => (rows.lastElementChild as HTMLElement | null)?.getBoundingClientRect().bottom ?? 0
    const moreHeight = more ? more.getBoundingClientRect().height : 0
    if (rowsBottom() + moreHeight > bottom) context.remove()
    while (rows.lastElementChild && rowsBottom() + moreHeight > bottom + 0.5) rows.lastElementChild.remove()
    if (rows.children.length === 0) rows.remove()
  }
  if (more) {
    const total = Number(more.dataset.total)
    const shown = rows?.isConnected ? rows.children.length : 0
    if (shown < total) more.textContent = shown === 0 ? '' : t(lang, 'andMore', { n: total - shown })
    else more.remove()
    if (more.isConnected && more.textContent === '') more.remove()
  }
  for (const part of Array.from(el.querySelectorAll<HTMLElement>('.opt'))) {
    if (!part.isConnected) continue
    if (part.classList.contains('tile-chart')) {
      if (part.getBoundingClientRect().height < font * 2) part.remove()
      continue
    }
    if (part.getBoundingClientRect().bottom > bottom + 0.5) part.remove()
  }
}
