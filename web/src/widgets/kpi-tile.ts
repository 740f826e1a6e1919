import { h } from '../dom.ts'
import { formatValue } from '../format.ts'
import { t } from '../i18n.ts'
import { FLOOR } from '../layout.ts'
import type { Lang, ListResult, Row, TileResult } from '../types.ts'
import { compactBarValues, renderBars, showBars } from './bars.ts'
import { rowDetail, rowWhat } from './row-why.ts'
import { windowNote } from './window-note.ts'
import { renderStatusIcon } from './status-icon.ts'

/** More rows than any wall tile can show; the rest is counted ("and 30 more"). */
const MAX_ROWS = 40
/** Lines a row may take when the tile has room to spare (two otherwise: wall.css). */
const ROW_LINES_ROOMY = 3

/**
 * Fills a tile with its KPI. Number, trend and breakdown: the status mark and the title with its
 * window, the headline number with its target, then the chart or bars, then the context sentence.
 * List: the status mark, the count and the title in one band, then the rows (each row flows what it
 * is about and why into the tile's width), then the sentence when the rows leave room for it.
 * `fitKpiTile` then makes it fit its box.
 */
export function renderKpiTile(el: HTMLElement, result: TileResult, lang: Lang): void {
  el.className = `tile kind-${result.kind}${result.kind === 'error' ? '' : ` status-${result.status}`}`
  el.dataset.kpi = result.id
  if (result.kind === 'error') {
    fill(
      el,
      h('div.tile-head', null, renderStatusIcon('none', lang), h('span.tile-title', { text: result.id })),
      h('div.tile-main', null, h('span.kpi-value', { text: '–' }), h('span.tile-age')),
      h('div.tile-context', { text: `${t(lang, 'error')}: ${result.message}` }),
    )
    return
  }
  const title = titleOf(result.title, result.window)
  const context = h('div.tile-context', { text: result.context })
  if (result.kind === 'list') {
    const count = String(result.count)
    const head = h(
      'div.tile-head',
      null,
      renderStatusIcon(result.status, lang),
      h('span.kpi-value', { text: count, 'data-full': count }),
      title,
      h('span.tile-age'),
    )
    fill(el, head, ...listBody(result, lang), context)
    return
  }
  const full = formatValue(result.value, result.unit, lang)
  const value = h('span.kpi-value', {
    text: full,
    'data-full': full,
    'data-compact': formatValue(result.value, result.unit, lang, true),
  })
  const target =
    result.target === null
      ? null
      : h('span.tile-target', { text: `${t(lang, 'target')} ${formatValue(result.target, result.unit, lang)}` })
  const main = h('div.tile-main', null, value, target, h('span.tile-age'))
  const body =
    result.kind === 'trend' ? h('div.tile-chart') : result.kind === 'breakdown' ? renderBars(result, lang) : null
  fill(
    el,
    h('div.tile-head', null, renderStatusIcon(result.status, lang), title),
    main,
    ...(body ? [body] : []),
    context,
  )
}

/**
 * A tile's parts go in a body laid out on its own (absolutely placed, strictly contained): fitting one
 * tile then lays out that tile alone, not the whole wall, which keeps a wall of 72 tiles fast to draw.
 */
export function fill(el: HTMLElement, ...parts: HTMLElement[]): void {
  el.replaceChildren(h('div.tile-body', null, ...parts))
}

function titleOf(title: string, window: string | undefined): HTMLElement {
  const note = window ? windowNote(title, window) : null
  return h('span.tile-title', null, title, note ? h('span.tile-window', { text: note }) : null)
}

function listBody(result: ListResult, lang: Lang): HTMLElement[] {
  if (result.count === 0 || result.rows.length === 0) return []
  const rows = h('ol.rows')
  const now = new Date(result.evaluatedAt)
  for (const row of result.rows.slice(0, MAX_ROWS)) rows.append(renderRow(row, lang, now))
  return [rows, h('div.rows-more', { 'data-total': result.count, hidden: true })]
}

