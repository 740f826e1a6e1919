import { afterAll, beforeAll, describe, expect, onTestFinished, test, vi } from 'vitest'
import type { SimWorld } from '../../connectors/autotask/simulator/store.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import type { ConnectWiseDesk, ConnectWiseDeskOptions } from '../../connectors/connectwise/simulator/start.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'

/** The ConnectWise simulator's protocol over real HTTP: discovery, auth, paging, throttling, faults, deletions. */

const NOW = '2026-03-02T10:00:00Z'
const tinyWorld = () => createSimWorld({ size: 'tiny', seed: 7, now: NOW })

let shared: ConnectWiseDesk

beforeAll(async () => {
  shared = await startConnectWiseDesk({ world: tinyWorld() })
})

afterAll(async () => {
  await shared.close()
})

async function withDesk(options: Partial<ConnectWiseDeskOptions> = {}): Promise<ConnectWiseDesk> {
  const desk = await startConnectWiseDesk({ world: tinyWorld(), ...options })
  onTestFinished(() => desk.close())
  return desk
}

function authHeaders(desk: ConnectWiseDesk): Record<string, string> {
  const { company, publicKey, privateKey, clientId } = desk.credentials
  return { Authorization: `Basic ${btoa(`${company}+${publicKey}:${privateKey}`)}`, clientId }
}

function api(desk: ConnectWiseDesk, path: string, codebase = 'v2025_1/'): string {
  return `${desk.url}${codebase}apis/3.0/${path}`
}

async function call(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: any; response: Response }> {
  const response = await fetch(url, { headers })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: the body stays the text
  }
  return { status: response.status, body, response }
}

const get = (desk: ConnectWiseDesk, path: string, extra: Record<string, string> = {}) =>
  call(api(desk, path), { ...authHeaders(desk), ...extra })

/** The first URL in a `Link` header with the given rel, or null. */
function linkOf(response: Response, rel: string): string | null {
  const header = response.headers.get('link') ?? ''
  const match = header.split(',').find((part) => part.includes(`rel="${rel}"`))
  return match ? /<([^>]+)>/.exec(match)![1]! : null
}

describe('discovery and authentication', () => {
  test('companyinfo answers without credentials with the codebase, trailing slash included', async () => {
    const { status, body } = await call(`${shared.url}login/companyinfo/ROLEBOARD`, {})
    expect(status).toBe(200)
    expect(body).toMatchObject({ Codebase: 'v2025_1/', CompanyID: 'roleboard', IsCloud: true, VersionCode: 'v2025.1' })
    expect(shared.url.endsWith('/')).toBe(true)
    expect(shared.credentials.site).toBe(shared.url)
  })

  test('an unknown company gets a JSON null', async () => {
    const response = await fetch(`${shared.url}login/companyinfo/someone-else`)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('null')
  })

  test('the API answers under the versioned and the release codebase, not under another', async () => {
    const versioned = await get(shared, 'service/tickets/count')
    const release = await call(api(shared, 'service/tickets/count', 'v4_6_release/'), authHeaders(shared))
    expect(versioned.body).toEqual({ count: shared.world.records('Tickets').length })
    expect(release.body).toEqual(versioned.body)
    expect(versioned.response.headers.get('api-current-version')).toBe('2025.1')
    const other = await call(api(shared, 'service/tickets/count', 'v2019_3/'), authHeaders(shared))
    expect(other.status).toBe(404)
    expect(other.body).toEqual({ code: 'ConnectWiseApi', message: 'The endpoint does not exist.', errors: null })
  })

  test('after a codebase move discovery hands out the new one and the old one answers 404', async () => {
    const desk = await withDesk()
    desk.sim.setCodebase('v2025_2/')
    const info = await call(`${desk.url}login/companyinfo/roleboard`, {})
    expect(info.body.Codebase).toBe('v2025_2/')
    expect((await call(api(desk, 'system/members/count', 'v2025_1/'), authHeaders(desk))).status).toBe(404)
    expect((await call(api(desk, 'system/members/count', 'v2025_2/'), authHeaders(desk))).status).toBe(200)
  })

  test("with a speed the desk keeps working: the world's clock moves on with real time", async () => {
    const desk = await withDesk({ speed: 3_600, tickMs: 10 })
    const start = desk.world.now().getTime()
    // An hour of world time per real second: a minute of it passes within a few ticks.
    await vi.waitFor(() => expect(desk.world.now().getTime()).toBeGreaterThan(start + 60_000), { timeout: 5_000 })
  })

  test('a versioned Accept header is served', async () => {
    const accept = 'application/vnd.connectwise.com+json; version=2019.1'
    const { status, response } = await get(shared, 'service/boards', { Accept: accept })
    expect(status).toBe(200)
    expect(response.headers.get('api-current-version')).toBe('2025.1')
  })

  test.each([
    ['a wrong private key', (c: ConnectWiseDesk['credentials']) => `${c.company}+${c.publicKey}:wrong`],
    ['another company', (c: ConnectWiseDesk['credentials']) => `elsewhere+${c.publicKey}:${c.privateKey}`],
    ['no company prefix', (c: ConnectWiseDesk['credentials']) => `${c.publicKey}:${c.privateKey}`],
  ])('%s is refused with 401 Unauthorized', async (_name, user) => {
    const headers = { Authorization: `Basic ${btoa(user(shared.credentials))}`, clientId: shared.credentials.clientId }
    const { status, body } = await call(api(shared, 'service/tickets'), headers)
    expect(status).toBe(401)
    expect(body).toMatchObject({ code: 'Unauthorized', message: expect.stringMatching(/key/) })
  })

  test('a missing clientId is refused with a clear message, or served when configured so', async () => {
    const { clientId: _clientId, ...withoutClientId } = authHeaders(shared)
    const refused = await call(api(shared, 'service/tickets'), withoutClientId)
    expect(refused.status).toBe(401)
    expect(refused.body.message).toMatch(/clientId header is required/)
    const unknown = await call(api(shared, 'service/tickets'), { ...withoutClientId, clientId: 'not-registered' })
    expect(unknown.status).toBe(401)
    const lenient = await withDesk({ missingClientId: 'allow' })
    const { clientId: _other, ...lenientHeaders } = authHeaders(lenient)
    expect((await call(api(lenient, 'service/tickets'), lenientHeaders)).status).toBe(200)
  })
})

