import type { Kind, TileSize } from './types.ts'

/**
 * The wall's geometry, in units of one CSS pixel of a 1920x1080 screen (`u`); a 4K screen has u = 2.
 * Pure functions: the wall lays itself out with them and the builder uses them to warn before a
 * layout would fall under the legibility floor.
 */
export const FLOOR = { label: 18, number: 48 } as const
export const BASE = { width: 1920, height: 1080 } as const
export const PAD = 10
export const GAP = 8
export const HEADER = 40
export const STRIP = 72
/** The smallest tile that still holds a two-line 18u title, a 48u number and the data's age. */
export const MIN_CELL = { width: 168, height: 104 } as const
/** Cells closer to this width:height read best: numbers are wide, titles wrap. */
const CELL_ASPECT = 1.45

export interface TileShape {
  kind: Kind | 'error'
  size: TileSize
  /** An action list with nothing on it: one line saying so, drawn as a small tile whatever its size. */
  empty?: boolean
  /** How much the tile has to say, when known (the wall knows; the builder does not). */
  text?: TileText
}

/** A tile's text, in characters and lines: what the layout estimates its height from. */
export interface TileText {
  /** The title with its period, as shown: wrapped word by word to estimate its lines. */
  title: string
  /** The headline number as shown. */
  value: number
  target: boolean
  /** The context sentence. */
  context: number
  /** A list's rows, a breakdown's bars. */
  rows: number
  /** A breakdown with few natural buckets shows every one. */
  natural: boolean
}

export interface Placement {
  col: number
  row: number
  w: number
  h: number
}

export interface LayoutPlan {
  columns: number
  rows: number
  cell: { width: number; height: number }
  /** One per shown tile, in order. */
  placements: Placement[]
  shown: number
  hidden: number
  /** Tiles drawn smaller than their size asks, to fit. */
  shrunk: number
  /** Each grid row's share of the grid's height (px at 1080p): rows of tiles with more to say get more. */
  rowHeights: number[]
  fonts: { label: number; number: number }
  grid: { width: number; height: number }
}

export function span(shape: TileShape, level: number): { w: number; h: number } {
  const size = level >= 2 || shape.empty ? 's' : level >= 1 && shape.size === 'l' ? 'm' : shape.size
  if (size === 's') return { w: 1, h: 1 }
  const rich = shape.kind === 'list' || shape.kind === 'trend' || shape.kind === 'breakdown'
  if (size === 'm') return rich ? { w: 2, h: 1 } : { w: 1, h: 1 }
  return rich ? { w: 2, h: 2 } : { w: 2, h: 1 }
}

/** First-fit in reading order, so the owner's order survives. */
export function pack(
  spans: Array<{ w: number; h: number }>,
  columns: number,
): { placements: Placement[]; rows: number } {
  const taken: boolean[][] = []
  const free = (row: number, col: number, w: number, h: number) => {
    for (let r = row; r < row + h; r++) for (let c = col; c < col + w; c++) if (taken[r]?.[c]) return false
    return true
  }
  const placements: Placement[] = []
  let rows = 0
  for (const s of spans) {
    const w = Math.min(s.w, columns)
    let placed = false
    for (let row = 0; !placed; row++) {
      for (let col = 0; col + w <= columns; col++) {
        if (!free(row, col, w, s.h)) continue
        for (let r = row; r < row + s.h; r++) for (let c = col; c < col + w; c++) (taken[r] ??= [])[c] = true
        placements.push({ col, row, w, h: s.h })
        rows = Math.max(rows, row + s.h)
        placed = true
        break
      }
    }
  }
  return { placements, rows }
}

export function gridArea(
  viewport: { width: number; height: number },
  hasStrip: boolean,
): { width: number; height: number } {
  return {
    width: viewport.width - 2 * PAD,
    height: viewport.height - 2 * PAD - HEADER - GAP - (hasStrip ? STRIP + GAP : 0),
  }
}

const cellSize = (length: number, count: number) => (length - (count - 1) * GAP) / count

