import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, test } from 'vitest'
import { oneLineFailure, serveForTest, testClient, type TestClientOptions } from './client-env.js'

// Faults the ConnectWise simulator does not make, answered by a small host of our own: the company lookup's
// forms, refusals of the keys and the clientId, proxy pages, throttling with Retry-After, a moved codebase,
// a dead host. Waits go through a clock of the test's own, so nothing here waits for real.

const PRIVATE_KEY = 'privSECRET456xyz'
const BASIC = Buffer.from(`acme+pubKEY123:${PRIVATE_KEY}`).toString('base64')

interface Seen {
  url: string
  headers: IncomingHttpHeaders
}

type Handler = (request: IncomingMessage, response: ServerResponse, seen: Seen[]) => void

/** A host answering with `handler`; every request it saw, in order. */
async function host(handler: Handler): Promise<{ site: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers })
    handler(request, response, seen)
  })
  return { site: await serveForTest(server), seen }
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
}

const COMPANY_INFO = { CompanyName: 'Acme MSP', Codebase: 'v2025_1/', VersionCode: 'v2025.1', IsCloud: 'True' }

/** Answers the company lookup with `info`, and every API call with `api`. */
function companyThen(api: Handler, info: unknown = COMPANY_INFO): Handler {
  return (request, response, seen) => {
    if (request.url?.startsWith('/login/companyinfo/')) json(response, 200, info)
    else api(request, response, seen)
  }
}

const CREDENTIALS = {
  company: 'acme',
  publicKey: 'pubKEY123',
  privateKey: PRIVATE_KEY,
  clientId: '5e4b1c9a-0d3f-4a8e-9c61-2f7b8d0e1a23',
}

function clientFor(site: string, options: TestClientOptions = {}) {
  return testClient({ ...CREDENTIALS, site }, options)
}

/** The one-line SyncError `promise` fails with, holding neither the private key nor the Authorization header. */
function failure(promise: Promise<unknown>) {
  return oneLineFailure(promise, [PRIVATE_KEY, `acme+pubKEY123:${PRIVATE_KEY}`])
}

describe('ConnectWise discovery', () => {
  test('the company lookup names the codebase the API lives under; only API calls carry the keys', async () => {
    const { site, seen } = await host(companyThen((_request, response) => json(response, 200, { id: 7 })))
    const { client } = clientFor(site)

    expect(await client.apiBase()).toBe(`${site}v2025_1/apis/3.0/`)
    expect(await client.companyInfo()).toEqual({
      companyName: 'Acme MSP',
      codebase: 'v2025_1/',
      versionCode: 'v2025.1',
      isCloud: true,
    })
    expect(await client.get('system/members/7')).toEqual({ id: 7 })

    expect(seen.map((request) => request.url)).toEqual([
      '/login/companyinfo/acme',
      '/v2025_1/apis/3.0/system/members/7',
    ])
    expect(seen[0]!.headers.authorization).toBeUndefined()
    const api = seen[1]!.headers
    expect(api.authorization).toBe(`Basic ${BASIC}`)
    expect(api.clientid).toBe('5e4b1c9a-0d3f-4a8e-9c61-2f7b8d0e1a23')
    expect(api.accept).toBe('application/vnd.connectwise.com+json; version=2025.1')
  })

  test('IsCloud as a JSON boolean and a codebase without its slash are read too', async () => {
    const { site } = await host(
      companyThen(() => undefined, { CompanyName: 'Acme MSP', Codebase: 'v4_6_release', IsCloud: false }),
    )
    const { client } = clientFor(site)
    expect(await client.companyInfo()).toMatchObject({ codebase: 'v4_6_release/', isCloud: false })
    expect(await client.apiBase()).toBe(`${site}v4_6_release/apis/3.0/`)
  })

  test('an unknown company (the lookup answers null) is one line naming it', async () => {
    const { site } = await host(companyThen(() => undefined, null))
    const { client } = clientFor(site)
    const error = await failure(client.count('service/tickets'))
    expect(error.message).toBe(
      `ConnectWise does not know the company "acme" at ${site.slice(0, -1)} (its company lookup answered null): check CONNECTWISE_COMPANY and CONNECTWISE_SITE`,
    )
  })

  test('a cloud upgrade moved the stored codebase: a 404 looks it up once more and the call goes to the new one', async () => {
    const { site, seen } = await host((request, response) => {
      if (request.url?.startsWith('/login/companyinfo/'))
        return json(response, 200, { ...COMPANY_INFO, Codebase: 'v2026_1/' })
      if (request.url?.startsWith('/v2025_1/'))
        return json(response, 404, { code: 'ConnectWiseApi', message: 'The endpoint does not exist.' })
      json(response, 200, { count: 12 })
    })
    const { client } = clientFor(site, { codebase: 'v2025_1/' })
    expect(await client.count('service/tickets')).toBe(12)
    expect(seen.map((request) => request.url)).toEqual([
      '/v2025_1/apis/3.0/service/tickets/count',
      '/login/companyinfo/acme',
      '/v2026_1/apis/3.0/service/tickets/count',
    ])
  })

  test('a record that is not there (404 NotFound) is null, without a second lookup', async () => {
    const { site, seen } = await host(
      companyThen((_request, response) => json(response, 404, { code: 'NotFound', message: 'Ticket 57919 not found' })),
    )
    const { client } = clientFor(site)
    expect(await client.get('service/tickets/57919')).toBeNull()
    expect(seen.map((request) => request.url)).toEqual([
      '/login/companyinfo/acme',
      '/v2025_1/apis/3.0/service/tickets/57919',
    ])
  })
})

