import { existsSync } from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { runRoleboard } from '../helpers/cli.js'
import { peekRow } from '../helpers/sync-env.js'
import { type HostedEnv, hostedEnv, SECRET_KEY, type TenantId } from './hosted-env.js'

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
  const wall = await env.call('GET', `/t/${id}/api/dashboards/engineer`, { headers: { authorization: `Bearer ${kit.wall.token}` } })
  expect(wall.status).toBe(404)
  expect((await env.call('GET', `/api/consultant/tenants/${id}`, { headers: { cookie: env.root } })).status).toBe(404)
  const listed = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json().tenants.map((t: { id: string }) => t.id)
  expect(listed).not.toContain(id)
}

async function expectServed(env: HostedEnv, id: TenantId): Promise<void> {
  const kit = id === 'alpha' ? env.a : env.b
  expect((await env.call('GET', `/t/${id}/api/dashboards/engineer`, { headers: { authorization: `Bearer ${kit.wall.token}` } })).status).toBe(200)
}

async function registryRows(env: HostedEnv, id: string) {
  return {
    tenant: await env.registry.db.selectFrom('tenant').select('id').where('id', '=', id).execute(),
    grants: await env.registry.db.selectFrom('consultant_tenant').select('consultant_id').where('tenant_id', '=', id).execute(),
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
    expect((await env.call('DELETE', '/api/consultant/tenants/gamma', { headers: { cookie: env.root } })).status).toBe(404)
    expect((await env.call('DELETE', '/api/consultant/tenants/alpha')).status).toBe(401)

    const alphaFile = await syncingEverySecond(env, 'alpha')
    expect((await registryRows(env, 'alpha')).grants).toHaveLength(1)
    const removed = await env.call('DELETE', '/api/consultant/tenants/alpha', { headers: { cookie: env.root } })
    expect(removed.status).toBe(200)
    expect(removed.json()).toEqual({ id: 'alpha', dataFile: 'tenants/alpha.sqlite', data: 'kept', message: 'Tenant "alpha" removed: no longer served or synced; its data file tenants/alpha.sqlite is kept.' })
    await expectNotServed(env, 'alpha')
    expect(await registryRows(env, 'alpha')).toEqual({ tenant: [], grants: [] })
    expect(existsSync(alphaFile)).toBe(true)
    await expectScheduleStopped(alphaFile)
    await expectServed(env, 'beta')

    const betaFile = env.registry.tenantDbPath(env.b.runtime.tenant)
    const deleted = await env.call('DELETE', '/api/consultant/tenants/beta?deleteData=true', { headers: { cookie: env.root } })
    expect(deleted.json()).toMatchObject({ id: 'beta', data: 'deleted', message: 'Tenant "beta" removed: no longer served or synced; its data file tenants/beta.sqlite was deleted.' })
    await expectNotServed(env, 'beta')
    expect([betaFile, `${betaFile}-wal`, `${betaFile}-shm`].filter(existsSync)).toEqual([])
  })

  test('roleboard hosted tenant remove, while the server runs: it stops serving and syncing the tenant', async () => {
    const env = await hostedEnv()
    const alphaFile = await syncingEverySecond(env, 'alpha')
    const cliEnv = { ROLEBOARD_HOSTED_DIR: env.dir, ROLEBOARD_SECRET_KEY: SECRET_KEY }

    const removed = await runRoleboard(['hosted', 'tenant', 'remove', '--id', 'alpha'], cliEnv)
    expect(removed).toEqual({ code: 0, stderr: '', stdout: 'Tenant "alpha" removed: no longer served or synced; its data file tenants/alpha.sqlite is kept.\n' })
    await expectNotServed(env, 'alpha')
    expect(await registryRows(env, 'alpha')).toEqual({ tenant: [], grants: [] })
    // A sync under way when the request noticed the removal may still end; none starts after it.
    await expectScheduleStopped(alphaFile, 1_500)
    expect(existsSync(alphaFile)).toBe(true)
    await expectServed(env, 'beta')

    expect(await runRoleboard(['hosted', 'tenant', 'remove', '--id', 'alpha'], cliEnv)).toEqual({ code: 1, stdout: '', stderr: 'roleboard hosted: there is no tenant "alpha"\n' })
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
})
