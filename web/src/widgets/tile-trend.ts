import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import type { Lang, TileResult, Unit, WallTrend } from '../types.ts'

// A tile's recorded history (issue 15): how its number moved since last week, in words coloured good or bad,
// and on a number tile the last 12 weeks drawn small against the target. Drawn as plain SVG, not a chart
// library: a wall of 70 tiles redraws them on every change.

const SVG = 'http://www.w3.org/2000/svg'
/** The sparkline's drawing box; it stretches to the room the tile leaves (preserveAspectRatio none). */
const WIDTH = 200
const HEIGHT = 40

/** Adds the change since last week and, on a number tile, the sparkline, under the tile's headline. */
export function markTileTrend(el: HTMLElement, trend: WallTrend, result: TileResult, lang: Lang): void {
  if (result.kind !== 'number' && result.kind !== 'breakdown') return
  const main = el.querySelector<HTMLElement>('.tile-main')
  if (!main) return
  const box = document.createElement('div')
  box.className = 'tile-trend'
  const change = changeText(result.value, trend, result.unit, lang)
  if (change) {
    const line = document.createElement('div')
    line.className = `trend-change ${change.news}`
    line.textContent = change.text
    box.append(line)
  }
  if (result.kind === 'number') box.append(sparkline(trend, result.target, lang))
  if (box.childElementCount > 0) main.after(box)
}

/** "▲ 3,2 %-punt t.o.v. vorige week", and whether that is good or bad news (neutral KPIs: neither). */
function changeText(
  value: number | null,
  trend: WallTrend,
  unit: Unit,
  lang: Lang,
): { text: string; news: 'good' | 'bad' | 'flat' } | null {
  if (value === null || trend.weekAgo === null) return null
  const delta = value - trend.weekAgo
  const size =
    unit === 'percent'
      ? t(lang, 'percentPoints', { value: points(Math.abs(delta), lang) })
      : formatValue(Math.abs(delta), unit, lang)
  // What rounds to nothing in the unit's own writing did not change.
  if (size === formatValue(0, unit, lang) || size === t(lang, 'percentPoints', { value: points(0, lang) }))
    return { text: t(lang, 'sameAsLastWeek'), news: 'flat' }
  const up = delta > 0
  const news = trend.direction === 'neutral' ? 'flat' : up === (trend.direction === 'higher') ? 'good' : 'bad'
  return { text: t(lang, 'vsLastWeek', { change: `${up ? '▲' : '▼'} ${size}` }), news }
}

function points(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(value)
}

/** The last 12 weeks as a line, the target dashed across, today's end of the line marked. */
function sparkline(trend: WallTrend, target: number | null, lang: Lang): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg')
  svg.setAttribute('class', 'trend-line')
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
  svg.setAttribute('preserveAspectRatio', 'none')
  svg.setAttribute('role', 'img')
  svg.setAttribute('aria-label', t(lang, 'trendLabel'))
  const known = trend.days.filter((day): day is { day: string; value: number } => day.value !== null)
  const values = known.map((day) => day.value)
  if (target !== null) values.push(target)
  const low = Math.min(...values)
  const high = Math.max(...values)
  const span = high - low || Math.abs(high) || 1
  // A little air above and below, so the line never runs along the tile's edge.
  const y = (value: number) => (HEIGHT - 3 - ((value - low) / span) * (HEIGHT - 6)).toFixed(2)
  const first = Date.parse(trend.days[0]!.day)
  const last = Date.parse(trend.days[trend.days.length - 1]!.day)
  const x = (day: string) => (last === first ? WIDTH : ((Date.parse(day) - first) / (last - first)) * WIDTH).toFixed(2)
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
  path.setAttribute('points', known.map((day) => `${x(day.day)},${y(day.value)}`).join(' '))
  svg.append(path)
  return svg
}
