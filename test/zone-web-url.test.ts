import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, onTestFinished, test } from 'vitest'
import { createAutotaskClient } from '../connectors/autotask/client.js'
import { BudgetGovernor } from '../connectors/autotask/governor.js'
import { httpUrl, zoneWebUrl } from '../connectors/autotask/links.js'
import { PSA } from '../connectors/autotask/sync.js'
import type { DbHandle } from '../db/index.js'
import { buildApp } from '../server/app.js'
import { loadConfig } from '../server/config.js'
import { ADMIN_PASSWORD, adminCookie } from './helpers/app-env.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from './helpers/sync-env.js'

// The zone lookup's `webUrl` (Autotask's UI host) is kept beside the REST url, so the personal page can
// open a ticket in Autotask. The reference marks the lookup's fields uncertain: without a webUrl it is
// derived from the REST host, and where that is not Autotask's, links are left out.

/** A zone lookup of our own in front of the simulator, answering with `zone(simulatorAnswer)`. */
async function discoveryAnswering(
  simDiscoveryUrl: string,
  zone: (answer: Record<string, unknown>) => Record<string, unknown>,
): Promise<string> {
  const server = createServer((req, res) => {
    void fetch(`${simDiscoveryUrl}${req.url?.replace(/^\/ATServicesRest\//, '') ?? ''}`)
      .then(async (answer) =>
        res
          .writeHead(answer.status, { 'content-type': 'application/json' })
          .end(JSON.stringify(zone(await answer.json()))),
      )
      .catch(() => res.writeHead(502).end())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/ATServicesRest/`
}

async function storedWebUrl(handle: DbHandle): Promise<string | null | undefined> {
  return (await handle.db.selectFrom('psa_source').select('web_url').where('psa', '=', PSA).executeTakeFirst())?.web_url
}

/** The ticket links of one engineer's personal page, through a personal link as a phone opens it. */
async function myTicketLinks(handle: DbHandle): Promise<string[]> {
  const app = await buildApp({
    config: { ...loadConfig({}), now: SIM_NOW },
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
  })
  try {
    const cookie = await adminCookie(app)
    const engineers = await handle.db
      .selectFrom('ticket')
      .select('assigned_resource_id')
      .where('assigned_resource_id', 'is not', null)
      .where('completed_at', 'is', null)
      .groupBy('assigned_resource_id')
      .orderBy(({ fn }) => fn.countAll(), 'desc')
      .execute()
    const links: string[] = []
    for (const { assigned_resource_id: resourceId } of engineers.slice(0, 3)) {
      const { token } = (
        await app.inject({
          method: 'POST',
          url: '/api/tokens',
          headers: { cookie },
          payload: { kind: 'person', resourceId, name: 'phone' },
        })
      ).json()
      const answer = await app.inject({ url: `/api/me/${resourceId}?token=${token}` })
      if (answer.statusCode !== 200) throw new Error(answer.body)
      const page = answer.json()
      for (const list of page.lists)
        for (const row of list.rows ?? []) if (row.ticketId) links.push(row.ticketUrl ?? '(none)')
    }
    return links
  } finally {
    await app.close()
  }
}

describe("the zone's web UI address", () => {
  test("the zone lookup's webUrl is stored and every ticket on a personal page links to it in the documented form", async () => {
    const sim = await startSim({ size: 'small' })
    const handle = await openTempDb()
    expect((await fastConnector(handle, sim.credentials).sync()).ok).toBe(true)
    expect(await storedWebUrl(handle)).toBe(`${sim.url}/`)
    const links = await myTicketLinks(handle)
    expect(links.length).toBeGreaterThan(0)
    for (const link of links)
      expect(link).toMatch(
        new RegExp(`^${sim.url}/Autotask/AutotaskExtend/ExecuteCommand\\.aspx\\?Code=OpenTicketDetail&TicketID=\\d+$`),
      )
  })

  test('without a webUrl (or with one that is not http) nothing is stored for a host that is not Autotask, and the page has no links', async () => {
    const sim = await startSim({ size: 'small' })
    const handle = await openTempDb()
    const missing = await discoveryAnswering(sim.discoveryUrl, ({ webUrl: _, ...rest }) => rest)
    expect((await fastConnector(handle, { ...sim.credentials, discoveryUrl: missing }).sync()).ok).toBe(true)
    expect(await storedWebUrl(handle)).toBeNull()
    const links = await myTicketLinks(handle)
    expect(links.length).toBeGreaterThan(0)
    expect(new Set(links)).toEqual(new Set(['(none)']))

    const hostile = await discoveryAnswering(sim.discoveryUrl, (answer) => ({
      ...answer,
      webUrl: 'javascript:alert(1)//',
    }))
    expect((await fastConnector(handle, { ...sim.credentials, discoveryUrl: hostile }).sync()).ok).toBe(true)
    expect(await storedWebUrl(handle)).toBeNull()

    // A later lookup that does answer a webUrl replaces the stored value.
    expect((await fastConnector(handle, sim.credentials).sync()).ok).toBe(true)
    expect(await storedWebUrl(handle)).toBe(`${sim.url}/`)
  })

  test("without a webUrl, an Autotask zone's UI host is derived from its REST host", async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    // Only the lookup is asked (over HTTP); the zone it names is never called.
    const discoveryUrl = await discoveryAnswering(sim.discoveryUrl, ({ webUrl: _, ...rest }) => ({
      ...rest,
      url: 'https://webservices19.autotask.net/ATServicesRest/',
    }))
    const client = createAutotaskClient({
      credentials: { ...sim.credentials, discoveryUrl },
      governor: new BudgetGovernor({ db: handle.db, psa: PSA }),
    })
    expect(await client.zoneUrl()).toBe('https://webservices19.autotask.net/ATServicesRest/')
    expect(await client.webUrl()).toBe('https://ww19.autotask.net/')

    expect(zoneWebUrl(undefined, 'https://webservices3.autotask.net/ATServicesRest/')).toBe('https://ww3.autotask.net/')
    expect(zoneWebUrl('https://ww3.autotask.net', 'https://webservices3.autotask.net/ATServicesRest/')).toBe(
      'https://ww3.autotask.net/',
    )
    expect(zoneWebUrl(null, 'https://webservices.autotask.net/ATServicesRest/')).toBeNull()
    expect(zoneWebUrl('ftp://ww3.autotask.net/', 'https://prde.autotask.net/ATServicesRest/')).toBeNull()
    // The one rule for what may become an href, on the server and in the browser.
    expect(httpUrl('https://ww3.autotask.net/Autotask/x?TicketID=1')).toBe(
      'https://ww3.autotask.net/Autotask/x?TicketID=1',
    )
    expect(httpUrl('javascript:alert(1)')).toBeNull()
    expect(httpUrl('not a url')).toBeNull()
  })
})
