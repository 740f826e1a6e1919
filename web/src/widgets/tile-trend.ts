import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, TileResult, Unit, WallTrend } from '../types.ts'

// A tile's recorded history (issue 15): how its number moved in a week, in words coloured good or bad, and on a
// number tile its last year drawn small against the target. Drawn as plain SVG, not a chart
// library: a wall of 70 tiles redraws them on every change.

const SVG = 'http://www.w3.org/2000/svg'

/**
 * A headline's row can lose width after the tile was fitted (its data's age appears beside the number): a line
 * squeezed under a useful width hides rather than standing there as a sliver, and shows again when the room comes
 * back. A line taken off the page reports once more as it goes, and is let go then.
 */
const squeezed = new ResizeObserver((entries) => {
  for (const { target, contentRect } of entries) {
    if (!target.isConnected) squeezed.unobserve(target)
    else (target as SVGElement).style.visibility = contentRect.width < contentRect.height * 2.5 ? 'hidden' : ''
  }
})
/** The sparkline's drawing box; it stretches to the room the tile leaves (preserveAspectRatio none). */
const WIDTH = 200
const HEIGHT = 40

/**
 * Adds the change in a week under the tile's headline and, on a number tile, the sparkline in the headline's row,
 * beside the number and its target, where a wide tile has room to spare.
 */
export function markTileTrend(el: HTMLElement, trend: WallTrend, result: TileResult, lang: Lang): void {
  if (result.kind !== 'number' && result.kind !== 'breakdown') return
  const main = el.querySelector<HTMLElement>('.tile-main')
  if (!main) return
  // A count of a period so far against a line of whole periods would compare two different quantities: no line for it.
  if (result.kind === 'number' && !trend.soFar) {
    const line = sparkline(trend, result.target, lang)
    main.insertBefore(line, main.querySelector('.tile-age'))
    squeezed.observe(line)
  }
  const change = changeText(result.value, trend, result.unit, lang)
  if (!change) return
  const line = document.createElement('div')
  line.className = `tile-trend ${change.news}`
  line.textContent = change.text
  main.after(line)
}

/**
 * "▲ 3,2 pt in een week" (its value now against the one recorded a week ago) or "▲ 3,2 pt t.o.v. de maand ervoor"
 * (a KPI of last month against the month before), and whether that is good or bad news.
 */
function changeText(
  value: number | null,
  trend: WallTrend,
  unit: Unit,
  lang: Lang,
): { text: string; news: 'good' | 'bad' | 'flat' } | null {
  if (value === null || trend.before === null) return null
  const delta = value - trend.before
  const size =
    unit === 'percent'
      ? t(lang, 'percentPoints', { value: formatValue(Math.abs(delta), 'count', lang) })
      : formatValue(Math.abs(delta), unit, lang)
  // What rounds to nothing in the unit's own writing did not change.
  if (
    size === formatValue(0, unit, lang) ||
    size === t(lang, 'percentPoints', { value: formatValue(0, 'count', lang) })
  )
    return { text: t(lang, trend.step === 'month' ? 'sameAsMonthBefore' : 'sameInAWeek'), news: 'flat' }
  const up = delta > 0
  const news = trend.direction === 'neutral' ? 'flat' : up === (trend.direction === 'higher') ? 'good' : 'bad'
  const change = `${up ? '▲' : '▼'} ${size}`
  return { text: t(lang, trend.step === 'month' ? 'onMonthBefore' : 'inAWeek', { change }), news }
}

/** The last 52 weeks (or 12 month ends) as a line, one point each (history/trends.ts), the target dashed across. */
function sparkline(trend: WallTrend, target: number | null, lang: Lang): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg')
  svg.setAttribute('class', 'trend-line')
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
  svg.setAttribute('preserveAspectRatio', 'none')
  svg.setAttribute('role', 'img')
  svg.setAttribute('aria-label', t(lang, trend.step === 'month' ? 'trendLabelMonths' : 'trendLabel'))
  const points = trend.points
    .map((point, index) => ({ index, value: point.value }))
    .filter((point): point is { index: number; value: number } => point.value !== null)
  const values = points.map((point) => point.value)
  if (target !== null) values.push(target)
  const low = Math.min(...values)
  const high = Math.max(...values)
  const span = high - low || Math.abs(high) || 1
  // A little air above and below, so the line never runs along the tile's edge.
  const y = (value: number) => (HEIGHT - 3 - ((value - low) / span) * (HEIGHT - 6)).toFixed(2)
  // From the first point with a value (a history that began last month does not shrink into the corner of a year),
  // but never fewer than 12 points wide, so two weeks still read as two weeks.
  const last = trend.points.length - 1
  const first = Math.max(0, Math.min(points[0]?.index ?? last, last - 11))
  const x = (index: number) => (((index - first) / Math.max(1, last - first)) * WIDTH).toFixed(2)
  if (target !== null) {
    const line = document.createElementNS(SVG, 'line')
    line.setAttribute('class', 'trend-target')
    line.setAttribute('x1', '0')
    line.setAttribute('x2', String(WIDTH))
    line.setAttribute('y1', y(target))
    line.setAttribute('y2', y(target))
    svg.append(line)
  }
  const path = document.createElementNS(SVG, 'polyline')
  path.setAttribute('class', 'trend-path')
  path.setAttribute('points', points.map((point) => `${x(point.index)},${y(point.value)}`).join(' '))
  svg.append(path)
  return svg
}