describe('paging', () => {
  test('navigable pages cover every matching record once, keeping the conditions in the links', async () => {
    const conditions = 'actualHours > 0.25 and (chargeToType = "ServiceTicket" or billableOption = "DoNotBill")'
    const expected = shared.world
      .records('TimeEntries')
      .filter(
        (entry) => (entry.hoursWorked as number) > 0.25 && (entry.ticketID != null || entry.isNonBillable === true),
      )
      .map((entry) => entry.id)
    expect(expected.length).toBeGreaterThan(60)
    const first = new URL(api(shared, 'time/entries'))
    first.searchParams.set('conditions', conditions)
    first.searchParams.set('pageSize', '30')
    first.searchParams.set('orderBy', 'id asc')
    const seen: number[] = []
    let url: string | null = first.toString()
    let pages = 0
    while (url) {
      const { status, body, response } = await call(url, authHeaders(shared))
      expect(status).toBe(200)
      expect(body.length).toBeLessThanOrEqual(30)
      seen.push(...body.map((entry: any) => entry.id))
      url = linkOf(response, 'next')
      if (url) expect(new URL(url).searchParams.get('conditions')).toBe(conditions)
      if (pages === 0)
        expect(new URL(linkOf(response, 'last')!).searchParams.get('page')).toBe(
          String(Math.ceil(expected.length / 30)),
        )
      pages++
    }
    expect(seen).toEqual(expected)
    expect(pages).toBe(Math.ceil(expected.length / 30))
  })

  test('the default page is 25 records and pageSize stops at 1,000', async () => {
    expect((await get(shared, 'time/entries')).body).toHaveLength(25)
    const all = shared.world.records('TimeEntries').length
    expect((await get(shared, 'time/entries?pageSize=5000')).body).toHaveLength(Math.min(all, 1000))
  })

  test('forward-only pages go by id after pageId until a page has no next link', async () => {
    const expected = shared.world.records('TimeEntries').map((entry) => entry.id)
    const headers = { ...authHeaders(shared), 'pagination-type': 'forward-only' }
    const seen: number[] = []
    let url: string | null = api(shared, 'time/entries?pageSize=100&fields=id')
    let last: Response | null = null
    while (url) {
      const { status, body, response } = await call(url, headers)
      expect(status).toBe(200)
      seen.push(...body.map((entry: any) => entry.id))
      url = linkOf(response, 'next')
      if (url) expect(new URL(url).searchParams.get('pageId')).toBe(String(body[body.length - 1].id))
      last = response
    }
    expect(seen).toEqual(expected)
    expect(last!.headers.get('link')).toBe('')
  })

  test('forward-only refuses orderBy', async () => {
    const { status, body } = await get(shared, 'service/tickets?orderBy=id desc', { 'pagination-type': 'forward-only' })
    expect(status).toBe(400)
    expect(body.message).toMatch(/orderBy is not supported with forward-only/)
  })
})

