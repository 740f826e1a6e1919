import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { DbHandle } from '../db/index.js'
import { fastConnector, killSyncMidPass, openTempDb, startSim, tempDir } from './helpers/sync-env.js'

const BIN = join(import.meta.dirname, '..', 'bin', 'roleboard.mjs')

async function snapshot(handle: DbHandle) {
  const tables = [
    'ticket',
    'time_entry',
    'ticket_note',
    'company',
    'contact',
    'resource',
    'contract',
    'survey_result',
    'sla_result',
  ] as const
  const out: Record<string, unknown[]> = {}
  for (const table of tables) out[table] = await handle.db.selectFrom(table).selectAll().orderBy('id').execute()
  return out
}

/** Table contents without the sync's own write stamps, for comparing two databases. */
function withoutStamps(tables: Record<string, unknown[]>) {
  return Object.fromEntries(
    Object.entries(tables).map(([table, rows]) => [
      table,
      rows.map((row) => ({ ...(row as object), synced_at: undefined })),
    ]),
  )
}

describe('faults leave the data as it was', () => {
  test('a 429 storm and a run of 500s are ridden out with backoff', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    sim.sim.setFaults([
      { kind: 'rate-limit', entity: 'Tickets', operation: 'query', times: 4 },
      { kind: 'rate-limit', entity: 'TimeEntries', operation: 'query', times: 2, retryAfter: 0 },
      { kind: 'error', entity: 'Companies', operation: 'query', times: 2, message: 'Transient failure' },
    ])
    const summary = await fastConnector(handle, sim.credentials).sync()
    expect(summary.ok).toBe(true)
    expect(
      await handle.db
        .selectFrom('ticket')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({ n: sim.world.records('Tickets').length })
    const statuses = sim.sim
      .requestLog()
      .filter((entry) => entry.entity === 'Tickets')
      .map((entry) => entry.status)
    expect(statuses.filter((status) => status === 429)).toHaveLength(4)
  })

  test('an HTML error page fails that entity with a clear reason and writes nothing of it', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    sim.sim.setFaults([{ kind: 'html', entity: 'Tickets', operation: 'query', status: 200 }])
    const summary = await fastConnector(handle, sim.credentials).sync()
    expect(summary.ok).toBe(false)
    const tickets = summary.results.find((r) => r.entity === 'Tickets')!
    expect(tickets.error?.code).toBe('not_autotask')
    expect(tickets.error?.message).toMatch(/HTML page/)
    expect(await handle.db.selectFrom('ticket').selectAll().execute()).toEqual([])
    // The other entities still arrived.
    expect((await handle.db.selectFrom('company').selectAll().execute()).length).toBe(
      sim.world.records('Companies').length,
    )
  })

  test('a malformed record fails its page, names entity, id and field, and the page is not half-written', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const connector = fastConnector(handle, sim.credentials)
    await connector.sync()
    const before = await snapshot(handle)
    sim.world.advance(86_400_000)
    sim.sim.setFaults([
      { kind: 'malformed', record: 'bad-date', field: 'createDate', entity: 'Tickets', operation: 'query', index: 1 },
    ])
    const summary = await connector.sync({ entities: ['Tickets'] })
    const tickets = summary.results.find((r) => r.entity === 'Tickets')!
    expect(tickets.error?.code).toBe('malformed_record')
    expect(tickets.error?.message).toMatch(/^Tickets \d+: field createDate is not an ISO date-time/)
    const after = await snapshot(handle)
    expect(after.ticket).toEqual(before.ticket)
    const state = await handle.db
      .selectFrom('sync_state')
      .selectAll()
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    expect(state.last_error).toBe(tickets.error?.message)
    // Fixed at the source, the next sync catches up completely.
    sim.sim.clearFaults()
    expect((await connector.sync()).ok).toBe(true)
    expect((await handle.db.selectFrom('ticket').select('id').execute()).length).toBe(
      sim.world.records('Tickets').length,
    )
  })

  test('a sync killed mid-way and resumed ends equal to a clean sync, with nothing duplicated', async () => {
    const sim = await startSim({ size: 'small' })
    const dir = tempDir()
    const dbPath = join(dir, 'killed.sqlite')
    // Slow answers give the kill a window after a few pages have been committed.
    sim.sim.setFaults([{ kind: 'slow', delayMs: 150, entity: 'TimeEntries', operation: 'query' }])
    // Kill it hard once it is inside the time entries, with pages committed and more to come.
    await killSyncMidPass(sim, dbPath, 'TimeEntries', 3)
    sim.sim.clearFaults()

    const { openDatabase } = await import('../db/index.js')
    const resumed = await openDatabase(dbPath)
    const state = await resumed.db
      .selectFrom('sync_state')
      .selectAll()
      .where('entity', '=', 'TimeEntries')
      .executeTakeFirst()
    expect(state?.last_id, 'the kill landed mid-pass').not.toBeNull()
    const partial = (await resumed.db.selectFrom('time_entry').select('id').execute()).length
    expect(partial).toBeGreaterThan(0)
    expect(partial).toBeLessThan(sim.world.records('TimeEntries').length)
    expect((await fastConnector(resumed, sim.credentials).sync()).ok).toBe(true)

    const clean = await openTempDb('clean.sqlite')
    expect((await fastConnector(clean, sim.credentials).sync()).ok).toBe(true)
    expect(withoutStamps(await snapshot(resumed))).toEqual(withoutStamps(await snapshot(clean)))
    await resumed.close()
  })
})

describe('clear errors for a person at the command line', () => {
  async function cli(
    args: string[],
    env: Record<string, string>,
  ): Promise<{ code: number | null; stderr: string; stdout: string }> {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    let stdout = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', (chunk) => (stdout += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    return { code, stderr, stdout }
  }

  test('bad credentials, an unknown user and a stopped simulator each give one line and exit code 1', async () => {
    const sim = await startSim()
    const base = {
      ROLEBOARD_DB: join(tempDir(), 'cli.sqlite'),
      AUTOTASK_USERNAME: sim.credentials.username,
      AUTOTASK_SECRET: sim.credentials.secret,
      AUTOTASK_INTEGRATION_CODE: sim.credentials.integrationCode,
      AUTOTASK_DISCOVERY_URL: sim.credentials.discoveryUrl,
    }
    const cases = [
      { env: { ...base, AUTOTASK_SECRET: 'wrong-secret' }, reason: /refused the credentials \(401\)/ },
      { env: { ...base, AUTOTASK_INTEGRATION_CODE: 'NOPE' }, reason: /rejected the integration code/ },
      {
        env: { ...base, AUTOTASK_USERNAME: 'nobody@example.com' },
        reason: /does not know the user "nobody@example.com"/,
      },
      {
        env: { ...base, AUTOTASK_DISCOVERY_URL: 'http://127.0.0.1:9/ATServicesRest/' },
        reason: /cannot reach http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/,
      },
    ]
    for (const { env, reason } of cases) {
      const { code, stderr } = await cli(['sync', '--quiet'], env)
      expect(code).toBe(1)
      const lines = stderr.trim().split('\n')
      expect(lines, stderr).toHaveLength(1)
      expect(lines[0]).toMatch(reason)
      expect(stderr).not.toContain('wrong-secret')
      expect(stderr).not.toContain(sim.credentials.secret)
    }
  })
})
