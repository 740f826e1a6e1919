// Business time on a PSA's working calendar: opening hours per weekday and days (or parts of days) off, in the
// MSP's time zone. A PSA's SLA clock runs only while its calendar is open, so a due time is the instant that many
// open hours after the ticket came in. Pure arithmetic for the connectors; the KPI library keeps its own business
// hours (one span for every working day, measured between instants, never added).

const MINUTE = 60_000
const DAY = 86_400_000
/** Ten years of days: a calendar that is never open gives no instant rather than a loop without end. */
const MAX_DAYS = 3700

/** Minutes after local midnight: [opens, closes). */
export type OpenSpan = readonly [start: number, end: number]

export interface WorkingCalendar {
  timeZone: string
  /** Opening hours per ISO weekday (1 Monday ... 7 Sunday); a weekday not listed, or null, is closed. */
  week: Readonly<Partial<Record<number, OpenSpan | null>>>
  /** Local dates (`YYYY-MM-DD`) closed all day, or closed for the spans given. */
  closed: ReadonlyMap<string, 'all' | readonly OpenSpan[]>
}

/**
 * The instant `ms` of open time after `from` (ms since the epoch): counted from `from` itself when the calendar is
 * open then, else from its next opening; a target used up exactly at closing time falls on the closing time. Null
 * when the calendar is not open for that long within ten years.
 */
export function addBusinessTime(from: number, ms: number, calendar: WorkingCalendar): number | null {
  let left = ms
  for (let day = localDay(from, calendar.timeZone), n = 0; n < MAX_DAYS; day++, n++) {
    for (const [open, close] of openInstants(calendar, day)) {
      const start = Math.max(from, open)
      if (start >= close) continue
      if (start + left <= close) return start + left
      left -= close - start
    }
  }
  return null
}

const daysByCalendar = new WeakMap<WorkingCalendar, Map<number, ReadonlyArray<readonly [number, number]>>>()

/** The instants a local day (days since 1970-01-01) is open, memoised per calendar. */
function openInstants(calendar: WorkingCalendar, day: number): ReadonlyArray<readonly [number, number]> {
  let days = daysByCalendar.get(calendar)
  if (!days) daysByCalendar.set(calendar, (days = new Map()))
  let spans = days.get(day)
  if (!spans) {
    const date = new Date(day * DAY).toISOString().slice(0, 10)
    spans = openSpans(calendar, date, ((day + 3) % 7) + 1).map(
      ([start, end]) => [wallClock(day, start, calendar.timeZone), wallClock(day, end, calendar.timeZone)] as const,
    )
    days.set(day, spans)
  }
  return spans
}

/** A date's opening hours less the time it is closed. */
function openSpans(calendar: WorkingCalendar, date: string, isoWeekday: number): OpenSpan[] {
  const hours = calendar.week[isoWeekday]
  const closed = calendar.closed.get(date)
  if (!hours || closed === 'all') return hours && !closed ? [hours] : []
  let spans: OpenSpan[] = [hours]
  for (const [from, to] of closed ?? []) {
    spans = spans.flatMap(([start, end]): OpenSpan[] =>
      to <= start || from >= end
        ? [[start, end]]
        : [...(from > start ? [[start, from] as const] : []), ...(to < end ? [[to, end] as const] : [])],
    )
  }
  return spans
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(time: number, timeZone: string): number {
  let format = formatters.get(timeZone)
  if (!format) {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const
    formatters.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', ...fields })))
  }
  const part: Record<string, number> = {}
  for (const { type, value } of format.formatToParts(new Date(time))) part[type] = Number(value)
  const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!)
  return wall - Math.floor(time / MINUTE) * MINUTE
}

/** The local day (days since 1970-01-01) an instant falls on. */
function localDay(time: number, timeZone: string): number {
  return Math.floor((time + offsetAt(time, timeZone)) / DAY)
}

/** The instant of a wall-clock time (minutes after midnight) on a local day; a skipped hour reads as after the switch. */
function wallClock(day: number, minute: number, timeZone: string): number {
  const wall = day * DAY + minute * MINUTE
  const guess = wall - offsetAt(wall, timeZone)
  return wall - offsetAt(guess, timeZone)
}
