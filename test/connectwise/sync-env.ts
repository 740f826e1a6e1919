import { createServer, request as forward } from 'node:http'
import { onTestFinished } from 'vitest'
import { createConnectWiseConnector } from '../../connectors/connectwise/index.js'
import type { ConnectWiseCredentials } from '../../connectors/connectwise/config.js'
import { type ConnectWiseDesk, startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import type { DbHandle } from '../../db/index.js'
import { SIM_NOW } from '../helpers/sync-env.js'
import { serveForTest } from './client-env.js'

// A ConnectWise desk serving a seeded world over real HTTP, and a connector to it that never waits on its budget.

/** Tiny world, seed 3: it has time-and-materials, fixed-price, block-hours, retainer and recurring contracts. */
export async function startDesk(seed = 3): Promise<ConnectWiseDesk> {
  const desk = await startConnectWiseDesk({ world: { size: 'tiny', seed, now: SIM_NOW }, requestsPerMinute: 0 })
  onTestFinished(() => desk.close())
  return desk
}

export function connectorFor(handle: DbHandle, credentials: ConnectWiseCredentials) {
  return createConnectWiseConnector(handle, {
    credentials,
    governor: { limitPerMinute: 1_000_000, share: 1 },
    retry: { baseDelayMs: 5, maxDelayMs: 40 },
  })
}

/** Requests the desk answered since its counters were reset, by path (ids kept: `service/tickets/12/notes`). */
export function requestPaths(desk: ConnectWiseDesk): string[] {
  return desk.sim.requestLog().map((entry) => entry.path)
}

/**
 * A site in front of the desk that hands every JSON answer to `rewrite` first (with its path and query), as a
 * faulty PSA or proxy would garble it; the credentials to reach the desk through it.
 */
export async function garbledSite(
  desk: ConnectWiseDesk,
  rewrite: (path: string, body: unknown) => unknown,
): Promise<ConnectWiseCredentials> {
  const upstream = new URL(desk.url)
  const proxy = createServer((incoming, outgoing) => {
    const relay = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        const chunks: Buffer[] = []
        answer.on('data', (chunk: Buffer) => chunks.push(chunk))
        answer.on('end', () => {
          let body = Buffer.concat(chunks).toString('utf8')
          if (/json/.test(String(answer.headers['content-type'])) && body !== '') {
            body = JSON.stringify(rewrite(incoming.url ?? '', JSON.parse(body)))
          }
          const headers = { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) }
          outgoing.writeHead(answer.statusCode ?? 502, headers)
          outgoing.end(body)
        })
      },
    )
    incoming.pipe(relay)
  })
  return { ...desk.credentials, site: await serveForTest(proxy) }
}
