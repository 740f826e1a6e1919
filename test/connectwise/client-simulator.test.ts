import { createServer, request as forward } from 'node:http'
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest'
import { and, where } from '../../connectors/connectwise/conditions.js'
import type { ConnectWiseCredentials } from '../../connectors/connectwise/config.js'
import type { Page, PageOptions } from '../../connectors/connectwise/paging.js'
import { type ConnectWiseDesk, startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { oneLineFailure, serveForTest, testClient } from './client-env.js'

// The client against the ConnectWise simulator over real HTTP: discovery, paging both ways over the tiny world's
// 369 time entries (ids 40001 to 40376, seven numbers unused) and resuming from a cursor, count, one
// record, the id scan, and the refusals a tenant's misconfiguration brings.

const NOW = '2026-11-30T12:00:00Z'
let desk: ConnectWiseDesk
let worldIds: number[]

beforeAll(async () => {
  desk = await startConnectWiseDesk({ world: { size: 'tiny', seed: 7, now: NOW }, requestsPerMinute: 0 })
  worldIds = desk.world
    .records('TimeEntries')
    .map((entry) => entry.id as number)
    .sort((a, b) => a - b)
})

afterAll(() => desk.close())

async function collect(pages: AsyncGenerator<Page>, stopAfter = Number.POSITIVE_INFINITY) {
  const ids: number[] = []
  const seen: Page[] = []
  for await (const page of pages) {
    seen.push(page)
    ids.push(...page.records.map((record) => record.id as number))
    if (seen.length === stopAfter) break
  }
  return { ids, pages: seen }
}

describe('ConnectWise client on the simulator', () => {
  test('discovery finds the codebase, and the API answers under it', async () => {
    const { client } = testClient(desk.credentials)
    expect(await client.apiBase()).toBe(`${desk.url}v2025_1/apis/3.0/`)
    expect((await client.companyInfo()).codebase).toBe('v2025_1/')
  })

  test.each(['forward-only', 'navigable'] as const)(
    '%s paging gives every time entry exactly once, in id order',
    async (paging) => {
      expect(worldIds).toHaveLength(369)
      const { client, governor } = testClient(desk.credentials)
      const { ids, pages } = await collect(client.pages('time/entries', { pageSize: 50, paging }))
      expect(ids).toEqual(worldIds)
      // 369 entries at 50 a page: 7 full pages and one of 19; each page's cursor is its last id.
      expect(pages.map((page) => page.records.length)).toEqual([50, 50, 50, 50, 50, 50, 50, 19])
      expect(pages.map((page) => page.cursor)).toEqual(pages.map((page) => page.records.at(-1)!.id))
      expect(new Set(pages.map((page) => page.paging))).toEqual(new Set([paging]))
      expect(governor.requestsFor('time/entries')).toBe(8)
    },
  )

  test.each(['forward-only', 'navigable'] as const)(
    'a %s pass stopped after three pages resumes from its cursor where it stopped',
    async (paging) => {
      const { client } = testClient(desk.credentials)
      const options: PageOptions = { pageSize: 50, paging }
      const first = await collect(client.pages('time/entries', options), 3)
      expect(first.ids).toEqual(worldIds.slice(0, 150))
      const rest = await collect(client.pages('time/entries', { ...options, after: first.pages.at(-1)!.cursor }))
      expect(rest.ids).toEqual(worldIds.slice(150))
    },
  )

  test('conditions narrow a pass; count and the id scan agree with the world', async () => {
    const { client } = testClient(desk.credentials)
    const lowest = worldIds[99]!
    const expected = worldIds.filter((id) => id > lowest)
    const conditions = and(where('id', '>', lowest), where('id', '<=', worldIds.at(-1)!))
    expect(await client.count('time/entries', conditions)).toBe(expected.length)
    const before = desk.sim.requestLog().length
    expect(await client.getIds('time/entries', conditions)).toEqual(expected)
    expect(await client.getIds('time/entries')).toEqual(worldIds)
    // The id scan asks for the ids alone.
    const scan = desk.sim.requestLog().slice(before)
    expect(scan.length).toBeGreaterThan(0)
    expect(scan.every((entry) => new URLSearchParams(entry.query).get('fields') === 'id')).toBe(true)
  })

  test('a host that leaves the Link header off the last forward-only page: the pass ends on an empty page', async () => {
    const bare = await startConnectWiseDesk({ world: desk.world, requestsPerMinute: 0, lastPageLink: 'omit' })
    onTestFinished(() => bare.close())
    const { client, governor } = testClient(bare.credentials)
    // 369 entries at 123 a page: three full pages, then an empty answer says there is no fourth.
    const { ids, pages } = await collect(client.pages('time/entries', { pageSize: 123, paging: 'forward-only' }))
    expect(ids).toEqual(worldIds)
    expect(pages.map((page) => page.records.length)).toEqual([123, 123, 123])
    expect(governor.requestsFor('time/entries')).toBe(4)
  })

  test('one record by id; a record that does not exist is null, not an error', async () => {
    const { client } = testClient(desk.credentials)
    const ticket = await client.get('service/tickets/10002')
    expect(ticket?.id).toBe(10002)
    expect(await client.get('service/tickets/99999999')).toBeNull()
  })

  test('an endpoint that ignores forward-only paging is read by page numbers instead, each id once', async () => {
    // A proxy in front of the simulator drops the pagination-type header, as a host without forward-only would.
    const proxy = createServer((incoming, outgoing) => {
      const headers = { ...incoming.headers }
      delete headers['pagination-type']
      const upstream = new URL(desk.url)
      const relay = forward(
        { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(outgoing)
        },
      )
      incoming.pipe(relay)
    })
    const site = await serveForTest(proxy)
    const { client } = testClient({ ...desk.credentials, site })
    const { ids, pages } = await collect(client.pages('time/entries', { pageSize: 100 }))
    expect(ids).toEqual(worldIds)
    // Its first answer links to page 2 by number, so no page is taken for a forward-only one.
    expect(new Set(pages.map((page) => page.paging))).toEqual(new Set(['navigable']))
  })
})

describe('ConnectWise refusals from the simulator', () => {
  const secrets = (credentials: ConnectWiseCredentials) => [
    credentials.privateKey,
    `${credentials.company}+${credentials.publicKey}:${credentials.privateKey}`,
  ]

  test('wrong keys: one line naming the company and public key', async () => {
    const credentials = { ...desk.credentials, privateKey: 'NotTheRightKey99' }
    const error = await oneLineFailure(testClient(credentials).client.count('service/tickets'), secrets(credentials))
    expect(error.code).toBe('bad_credentials')
    expect(error.message).toBe(
      `ConnectWise refused the API keys of public key "${credentials.publicKey}" for company "${credentials.company}" (401): check CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY and CONNECTWISE_PRIVATE_KEY`,
    )
  })

  test('a clientId the PSA does not know: one line saying to set CONNECTWISE_CLIENT_ID', async () => {
    const credentials = { ...desk.credentials, clientId: '00000000-0000-0000-0000-000000000000' }
    const error = await oneLineFailure(testClient(credentials).client.count('service/tickets'), secrets(credentials))
    expect(error.code).toBe('bad_credentials')
    expect(error.message).toMatch(/^ConnectWise refused the clientId \(401 .*\): set CONNECTWISE_CLIENT_ID/)
  })

  test('an unknown company: one line naming it', async () => {
    const credentials = { ...desk.credentials, company: 'nosuchmsp' }
    const error = await oneLineFailure(testClient(credentials).client.count('service/tickets'), secrets(credentials))
    expect(error.message).toMatch(/^ConnectWise does not know the company "nosuchmsp"/)
  })

  test('a proxy HTML page is named as such', async () => {
    desk.sim.setFaults([{ kind: 'html', status: 502, path: 'company/companies' }])
    onTestFinished(() => desk.sim.clearFaults())
    const error = await oneLineFailure(
      testClient(desk.credentials).client.count('company/companies'),
      secrets(desk.credentials),
    )
    expect(error.message).toBe(
      'the ConnectWise host answered with an HTML page, not the API (status 502, GET company/companies/count)',
    )
  })

  test('a 429 is waited out for its Retry-After, then the page comes', async () => {
    desk.sim.setFaults([{ kind: 'rate-limit', retryAfter: 12, path: 'system/members', times: 1 }])
    onTestFinished(() => desk.sim.clearFaults())
    const { client, waits } = testClient(desk.credentials)
    const members = await collect(client.pages('system/members'))
    expect(members.ids.length).toBeGreaterThan(0)
    expect(waits).toEqual([12_000])
  })

  test('after a cloud upgrade moved the codebase, the client finds the new one by itself', async () => {
    const { client } = testClient(desk.credentials)
    expect(await client.apiBase()).toBe(`${desk.url}v2025_1/apis/3.0/`)
    desk.sim.setCodebase('v2026_1/')
    onTestFinished(() => desk.sim.setCodebase('v2025_1/'))
    expect(await client.count('time/entries')).toBe(369)
    expect(await client.apiBase()).toBe(`${desk.url}v2026_1/apis/3.0/`)
  })
})