/** Lays tiles out to fill the screen without scrolling and without going under the floor. */
export function planLayout(
  shapes: TileShape[],
  viewport: { width: number; height: number },
  hasStrip: boolean,
): LayoutPlan {
  const grid = gridArea(viewport, hasStrip)
  const maxColumns = Math.max(1, Math.floor((grid.width + GAP) / (MIN_CELL.width + GAP)))
  const maxRows = Math.max(1, Math.floor((grid.height + GAP) / (MIN_CELL.height + GAP)))
  const known = shapes.some((shape) => shape.text)
  for (const level of [0, 1, 2]) {
    const spans = shapes.map((shape) => span(shape, level))
    const candidates: Array<{ columns: number; rows: number; placements: Placement[]; score: number; shown: number }> =
      []
    for (let columns = 1; columns <= maxColumns; columns++) {
      const { placements: packed, rows } = pack(spans, columns)
      if (rows > maxRows) continue
      const grown = known ? growToNeeds(spans, packed, shapes, columns, Math.max(rows, 1), grid) : packed
      const placements = fillHoles(grown, shapes, columns, rows)
      const width = cellSize(grid.width, columns)
      const height = cellSize(grid.height, Math.max(rows, 1))
      const score = Math.min(width / CELL_ASPECT, height)
      candidates.push({
        columns,
        rows: Math.max(rows, 1),
        placements,
        score,
        shown: known ? shownShare(shapes, placements, columns, Math.max(rows, 1), grid) : 0,
      })
    }
    // The largest cells, unless a layout with cells nearly as large (85%) lets the tiles say more.
    const top = Math.max(...candidates.map((c) => c.score))
    const best = candidates
      .filter((c) => c.score >= top * 0.85)
      .sort((a, b) => b.shown - a.shown || b.score - a.score)[0]
    if (best) {
      const shrunk = shapes.filter((shape, i) => {
        const asked = span(shape, 0)
        return asked.w * asked.h > spans[i]!.w * spans[i]!.h
      }).length
      return finish(best.columns, best.rows, best.placements, shapes.length, 0, shrunk, grid, known ? shapes : null)
    }
  }
  // Even all-small tiles do not fit: show what fits at the floor, and say how many are left out.
  const capacity = maxColumns * maxRows
  const shown = Math.max(0, capacity - 1)
  const { placements } = pack(
    Array.from({ length: shown }, () => ({ w: 1, h: 1 })),
    maxColumns,
  )
  return finish(maxColumns, maxRows, placements, shown, shapes.length - shown, shown, grid)
}

const RICHNESS: Record<TileShape['kind'], number> = { list: 3, breakdown: 2, trend: 1, number: 0, error: 0 }
const richness = (shape: TileShape | undefined) => (!shape || shape.empty ? 0 : RICHNESS[shape.kind])

/**
 * Spare cells go where the text is: while the grid has cells no tile takes, the tile furthest short
 * of the height it wants (a long list, a breakdown's bars, a sentence) grows by a row (lists and
 * breakdowns) or a column, as long as the tiles still fit the same rows.
 */
export function growToNeeds(
  spans: Array<{ w: number; h: number }>,
  placements: Placement[],
  shapes: TileShape[],
  columns: number,
  rows: number,
  grid: { width: number; height: number },
): Placement[] {
  const cell = { width: cellSize(grid.width, columns), height: cellSize(grid.height, rows) }
  const fonts = fontsFor(cell)
  let current = spans.map((s) => ({ w: Math.min(s.w, columns), h: s.h }))
  let placed = placements
  const stuck = new Set<number>()
  for (let round = 0; round < shapes.length; round++) {
    if (placed.reduce((n, p) => n + p.w * p.h, 0) >= columns * rows) break
    let worst = -1
    let deficit = cell.height * 0.25
    placed.forEach((p, i) => {
      if (stuck.has(i)) return
      const short =
        tileNeed(shapes[i]!, p.w * cell.width + (p.w - 1) * GAP, fonts).wants - (p.h * cell.height + (p.h - 1) * GAP)
      if (short > deficit) [worst, deficit] = [i, short]
    })
    if (worst < 0) break
    const s = current[worst]!
    const taller = { w: s.w, h: s.h + 1 }
    const wider = { w: s.w + 1, h: s.h }
    const tries = richness(shapes[worst]) >= 2 ? [taller, wider] : [wider, taller]
    let grew = false
    for (const next of tries) {
      if (next.h > rows || next.w > columns) continue
      const trial = current.map((span, i) => (i === worst ? next : span))
      const packed = pack(trial, columns)
      if (packed.rows > rows) continue
      current = trial
      placed = packed.placements
      grew = true
      break
    }
    if (!grew) stuck.add(worst)
  }
  return placed
}

/**
 * A row of one-row tiles that leaves cells free (the last row, mostly) shares them out: one more
 * column each in turn, lists and breakdowns first, so no tile ends up with the whole rest of the row.
 */
function spreadRows(placements: Placement[], shapes: TileShape[], columns: number, rows: number): Placement[] {
  const out = placements.map((p) => ({ ...p }))
  for (let r = 0; r < rows; r++) {
    const crossing = out.some((p) => p.row <= r && p.row + p.h > r && p.h > 1)
    const inRow = out.map((p, i) => ({ p, i })).filter(({ p }) => p.row === r && p.h === 1)
    let spare = columns - inRow.reduce((n, { p }) => n + p.w, 0)
    if (crossing || inRow.length === 0 || spare <= 0) continue
    const turns = [...inRow].sort((a, b) => richness(shapes[b.i]) - richness(shapes[a.i]))
    for (let k = 0; spare > 0; k = (k + 1) % turns.length, spare--) turns[k]!.p.w++
    inRow.sort((a, b) => a.p.col - b.p.col)
    let col = 0
    for (const { p } of inRow) {
      p.col = col
      col += p.w
    }
  }
  return out
}

