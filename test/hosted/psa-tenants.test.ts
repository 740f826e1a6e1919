import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, onTestFinished, test } from 'vitest'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { runRoleboard } from '../helpers/cli.js'
import { peekRow, SIM_NOW, tempDir } from '../helpers/sync-env.js'
import { hostedEnv, SECRET_KEY } from './hosted-env.js'

// Hosted tenants on ConnectWise PSA beside Autotask ones: each syncs its own PSA into its own file.

function rawBytes(path: string): string {
  return ['', '-wal', '-shm']
    .map((suffix) => `${path}${suffix}`)
    .filter(existsSync)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('')
}

/** A ConnectWise desk of its own (seed 23, not alpha's 3 nor beta's 11) with keys of its own. */
async function gammaDesk() {
  const credentials = {
    company: 'gamma-msp',
    publicKey: `GammaPublic${randomBytes(4).toString('hex')}`,
    privateKey: `gamma-private-${randomBytes(8).toString('hex')}`,
    clientId: '0b9e5c1a-7d3f-4a26-8e41-5c2f9a7d3b60',
  }
  const desk = await startConnectWiseDesk({ world: { size: 'tiny', seed: 23, now: SIM_NOW }, credentials })
  onTestFinished(() => desk.close())
  return { desk, body: { site: desk.url, ...credentials } }
}

const count = (db: string, sql: string) => peekRow<{ n: number }>(db, sql)?.n ?? -1

