import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify'
import type { SmileBackCredentials } from '../config.js'
import type { ReviewSource, SimReview } from './reviews.js'

/** The demo account the simulator accepts unless told otherwise. */
export const SMILEBACK_DEMO_ACCOUNT = {
  username: 'api@demo-msp.example',
  password: 'demo-smileback-password',
  clientId: 'roleboard-demo-client',
  clientSecret: 'demo-smileback-client-secret',
}

export interface SmileBackSimulatorOptions {
  reviews: ReviewSource
  account?: typeof SMILEBACK_DEMO_ACCOUNT
  /** Page size without `limit` (SmileBack's default is not documented; 100 here). */
  defaultPageSize?: number
  /** `limit` above the maximum: clamped (default) or refused with 400. */
  overLimit?: 'clamp' | 'reject'
  /** The maximum page (SmileBack's is 1000); lower it to make a small world span many pages. */
  maxLimit?: number
  /** Milliseconds each reviews page takes to answer (a slow API, to stop a sync mid-pass). */
  delayMs?: number
  /** Serialise `rating` as a string (`"1"`), as SmileBack's Swagger placeholder types it. */
  ratingAsString?: boolean
  /** Requests (token requests included) per window before 429 + Retry-After; false: no throttle. Default 30 a minute. */
  throttle?: { limit: number; windowMs: number } | false
  /** Access-token lifetime in seconds (default 36000); a short one tests refreshing. */
  tokenExpiresIn?: number
  /** Answer to a path without its trailing slash: a 301 to the slashed one (default) or 404. */
  slashless?: 301 | 404
  /** The wall clock tokens and the throttle run on (not the reviews' clock). */
  clock?: () => number
}

/** A fault the next data request (`/api/v3/...`) meets: for tests of what the connector does with it. */
export type SmileBackFault =
  /** No fault: answered as usual (to aim the next fault at a later request). */
  | { kind: 'none' }
  | { kind: 'html'; status: number }
  | { kind: 'throttle'; retryAfter: number }
  | { kind: 'revoke-tokens' }
  | { kind: 'drop' }

export interface SmileBackRequest {
  method: string
  path: string
  query: string
  status: number
  at: number
}

export interface RunningSmileBackSimulator {
  /** Origin with a trailing slash, as SMILEBACK_BASE_URL takes it. */
  url: string
  credentials: SmileBackCredentials
  requestLog(): readonly SmileBackRequest[]
  /** Queues faults for the next data requests, one each. */
  failNext(...faults: SmileBackFault[]): void
  close(): Promise<void>
}

const MAX_LIMIT = 1000

/**
 * SmileBack's Data Replication API as a connector meets it: the OAuth2 password grant (client credentials in a
 * Basic header or in the form body; in the query string refused), refresh tokens and revocation, bearer tokens
 * that expire, `/api/v3/reviews/` with `modified_since`, `include_unrated` and limit/offset paging in DRF's
 * envelope ordered by `last_modified` then id, `/api/v3/reviews/{id}/`, 30 requests a minute with 429 and
 * Retry-After, and 301s for paths without their trailing slash.
 */
