import { describe, expect, test } from 'vitest'
import type { SyncSummary } from '../../connectors/autotask/index.js'
import { ENTITY_SPECS } from '../../connectors/autotask/entities.js'
import type { DbHandle } from '../../db/index.js'
import { loadConfig } from '../../server/config.js'
import { DEFAULT_PACE, paceInForce } from '../../server/sync-pace.js'
import { configuredConnector } from '../../server/sync.js'
import type { Budget } from '../../server/wire/budget.js'
import { fixtureDb } from '../kpi/fixture.js'
import { adminCookie, appOn, wallToken } from '../helpers/app-env.js'
import { openTempDb, startSim } from '../helpers/sync-env.js'

// The API budget (issue 14): at the server's default pacing a desk costs at most 5% of the tenant's 10,000
// requests an hour while what walls need stays a minute fresh; an active webhook slows its entity to the safety
// net until it is deactivated; ROLEBOARD_SYNC_ENTITY_INTERVALS still wins; the builder's view shows the numbers.

const EVERY_MINUTE = ['Tickets', 'TicketNotes', 'TimeEntries', 'SurveyResults', 'ServiceLevelAgreementResults']

/** A small simulated desk synced as the server syncs it, its world and the sync's clock stepped a minute a run. */
async function pacedDesk(env: Record<string, string> = {}) {
  const sim = await startSim({ size: 'small', seed: 42 })
  const handle = await openTempDb()
  const connect = () => configuredConnector(loadConfig(env), handle, sim.credentials, () => sim.world.now())
  let connector = connect()
  const first = await connector.sync()
  expect(first.ok).toBe(true)
  /** Runs `minutes` scheduled syncs; per run, the tasks that made a pass. */
  const minutes = async (count: number): Promise<string[][]> => {
    const runs: string[][] = []
    for (let minute = 0; minute < count; minute++) {
      sim.world.advance(60_000)
      const summary: SyncSummary = await connector.sync()
      expect(summary.ok).toBe(true)
      runs.push(summary.results.map((result) => result.entity))
    }
    return runs
  }
  const counted = () => sim.sim.requestLog().filter((entry) => entry.counted).length
  /** A new process: its connector starts afresh on the same database. */
  const restart = () => {
    connector = connect()
  }
  return { sim, handle, minutes, counted, restart }
}

async function setWebhook(handle: DbHandle, entity: string, active: 0 | 1) {
  await handle.db
    .insertInto('autotask_webhook')
    .values({
      entity,
      webhook_id: 1,
      name: `roleboard ${entity}`,
      url: 'https://roleboard.example/hooks',
      deactivation_url: 'https://roleboard.example/hooks/off',
      secret_sealed: 'sealed',
      is_active: active,
      registered_at: '2026-03-02T09:00:00Z',
    })
    .onConflict((oc) => oc.column('entity').doUpdateSet({ is_active: active }))
    .execute()
}

const passesOf = (runs: string[][], entity: string) => runs.filter((run) => run.includes(entity)).length

