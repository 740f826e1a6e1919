// Calendar arithmetic in the company's time zone (ROLEBOARD_TZ, Europe/Amsterdam by default):
// local midnights, ISO weeks (Monday first) and business hours, all correct across daylight-saving
// switches. Instants are JavaScript Dates (UTC inside); calendar dates are `YYYY-MM-DD` strings.

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(tz: string): Intl.DateTimeFormat {
  let format = formatters.get(tz)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    })
    formatters.set(tz, format)
  }
  return format
}

export interface LocalParts {
  year: number
  month: number // 1-12
  day: number
  hour: number
  minute: number
  second: number
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

export function localParts(instant: Date, tz: string): LocalParts {
  const parts: Record<string, string> = {}
  for (const part of formatter(tz).formatToParts(instant)) parts[part.type] = part.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday!]!,
  }
}

const QUARTER_HOUR = 15 * 60_000
const offsets = new Map<string, Map<number, number>>()

/**
 * The zone's offset from UTC at `instant`, in milliseconds (Amsterdam: +1 h in winter, +2 h in
 * summer). Offsets only change on quarter-hour boundaries, so each quarter hour is asked of Intl
 * once: KPIs do this arithmetic for every ticket and time entry.
 */
export function offsetMs(instant: Date, tz: string): number {
  let zone = offsets.get(tz)
  if (!zone) {
    zone = new Map()
    offsets.set(tz, zone)
  }
  const bucket = Math.floor(instant.getTime() / QUARTER_HOUR)
  let offset = zone.get(bucket)
  if (offset === undefined) {
    const start = new Date(bucket * QUARTER_HOUR)
    const p = localParts(start, tz)
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start.getTime()
    if (zone.size > 200_000) zone.clear()
    zone.set(bucket, offset)
  }
  return offset
}

/** The instant of a local wall-clock time; in the hour a spring switch skips, the time after it. */
export function zonedTime(year: number, month: number, day: number, hour = 0, minute = 0, tz: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute)
  let guess = wall - offsetMs(new Date(wall), tz)
  guess = wall - offsetMs(new Date(guess), tz)
  return new Date(guess)
}

/** `YYYY-MM-DD` of the local calendar day that `instant` falls on. */
export function localDate(instant: Date, tz: string): string {
  return new Date(instant.getTime() + offsetMs(instant, tz)).toISOString().slice(0, 10)
}

/** Adds whole calendar days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** ISO weekday (1 = Monday) of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return day === 0 ? 7 : day
}

/** The instant of local midnight at the start of a `YYYY-MM-DD` date. */
export function startOfDate(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return zonedTime(y, m, d, 0, 0, tz)
}

export function startOfLocalDay(instant: Date, tz: string): Date {
  return startOfDate(localDate(instant, tz), tz)
}

/** Monday of the ISO week that `date` is in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date))
}

/** Local start of the month that `date` is in, as `YYYY-MM-01`. */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`
}

export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  return first.toISOString().slice(0, 10)
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export interface BusinessHours {
  /** ISO weekdays that are working days (default Monday to Friday). */
  days: readonly number[]
  /** Local start and end of the working day, minutes after midnight (default 08:30-17:30). */
  startMinute: number
  endMinute: number
  /** Local dates (`YYYY-MM-DD`) that are not working days, such as public holidays. */
  holidays: readonly string[]
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30, holidays: [] }

/** Parses `Mon-Fri 08:30-17:30` style settings (ROLEBOARD_BUSINESS_HOURS). */
export function parseBusinessHours(text: string | undefined): BusinessHours {
  if (!text) return DEFAULT_BUSINESS_HOURS
  const match = /^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s*$/i.exec(text)
  if (!match) throw new Error(`business hours must look like "Mon-Fri 08:30-17:30", not "${text}"`)
  const norm = (s: string) => WEEKDAYS[s[0]!.toUpperCase() + s.slice(1).toLowerCase()]!
  const from = norm(match[1]!)
  const to = norm(match[2]!)
  const days: number[] = []
  for (let d = from; ; d = (d % 7) + 1) {
    days.push(d)
    if (d === to) break
  }
  const startMinute = Number(match[3]) * 60 + Number(match[4])
  const endMinute = Number(match[5]) * 60 + Number(match[6])
  if (endMinute <= startMinute || endMinute > 24 * 60) throw new Error(`business hours end must come after their start in "${text}"`)
  return { days, startMinute, endMinute, holidays: [] }
}

export function isBusinessDay(date: string, hours: BusinessHours): boolean {
  return hours.days.includes(weekdayOf(date)) && !hours.holidays.includes(date)
}

/** Business hours between two instants (0 when `to` is not after `from`). */
const workingDays = new Map<string, readonly [open: number, close: number] | null>()

/** The instants a date's working day opens and closes, or null on a day off (memoised per zone and hours). */
function workingDay(date: string, tz: string, hours: BusinessHours): readonly [number, number] | null {
  const key = `${tz}|${hours.days.join('')}|${hours.startMinute}|${hours.endMinute}|${hours.holidays.join(',')}|${date}`
  let day = workingDays.get(key)
  if (day === undefined) {
    if (!isBusinessDay(date, hours)) day = null
    else {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number]
      const open = zonedTime(y, m, d, Math.floor(hours.startMinute / 60), hours.startMinute % 60, tz).getTime()
      const close = zonedTime(y, m, d, Math.floor(hours.endMinute / 60), hours.endMinute % 60, tz).getTime()
      day = [open, close]
    }
    if (workingDays.size > 100_000) workingDays.clear()
    workingDays.set(key, day)
  }
  return day
}

export function businessHoursBetween(from: Date, to: Date, tz: string, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  if (to.getTime() <= from.getTime()) return 0
  let total = 0
  let date = localDate(from, tz)
  const last = localDate(to, tz)
  for (let guard = 0; date <= last && guard < 3700; guard++, date = addDays(date, 1)) {
    const day = workingDay(date, tz, hours)
    if (!day) continue
    const start = Math.max(day[0], from.getTime())
    const end = Math.min(day[1], to.getTime())
    if (end > start) total += end - start
  }
  return total / 3_600_000
}

/** Whole business days from `from`'s date to `to`'s date (`from`'s own day not counted). */
export function businessDaysBetween(from: Date, to: Date, tz: string, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  let count = 0
  let date = localDate(from, tz)
  const last = localDate(to, tz)
  for (let guard = 0; date < last && guard < 3700; guard++) {
    date = addDays(date, 1)
    if (isBusinessDay(date, hours)) count++
  }
  return count
}

/** The working day before `date` (skipping weekends and holidays). */
export function previousBusinessDay(date: string, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): string {
  let day = addDays(date, -1)
  for (let guard = 0; !isBusinessDay(day, hours) && guard < 30; guard++) day = addDays(day, -1)
  return day
}

/** Business days in the calendar range [from, to] of `YYYY-MM-DD` dates. */
export function businessDaysInRange(from: string, to: string, hours: BusinessHours = DEFAULT_BUSINESS_HOURS): number {
  let count = 0
  for (let date = from, guard = 0; date <= to && guard < 3700; date = addDays(date, 1), guard++) if (isBusinessDay(date, hours)) count++
  return count
}
