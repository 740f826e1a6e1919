import { createRequire } from 'node:module'
import axios from 'axios'
import { afterAll, beforeAll, describe, expect, onTestFinished, test, vi } from 'vitest'
import type { RunningSimulator, SimulatorOptions } from '../connectors/autotask/simulator/server.js'
import { DEMO_CREDENTIALS, startSimulator } from '../connectors/autotask/simulator/server.js'
import { startSimulatedDesk } from '../connectors/autotask/simulator/start.js'
import type { ApiRecord, SimEntity } from '../connectors/autotask/simulator/store.js'
import { createFixtureWorld, fixtureTicket, TICKET_COUNT, TIME_ENTRY_COUNT } from './fixtures/sim-world-fixture.js'

const AUTH = {
  ApiIntegrationcode: DEMO_CREDENTIALS.integrationCode,
  UserName: DEMO_CREDENTIALS.userName,
  Secret: DEMO_CREDENTIALS.secret,
  'Content-Type': 'application/json',
}

const TICKETS = Array.from({ length: TICKET_COUNT }, (_, i) => fixtureTicket(i))

interface Page {
  items: ApiRecord[]
  pageDetails: { count: number; requestCount: number; prevPageUrl: string | null; nextPageUrl: string | null }
}

let shared: RunningSimulator

beforeAll(async () => {
  shared = await startSimulator({ world: createFixtureWorld() })
})

afterAll(async () => {
  await shared.close()
})

async function withSimulator(options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ world: createFixtureWorld(), ...options })
  onTestFinished(() => sim.close())
  return sim
}

function v1(path: string, sim = shared): string {
  return `${sim.url}/ATServicesRest/V1.0/${path}`
}

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; response: Response }> {
  const response = await fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: the body stays the text
  }
  return { status: response.status, body, response }
}

function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return call(url, { method: 'POST', body: JSON.stringify(body), headers })
}

function getSearch(entity: string, search: unknown, sim = shared) {
  return call(v1(`${entity}/query?search=${encodeURIComponent(JSON.stringify(search))}`, sim))
}

async function ticketIds(filter: unknown): Promise<number[]> {
  const { status, body } = await post(v1('Tickets/query'), { filter })
  expect(status, JSON.stringify(body)).toBe(200)
  return (body as Page).items.map((item) => item.id)
}

function expectedIds(keep: (ticket: ApiRecord) => boolean): number[] {
  return TICKETS.filter(keep).map((ticket) => ticket.id)
}

async function expectQueryError(filter: unknown, fragment: string | RegExp): Promise<void> {
  const { status, body } = await post(v1('Tickets/query'), { filter })
  expect(status).toBe(500)
  expect(body.errors).toHaveLength(1)
  expect(body.errors[0]).toMatch(fragment)
}

describe('discovery', () => {
  test('zoneInformation answers without credentials and points back at this simulator', async () => {
    const response = await fetch(`${shared.discoveryUrl}V1.0/zoneInformation?user=${encodeURIComponent(AUTH.UserName)}`)
    const zone = (await response.json()) as Record<string, unknown>
    expect(response.status).toBe(200)
    expect(Object.keys(zone).sort()).toEqual(['ci', 'url', 'webUrl', 'zoneName'])
    expect(zone.url).toBe(`${shared.url}/ATServicesRest/`)
    expect(Number.isInteger(zone.ci)).toBe(true)
  })

  test('the zone url follows the Host header, so localhost and 127.0.0.1 both work', async () => {
    const port = new URL(shared.url).port
    const response = await fetch(`http://localhost:${port}/atservicesrest/v1.0/zoneinformation?user=${AUTH.UserName}`)
    expect(((await response.json()) as { url: string }).url).toBe(`http://localhost:${port}/ATServicesRest/`)
  })

  test.each(['nobody@example.com', ''])('an unknown or blank user (%j) gets 500 with the zone error', async (user) => {
    const response = await fetch(`${shared.discoveryUrl}V1.0/zoneInformation?user=${encodeURIComponent(user)}`)
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ errors: ['Zone information could not be determined'] })
  })

  test('versioninformation has no V1.0 segment', async () => {
    const response = await fetch(`${shared.url}/atservicesrest/versioninformation`)
    expect(await response.json()).toEqual({ apiVersions: ['1.0'] })
  })
})

