// Calendar arithmetic in the company's time zone (ROLEBOARD_TZ, Europe/Amsterdam by default):
// local midnights, ISO weeks (Monday first) and business hours, all correct across daylight-saving
// switches. Instants are JavaScript Dates (UTC inside); calendar dates are `YYYY-MM-DD` strings.

export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

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

function localParts(instant: Date, tz: string): LocalParts {
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

const QUARTER_HOUR = 15 * MINUTE
const BLOCK = DAY
const offsets = new Map<string, { blocks: Map<number, number>; quarters: Map<number, number> }>()

/**
 * The zone's offset from UTC at `instant`, in milliseconds (Amsterdam: +1 h in winter, +2 h in
 * summer). Offsets only change on quarter-hour boundaries, months apart, so a UTC day that starts
 * with the same offset as the next one has it throughout and costs Intl one question; only a day
 * with a switch in it is asked per quarter hour. KPIs do this arithmetic for every ticket and time
 * entry over years of history.
 */
function offsetMs(instant: Date, tz: string): number {
  return offsetAt(instant.getTime(), tz)
}

function offsetAt(time: number, tz: string): number {
  let zone = offsets.get(tz)
  if (!zone) {
    zone = { blocks: new Map(), quarters: new Map() }
    offsets.set(tz, zone)
  }
  const block = Math.floor(time / BLOCK)
  let offset = zone.blocks.get(block)
  if (offset === undefined) {
    const first = quarterOffset(zone.quarters, block * BLOCK, tz)
    offset = first === quarterOffset(zone.quarters, (block + 1) * BLOCK, tz) ? first : NaN
    if (zone.blocks.size > 200_000) zone.blocks.clear()
    zone.blocks.set(block, offset)
  }
  return Number.isNaN(offset) ? quarterOffset(zone.quarters, time, tz) : offset
}

/** The offset of the quarter hour that `time` falls in, asked of Intl once. */
function quarterOffset(quarters: Map<number, number>, time: number, tz: string): number {
  const bucket = Math.floor(time / QUARTER_HOUR)
  let offset = quarters.get(bucket)
  if (offset === undefined) {
    const start = new Date(bucket * QUARTER_HOUR)
    const p = localParts(start, tz)
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start.getTime()
    if (quarters.size > 200_000) quarters.clear()
    quarters.set(bucket, offset)
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

/** Whole clock minutes from the instant `at` (ISO) to `now`. */
export function minutesSince(at: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(at)) / MINUTE)
}

/** ISO instant `ms` before `now`. */
export function ago(now: Date, ms: number): string {
  return new Date(now.getTime() - ms).toISOString()
}

/**
 * The instant `days` local days before `now` at the same wall-clock time, so a "last 7 days"
 * window across a daylight-saving switch is 167 or 169 hours.
 */
export function sameTimeDaysBefore(now: Date, tz: string, days: number): Date {
  const then = new Date(now.getTime() - days * DAY)
  return new Date(then.getTime() + offsetMs(now, tz) - offsetMs(then, tz))
}

/** An inclusive range of local calendar dates (`YYYY-MM-DD`), to match a date-only field (a time entry's date worked) against. */
export interface DateRange {
  from: string
  to: string
}

/**
 * A window of instants, as ISO strings to compare stored timestamps with: after `after` (exclusive)
 * up to and including `until`. Every "last N days" and "today" of the library is one of these.
 */
export interface Window {
  after: string
  until: string
}

/** "The last N days": (the same local time N days ago, now]. One rule for every KPI, so two tiles never disagree in a DST week. */
export function lastDays(now: Date, tz: string, days: number): Window {
  return { after: sameTimeDaysBefore(now, tz, days).toISOString(), until: now.toISOString() }
}

/** The last `count` local calendar days, today so far included: from local midnight `count - 1` days ago to now, for trends drawn per day. */
export function lastCalendarDays(now: Date, tz: string, count: number): Window {
  return sinceDate(addDays(localDate(now, tz), 1 - count), now, tz)
}

/** From local midnight of the date `first` (included) to now: whole local days so far, as a trend per month counts them. */
export function sinceDate(first: string, now: Date, tz: string): Window {
  return { after: justBeforeMidnight(first, tz), until: now.toISOString() }
}

/**
 * "The last N days" for a field that holds a local date only (a time entry's date worked): the dates of
 * `lastCalendarDays`, today and the `count - 1` before it, inclusive. The date `count` days back, of
 * which (the same local time N days ago, now] holds only the hours after now's time, is left out, so
 * "logged time in the last 30 days" is 30 dates wherever it is asked (capacity people, billable staff).
 */
export function lastDates(now: Date, tz: string, count: number): DateRange {
  const today = localDate(now, tz)
  return { from: addDays(today, 1 - count), to: today }
}

/** The last `months` full calendar months before the local `today`, as inclusive dates. */
export function fullMonths(today: string, months: number): DateRange {
  const thisMonth = firstOfMonth(today)
  return { from: addMonths(thisMonth, -months), to: addDays(thisMonth, -1) }
}

/** Whole local dates: from local midnight of `first` up to, not including, local midnight of `end`. */
export function localDatesWindow(first: string, end: string, tz: string): Window {
  return { after: justBeforeMidnight(first, tz), until: justBeforeMidnight(end, tz) }
}

/** One millisecond before local midnight of `date`. Stored timestamps have whole milliseconds, so "after" it is "from midnight on". */
function justBeforeMidnight(date: string, tz: string): string {
  return new Date(startOfDate(date, tz).getTime() - 1).toISOString()
}

/** "Today": from local midnight (included) to now. */
export function today(now: Date, tz: string): Window {
  return lastCalendarDays(now, tz, 1)
}

/** `YYYY-MM-DD` of the local calendar day that `instant` falls on. */
export function localDate(instant: Date, tz: string): string {
  return new Date(instant.getTime() + offsetAt(instant.getTime(), tz)).toISOString().slice(0, 10)
}

/** `YYYY-MM-DDTHH` of the local clock hour that `instant` falls in. */
export function localHour(instant: Date, tz: string): string {
  return new Date(instant.getTime() + offsetAt(instant.getTime(), tz)).toISOString().slice(0, 13)
}

/** The instant the local clock hour that `instant` falls in began (zones whose offsets are whole quarter hours). */
export function startOfLocalHour(instant: Date, tz: string): Date {
  const offset = offsetAt(instant.getTime(), tz)
  const local = instant.getTime() + offset
  return new Date(local - (((local % HOUR) + HOUR) % HOUR) - offset)
}

/** Adds whole calendar days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** Whole days from the local date `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY)
}

/** Calendar days in the inclusive range of local dates [from, to]. */
export function daysFromTo(from: string, to: string): number {
  return daysBetween(from, to) + 1
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

/** Local midnight at the start of a `YYYY-MM-DD` date as an ISO instant, to compare stored timestamps with. */
export function dateStart(date: string, tz: string): string {
  return startOfDate(date, tz).toISOString()
}

export function startOfLocalDay(instant: Date, tz: string): Date {
  return startOfDate(localDate(instant, tz), tz)
}

/** Monday of the ISO week that `date` is in. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date))
}

/** The previous ISO week, Monday to Sunday. */
export function previousIsoWeek(now: Date, tz: string): DateRange {
  const monday = addDays(mondayOf(localDate(now, tz)), -7)
  return { from: monday, to: addDays(monday, 6) }
}

/** This ISO week so far: Monday to today. */
export function currentIsoWeek(now: Date, tz: string): DateRange {
  const today = localDate(now, tz)
  return { from: mondayOf(today), to: today }
}

/** The previous calendar month. */
export function previousMonth(now: Date, tz: string): DateRange {
  return fullMonths(localDate(now, tz), 1)
}

/** This calendar month so far: its first to today. */
export function currentMonth(now: Date, tz: string): DateRange {
  const today = localDate(now, tz)
  return { from: firstOfMonth(today), to: today }
}

/** This whole calendar month, its first day to its last. */
export function wholeMonth(now: Date, tz: string): DateRange {
  const first = firstOfMonth(localDate(now, tz))
  return { from: first, to: addDays(addMonths(first, 1), -1) }
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

export interface BusinessHours {
  /** ISO weekdays that are working days (default Monday to Friday). */
  days: readonly number[]
  /** Local start and end of the working day, minutes after midnight (default 08:30-17:30). */
  startMinute: number
  endMinute: number
  /** Local dates (`YYYY-MM-DD`) that are not working days, such as public holidays. */
  holidays: readonly string[]
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = {
  days: [1, 2, 3, 4, 5],
  startMinute: 8 * 60 + 30,
  endMinute: 17 * 60 + 30,
  holidays: [],
}

/** Parses `Mon-Fri 08:30-17:30` style settings (ROLEBOARD_BUSINESS_HOURS). */
export function parseBusinessHours(text: string | undefined): BusinessHours {
  if (!text) return DEFAULT_BUSINESS_HOURS
  const match =
    /^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s*$/i.exec(
      text,
    )
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
  if (endMinute <= startMinute || endMinute > 24 * 60)
    throw new Error(`business hours end must come after their start in "${text}"`)
  return { days, startMinute, endMinute, holidays: [] }
}

export function isBusinessDay(date: string, hours: BusinessHours): boolean {
  return hours.days.includes(weekdayOf(date)) && !hours.holidays.includes(date)
}

/** Days since 1970-01-01 of the local calendar day that the instant `time` falls on. */
function localDay(time: number, tz: string): number {
  return Math.floor((time + offsetAt(time, tz)) / DAY)
}

type WorkingDays = Map<number, readonly [open: number, close: number] | null>
const workingDays = new Map<string, WorkingDays>()

/** The working days of a zone and business hours, memoised by local day number. */
function workingDaysOf(tz: string, hours: BusinessHours): WorkingDays {
  // One key per call, not per day: the loops below run for every ticket and time entry.
  const key = `${tz}|${hours.days.join('')}|${hours.startMinute}|${hours.endMinute}|${hours.holidays.join(',')}`
  let days = workingDays.get(key)
  if (!days) {
    if (workingDays.size > 100) workingDays.clear()
    workingDays.set(key, (days = new Map()))
  }
  return days
}

/** The instants a local day's working day opens and closes, or null on a day off. */
function workingDay(
  days: WorkingDays,
  day: number,
  tz: string,
  hours: BusinessHours,
): readonly [number, number] | null {
  let hoursOfDay = days.get(day)
  if (hoursOfDay === undefined) {
    const date = new Date(day * DAY).toISOString().slice(0, 10)
    if (!isBusinessDay(date, hours)) hoursOfDay = null
    else {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number]
      const open = zonedTime(y, m, d, Math.floor(hours.startMinute / 60), hours.startMinute % 60, tz).getTime()
      const close = zonedTime(y, m, d, Math.floor(hours.endMinute / 60), hours.endMinute % 60, tz).getTime()
      hoursOfDay = [open, close]
    }
    if (days.size > 100_000) days.clear()
    days.set(day, hoursOfDay)
  }
  return hoursOfDay
}

/** The instants (ms) a local `YYYY-MM-DD` date's business hours open and close, or null on a day off. */
export function businessWindow(
  date: string,
  tz: string,
  hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
): readonly [open: number, close: number] | null {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return workingDay(workingDaysOf(tz, hours), Date.UTC(y, m - 1, d) / DAY, tz, hours)
}

/** Business hours between two instants (0 when `to` is not after `from`). */
export function businessHoursBetween(
  from: Date,
  to: Date,
  tz: string,
  hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
): number {
  const fromMs = from.getTime()
  const toMs = to.getTime()
  if (toMs <= fromMs) return 0
  const days = workingDaysOf(tz, hours)
  let total = 0
  const last = localDay(toMs, tz)
  for (let day = localDay(fromMs, tz), guard = 0; day <= last && guard < 3700; guard++, day++) {
    const open = workingDay(days, day, tz, hours)
    if (!open) continue
    const start = Math.max(open[0], fromMs)
    const end = Math.min(open[1], toMs)
    if (end > start) total += end - start
  }
  return total / HOUR
}

/** Whole business days from `from`'s date to `to`'s date (`from`'s own day not counted). */
export function businessDaysBetween(
  from: Date,
  to: Date,
  tz: string,
  hours: BusinessHours = DEFAULT_BUSINESS_HOURS,
): number {
  const days = workingDaysOf(tz, hours)
  let count = 0
  let day = localDay(from.getTime(), tz)
  const last = localDay(to.getTime(), tz)
  for (let guard = 0; day < last && guard < 3700; guard++) {
    day++
    if (workingDay(days, day, tz, hours)) count++
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
  for (let date = from, guard = 0; date <= to && guard < 3700; date = addDays(date, 1), guard++)
    if (isBusinessDay(date, hours)) count++
  return count
}

/** A length of local calendar period that trends count in. */
export type Period = 'day' | 'week' | 'month'

/** The first date of the period after the one that starts on `start`. */
function nextPeriod(start: string, period: Period): string {
  return period === 'month' ? addMonths(start, 1) : addDays(start, period === 'week' ? 7 : 1)
}

/**
 * The first dates of `count` periods, oldest first, the last of them `last` (a date, the Monday of a
 * week or the first of a month): the points of a trend.
 */
export function periodsUpTo(last: string, count: number, period: Period): string[] {
  return Array.from({ length: count }, (_, i) =>
    period === 'month' ? addMonths(last, i + 1 - count) : addDays(last, (i + 1 - count) * (period === 'week' ? 7 : 1)),
  )
}

/** Which of the periods that start on `starts` an instant (ISO) falls in, in local time: its index, or null for none. */
export function periodFinder(starts: readonly string[], period: Period, tz: string): (at: string) => number | null {
  const spans = localSpans(starts, (start) => nextPeriod(start, period), tz)
  return (at) => periodOf(Date.parse(at), spans)
}

export interface Span {
  i: number
  start: number
  end: number
}

/** The local periods from the start of each `dates[i]` to the start of `next(dates[i])`, as instants sorted by start. */
function localSpans(dates: readonly string[], next: (date: string) => string, tz: string): Span[] {
  return dates
    .map((date, i) => ({ i, start: startOfDate(date, tz).getTime(), end: startOfDate(next(date), tz).getTime() }))
    .sort((a, b) => a.start - b.start)
}

/**
 * The `i` of the span that the instant `time` lies in, or null. Comparing instants with local
 * midnights tells the local day, week or month without working out a local date per row, which for
 * thousands of tickets is most of a KPI's time.
 */
function periodOf(time: number, spans: readonly Span[]): number | null {
  let low = 0
  let high = spans.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const span = spans[mid]!
    if (time < span.start) high = mid - 1
    else if (time >= span.end) low = mid + 1
    else return span.i
  }
  return null
}
