import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { findKpi } from '../../../kpi-library/engine.js'
import {
  addDays,
  addMonths,
  firstOfMonth,
  localDate,
  localHour,
  sameTimeDaysBefore,
  startOfLocalHour,
} from '../../../kpi-library/time.js'
import type { WallTrend } from '../../wire/dashboards.js'
import { type DayValue, type SeriesSpec, seriesKey, storedSeriesKey } from './store.js'
import { weekValue } from './weeks.js'

/** How much history a wall tile draws: a year of weeks, so an owner sees this season against last. */
export const TREND_WEEKS = 52

/** A tile's trend needs a few recorded days to say anything. */
const FEWEST_DAYS = 3

/**
 * The recent history of each of `series` that has some, keyed by `seriesKey`: its last TREND_WEEKS runs of 7 days
 * counted back from yesterday (weeks.ts) and the value a week before today (for a KPI of a period so far: at the same
 * hour a week ago); for a KPI whose window moves a month at a time, its last 12 month ends and the month before.
 * Three queries for a whole wall.
 */
export async function recentTrends(
  db: Kysely<Database>,
  series: SeriesSpec[],
  clock: { now: Date; tz: string },
): Promise<Map<string, WallTrend>> {
  const trends = new Map<string, WallTrend>()
  if (series.length === 0) return trends
  const today = localDate(clock.now, clock.tz)
  const monthly = (one: SeriesSpec) => findKpi(one.kpi)?.stepsMonthly === true
  const weekDays = await recordedDays(
    db,
    series.filter((one) => !monthly(one)),
    addDays(today, -7 * TREND_WEEKS),
    today,
  )
  const monthDays = await recordedDays(db, series.filter(monthly), addDays(today, -366), today)
  const hourAgo = await hoursWeekAgo(db, series, clock)
  // The recorded day end nearest to this moment a week ago: before noon the one that ended last night a week ago
  // (the same 7 days the value now counts, give or take the morning), after noon today's a week ago.
  const weekAgo = addDays(today, Number(localHour(clock.now, clock.tz).slice(11, 13)) < 12 ? -8 : -7)
  for (const one of series) {
    const key = seriesKey(one)
    const kpi = findKpi(one.kpi)
    const list = (monthly(one) ? monthDays : weekDays).get(key)
    if (!list || list.filter((day) => day.value !== null).length < FEWEST_DAYS) continue
    const direction = kpi?.direction ?? 'neutral'
    const on = (date: string) => list.find((day) => day.day === date)?.value ?? null
    if (monthly(one)) {
      // As of a month's last day, such a KPI says the month before: the month ends back from last month's, then
      // yesterday (this month's so far: last month).
      const ends = Array.from({ length: 11 }, (_, back) => lastDayOfMonthBefore(today, 11 - back)).concat(
        addDays(today, -1),
      )
      trends.set(key, {
        step: 'month',
        points: ends.map((end) => ({ end, value: on(end) })),
        before: on(lastDayOfMonthBefore(today, 1)),
        direction,
        soFar: false,
      })
      continue
    }
    // A period so far (today, this week) compares with the same hour a week ago; a whole day or week would read as a
    // drop every morning, or every Monday.
    const soFar = isSoFar(one.kpi)
    const before = soFar ? (hourAgo.get(key) ?? null) : on(weekAgo)
    const points = Array.from({ length: TREND_WEEKS }, (_, back) => {
      const end = addDays(today, -1 - 7 * (TREND_WEEKS - 1 - back))
      const start = addDays(end, -6)
      return {
        end,
        value: weekValue(
          one.kpi,
          list.filter((day) => day.day >= start && day.day <= end),
        ),
      }
    })
    trends.set(key, { step: 'week', points, before, direction, soFar })
  }
  return trends
}

/** The last day of the month `months` before the month of `today` (1: last month's last day). */
function lastDayOfMonthBefore(today: string, months: number): string {
  return addDays(addMonths(firstOfMonth(today), 1 - months), -1)
}

/** The recorded days of `series` from `from` up to (not including) `to`, per `seriesKey`, oldest first. */
export async function recordedDays(
  db: Kysely<Database>,
  series: SeriesSpec[],
  from: string,
  to: string,
): Promise<Map<string, DayValue[]>> {
  const days = new Map<string, DayValue[]>()
  if (series.length === 0) return days
  const rows = await db
    .selectFrom('kpi_day')
    .innerJoin('kpi_series', 'kpi_series.id', 'kpi_day.series_id')
    .select(['kpi_series.kpi_id', 'kpi_series.params', 'kpi_day.day', 'kpi_day.value'])
    .where('kpi_series.kpi_id', 'in', [...new Set(series.map((one) => one.kpi))])
    .where('kpi_day.day', '>=', from)
    .where('kpi_day.day', '<', to)
    .orderBy('kpi_day.series_id')
    .orderBy('kpi_day.day')
    .execute()
  for (const row of rows) {
    const key = storedSeriesKey(row.kpi_id, row.params)
    let list = days.get(key)
    if (!list) days.set(key, (list = []))
    list.push({ day: row.day, value: row.value })
  }
  return days
}

/** A KPI whose value is a period so far: today's (its window reaches one day) or one that says so (`soFar`). */
function isSoFar(id: string): boolean {
  const kpi = findKpi(id)
  return kpi?.reachDays === 1 || kpi?.soFar === true
}

/** The values recorded a week ago for the hour that has just ended, of the series of a period so far among `series`. */
async function hoursWeekAgo(
  db: Kysely<Database>,
  series: SeriesSpec[],
  clock: { now: Date; tz: string },
): Promise<Map<string, number | null>> {
  const today = series.filter((one) => isSoFar(one.kpi))
  if (today.length === 0) return new Map()
  const hour = localHour(
    new Date(startOfLocalHour(sameTimeDaysBefore(clock.now, clock.tz, 7), clock.tz).getTime() - 1),
    clock.tz,
  )
  const rows = await db
    .selectFrom('kpi_hour')
    .innerJoin('kpi_series', 'kpi_series.id', 'kpi_hour.series_id')
    .select(['kpi_series.kpi_id', 'kpi_series.params', 'kpi_hour.value'])
    .where('kpi_series.kpi_id', 'in', [...new Set(today.map((one) => one.kpi))])
    .where('kpi_hour.hour', '=', hour)
    .execute()
  return new Map(rows.map((row) => [storedSeriesKey(row.kpi_id, row.params), row.value]))
}
