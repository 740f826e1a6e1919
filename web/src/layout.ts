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
  fonts: { label: number; number: number }
  grid: { width: number; height: number }
}

export function span(shape: TileShape, level: number): { w: number; h: number } {
  const size = level >= 2 ? 's' : level >= 1 && shape.size === 'l' ? 'm' : shape.size
  if (size === 's') return { w: 1, h: 1 }
  const rich = shape.kind === 'list' || shape.kind === 'trend' || shape.kind === 'breakdown'
  if (size === 'm') return rich ? { w: 2, h: 1 } : { w: 1, h: 1 }
  return rich ? { w: 2, h: 2 } : { w: 2, h: 1 }
}

/** First-fit in reading order, so the owner's order survives. */
export function pack(spans: Array<{ w: number; h: number }>, columns: number): { placements: Placement[]; rows: number } {
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

export function gridArea(viewport: { width: number; height: number }, hasStrip: boolean): { width: number; height: number } {
  return {
    width: viewport.width - 2 * PAD,
    height: viewport.height - 2 * PAD - HEADER - GAP - (hasStrip ? STRIP + GAP : 0),
  }
}

const cellSize = (length: number, count: number) => (length - (count - 1) * GAP) / count

/** Lays tiles out to fill the screen without scrolling and without going under the floor. */
export function planLayout(shapes: TileShape[], viewport: { width: number; height: number }, hasStrip: boolean): LayoutPlan {
  const grid = gridArea(viewport, hasStrip)
  const maxColumns = Math.max(1, Math.floor((grid.width + GAP) / (MIN_CELL.width + GAP)))
  const maxRows = Math.max(1, Math.floor((grid.height + GAP) / (MIN_CELL.height + GAP)))
  for (const level of [0, 1, 2]) {
    const spans = shapes.map((shape) => span(shape, level))
    let best: { columns: number; rows: number; placements: Placement[]; score: number } | null = null
    for (let columns = 1; columns <= maxColumns; columns++) {
      const { placements, rows } = pack(spans, columns)
      if (rows > maxRows) continue
      const width = cellSize(grid.width, columns)
      const height = cellSize(grid.height, Math.max(rows, 1))
      const score = Math.min(width / CELL_ASPECT, height)
      if (!best || score > best.score) best = { columns, rows: Math.max(rows, 1), placements, score }
    }
    if (best) {
      const shrunk = shapes.filter((shape, i) => {
        const asked = span(shape, 0)
        return asked.w * asked.h > spans[i]!.w * spans[i]!.h
      }).length
      return finish(best.columns, best.rows, best.placements, shapes.length, 0, shrunk, grid)
    }
  }
  // Even all-small tiles do not fit: show what fits at the floor, and say how many are left out.
  const capacity = maxColumns * maxRows
  const shown = Math.max(0, capacity - 1)
  const { placements } = pack(Array.from({ length: shown }, () => ({ w: 1, h: 1 })), maxColumns)
  return finish(maxColumns, maxRows, placements, shown, shapes.length - shown, shown, grid)
}

function finish(columns: number, rows: number, placements: Placement[], shown: number, hidden: number, shrunk: number, grid: { width: number; height: number }): LayoutPlan {
  const cell = { width: cellSize(grid.width, columns), height: cellSize(grid.height, rows) }
  const label = clamp(cell.height * 0.12, FLOOR.label, 30)
  const number = clamp(Math.min(cell.height * 0.42, cell.width * 0.26), FLOOR.number, 132)
  return { columns, rows, cell, placements, shown, hidden, shrunk, fonts: { label: Math.floor(label), number: Math.floor(number) }, grid }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

/** The most tiles of one size a screen holds above the floor. */
export function capacity(viewport: { width: number; height: number }, hasStrip: boolean): number {
  const grid = gridArea(viewport, hasStrip)
  return Math.floor((grid.width + GAP) / (MIN_CELL.width + GAP)) * Math.floor((grid.height + GAP) / (MIN_CELL.height + GAP))
}
