import { describe, expect, it } from 'vitest'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { installDefaults } from '../../server/services/dashboards.js'
import {
  askedSeries,
  backfillable,
  createHistoryRecorder,
  SETTLE_DAYS,
} from '../../server/services/history/recorder.js'
import { addDays, localDate } from '../../kpi-library/time.js'
import { fastConnector, openTempDb, startSim } from '../helpers/sync-env.js'

const TZ = 'Europe/Amsterdam'
// A Thursday, 00:30 in Amsterdam (no clock change in the weeks after): a day has just ended at each poll below.
const START = '2026-11-04T23:30:00Z'
const DAY_MS = 86_400_000
// More nights than the settling takes, so the first days compared were final in the live database before the end.
const NIGHTS = 20

/** Every recorded day of every series, keyed by KPI and parameters: what a tile's trend reads. */
async function history(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('kpi_day')
    .innerJoin('kpi_series', 'kpi_series.id', 'kpi_day.series_id')
    .select(['kpi_series.kpi_id', 'kpi_series.params', 'kpi_day.day', 'kpi_day.value'])
    .orderBy('kpi_series.kpi_id')
    .orderBy('kpi_series.params')
    .orderBy('kpi_day.day')
    .execute()
  return rows
}

describe('KPI history', () => {
  it('records a day live exactly as a database synced later backfills it, and backfills the synced history at once', async () => {
    const world = createSimWorld({ size: 'small', seed: 11, now: START })
    const sim = await startSim({ world })
    const clock = () => world.now()

    // The live MSP: synced every night for NIGHTS nights, recording after each poll.
    const live = await openTempDb('live.sqlite')
    await installDefaults(live.db, START)
    const liveSync = fastConnector(live, sim.credentials, 1)
    const liveRecorder = createHistoryRecorder({ db: live.db, tz: TZ, now: clock })
    const firstDay = addDays(localDate(world.now(), TZ), -1)
    for (let night = 0; night < NIGHTS; night++) {
      if (night > 0) world.advance(DAY_MS)
      expect((await liveSync.sync({ now: clock })).ok).toBe(true)
      await liveRecorder.recordLive()
    }
    const lastDay = addDays(localDate(world.now(), TZ), -1)

    // The MSP that connects only now: one sync, then the backfill.
    const later = await openTempDb('later.sqlite')
    await installDefaults(later.db, START)
    expect((await fastConnector(later, sim.credentials, 1).sync({ now: clock })).ok).toBe(true)
    const laterRecorder = createHistoryRecorder({ db: later.db, tz: TZ, now: clock })
    await laterRecorder.recordLive()
    expect((await laterRecorder.backfill(Number.POSITIVE_INFINITY)).done).toBe(true)

    const kinds = new Map((await askedSeries(live.db)).map((one) => [one.kpi, backfillable(one.kpi)]))
    // The first night also settled the week before it.
    const inRange = (row: { day: string }) => row.day >= addDays(firstDay, 1 - SETTLE_DAYS) && row.day <= lastDay
    const liveRows = (await history(live.db)).filter((row) => kinds.get(row.kpi_id) && inRange(row))
    const laterRows = (await history(later.db)).filter((row) => kinds.get(row.kpi_id) && inRange(row))
    // Every night's day, and the days before the first night that it settled (a 7-day KPI's window is covered for all).
    const series = new Set(liveRows.map((row) => `${row.kpi_id}|${row.params}`)).size
    expect(series).toBeGreaterThan(15)
    expect(liveRows.filter((row) => row.kpi_id === 'sla_compliance')).toHaveLength(NIGHTS + SETTLE_DAYS - 1)
    // Byte for byte: the same days, the same doubles.
    expect(JSON.stringify(laterRows)).toBe(JSON.stringify(liveRows))

    // Present-state KPIs (open tickets, action lists) were recorded live every night and never backfilled.
    const present = [...kinds].filter(([, backfills]) => !backfills).map(([kpi]) => kpi)
    expect(present).toContain('tickets_open')
    const liveOpen = (await history(live.db)).filter((row) => row.kpi_id === 'tickets_open')
    expect(liveOpen.map((row) => row.day)).toEqual(
      Array.from({ length: NIGHTS }, (_, night) => addDays(firstDay, night)),
    )
    const laterOpen = (await history(later.db)).filter((row) => row.kpi_id === 'tickets_open')
    expect(laterOpen.map((row) => row.day)).toEqual([lastDay])

    // The later MSP sees its history as far back as the synced tickets cover the KPI's window (a week for this one).
    const first = (await later.db
      .selectFrom('ticket')
      .select((eb) => eb.fn.min('created_at').as('at'))
      .executeTakeFirst())!
    const oldest = await later.db
      .selectFrom('kpi_day')
      .innerJoin('kpi_series', 'kpi_series.id', 'kpi_day.series_id')
      .select((eb) => eb.fn.min('kpi_day.day').as('day'))
      .where('kpi_series.kpi_id', '=', 'sla_compliance')
      .executeTakeFirst()
    expect(oldest?.day).toBe(addDays(localDate(new Date(String(first.at)), TZ), 7))
  })
})