function renderRow(row: Row, lang: Lang, now: Date): HTMLElement {
  const taker = takenBy(row)
  const detail = rowDetail(row, lang, now)
  const ticket =
    row.ticketNumber ?? (row.ticketId === undefined || row.ticketId === null ? null : `#${String(row.ticketId)}`)
  return h(
    `li.row${taker ? '.taken' : ''}`,
    { 'data-row': row.rowKey ?? '', 'data-ticket': ticket === null ? null : String(ticket) },
    h('span.row-what', { text: rowWhat(row) }),
    ' ',
    taker ? h('span.row-taken', { text: t(lang, 'takenBy', { name: taker }) }) : null,
    taker && detail ? ' ' : null,
    detail ? h('span.row-detail', { text: detail }) : null,
  )
}

/** The first name of whoever took the row on ("I'm on it"), or null when nobody did. */
function takenBy(row: Row): string | null {
  const ack = row.ack as { mode?: unknown; by?: unknown } | null | undefined
  if (!ack || ack.mode !== 'take' || typeof ack.by !== 'string' || !ack.by.trim()) return null
  return ack.by.trim().split(/\s+/)[0]!
}

/**
 * Makes a rendered tile fit its box. What goes, in order, when space is short: the compact number
 * for the full one, then a smaller number (never under the floor), then a long title's last lines;
 * rows and bars beyond the ones that fit (counted on a last line); the sentence's last lines. A tile
 * keeps at least one line of context: its sentence, or for lists and breakdowns the first rows or
 * bars. A list's rows wrap to the tile's width before anything is cut.
 */
export function fitKpiTile(el: HTMLElement, lang: Lang, numberFloorPx: number): void {
  fitValueWidth(el, numberFloorPx)
  if (el.classList.contains('kind-list')) {
    // A title that needs more than its lines beside the count gets the tile's full width, the count under it.
    const title = el.querySelector<HTMLElement>('.tile-title')
    if (title && title.scrollHeight > title.clientHeight + 1) el.classList.add('stacked')
    fitHeadline(el, numberFloorPx)
    fitList(el, lang, numberFloorPx)
    return
  }
  fitHeadline(el, numberFloorPx)
  fitTrend(el)
  const bars = el.querySelector<HTMLElement>('.bars')
  if (bars) fitBars(el, bars, lang, numberFloorPx)
  const chart = el.querySelector<HTMLElement>('.tile-chart')
  const context = el.querySelector<HTMLElement>('.tile-context')
  if (!context) return
  if (chart && fitChart(el, chart, context)) return
  const hasBars = Boolean(bars?.isConnected && bars.querySelector('.bar:not([hidden])'))
  // Beside the bars, a sentence is narrow: whole, or not at all.
  if (
    el.classList.contains('side') &&
    context.scrollHeight > contentBottom(el) - context.getBoundingClientRect().top + 0.5
  ) {
    context.remove()
    return
  }
  fitContext(el, context, numberFloorPx, !hasBars)
}

/**
 * The sparkline stays only where the headline's row leaves it a useful width: at least four label heights, and
 * wider than high. The change line keeps its lines (wall.css: up to two, before the sentence's later ones).
 */
function fitTrend(el: HTMLElement): void {
  const line = el.querySelector<SVGElement>('.trend-line')
  if (!line) return
  const label = lineHeight(el.querySelector<HTMLElement>('.tile-body') ?? el)
  const useful = () => {
    const box = line.getBoundingClientRect()
    return box.width >= Math.max(box.height * 2.5, label * 4)
  }
  if (useful()) return
  // No room beside the number: under it, the width of the tile, where the tile is tall enough to leave the
  // sentence its first line as well.
  const change = el.querySelector<HTMLElement>('.tile-trend')
  const main = el.querySelector<HTMLElement>('.tile-main')
  line.classList.add('below')
  ;(change ?? main)?.after(line)
  const context = el.querySelector<HTMLElement>('.tile-context')
  const room = contentBottom(el) - (context?.getBoundingClientRect().top ?? contentBottom(el))
  if (!useful() || room < label) line.remove()
}

