import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import { TENANT_ID } from './config.js'
import type { TenantHost } from './tenants.js'
import { CLOSE_GRACE_MS } from '../app.js'

const TENANT_PATH = /^\/t\/([^/?#]*)([^]*)$/
/** How long closing waits for open requests before it cuts them. */

/**
 * The front door of a hosted install: `/t/<tenant>/...` goes, without its prefix, to that tenant's
 * own app; everything else to the consultant API. Bodies are not read here, so each app parses its
 * own request with its own limits.
 */
export function frontHandler(host: TenantHost, consultant: FastifyInstance, log: FastifyBaseLogger) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const match = TENANT_PATH.exec(req.url ?? '/')
    if (!match) {
      consultant.routing(req, res)
      return
    }
    const [, id = '', rest = ''] = match
    if (!TENANT_ID.test(id)) return answer(res, 404, { message: 'no such tenant', code: 'not_found' })
    if (!rest.startsWith('/')) {
      res.writeHead(308, { location: `/t/${id}/${rest}` }).end()
      return
    }
    host.open(id).then(
      (runtime) => {
        if (!runtime) return answer(res, 404, { message: `there is no tenant "${id}"`, code: 'not_found' })
        req.url = rest
        scopeCookies(res, `/t/${id}`)
        runtime.app.routing(req, res)
      },
      (error: Error) => {
        log.error({ err: error, tenant: id }, 'tenant did not open')
        answer(res, 503, { message: `tenant "${id}" is not available right now`, code: 'unavailable' })
      },
    )
  }
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body))
}

/**
 * A tenant app sets its cookies on its own paths (`Path=/`, `Path=/api/session`); behind the front door
 * those paths sit under the tenant's prefix, so one tenant's cookie is never even sent to another tenant's pages.
 */
function scopeCookies(res: ServerResponse, prefix: string): void {
  const rewrite = (value: unknown) => {
    const one = (cookie: string) =>
      cookie.replace(/;\s*Path=(\/[^;]*)/i, (_match, path: string) => `; Path=${prefix}${path === '/' ? '' : path}`)
    return Array.isArray(value)
      ? value.map((cookie) => one(String(cookie)))
      : typeof value === 'string'
        ? one(value)
        : value
  }
  const writeHead = res.writeHead
  res.writeHead = function (this: ServerResponse, status: number, ...args: unknown[]) {
    const headers = args.find(
      (arg): arg is OutgoingHttpHeaders => typeof arg === 'object' && arg !== null && !Array.isArray(arg),
    )
    if (headers?.['set-cookie'] !== undefined) headers['set-cookie'] = rewrite(headers['set-cookie']) as string[]
    if (this.hasHeader('set-cookie')) this.setHeader('set-cookie', rewrite(this.getHeader('set-cookie')) as string[])
    return writeHead.call(this, status, ...(args as []))
  } as typeof res.writeHead
}

export interface RunningFront {
  url: string
  server: Server
  close(): Promise<void>
}

export async function startFront(options: {
  host: TenantHost
  consultant: FastifyInstance
  port: number
  hostname: string
}): Promise<RunningFront> {
  const server = createServer(frontHandler(options.host, options.consultant, options.consultant.log))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const shown = options.hostname === '0.0.0.0' || options.hostname === '::' ? '127.0.0.1' : options.hostname
  return {
    url: `http://${shown}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
        // Screens' event streams end only when their tenant's app closes, which comes after this: what is
        // still open after a grace period for answers under way is cut (a screen reconnects to the next server).
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref()
      }),
  }
}
