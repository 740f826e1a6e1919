import axios from 'axios'
import { describe, expect, test } from 'vitest'
import { smileBackCredentialsFromEnv } from '../connectors/smileback/config.js'
import { createSmileBackConnector } from '../connectors/smileback/index.js'
import type { SimReview } from '../connectors/smileback/simulator/reviews.js'
import {
  type SmileBackSimulatorOptions,
  SMILEBACK_DEMO_ACCOUNT,
  startSmileBackSimulator,
} from '../connectors/smileback/simulator/server.js'
import type { DbHandle } from '../db/index.js'
import { onTestFinished } from 'vitest'
import { simReview } from './helpers/smileback-reviews.js'
import { fixtureDb } from './kpi/fixture.js'

// The SmileBack connector against the SmileBack simulator over real HTTP, into real SQLite files. The reviews
// are a small named list the tests edit, as SmileBack's users and the MSP would.

/** A rated, open review of Autotask ticket `ticket` by contact 501, last modified on 1 March 2026 at `hh:mm`. */
function review(id: number, ticket: string, hhmm: string, more: Partial<SimReview> = {}): SimReview {
  const at = `2026-03-01T${hhmm}:00.123456Z`
  const base = simReview(id, ticket, 1, at, at, more)
  return { ...base, ticket: { ...base.ticket, agents: ['Rick van Dam'], ...more.ticket } }
}

/** Seven reviews on tickets 101-107, modified a minute apart from 10:01; review 7 is unrated. */
function sevenReviews(): SimReview[] {
  return [1, 2, 3, 4, 5, 6, 7].map((n) =>
    review(n, String(100 + n), `10:0${n}`, n === 7 ? { rating: null, rated_on: null } : {}),
  )
}

/** The Autotask side: tickets 101-107 (numbers T20260301.0001-7) of company 177, contact 501 (phone +31 20 161 2551). */
async function desk(): Promise<DbHandle> {
  return fixtureDb({
    companies: [{ id: 177, name: 'Accountantskantoor Verbeek' }],
    contacts: [{ id: 501, company_id: 177, first_name: 'Ilse', last_name: 'Ramdin', phone: '+31 20 161 2551' }],
    tickets: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
      id: 100 + n,
      number: `T20260301.000${n}`,
      company_id: 177,
      contact_id: 501,
    })),
  })
}

async function smileBack(reviews: SimReview[], options: Partial<SmileBackSimulatorOptions> = {}) {
  const sim = await startSmileBackSimulator({ reviews: () => reviews, throttle: false, ...options })
  onTestFinished(() => sim.close())
  return sim
}

function connector(handle: DbHandle, sim: Awaited<ReturnType<typeof smileBack>>) {
  const made = createSmileBackConnector(handle, { credentials: sim.credentials, retry: { baseDelayMs: 5 } })
  onTestFinished(() => made.stop())
  return made
}

async function stored(handle: DbHandle) {
  return handle.db.selectFrom('smileback_review').selectAll().orderBy('id').execute()
}

const dataRequests = (sim: Awaited<ReturnType<typeof smileBack>>) =>
  sim.requestLog().filter((entry) => entry.path.startsWith('/api/v3/'))
const tokenRequests = (sim: Awaited<ReturnType<typeof smileBack>>) =>
  sim.requestLog().filter((entry) => entry.path === '/api/token/')