describe('ConnectWise refusals are one line without a secret', () => {
  test('bad keys (401) name the company and the public key, never the private key', async () => {
    const { site } = await host(
      companyThen((_request, response) =>
        json(response, 401, { code: 'Unauthorized', message: `Authorization: Basic ${BASIC} was refused` }),
      ),
    )
    const error = await failure(clientFor(site).client.count('service/tickets'))
    expect(error.code).toBe('bad_credentials')
    expect(error.message).toBe(
      'ConnectWise refused the API keys of public key "pubKEY123" for company "acme" (401): check CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY and CONNECTWISE_PRIVATE_KEY',
    )
  })

  test('a clientId ConnectWise does not accept says to set CONNECTWISE_CLIENT_ID', async () => {
    const { site } = await host(
      companyThen((_request, response) =>
        json(response, 400, { code: 'InvalidObject', message: 'A valid clientId is required', errors: null }),
      ),
    )
    const error = await failure(clientFor(site).client.get('service/tickets/1'))
    expect(error.code).toBe('bad_credentials')
    expect(error.message).toMatch(/^ConnectWise refused the clientId \(400 .*\): set CONNECTWISE_CLIENT_ID to/)
  })

  test('a security role without access (403) says what could not be read', async () => {
    const { site } = await host(
      companyThen((_request, response) => json(response, 403, { code: 'Forbidden', message: 'Access denied' })),
    )
    const error = await failure(clientFor(site).client.count('finance/agreements'))
    expect(error.code).toBe('permission_denied')
    expect(error.message).toMatch(/may not read GET finance\/agreements\/count \(403/)
  })

  test('an HTML page instead of JSON is named as such, retried a few times when it is a 5xx', async () => {
    const page = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'
    const { site, seen } = await host(
      companyThen((_request, response) => response.writeHead(502, { 'content-type': 'text/html' }).end(page)),
    )
    const error = await failure(clientFor(site).client.list('service/tickets', {}))
    expect(error.message).toBe(
      'the ConnectWise host answered with an HTML page, not the API (status 502, GET service/tickets)',
    )
    expect(seen.length).toBe(1 + 3) // the lookup, then the first attempt and two retries
  })

  test('a sign-in page answered with 200 is not read as data, and not retried', async () => {
    const { site, seen } = await host(
      companyThen((_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end('<html><form>Sign in</form></html>'),
      ),
    )
    const error = await failure(clientFor(site).client.get('service/tickets/5'))
    expect(error.message).toBe(
      'the ConnectWise host answered with an HTML page, not the API (status 200, GET service/tickets/5)',
    )
    expect(seen.length).toBe(2)
  })

  test('JSON that is not what the endpoint answers: an object where a list belongs, a count without its number', async () => {
    const { site } = await host(
      companyThen((request, response) =>
        json(response, 200, request.url?.includes('/count') ? { total: 3 } : { items: [{ id: 1 }] }),
      ),
    )
    const { client } = clientFor(site)
    expect((await failure(client.list('company/companies', {}))).message).toBe(
      'ConnectWise answered GET company/companies with JSON that is not a list',
    )
    expect((await failure(client.count('company/companies'))).message).toBe(
      'ConnectWise answered GET company/companies/count with JSON that is not a count',
    )
  })

  test('a record without a whole-number id fails its page, nothing of it handed on', async () => {
    const { site } = await host(
      companyThen((_request, response) => json(response, 200, [{ id: 4 }, { id: '5' }], { link: '' })),
    )
    const handed: number[] = []
    const pass = async () => {
      for await (const page of clientFor(site).client.pages('company/contacts')) handed.push(page.records.length)
    }
    const error = await failure(pass())
    expect(error.code).toBe('malformed_record')
    expect(error.message).toBe('a ConnectWise record has no whole-number id (string)')
    expect(handed).toEqual([])
  })

  test('a host nobody answers on is one line naming it', async () => {
    const { site } = await host(() => undefined)
    const dead = createServer()
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve))
    const { port } = dead.address() as AddressInfo
    await new Promise<void>((resolve) => dead.close(() => resolve()))
    const deadSite = `http://127.0.0.1:${port}/`
    const error = await failure(clientFor(deadSite).client.apiBase())
    expect(error.code).toBe('unreachable')
    expect(error.message).toBe(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED)`)
    // A host that takes the connection but never answers: the timeout ends it.
    const silent = await failure(clientFor(site, { timeoutMs: 200 }).client.apiBase())
    expect(silent.message).toBe(`cannot reach ${site.slice(0, -1)} (no answer within 0.2 s)`)
  })
})

describe('ConnectWise throttling', () => {
  test('a 429 is waited out for its Retry-After seconds, then the call goes through', async () => {
    let calls = 0
    const { site } = await host(
      companyThen((_request, response) => {
        calls += 1
        if (calls === 1)
          return json(
            response,
            429,
            { error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 7 seconds.' },
            { 'retry-after': '7' },
          )
        json(response, 200, { count: 40 })
      }),
    )
    const { client, governor, waits } = clientFor(site)
    expect(await client.count('service/tickets')).toBe(40)
    expect(waits).toEqual([7000])
    expect(governor.requestsFor('service/tickets')).toBe(2)
    expect(governor.requestsFor('companyinfo')).toBe(1)
  })

  test('a Retry-After given as an HTTP date is waited out until that moment', async () => {
    let calls = 0
    const { site } = await host(
      companyThen((_request, response) => {
        calls += 1
        if (calls === 1) {
          const at = new Date(Date.now() + 30_000).toUTCString()
          return json(response, 429, { error: 'ConnectWiseAPI', message: 'Too many requests.' }, { 'retry-after': at })
        }
        json(response, 200, { count: 1 })
      }),
    )
    const { client, waits } = clientFor(site)
    expect(await client.count('time/entries')).toBe(1)
    expect(waits).toHaveLength(1)
    // The date has whole seconds, so the wait is a little under 30 s.
    expect(waits[0]).toBeGreaterThan(25_000)
    expect(waits[0]).toBeLessThanOrEqual(30_000)
  })

  test('a 429 that never ends gives up after a bounded number of attempts', async () => {
    const { site, seen } = await host(
      companyThen((_request, response) => json(response, 429, { error: 'ConnectWiseAPI' }, { 'retry-after': '1' })),
    )
    const error = await failure(clientFor(site, { retry: { throttledAttempts: 4 } }).client.count('service/tickets'))
    expect(error.code).toBe('rate_limited')
    expect(error.message).toBe('ConnectWise kept answering 429 (too many requests) for GET service/tickets/count')
    expect(seen.length).toBe(1 + 4)
  })

  test('a 500 is retried with a growing wait, then the call goes through', async () => {
    let calls = 0
    const { site } = await host(
      companyThen((_request, response) => {
        calls += 1
        if (calls <= 2) return json(response, 500, { code: 'UnexpectedError', message: 'Request timeout' })
        json(response, 200, [{ id: 3 }])
      }),
    )
    const { client, waits } = clientFor(site)
    expect((await client.list('service/tickets', {})).records).toEqual([{ id: 3 }])
    expect(waits).toEqual([1000, 2000])
  })

  test('requests stay inside the configured share of the per-minute limit, one at a time', async () => {
    let inFlight = 0
    let most = 0
    const { site } = await host(
      companyThen((_request, response) => {
        inFlight += 1
        most = Math.max(most, inFlight)
        setImmediate(() => {
          inFlight -= 1
          json(response, 200, { count: 0 })
        })
      }),
    )
    // 4 a minute at half share: 2 a minute for roleboard; the lookup takes the first.
    const { client, waits, governor } = clientFor(site, { limit: 4, share: 0.5 })
    await client.apiBase()
    await Promise.all([client.count('a'), client.count('b'), client.count('c')])
    expect(most).toBe(1)
    expect(governor.ownLimit).toBe(2)
    expect(governor.requestsMade).toBe(4)
    // The lookup and one count fill the first minute; the other two wait for the next one.
    expect(waits).toEqual([60_000])
  })
})
