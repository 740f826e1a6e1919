import { addDays, addMonths, localDate } from '../../../kpi-library/time.js'

// Calendar quarters (`2026-Q3`: July to September) as the client review names them, as local dates in the
// install's time zone.

export interface Quarter {
  /** `2026-Q3`. */
  id: string
  /** The first day, `YYYY-MM-DD`. */
  from: string
  /** The last day. */
  to: string
}

export class QuarterError extends Error {
  override name = 'QuarterError'
}

function quarter(year: number, n: number): Quarter {
  const from = `${year}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`
  return { id: `${year}-Q${n}`, from, to: addDays(addMonths(from, 3), -1) }
}

/** The quarter a local date is in. */
export function quarterOf(date: string): Quarter {
  return quarter(Number(date.slice(0, 4)), Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1)
}

/** The quarter before (`-1`) or after (`1`) this one. */
export function shiftQuarter(q: Quarter, by: number): Quarter {
  return quarterOf(addMonths(q.from, 3 * by))
}

/** The last quarter that has ended by `now` (local time): the client review's default. */
export function lastFullQuarter(now: Date, tz: string): Quarter {
  return shiftQuarter(quarterOf(localDate(now, tz)), -1)
}

/** `2026-Q3` as its first and last day; another form, or a quarter that has not begun by `now`, refused in one line. */
export function parseQuarter(text: string, now: Date, tz: string): Quarter {
  const match = /^(\d{4})-Q([1-4])$/i.exec(text.trim())
  if (!match) throw new QuarterError(`"${text}" is not a quarter: write it as 2026-Q3`)
  const q = quarter(Number(match[1]), Number(match[2]))
  if (q.from > localDate(now, tz)) throw new QuarterError(`${q.id} has not begun yet`)
  return q
}