export async function startSmileBackSimulator(
  options: SmileBackSimulatorOptions & { port?: number; host?: string },
): Promise<RunningSmileBackSimulator> {
  const account = options.account ?? SMILEBACK_DEMO_ACCOUNT
  const clock = options.clock ?? Date.now
  const throttle = options.throttle === undefined ? { limit: 30, windowMs: 60_000 } : options.throttle
  const expiresIn = options.tokenExpiresIn ?? 36_000
  const tokens = new Map<string, number>() // access token -> expiry
  const refreshTokens = new Set<string>()
  const sent: number[] = []
  const log: SmileBackRequest[] = []
  const faults: SmileBackFault[] = []
  const app = Fastify({ logger: false })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  )
  app.addHook('onResponse', async (request, reply) => {
    const [path = '', query = ''] = request.url.split('?')
    log.push({ method: request.method, path, query, status: reply.statusCode, at: clock() })
  })
  // Every request counts against the customer's 30 a minute, refused ones too (as DRF's throttle counts them).
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || !throttle) return
    const at = clock()
    while (sent.length > 0 && sent[0]! <= at - throttle.windowMs) sent.shift()
    if (sent.length >= throttle.limit) {
      const seconds = Math.max(1, Math.ceil((sent[0]! + throttle.windowMs - at) / 1000))
      return throttled(reply, seconds)
    }
    sent.push(at)
  })
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0]!
    if (path.startsWith('/api/') && !path.endsWith('/') && (options.slashless ?? 301) === 301)
      return reply
        .code(301)
        .header('location', `${path}/${request.url.slice(path.length)}`)
        .send()
    return reply.code(404).send({ detail: 'Not found.' })
  })

  app.post('/api/token/', async (request, reply) => {
    const query = request.query as Record<string, string>
    if (query.password || query.client_secret || query.username)
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: 'Send the token parameters in the request body, not the query string.',
      })
    const form = (request.body ?? {}) as Record<string, string>
    const client = clientOf(request, form)
    if (!client || client.id !== account.clientId || client.secret !== account.clientSecret)
      return reply.code(401).send({ error: 'invalid_client' })
    if (form.grant_type === 'password') {
      if (form.username !== account.username || form.password !== account.password)
        return reply.code(400).send({ error: 'invalid_grant', error_description: 'Invalid credentials given.' })
    } else if (form.grant_type === 'refresh_token') {
      if (!form.refresh_token || !refreshTokens.delete(form.refresh_token))
        return reply.code(400).send({ error: 'invalid_grant', error_description: 'Invalid refresh token.' })
    } else {
      return reply.code(400).send({ error: 'unsupported_grant_type' })
    }
    const accessToken = randomBytes(18).toString('base64url')
    const refreshToken = randomBytes(18).toString('base64url')
    tokens.set(accessToken, clock() + expiresIn * 1000)
    refreshTokens.add(refreshToken)
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope: 'read read_recent',
      refresh_token: refreshToken,
    }
  })

  app.post('/api/revoke/', async (request) => {
    const token = ((request.body ?? {}) as Record<string, string>).token
    if (token) {
      tokens.delete(token)
      refreshTokens.delete(token)
    }
    return {}
  })

  /** The fault queued for this data request, or the bearer check; a reply when the request ends here. */
  async function guard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | null> {
    const fault = faults.shift()
    if (fault?.kind === 'html')
      return reply
        .code(fault.status)
        .type('text/html')
        .send('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>')
    if (fault?.kind === 'throttle') return throttled(reply, fault.retryAfter)
    if (fault?.kind === 'drop') {
      request.raw.socket.destroy()
      return reply
    }
    if (fault?.kind === 'revoke-tokens') tokens.clear()
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')
    const expiry = match ? tokens.get(match[1]!) : undefined
    if (expiry === undefined || expiry <= clock()) {
      return reply
        .code(401)
        .send({ detail: match ? 'Invalid or expired token.' : 'Authentication credentials were not provided.' })
    }
    return null
  }

  app.get('/api/v3/reviews/', async (request, reply) => {
    const refused = await guard(request, reply)
    if (refused) return refused
    const query = request.query as Record<string, string | undefined>
    const limit = query.limit === undefined ? (options.defaultPageSize ?? 100) : Number(query.limit)
    const offset = query.offset === undefined ? 0 : Number(query.offset)
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0)
      return reply.code(400).send({ detail: 'limit and offset must be whole numbers.' })
    const maxLimit = options.maxLimit ?? MAX_LIMIT
    if (limit > maxLimit && options.overLimit === 'reject')
      return reply.code(400).send({ detail: `limit may not exceed ${maxLimit}.` })
    let since: number | null = null
    if (query.modified_since !== undefined) {
      since = Date.parse(query.modified_since)
      if (Number.isNaN(since)) return reply.code(400).send({ modified_since: ['Enter a valid date/time.'] })
    }
    const unrated = query.include_unrated === 'true' || query.include_unrated === '1'
    const matching = options
      .reviews()
      .filter(
        (review) =>
          (unrated || review.rating !== null) && (since === null || Date.parse(review.last_modified) >= since),
      )
      .sort((a, b) => (a.last_modified < b.last_modified ? -1 : a.last_modified > b.last_modified ? 1 : a.id - b.id))
    const size = Math.min(limit, maxLimit)
    if (options.delayMs) await delay(options.delayMs)
    const here = `${request.protocol}://${request.headers.host}/api/v3/reviews/`
    const link = (at: number) => {
      const url = new URL(here)
      for (const [key, value] of Object.entries(query))
        if (value !== undefined && key !== 'offset') url.searchParams.set(key, value)
      url.searchParams.set('limit', String(size))
      if (at > 0) url.searchParams.set('offset', String(at))
      return url.href
    }
    return {
      count: matching.length,
      next: offset + size < matching.length ? link(offset + size) : null,
      previous: offset > 0 ? link(Math.max(0, offset - size)) : null,
      results: matching.slice(offset, offset + size).map(serialise),
    }
  })

  app.get('/api/v3/reviews/:id/', async (request, reply) => {
    const refused = await guard(request, reply)
    if (refused) return refused
    const id = Number((request.params as { id: string }).id)
    const review = options.reviews().find((candidate) => candidate.id === id)
    return review ? serialise(review) : reply.code(404).send({ detail: 'Not found.' })
  })

  function serialise(review: SimReview): unknown {
    return options.ratingAsString && review.rating !== null ? { ...review, rating: String(review.rating) } : review
  }

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/`
  return {
    url,
    credentials: { ...account, baseUrl: url },
    requestLog: () => log,
    failNext: (...more) => faults.push(...more),
    close: () => app.close(),
  }
}

/** Client credentials from a Basic header (form A) or the form body (form B). */
function clientOf(request: FastifyRequest, form: Record<string, string>): { id: string; secret: string } | null {
  const basic = /^Basic (\S+)$/.exec(request.headers.authorization ?? '')
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) }
  }
  return form.client_id ? { id: form.client_id, secret: form.client_secret ?? '' } : null
}

function throttled(reply: FastifyReply, seconds: number): FastifyReply {
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .send({ detail: `Request was throttled. Expected available in ${seconds} seconds.` })
}
