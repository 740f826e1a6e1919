import { h } from '../dom.ts'
import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { BreakdownResult, Lang } from '../types.ts'
import { renderStatusIcon } from './status-icon.ts'

/** A breakdown of this many items or fewer has natural buckets (priorities, age bands): never cut. */
export const NATURAL_BUCKETS = 6

/**
 * A breakdown as horizontal bars in the KPI's own order (worst first where items are judged, else the
 * buckets' natural order): each bar coloured by its own status, with its status shape beside a value
 * in the KPI's unit. Plain elements, not a chart, so the tile's fitter can measure and cut them like
 * rows; what is cut is counted on a last line ("+3 more").
 */
export function renderBars(result: BreakdownResult, lang: Lang): HTMLElement {
  const items = result.items.filter((item) => item.value !== null)
  const max = Math.max(0, ...items.map((item) => item.value ?? 0))
  // (A server from before items were judged sends no status: nothing is judged then.)
  const judged = items.some((item) => (item.status ?? 'none') !== 'none')
  const bars = h('div.bars', {
    'data-total': items.length,
    'data-natural': items.length <= NATURAL_BUCKETS ? 'true' : null,
  })
  for (const item of items) {
    const value = item.value ?? 0
    const share = max > 0 ? Math.max(0, value) / max : 0
    const fill = h('span.bar-fill')
    fill.style.width = `${(share * 100).toFixed(1)}%`
    const full = formatValue(value, result.unit, lang)
    const shown = h(
      'span.bar-value',
      { 'data-full': full, 'data-compact': formatValue(value, result.unit, lang, true) },
      judged ? renderStatusIcon(item.status ?? 'none', lang) : null,
      h('span.bar-number', { text: full }),
    )
    bars.append(
      h(
        'div.bar',
        { 'data-key': item.key, 'data-status': item.status ?? 'none' },
        h('span.bar-label', { text: item.label }),
        h('span.bar-track', null, fill),
        shown,
      ),
    )
  }
  bars.append(h('div.bars-more', { hidden: true }))
  return bars
}

/** Shows the first `count` bars and says how many are left out. */
export function showBars(bars: HTMLElement, count: number, lang: Lang): void {
  const all = Array.from(bars.querySelectorAll<HTMLElement>('.bar'))
  all.forEach((bar, index) => (bar.hidden = index >= count))
  const more = bars.querySelector<HTMLElement>('.bars-more')!
  const rest = all.length - Math.min(count, all.length)
  more.hidden = rest === 0
  more.textContent = rest === 0 ? '' : `+${rest} ${t(lang, 'more')}`
}

/** Values in their compact form (`€ 47K`) when a bar's value would not fit beside it. */
export function compactBarValues(bars: HTMLElement): void {
  for (const value of Array.from(bars.querySelectorAll<HTMLElement>('.bar-number'))) {
    const compact = value.parentElement?.dataset.compact
    if (compact) value.textContent = compact
  }
}
