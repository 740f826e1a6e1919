import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { onTestFinished } from 'vitest'
import { type AppOptions, buildApp } from '../../server/app.js'
import type { DbHandle } from '../../db/index.js'
import { type Config, loadConfig } from '../../server/config.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from './sync-env.js'

export const ADMIN_PASSWORD = 'correct horse battery staple'

/** The real app (app.inject) on a real SQLite file filled by a sync from the simulator. */
export async function appWithData(
  options: {
    size?: 'tiny' | 'small'
    now?: string
    config?: Partial<Config>
    changeFeed?: AppOptions['changeFeed']
  } = {},
) {
  const sim = await startSim({ size: options.size ?? 'tiny' })
  const handle = await openTempDb()
  const connector = fastConnector(handle, sim.credentials)
  const summary = await connector.sync()
  if (!summary.ok) throw new Error(`fixture sync failed: ${summary.error?.message}`)
  const { logs, stream } = collectLogs()
  const config = { ...loadConfig({}), now: options.now ?? SIM_NOW, ...options.config }
  const app = await buildApp({
    config,
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
    logger: { level: 'info', stream } as never,
    ...(options.changeFeed ? { changeFeed: options.changeFeed } : {}),
  })
  onTestFinished(() => app.close())
  return { app, sim, handle, connector, logs }
}

/** A stream for an app's logger that keeps every line it is given, as text. */
export function collectLogs() {
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  return { logs, stream }
}

/** The real app (app.inject) on a database the test filled itself (a small named fixture), its clock pinned at `now`. */
export async function appOn(handle: DbHandle, now: string): Promise<FastifyInstance> {
  const app = await buildApp({
    config: { ...loadConfig({}), now },
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
  })
  onTestFinished(() => app.close())
  return app
}

export async function adminCookie(app: FastifyInstance): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username: 'admin', password: ADMIN_PASSWORD },
  })
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`)
  return sessionCookieOf(response.headers['set-cookie'], 'rb_session')
}

/** The `name=value` of one cookie among an answer's Set-Cookie headers (a login also sets its device cookie). */
export function sessionCookieOf(header: string | string[] | undefined, name: string): string {
  const found = [header ?? []].flat().find((cookie) => cookie.startsWith(`${name}=`))
  if (!found) throw new Error(`no ${name} cookie in ${String(header)}`)
  return found.split(';')[0]!
}

export async function wallToken(
  app: FastifyInstance,
  cookie: string,
  role: string,
): Promise<{ id: number; token: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie },
    payload: { kind: 'wall', role, name: `Wall ${role}` },
  })
  return response.json()
}

/** A person's phone link (`/me/<resourceId>?token=...`). */
export async function personToken(
  app: FastifyInstance,
  cookie: string,
  resourceId: number,
  name = `Phone of ${resourceId}`,
): Promise<{ id: number; token: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/tokens',
    headers: { cookie },
    payload: { kind: 'person', resourceId, name },
  })
  return response.json()
}