function fitValueWidth(el: HTMLElement, numberFloorPx: number): void {
  const value = el.querySelector<HTMLElement>('.kpi-value')
  const row = value?.parentElement
  if (!value || !row) return
  const over = () =>
    value.getBoundingClientRect().right >
    row.getBoundingClientRect().right - parseFloat(getComputedStyle(row).paddingRight) + 0.5
  if (over() && value.dataset.compact) value.textContent = value.dataset.compact
  if (over()) {
    // Smaller, but never under the floor; past that the number is cut with an ellipsis.
    const size = parseFloat(getComputedStyle(value).fontSize)
    const room = row.getBoundingClientRect().right - value.getBoundingClientRect().left
    value.style.fontSize = `${Math.max(numberFloorPx, Math.floor((size * room) / value.getBoundingClientRect().width))}px`
  }
  if (over()) value.classList.add('squeezed')
  // A target pushed under the number costs a line: a slightly smaller number (never under the floor) keeps it beside.
  const target = row.querySelector<HTMLElement>('.tile-target')
  if (!target) return
  const size = parseFloat(getComputedStyle(value).fontSize)
  const least = Math.max(numberFloorPx, size * 0.85)
  const below = () => target.getBoundingClientRect().top >= value.getBoundingClientRect().bottom - 1
  for (let next = size; below() && next > least;) {
    next = Math.max(least, next - Math.max(2, size * 0.04))
    value.style.fontSize = `${Math.floor(next)}px`
  }
  if (below()) value.style.fontSize = `${size}px`
}

/**
 * The headline number and its target stay inside the tile: a list's count goes back beside its title,
 * a title gives up its lines down to one, then the number shrinks to the floor.
 */
function fitHeadline(el: HTMLElement, numberFloorPx: number): void {
  const value = el.querySelector<HTMLElement>('.kpi-value')
  if (!value) return
  const target = el.querySelector<HTMLElement>('.tile-target')
  const fits = () =>
    Math.max(value.getBoundingClientRect().bottom, target?.getBoundingClientRect().bottom ?? 0) <=
    contentBottom(el) + 0.5
  if (fits()) return
  if (el.classList.contains('stacked')) {
    el.classList.remove('stacked')
    if (fits()) return
  }
  const title = el.querySelector<HTMLElement>('.tile-title')
  for (const lines of [4, 3, 2, 1]) {
    if (fits() || !title) break
    clampTitle(title, lines)
  }
  shrinkNumber(el, numberFloorPx, fits)
}

/** Fewer lines for a title, never more than it has been given. */
function clampTitle(title: HTMLElement, lines: number): void {
  const now = Number(title.style.getPropertyValue('-webkit-line-clamp')) || Infinity
  if (lines < now) setLines(title, lines)
}

/** The bottom of the tile's content box, in viewport pixels. */
function contentBottom(el: HTMLElement): number {
  const body = el.querySelector<HTMLElement>('.tile-body') ?? el
  return body.getBoundingClientRect().bottom - parseFloat(getComputedStyle(body).paddingBottom)
}

function lineHeight(el: HTMLElement): number {
  const style = getComputedStyle(el)
  const value = parseFloat(style.lineHeight)
  return Number.isFinite(value) ? value : parseFloat(style.fontSize) * 1.2
}

function setLines(el: HTMLElement, lines: number): void {
  el.style.setProperty('-webkit-line-clamp', String(lines))
}

/** How many whole lines of `el` fit between its top and the tile's content bottom. */
function linesLeft(tile: HTMLElement, el: HTMLElement): number {
  return Math.floor((contentBottom(tile) - el.getBoundingClientRect().top + 0.5) / lineHeight(el))
}

/**
 * Space for one more line, taken from the parts that can give it: the headline number down to the
 * floor, then the tile's title and sentence a little smaller (down to the label floor, never more
 * than a fifth), then a long title's last lines, down to two. Returns false when none can.
 */
