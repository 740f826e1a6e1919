import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { createKpiEngine, findKpi } from '../../../kpi-library/engine.js'
import { historyStart } from '../../../kpi-library/history.js'
import {
  addDays,
  type BusinessHours,
  HOUR,
  localDate,
  localHour,
  startOfDate,
  startOfLocalHour,
} from '../../../kpi-library/time.js'
import type { KpiResult } from '../../../kpi-library/types.js'
import { lastPoll } from '../health.js'
import { ensureAllSeries, ensureSeries, type SeriesSpec, seriesKey } from './store.js'

// Records what each KPI on a dashboard or the strip says, per local day and per hour. A day's value is the
// KPI evaluated as of the last millisecond of that day by the same engine a wall uses, so a day recorded live
// and the same day backfilled later from the synced history are one computation on one set of records.
//
// Records of a day keep changing after it ends: hours logged days late and edited until finance approves them
// (weekly, sometimes a week later), a survey answered on Friday. So the last SETTLE_DAYS days are computed
// again once a day, and a day is final after that. A KPI whose value
// is the present state (open tickets, who is waiting now; every action list) cannot be computed for a past
// day: it is recorded live only, while its day or hour has just ended, and never backfilled.

/** How far back the backfill goes: a year and a bit, so "vs a year ago" has something to stand on. */
export const BACKFILL_DAYS = 400

/** How many recent days are computed again each day with the records that came in or changed late: two approval weeks. */
export const SETTLE_DAYS = 14

/** How long after a day or hour ended a present-state KPI may still be recorded for it. */
const LIVE_GRACE_MS = 2 * HOUR

/** Hours are kept for a week and a day: a KPI of a period so far compares with the same hour a week ago (trends.ts). */
const HOURS_KEPT_DAYS = 8

export interface RecorderOptions {
  db: Kysely<Database>
  tz: string
  hours?: BusinessHours
  now?: () => Date
}

export interface BackfillProgress {
  /** Day values written by this call. */
  written: number
  /** True when every series reached the start of the synced history (or the horizon). */
  done: boolean
}

type Series = SeriesSpec & { id: number }
type Value = { id: number; value: number | null }

/** The value a result records: a list's row count, any other KPI's headline; null where it has none. */
export function recordedValue(result: KpiResult): number | null {
  if (result.kind === 'list') return result.count
  return 'value' in result ? result.value : null
}

/** The series the dashboards and the strip ask for, each once. */
export async function askedSeries(db: Kysely<Database>): Promise<SeriesSpec[]> {
  const [tiles, goals] = await Promise.all([
    db.selectFrom('dashboard_tile').select(['kpi_id', 'params']).execute(),
    db.selectFrom('company_goal').select(['kpi_id', 'params']).execute(),
  ])
  const unique = new Map<string, SeriesSpec>()
  for (const row of [...tiles, ...goals]) {
    if (!findKpi(row.kpi_id)) continue
    const series = { kpi: row.kpi_id, params: JSON.parse(row.params) as Record<string, unknown> }
    unique.set(seriesKey(series), series)
  }
  return [...unique.values()]
}

/** True when the KPI's value for a past day can be computed again from the synced data: not a list, not marked as the present state. */
export function backfillable(kpi: string): boolean {
  const definition = findKpi(kpi)
  return definition !== undefined && definition.kind !== 'list' && definition.backfill !== false
}

/** The last millisecond of a local date: the instant a day's value is as of. */
export function endOfDate(day: string, tz: string): Date {
  return new Date(startOfDate(addDays(day, 1), tz).getTime() - 1)
}