describe('throttling and faults', () => {
  test('past the bucket the answer is 429 with Retry-After, and a token comes back with time', async () => {
    let now = 1_000_000
    const desk = await withDesk({ requestsPerMinute: 3, clock: () => now })
    for (let i = 0; i < 3; i++) expect((await get(desk, 'service/boards')).status).toBe(200)
    const refused = await get(desk, 'service/boards')
    expect(refused.status).toBe(429)
    // Three a minute is one token every 20 seconds.
    expect(refused.response.headers.get('retry-after')).toBe('20')
    expect(refused.body).toEqual({
      error: 'ConnectWiseAPI',
      message: 'Too many requests. Please try again in 20 seconds.',
    })
    now += 20_000
    expect((await get(desk, 'service/boards')).status).toBe(200)
  })

  test('faults: an HTML page, a 500 about a timeout, a 429 burst, a wrong-codebase 404, each then gone', async () => {
    const desk = await withDesk()
    desk.sim.setFaults([
      { kind: 'html', path: 'service/tickets', times: 1 },
      { kind: 'error', path: 'service/tickets', times: 1 },
      { kind: 'rate-limit', path: 'service/tickets', times: 2, retryAfter: 3 },
      { kind: 'wrong-codebase', path: 'service/tickets', times: 1 },
    ])
    const html = await get(desk, 'service/tickets')
    expect(html.status).toBe(502)
    expect(html.response.headers.get('content-type')).toMatch(/text\/html/)
    const error = await get(desk, 'service/tickets')
    expect(error.status).toBe(500)
    expect(error.body.message).toMatch(/timeout/)
    for (let i = 0; i < 2; i++) {
      const throttled = await get(desk, 'service/tickets')
      expect(throttled.status).toBe(429)
      expect(throttled.response.headers.get('retry-after')).toBe('3')
    }
    expect((await get(desk, 'service/tickets')).status).toBe(404)
    expect((await get(desk, 'company/companies')).status).toBe(200)
    expect((await get(desk, 'service/tickets')).status).toBe(200)
    expect(desk.sim.activeFaults()).toEqual([])
  })
})

describe('records follow the world', () => {
  test('a deleted ticket answers 404 NotFound, and its notes too', async () => {
    const world = tinyWorld()
    const desk = await withDesk({ world })
    const deleted = advanceUntilATicketIsDeleted(world)
    const { status, body } = await get(desk, `service/tickets/${deleted}`)
    expect(status).toBe(404)
    expect(body).toEqual({ code: 'NotFound', message: `Ticket ${deleted} not found`, errors: null })
    expect((await get(desk, `service/tickets/${deleted}/notes`)).status).toBe(404)
    const ids = (await get(desk, `service/tickets/count?conditions=id=${deleted}`)).body
    expect(ids).toEqual({ count: 0 })
  })

  test('a ticket that changes moves its lastUpdated, so an incremental query finds it', async () => {
    const world = tinyWorld()
    const desk = await withDesk({ world })
    const before = world
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    const summary = world.advance(3 * 3_600_000)
    const touched = [...(summary.created.Tickets ?? []), ...(summary.updated.Tickets ?? [])]
    expect(touched.length).toBeGreaterThan(0)
    const headers = { 'pagination-type': 'forward-only' }
    const changed = await get(
      desk,
      `service/tickets?pageSize=1000&fields=id&conditions=lastUpdated>[${before}]`,
      headers,
    )
    expect(changed.body.map((row: any) => row.id)).toEqual(expect.arrayContaining(touched))
  })

  test('a renamed ticket shows its new summary on its time entries; a member switched off moves its lastUpdated', async () => {
    const world = tinyWorld()
    const desk = await withDesk({ world })
    const entry = world.records('TimeEntries').find((candidate) => candidate.ticketID != null)!
    const [rick] = world.records('Resources')
    // Read everything once first, so what follows is served from what the simulator already translated.
    await get(desk, 'time/entries?pageSize=1000')
    world.edit('Tickets', entry.ticketID as number, { title: 'Printer op 2 hapert' }, rick!.id)
    const after = await get(desk, `time/entries/${entry.id}`)
    expect(after.body.ticket).toMatchObject({ id: entry.ticketID, summary: 'Printer op 2 hapert' })
    const listed = await get(desk, `time/entries?conditions=id=${entry.id}`)
    expect(listed.body[0].ticket.summary).toBe('Printer op 2 hapert')

    const member = world
      .records('Resources')
      .find((resource) => resource.isActive === true && resource.id !== rick!.id)!
    world.advance(60_000)
    const stamp = world
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
    world.edit('Resources', member.id, { isActive: false }, rick!.id)
    const changed = await get(desk, `system/members?conditions=lastUpdated >= [${stamp}]`)
    expect(changed.body.map((row: any) => [row.id, row.inactiveFlag])).toEqual([[member.id, true]])
  })

  test('every alert ticket has a monitoring source, and no other ticket has one', async () => {
    const alerts = (await get(shared, 'service/tickets/count?conditions=type/name="Alert"')).body.count
    const fromMonitoring = (await get(shared, 'service/tickets/count?conditions=source/name like "*monitor*"')).body
    expect(alerts).toBeGreaterThan(0)
    expect(fromMonitoring.count).toBe(alerts)
    const both = await get(
      shared,
      'service/tickets/count?conditions=type/name="Alert" and source/name like "*monitor*"',
    )
    expect(both.body.count).toBe(alerts)
  })
})

/** Advances a day at a time until a ticket is deleted; returns its id. */
function advanceUntilATicketIsDeleted(world: SimWorld): number {
  for (let day = 0; day < 120; day++) {
    const deleted = world.advance(86_400_000).deleted.Tickets
    if (deleted?.length) return deleted[0]!
  }
  throw new Error('no ticket was deleted in 120 days')
}
