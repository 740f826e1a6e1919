import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { canonical } from '../canonical-json.js'

// The history store's reads and writes (migration 034). A series is one KPI with the parameters a tile or
// goal gives it; the recorder (recorder.ts) fills its days and hours, everything else only reads.

/** A KPI as a tile or goal asks for it: what one series records. */
export interface SeriesSpec {
  kpi: string
  params: Record<string, unknown>
}

export interface DayValue {
  /** Local date, `YYYY-MM-DD`. */
  day: string
  value: number | null
}

/** The parameters as one string whatever order their keys came in, so a tile and a goal asking the same share a series. */
export const paramsKey = (params: Record<string, unknown>): string => canonical(params)

/** A KPI with its parameters as one string: a tile, a goal and a stored series that ask for the same agree on it. */
export const seriesKey = (series: SeriesSpec): string => storedSeriesKey(series.kpi, paramsKey(series.params))

/** `seriesKey` of a stored series, whose parameters are already as `paramsKey` wrote them. */
export const storedSeriesKey = (kpi: string, params: string): string => `${kpi} ${params}`

/** The series' id, made when it is new. */
export async function ensureSeries(db: Kysely<Database>, series: SeriesSpec, now: Date): Promise<number> {
  return (await ensureAllSeries(db, [series], now))[0]!
}

/** The ids of `series` (in their order), those that are new made first: one insert and one read for a whole wall. */
export async function ensureAllSeries(db: Kysely<Database>, series: SeriesSpec[], now: Date): Promise<number[]> {
  if (series.length === 0) return []
  const at = now.toISOString()
  await db
    .insertInto('kpi_series')
    .values(
      series.map((one) => ({ kpi_id: one.kpi, params: paramsKey(one.params), created_at: at, backfilled_to: null })),
    )
    .onConflict((oc) => oc.columns(['kpi_id', 'params']).doNothing())
    .execute()
  const rows = await db
    .selectFrom('kpi_series')
    .select(['id', 'kpi_id', 'params'])
    .where('kpi_id', 'in', [...new Set(series.map((one) => one.kpi))])
    .execute()
  const ids = new Map(rows.map((row) => [storedSeriesKey(row.kpi_id, row.params), row.id]))
  return series.map((one) => ids.get(seriesKey(one))!)
}
