import { describe, expect, it } from 'vitest'
import { ALL_KPIS } from '../../kpi-library/index.js'
import { installDefaults } from '../../server/services/dashboards.js'
import { backfillable, createHistoryRecorder } from '../../server/services/history/recorder.js'
import { fixtureDb } from '../kpi/fixture.js'
import { runRoleboard } from '../helpers/cli.js'

// Four tickets around a Monday in Amsterdam (winter time, UTC+1); the clock is Thursday noon.
const NOW = '2026-03-05T11:00:00.000Z'
const TZ = 'Europe/Amsterdam'
const DESK = {
  tickets: [
    // Created Sunday: the first synced record, so Monday is the first whole day of history.
    { id: 1, state: 'complete', created_at: '2026-03-01T10:00:00.000Z', completed_at: '2026-03-02T09:00:00.000Z' },
    // Completed Monday 23:30 local: still Monday.
    { id: 2, state: 'complete', created_at: '2026-03-02T08:00:00.000Z', completed_at: '2026-03-02T22:30:00.000Z' },
    // Completed Tuesday 00:30 local: Tuesday.
    { id: 3, state: 'complete', created_at: '2026-03-02T12:00:00.000Z', completed_at: '2026-03-02T23:30:00.000Z' },
    { id: 4, status: 1, state: 'open', created_at: '2026-03-03T09:00:00.000Z' },
  ],
}

async function history(args: string[]) {
  const handle = await fixtureDb(DESK)
  await handle.close()
  return runRoleboard(['kpi', ...args], { ROLEBOARD_DB: handle.path, ROLEBOARD_NOW: NOW })
}

describe('roleboard kpi --history', () => {
  it('answers one value per local date, computed from the synced history where nothing was recorded', async () => {
    const run = await history([
      'tickets_completed_today',
      '--history',
      '--from',
      '2026-02-28',
      '--to',
      '2026-03-05',
      '--json',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const answer = JSON.parse(run.stdout) as { days: Array<{ day: string; value: number | null; recorded: boolean }> }
    expect(answer.days).toEqual([
      // Before the synced history, and its first (partial) day: not known.
      { day: '2026-02-28', value: null, recorded: false },
      { day: '2026-03-01', value: null, recorded: false },
      { day: '2026-03-02', value: 2, recorded: true }, // tickets 1 and 2
      { day: '2026-03-03', value: 1, recorded: true }, // ticket 3, just after midnight
      { day: '2026-03-04', value: 0, recorded: true },
      // Today is not over.
      { day: '2026-03-05', value: null, recorded: false },
    ])
  })

  it('never makes up the past of a present-state KPI, and says so in text', async () => {
    const run = await history(['tickets_open', '--history', '--from', '2026-03-02', '--to', '2026-03-04'])
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      '2026-03-02  -\n2026-03-03  -\n2026-03-04  -\n' +
        'tickets_open: 0 of 3 days known (- : not recorded, and not computable from the synced data)\n',
    )
  })

  it('refuses dates that are not dates, a range backwards, and a KPI that does not exist, in one line', async () => {
    const bad = await history(['tickets_completed_today', '--history', '--from', '2026-02-30', '--to', '2026-03-04'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr.trim()).toBe('roleboard kpi: --from must be a date as YYYY-MM-DD, not "2026-02-30"')
    const backwards = await history([
      'tickets_completed_today',
      '--history',
      '--from',
      '2026-03-04',
      '--to',
      '2026-03-01',
    ])
    expect(backwards.stderr.trim()).toBe('roleboard kpi: --from (2026-03-04) must not be after --to (2026-03-01)')
    const unknown = await history(['no_such_kpi', '--history', '--from', '2026-03-01', '--to', '2026-03-02'])
    expect(unknown.stderr.trim()).toBe(
      'roleboard kpi: there is no KPI "no_such_kpi"; roleboard kpi --list shows the library',
    )
  })
})

describe('what the history store backfills', () => {
  it('knows how far back each backfilled KPI reaches, and backfills no action list', () => {
    for (const kpi of ALL_KPIS) {
      if (kpi.kind === 'list') expect(backfillable(kpi.id), kpi.id).toBe(false)
      if (backfillable(kpi.id)) expect(kpi.reachDays, kpi.id).toBeGreaterThan(0)
    }
  })
})

describe('the recorder, stopped and started again', () => {
  it('backfills in steps (a restart between any two) to exactly what one pass writes, and records the hour that just ended', async () => {
    const oneGo = await fixtureDb(DESK)
    const inSteps = await fixtureDb(DESK)
    for (const handle of [oneGo, inSteps]) await installDefaults(handle.db, NOW)
    // A month later, so the backfill has the days before the fortnight that settling keeps to do.
    const clock = () => new Date('2026-04-02T10:00:00.000Z')
    await createHistoryRecorder({ db: oneGo.db, tz: TZ, now: clock }).backfill(Number.POSITIVE_INFINITY)
    let steps = 0
    // A new recorder each time, as after a restart; a zero budget does one day per call.
    for (let done = false; !done; steps++)
      done = (await createHistoryRecorder({ db: inSteps.db, tz: TZ, now: clock }).backfill(0)).done
    expect(steps).toBeGreaterThan(1)
    const days = (handle: typeof oneGo) =>
      handle.db.selectFrom('kpi_day').selectAll().orderBy('series_id').orderBy('day').execute()
    expect(await days(inSteps)).toEqual(await days(oneGo))
    // Tickets completed on Monday 2 March, the first whole day of history: tickets 1 and 2.
    expect((await days(oneGo)).filter((row) => row.day === '2026-03-02' && row.value === 2).length).toBeGreaterThan(0)

    // Thursday 12:00 local: the hour 11:00-12:00 has just ended and a poll started after it (the fixture's sync).
    await oneGo.db.updateTable('sync_run').set({ started_at: '2026-03-05T11:00:30.000Z' }).execute()
    await createHistoryRecorder({ db: oneGo.db, tz: TZ, now: () => new Date(NOW) }).recordLive()
    const hours = await oneGo.db
      .selectFrom('kpi_hour')
      .innerJoin('kpi_series', 'kpi_series.id', 'kpi_hour.series_id')
      .select(['kpi_series.kpi_id', 'kpi_hour.hour', 'kpi_hour.value'])
      .where('kpi_series.kpi_id', '=', 'tickets_open')
      .execute()
    // Ticket 4 is the one open ticket.
    expect(hours).toEqual([{ kpi_id: 'tickets_open', hour: '2026-03-05T11', value: 1 }])
  })
})
