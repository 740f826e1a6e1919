import { describe, expect, test } from 'vitest'
import { withSyncLock } from '../../connectors/autotask/sync-lock.js'
import { batchedHints } from '../../server/hints.js'
import { appWithWebhooks, hookSignature, post, SECRETS } from '../helpers/webhook-env.js'
import { fastConnector, openTempDb, startSim } from '../helpers/sync-env.js'

const HOUR = 3_600_000

async function syncedDesk() {
  const sim = await startSim()
  const handle = await openTempDb()
  const connector = fastConnector(handle, sim.credentials)
  const first = await connector.sync()
  if (!first.ok) throw new Error(`fixture sync failed: ${first.error?.message}`)
  return { sim, handle, connector }
}

type Desk = Awaited<ReturnType<typeof syncedDesk>>

async function titles(desk: Desk, ids: number[]) {
  const rows = await desk.handle.db.selectFrom('ticket').select(['id', 'title']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row.title]))
}

describe('reading records again after a webhook', () => {
  test('a page that cannot be read whole writes nothing of it, the run is kept as failed, and the next one applies it', async () => {
    const desk = await syncedDesk()
    const changed = desk.sim.world.advance(3 * HOUR).updated.Tickets!.slice(0, 6)
    const before = await titles(desk, changed)
    const changesBefore = await desk.handle.db.selectFrom('sync_run').selectAll().execute()
    // The fourth record of the answer is broken: the three before it must not land on their own.
    desk.sim.sim.setFaults([
      { kind: 'malformed', record: 'missing-required', field: 'title', index: 3, entity: 'Tickets', times: 1 },
    ])
    const failed = await desk.connector.refresh('Tickets', changed)
    expect(failed.ok).toBe(false)
    expect(failed.error).toMatch(/Tickets/)
    expect(await titles(desk, changed)).toEqual(before)
    const runs = await desk.handle.db.selectFrom('sync_run').selectAll().execute()
    expect(runs.length).toBe(changesBefore.length + 1)
    expect(runs.at(-1)).toMatchObject({ kind: 'webhook', ok: 0, records: 0, changed: 0 })
    expect(runs.at(-1)!.finished_at).not.toBeNull()

    const applied = await desk.connector.refresh('Tickets', changed)
    expect(applied.ok).toBe(true)
    const after = await titles(desk, changed)
    for (const id of changed) expect(after.get(id)).toBe(desk.sim.world.get('Tickets', id)!.title)
  })

  test('more than 400 ids are read in chunks; a chunk that fails leaves the chunks before it whole', async () => {
    const desk = await syncedDesk()
    const changed = desk.sim.world.advance(3 * HOUR).updated.Tickets!
    expect(changed.length).toBeGreaterThanOrEqual(4)
    // Ids Autotask never had fill the first chunk up to 398: the first two changed tickets are its last two.
    const filler = Array.from({ length: 398 }, (_, i) => i + 1)
    const [a, b, ...rest] = changed
    const before = await titles(desk, rest)
    desk.sim.sim.setFaults([{ kind: 'error', status: 500, entity: 'Tickets', operation: 'query', skip: 1 }])
    const summary = await desk.connector.refresh('Tickets', [...filler, ...changed])
    expect(summary.ok).toBe(false)
    const now = await titles(desk, changed)
    expect(now.get(a!)).toBe(desk.sim.world.get('Tickets', a!)!.title)
    expect(now.get(b!)).toBe(desk.sim.world.get('Tickets', b!)!.title)
    for (const id of rest) expect(now.get(id)).toBe(before.get(id))
    const queries = desk.sim.sim
      .requestLog()
      .filter((entry) => entry.entity === 'Tickets' && entry.operation === 'query')
    expect(queries.length).toBeGreaterThanOrEqual(2)
  })

  test('a hint arriving while a sync holds the database waits for it, then is read', async () => {
    const desk = await syncedDesk()
    const id = desk.sim.world.advance(3 * HOUR).updated.Tickets![0]!
    const sink = batchedHints(async (entity, ids) => void (await desk.connector.refresh(entity, ids)), {
      delayMs: 10,
      busyRetryMs: 20,
      busyAttempts: 100,
    })
    let hintApplied = false
    let hint: Promise<unknown> = Promise.resolve()
    // A sync (this one holds the lock for 300 ms) is under way when the hint comes.
    await withSyncLock(desk.handle, async () => {
      hint = sink('Tickets', [id]).then(() => (hintApplied = true))
      await new Promise((resolve) => setTimeout(resolve, 300))
      // Not read beside the sync: it waits.
      expect(hintApplied).toBe(false)
    })
    await hint
    expect(hintApplied).toBe(true)
    expect((await titles(desk, [id])).get(id)).toBe(desk.sim.world.get('Tickets', id)!.title)
  })
})

describe('hosted tenants', () => {
  test("tenant A's callout signed with tenant B's key is refused by A", async () => {
    const tenantB = Object.fromEntries(
      Object.entries(SECRETS).map(([entity, secret]) => [entity, `tenant-b-${secret}`]),
    ) as typeof SECRETS
    const a = await appWithWebhooks()
    const b = await appWithWebhooks({ secrets: tenantB })
    const body = JSON.stringify({ Action: 'Update', EntityType: 'Ticket', Id: 10019, SequenceNumber: 1, Guid: 'x' })
    const signedByB = { 'x-hook-signature': hookSignature(body, tenantB.Tickets) }
    expect((await post(a.app, '/hooks/autotask/tickets', body, signedByB)).statusCode).toBe(401)
    expect((await post(b.app, '/hooks/autotask/tickets', body, signedByB)).statusCode).toBe(204)
    await a.settled()
    await b.settled()
    expect(a.hinted).toEqual([])
    expect(b.hinted).toEqual([{ entity: 'Tickets', ids: [10019] }])
  })
})