describe('SmileBack sign-in', () => {
  test('takes the client credentials in a Basic header or in the form body, never in the query string', async () => {
    const sim = await smileBack(sevenReviews())
    const { username, password, clientId, clientSecret } = SMILEBACK_DEMO_ACCOUNT
    const form = { grant_type: 'password', username, password, scope: 'read read_recent' }
    const post = (body: Record<string, string>, headers: Record<string, string> = {}, query = '') =>
      axios.post(`${sim.url}api/token/${query}`, new URLSearchParams(body).toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        validateStatus: () => true,
      })
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`
    const inHeader = await post(form, { Authorization: basic })
    const inBody = await post({ ...form, client_id: clientId, client_secret: clientSecret })
    for (const answer of [inHeader, inBody]) {
      expect(answer.status).toBe(200)
      expect(answer.data).toMatchObject({ token_type: 'Bearer', scope: 'read read_recent', expires_in: 36000 })
      expect(typeof answer.data.access_token).toBe('string')
      expect(typeof answer.data.refresh_token).toBe('string')
    }
    expect((await post({}, {}, `?${new URLSearchParams({ ...form, client_id: clientId })}`)).status).toBe(400)
    expect((await post({ ...form, password: 'wrong' }, { Authorization: basic })).data).toMatchObject({
      error: 'invalid_grant',
    })
  })

  test('a wrong password is a one-line error naming the variables, without the password', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    const wrong = { ...sim.credentials, password: 'not-the-password-123' }
    const made = createSmileBackConnector(handle, { credentials: wrong })
    onTestFinished(() => made.stop())
    const result = await made.sync()
    expect(result?.ok).toBe(false)
    expect(result?.error?.message).toMatch(/SMILEBACK_USERNAME and SMILEBACK_PASSWORD/)
    expect(result?.error?.message).not.toContain('not-the-password-123')
    expect(result?.error?.message).not.toContain('\n')
    expect(await stored(handle)).toEqual([])
  })

  test('SMILEBACK_* are all or nothing', () => {
    expect(smileBackCredentialsFromEnv({})).toBeNull()
    expect(() => smileBackCredentialsFromEnv({ SMILEBACK_USERNAME: 'a@b.nl', SMILEBACK_PASSWORD: 'x' })).toThrow(
      'set SMILEBACK_CLIENT_ID and SMILEBACK_CLIENT_SECRET as well (all four are needed)',
    )
    expect(
      smileBackCredentialsFromEnv({
        SMILEBACK_USERNAME: 'a@b.nl',
        SMILEBACK_PASSWORD: 'x',
        SMILEBACK_CLIENT_ID: 'c',
        SMILEBACK_CLIENT_SECRET: 's',
      }),
    ).toMatchObject({ baseUrl: 'https://app.smileback.io/' })
  })
})

describe('SmileBack sync', () => {
  test('follows next across four pages, unrated reviews included, and links every review to its ticket', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    const result = await connector(handle, sim).sync({ pageSize: 2 })
    expect(result).toMatchObject({ ok: true, kind: 'initial', records: 7, changed: 7, deleted: 0, unlinked: 0 })
    // 7 reviews, 2 a page: offsets 0, 2, 4, 6; one sign-in.
    expect(dataRequests(sim).map((entry) => new URLSearchParams(entry.query).get('offset'))).toEqual([
      null,
      '2',
      '4',
      '6',
    ])
    expect(tokenRequests(sim)).toHaveLength(1)
    const rows = await stored(handle)
    expect(rows.map((row) => [row.id, row.ticket_id, row.contact_id, row.company_id, row.rating])).toEqual([
      [1, 101, 501, 177, 1],
      [2, 102, 501, 177, 1],
      [3, 103, 501, 177, 1],
      [4, 104, 501, 177, 1],
      [5, 105, 501, 177, 1],
      [6, 106, 501, 177, 1],
      [7, 107, 501, 177, null],
    ])
    expect(rows[0]).toMatchObject({ last_modified: '2026-03-01T10:01:00.123Z', ticket_agents: '["Rick van Dam"]' })
    const state = await handle.db.selectFrom('sync_state').selectAll().where('psa', '=', 'smileback').execute()
    expect(state).toMatchObject([
      { entity: 'Reviews', full_done: 1, watermark: '2026-03-01T10:07:00.123Z', last_id: null, last_error: null },
    ])
  })

  test('modified_since picks up an edit and a deletion; the deleted review is removed locally', async () => {
    const handle = await desk()
    const reviews = sevenReviews()
    const sim = await smileBack(reviews)
    const made = connector(handle, sim)
    await made.sync()
    // Within the grace window the customer turns review 3 negative with a comment; the MSP deletes review 5.
    reviews[2] = { ...reviews[2]!, rating: -1, comment: 'Duurde drie dagen', last_modified: '2026-03-01T10:20:00Z' }
    reviews[4] = { ...reviews[4]!, status: 'deleted', last_modified: '2026-03-01T10:21:00Z' }
    const again = await made.sync({ force: true })
    // One page, asked from the watermark (10:07) less the 10-minute overlap: all seven again, two of them changed.
    expect(again).toMatchObject({ ok: true, kind: 'incremental', records: 7, changed: 1, deleted: 1 })
    const last = dataRequests(sim).at(-1)!
    expect(new URLSearchParams(last.query).get('modified_since')).toBe('2026-03-01T09:57:00.123Z')
    const rows = await stored(handle)
    expect(rows.map((row) => row.id)).toEqual([1, 2, 3, 4, 6, 7])
    expect(rows[2]).toMatchObject({ rating: -1, comment: 'Duurde drie dagen' })
    // Nothing changed since: one request (from 10:21 less 10 minutes: reviews 3 and 5), nothing written, and no
    // data generation of its own.
    const runs = await handle.db.selectFrom('sync_run').select('id').execute()
    expect(await made.sync({ force: true })).toMatchObject({
      ok: true,
      records: 2,
      changed: 0,
      deleted: 0,
      requests: 1,
    })
    expect(await handle.db.selectFrom('sync_run').select('id').execute()).toHaveLength(runs.length)
  })

  test('a review edited while the pass pages shifts the offsets; the watermark stays behind, so nothing is lost', async () => {
    const handle = await desk()
    const reviews = sevenReviews()
    let asked = 0
    // Between the first and the second page the customer changes review 1: it moves to the end of the feed, so the
    // second page (offset 2) starts at review 4 and review 3 is skipped.
    const shifting = await smileBack(reviews, {
      reviews: () => {
        asked += 1
        if (asked === 2) reviews[0] = { ...reviews[0]!, rating: 0, last_modified: '2026-03-01T10:30:00.123456Z' }
        return reviews
      },
    })
    const made = connector(handle, shifting)
    expect(await made.sync({ pageSize: 2 })).toMatchObject({ ok: true, records: 7 })
    expect((await stored(handle)).map((row) => row.id)).toEqual([1, 2, 4, 5, 6, 7])
    // Review 1 came twice, first on the page whose newest review was 2 (10:02): the watermark stops there.
    const state = await handle.db.selectFrom('sync_state').selectAll().where('psa', '=', 'smileback').executeTakeFirst()
    expect(state?.watermark).toBe('2026-03-01T10:02:00.123Z')
    // The next pass reads from 09:52 and finds review 3.
    expect(await made.sync({ force: true, pageSize: 2 })).toMatchObject({ ok: true, changed: 1 })
    expect((await stored(handle)).map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect((await stored(handle))[0]).toMatchObject({ rating: 0 })
  })

  test('an incremental pass that finds nothing keeps the watermark where it was', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    const made = connector(handle, sim)
    await made.sync()
    // A watermark past every review: the next pass asks from 23:50 on 1 March and gets an empty page.
    await handle.db
      .updateTable('sync_state')
      .set({ watermark: '2026-03-02T00:00:00.000Z' })
      .where('psa', '=', 'smileback')
      .execute()
    expect(await made.sync({ force: true })).toMatchObject({ ok: true, records: 0 })
    const state = await handle.db.selectFrom('sync_state').selectAll().where('psa', '=', 'smileback').executeTakeFirst()
    expect(state?.watermark).toBe('2026-03-02T00:00:00.000Z')
  })

  test('a scheduled sync within a minute of the last one is skipped: the pace stays under 30 a minute', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    const made = connector(handle, sim)
    expect(await made.sync()).toMatchObject({ ok: true })
    expect(await made.sync()).toBeNull()
    expect(dataRequests(sim)).toHaveLength(1)
  })

  test('a 429 is waited out for its Retry-After, then the page is read once', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    sim.failNext({ kind: 'none' }, { kind: 'throttle', retryAfter: 1 })
    const result = await connector(handle, sim).sync({ pageSize: 3 })
    expect(result).toMatchObject({ ok: true, records: 7, changed: 7 })
    expect(dataRequests(sim).map((entry) => entry.status)).toEqual([200, 429, 200, 200])
    expect(await stored(handle)).toHaveLength(7)
  })

  test('the client keeps to 30 requests a minute by itself, and the simulator refuses the 31st', async () => {
    const handle = await desk()
    // 33 reviews one a page: 34 requests with the sign-in, over a window of 300 ms.
    const many = Array.from({ length: 33 }, (_, i) =>
      review(i + 1, String(1000 + i), `11:${String(i).padStart(2, '0')}`),
    )
    const sim = await smileBack(many, { throttle: { limit: 30, windowMs: 300 } })
    const made = createSmileBackConnector(handle, {
      credentials: sim.credentials,
      rate: { limit: 30, windowMs: 300 },
    })
    onTestFinished(() => made.stop())
    expect(await made.sync({ pageSize: 1 })).toMatchObject({ ok: true, records: 33, unlinked: 33 })
    expect(sim.requestLog().filter((entry) => entry.status === 429)).toEqual([])
  })

  test('a 401 mid-sync signs in again once and goes on where it was', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    sim.failNext({ kind: 'none' }, { kind: 'revoke-tokens' })
    const result = await connector(handle, sim).sync({ pageSize: 3 })
    expect(result).toMatchObject({ ok: true, records: 7, changed: 7 })
    expect(tokenRequests(sim)).toHaveLength(2)
    expect(dataRequests(sim).map((entry) => [new URLSearchParams(entry.query).get('offset'), entry.status])).toEqual([
      [null, 200],
      ['3', 401],
      ['3', 200],
      ['6', 200],
    ])
  })

  test('a token that lapses is refreshed before it is used', async () => {
    const handle = await desk()
    // 30 s tokens: within the minute of early refresh, so every request refreshes first.
    const sim = await smileBack(sevenReviews(), { tokenExpiresIn: 30 })
    await connector(handle, sim).sync({ pageSize: 4 })
    expect(tokenRequests(sim)).toHaveLength(2)
    expect(dataRequests(sim).every((entry) => entry.status === 200)).toBe(true)
  })

  test('an HTML error page is a one-line error and leaves the data as it was', async () => {
    const handle = await desk()
    const reviews = sevenReviews()
    const sim = await smileBack(reviews)
    const made = connector(handle, sim)
    await made.sync()
    const before = await stored(handle)
    reviews[0] = { ...reviews[0]!, rating: -1, last_modified: '2026-03-01T10:30:00Z' }
    sim.failNext({ kind: 'html', status: 502 }, { kind: 'html', status: 502 }, { kind: 'html', status: 502 })
    const result = await made.sync({ force: true })
    expect(result?.ok).toBe(false)
    expect(result?.error?.message).toBe(
      `${sim.url.slice(0, -1)} answered reviews with an HTML page (status 502), not SmileBack's JSON: is SMILEBACK_BASE_URL SmileBack's address?`,
    )
    expect(await stored(handle)).toEqual(before)
    const state = await handle.db.selectFrom('sync_state').selectAll().where('psa', '=', 'smileback').executeTakeFirst()
    expect(state).toMatchObject({ watermark: '2026-03-01T10:07:00.123Z', last_error: result?.error?.message })
    // The next sync picks the edit up.
    expect(await made.sync({ force: true })).toMatchObject({ ok: true, changed: 1 })
  })

  test('a sync cut off mid-pass resumes at the page after the last one written, losing and doubling nothing', async () => {
    const handle = await desk()
    const sim = await smileBack(sevenReviews())
    const made = connector(handle, sim)
    // The connection drops on the third page, three times over: the pass stops there.
    sim.failNext({ kind: 'none' }, { kind: 'none' }, { kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' })
    const cut = await made.sync({ pageSize: 2 })
    expect(cut).toMatchObject({ ok: false, records: 4 })
    expect(cut?.error?.message).toMatch(/^cannot reach http:\/\/127\.0\.0\.1:\d+ \(/)
    const state = await handle.db.selectFrom('sync_state').selectAll().where('psa', '=', 'smileback').executeTakeFirst()
    expect(state).toMatchObject({ last_id: 4, full_done: 0 })
    const resumed = await made.sync({ pageSize: 2 })
    expect(resumed).toMatchObject({ ok: true, records: 3, changed: 3 })
    expect(new URLSearchParams(dataRequests(sim).at(-2)!.query).get('offset')).toBe('4')
    expect((await stored(handle)).map((row) => row.id)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  test('ticket.id may be the numeric id or the ticket number; anything else is kept unlinked and reported', async () => {
    const handle = await desk()
    const sim = await smileBack([
      review(1, '101', '10:01'),
      review(2, 'T20260301.0002', '10:02', { rating: '0' as unknown as 0 }),
      review(3, 'INC-77', '10:03', { contact: { id: '9999', name: 'Onbekend', email: null } }),
      review(4, '999999', '10:04'),
    ])
    const lines: string[] = []
    const result = await connector(handle, sim).sync({ onUnlinked: (line) => lines.push(line) })
    expect(result).toMatchObject({ ok: true, records: 4, unlinked: 2 })
    expect(lines).toEqual(['SmileBack: 2 review(s) kept without a PSA ticket (ticket.id "INC-77", "999999")'])
    const rows = await stored(handle)
    expect(rows.map((row) => [row.ticket_ref, row.ticket_id, row.contact_id, row.rating])).toEqual([
      ['101', 101, 501, 1],
      ['T20260301.0002', 102, 501, 0],
      ['INC-77', null, null, 1],
      ['999999', null, 501, 1],
    ])
    // Ticket 999999 arrives with a later Autotask sync: the next SmileBack sync links the review.
    await handle.db
      .insertInto('ticket')
      .values({
        id: 999999,
        psa: 'autotask',
        number: 'T20260301.0099',
        title: 'Late',
        status: 5,
        state: 'complete',
        created_at: '2026-03-01T08:00:00.000Z',
        contact_id: 501,
        company_id: 177,
        synced_at: '2026-03-01T12:00:00.000Z',
      } as never)
      .execute()
    await connector(handle, sim).sync({ force: true })
    expect((await stored(handle)).find((row) => row.id === 4)).toMatchObject({ ticket_id: 999999 })
  })

  test('ratings as strings are read; a rating off the scale fails its page with the review and field named', async () => {
    const handle = await desk()
    const sim = await smileBack([review(1, '101', '10:01', { rating: -1 }), review(2, '102', '10:02')], {
      ratingAsString: true,
    })
    await connector(handle, sim).sync()
    expect((await stored(handle)).map((row) => row.rating)).toEqual([-1, 1])
    const bad = await smileBack([review(3, '103', '10:03', { rating: 5 as unknown as 1 })])
    const result = await connector(handle, bad).sync({ force: true })
    expect(result?.error?.message).toBe('SmileBack review 3: field rating is not 1, 0, -1 or null (5)')
    expect((await stored(handle)).map((row) => row.id)).toEqual([1, 2])
  })

  test('a path without its trailing slash is redirected', async () => {
    const sim = await smileBack(sevenReviews())
    const answer = await axios.get(`${sim.url}api/v3/reviews?limit=2`, { maxRedirects: 0, validateStatus: () => true })
    expect(answer.status).toBe(301)
    expect(answer.headers.location).toBe('/api/v3/reviews/?limit=2')
  })
})
