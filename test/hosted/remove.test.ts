import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { runRoleboard } from '../helpers/cli.js'
import { peekRow } from '../helpers/sync-env.js'
import { type HostedEnv, hostedEnv, SECRET_KEY, type TenantId } from './hosted-env.js'

/** Where a removed tenant's data is kept: tenants/removed/<id>-<UTC stamp>.sqlite. */
const KEPT_FILE = (id: string) => new RegExp(`^tenants/removed/${id}-\\d{8}T\\d{6}Z\\.sqlite$`)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function syncRunCount(path: string): number {
  return peekRow<{ n: number }>(path, 'select count(*) as n from sync_run')?.n ?? 0
}

/** The tenant syncing every second, and seen doing it: so a removal that does not stop its schedule shows. */
async function syncingEverySecond(env: HostedEnv, id: TenantId): Promise<string> {
  await env.registry.updateTenant(id, { syncIntervalSeconds: 1 })
  const runtime = (await env.host.reload(id))!
  const path = env.registry.tenantDbPath(runtime.tenant)
  const before = syncRunCount(path)
  for (let i = 0; i < 50 && syncRunCount(path) === before; i++) await sleep(100)
  expect(syncRunCount(path), 'the schedule runs').toBeGreaterThan(before)
  return path
}

/** No sync_run row is added over three intervals, once a sync that was under way has had time to end. */
async function expectScheduleStopped(path: string, settleMs = 0): Promise<void> {
  await sleep(settleMs)
  const count = syncRunCount(path)
  await sleep(3_000)
  expect(syncRunCount(path), 'no sync after removal').toBe(count)
}

async function expectNotServed(env: HostedEnv, id: TenantId): Promise<void> {
  const kit = id === 'alpha' ? env.a : env.b
  const wall = await env.call('GET', `/t/${id}/api/dashboards/engineer`, {
    headers: { authorization: `Bearer ${kit.wall.token}` },
  })
  expect(wall.status).toBe(404)
  expect((await env.call('GET', `/api/consultant/tenants/${id}`, { headers: { cookie: env.root } })).status).toBe(404)
  const listed = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } }))
    .json()
    .tenants.map((t: { id: string }) => t.id)
  expect(listed).not.toContain(id)
}

async function expectServed(env: HostedEnv, id: TenantId): Promise<void> {
  const kit = id === 'alpha' ? env.a : env.b
  expect(
    (
      await env.call('GET', `/t/${id}/api/dashboards/engineer`, {
        headers: { authorization: `Bearer ${kit.wall.token}` },
      })
    ).status,
  ).toBe(200)
}

async function registryRows(env: HostedEnv, id: string) {
  return {
    tenant: await env.registry.db.selectFrom('tenant').select('id').where('id', '=', id).execute(),
    grants: await env.registry.db
      .selectFrom('consultant_tenant')
      .select('consultant_id')
      .where('tenant_id', '=', id)
      .execute(),
  }
}

/** As an operator would with the sqlite3 shell: another connection, while the server runs. */
function deleteRowByHand(env: HostedEnv, id: TenantId): void {
  const byHand = new BetterSqlite3(env.registryPath)
  try {
    byHand.prepare('delete from tenant where id = ?').run(id)
  } finally {
    byHand.close()
  }
}

