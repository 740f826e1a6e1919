import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { normaliseInstant } from '../../connectors/autotask/parse.js'
import { adminCookie } from '../helpers/app-env.js'
import { appWithWebhooks, autotaskJson, hookSignature, post, SECRETS } from '../helpers/webhook-env.js'

const TICKETS = '/hooks/autotask/tickets'
const HOUR = 3_600_000

type Env = Awaited<ReturnType<typeof appWithWebhooks>>

/** A ticket callout as Autotask would write it; the title carries characters its serialiser escapes. */
function ticketCallout(id: number, action: string, sequence: number, fields: object = {}) {
  return autotaskJson({
    Action: action,
    Guid: '00000001-aaaa-bbbb-cccc-dddddddddddd',
    EntityType: 'Ticket',
    Id: id,
    Fields: { TicketNumber: `T20260302.${id}`, Title: 'Printer & scanner kapot — café', ...fields },
    EventTime: '2026-03-02T10:00:00Z',
    SequenceNumber: sequence,
    PersonID: 29682892,
  })
}

const signed = (body: string, secret = SECRETS.Tickets) => ({ 'x-hook-signature': hookSignature(body, secret) })

async function ticketRow(env: Env, id: number) {
  return env.handle.db
    .selectFrom('ticket')
    .select(['id', 'status', 'title', 'last_activity_at', 'assigned_resource_id'])
    .where('id', '=', id)
    .executeTakeFirst()
}

async function counts(env: Env) {
  const runs = await env.handle.db
    .selectFrom('sync_run')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const tickets = await env.handle.db
    .selectFrom('ticket')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { runs: Number(runs.n), tickets: Number(tickets.n) }
}

/** Moves the simulated desk on three hours: some tickets change, one is deleted, some are new. */
function deskMovesOn(env: Env) {
  const summary = env.sim.world.advance(3 * HOUR)
  return {
    updated: summary.updated.Tickets ?? [],
    deleted: summary.deleted.Tickets ?? [],
    created: summary.created.Tickets ?? [],
  }
}

