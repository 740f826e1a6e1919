import axios, { type AxiosInstance, type AxiosResponse } from 'axios'
import { type AutotaskCredentials, withTrailingSlash } from './config.js'
import { SyncError } from './errors.js'
import type { BudgetGovernor, Threshold } from './governor.js'
import { zoneWebUrl } from './links.js'
import { describeBody, isJsonBody, pause, retryAfterMs } from '../http.js'

export type Filter =
  { op: string; field: string; value?: unknown; udf?: boolean } | { op: 'and' | 'or'; items: Filter[] }

export interface QueryBody {
  filter: Filter[]
  IncludeFields?: string[]
  MaxRecords?: number
}

export interface Page {
  items: unknown[]
  pageDetails?: { count?: number; requestCount?: number; nextPageUrl?: string | null }
}

export interface PicklistValue {
  value: string
  label: string
  isDefaultValue?: boolean
  sortOrder?: number
  parentValue?: string | null
  isActive?: boolean
}

export interface FieldInfo {
  name: string
  dataType?: string
  isPickList?: boolean
  picklistValues?: PicklistValue[] | null
}

export interface RetryPolicy {
  /** Attempts for 429, 5xx, dropped connections and HTML pages, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface ClientOptions {
  credentials: AutotaskCredentials
  governor: BudgetGovernor
  retry?: Partial<RetryPolicy>
  timeoutMs?: number
  /** A zone URL found earlier; discovery runs again if it is missing or Autotask answers 401. */
  zoneUrl?: string | null
  sleep?: (ms: number) => Promise<void>
  /** Stops the client: in-flight requests are cut and every further call fails with `cancelled`. */
  signal?: AbortSignal
  random?: () => number
}

export interface AutotaskClient {
  zoneUrl(): Promise<string>
  /** The zone's web UI (`https://ww3.autotask.net/`) for links to records; null when it cannot be known. */
  webUrl(): Promise<string | null>
  query(entity: string, body: QueryBody): Promise<Page>
  fields(entity: string): Promise<FieldInfo[]>
  threshold(): Promise<Threshold>
  /** GET `V1.0/<path>` (webhook registration reads single items and child lists); the answer's JSON. */
  get(entity: string, path: string): Promise<unknown>
  /**
   * POST, PUT or DELETE `V1.0/<path>` with a JSON body: only webhook registration writes (the sync never does);
   * the answer's JSON, usually `{"itemId": n}`.
   */
  write(entity: string, method: 'post' | 'put' | 'delete', path: string, body?: unknown): Promise<unknown>
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
])