describe('default pacing', () => {
  test('names a pace for everything a sync does', () => {
    const tasks = [
      'Picklists',
      ...ENTITY_SPECS.map((spec) => spec.entity),
      'DeletedTicketLogs',
      ...ENTITY_SPECS.filter((spec) => spec.deletionScan).map((spec) => `${spec.entity}:deletions`),
    ]
    expect(Object.keys(DEFAULT_PACE).sort()).toEqual(tasks.sort())
  })

  test('an hour of syncs costs at most 500 requests, and what walls need is synced every minute', async () => {
    const { minutes, counted, handle, sim } = await pacedDesk()
    const before = counted()
    const runs = await minutes(60)
    const spent = counted() - before
    // By hand (server/sync-pace.ts): 4 x 60 + SLA results (<= 60) + 12 + 24 + 2 + 4 + the two hourly scans
    // (5 + 9 on this desk) + budget checks: between 330 and 370.
    expect(spent).toBeLessThanOrEqual(500)
    expect(spent).toBeGreaterThan(300)
    for (const entity of EVERY_MINUTE) expect(passesOf(runs, entity)).toBe(60)
    expect(passesOf(runs, 'DeletedTicketLogs')).toBe(12)
    for (const entity of ['Companies', 'Contacts', 'Opportunities', 'Quotes', 'Projects', 'Tasks'])
      expect(passesOf(runs, entity)).toBe(4)
    expect(passesOf(runs, 'Resources')).toBe(2)
    for (const entity of ['Contracts', 'Surveys', 'ConfigurationItems', 'Invoices', 'TimeEntries:deletions'])
      expect(passesOf(runs, entity)).toBe(1)
    // The 6-hourly ones are not due in the first hour.
    expect(passesOf(runs, 'Picklists')).toBe(0)
    expect(passesOf(runs, 'Quotes:deletions')).toBe(0)
    // The tenant's count is read once per 100 requests, not once a run.
    const readings = sim.sim.requestLog().filter((entry) => entry.entity === 'ThresholdInformation').length
    expect(readings).toBeGreaterThan(1)
    expect(readings).toBeLessThanOrEqual(1 + Math.ceil(spent / 100))
    // What each entity cost is recorded, and adds up to what the simulator counted.
    const recorded = await handle.db
      .selectFrom('api_entity_usage')
      .select((eb) => eb.fn.sum<number>('requests').as('total'))
      .where('minute', '>', '2026-03-02T09:00')
      .executeTakeFirstOrThrow()
    expect(Number(recorded.total)).toBe(spent)
  })

  test('an active Tickets webhook slows its polling to the safety net; deactivated, it is back to every minute', async () => {
    const { minutes, handle } = await pacedDesk()
    await setWebhook(handle, 'Tickets', 1)
    let runs = await minutes(30)
    expect(passesOf(runs, 'Tickets')).toBe(2) // minutes 15 and 30
    expect(passesOf(runs, 'TimeEntries')).toBe(30)
    await setWebhook(handle, 'Tickets', 0)
    runs = await minutes(3)
    expect(passesOf(runs, 'Tickets')).toBe(3)
  })

  test('after a restart the first sync polls Tickets all the same: callouts sent while roleboard was down went unread', async () => {
    const { minutes, handle, restart } = await pacedDesk()
    await setWebhook(handle, 'Tickets', 1)
    expect(passesOf(await minutes(2), 'Tickets')).toBe(0)
    restart()
    const runs = await minutes(2)
    expect(runs.map((run) => run.includes('Tickets'))).toEqual([true, false])
  })

  test('ROLEBOARD_SYNC_ENTITY_INTERVALS wins over the defaults and over an active webhook', async () => {
    const { minutes, handle } = await pacedDesk({ ROLEBOARD_SYNC_ENTITY_INTERVALS: 'Tickets=120,Resources=60' })
    await setWebhook(handle, 'Tickets', 1)
    const runs = await minutes(6)
    expect(passesOf(runs, 'Tickets')).toBe(3)
    expect(passesOf(runs, 'Resources')).toBe(6)
    const pace = await paceInForce(handle.db, { Tickets: 120 })
    expect(pace.find((p) => p.entity === 'Tickets')).toEqual({
      entity: 'Tickets',
      seconds: 120,
      source: 'override',
      reason: 'override',
    })
  })
})