function makeRoom(el: HTMLElement, numberFloorPx: number, fits: () => boolean): boolean {
  shrinkNumber(el, numberFloorPx, fits)
  const body = el.querySelector<HTMLElement>('.tile-body')
  if (body && !fits()) {
    const label = parseFloat(getComputedStyle(body).fontSize)
    const least = Math.max((numberFloorPx * FLOOR.label) / FLOOR.number, label * 0.8)
    for (let size = label; !fits() && size > least;) {
      size = Math.max(least, size * 0.95)
      body.style.fontSize = `${size.toFixed(2)}px`
    }
    if (!fits()) body.style.removeProperty('font-size')
  }
  const title = el.querySelector<HTMLElement>('.tile-title')
  for (const lines of [4, 3, 2]) if (!fits() && title) clampTitle(title, lines)
  return fits()
}

/** The headline number made smaller step by step, never under `floorPx`, until `fits` holds. */
function shrinkNumber(el: HTMLElement, floorPx: number, fits: () => boolean): void {
  const value = el.querySelector<HTMLElement>('.kpi-value')
  if (!value) return
  let size = parseFloat(getComputedStyle(value).fontSize)
  while (!fits() && size > floorPx) {
    size = Math.max(floorPx, size - Math.max(2, size * 0.08))
    value.style.fontSize = `${Math.floor(size)}px`
  }
}

/**
 * Context sentence: as many of its lines as fit; `required` takes room from the number for one line.
 * A sentence cut after one line rarely says its point, so a second line may take up to a third of
 * the number's size as well (a number of 80 px still reads across the room at 56).
 */
function fitContext(el: HTMLElement, context: HTMLElement, numberFloorPx: number, required: boolean): void {
  const needed = Math.max(1, Math.round(context.scrollHeight / lineHeight(context)))
  if (linesLeft(el, context) < 1 && (!required || !makeRoom(el, numberFloorPx, () => linesLeft(el, context) >= 1))) {
    context.remove()
    return
  }
  if (needed > 1 && linesLeft(el, context) < 2) {
    const value = el.querySelector<HTMLElement>('.kpi-value')
    const before = value ? value.style.fontSize : ''
    const size = value ? parseFloat(getComputedStyle(value).fontSize) : 0
    shrinkNumber(el, Math.max(numberFloorPx, size * 0.7), () => linesLeft(el, context) >= 2)
    // No second line to gain: the number keeps its size.
    if (value && linesLeft(el, context) < 2) value.style.fontSize = before
  }
  setLines(context, Math.min(needed, linesLeft(el, context)))
}

/** A trend keeps its chart when at least 2.5 lines high, with up to two lines of its sentence under it. */
function fitChart(el: HTMLElement, chart: HTMLElement, context: HTMLElement): boolean {
  const font = parseFloat(getComputedStyle(el).fontSize)
  const needed = Math.max(1, Math.round(context.scrollHeight / lineHeight(context)))
  for (const lines of [Math.min(2, needed), 1]) {
    setLines(context, lines)
    if (
      chart.getBoundingClientRect().height >= font * 2.5 &&
      context.getBoundingClientRect().bottom <= contentBottom(el) + 0.5
    )
      return true
  }
  chart.remove()
  context.style.removeProperty('-webkit-line-clamp')
  return false
}

/** How many of `items` end above `bottom`, the last line kept free for "+N more" when not all do. */
function fitting(items: HTMLElement[], bottom: number, moreHeight: number, total = items.length): number {
  const ends = items.map((item) => item.getBoundingClientRect().bottom)
  const all = ends.filter((end) => end <= bottom + 0.5).length
  return all === total ? all : ends.filter((end) => end <= bottom - moreHeight + 0.5).length
}

