import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { findKpi } from '../../../kpi-library/engine.js'
import { addDays, localDate, localHour, sameTimeDaysBefore, startOfLocalHour } from '../../../kpi-library/time.js'
import type { WallTrend } from '../../wire/dashboards.js'
import { type DayValue, type SeriesSpec, seriesKey, storedSeriesKey } from './store.js'
import { weekValue } from './weeks.js'

/** How much history a wall tile draws: twelve weeks. */
export const TREND_WEEKS = 12

/** A tile's trend needs a few recorded days to say anything. */
const FEWEST_DAYS = 3

/**
 * The recent history of each of `series` that has some, keyed by `seriesKey`: one value per run of 7 days of the
 * last TREND_WEEKS, counted back from yesterday (weeks.ts), and the value recorded a week before today (for a
 * "today so far" KPI: at the same hour a week ago). Two queries for a whole wall.
 */
export async function recentTrends(
  db: Kysely<Database>,
  series: SeriesSpec[],
  clock: { now: Date; tz: string },
): Promise<Map<string, WallTrend>> {
  const trends = new Map<string, WallTrend>()
  if (series.length === 0) return trends
  const today = localDate(clock.now, clock.tz)
  const from = addDays(today, -7 * TREND_WEEKS)
  const weekAgo = addDays(today, -7)
  const rows = await db
    .selectFrom('kpi_day')
    .innerJoin('kpi_series', 'kpi_series.id', 'kpi_day.series_id')
    .select(['kpi_series.kpi_id', 'kpi_series.params', 'kpi_day.day', 'kpi_day.value'])
    .where('kpi_series.kpi_id', 'in', [...new Set(series.map((one) => one.kpi))])
    .where('kpi_day.day', '>=', from)
    .where('kpi_day.day', '<', today)
    .orderBy('kpi_day.series_id')
    .orderBy('kpi_day.day')
    .execute()
  const days = new Map<string, DayValue[]>()
  for (const row of rows) {
    const key = storedSeriesKey(row.kpi_id, row.params)
    let list = days.get(key)
    if (!list) days.set(key, (list = []))
    list.push({ day: row.day, value: row.value })
  }
  const hourAgo = await hoursWeekAgo(db, series, clock)
  for (const one of series) {
    const key = seriesKey(one)
    const list = days.get(key)
    if (!list || list.filter((day) => day.value !== null).length < FEWEST_DAYS) continue
    const kpi = findKpi(one.kpi)
    // "Today so far" compares with the same hour a week ago; a whole day would read as a drop every morning.
    const sameHour = kpi?.reachDays === 1
    trends.set(key, {
      weeks: Array.from({ length: TREND_WEEKS }, (_, back) => {
        const end = addDays(today, -1 - 7 * (TREND_WEEKS - 1 - back))
        const start = addDays(end, -6)
        return {
          end,
          value: weekValue(
            one.kpi,
            list.filter((day) => day.day >= start && day.day <= end),
          ),
        }
      }),
      weekAgo: sameHour ? (hourAgo.get(key) ?? null) : (list.find((day) => day.day === weekAgo)?.value ?? null),
      direction: kpi?.direction ?? 'neutral',
    })
  }
  return trends
}

/** The values recorded a week ago for the hour that has just ended, of the "today so far" series among `series`. */
async function hoursWeekAgo(
  db: Kysely<Database>,
  series: SeriesSpec[],
  clock: { now: Date; tz: string },
): Promise<Map<string, number | null>> {
  const today = series.filter((one) => findKpi(one.kpi)?.reachDays === 1)
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