describe('removing a tenant', () => {
  test('DELETE /api/consultant/tenants/:id: only for a consultant with every tenant; the tenant stops at once, its data file kept unless asked', async () => {
    const env = await hostedEnv()
    for (const id of ['alpha', 'beta']) {
      const refused = await env.call('DELETE', `/api/consultant/tenants/${id}`, { headers: { cookie: env.alice } })
      expect(refused.status).toBe(403)
    }
    expect((await env.call('DELETE', '/api/consultant/tenants/gamma', { headers: { cookie: env.root } })).status).toBe(
      404,
    )
    expect((await env.call('DELETE', '/api/consultant/tenants/alpha')).status).toBe(401)

    const alphaFile = await syncingEverySecond(env, 'alpha')
    expect((await registryRows(env, 'alpha')).grants).toHaveLength(1)
    const removed = await env.call('DELETE', '/api/consultant/tenants/alpha', { headers: { cookie: env.root } })
    expect(removed.status).toBe(200)
    const kept = removed.json().dataFile as string
    expect(kept).toMatch(KEPT_FILE('alpha'))
    expect(removed.json()).toEqual({
      id: 'alpha',
      dataFile: kept,
      data: 'kept',
      message: `Tenant "alpha" removed: no longer served or synced; its data file ${kept} is kept.`,
    })
    await expectNotServed(env, 'alpha')
    expect(await registryRows(env, 'alpha')).toEqual({ tenant: [], grants: [] })
    // Moved out of the way, so the id can be given to another client without this one's data.
    expect(existsSync(alphaFile)).toBe(false)
    await expectScheduleStopped(join(env.dir, kept))
    await expectServed(env, 'beta')

    const betaFile = env.registry.tenantDbPath(env.b.runtime.tenant)
    const deleted = await env.call('DELETE', '/api/consultant/tenants/beta?deleteData=true', {
      headers: { cookie: env.root },
    })
    expect(deleted.json()).toMatchObject({
      id: 'beta',
      data: 'deleted',
      message: 'Tenant "beta" removed: no longer served or synced; its data file tenants/beta.sqlite was deleted.',
    })
    await expectNotServed(env, 'beta')
    expect([betaFile, `${betaFile}-wal`, `${betaFile}-shm`].filter(existsSync)).toEqual([])
  })

  test('roleboard hosted tenant remove, while the server runs: it stops serving and syncing the tenant', async () => {
    const env = await hostedEnv()
    const alphaFile = await syncingEverySecond(env, 'alpha')
    const cliEnv = { ROLEBOARD_HOSTED_DIR: env.dir, ROLEBOARD_SECRET_KEY: SECRET_KEY }

    const removed = await runRoleboard(['hosted', 'tenant', 'remove', '--id', 'alpha'], cliEnv)
    const kept = /its data file (\S+) is kept/.exec(removed.stdout)?.[1] ?? ''
    expect(kept).toMatch(KEPT_FILE('alpha'))
    expect(removed).toEqual({
      code: 0,
      stderr: '',
      stdout: `Tenant "alpha" removed: no longer served or synced; its data file ${kept} is kept.\n`,
    })
    await expectNotServed(env, 'alpha')
    expect(await registryRows(env, 'alpha')).toEqual({ tenant: [], grants: [] })
    // A sync under way when the request noticed the removal may still end; none starts after it.
    await expectScheduleStopped(join(env.dir, kept), 1_500)
    expect(existsSync(alphaFile)).toBe(false)
    await expectServed(env, 'beta')

    expect(await runRoleboard(['hosted', 'tenant', 'remove', '--id', 'alpha'], cliEnv)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'roleboard hosted: there is no tenant "alpha"\n',
    })
  })

  test('a tenant whose registry row is deleted by hand is no longer served, and stops syncing without any request', async () => {
    const env = await hostedEnv()
    const alphaFile = await syncingEverySecond(env, 'alpha')
    deleteRowByHand(env, 'alpha')
    // Nobody asks for any tenant: the periodic registry check (every 5 s) closes alpha.
    await expectScheduleStopped(alphaFile, 6_500)
    deleteRowByHand(env, 'beta')
    await expectNotServed(env, 'beta')
    await expectNotServed(env, 'alpha')
  })

  test('an id given to a new client after a removal starts empty: the old admin password, session and wall link mean nothing there', async () => {
    const env = await hostedEnv()
    const old = env.a
    expect((await env.call('DELETE', '/api/consultant/tenants/alpha', { headers: { cookie: env.root } })).status).toBe(
      200,
    )
    const again = await env.call('POST', '/api/consultant/tenants', {
      headers: { cookie: env.root },
      body: { id: 'alpha', name: 'Another MSP', source: 'simulator', simulator: { seed: 123, size: 'tiny' } },
    })
    expect(again.status, again.text).toBe(201)
    expect(again.json().admin.password).toEqual(expect.any(String))
    expect(
      (await env.call('POST', '/t/alpha/api/session', { body: { username: 'admin', password: old.adminPassword } }))
        .status,
    ).toBe(401)
    expect((await env.call('GET', '/t/alpha/api/session', { headers: { cookie: old.cookie } })).status).toBe(401)
    expect((await env.call('GET', `/t/alpha/api/dashboards/engineer?token=${old.wall.token}`)).status).toBe(401)
    // A data file left at the path by hand is refused rather than taken over.
    const cliEnv = { ROLEBOARD_HOSTED_DIR: env.dir, ROLEBOARD_SECRET_KEY: SECRET_KEY }
    expect((await runRoleboard(['hosted', 'tenant', 'remove', '--id', 'alpha'], cliEnv)).code).toBe(0)
    const stray = join(env.dir, 'tenants', 'alpha.sqlite')
    new BetterSqlite3(stray).close()
    const refused = await runRoleboard(
      ['hosted', 'tenant', 'add', '--id', 'alpha', '--name', 'Third', '--simulator'],
      cliEnv,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(
      'roleboard hosted: a data file for tenant "alpha" exists already (tenants/alpha.sqlite): move it away, or choose another id\n',
    )
  })

  test('removed and added again from the CLI within a second, while the server runs: the server serves the new tenant, not the old', async () => {
    const env = await hostedEnv()
    const cliEnv = { ROLEBOARD_HOSTED_DIR: env.dir, ROLEBOARD_SECRET_KEY: SECRET_KEY }
    expect((await runRoleboard(['hosted', 'tenant', 'remove', '--id', 'alpha', '--delete-data'], cliEnv)).code).toBe(0)
    const added = await runRoleboard(
      ['hosted', 'tenant', 'add', '--id', 'alpha', '--name', 'New Alpha', '--simulator', '--size', 'tiny'],
      cliEnv,
    )
    expect(added.code, added.stderr).toBe(0)
    const password = /password: (\S+)/.exec(added.stdout)![1]!
    expect((await env.call('POST', '/t/alpha/api/session', { body: { username: 'admin', password } })).status).toBe(200)
    expect(
      (await env.call('POST', '/t/alpha/api/session', { body: { username: 'admin', password: env.a.adminPassword } }))
        .status,
    ).toBe(401)
  })

  test('removal stops a sync under way at its next request instead of waiting for it to end', async () => {
    const env = await hostedEnv()
    // A PSA that answers every query after 1.5 s, with nothing: an initial sync of many entities takes long.
    let queries = 0
    const psa = createServer((req, res) => {
      const base = `http://127.0.0.1:${(psa.address() as AddressInfo).port}`
      const json = (body: object) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      if (/zoneInformation/i.test(req.url ?? '')) return json({ url: `${base}/zone/` })
      if (/ThresholdInformation/i.test(req.url ?? ''))
        return json({
          externalRequestThreshold: 10_000,
          requestThresholdTimeframe: 60,
          currentTimeframeRequestCount: 1,
        })
      queries += 1
      setTimeout(
        () =>
          json(
            /entityInformation/i.test(req.url ?? '')
              ? { fields: [] }
              : { items: [], pageDetails: { count: 0, requestCount: 500, nextPageUrl: null } },
          ),
        1_500,
      )
    })
    await new Promise<void>((resolve) => psa.listen(0, '127.0.0.1', resolve))
    try {
      const discoveryUrl = `http://127.0.0.1:${(psa.address() as AddressInfo).port}/ATServicesRest/`
      const created = await env.call('POST', '/api/consultant/tenants', {
        headers: { cookie: env.root },
        body: {
          id: 'slow',
          name: 'Slow PSA',
          source: 'autotask',
          autotask: {
            username: 'api@slow.example',
            secret: 'slow-secret-1234',
            integrationCode: 'SLOW-IC',
            discoveryUrl,
          },
        },
      })
      expect(created.status, created.text).toBe(201)
      void env.call('POST', '/api/consultant/tenants/slow/sync', { headers: { cookie: env.root } })
      for (let i = 0; i < 50 && queries === 0; i++) await sleep(100)
      expect(queries).toBeGreaterThan(0)
      const started = Date.now()
      expect(
        (await env.call('DELETE', '/api/consultant/tenants/slow?deleteData=true', { headers: { cookie: env.root } }))
          .status,
      ).toBe(200)
      expect(Date.now() - started).toBeLessThan(2_500)
      const after = queries
      await sleep(3_000)
      expect(queries, "no request with the removed tenant's credentials after its removal").toBe(after)
    } finally {
      await new Promise<void>((resolve) => psa.close(() => resolve()))
    }
  })
})
