import { addDays, localDate, mondayOf, previousIsoWeek, startOfDate } from '../../../kpi-library/time.js'
import { isoWeekOf } from '../goal-path.js'

// ISO weeks (`2026-W47`: Monday to Sunday, week 1 holds the year's first Thursday) as the weekly review names them,
// in the install's time zone: the week's end is the local midnight that starts the next Monday.

export interface IsoWeek {
  /** `2026-W47`. */
  id: string
  /** Monday, `YYYY-MM-DD`. */
  from: string
  /** Sunday. */
  to: string
}

export class WeekError extends Error {
  override name = 'WeekError'
}

/** The ISO week a local date is in. */
export function weekOf(date: string): IsoWeek {
  const monday = mondayOf(date)
  return { id: isoWeekOf(date), from: monday, to: addDays(monday, 6) }
}

/** `2026-W47` as its Monday and Sunday; a week the year does not have is refused in one line. */
export function parseWeek(text: string): IsoWeek {
  const match = /^(\d{4})-W(\d{2})$/.exec(text.trim())
  if (!match) throw new WeekError(`a week is written 2026-W47 (ISO year and week number), not "${text}"`)
  const year = Number(match[1])
  const n = Number(match[2])
  const monday = addDays(mondayOf(`${year}-01-04`), 7 * (n - 1))
  const week = weekOf(monday)
  if (n < 1 || week.id !== `${year}-W${match[2]}`)
    throw new WeekError(`${year} has no week ${n}: its weeks run from W01 to ${weekOf(`${year}-12-28`).id.slice(5)}`)
  return week
}

/** The last full week before `now`: what a Monday morning's report is about. */
export function lastFullWeek(now: Date, tz: string): IsoWeek {
  return weekOf(previousIsoWeek(now, tz).from)
}

/** The instant the week ends (the next Monday's local midnight): the report's KPIs are evaluated as of then. */
export function weekEnd(week: IsoWeek, tz: string): Date {
  return startOfDate(addDays(week.to, 1), tz)
}

/** The week `n` weeks before (negative) or after this one. */
export function shiftWeek(week: IsoWeek, n: number): IsoWeek {
  return weekOf(addDays(week.from, 7 * n))
}

/** The week a report asks for (`2026-W47`), or the last full one; a week still under way has no report yet. */
export function reportWeek(text: string | undefined, now: Date, tz: string): IsoWeek {
  const last = lastFullWeek(now, tz)
  if (text === undefined) return last
  const week = parseWeek(text)
  if (localDate(now, tz) <= week.to)
    throw new WeekError(`week ${week.id} has not ended yet; the last full week is ${last.id}`)
  return week
}