describe('Autotask webhook callouts', () => {
  test('a signed callout is answered at once and the ticket is read again from Autotask: the payload is only a hint', async () => {
    const env = await appWithWebhooks()
    const { updated } = deskMovesOn(env)
    const id = updated[0]!
    const before = await ticketRow(env, id)
    const truth = env.sim.world.get('Tickets', id)!
    expect(before!.last_activity_at).not.toBe(normaliseInstant(String(truth.lastActivityDate)))

    // The payload claims status 5 and another title: neither is what the ticket is now at the source.
    const body = ticketCallout(id, 'Update', 1, { Status: '5' })
    const answer = await post(env.app, TICKETS, body, signed(body))
    expect(answer.statusCode).toBe(204)
    await env.settled()

    const after = await ticketRow(env, id)
    expect(after).toMatchObject({
      status: truth.status,
      title: truth.title,
      last_activity_at: normaliseInstant(String(truth.lastActivityDate)),
    })
    const run = await env.handle.db
      .selectFrom('sync_run')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow()
    expect(run).toMatchObject({ kind: 'webhook', ok: 1, records: 1, changed: 1 })
    expect(run.finished_at).not.toBeNull()
    const webhook = await env.handle.db
      .selectFrom('autotask_webhook')
      .select('last_callout_at')
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    expect(webhook.last_callout_at).toBe('2026-03-02T09:00:00.000Z')
  })

  test("a webhook's re-read is not the sync health reports: its failure does not make the server degraded", async () => {
    const env = await appWithWebhooks()
    const { updated } = deskMovesOn(env)
    env.sim.sim.setFaults([{ kind: 'malformed', record: 'missing-required', field: 'title', entity: 'Tickets' }])
    const body = ticketCallout(updated[0]!, 'Update', 2)
    expect((await post(env.app, TICKETS, body, signed(body))).statusCode).toBe(204)
    await env.settled()
    const failed = await env.handle.db.selectFrom('sync_run').selectAll().where('kind', '=', 'webhook').execute()
    expect(failed.map((run) => run.ok)).toEqual([0])
    const cookie = await adminCookie(env.app)
    const health = (await env.app.inject({ url: '/api/health', headers: { cookie } })).json()
    expect(health.status).toBe('up')
    expect(health.details.lastSync).toMatchObject({ ok: true, error: null })
  })

  test.each([
    ['without X-Hook-Signature', {}],
    ['with a forged signature', { 'x-hook-signature': 'sha1=UaDXFl2DRDu9dnINVkFle7y5uAE=' }],
    ['signed with another key', 'wrong-key'],
    ['signed for another body', 'other-body'],
    ['with the signature in hex instead of base64', 'hex'],
  ] as const)('a callout %s changes nothing and is logged as refused, without its body', async (_case, how) => {
    const env = await appWithWebhooks()
    const { updated } = deskMovesOn(env)
    const id = updated[0]!
    const before = await ticketRow(env, id)
    const countsBefore = await counts(env)
    const body = ticketCallout(id, 'Update', 7)
    const headers =
      how === 'wrong-key'
        ? signed(body, 'not-the-tickets-key-at-all-0123456789')
        : how === 'other-body'
          ? signed(ticketCallout(id, 'Update', 8))
          : how === 'hex'
            ? { 'x-hook-signature': `sha1=${createHmac('sha1', SECRETS.Tickets).update(body).digest('hex')}` }
            : how
    const answer = await post(env.app, TICKETS, body, headers)
    expect(answer.statusCode).toBe(401)
    await env.settled()

    expect(env.hinted).toEqual([])
    expect(await ticketRow(env, id)).toEqual(before)
    expect(await counts(env)).toEqual(countsBefore)
    const refused = env.logs.filter((line) => line.includes('webhook callout refused'))
    expect(refused).toHaveLength(1)
    expect(JSON.parse(refused[0]!)).toMatchObject({ level: 40, entity: 'Tickets', remote: '127.0.0.1' })
    const everything = env.logs.join('\n')
    expect(everything).not.toContain('Printer')
    expect(everything).not.toContain('u0026')
    expect(everything).not.toContain('sha1=')
    // Refused before anything was read: not even the time of the last callout moved.
    const webhook = await env.handle.db
      .selectFrom('autotask_webhook')
      .select('last_callout_at')
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    expect(webhook.last_callout_at).toBeNull()
  })

  test('the signature covers the bytes as sent: the same JSON written the ordinary way is refused', async () => {
    const env = await appWithWebhooks()
    const body = ticketCallout(10019, 'Update', 3)
    const rewritten = JSON.stringify(JSON.parse(body))
    expect(rewritten).not.toBe(body)
    expect((await post(env.app, TICKETS, rewritten, signed(body))).statusCode).toBe(401)
    expect((await post(env.app, TICKETS, body, signed(body))).statusCode).toBe(204)
  })

  test('a body over 64 KB is refused before it is read, and changes nothing', async () => {
    const env = await appWithWebhooks()
    const before = await counts(env)
    const body = ticketCallout(10019, 'Update', 4, { Description: 'x'.repeat(70 * 1024) })
    const answer = await post(env.app, TICKETS, body, signed(body))
    expect(answer.statusCode).toBe(413)
    await env.settled()
    expect(env.hinted).toEqual([])
    expect(await counts(env)).toEqual(before)
  })

  test('a callout sent again (a retry or a replay) is answered 2xx and read only once', async () => {
    const env = await appWithWebhooks()
    const { updated } = deskMovesOn(env)
    const body = ticketCallout(updated[0]!, 'Update', 11)
    for (let i = 0; i < 3; i++) expect((await post(env.app, TICKETS, body, signed(body))).statusCode).toBe(204)
    await env.settled()
    expect(env.hinted).toEqual([{ entity: 'Tickets', ids: [updated[0]] }])
    const runs = await env.handle.db.selectFrom('sync_run').select('kind').where('kind', '=', 'webhook').execute()
    expect(runs).toHaveLength(1)

    // Without GUID and sequence number, the event's entity, id, action and time tell a delivery apart.
    const bare = autotaskJson({
      Action: 'Update',
      EntityType: 'Ticket',
      Id: updated[1],
      EventTime: '2026-03-02T10:01:00Z',
    })
    for (let i = 0; i < 2; i++) expect((await post(env.app, TICKETS, bare, signed(bare))).statusCode).toBe(204)
    await env.settled()
    expect(env.hinted.map((hint) => hint.ids)).toEqual([[updated[0]], [updated[1]]])
  })

  test('out of order: an Update arriving after the Delete does not bring a deleted ticket back, a late Delete does not remove a live one', async () => {
    const env = await appWithWebhooks()
    const { deleted, updated } = deskMovesOn(env)
    const gone = deleted[0]!
    expect(await ticketRow(env, gone)).toBeDefined()

    const deletion = ticketCallout(gone, 'Delete', 21)
    expect((await post(env.app, TICKETS, deletion, signed(deletion))).statusCode).toBe(204)
    await env.settled()
    expect(await ticketRow(env, gone)).toBeUndefined()
    const logged = await env.handle.db
      .selectFrom('deleted_record')
      .select(['entity', 'record_id'])
      .where('record_id', '=', gone)
      .execute()
    expect(logged).toEqual([{ entity: 'Tickets', record_id: gone }])

    const lateUpdate = ticketCallout(gone, 'Update', 20)
    expect((await post(env.app, TICKETS, lateUpdate, signed(lateUpdate))).statusCode).toBe(204)
    await env.settled()
    expect(await ticketRow(env, gone)).toBeUndefined()

    // A Delete for a ticket Autotask still has (a forged-looking but signed hint, or one out of date) removes nothing.
    const live = updated[0]!
    const lateDelete = ticketCallout(live, 'Delete', 22)
    expect((await post(env.app, TICKETS, lateDelete, signed(lateDelete))).statusCode).toBe(204)
    await env.settled()
    expect(await ticketRow(env, live)).toMatchObject({ id: live, title: env.sim.world.get('Tickets', live)!.title })
  })

  test('a burst of callouts is read in one request per entity, not one each', async () => {
    const env = await appWithWebhooks()
    const { updated } = deskMovesOn(env)
    const queriesBefore = env.sim.sim.requestLog().filter((entry) => entry.operation === 'query').length
    for (const [i, id] of updated.slice(0, 3).entries()) {
      const body = ticketCallout(id, 'Update', 50 + i)
      expect((await post(env.app, TICKETS, body, signed(body))).statusCode).toBe(204)
    }
    await env.settled()
    const runs = await env.handle.db.selectFrom('sync_run').selectAll().where('kind', '=', 'webhook').execute()
    expect(runs.map((run) => [run.ok, run.records])).toEqual([[1, 3]])
    const queries = env.sim.sim.requestLog().filter((entry) => entry.operation === 'query')
    expect(queries.slice(queriesBefore).map((entry) => entry.entity)).toEqual(['Tickets'])
  })

  test('a new ticket arrives by its Create callout, before any poll', async () => {
    const env = await appWithWebhooks()
    const { created } = deskMovesOn(env)
    const id = created[0]!
    expect(await ticketRow(env, id)).toBeUndefined()
    const body = ticketCallout(id, 'Create', 31)
    expect((await post(env.app, TICKETS, body, signed(body))).statusCode).toBe(204)
    await env.settled()
    expect(await ticketRow(env, id)).toMatchObject({ id, title: env.sim.world.get('Tickets', id)!.title })
  })

  test('callouts that name nothing roleboard reads are still answered 2xx, so Autotask does not send them again', async () => {
    const env = await appWithWebhooks()
    for (const payload of [
      autotaskJson({ Action: 'Update', EntityType: 'Ticket', Fields: {} }),
      autotaskJson({ Action: 'Update', EntityType: 'InstalledProduct', Id: 12 }),
      '[1, 2, 3]',
      'not json at all',
    ]) {
      expect((await post(env.app, TICKETS, payload, signed(payload))).statusCode, payload).toBe(204)
    }
    await env.settled()
    expect(env.hinted).toEqual([])
    // Ids as text and the other spellings read too.
    const loose = autotaskJson({ action: 'update', entityType: 'Account', id: '175', PersonId: 1 })
    const companies = { 'x-hook-signature': hookSignature(loose, SECRETS.Companies) }
    expect((await post(env.app, '/hooks/autotask/companies', loose, companies)).statusCode).toBe(204)
    await env.settled()
    expect(env.hinted).toEqual([{ entity: 'Companies', ids: [175] }])
  })

  test("each entity checks its own key: a ticket callout signed with the contacts' key is refused", async () => {
    const env = await appWithWebhooks()
    const body = ticketCallout(10019, 'Update', 41)
    expect((await post(env.app, TICKETS, body, signed(body, SECRETS.Contacts))).statusCode).toBe(401)
    expect((await post(env.app, '/hooks/autotask/nothing-here', body, signed(body))).statusCode).toBe(404)
  })

  test("a deactivation is kept for the owner only when signed; the builder's list shows it without any key", async () => {
    const env = await appWithWebhooks()
    const note = autotaskJson({
      Action: 'Deactivated',
      EntityType: 'Ticket',
      Guid: '00000001-aaaa-bbbb-cccc-dddddddddddd',
    })
    // Unsigned, or signed with another key: the n8n advisory's attack. Nothing changes.
    expect((await post(env.app, `${TICKETS}/deactivated`, note)).statusCode).toBe(401)
    expect((await post(env.app, TICKETS, note, signed(note, SECRETS.Companies))).statusCode).toBe(401)
    const cookie = await adminCookie(env.app)
    let list = (await env.app.inject({ url: '/api/webhooks', headers: { cookie } })).json()
    expect(list.webhooks.find((w: { entity: string }) => w.entity === 'Tickets')).toMatchObject({
      registered: true,
      active: true,
      deactivatedAt: null,
    })

    expect((await post(env.app, `${TICKETS}/deactivated`, note, signed(note))).statusCode).toBe(204)
    const contacts = autotaskJson({ Action: 'Deactivated', EntityType: 'Contact', Id: 0 })
    const byEvent = { 'x-hook-signature': hookSignature(contacts, SECRETS.Contacts) }
    expect((await post(env.app, '/hooks/autotask/contacts', contacts, byEvent)).statusCode).toBe(204)

    const answer = await env.app.inject({ url: '/api/webhooks', headers: { cookie } })
    expect(answer.statusCode).toBe(200)
    list = answer.json()
    expect(list.publicUrl).toBe('https://dash.example.nl')
    expect(list.webhooks.map((w: { entity: string; active: boolean }) => [w.entity, w.active])).toEqual([
      ['Tickets', false],
      ['TicketNotes', true],
      ['Companies', true],
      ['Contacts', false],
    ])
    expect(list.webhooks[0]).toMatchObject({
      url: 'https://dash.example.nl/hooks/autotask/tickets',
      deactivatedAt: '2026-03-02T09:00:00.000Z',
      deactivationNote: 'Autotask called the deactivation address',
    })
    for (const secret of Object.values(SECRETS)) expect(answer.body).not.toContain(secret)
    expect(answer.body).not.toContain('v1:')
    expect(env.hinted).toEqual([])

    expect((await env.app.inject({ url: '/api/webhooks' })).statusCode).toBe(401)
  })
})