/**
 * Grows tiles into the cells the packing left empty (the end of a row, a gap beside a wide tile), so
 * no part of the screen stands empty: a list or a breakdown above a gap grows down (more rows), else
 * the tile left of it grows right, else the one above.
 */
export function fillHoles(placements: Placement[], shapes: TileShape[], columns: number, rows: number): Placement[] {
  const out = spreadRows(placements, shapes, columns, rows)
  const owner: number[][] = Array.from({ length: rows }, () => Array<number>(columns).fill(-1))
  out.forEach((p, i) => {
    for (let r = p.row; r < p.row + p.h; r++) for (let c = p.col; c < p.col + p.w; c++) owner[r]![c] = i
  })
  const emptyColumn = (c: number, from: number, h: number) =>
    Array.from({ length: h }, (_, k) => owner[from + k]?.[c]).every((v) => v === -1)
  const emptyRow = (r: number, from: number, w: number) =>
    r < rows && Array.from({ length: w }, (_, k) => owner[r]![from + k]).every((v) => v === -1)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (owner[r]![c] !== -1) continue
      const left = c > 0 ? owner[r]![c - 1]! : -1
      const above = r > 0 ? owner[r - 1]![c]! : -1
      const canRight = left !== -1 && emptyColumn(c, out[left]!.row, out[left]!.h)
      const canDown =
        above !== -1 && out[above]!.row + out[above]!.h === r && emptyRow(r, out[above]!.col, out[above]!.w)
      const rich = (i: number) => richness(shapes[i])
      const grow =
        canDown && rich(above) >= 2 && (!canRight || rich(above) >= rich(left))
          ? 'down'
          : canRight
            ? 'right'
            : canDown
              ? 'down'
              : null
      if (grow === 'right') {
        const p = out[left]!
        for (let k = p.row; k < p.row + p.h; k++) owner[k]![c] = left
        p.w++
      } else if (grow === 'down') {
        const p = out[above]!
        for (let k = p.col; k < p.col + p.w; k++) owner[r]![k] = above
        p.h++
      }
    }
  }
  return out
}

function fontsFor(cell: { width: number; height: number }): { label: number; number: number } {
  // A narrow cell's labels are smaller too, so its title and sentence still get words to a line.
  const label = clamp(Math.min(cell.height * 0.12, cell.width * 0.095), FLOOR.label, 30)
  const number = clamp(Math.min(cell.height * 0.42, cell.width * 0.26), FLOOR.number, 132)
  return { label: Math.floor(label), number: Math.floor(number) }
}

function finish(
  columns: number,
  rows: number,
  placements: Placement[],
  shown: number,
  hidden: number,
  shrunk: number,
  grid: { width: number; height: number },
  shapes: TileShape[] | null = null,
): LayoutPlan {
  const cell = { width: cellSize(grid.width, columns), height: cellSize(grid.height, rows) }
  const fonts = fontsFor(cell)
  const rowHeights = shapes ? shareRows(shapes, placements, rows, cell) : Array<number>(rows).fill(cell.height)
  return { columns, rows, cell, placements, shown, hidden, shrunk, fonts, grid, rowHeights }
}

/**
 * A tile's height, estimated from its text at the wall's fonts: `least` holds its title, number and
 * one line of context (or its first row, or every bar of a few natural buckets); `wants` holds its
 * whole sentence, or its first four rows. Estimates (0.52 em a character, a tenth lost to wrapping):
 * the wall measures and fits the real text afterwards.
 */