/** Bars: all of a few natural buckets (taking room from the number and title first), else those that fit. */
function fitBars(el: HTMLElement, bars: HTMLElement, lang: Lang, numberFloorPx: number): void {
  const items = Array.from(bars.querySelectorAll<HTMLElement>('.bar'))
  if (items.length === 0) {
    bars.remove()
    return
  }
  const context = el.querySelector<HTMLElement>('.tile-context')
  context?.setAttribute('hidden', '')
  showBars(bars, items.length, lang)
  const barHeight = items[0]!.getBoundingClientRect().height
  const allFit = () => fitting(items, contentBottom(el), barHeight) === items.length
  if (!allFit() && bars.dataset.natural === 'true' && !makeRoom(el, numberFloorPx, allFit)) bars.classList.add('tight')
  // A wide, short tile may put the bars beside the number: every line under the title holds a bar.
  if (!allFit() && el.clientWidth > el.clientHeight * 1.8) {
    const stacked = fitting(items, contentBottom(el), barHeight)
    const tight = bars.classList.contains('tight')
    el.classList.add('side')
    bars.classList.remove('tight')
    if (!allFit() && bars.dataset.natural === 'true') bars.classList.add('tight')
    // Not at the price of the labels: a name cut to a few letters says nothing.
    const squeezed = items.some((bar) => {
      const label = bar.querySelector<HTMLElement>('.bar-label')!
      return label.scrollWidth > label.clientWidth * 1.3
    })
    const gained = fitting(items, contentBottom(el), barHeight) - stacked
    if (gained <= 0 || (squeezed && !(bars.dataset.natural === 'true' && stacked < items.length))) {
      el.classList.remove('side')
      bars.classList.toggle('tight', tight)
    }
  }
  const shown = fitting(items, contentBottom(el), barHeight)
  if (shown === 0) bars.remove()
  else showBars(bars, shown, lang)
  if (items.some((bar) => !bar.hidden && bar.scrollWidth > bar.clientWidth + 1)) compactBarValues(bars)
  context?.removeAttribute('hidden')
}

/**
 * Rows: as many as fit at two lines each; when all fit, cut rows may take a third line and the
 * sentence follows when a line of it fits. Never a row less than fits.
 */
function fitList(el: HTMLElement, lang: Lang, numberFloorPx: number): void {
  const rows = el.querySelector<HTMLElement>('.rows')
  const context = el.querySelector<HTMLElement>('.tile-context')
  if (!rows) {
    if (context) fitContext(el, context, numberFloorPx, true)
    return
  }
  const more = el.querySelector<HTMLElement>('.rows-more')!
  const items = Array.from(rows.querySelectorAll<HTMLElement>('.row'))
  context?.setAttribute('hidden', '')
  more.hidden = false
  more.textContent = t(lang, 'andMore', { n: items.length * 10 })
  // The line "and N more", with the gap above it.
  const moreHeight =
    more.getBoundingClientRect().height + (parseFloat(getComputedStyle(more.parentElement!).rowGap) || 0)
  const bottom = contentBottom(el)
  // The list's count, which may be more than the rows the result carries.
  const total = Math.max(items.length, Number(more.dataset.total))
  let shown = fitting(items, bottom, moreHeight, total)
  if (shown < items.length) {
    // One more row at one line rather than an empty line above "and N more".
    const next = items[shown]!
    setLines(next, 1)
    if (next.getBoundingClientRect().bottom <= bottom - (shown + 1 < total ? moreHeight : 0) + 0.5) shown++
    else next.style.removeProperty('-webkit-line-clamp')
  }
  items.forEach((row, index) => (row.hidden = index >= shown))
  more.hidden = shown >= total
  more.textContent = shown >= total ? '' : t(lang, 'andMore', { n: total - shown })
  if (shown === 0) rows.remove()
  if (!more.hidden && more.getBoundingClientRect().bottom > bottom + 0.5) more.hidden = true
  // A cut row takes another line (up to three) while the tile has room for it: never cut with space left.
  const visible = items.slice(0, shown)
  const end = () =>
    more.hidden
      ? (visible[visible.length - 1]?.getBoundingClientRect().bottom ?? 0)
      : more.getBoundingClientRect().bottom
  for (const row of visible) {
    if (row.classList.contains('repeat') || row.scrollHeight <= row.clientHeight + 1) continue
    const was = row.style.getPropertyValue('-webkit-line-clamp')
    const lines = Math.round(row.clientHeight / lineHeight(row))
    if (lines >= ROW_LINES_ROOMY) continue
    setLines(row, lines + 1)
    if (end() > bottom + 0.5) {
      if (was) setLines(row, Number(was))
      else row.style.removeProperty('-webkit-line-clamp')
    }
  }
  if (shown < items.length || shown === 0) {
    context?.remove()
    return
  }
  if (!context) return
  context.removeAttribute('hidden')
  fitContext(el, context, numberFloorPx, false)
}