export function createAutotaskClient(options: ClientOptions): AutotaskClient {
  const { credentials, governor } = options
  const retry: RetryPolicy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, ...options.retry }
  const { signal } = options
  const sleep = options.sleep ?? ((ms: number) => pause(ms, signal))
  const random = options.random ?? Math.random
  // Bodies are read as text and parsed here, so an HTML error page is recognised instead of crashing a parser.
  const http: AxiosInstance = axios.create({
    timeout: options.timeoutMs ?? 60_000,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  })
  let zone: string | null = options.zoneUrl ?? null
  let web: string | null = zone === null ? null : zoneWebUrl(null, zone)
  let zoneFromEarlier = zone !== null

  async function discoverZone(): Promise<string> {
    const url = `${withTrailingSlash(credentials.discoveryUrl)}V1.0/zoneInformation?user=${encodeURIComponent(credentials.username)}`
    const response = await send(() => http.get(url, { signal }), url, signal)
    const body = parseJson(response, url)
    const errors = errorMessages(body)
    if (response.status >= 400 && errors.some((message) => /zone information could not be determined/i.test(message))) {
      throw new SyncError(
        'unknown_user',
        `Autotask does not know the user "${credentials.username}" (zone lookup failed): check AUTOTASK_USERNAME`,
        response.status,
      )
    }
    if (response.status !== 200) throw unexpectedStatus(response, url, errors)
    const found = (body as { url?: unknown }).url
    if (typeof found !== 'string' || !/^https?:\/\//.test(found)) {
      throw new SyncError(
        'not_autotask',
        `${origin(url)} answered the zone lookup without a zone url: is AUTOTASK_DISCOVERY_URL an Autotask address?`,
      )
    }
    zone = withTrailingSlash(found)
    web = zoneWebUrl((body as { webUrl?: unknown }).webUrl, zone)
    return zone
  }

  async function zoneUrl(): Promise<string> {
    return zone ?? discoverZone()
  }

  /** One authenticated call, with the governor, retries and error classification around it. */
  async function call(
    entity: string,
    method: 'get' | 'post' | 'put' | 'delete',
    path: string,
    body?: unknown,
  ): Promise<unknown> {
    let rediscovered = false
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw stopped()
      const base = await zoneUrl()
      const url = `${base}${path}`
      const release = await governor.acquire(entity)
      let response: AxiosResponse<string>
      try {
        response = await send(
          () =>
            http.request({
              method,
              url,
              data: body === undefined ? undefined : JSON.stringify(body),
              signal,
              headers: {
                ApiIntegrationCode: credentials.integrationCode,
                UserName: credentials.username,
                Secret: credentials.secret,
              },
            }),
          url,
          signal,
        ).finally(() => governor.record())
      } catch (error) {
        release()
        if (error instanceof SyncError && error.code === 'unreachable' && attempt < Math.min(retry.attempts, 3)) {
          await sleep(backoff(attempt))
          continue
        }
        throw error
      }
      release()
      const { status } = response
      if (status === 429) {
        if (attempt >= retry.attempts) {
          throw new SyncError(
            'rate_limited',
            `Autotask kept answering 429 (too many requests) for ${entity} after ${attempt} attempts`,
            429,
          )
        }
        await sleep(retryAfterMs(response, 300_000) ?? backoff(attempt))
        continue
      }
      if (!isJsonBody(response)) {
        if (attempt < Math.min(retry.attempts, 3)) {
          await sleep(backoff(attempt))
          continue
        }
        throw new SyncError(
          'not_autotask',
          `${origin(url)} answered ${method.toUpperCase()} ${entity} with ${describeBody(response)}, not Autotask's JSON`,
          status,
        )
      }
      const parsed = parseJson(response, url)
      const errors = errorMessages(parsed)
      if (status === 401) {
        if (!rediscovered && zoneFromEarlier) {
          // The tenant may have moved zones since the URL was stored: look it up once more.
          rediscovered = true
          zone = null
          continue
        }
        throw new SyncError(
          'bad_credentials',
          'Autotask refused the credentials (401): check AUTOTASK_USERNAME and AUTOTASK_SECRET',
          401,
        )
      }
      if (errors.some((message) => /integrationcode is invalid/i.test(message))) {
        throw new SyncError(
          'bad_credentials',
          'Autotask rejected the integration code: check AUTOTASK_INTEGRATION_CODE',
          status,
        )
      }
      if (status === 403 || errors.some((message) => /adequate permissions/i.test(message))) {
        throw new SyncError(
          'permission_denied',
          `the Autotask API user may not ${method === 'get' || path.endsWith('/query') ? 'read' : 'change'} ${entity}: give it a security level that can`,
          status,
        )
      }
      // Autotask answers request errors (a bad field, a bad filter) with 500 too: an `errors` body is
      // retried only twice, a bare 5xx (gateway, restart) as often as the policy allows.
      if (status >= 500 && attempt < (errors.length > 0 ? Math.min(3, retry.attempts) : retry.attempts)) {
        await sleep(backoff(attempt))
        continue
      }
      if (status !== 200) throw unexpectedStatus(response, url, errors, entity)
      if (errors.length > 0)
        throw new SyncError('server_error', `Autotask reported an error for ${entity}: ${errors[0]}`, status)
      zoneFromEarlier = true
      return parsed
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + random() * (ceiling / 2)) // jitter keeps parallel clients apart
  }

  return {
    zoneUrl,
    async webUrl() {
      await zoneUrl()
      return web
    },
    async query(entity: string, body: QueryBody) {
      const page = await call(entity, 'post', `V1.0/${entity}/query`, body)
      if (!isObject(page) || !Array.isArray(page.items)) {
        throw new SyncError('not_autotask', `the ${entity} query answer has no items list: not Autotask's page shape`)
      }
      return page as unknown as Page
    },
    async fields(entity: string) {
      const answer = await call(entity, 'get', `V1.0/${entity}/entityInformation/fields`)
      if (!isObject(answer) || !Array.isArray(answer.fields)) {
        throw new SyncError('not_autotask', `the ${entity} field information has no fields list: not Autotask's shape`)
      }
      return answer.fields as FieldInfo[]
    },
    async threshold() {
      const answer = await call('ThresholdInformation', 'get', 'V1.0/ThresholdInformation')
      if (
        !isObject(answer) ||
        typeof answer.externalRequestThreshold !== 'number' ||
        typeof answer.currentTimeframeRequestCount !== 'number'
      ) {
        throw new SyncError('not_autotask', "the ThresholdInformation answer lacks its counters: not Autotask's shape")
      }
      return answer as unknown as Threshold
    },
    get: (entity, path) => call(entity, 'get', `V1.0/${path}`),
    write: (entity, method, path, body) => call(entity, method, `V1.0/${path}`, body),
  }
}

async function send(
  request: () => Promise<AxiosResponse<string>>,
  url: string,
  signal: AbortSignal | undefined,
): Promise<AxiosResponse<string>> {
  try {
    return await request()
  } catch (error) {
    if (signal?.aborted || axios.isCancel(error)) throw stopped()
    const code = (error as { code?: string }).code ?? 'network error'
    if (NETWORK_CODES.has(code) || axios.isAxiosError(error)) {
      throw new SyncError('unreachable', `cannot reach ${origin(url)} (${code})`)
    }
    throw error
  }
}

function stopped(): SyncError {
  return new SyncError('cancelled', 'the sync was stopped: the tenant was removed or the server is shutting down')
}

function parseJson(response: AxiosResponse<string>, url: string): unknown {
  try {
    return JSON.parse(response.data)
  } catch {
    throw new SyncError(
      'not_autotask',
      `${origin(url)} answered with ${describeBody(response)}, not Autotask's JSON`,
      response.status,
    )
  }
}

function errorMessages(body: unknown): string[] {
  if (!isObject(body)) return []
  const errors = body.errors ?? body.Errors
  const list = Array.isArray(errors) ? errors : []
  const messages = list.map((entry) =>
    typeof entry === 'string' ? entry : isObject(entry) ? String(entry.message ?? '') : '',
  )
  if (typeof body.Message === 'string') messages.push(body.Message)
  return messages.filter((message) => message.length > 0)
}

function unexpectedStatus(response: AxiosResponse<string>, url: string, errors: string[], entity?: string): SyncError {
  const what = entity ? ` for ${entity}` : ''
  // Not cut here: the sync redacts the whole text first, then cuts it to a line.
  const detail = errors[0] ? `: ${errors[0]}` : ''
  return new SyncError('server_error', `${origin(url)} answered ${response.status}${what}${detail}`, response.status)
}

function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'the Autotask address'
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
