import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { onTestFinished } from 'vitest'
import { startSimulator } from '../../connectors/autotask/simulator/server.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import { loadConfig } from '../../server/config.js'
import { buildConsultantApp } from '../../server/hosted/consultant.js'
import { startFront } from '../../server/hosted/front.js'
import { Registry } from '../../server/hosted/registry.js'
import { TenantHost } from '../../server/hosted/tenants.js'
import { SIM_NOW, tempDir } from '../helpers/sync-env.js'

export type TenantId = 'alpha' | 'beta'

export const SECRET_KEY = 'test-key: correct horse battery staple'
export const ROOT = { username: 'root', password: 'root password 1234' }
export const ALICE = { username: 'alice', password: 'alice password 1234' }

export interface Answer {
  status: number
  headers: Headers
  text: string
  json(): any
}

/**
 * A hosted install on real files and real HTTP: tenant "alpha" on the built-in simulator (seed 3), tenant
 * "beta" on Autotask credentials pointing at a separate simulator (seed 11) with a secret of its own.
 * Consultant root sees every tenant, alice only "alpha". Every answer and log line is kept, to search for secrets.
 */
export async function hostedEnv() {
  const dir = tempDir()
  const betaUser = {
    userName: 'api@beta.example',
    secret: `beta-secret-${randomBytes(8).toString('hex')}`,
    integrationCode: `BETA-IC-${randomBytes(6).toString('hex')}`,
  }
  const betaSim = await startSimulator({
    world: createSimWorld({ size: 'tiny', seed: 11, now: SIM_NOW }),
    users: [betaUser],
  })
  onTestFinished(() => betaSim.close())

  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const registryPath = join(dir, 'hosted.sqlite')
  const registry = await Registry.open(registryPath, SECRET_KEY)
  const host = new TenantHost({
    registry,
    baseConfig: { ...loadConfig({}), now: SIM_NOW },
    version: 'test',
    logger: { level: 'info', stream } as never,
    syncOnOpen: false,
  })
  const consultant = await buildConsultantApp({
    host,
    now: () => new Date(SIM_NOW),
    logger: { level: 'info', stream } as never,
  })
  const front = await startFront({ host, consultant, port: 0, hostname: '127.0.0.1' })
  onTestFinished(async () => {
    await front.close()
    await consultant.close()
    await host.closeAll()
    await registry.close()
  })
  await registry.addConsultant(ROOT.username, ROOT.password, null, SIM_NOW)

  const answers: string[] = []
  const call = async (
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<Answer> => {
    const response = await fetch(`${front.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    const text = await response.text()
    const headers: string[] = []
    response.headers.forEach((value, name) => headers.push(`${name}: ${value}`))
    answers.push(`${headers.join('\n')}\n${text}`)
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) }
  }
  const login = async (path: string, user: { username: string; password: string }): Promise<string> => {
    const answer = await call('POST', path, { body: user })
    if (answer.status !== 200) throw new Error(`login at ${path} failed: ${answer.text}`)
    return answer.headers.getSetCookie()[0]!.split(';')[0]!
  }

  const root = await login('/api/consultant/session', ROOT)
  const created = {
    alpha: await call('POST', '/api/consultant/tenants', {
      headers: { cookie: root },
      body: {
        id: 'alpha',
        name: 'Alpha IT',
        source: 'simulator',
        simulator: { seed: 3, size: 'tiny' },
        syncIntervalSeconds: 300,
      },
    }),
    beta: await call('POST', '/api/consultant/tenants', {
      headers: { cookie: root },
      body: {
        id: 'beta',
        name: 'Beta Services',
        source: 'autotask',
        autotask: {
          username: betaUser.userName,
          secret: betaUser.secret,
          integrationCode: betaUser.integrationCode,
          discoveryUrl: betaSim.discoveryUrl,
        },
        syncIntervalSeconds: 60,
      },
    }),
  }
  for (const answer of Object.values(created))
    if (answer.status !== 201) throw new Error(`tenant not created: ${answer.text}`)
  await registry.addConsultant(ALICE.username, ALICE.password, ['alpha'], SIM_NOW)
  const alice = await login('/api/consultant/session', ALICE)
  for (const id of ['alpha', 'beta']) {
    const synced = await call('POST', `/api/consultant/tenants/${id}/sync`, { headers: { cookie: root } })
    if (synced.status !== 200 || !synced.json().sync.ok) throw new Error(`tenant ${id} did not sync: ${synced.text}`)
  }

  /** A tenant's own credentials and ids: an admin session, a wall and a personal link, a tile. */
  const tenantKit = async (id: TenantId) => {
    const cookie = await login(`/t/${id}/api/session`, {
      username: 'admin',
      password: created[id].json().admin.password,
    })
    const runtime = (await host.open(id))!
    const person = await runtime.handle.db
      .selectFrom('resource')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow()
    const wall = (
      await call('POST', `/t/${id}/api/tokens`, {
        headers: { cookie },
        body: { kind: 'wall', role: 'engineer', name: `Wall ${id}` },
      })
    ).json()
    const me = (
      await call('POST', `/t/${id}/api/tokens`, {
        headers: { cookie },
        body: { kind: 'person', resourceId: person.id, name: `Person ${id}` },
      })
    ).json()
    const tiles = (await call('GET', `/t/${id}/api/dashboards/engineer/definition`, { headers: { cookie } })).json()
      .tiles
    return {
      id,
      cookie,
      wall,
      me,
      resourceId: person.id as number,
      tileId: tiles[0].id as number,
      runtime,
      adminPassword: created[id].json().admin.password as string,
    }
  }
  return {
    dir,
    registryPath,
    registry,
    host,
    front,
    call,
    login,
    root,
    alice,
    betaUser,
    betaSim,
    logs,
    answers,
    a: await tenantKit('alpha'),
    b: await tenantKit('beta'),
  }
}

export type HostedEnv = Awaited<ReturnType<typeof hostedEnv>>

/** Every route of a Fastify app, from printRoutes (`├── /api/x (GET, HEAD)` lines, indented 4 per level). */
export function routesOf(tree: string): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = []
  const stack: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^(.*?)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line)
    if (!match) continue
    const depth = [...match[1]!].length / 4
    stack.length = depth
    const path = `${stack[depth - 1] ?? ''}${match[2]}`
    stack.push(path)
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean))
      if (method !== 'HEAD') routes.push({ method, path })
  }
  return routes
}

/** A tenant database's contents that a request could change (sessions, links, dashboards, acknowledgements, packages). */
export async function snapshot(env: HostedEnv, id: TenantId): Promise<string> {
  const db = (await env.host.open(id))!.handle.db
  const tables = [
    'role',
    'dashboard',
    'dashboard_tile',
    'company_goal',
    'access_token',
    'admin_user',
    'admin_session',
    'acknowledgement',
    'installed_package',
  ] as const
  const out: Record<string, unknown> = {}
  for (const table of tables) out[table] = await db.selectFrom(table).selectAll().execute()
  return JSON.stringify(out)
}
