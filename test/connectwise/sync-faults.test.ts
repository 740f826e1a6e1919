import { describe, expect, test } from 'vitest'
import type { DbHandle } from '../../db/index.js'
import { openTempDb } from '../helpers/sync-env.js'
import { connectorFor, garbledSite, requestPaths, startDesk } from './sync-env.js'

// What a ConnectWise sync does when things go wrong: a pass that breaks off resumes after its last stored page, a
// malformed record fails its page whole with one line, refused keys fail the run with one line, and an id scan that
// suddenly misses most records deletes nothing.

const TABLES = ['ticket', 'ticket_note', 'time_entry', 'company', 'contact', 'resource', 'contract'] as const

/** Every synced row but its sync time, table by table. */
async function contents(handle: DbHandle) {
  const out: Record<string, unknown[]> = {}
  for (const table of TABLES) {
    const rows = await handle.db.selectFrom(table).selectAll().orderBy('id').execute()
    out[table] = rows.map(({ synced_at: _synced, ...row }) => row)
  }
  return out
}

describe('ConnectWise sync faults', () => {
  test('a pass that broke off mid-way resumes after its last stored page and ends as an unbroken one', async () => {
    const desk = await startDesk()
    const whole = await openTempDb('whole.sqlite')
    expect((await connectorFor(whole, desk.credentials).sync({ pageSize: 20 })).ok).toBe(true)

    const handle = await openTempDb('broken.sqlite')
    const connector = connectorFor(handle, desk.credentials)
    // Ticket pages of 20, each followed by the notes of its 20 tickets: the 31st request under service/tickets is
    // a note of the second page, answered by a proxy's HTML page.
    desk.sim.addFault({ kind: 'html', status: 200, path: 'service/tickets', skip: 30, times: 1 })
    const broken = await connector.sync({ pageSize: 20 })
    expect(broken.ok).toBe(false)
    const tickets = broken.results.find((result) => result.entity === 'Tickets')!
    expect(tickets.error?.message).toMatch(/HTML page/)
    expect(tickets.error?.message).not.toContain('\n')
    // The first page and its notes are stored; the second is not.
    expect(await handle.db.selectFrom('ticket').select('id').execute()).toHaveLength(20)
    const state = await handle.db
      .selectFrom('sync_state')
      .selectAll()
      .where('psa', '=', 'connectwise')
      .where('entity', '=', 'Tickets')
      .executeTakeFirstOrThrow()
    expect(state.last_id).toBe(desk.world.records('Tickets')[19]!.id)

    desk.sim.resetCounters()
    const rerun = await connector.sync({ pageSize: 20 })
    expect(rerun.ok).toBe(true)
    // It asks from after the last stored ticket, not from the start.
    const firstTicketAsk = desk.sim.requestLog().find((entry) => entry.path === 'service/tickets')!
    expect(new URLSearchParams(firstTicketAsk.query).get('pageId')).toBe(String(state.last_id))
    expect(await contents(handle)).toEqual(await contents(whole))
  })

  test('a malformed record fails its page with one line naming entity, id and field, and leaves the data as it was', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    await connectorFor(handle, desk.credentials).sync()
    desk.world.advance(86_400_000)
    const before = await contents(handle)
    // A PSA answer with one ticket's closedFlag garbled: the first ticket of every ticket list.
    const site = await garbledSite(desk, (url, body) => {
      if (!url.split('?')[0]!.endsWith('/service/tickets') || !Array.isArray(body) || body.length === 0) return body
      const [first, ...rest] = body as Array<Record<string, unknown>>
      return [{ ...first, closedFlag: 'perhaps' }, ...rest]
    })
    const summary = await connectorFor(handle, site).sync()
    expect(summary.ok).toBe(false)
    const tickets = summary.results.find((result) => result.entity === 'Tickets')!
    expect(tickets.error?.code).toBe('malformed_record')
    expect(tickets.error?.message).toMatch(/^Tickets \d+: field closedFlag is not a boolean \("perhaps"\)$/)
    // Not a ticket, not a note of the page was written; the other entities went on.
    const after = await contents(handle)
    expect(after.ticket).toEqual(before.ticket)
    expect(after.ticket_note).toEqual(before.ticket_note)
    expect(summary.results.find((result) => result.entity === 'TimeEntries')?.error).toBeUndefined()
    const run = await handle.db.selectFrom('sync_run').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect([run.ok, run.error]).toEqual([0, tickets.error!.message])
    // Once ConnectWise answers properly again, the day's changes arrive.
    expect((await connectorFor(handle, desk.credentials).sync()).ok).toBe(true)
    expect((await contents(handle)).ticket).not.toEqual(before.ticket)
  })

  test.each([
    ['a wrong private key', { privateKey: 'NotTheKey' }, 'bad_credentials', /refused the API keys/],
    ['an unknown company', { company: 'nobody' }, 'unknown_user', /does not know the company "nobody"/],
    ['a clientId ConnectWise does not know', { clientId: 'not-registered' }, 'bad_credentials', /clientId/],
    ['no clientId at all', { clientId: '' }, 'bad_credentials', /clientId/],
  ])('%s fails the run with one line and stores nothing', async (_case, wrong, code, message) => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const credentials = { ...desk.credentials, ...wrong }
    const summary = await connectorFor(handle, credentials).sync()
    expect(summary.ok).toBe(false)
    expect(summary.error?.code).toBe(code)
    expect(summary.error?.message).toMatch(message)
    expect(summary.error?.message).not.toContain('\n')
    expect(summary.error?.message).not.toContain(desk.credentials.privateKey)
    expect(summary.error?.message).not.toContain('NotTheKey')
    const run = await handle.db.selectFrom('sync_run').selectAll().executeTakeFirstOrThrow()
    expect([run.psa, run.ok, run.error]).toEqual(['connectwise', 0, summary.error!.message])
    expect(await handle.db.selectFrom('ticket').select('id').execute()).toEqual([])
  })

  test('an id scan that suddenly lists nothing deletes nothing and says why; one that lists all but one deletes that one', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    await connectorFor(handle, desk.credentials).sync()
    await connectorFor(handle, desk.credentials).sync() // the first scan only starts the clock
    const before = await contents(handle)
    const empty = await garbledSite(desk, (url, body) => (/[?&]fields=id(&|$)/.test(url) ? [] : body))
    const summary = await connectorFor(handle, empty).sync({ reconcileEveryMs: 0 })
    expect(summary.ok).toBe(false)
    const scan = summary.results.find((result) => result.entity === 'Tickets:deletions')!
    expect(scan.error?.message).toMatch(/^Tickets: the id scan no longer finds 78 of the 78 stored records/)
    expect(await contents(handle)).toEqual(before)

    // One ticket missing from the scan is a deletion: it goes, with its notes and time.
    const victim = desk.world.records('Tickets').find((t) => t.status === 5)!.id
    const one = await garbledSite(desk, (url, body) =>
      url.split('?')[0]!.endsWith('/service/tickets') && /[?&]fields=id(&|$)/.test(url) && Array.isArray(body)
        ? body.filter((item: { id: number }) => item.id !== victim)
        : body,
    )
    desk.sim.resetCounters()
    const deleting = await connectorFor(handle, one).sync({ reconcileEveryMs: 0 })
    expect(deleting.ok).toBe(true)
    const after = await contents(handle)
    expect(after.ticket.map((t) => (t as { id: number }).id)).not.toContain(victim)
    expect(after.ticket).toHaveLength(77)
    expect(after.ticket_note.filter((n) => (n as { ticket_id: number }).ticket_id === victim)).toEqual([])
    expect(after.time_entry.filter((e) => (e as { ticket_id: number }).ticket_id === victim)).toEqual([])
    // One id-only request per scanned entity (each under 1,000 ids), besides one incremental list per entity and survey.
    const lists = 12 + desk.world.records('Surveys').length
    expect(requestPaths(desk).filter((path) => path !== 'login/companyinfo/roleboard')).toHaveLength(lists + 12)
  })
})