describe('GET /api/budget', () => {
  const NOW = '2026-03-02T10:00:00.000Z'

  async function setup() {
    const handle = await fixtureDb({})
    const app = await appOn(handle, NOW)
    return { app, handle, cookie: await adminCookie(app) }
  }

  test('admin only', async () => {
    const { app, cookie } = await setup()
    expect((await app.inject({ url: '/api/budget' })).statusCode).toBe(401)
    const { token } = await wallToken(app, cookie, 'owner')
    expect((await app.inject({ url: '/api/budget', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      403,
    )
  })

  test('shows the pace in force, expected and measured requests, and the tenant as last read', async () => {
    const { app, handle, cookie } = await setup()
    const { db } = handle
    await setWebhook(handle, 'Tickets', 1)
    await db
      .insertInto('api_threshold')
      .values({ psa: 'autotask', hourly_limit: 10_000, tenant_count: 2345, read_at: '2026-03-02T09:55:00.000Z' })
      .execute()
    // The hour before 10:00 is the minutes after 09:00: 100 + 50 count, 999 at 09:00 does not.
    await db
      .insertInto('api_usage')
      .values([
        { psa: 'autotask', minute: '2026-03-02T09:00', requests: 999 },
        { psa: 'autotask', minute: '2026-03-02T09:01', requests: 100 },
        { psa: 'autotask', minute: '2026-03-02T09:59', requests: 50 },
      ])
      .execute()
    const usage = (entity: string, minute: string, requests: number) => ({ psa: 'autotask', entity, minute, requests })
    await db
      .insertInto('api_entity_usage')
      .values([
        usage('Tickets', '2026-03-02T09:58', 1),
        usage('Tickets', '2026-03-02T09:59', 1),
        usage('TimeEntries', '2026-03-02T08:30', 3),
        usage('TimeEntries', '2026-03-02T09:10', 2),
        usage('Contracts', '2026-03-02T08:30', 9),
        usage('TimeEntries:deletions', '2026-03-02T09:05', 42),
        usage('ThresholdInformation', '2026-03-02T09:20', 1),
        usage('ThresholdInformation', '2026-03-02T09:40', 1),
      ])
      .execute()
    await db
      .insertInto('sync_run')
      .values([
        { psa: 'autotask', kind: 'webhook', started_at: '2026-03-02T08:30:00.000Z', requests: 5 },
        { psa: 'autotask', kind: 'webhook', started_at: '2026-03-02T09:30:00.000Z', requests: 3 },
        { psa: 'autotask', kind: 'incremental', started_at: '2026-03-02T09:31:00.000Z', requests: 7 },
        // The first sync read whole tables at 08:30: TimeEntries' 3 then is no pass at its pace.
        {
          psa: 'autotask',
          kind: 'initial',
          started_at: '2026-03-02T08:30:00.000Z',
          finished_at: '2026-03-02T08:30:40.000Z',
          requests: 60,
        },
      ])
      .execute()
    await db
      .insertInto('sync_state')
      .values({ psa: 'smileback', entity: 'Reviews', requests: 4, last_success_at: '2026-03-02T09:58:00.000Z' })
      .execute()

    const response = await app.inject({ url: '/api/budget', headers: { cookie } })
    expect(response.statusCode).toBe(200)
    const budget: Budget = response.json()
    expect(budget.tenant).toEqual({
      hourlyLimit: 10_000,
      usedLastHour: 2345,
      readAt: '2026-03-02T09:55:00.000Z',
      behindOwn: false,
    })
    // Expected: Tickets 1 a pass every 15 min (webhook) = 4, TimeEntries 2 x 60 = 120, its scan 42 once an hour;
    // the rest, without a pass yet, one request a pass: TicketNotes, SurveyResults and SLA results 60 each,
    // DeletedTicketLogs 12, six 15-minute entities 24, Resources 2, four hourly ones 4, the notes' scan 1, the six
    // 6-hourly tasks (picklists, five scans) 1: 390, and one budget check per 100 requests on top: 393.9.
    expect(budget.roleboard).toMatchObject({ lastHour: 150, target: 500, shareLimit: 2000 })
    expect(budget.roleboard.expectedPerHour).toBeCloseTo(393.9, 6)
    const line = (entity: string) => budget.entities.find((e) => e.entity === entity)
    expect(line('Tickets')).toEqual({
      entity: 'Tickets',
      seconds: 900,
      source: 'webhook',
      reason: 'webhook',
      perPass: 1,
      expectedPerHour: 4,
      measuredLastHour: 2,
    })
    expect(line('TimeEntries')).toMatchObject({
      seconds: 60,
      source: 'default',
      reason: 'walls',
      perPass: 2,
      expectedPerHour: 120,
    })
    expect(line('TimeEntries')!.measuredLastHour).toBe(2)
    expect(line('TimeEntries:deletions')).toMatchObject({
      seconds: 3600,
      reason: 'deletions',
      perPass: 42,
      expectedPerHour: 42,
    })
    expect(line('Resources')).toMatchObject({ seconds: 1800, perPass: null, expectedPerHour: 2, measuredLastHour: 0 })
    // Read whole by the first sync, not yet at its pace: one request a pass, once an hour.
    expect(line('Contracts')).toMatchObject({ seconds: 3600, reason: 'slowly', perPass: null, expectedPerHour: 1 })
    expect(line('ThresholdInformation')).toBeUndefined()
    expect(budget.budgetChecksLastHour).toBe(2)
    expect(budget.webhookRefreshesLastHour).toBe(3)
    // The rest of the 150: less Tickets 2, TimeEntries 2, its scan 42, 2 budget checks and 3 refreshes = 99.
    expect(budget.otherRequestsLastHour).toBe(99)
    expect(budget.smileback).toEqual({ lastPassRequests: 4, lastSuccessAt: '2026-03-02T09:58:00.000Z' })
  })

  test('a tenant count below roleboard’s own is flagged as not caught up; the other requests are never negative', async () => {
    const { app, handle, cookie } = await setup()
    const { db } = handle
    const psa = 'autotask'
    // Autotask read 1 at 09:17; roleboard counted 102 since. The lines name more than api_usage counted (a sync
    // finishing in the next minute): 0 other, not -8.
    await Promise.all(
      [
        db
          .insertInto('api_threshold')
          .values({ psa, hourly_limit: 10_000, tenant_count: 1, read_at: '2026-03-02T09:17Z' }),
        db.insertInto('api_usage').values({ psa, minute: '2026-03-02T09:30', requests: 102 }),
        db.insertInto('api_entity_usage').values({ psa, entity: 'Tickets', minute: '2026-03-02T09:31', requests: 110 }),
      ].map((query) => query.execute()),
    )
    const budget: Budget = (await app.inject({ url: '/api/budget', headers: { cookie } })).json()
    expect(budget.tenant).toMatchObject({ usedLastHour: 1, behindOwn: true })
    expect(budget.roleboard.lastHour).toBe(102)
    expect(budget.otherRequestsLastHour).toBe(0)
  })
})