export function tileNeed(
  shape: TileShape,
  width: number,
  fonts: { label: number; number: number },
): { least: number; wants: number } {
  const text = shape.text
  const L = fonts.label
  const N = fonts.number
  const R = Math.max(FLOOR.label, L * 0.9)
  const inner = Math.max(40, width - 28)
  const pad = 16
  const lines = (chars: number, font: number, room = inner) =>
    Math.max(1, Math.ceil((chars * 1.1 * 0.52 * font) / Math.max(1, room)))
  if (!text) return { least: MIN_CELL.height, wants: MIN_CELL.height }
  if (shape.kind === 'list') {
    const count = N * 0.7
    const head = Math.max(count, Math.min(3, wrapped(text.title, L, inner - count - L)) * 1.15 * L)
    if (text.rows === 0) return { least: pad + head + 1.25 * L, wants: pad + head + lines(text.context, L) * 1.25 * L }
    const row = 2 * 1.2 * R + 5
    const more = 1.2 * R
    return {
      least: pad + head + Math.min(text.rows, 2) * row + (text.rows > 2 ? more : 0),
      wants: pad + head + Math.min(text.rows, 4) * row + (text.rows > 4 ? more : 0),
    }
  }
  const head = Math.min(5, wrapped(text.title, L, inner)) * 1.15 * L
  const valueWidth = text.value * 0.56 * N
  const main = N + (text.target && valueWidth + 10 * 0.52 * L > inner ? 1.25 * L : 0)
  const top = pad + head + main
  // A sentence past three lines is cut whatever the layout: no layout is chosen for it.
  const sentence = Math.min(3, lines(text.context, L)) * 1.25 * L
  if (shape.kind === 'trend') return { least: top + 3.5 * L, wants: top + 4 * L + Math.min(sentence, 2.5 * L) }
  if (shape.kind === 'breakdown') {
    const bar = 1.3 * R
    const bars = text.natural ? text.rows : Math.min(text.rows, 6) + (text.rows > 6 ? 1 : 0)
    const least = (text.natural ? bars : Math.min(2, bars)) * bar
    // A wide tile puts its bars beside the number (see the fitter): they need the height under the title only.
    if (width > 400)
      return { least: pad + head + Math.max(N, least), wants: pad + head + Math.max(N + 1.25 * L, bars * bar) }
    return { least: top + least, wants: top + bars * bar + 1.25 * L }
  }
  return { least: top + 1.25 * L, wants: top + sentence }
}

/** The lines `text` takes at `font` px in `width` px, wrapped word by word (0.52 em a character). */
function wrapped(text: string, font: number, width: number): number {
  let lines = 1
  let used = 0
  for (const word of text.split(/\s+/)) {
    const w = (word.length + 1) * 0.52 * font
    if (used > 0 && used + w > width) {
      lines++
      used = 0
    }
    used += w
  }
  return lines
}

/** How much of what the tiles have to say a layout shows: 1 when every tile gets the height it wants. */
function shownShare(
  shapes: TileShape[],
  placements: Placement[],
  columns: number,
  rows: number,
  grid: { width: number; height: number },
): number {
  const cell = { width: cellSize(grid.width, columns), height: cellSize(grid.height, rows) }
  const fonts = fontsFor(cell)
  let sum = 0
  placements.forEach((p, i) => {
    const width = p.w * cell.width + (p.w - 1) * GAP
    const height = p.h * cell.height + (p.h - 1) * GAP
    const need = tileNeed(shapes[i]!, width, fonts)
    sum += Math.min(1, height / need.wants) - (height < need.least ? 0.5 : 0)
  })
  return sum / Math.max(1, placements.length)
}

/**
 * The grid's height shared between its rows: each row first gets what its tiles need at least, then
 * the rest goes where tiles want more (a long list, a sentence), never more than a third over or a
 * fifth under an even share. Tiles taller than one row take what their rows get.
 */
export function shareRows(
  shapes: TileShape[],
  placements: Placement[],
  rows: number,
  cell: { width: number; height: number },
): number[] {
  const fonts = fontsFor(cell)
  const even = cell.height
  const least = Array<number>(rows).fill(0)
  const wants = Array<number>(rows).fill(0)
  placements.forEach((p, i) => {
    if (p.h !== 1) return
    const need = tileNeed(shapes[i]!, p.w * cell.width + (p.w - 1) * GAP, fonts)
    least[p.row] = Math.max(least[p.row]!, need.least)
    wants[p.row] = Math.max(wants[p.row]!, need.wants)
  })
  const lo = Math.max(MIN_CELL.height, even * 0.8)
  const hi = even * 1.33
  for (let r = 0; r < rows; r++) {
    if (least[r] === 0) least[r] = wants[r] = even
    least[r] = clamp(least[r]!, lo, hi)
    wants[r] = clamp(Math.max(wants[r]!, least[r]!), lo, hi)
  }
  const total = even * rows
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  let heights: number[]
  if (sum(least) >= total) heights = least.map((h) => (h * total) / sum(least))
  else {
    const spare = total - sum(least)
    const gaps = wants.map((w, r) => w - least[r]!)
    const gap = sum(gaps)
    heights =
      gap >= spare
        ? least.map((h, r) => h + (spare * gaps[r]!) / gap)
        : wants.map((w) => w + (total - sum(wants)) / rows)
  }
  return heights.map((h) => Math.round(h * 100) / 100)
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/** The most tiles of one size a screen holds above the floor. */
export function capacity(viewport: { width: number; height: number }, hasStrip: boolean): number {
  const grid = gridArea(viewport, hasStrip)
  return (
    Math.floor((grid.width + GAP) / (MIN_CELL.width + GAP)) * Math.floor((grid.height + GAP) / (MIN_CELL.height + GAP))
  )
}