describe('authentication and paths', () => {
  const search = encodeURIComponent(JSON.stringify({ filter: [{ op: 'eq', field: 'id', value: 1003 }] }))

  test('a missing or wrong integration code is a 500 with the IntegrationCode error', async () => {
    for (const code of [undefined, 'WRONG']) {
      const headers: Record<string, string> = { UserName: AUTH.UserName, Secret: AUTH.Secret }
      if (code) headers.ApiIntegrationCode = code
      const response = await fetch(v1(`Tickets/query?search=${search}`), { headers })
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({ errors: ['IntegrationCode is invalid.'] })
    }
  })

  test('a wrong secret or unknown user is a 401 with an errors body', async () => {
    for (const headers of [{ Secret: 'nope' }, { UserName: 'ghost@demo-msp.example' }] as Record<string, string>[]) {
      const { status, body } = await call(v1(`Tickets/query?search=${search}`), { headers })
      expect(status).toBe(401)
      expect(body.errors[0]).toEqual(expect.any(String))
    }
  })

  test('header names in any casing and ImpersonationResourceId are accepted', async () => {
    const response = await fetch(v1(`Tickets/query?search=${search}`), {
      headers: {
        APIIntegrationcode: AUTH.ApiIntegrationcode,
        username: AUTH.UserName,
        SECRET: AUTH.Secret,
        ImpersonationResourceId: '29682885',
      },
    })
    expect(response.status).toBe(200)
  })

  test.each([
    '/atservicesrest/v1.0/tickets/query',
    '/ATServicesRest//V1.0/Tickets/query',
    '/ATSERVICESREST/V1.0/TICKETS/QUERY/',
  ])('path %s is matched case-insensitively and tolerates slashes', async (path) => {
    const { status, body } = await call(`${shared.url}${path}?search=${search}`)
    expect(status).toBe(200)
    expect(body.items.map((item: ApiRecord) => item.id)).toEqual([1003])
  })

  test('an unknown entity is an IIS-style HTML 404', async () => {
    const { status, body, response } = await call(v1(`Widgets/query?search=${search}`))
    expect(status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toMatch(/404 - File or directory not found/)
  })

  test('writes are refused: the simulator is read-only', async () => {
    for (const [method, path] of [
      ['POST', 'Tickets'],
      ['PATCH', 'Tickets'],
      ['PUT', 'Tickets'],
      ['DELETE', 'Tickets/1003'],
    ] as const) {
      const { status, body } = await call(v1(path), { method, body: method === 'DELETE' ? undefined : '{"id":1003}' })
      expect(status).toBe(500)
      expect(body.errors[0]).toMatch(/read-only/)
    }
  })
})

describe('filter grammar', () => {
  test.each([
    ['eq', 5, (t: ApiRecord) => t.status === 5],
    ['noteq', 5, (t: ApiRecord) => t.status !== 5],
    ['gt', 2, (t: ApiRecord) => (t.priority as number) > 2],
    ['gte', 2, (t: ApiRecord) => (t.priority as number) >= 2],
    ['lt', 2, (t: ApiRecord) => (t.priority as number) < 2],
    ['lte', 2, (t: ApiRecord) => (t.priority as number) <= 2],
  ])('%s compares numbers', async (op, value, keep) => {
    const field = op === 'eq' || op === 'noteq' ? 'status' : 'priority'
    expect(await ticketIds([{ op, field, value }])).toEqual(expectedIds(keep))
  })

  test('string operators are case-insensitive like SQL Server', async () => {
    expect(await ticketIds([{ op: 'beginsWith', field: 'title', value: 'PRINTER' }])).toEqual(
      expectedIds((t) => (t.title as string).startsWith('Printer')),
    )
    expect(await ticketIds([{ op: 'endsWith', field: 'ticketNumber', value: '0012.0001' }])).toEqual([1036])
    expect(await ticketIds([{ op: 'contains', field: 'title', value: 'offline AT site 1' }])).toEqual([1030, 1045])
    expect(await ticketIds([{ op: 'eq', field: 'title', value: 'vpn ISSUE 1' }])).toEqual([1003])
  })

  test('exist and notExist take no value and test for null', async () => {
    expect(await ticketIds([{ op: 'notExist', field: 'assignedResourceID' }])).toEqual(
      expectedIds((t) => t.assignedResourceID === null),
    )
    expect(await ticketIds([{ op: 'exist', field: 'description' }])).toEqual(expectedIds((t) => t.description !== null))
  })

  test('in and notIn take arrays; notIn never matches null, as in SQL', async () => {
    expect(await ticketIds([{ op: 'in', field: 'queueID', value: [5, 29682833] }])).toHaveLength(TICKET_COUNT)
    expect(await ticketIds([{ op: 'in', field: 'status', value: [1, 8] }])).toEqual(expectedIds((t) => t.status !== 5))
    expect(await ticketIds([{ op: 'notIn', field: 'assignedResourceID', value: [29682885] }])).toEqual(
      expectedIds((t) => t.assignedResourceID !== null && t.assignedResourceID !== 29682885),
    )
    expect(await ticketIds([{ op: 'in', field: 'title', value: ['VPN ISSUE 1', 'vpn issue 2 '] }])).toEqual([
      1003, 1006,
    ])
  })

  test('top-level conditions are ANDed and groups nest', async () => {
    const filter = [
      { op: 'eq', field: 'queueID', value: 5 },
      {
        op: 'or',
        items: [
          { op: 'eq', field: 'status', value: 5 },
          {
            op: 'and',
            items: [
              { op: 'eq', field: 'priority', value: 1 },
              { op: 'lt', field: 'id', value: 1020 },
            ],
          },
        ],
      },
    ]
    expect(await ticketIds(filter)).toEqual(
      expectedIds((t) => t.queueID === 5 && (t.status === 5 || (t.priority === 1 && t.id < 1020))),
    )
  })

  test('operators and field names match case-insensitively', async () => {
    expect(await ticketIds([{ op: 'NOTIN', field: 'STATUS', value: [5] }])).toEqual(expectedIds((t) => t.status !== 5))
    expect(await ticketIds([{ op: 'notexist', field: 'AssignedResourceId' }])).toHaveLength(10)
    expect(await ticketIds([{ op: 'OR', items: [{ op: 'Eq', field: 'Id', value: 1000 }] }])).toEqual([1000])
  })

  test('numeric strings compare as numbers', async () => {
    expect(await ticketIds([{ op: 'gt', field: 'estimatedHours', value: '18.5' }])).toEqual(
      expectedIds((t) => (t.estimatedHours as number) > 18.5),
    )
  })

  test.each([
    '2025-01-05T09:30:00Z',
    '2025-01-05T09:30:00.000Z',
    '2025-01-05T09:30:00.000000Z',
    '2025-01-05T10:30:00+01:00',
  ])('dates compare as instants whatever the format (%s)', async (value) => {
    const created = (t: ApiRecord) => Date.parse(t.createDate as string)
    expect(await ticketIds([{ op: 'gte', field: 'createDate', value }])).toEqual(
      expectedIds((t) => created(t) >= Date.parse('2025-01-05T09:30:00Z')),
    )
  })

  test('bare dates mean midnight UTC and sub-millisecond digits count', async () => {
    expect(await ticketIds([{ op: 'lt', field: 'createDate', value: '2025-01-03' }])).toEqual([1000, 1003])
    // Ticket 1012 was created at 09:30:00.1234567Z; instants compare to the microsecond.
    expect(await ticketIds([{ op: 'gt', field: 'createDate', value: '2025-01-05T09:30:00.123455Z' }])).toContain(1012)
    expect(await ticketIds([{ op: 'gt', field: 'createDate', value: '2025-01-05T09:30:00.123457Z' }])).not.toContain(
      1012,
    )
    expect(await ticketIds([{ op: 'eq', field: 'createDate', value: '2025-01-05T09:30:00.123456Z' }])).toEqual([1012])
  })

  test('booleans are strict: true/false only, unless lenient booleans are configured', async () => {
    expect(await ticketIds([{ op: 'eq', field: 'serviceLevelAgreementHasBeenMet', value: false }])).toEqual(
      expectedIds((t) => t.serviceLevelAgreementHasBeenMet === false),
    )
    await expectQueryError(
      [{ op: 'eq', field: 'serviceLevelAgreementHasBeenMet', value: 'true' }],
      /expected a boolean/,
    )
    const lenient = await withSimulator({ filter: { lenientBooleans: true } })
    for (const value of ['true', 1, '1']) {
      const { body } = await post(v1('Tickets/query', lenient), {
        filter: [{ op: 'eq', field: 'serviceLevelAgreementHasBeenMet', value }],
      })
      expect(body.items.map((item: ApiRecord) => item.id)).toEqual(
        expectedIds((t) => t.serviceLevelAgreementHasBeenMet === true),
      )
    }
  })

  test('udf conditions match userDefinedFields by name, spaces allowed, typed by the UDF definition', async () => {
    expect(await ticketIds([{ op: 'exist', field: 'Customer Tier', udf: true }])).toEqual(
      expectedIds((t) => t.userDefinedFields[0]!.value !== null),
    )
    expect(await ticketIds([{ op: 'eq', field: 'customer tier', value: 'SILVER', udf: true }])).toEqual(
      expectedIds((t) => (t.userDefinedFields[0]!.value ?? '').toLowerCase() === 'silver'),
    )
    expect(await ticketIds([{ op: 'gte', field: 'NAV ID', value: 136, udf: true }])).toEqual([1108, 1114])
  })

  test.each([
    [[], /filter is required/],
    [undefined, /filter is required/],
    [[{ op: 'eq', field: 'colour', value: 'red' }], /colour/],
    [[{ op: 'eq', field: 'creatorType', value: 1 }], /creatorType.*not queryable/],
    [[{ op: 'like', field: 'title', value: 'x' }], /operator "like"/],
    [[{ op: 'eq', value: 1 }], /no field/],
    [[{ op: 'in', field: 'status', value: 5 }], /must be an array/],
    [[{ op: 'eq', field: 'status', value: 'five' }], /expected a number/],
    [[{ op: 'eq', field: 'status' }], /Invalid value null/],
    [[{ op: 'gt', field: 'createDate', value: '31-01-2024' }], /expected a datetime/],
    [[{ op: 'or', items: [] }], /non-empty items/],
    [[{ op: 'eq', field: 'Region', value: 'x', udf: true }], /Region/],
    [
      [
        { op: 'exist', field: 'NAV ID', udf: true },
        { op: 'exist', field: 'Customer Tier', udf: true },
      ],
      /user-defined field condition/,
    ],
    [
      [{ op: 'or', items: Array.from({ length: 501 }, (_, i) => ({ op: 'eq', field: 'id', value: i })) }],
      /501 OR conditions/,
    ],
  ])('a bad filter %j is a 500 with an errors message', async (filter, message) => {
    await expectQueryError(filter, message)
  })

  test('500 OR conditions are still allowed', async () => {
    const items = Array.from({ length: 500 }, (_, i) => ({ op: 'eq', field: 'id', value: 1000 + i }))
    expect(await ticketIds([{ op: 'or', items }])).toEqual(expectedIds((t) => t.id < 1500))
  })
})

describe('IncludeFields and MaxRecords', () => {
  test('IncludeFields trims to the named fields in canonical casing, plus id and userDefinedFields', async () => {
    for (const key of ['IncludeFields', 'includeFields']) {
      const { body } = await post(v1('Tickets/query'), {
        Filter: [{ op: 'eq', field: 'id', value: 1003 }],
        [key]: ['STATUS', 'lastactivitydate'],
      })
      expect(body.items).toEqual([
        {
          id: 1003,
          status: 5,
          lastActivityDate: TICKETS[1]!.lastActivityDate,
          userDefinedFields: TICKETS[1]!.userDefinedFields,
        },
      ])
    }
  })

  test('IncludeFields with an unknown name is an error naming it', async () => {
    const { status, body } = await post(v1('Tickets/query'), {
      filter: [{ op: 'exist', field: 'id' }],
      IncludeFields: ['id', 'colour'],
    })
    expect(status).toBe(500)
    expect(body.errors[0]).toMatch(/colour/)
  })

  test.each([0, 501, -1, 2.5, 'ten'])('MaxRecords %j is refused', async (maxRecords) => {
    const filter = [{ op: 'exist', field: 'id' }]
    const { status, body } = await post(v1('Tickets/query'), { filter, MaxRecords: maxRecords })
    expect(status).toBe(500)
    expect(body).toEqual({ errors: ['maxCountOfRecordsToReturn must be between 1 and 500'] })
  })

  test('MaxRecords 1 and 500 work, and omitting it means pages of 500', async () => {
    const filter = [{ op: 'exist', field: 'id' }]
    const one = await post(v1('TimeEntries/query'), { filter, maxRecords: 1 })
    expect(one.body.pageDetails).toMatchObject({ count: 1, requestCount: 1 })
    const max = await post(v1('TimeEntries/query'), { filter, MaxRecords: 500 })
    expect(max.body.pageDetails).toMatchObject({ count: 500, requestCount: 500 })
    const omitted = await getSearch('TimeEntries', { filter })
    expect(omitted.body.pageDetails).toMatchObject({ count: 500, requestCount: 500 })
  })
})

describe('paging', () => {
  async function walk(first: { body: Page }, next: (url: string) => Promise<{ status: number; body: any }>) {
    const pages: Page[] = [first.body]
    while (pages.at(-1)!.pageDetails.nextPageUrl) {
      const response = await next(pages.at(-1)!.pageDetails.nextPageUrl!)
      expect(response.status, JSON.stringify(response.body)).toBe(200)
      pages.push(response.body)
      expect(pages.length).toBeLessThan(50)
    }
    return pages
  }

  function expectComplete(pages: Page[], expected: number[]): void {
    const ids = pages.flatMap((page) => page.items.map((item) => item.id))
    expect(ids).toEqual(expected)
    expect(new Set(ids).size).toBe(ids.length)
    expect(pages.at(-1)!.pageDetails.nextPageUrl).toBeNull()
    for (const page of pages) expect(page.pageDetails.count).toBe(page.items.length)
  }

  const allTimeEntries = Array.from({ length: TIME_ENTRY_COUNT }, (_, i) => 5001 + i)

  test('a GET query is followed by GET on absolute nextPageUrls that carry the search', async () => {
    const search = { filter: [{ op: 'gte', field: 'id', value: 0 }] }
    const first = await getSearch('TimeEntries', search)
    const nextPageUrl = first.body.pageDetails.nextPageUrl as string
    expect(nextPageUrl.startsWith(`${shared.url}/ATServicesRest/V1.0/TimeEntries/query/next?paging=`)).toBe(true)
    const url = new URL(nextPageUrl)
    expect(JSON.parse(url.searchParams.get('paging')!)).toEqual({ pageSize: 500, previousIds: [-1], nextIds: [5500] })
    expect(JSON.parse(url.searchParams.get('search')!)).toEqual(search)
    const pages = await walk(first, (next) => call(next))
    expect(pages.map((page) => page.items.length)).toEqual([500, 500, 203])
    expectComplete(pages, allTimeEntries)
    expect(pages[0]!.pageDetails.prevPageUrl).toBeNull()
    const back = await call(pages[1]!.pageDetails.prevPageUrl!)
    expect(back.body.items[0].id).toBe(5001)
  })

  test('a POST query is followed by POSTing the same body; GET on that cursor is a 405', async () => {
    const body = { filter: [{ op: 'eq', field: 'isNonBillable', value: false }], MaxRecords: 100 }
    const first = await post(v1('TimeEntries/query'), body)
    const nextPageUrl = first.body.pageDetails.nextPageUrl as string
    expect(new URL(nextPageUrl).searchParams.has('search')).toBe(false)

    const wrong = await call(nextPageUrl)
    expect(wrong.status).toBe(405)
    expect(wrong.body).toEqual({ Message: "The requested resource does not support http method 'GET'." })

    const pages = await walk(first, (next) => post(next, body))
    expect(pages).toHaveLength(11)
    expectComplete(
      pages,
      allTimeEntries.filter((id) => (id - 5001) % 10 !== 0),
    )
  })

  test('a POST cursor can also be followed with an empty body, as go-autotask does', async () => {
    const body = { filter: [{ op: 'eq', field: 'status', value: 5 }], MaxRecords: 4 }
    const first = await post(v1('Tickets/query'), body)
    const pages = await walk(first, (next) => call(next, { method: 'POST' }))
    expectComplete(
      pages,
      expectedIds((t) => t.status === 5),
    )
  })

  test('axios follows both kinds of cursor too', async () => {
    const http = axios.create({ baseURL: `${shared.url}/ATServicesRest/V1.0/`, headers: AUTH })
    const body = { filter: [{ op: 'exist', field: 'id' }], MaxRecords: 7 }
    const ids: number[] = []
    let page = (await http.post<Page>('Tickets/query', body)).data
    for (;;) {
      ids.push(...page.items.map((item) => item.id))
      if (!page.pageDetails.nextPageUrl) break
      page = (await http.post<Page>(page.pageDetails.nextPageUrl, body)).data
    }
    expect(ids).toEqual(expectedIds(() => true))
  })

  test('the cursor is keyed on ids, so records added meanwhile are neither lost nor repeated', async () => {
    const world = createFixtureWorld()
    const sim = await withSimulator({ world })
    const body = { filter: [{ op: 'exist', field: 'id' }], MaxRecords: 10 }
    const first = await post(v1('Tickets/query', sim), body)
    world.add('Tickets', { ...fixtureTicket(40), id: 2000 })
    const pages = await walk(first, (next) => post(next, body))
    expectComplete(pages, [...expectedIds(() => true), 2000])
  })

  test('an empty result has count 0 and null urls', async () => {
    const { body } = await post(v1('Tickets/query'), { filter: [{ op: 'eq', field: 'status', value: 99 }] })
    expect(body).toEqual({
      items: [],
      pageDetails: { count: 0, requestCount: 500, prevPageUrl: null, nextPageUrl: null },
    })
  })

  test('a bad paging parameter is a 500', async () => {
    const { status, body } = await post(v1('Tickets/query/next?paging=%7Bnope'), {
      filter: [{ op: 'exist', field: 'id' }],
    })
    expect(status).toBe(500)
    expect(body.errors[0]).toMatch(/paging/)
  })

  test('pages come from a binary search, so deep pages of a large entity stay fast', async () => {
    const base = createFixtureWorld()
    const many: ApiRecord[] = Array.from({ length: 300_000 }, (_, i) => ({ id: i * 2 + 1, userDefinedFields: [] }))
    const records = (entity: SimEntity) => (entity === 'TimeEntries' ? many : base.records(entity))
    const sim = await withSimulator({ world: { ...base, records } })
    const paging = encodeURIComponent(JSON.stringify({ pageSize: 3, previousIds: [-1], nextIds: [599_990] }))
    const started = performance.now()
    const filter = [{ op: 'exist', field: 'id' }]
    const { body } = await post(v1(`TimeEntries/query/next?paging=${paging}`, sim), { filter })
    expect(body.items.map((item: ApiRecord) => item.id)).toEqual([599_991, 599_993, 599_995])
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('count, get by id, metadata', () => {
  test('query/count answers {queryCount} by GET and by POST', async () => {
    const search = { filter: [{ op: 'eq', field: 'status', value: 5 }] }
    const byPost = await post(v1('Tickets/query/count'), search)
    const byGet = await call(v1(`Tickets/query/count?search=${encodeURIComponent(JSON.stringify(search))}`))
    const expected = { queryCount: expectedIds((t) => t.status === 5).length }
    expect(byPost.body).toEqual(expected)
    expect(byGet.body).toEqual(expected)
  })

  test('get by id answers {item}; a missing id is a 404 by default', async () => {
    expect((await call(v1('Tickets/1003'))).body).toEqual({ item: TICKETS[1] })
    const missing = await call(v1('Tickets/1004'))
    expect(missing.status).toBe(404)
  })

  test('a missing id can answer 200 {"item": null} instead', async () => {
    const sim = await withSimulator({ notFound: 'null-item' })
    const missing = await call(v1('tickets/999999', sim))
    expect(missing.status).toBe(200)
    expect(missing.body).toEqual({ item: null })
  })

  test('entityInformation, fields (picklist values as strings) and userDefinedFields', async () => {
    const info = await call(v1('Tickets/entityInformation'))
    expect(info.body.info).toMatchObject({ name: 'Tickets', canQuery: true, hasUserDefinedFields: true })
    const fields = await call(v1('Tickets/entityInformation/fields'))
    const status = fields.body.fields.find((field: { name: string }) => field.name === 'status')
    expect(status.picklistValues.map((value: { value: unknown }) => value.value)).toEqual(['1', '5', '8'])
    const udfs = await call(v1('Tickets/entityInformation/userDefinedFields'))
    expect(udfs.body.fields.map((udf: { name: string }) => udf.name)).toEqual(['Customer Tier', 'NAV ID'])
  })

  test('userDefinedFields of an entity without UDFs is a 404, or an empty list when configured', async () => {
    expect((await call(v1('Resources/entityInformation/userDefinedFields'))).status).toBe(404)
    const sim = await withSimulator({ udfNotFound: 'empty' })
    expect((await call(v1('Resources/entityInformation/userDefinedFields', sim))).body).toEqual({ fields: [] })
  })
})

describe('limits', () => {
  test('more than threadLimit in-flight requests per (integration code, entity) get 429', async () => {
    const sim = await withSimulator({ faults: [{ kind: 'slow', delayMs: 300, entity: 'Tickets' }] })
    const url = v1('Tickets/1003', sim)
    const other = call(v1('Companies/101', sim))
    const results = await Promise.all(Array.from({ length: 5 }, () => call(url)))
    const refused = results.filter((result) => result.status === 429)
    expect(results.filter((result) => result.status === 200)).toHaveLength(3)
    expect(refused).toHaveLength(2)
    expect(refused[0]!.body).toEqual({ errors: ['API thread threshold of 3 threads has been exceeded'] })
    expect(refused[0]!.response.headers.get('retry-after')).toBeNull()
    expect((await other).status).toBe(200)
    expect(sim.sim.inFlight()).toBe(0)
  })

  test('the thread-limit 429 can carry Retry-After, and another integration code has its own slots', async () => {
    const second = { userName: 'other@demo-msp.example', secret: 's2', integrationCode: 'OTHER-VENDOR' }
    const sim = await withSimulator({
      users: [DEMO_CREDENTIALS, second],
      threadLimit: 1,
      threadRetryAfter: 2,
      faults: [{ kind: 'slow', delayMs: 200 }],
    })
    const url = v1('Tickets/1003', sim)
    const otherHeaders = {
      ApiIntegrationcode: second.integrationCode,
      UserName: second.userName,
      Secret: second.secret,
    }
    const [first, refused, otherVendor] = await Promise.all([
      call(url),
      call(url),
      call(url, { headers: otherHeaders }),
    ])
    expect(first.status).toBe(200)
    expect(refused.status).toBe(429)
    expect(refused.response.headers.get('retry-after')).toBe('2')
    expect(otherVendor.status).toBe(200)
  })

  test('ThresholdInformation reports a rolling hour that counts the call itself, then the tenant is refused', async () => {
    let now = Date.parse('2025-03-01T10:00:00Z')
    const sim = await withSimulator({ hourlyLimit: 5, clock: () => now })
    await call(v1('Tickets/1003', sim))
    await call(v1('Tickets/1006', sim))
    await fetch(`${sim.discoveryUrl}V1.0/zoneInformation?user=${AUTH.UserName}`)
    await call(v1('Tickets/1003', sim), { headers: { Secret: 'wrong' } })
    const threshold = await call(v1('ThresholdInformation', sim))
    expect(threshold.body).toEqual({
      externalRequestThreshold: 5,
      requestThresholdTimeframe: 60,
      currentTimeframeRequestCount: 3,
    })
    expect(sim.sim.requestCount()).toBe(3)
    await call(v1('Tickets/1009', sim))
    await call(v1('Tickets/1012', sim))
    const refused = await call(v1('Tickets/1003', sim))
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0]).toMatch(/API request threshold exceeded/)
    expect(sim.sim.requestCount()).toBe(5)

    now += 61 * 60 * 1000
    expect((await call(v1('Tickets/1003', sim))).status).toBe(200)
    expect(sim.sim.requestCount()).toBe(1)

    const log = sim.sim.requestLog()
    expect(log.map((entry) => [entry.method, entry.entity, entry.status, entry.counted])).toEqual([
      ['GET', 'Tickets', 200, true],
      ['GET', 'Tickets', 200, true],
      ['GET', null, 200, false],
      ['GET', null, 401, false],
      ['GET', 'ThresholdInformation', 200, true],
      ['GET', 'Tickets', 200, true],
      ['GET', 'Tickets', 200, true],
      ['GET', null, 429, false],
      ['GET', 'Tickets', 200, true],
    ])
    sim.sim.resetCounters()
    expect(sim.sim.requestCount()).toBe(0)
    expect(sim.sim.requestLog()).toEqual([])
  })

  test('the over-limit status is configurable', async () => {
    const sim = await withSimulator({ hourlyLimit: 1, overLimitStatus: 503 })
    await call(v1('Tickets/1003', sim))
    expect((await call(v1('Tickets/1003', sim))).status).toBe(503)
  })

  test('latency is added from 50% and 75% of the hourly limit when enabled', async () => {
    const sim = await withSimulator({ hourlyLimit: 8, latency: { fromHalfMs: 150, fromThreeQuartersMs: 400 } })
    const timed = async () => {
      const started = performance.now()
      await call(v1('Tickets/1003', sim))
      return performance.now() - started
    }
    const durations: number[] = []
    for (let i = 0; i < 7; i++) durations.push(await timed())
    expect(Math.max(...durations.slice(0, 3))).toBeLessThan(150)
    expect(durations[4]).toBeGreaterThanOrEqual(140)
    expect(durations[4]).toBeLessThan(400)
    expect(durations[6]).toBeGreaterThanOrEqual(390)
  })
})

describe('fault injection', () => {
  const ticketQuery = { filter: [{ op: 'exist', field: 'id' }], MaxRecords: 3 }
  const postInit = { method: 'POST', headers: AUTH, body: JSON.stringify(ticketQuery) }

  test('a 500 {errors} for the next request only, switched on at runtime', async () => {
    const sim = await withSimulator()
    sim.sim.setFaults([{ kind: 'error', message: 'Database timeout', times: 1 }])
    const failed = await post(v1('Tickets/query', sim), ticketQuery)
    expect(failed.status).toBe(500)
    expect(failed.body).toEqual({ errors: ['Database timeout'] })
    expect((await post(v1('Tickets/query', sim), ticketQuery)).status).toBe(200)
    expect(sim.sim.activeFaults()).toEqual([])
  })

  test('a 429 storm with and without Retry-After, scoped to one entity', async () => {
    const sim = await withSimulator({ faults: [{ kind: 'rate-limit', entity: 'tickets', times: 3, retryAfter: 1 }] })
    expect((await call(v1('Companies/101', sim))).status).toBe(200)
    const storm = []
    for (let i = 0; i < 3; i++) storm.push(await call(v1('Tickets/1003', sim)))
    expect(storm.map((result) => result.status)).toEqual([429, 429, 429])
    expect(storm[0]!.response.headers.get('retry-after')).toBe('1')
    expect((await call(v1('Tickets/1003', sim))).status).toBe(200)
    sim.sim.addFault({ kind: 'rate-limit', times: 1 })
    const bare = await call(v1('Tickets/1003', sim))
    expect(bare.status).toBe(429)
    expect(bare.response.headers.get('retry-after')).toBeNull()
  })

  test.each([404, 200])('an IIS HTML page with status %i', async (status) => {
    const sim = await withSimulator({ faults: [{ kind: 'html', status, times: 1 }] })
    const result = await post(v1('Tickets/query', sim), ticketQuery)
    expect(result.status).toBe(status)
    expect(result.response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(result.body).toMatch(/^<!DOCTYPE html/)
  })

  test('a slow answer arrives after the delay', async () => {
    const sim = await withSimulator({ faults: [{ kind: 'slow', delayMs: 250, operation: 'count' }] })
    const started = performance.now()
    const result = await post(v1('Tickets/query/count', sim), ticketQuery)
    expect(result.body.queryCount).toBe(TICKET_COUNT)
    expect(performance.now() - started).toBeGreaterThanOrEqual(240)
  })

  test('malformed records in the next page', async () => {
    const sim = await withSimulator()
    const first = await post(v1('Tickets/query', sim), ticketQuery)
    const next = first.body.pageDetails.nextPageUrl as string
    const variants = [
      [{ record: 'string-id' }, (item: any) => expect(item.id).toBe('1009')],
      [
        { record: 'bad-date', field: 'lastActivityDate' },
        (item: any) => expect(Date.parse(item.lastActivityDate)).toBeNaN(),
      ],
      [{ record: 'missing-required' }, (item: any) => expect(item).not.toHaveProperty('title')],
      [{ record: 'non-object', index: 2 }, (_: any, items: any[]) => expect(typeof items[2]).toBe('string')],
    ] as const
    for (const [fault, check] of variants) {
      sim.sim.setFaults([{ kind: 'malformed', operation: 'next', times: 1, ...fault }])
      const page = await post(next, ticketQuery)
      expect(page.status).toBe(200)
      check(page.body.items[0], page.body.items)
      expect(page.body.items[1].id).toBe(1012)
    }
    const clean = await post(next, ticketQuery)
    expect(clean.body.items[0]).toEqual(TICKETS[3])
  })

  test('a malformed item on get by id', async () => {
    const sim = await withSimulator({ faults: [{ kind: 'malformed', record: 'string-id' }] })
    expect((await call(v1('Tickets/1003', sim))).body.item.id).toBe('1003')
  })

  test('a truncated body is a 200 with a JSON content type that does not parse', async () => {
    const sim = await withSimulator({ faults: [{ kind: 'truncated', times: 1 }] })
    const response = await fetch(v1('Tickets/query', sim), postInit)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    await expect(response.json()).rejects.toThrow()
  })

  test('a dropped connection fails the request mid-response', async () => {
    const sim = await withSimulator({ faults: [{ kind: 'drop', times: 1 }] })
    await expect(fetch(v1('Tickets/query', sim), postInit).then((response) => response.text())).rejects.toThrow()
    expect(sim.sim.requestLog().at(-1)?.status).toBe(0)
    expect((await post(v1('Tickets/query', sim), ticketQuery)).status).toBe(200)
  })

  test('share and seed make a reproducible fraction of requests fail; skip lets the first ones through', async () => {
    const statuses = async (seed: number) => {
      const sim = await withSimulator({ faults: [{ kind: 'error', share: 0.5, seed, skip: 2 }] })
      const out: number[] = []
      for (let i = 0; i < 20; i++) out.push((await call(v1('Tickets/1003', sim))).status)
      return out
    }
    const first = await statuses(7)
    expect(first.slice(0, 2)).toEqual([200, 200])
    expect(first.filter((status) => status === 500).length).toBeGreaterThan(3)
    expect(first.filter((status) => status === 500).length).toBeLessThan(16)
    expect(await statuses(7)).toEqual(first)
  })
})

describe('an independent client: @apigrate/autotask-restapi', () => {
  interface EntityApi {
    query(search: unknown): Promise<Page>
    count(search: unknown): Promise<{ queryCount: number }>
    get(id: number): Promise<{ item: ApiRecord } | null>
    fieldInfo(): Promise<{ fields: Array<{ name: string }> }>
  }
  type Client = Record<'Tickets' | 'TimeEntries' | 'Companies', EntityApi> & { zoneInfo: { url: string } | null }
  const { AutotaskRestApi } = createRequire(import.meta.url)('@apigrate/autotask-restapi') as {
    AutotaskRestApi: new (user: string, secret: string, code: string, options: { base_url: string }) => Client
  }

  test('zone lookup, query, id-loop paging, count and get by id work against the simulator', async () => {
    const client = new AutotaskRestApi(AUTH.UserName, AUTH.Secret, AUTH.ApiIntegrationcode, {
      base_url: shared.discoveryUrl,
    })
    const companies = await client.Companies.query({ filter: [{ op: 'eq', field: 'isActive', value: true }] })
    expect(client.zoneInfo?.url).toBe(`${shared.url}/ATServicesRest/`)
    expect(companies.items.map((company) => company.companyName)).toEqual([
      'Demo MSP B.V.',
      'Acme Dental',
      'acme logistics',
    ])

    // The id loop apigrate's maintainer recommends instead of nextPageUrl.
    const ids: number[] = []
    let lastId = -1
    for (;;) {
      const page = await client.TimeEntries.query({
        filter: [{ op: 'gt', field: 'id', value: lastId }],
        IncludeFields: ['id'],
        MaxRecords: 500,
      })
      ids.push(...page.items.map((item) => item.id))
      if (page.items.length < 500) break
      lastId = page.items.at(-1)!.id
    }
    expect(ids).toEqual(Array.from({ length: TIME_ENTRY_COUNT }, (_, i) => 5001 + i))

    expect(await client.Tickets.count({ filter: [{ op: 'eq', field: 'status', value: 5 }] })).toEqual({
      queryCount: expectedIds((t) => t.status === 5).length,
    })
    expect((await client.Tickets.get(1003))?.item.title).toBe('VPN issue 1')
    expect(await client.Tickets.get(1004)).toBeNull()
    expect((await client.Tickets.fieldInfo()).fields.some((field) => field.name === 'ticketNumber')).toBe(true)
  })

  test('a wrong secret surfaces as its AutotaskApiError with status 401', async () => {
    const client = new AutotaskRestApi(AUTH.UserName, 'wrong', AUTH.ApiIntegrationcode, {
      base_url: shared.discoveryUrl,
    })
    await expect(client.Tickets.get(1003)).rejects.toMatchObject({ status: 401 })
  })
})

describe('startSimulatedDesk: world, server and clock in one', () => {
  const NOW = '2026-03-02T09:00:00Z'

  test('makes the world asked for and gives the demo user at its own address', async () => {
    const desk = await startSimulatedDesk({ world: { size: 'tiny', seed: 7, now: NOW } })
    onTestFinished(() => desk.close())
    expect(desk.world.now().toISOString()).toBe('2026-03-02T09:00:00.000Z')
    expect(desk.credentials).toEqual({
      username: DEMO_CREDENTIALS.userName,
      secret: DEMO_CREDENTIALS.secret,
      integrationCode: DEMO_CREDENTIALS.integrationCode,
      discoveryUrl: desk.discoveryUrl,
    })
    const everything = { filter: [{ op: 'gt', field: 'id', value: 0 }] }
    const { status, body } = await post(v1('Tickets/query/count', desk), everything)
    expect(status).toBe(200)
    expect(body.queryCount).toBe(desk.world.records('Tickets').length)
  })

  test('serves a given world with the first of its users', async () => {
    const user = { userName: 'other@msp.example', secret: 's', integrationCode: 'OTHER' }
    const world = createFixtureWorld()
    const desk = await startSimulatedDesk({ world, users: [user] })
    onTestFinished(() => desk.close())
    expect(desk.world).toBe(world)
    expect(desk.credentials).toMatchObject({ username: user.userName, integrationCode: 'OTHER' })
  })

  test('with a speed the world moves on with real time until it is closed; without one it stays', async () => {
    const still = await startSimulatedDesk({ world: { size: 'tiny', seed: 7, now: NOW } })
    const moving = await startSimulatedDesk({ world: { size: 'tiny', seed: 7, now: NOW }, speed: 3_600, tickMs: 10 })
    onTestFinished(() => still.close())
    await vi.waitFor(() => expect(moving.world.now().getTime()).toBeGreaterThan(Date.parse(NOW)), { timeout: 5_000 })
    await moving.close()
    const stopped = moving.world.now().getTime()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(moving.world.now().getTime()).toBe(stopped)
    expect(still.world.now().getTime()).toBe(Date.parse(NOW))
  })
})
