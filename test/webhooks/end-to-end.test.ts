import { describe, expect, onTestFinished, test } from 'vitest'
import { kindOf } from '../../connectors/autotask/simulator/webhooks/index.js'
import { registerWebhooks } from '../../connectors/autotask/webhooks.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { startSyncThread } from '../../server/workers/sync-thread.js'
import type { ScheduleLog } from '../../server/sync-schedule.js'
import { ADMIN_PASSWORD } from '../helpers/app-env.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'

const quiet: ScheduleLog = { info: () => undefined, warn: () => undefined, error: () => undefined }

/** Waits for `check` to hold, for at most `seconds` (a generous bound on waiting, not a measure of speed). */
async function eventually<T>(check: () => Promise<T | undefined>, seconds: number): Promise<T> {
  const until = Date.now() + seconds * 1000
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > until) throw new Error(`not within ${seconds} s`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * The served path: a synced database, the app listening on a real port with its hints going to the sync thread
 * (whose regular sync is an hour away, so only a webhook can bring a change), and webhooks registered with the
 * simulator to the app's own address.
 */
async function servedWithWebhooks() {
  const sim = await startSim()
  const handle = await openTempDb()
  const connector = fastConnector(handle, sim.credentials)
  const first = await connector.sync()
  if (!first.ok) throw new Error(`fixture sync failed: ${first.error?.message}`)
  const config = { ...loadConfig({}), dbPath: handle.path, now: SIM_NOW, syncIntervalSeconds: 3600 }
  const schedule = startSyncThread({ config, source: { psa: 'autotask', credentials: sim.credentials } }, quiet)
  onTestFinished(() => schedule.stop())
  const app = await buildApp({
    config,
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
    onHint: (entity, ids) => schedule.hint(entity, ids),
  })
  onTestFinished(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
  const setup = { client: connector.client, db: handle.db, publicUrl: url, username: 'nobody', box: app.secretBox() }
  await registerWebhooks(setup)
  return { sim, handle, connector, app, url, schedule }
}

async function titleOf(handle: Awaited<ReturnType<typeof openTempDb>>, id: number) {
  return (await handle.db.selectFrom('ticket').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title
}

async function polls(handle: Awaited<ReturnType<typeof openTempDb>>) {
  const rows = await handle.db.selectFrom('sync_run').select('kind').where('kind', '!=', 'webhook').execute()
  return rows.length
}

describe('webhooks end to end, against the simulator', () => {
  test('a ticket changed in Autotask shows in the database within seconds, without waiting for the poll', async () => {
    const { sim, handle } = await servedWithWebhooks()
    const pollsBefore = await polls(handle)
    const ticket = sim.world.records('Tickets').find((record) => record.status !== 5)!
    sim.webhooks.change('Tickets', ticket.id, { title: 'Printer & scanner kapot — café "De Hoek"' })

    const row = await eventually(
      () =>
        handle.db
          .selectFrom('ticket')
          .select(['title'])
          .where('id', '=', ticket.id)
          .where('title', '=', 'Printer & scanner kapot — café "De Hoek"')
          .executeTakeFirst(),
      10,
    )
    expect(row.title).toBe('Printer & scanner kapot — café "De Hoek"')
    expect(await polls(handle)).toBe(pollsBefore)
    const webhookRuns = await handle.db.selectFrom('sync_run').selectAll().where('kind', '=', 'webhook').execute()
    expect(webhookRuns.map((run) => [run.ok, run.records])).toEqual([[1, 1]])
    const callouts = sim.webhooks.callouts().filter((callout) => callout.kind === 'event')
    expect(callouts.map((callout) => [callout.resource, callout.entityId, callout.status])).toEqual([
      ['TicketWebhooks', ticket.id, 204],
    ])
  })

  test('a callout during a scheduled sync is read after that sync, never beside it', async () => {
    const { sim, handle, schedule } = await servedWithWebhooks()
    // The sync's ticket page takes a second and a half, so the change lands while it is under way.
    sim.sim.setFaults([{ kind: 'slow', delayMs: 1500, entity: 'Tickets', operation: 'query', times: 1 }])
    const syncing = schedule.runOnce()
    await new Promise((resolve) => setTimeout(resolve, 300))
    const ticket = sim.world.records('Tickets').find((record) => record.status !== 5)!
    sim.webhooks.change('Tickets', ticket.id, { title: 'Changed during the sync' })
    await syncing
    await eventually(
      () =>
        handle.db
          .selectFrom('sync_run')
          .select('id')
          .where('kind', '=', 'webhook')
          .where('finished_at', 'is not', null)
          .executeTakeFirst(),
      10,
    )
    const runs = await handle.db.selectFrom('sync_run').selectAll().orderBy('id').execute()
    const poll = runs.at(-2)!
    const webhook = runs.at(-1)!
    expect([poll.kind, poll.ok, webhook.kind, webhook.ok]).toEqual(['incremental', 1, 'webhook', 1])
    expect(webhook.started_at >= poll.finished_at!).toBe(true)
    expect(await titleOf(handle, ticket.id)).toBe('Changed during the sync')
  })

  test('a webhook Autotask switches off is shown as stopped, and registering again brings it back', async () => {
    const { sim, handle, connector, app, url } = await servedWithWebhooks()
    const row = () =>
      handle.db.selectFrom('autotask_webhook').selectAll().where('entity', '=', 'Tickets').executeTakeFirstOrThrow()
    const before = await row()
    sim.webhooks.registry.update(kindOf('TicketWebhooks'), { id: before.webhook_id, IsActive: false }, false)
    const stopped = await eventually(async () => ((await row()).is_active === 0 ? row() : undefined), 10)
    expect(stopped).toMatchObject({ deactivation_note: 'Autotask called the deactivation address' })
    expect(stopped.deactivated_at).not.toBeNull()

    const setup = { client: connector.client, db: handle.db, publicUrl: url, username: 'nobody', box: app.secretBox() }
    const again = await registerWebhooks(setup)
    expect(again.webhooks.map((hook) => [hook.entity, hook.kept])).toEqual([
      ['Tickets', false],
      ['TicketNotes', true],
      ['Companies', true],
      ['Contacts', true],
    ])
    expect(await row()).toMatchObject({ is_active: 1, deactivated_at: null, deactivation_note: null })
  })

  test('a forged, unsigned deactivation from the simulator is refused and the webhook stays active', async () => {
    const { sim, handle } = await servedWithWebhooks()
    const tickets = await handle.db
      .selectFrom('autotask_webhook')
      .selectAll()
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    for (const to of ['webhook', 'deactivation'] as const) {
      const attempt = await sim.webhooks.forgeDeactivation('TicketWebhooks', tickets.webhook_id, to)
      expect(attempt.status).toBe(401)
    }
    const after = await handle.db
      .selectFrom('autotask_webhook')
      .selectAll()
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({ is_active: 1, deactivated_at: null })
  })

  test('changes made while the server was down are caught by the next regular sync', async () => {
    const { sim, handle, connector, app } = await servedWithWebhooks()
    await app.close() // nobody answers the callouts now
    const ticket = sim.world.records('Tickets').find((record) => record.status !== 5)!
    sim.webhooks.change('Tickets', ticket.id, { title: 'Changed while roleboard was down' })
    expect(await titleOf(handle, ticket.id)).not.toBe('Changed while roleboard was down')

    const summary = await connector.sync()
    expect(summary.ok).toBe(true)
    expect(await titleOf(handle, ticket.id)).toBe('Changed while roleboard was down')
  })
})