export function createHistoryRecorder(options: RecorderOptions) {
  const { db, tz } = options
  const clock = options.now ?? (() => new Date())
  // One engine whose clock is set to the instant being recorded; its caches serve every series of that instant.
  let at = new Date(0)
  const engine = createKpiEngine({ db, tz, hours: options.hours, now: () => at, cacheSize: 2000 })

  /** The series' values as of `instant`; a series whose tile asks for nonsense records nothing (the tile says why). */
  async function valuesAt(instant: Date, series: Series[]): Promise<Value[]> {
    at = instant
    const generation = await engine.generation()
    const values: Value[] = []
    for (const one of series) {
      try {
        const result = await engine.evaluate(one.kpi, { params: one.params }, generation)
        values.push({ id: one.id, value: recordedValue(result) })
      } catch {
        // A parameter out of range: no value to keep.
      }
    }
    return values
  }

  async function asked(now: Date): Promise<Series[]> {
    const series = await askedSeries(db)
    const ids = await ensureAllSeries(db, series, now)
    return series.map((one, index) => ({ ...one, id: ids[index]! }))
  }

  /** When the newest successful Autotask poll started: records changed after it are not in yet. */
  async function polledAt(): Promise<number> {
    const poll = await lastPoll(db).where('ok', '=', 1).executeTakeFirst()
    return poll ? Date.parse(poll.started_at) : 0
  }

  /** Which of `series` have no value for `key` (a day or an hour) yet. */
  async function missing(table: 'kpi_day' | 'kpi_hour', key: string, series: Series[]): Promise<Series[]> {
    if (series.length === 0) return []
    const ids = series.map((one) => one.id)
    const have =
      table === 'kpi_day'
        ? db.selectFrom('kpi_day').select('series_id').where('day', '=', key).where('series_id', 'in', ids)
        : db.selectFrom('kpi_hour').select('series_id').where('hour', '=', key).where('series_id', 'in', ids)
    const recorded = new Set((await have.execute()).map((row) => row.series_id))
    return series.filter((one) => !recorded.has(one.id))
  }

  /**
   * Writes the values of one day in one transaction with `then`: `replace` for days computed again with late
   * records; otherwise a value already there (recorded live) is kept.
   */
  async function writeDay(
    day: string,
    values: Value[],
    mode: 'keep' | 'replace',
    then?: (trx: Kysely<Database>) => Promise<unknown>,
  ): Promise<number> {
    return db.transaction().execute(async (trx) => {
      let written = 0
      for (const { id, value } of values) {
        const result = await trx
          .insertInto('kpi_day')
          .values({ series_id: id, day, value })
          .onConflict((oc) =>
            mode === 'keep' ? oc.doNothing() : oc.columns(['series_id', 'day']).doUpdateSet({ value }),
          )
          .executeTakeFirst()
        written += Number(result.numInsertedOrUpdatedRows ?? 0)
      }
      await then?.(trx)
      return written
    })
  }

  /**
   * After each poll: yesterday's present-state values (once a poll that started after midnight has landed,
   * within LIVE_GRACE_MS), the recent days of the others computed again once a day, and the hour that just
   * ended. Returns how many values it wrote.
   */
  async function recordLive(): Promise<number> {
    const now = clock()
    const today = localDate(now, tz)
    const polled = await polledAt()
    const series = await asked(now)
    let written = 0

    const yesterday = addDays(today, -1)
    const dayEnd = endOfDate(yesterday, tz)
    if (polled > dayEnd.getTime()) {
      if (now.getTime() - dayEnd.getTime() < LIVE_GRACE_MS) {
        const present = series.filter((one) => !backfillable(one.kpi))
        written += await writeDay(
          yesterday,
          await valuesAt(dayEnd, await missing('kpi_day', yesterday, present)),
          'keep',
        )
      }
      written += await settle(series, today)
    }

    const hourEnd = new Date(startOfLocalHour(now, tz).getTime() - 1)
    const hour = localHour(hourEnd, tz)
    if (polled > hourEnd.getTime() && now.getTime() - hourEnd.getTime() < LIVE_GRACE_MS) {
      const values = await valuesAt(hourEnd, await missing('kpi_hour', hour, series))
      if (values.length > 0)
        await db
          .insertInto('kpi_hour')
          .values(values.map(({ id, value }) => ({ series_id: id, hour, value })))
          .onConflict((oc) => oc.doNothing())
          .execute()
      written += values.length
    }
    await db
      .deleteFrom('kpi_hour')
      .where('hour', '<', `${addDays(today, 1 - HOURS_KEPT_DAYS)}T00`)
      .execute()
    return written
  }

  /**
   * Computes the recent days of the backfillable series again, once per local date: the last SETTLE_DAYS,
   * and every day since the last time this ran when the server was off for longer.
   */
  async function settle(series: Series[], today: string): Promise<number> {
    const rows = await db.selectFrom('kpi_series').select(['id', 'settled_on']).execute()
    const settledOn = new Map(rows.map((row) => [row.id, row.settled_on]))
    const due = series.filter((one) => backfillable(one.kpi) && settledOn.get(one.id) !== today)
    if (due.length === 0) return 0
    const oldest = due.reduce(
      (first, one) => {
        const last = settledOn.get(one.id)
        const from = last ? addDays(last, -SETTLE_DAYS) : addDays(today, -SETTLE_DAYS)
        return from < first ? from : first
      },
      addDays(today, -SETTLE_DAYS),
    )
    // Never a day whose window starts before the synced history: a day without data has no value to keep.
    const floorOf = await historyFloors(today)
    const from = maxDate(oldest, addDays(today, -BACKFILL_DAYS))
    let written = 0
    for (let day = addDays(today, -1); day >= from; day = addDays(day, -1)) {
      const last = day === from
      const covered = due.filter((one) => {
        const floor = floorOf(one.kpi)
        return floor !== null && day >= floor
      })
      written += await writeDay(day, await valuesAt(endOfDate(day, tz), covered), 'replace', async (trx) => {
        if (last)
          await trx
            .updateTable('kpi_series')
            .set({ settled_on: today })
            .where(
              'id',
              'in',
              due.map((one) => one.id),
            )
            .execute()
      })
    }
    return written
  }

  /**
   * For each KPI, the first local date the synced history answers for it: its whole window after the first synced
   * ticket, and not before the horizon; null before any data. One query for all of them.
   */
  async function historyFloors(today: string): Promise<(kpi: string) => string | null> {
    const first = (await historyStart(db, 'tickets').executeTakeFirst())?.first
    const start = first ? (first.length > 10 ? localDate(new Date(first), tz) : first) : null
    return (kpi) => start && maxDate(addDays(start, findKpi(kpi)?.reachDays ?? 0), addDays(today, -BACKFILL_DAYS))
  }

  /**
   * Backfills the days before the settled ones from the synced history, newest first, until `budgetMs` has
   * passed: each step takes the newest day some series still lacks and evaluates every series lacking it at
   * that day's end. The day reached is kept per series, so a crash or a restart goes on where it stopped.
   */
  async function backfill(budgetMs: number): Promise<BackfillProgress> {
    const started = Date.now()
    const now = clock()
    const today = localDate(now, tz)
    const floorOf = await historyFloors(today)
    const wanted = new Set(
      (await asked(now)).filter((one) => backfillable(one.kpi) && floorOf(one.kpi)).map((one) => one.id),
    )
    let written = 0
    let days = 0
    for (;;) {
      const rows = await db.selectFrom('kpi_series').select(['id', 'kpi_id', 'params', 'backfilled_to']).execute()
      // The day each series goes on with: the one before the day it reached, or the newest day settling leaves.
      const pending = rows
        .filter((row) => wanted.has(row.id))
        .map((row) => ({
          id: row.id,
          kpi: row.kpi_id,
          params: JSON.parse(row.params) as Record<string, unknown>,
          next: addDays(row.backfilled_to ?? addDays(today, -SETTLE_DAYS), -1),
        }))
        .filter((row) => row.next >= floorOf(row.kpi)!)
      if (pending.length === 0) return { written, done: true }
      // One day at least per call, so even a spent budget moves on.
      if (days > 0 && Date.now() - started >= budgetMs) return { written, done: false }
      days++
      const day = pending.reduce((newest, row) => maxDate(row.next, newest), pending[0]!.next)
      const due = pending.filter((row) => row.next === day)
      const values = await valuesAt(endOfDate(day, tz), await missing('kpi_day', day, due))
      written += await writeDay(day, values, 'keep', (trx) =>
        trx
          .updateTable('kpi_series')
          .set({ backfilled_to: day })
          .where(
            'id',
            'in',
            due.map((row) => row.id),
          )
          .execute(),
      )
    }
  }

  /**
   * One value per local date from `from` to `to` (inclusive) for any KPI, on a dashboard or not: what the store
   * holds, and for a missing finished day of a backfillable KPI the value computed now (kept when the day is
   * past settling, so the next ask reads it). A present-state KPI's day never recorded stays null.
   */
  async function daysOf(series: SeriesSpec, from: string, to: string): Promise<RangeDay[]> {
    const now = clock()
    const today = localDate(now, tz)
    const one = { ...series, id: await ensureSeries(db, series, now) }
    const floor = (await historyFloors(today))(series.kpi)
    const stored = new Map(
      (
        await db
          .selectFrom('kpi_day')
          .select(['day', 'value'])
          .where('series_id', '=', one.id)
          .where('day', '>=', from)
          .where('day', '<=', to)
          .execute()
      ).map((row) => [row.day, row.value]),
    )
    const days: RangeDay[] = []
    for (let day = from; day <= to; day = addDays(day, 1)) {
      if (stored.has(day)) days.push({ day, value: stored.get(day)!, recorded: true })
      else if (floor !== null && day >= floor && day < today && backfillable(series.kpi)) {
        const [computed] = await valuesAt(endOfDate(day, tz), [one])
        if (computed && day < addDays(today, -SETTLE_DAYS)) await writeDay(day, [computed], 'keep')
        days.push({ day, value: computed?.value ?? null, recorded: computed !== undefined })
      } else days.push({ day, value: null, recorded: false })
    }
    return days
  }

  return { recordLive, backfill, daysOf }
}

/** A day of `daysOf`: `recorded` false where no value is known (a present-state KPI's day not recorded, today, the future). */
export interface RangeDay {
  day: string
  value: number | null
  recorded: boolean
}

export type HistoryRecorder = ReturnType<typeof createHistoryRecorder>

function maxDate(a: string, b: string): string {
  return a > b ? a : b
}
