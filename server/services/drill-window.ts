import { formatDay } from '../../kpi-library/time-text.js'
import {
  addDays,
  addMonths,
  currentIsoWeek,
  currentMonth,
  daysFromTo,
  localDate,
  localDatesWindow,
  previousIsoWeek,
  previousMonth,
  type DateRange,
  type Window,
} from '../../kpi-library/time.js'
import type { Lang } from '../../kpi-library/wire-types.js'
import { badRequest } from '../errors.js'
import { type DrillPreset, PRESET_WORDS } from '../wire/drill.js'

// The windows a drill-down offers: calendar weeks, months and quarters in local time, or a chosen range of dates.

/** A chosen range may span at most two years (731 days: a leap year and a year). */
const MAX_RANGE_DAYS = 731

export interface DrillWindow {
  preset: DrillPreset | 'range'
  /** The window handed to the KPI; absent for `default`, its own. */
  window?: Window
  /** Its local dates, inclusive; for `default`, those the KPI's own window touches (`ownFrom` to today). */
  dates: DateRange
}

/** The first day of the calendar quarter `date` is in. */
function quarterStart(date: string): string {
  const month = Number(date.slice(5, 7))
  return `${date.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`
}

/** Whether `YYYY-MM-DD` names a day the calendar has (not 2026-02-30). */
function isRealDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`)
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
}

/**
 * The window a drill-down asks for: a preset, or `from`..`to` (local dates, both included, at most two years,
 * not starting after today); none of them: the KPI's own (from `ownFrom`, for the dates shown). A window that
 * runs on past now ends at now: what has not happened yet is not in the data.
 */
export function drillWindow(
  asked: { window?: DrillPreset; from?: string; to?: string },
  now: Date,
  tz: string,
  ownFrom?: string,
): DrillWindow {
  const today = localDate(now, tz)
  const upToNow = (from: string, end: string): Window => {
    const window = localDatesWindow(from, end, tz)
    return window.until > now.toISOString() ? { ...window, until: now.toISOString() } : window
  }
  if (asked.from !== undefined || asked.to !== undefined) {
    if (asked.window !== undefined && asked.window !== 'default')
      throw badRequest('give either a window or a from/to range, not both')
    const { from, to } = asked
    if (from === undefined || to === undefined) throw badRequest('a range needs both from and to (YYYY-MM-DD)')
    for (const date of [from, to]) if (!isRealDate(date)) throw badRequest(`${date} is not a date`)
    if (from > to) throw badRequest(`the range starts (${from}) after it ends (${to})`)
    if (from > today) throw badRequest(`the range starts after today (${today})`)
    if (daysFromTo(from, to) > MAX_RANGE_DAYS) throw badRequest('a range spans at most two years')
    return { preset: 'range', window: upToNow(from, addDays(to, 1)), dates: { from, to } }
  }
  const preset = asked.window ?? 'default'
  const range = (dates: DateRange): DrillWindow => ({
    preset,
    window: upToNow(dates.from, addDays(dates.to, 1)),
    dates,
  })
  switch (preset) {
    case 'this-week':
      return range(currentIsoWeek(now, tz))
    case 'last-week':
      return range(previousIsoWeek(now, tz))
    case 'this-month':
      return range(currentMonth(now, tz))
    case 'last-month':
      return range(previousMonth(now, tz))
    case 'this-quarter':
      return range({ from: quarterStart(today), to: today })
    case 'last-quarter': {
      const from = addMonths(quarterStart(today), -3)
      return range({ from, to: addDays(quarterStart(today), -1) })
    }
    case 'default':
      return { preset, dates: { from: ownFrom ?? today, to: today } }
  }
}

/**
 * The window in words: "Last week: 23 Nov 2026 – 29 Nov 2026" ("Vorige week: 23 nov 2026 – 29 nov 2026"); the
 * KPI's own window in its own words (`own`).
 */
export function windowWords(drill: DrillWindow, own: string, lang: Lang): string {
  if (drill.preset === 'default') return own
  const { from, to } = drill.dates
  const dates = from === to ? formatDay(from, lang) : `${formatDay(from, lang)} – ${formatDay(to, lang)}`
  if (drill.preset === 'range') return dates
  return `${PRESET_WORDS[drill.preset][lang]}: ${dates}`
}
