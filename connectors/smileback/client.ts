import axios, { type AxiosInstance, type AxiosResponse } from 'axios'
import { SyncError } from '../autotask/errors.js'
import { describeBody, isJsonBody as isJson, pause, retryAfterMs } from '../http.js'
import type { SmileBackCredentials } from './config.js'
import type { RateLimiter } from './rate-limit.js'

/** One page of `/api/v3/reviews/` (Django REST Framework's limit/offset envelope). */
export interface ReviewPage {
  count: number
  next: string | null
  results: unknown[]
}

export interface SmileBackClientOptions {
  credentials: SmileBackCredentials
  limiter: RateLimiter
  /** Attempts for 429s, 5xx, dropped connections and HTML pages, the first included (default 5). */
  attempts?: number
  baseDelayMs?: number
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  signal?: AbortSignal
  now?: () => number
}

export interface SmileBackClient {
  /** The address of the first page of reviews changed since `modifiedSince` (all reviews when null), unrated included. */
  reviewsUrl(modifiedSince: string | null, limit: number, offset?: number): string
  /** One page, at an address `reviewsUrl` made or a page's `next`. */
  page(url: string): Promise<ReviewPage>
  /** HTTP requests sent so far, token requests included. */
  readonly requests: number
}

interface Token {
  header: string
  refresh: string | null
  expiresAt: number
}

/** Refresh this long before the token's stated expiry, so a request never leaves with a token about to lapse. */
const EARLY_MS = 60_000
/** Assumed lifetime when the token answer states none (what SmileBack clients assume). */
const DEFAULT_EXPIRES_S = 36_000
const MAX_WAIT_MS = 300_000

/**
 * SmileBack's Data Replication API: an OAuth2 password-grant token (client credentials in a Basic header),
 * cached and refreshed before it lapses, a fresh sign-in once when a request is refused with 401, every
 * request paced by the limiter, a 429 waited out for its Retry-After, and answers that are not SmileBack's
 * JSON (an HTML error page, a proxy's login page) turned into one-line errors without a secret in them.
 */
