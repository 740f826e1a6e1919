import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { identify, requirePerson, requireRoleView } from '../auth.js'
import { HttpError, notFound } from '../errors.js'
import type { FeedListener, FeedState } from '../services/change-feed.js'
import { dashboardVersion } from '../services/dashboards.js'
import { errorResponses, MessageSchema, RoleParamsSchema, TokenQuerySchema } from '../wire/common.js'
import type { StreamEvent, StreamStamp } from '../wire/events.js'
import { MeParamsSchema } from '../wire/me.js'

const schemaOf = <P>(params: P) => ({
  params,
  querystring: TokenQuerySchema,
  response: { ...errorResponses, 503: MessageSchema },
})

/**
 * Server-sent events for screens: a wall or phone page listens here and fetches its data the moment its
 * answer changed, instead of at its next poll. The same credentials as the data each stream announces.
 */
export const eventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/dashboards/:role/events',
    // Every screen holds one open: a line per stream would drown the log; failures are still logged.
    { logLevel: 'warn', schema: schemaOf(RoleParamsSchema) },
    async (request, reply) => {
      const { role } = request.params
      const allowed = () => requireRoleView(request, role)
      allowed()
      if (!(await dashboardVersion(app.db, role))) throw notFound(`the role "${role}" has no dashboard`)
      // What the wall's answer depends on, less the minute (a screen's own polls keep the clock's values moving).
      return stream(app, request, reply, allowed, (state) =>
        stampOf(state.generation, state.dashboards.get(role) ?? 'none', state.strip),
      )
    },
  )

  app.get(
    '/api/me/:resourceId/events',
    { logLevel: 'warn', schema: schemaOf(MeParamsSchema) },
    async (request, reply) => {
      const allowed = () => requirePerson(request, request.params.resourceId)
      allowed()
      return stream(app, request, reply, allowed, (state) => stampOf(state.generation))
    },
  )
}

/** Opaque: a screen only compares stamps, so none spells out what it is made of (sync ids, acknowledgement counts). */
function stampOf(...parts: Array<string | number>): string {
  return createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 16)
}

/**
 * Holds the response open as a `text/event-stream`: `ready` with the stamp now, `change` whenever the stamp
 * moves, `ping` every heartbeat; the credentials are checked again at each, and a revoked link hears `revoked`
 * before the stream ends. A full feed answers 503, and the screen polls.
 */
async function stream(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: () => unknown,
  stampFor: (state: FeedState) => string,
): Promise<FastifyReply> {
  const raw = reply.raw
  let open = true
  let sent: string | null = null
  let revocations = -1
  let stop = () => {}
  // One check and write at a time, so events leave in the order the state moved.
  let queue: Promise<unknown> = Promise.resolve()
  const send = (event: StreamEvent, data: StreamStamp | Record<string, never> = {}) => {
    if (open) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  const end = () => {
    if (!open) return
    open = false
    stop()
    raw.end()
  }
  // The app closes: end the connection too, not just the answer, so the server need not wait for it to idle out.
  const endConnection = () => {
    end()
    raw.socket?.destroySoon()
  }
  /** Whether the link or session still opens this screen; if not, the stream ends (a revoked link is told why). */
  const stillAllowed = async (): Promise<boolean> => {
    try {
      await identify(app, request, app.now())
      allowed()
      return open
    } catch (error) {
      if (error instanceof HttpError && error.code === 'revoked') send('revoked')
      else if (!(error instanceof HttpError)) request.log.warn({ err: error }, 'event stream check failed')
      end()
      return false
    }
  }
  const later = (work: () => Promise<void>) => {
    queue = queue.then(work).catch(() => end())
  }
  const listener: FeedListener = {
    changed(state) {
      if (sent === null) return // not started: its `ready` carries this state
      const stamp = stampFor(state)
      const revoked = state.revoked !== revocations
      revocations = state.revoked
      if (stamp === sent && !revoked) return
      later(async () => {
        if (!(await stillAllowed()) || stamp === sent) return
        sent = stamp
        send('change', { stamp })
      })
    },
    beat() {
      later(async () => {
        if (await stillAllowed()) send('ping')
      })
    },
    end: endConnection,
  }

  raw.on('close', end)
  const joined = await app.changes.listen(listener)
  if (!joined) {
    return reply
      .code(503)
      .header('retry-after', '60')
      .send({ message: 'too many screens are listening right now; this one polls instead', code: 'busy' })
  }
  stop = joined.stop
  reply.hijack()
  if (!open) {
    stop() // the screen left while the feed read its state
    return reply
  }
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    // no-transform: a compressing proxy would hold events back to fill its buffer.
    'cache-control': 'no-store, no-transform',
    // nginx (and proxies that honour it) pass each event on at once instead of buffering the answer.
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  })
  // How long a plain EventSource waits before reconnecting on its own (roleboard's screens use their own backoff).
  raw.write('retry: 10000\n\n')
  revocations = joined.state.revoked
  sent = stampFor(joined.state)
  send('ready', { stamp: sent })
  return reply
}
