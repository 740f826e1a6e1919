import { addDays, daysBetween, weekdayOf } from '../../kpi-library/time.js'
import type { Band, Direction } from '../../kpi-library/wire-types.js'
import type { PathWeek } from '../wire/dashboards.js'

// A company goal's path (issue 15): over a period (a quarter or a year) the goal runs in a straight line from
// its start value on the period's first day to its target on the last. Dates are the MSP's local dates.

export interface PathSpec {
  period: string
  start: number
  target: number
}

/** The first and last local date of a period. */
export function periodDates(period: string): { from: string; to: string } {
  const year = period.slice(0, 4)
  if (period.length === 4) return { from: `${year}-01-01`, to: `${year}-12-31` }
  const quarter = Number(period.slice(6))
  const from = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`
  // The day before the next quarter's first.
  const next = quarter === 4 ? `${Number(year) + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, '0')}-01`
  return { from, to: addDays(next, -1) }
}

/** Where the path stands on a local date: the start value before the period, the target after it. */
export function expectedOn(path: PathSpec, date: string): number {
  const { from, to } = periodDates(path.period)
  if (date <= from) return path.start
  if (date >= to) return path.target
  return path.start + ((path.target - path.start) * daysBetween(from, date)) / daysBetween(from, to)
}

/** `2026-W14` for any date of that ISO week (the week of its Thursday's year). */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - weekdayOf(date))
  const year = thursday.slice(0, 4)
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The path's expected value at the end of every ISO week that overlaps the period (a week's end: its Sunday, or the period's last day). */
export function pathWeeks(path: PathSpec): PathWeek[] {
  const { from, to } = periodDates(path.period)
  const weeks: PathWeek[] = []
  for (let sunday = addDays(from, 7 - weekdayOf(from)); ; sunday = addDays(sunday, 7)) {
    const end = sunday < to ? sunday : to
    weeks.push({ week: isoWeekOf(end), end, expected: expectedOn(path, end) })
    if (end === to) return weeks
  }
}

/**
 * The band around the path on a date: the goal's tolerance (the distance between its target and amber line) kept
 * the same around the expected value, on the side where the KPI gets worse.
 */
export function bandOnPath(path: PathSpec, warn: number, direction: Direction, date: string): Band {
  const expected = expectedOn(path, date)
  const tolerance = Math.abs(path.target - warn)
  return { target: expected, warn: direction === 'lower' ? expected + tolerance : expected - tolerance }
}