export function createSmileBackClient(options: SmileBackClientOptions): SmileBackClient {
  const { credentials, limiter, signal } = options
  const attempts = options.attempts ?? 5
  const baseDelayMs = options.baseDelayMs ?? 1000
  const sleep = options.sleep ?? ((ms: number) => pause(ms, signal))
  const now = options.now ?? Date.now
  const base = new URL(credentials.baseUrl)
  const http: AxiosInstance = axios.create({
    timeout: options.timeoutMs ?? 60_000,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { Accept: 'application/json' },
  })
  let token: Token | null = null
  let requests = 0

  /** Sends one request through the limiter; 429s, 5xx, HTML pages and dropped connections are retried. */
  async function send(what: string, request: () => Promise<AxiosResponse<string>>): Promise<AxiosResponse<string>> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw stopped()
      const answered = await limiter.acquire()
      requests += 1
      let response: AxiosResponse<string>
      try {
        response = await request().finally(answered)
      } catch (error) {
        if (signal?.aborted || axios.isCancel(error)) throw stopped()
        if (attempt < Math.min(attempts, 3)) {
          await sleep(backoff(attempt))
          continue
        }
        const code = (error as { code?: string }).code ?? 'network error'
        throw new SyncError('unreachable', `cannot reach ${base.origin} (${code})`)
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response, MAX_WAIT_MS) ?? backoff(attempt)
        limiter.holdFor(wait)
        if (attempt >= attempts)
          throw new SyncError('rate_limited', `SmileBack kept answering 429 (too many requests) for ${what}`, 429)
        continue
      }
      const retriable = response.status >= 500 || (response.status !== 401 && !isJson(response))
      if (retriable && attempt < Math.min(attempts, 3)) {
        await sleep(backoff(attempt))
        continue
      }
      return response
    }
  }

  function backoff(attempt: number): number {
    return Math.min(MAX_WAIT_MS, baseDelayMs * 2 ** (attempt - 1))
  }

  async function signIn(useRefresh: boolean): Promise<Token> {
    const form = new URLSearchParams(
      useRefresh && token?.refresh
        ? { grant_type: 'refresh_token', refresh_token: token.refresh }
        : {
            grant_type: 'password',
            username: credentials.username,
            password: credentials.password,
            scope: 'read read_recent',
          },
    )
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')
    const url = new URL('api/token/', base).href
    const response = await send('the sign-in', () =>
      http.post(url, form.toString(), {
        signal,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
      }),
    )
    const body = jsonOf(response, 'the sign-in')
    if (response.status === 200 && typeof body.access_token === 'string' && body.access_token) {
      const seconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_S
      return {
        header: `${typeof body.token_type === 'string' && body.token_type ? body.token_type : 'Bearer'} ${body.access_token}`,
        refresh: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : null,
        expiresAt: now() + seconds * 1000,
      }
    }
    const error = typeof body.error === 'string' ? body.error : ''
    if (error === 'invalid_client' || (response.status === 401 && error !== 'invalid_grant'))
      throw new SyncError(
        'bad_credentials',
        `SmileBack refused the API client (${response.status}${error ? ` ${error}` : ''}): check SMILEBACK_CLIENT_ID and SMILEBACK_CLIENT_SECRET`,
        response.status,
      )
    if (error === 'invalid_grant' || response.status === 400)
      throw new SyncError(
        'bad_credentials',
        `SmileBack refused the sign-in (${response.status}${error ? ` ${error}` : ''}): check SMILEBACK_USERNAME and SMILEBACK_PASSWORD (a local SmileBack login with API access, not SSO)`,
        response.status,
      )
    throw new SyncError(
      'server_error',
      `${base.origin} answered the sign-in with status ${response.status}`,
      response.status,
    )
  }

  async function validToken(): Promise<Token> {
    if (token && now() < token.expiresAt - EARLY_MS) return token
    if (token?.refresh) {
      try {
        token = await signIn(true)
        return token
      } catch (error) {
        // A refresh token that expired or was revoked: sign in with the password instead.
        if (!(error instanceof SyncError) || error.code !== 'bad_credentials') throw error
      }
    }
    token = await signIn(false)
    return token
  }

  async function page(url: string): Promise<ReviewPage> {
    const target = onBase(url)
    let signedInAgain = false
    for (;;) {
      const { header } = await validToken()
      const response = await send('reviews', () => http.get(target, { signal, headers: { Authorization: header } }))
      if (response.status === 401 && !signedInAgain) {
        // The token was revoked or lapsed early on SmileBack's side: sign in afresh, once.
        signedInAgain = true
        token = null
        continue
      }
      if (response.status === 401)
        throw new SyncError(
          'bad_credentials',
          'SmileBack refused the API token right after signing in (401): check that the SmileBack login has API access',
          401,
        )
      const body = jsonOf(response, 'reviews')
      if (response.status === 403)
        throw new SyncError(
          'permission_denied',
          'SmileBack refused to list reviews (403): give the SmileBack login API access',
          403,
        )
      if (response.status !== 200) {
        const detail = typeof body.detail === 'string' ? `: ${body.detail}` : ''
        throw new SyncError(
          'server_error',
          `${base.origin} answered reviews with status ${response.status}${detail}`,
          response.status,
        )
      }
      if (!Array.isArray(body.results))
        throw new SyncError(
          'server_error',
          `${base.origin} answered reviews without a results list: not SmileBack's page`,
        )
      return {
        count: typeof body.count === 'number' ? body.count : body.results.length,
        next: typeof body.next === 'string' && body.next ? body.next : null,
        results: body.results,
      }
    }
  }

  /** Every request goes to the configured host, whatever host a `next` link names: the token goes nowhere else. */
  function onBase(url: string): string {
    const given = new URL(url, base)
    return new URL(`${given.pathname}${given.search}`, base.origin).href
  }

  function jsonOf(response: AxiosResponse<string>, what: string): Record<string, unknown> {
    if (isJson(response)) {
      const parsed: unknown = JSON.parse(response.data)
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        return parsed as Record<string, unknown>
    }
    throw new SyncError(
      'server_error',
      `${base.origin} answered ${what} with ${describeBody(response)}, not SmileBack's JSON: is SMILEBACK_BASE_URL SmileBack's address?`,
      response.status,
    )
  }

  return {
    reviewsUrl(modifiedSince, limit, offset = 0) {
      const url = new URL('api/v3/reviews/', base)
      if (modifiedSince) url.searchParams.set('modified_since', modifiedSince)
      url.searchParams.set('include_unrated', 'true')
      url.searchParams.set('limit', String(limit))
      if (offset > 0) url.searchParams.set('offset', String(offset))
      return url.href
    },
    page,
    get requests() {
      return requests
    },
  }
}

function stopped(): SyncError {
  return new SyncError('cancelled', 'the sync was stopped: the server is shutting down')
}