describe('hosted: a tenant on ConnectWise PSA', () => {
  test('syncs its own ConnectWise data into its own file, which no other tenant sees; its keys are sealed and never shown', async () => {
    const env = await hostedEnv()
    const { desk, body } = await gammaDesk()
    const created = await env.call('POST', '/api/consultant/tenants', {
      headers: { cookie: env.root },
      body: { id: 'gamma', name: 'Gamma Support', source: 'connectwise', connectwise: body },
    })
    expect(created.status, created.text).toBe(201)
    expect(created.json().tenant).toMatchObject({ id: 'gamma', source: 'connectwise', psa: 'connectwise' })
    const synced = await env.call('POST', '/api/consultant/tenants/gamma/sync', { headers: { cookie: env.root } })
    expect(synced.status, synced.text).toBe(200)
    expect(synced.json().sync).toMatchObject({ ok: true, error: null })

    // Gamma holds exactly its desk's tickets, all from ConnectWise; alpha and beta hold none of ConnectWise's.
    const gamma = (await env.host.open('gamma'))!
    const gammaDb = gamma.handle.path
    const ids = (db: string) =>
      peekRow<{ ids: string }>(db, 'select group_concat(id) as ids from (select id from ticket order by id)')?.ids
    const deskIds = desk.world
      .records('Tickets')
      .map((ticket) => Number(ticket.id))
      .sort((a, b) => a - b)
      .join(',')
    expect(ids(gammaDb)).toBe(deskIds)
    expect(count(gammaDb, "select count(*) as n from ticket where psa != 'connectwise'")).toBe(0)
    for (const other of [env.a.runtime.handle.path, env.b.runtime.handle.path]) {
      expect(count(other, "select count(*) as n from ticket where psa = 'connectwise'")).toBe(0)
      expect(count(other, "select count(*) as n from sync_run where psa = 'connectwise'")).toBe(0)
    }
    // The consultant's list names each tenant's PSA.
    const list = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json()
    expect(list.tenants.map((t: { id: string; source: string; psa: string }) => [t.id, t.source, t.psa])).toEqual([
      ['alpha', 'simulator', 'autotask'],
      ['beta', 'autotask', 'autotask'],
      ['gamma', 'connectwise', 'connectwise'],
    ])
    // Another tenant's admin session opens nothing of gamma's.
    const alphaAtGamma = await env.call('GET', '/t/gamma/api/dashboards/engineer/definition', {
      headers: { cookie: env.a.cookie },
    })
    expect(alphaAtGamma.status).toBe(401)

    // Sealed at rest, in no answer and no log line.
    const row = (await env.registry.getTenant('gamma'))!
    expect(row).toMatchObject({ source: 'connectwise', psa: 'connectwise' })
    expect(row.credentials).toMatch(/^v1:[\w-]+$/)
    expect(env.registry.sourceOf(row)).toEqual({
      psa: 'connectwise',
      credentials: { ...body, site: desk.url },
    })
    for (const place of [rawBytes(env.registryPath), env.answers.join('\n'), env.logs.join('\n')]) {
      expect(place).not.toContain(body.privateKey)
      expect(place).not.toContain(body.publicKey)
    }
  }, 120_000)

  test("the API takes exactly the credentials of a tenant's PSA, each refusal one line; a demo tenant may speak ConnectWise", async () => {
    const env = await hostedEnv()
    const { body } = await gammaDesk()
    const post = (tenant: object) =>
      env.call('POST', '/api/consultant/tenants', {
        headers: { cookie: env.root },
        body: { id: 'delta', name: 'Delta', ...tenant },
      })
    const refusals = [
      await post({ source: 'connectwise' }),
      await post({ source: 'connectwise', autotask: { username: 'u', secret: 's', integrationCode: 'c' } }),
      await post({ source: 'simulator', connectwise: body }),
      await post({ source: 'connectwise', connectwise: { ...body, site: 'ftp://cw.example/' } }),
    ]
    expect(refusals.map((answer) => [answer.status, answer.json().message])).toEqual([
      [400, 'a ConnectWise PSA tenant needs "connectwise": its site, company, public and private key and client id'],
      [400, 'a ConnectWise PSA tenant needs "connectwise": its site, company, public and private key and client id'],
      [400, 'a simulator tenant takes no PSA credentials'],
      [400, 'body/connectwise/site must match pattern "^https?://"'],
    ])
    expect(await env.registry.getTenant('delta')).toBeNull()
    // An Autotask tenant is not handed ConnectWise keys.
    const patched = await env.call('PATCH', '/api/consultant/tenants/beta', {
      headers: { cookie: env.root },
      body: { connectwise: body },
    })
    expect([patched.status, patched.json().message]).toEqual([
      400,
      'tenant "beta" syncs from Autotask and takes no ConnectWise PSA credentials',
    ])
    expect(env.answers.join('\n')).not.toContain(body.privateKey)

    // A demo tenant's simulated desk may speak ConnectWise too.
    const demo = await post({ source: 'simulator', simulator: { seed: 5, size: 'tiny', psa: 'connectwise' } })
    expect(demo.json().tenant).toMatchObject({ source: 'simulator', psa: 'connectwise' })
    const synced = await env.call('POST', '/api/consultant/tenants/delta/sync', { headers: { cookie: env.root } })
    expect(synced.json().sync).toMatchObject({ ok: true })
    const deltaDb = (await env.host.open('delta'))!.handle.path
    expect(count(deltaDb, "select count(*) as n from ticket where psa = 'connectwise'")).toBeGreaterThan(10)
    expect(count(deltaDb, "select count(*) as n from ticket where psa != 'connectwise'")).toBe(0)
  }, 120_000)

  test('the CLI: tenant add --connectwise seals CONNECTWISE_*, --simulator --psa connectwise makes a ConnectWise demo desk', async () => {
    const dir = tempDir()
    const base = {
      ROLEBOARD_HOSTED_DIR: dir,
      ROLEBOARD_SECRET_KEY: SECRET_KEY,
      AUTOTASK_USERNAME: '',
      AUTOTASK_SECRET: '',
      AUTOTASK_INTEGRATION_CODE: '',
    }
    const privateKey = 'cli-private-key-7d1e'
    const added = await runRoleboard(
      ['hosted', 'tenant', 'add', '--id', 'acme', '--name', 'Acme IT', '--connectwise'],
      {
        ...base,
        CONNECTWISE_SITE: 'https://api-eu.myconnectwise.net/',
        CONNECTWISE_COMPANY: 'acme',
        CONNECTWISE_PUBLIC_KEY: 'AcmePublic1',
        CONNECTWISE_PRIVATE_KEY: privateKey,
        CONNECTWISE_CLIENT_ID: '7c1e2d4a-0000-4e8b-9c61-3a7d2e9f4b10',
      },
    )
    expect(added.stderr).toBe('')
    expect(added.stdout).toMatch(
      /^Tenant "acme" \(Acme IT\) added: ConnectWise PSA credentials stored encrypted, syncing every 300 s\.\n/,
    )
    const demo = await runRoleboard(
      ['hosted', 'tenant', 'add', '--id', 'demo', '--name', 'Demo', '--simulator', '--psa', 'connectwise'],
      base,
    )
    expect(demo.stdout).toMatch(/^Tenant "demo" \(Demo\) added: ConnectWise PSA simulator, small data, seed 42,/)
    const missing = await runRoleboard(
      ['hosted', 'tenant', 'add', '--id', 'zeta', '--name', 'Zeta', '--connectwise'],
      base,
    )
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'roleboard hosted: --connectwise reads CONNECTWISE_SITE, CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY and CONNECTWISE_CLIENT_ID: set them for this command\n',
    ])
    // Webhooks are Autotask's: a ConnectWise tenant has none to register, said in one line.
    expect(await runRoleboard(['hosted', 'tenant', 'webhooks', 'status', '--id', 'acme'], base)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'roleboard hosted: tenant "acme" syncs from ConnectWise PSA: webhooks are Autotask\'s, it has none to register\n',
    })
    const listed = await runRoleboard(['hosted', 'tenant', 'list'], base)
    expect(listed.stdout).toMatch(/^acme +Acme IT +connectwise +every 300 s/m)
    expect(listed.stdout).toMatch(/^demo +Demo +simulator \(connectwise\) +every 300 s/m)
    expect(rawBytes(join(dir, 'hosted.sqlite'))).not.toContain(privateKey)
    expect(added.stdout + listed.stdout).not.toContain(privateKey)
  }, 60_000)
})
