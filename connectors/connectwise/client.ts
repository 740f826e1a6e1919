import axios, { type AxiosInstance, type AxiosResponse } from 'axios'
import { isJsonBody, pause, retryAfterMs } from '../http.js'
import type { ConnectWiseCredentials } from './config.js'
import {
  errorBody,
  isRecordNotFound,
  isUnknownEndpoint,
  noCodebase,
  notTheApi,
  refused,
  stopped,
  unknownCompany,
  unreachable,
  wrongShape,
} from './errors.js'
import type { ConnectWiseGovernor } from './governor.js'
import { connectWiseWebUrl } from './web-links.js'
import { parseLinkHeader } from './links.js'
import { type Page, type PageOptions, type PageSource, pagesOf } from './paging.js'

/** The model version roleboard reads; pinned, so a ConnectWise release never changes a record's shape under it. */
export const API_VERSION = '2025.1'
const ACCEPT = `application/vnd.connectwise.com+json; version=${API_VERSION}`

/** A record as ConnectWise answers it: camelCase fields, references as small objects. */
export type ConnectWiseRecord = Record<string, unknown>

/** What `login/companyinfo/<company>` tells (PascalCase on the wire). */
export interface CompanyInfo {
  companyName: string | null
  /** `v2025_1/` or `v4_6_release/`, always ending in '/'. */
  codebase: string
  versionCode: string | null
  isCloud: boolean | null
}

export interface RetryPolicy {
  /** Attempts for a 429, the first included. */
  throttledAttempts: number
  /** Attempts for a 5xx, a dropped connection or a timeout, the first included. */
  faultAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface ConnectWiseClientOptions {
  credentials: ConnectWiseCredentials
  governor: ConnectWiseGovernor
  retry?: Partial<RetryPolicy>
  timeoutMs?: number
  /** A codebase found earlier (`v2025_1/`); the company lookup runs when it is missing, and again after a 404. */
  codebase?: string | null
  sleep?: (ms: number) => Promise<void>
  /** Stops the client: in-flight requests are cut and every further call fails with `cancelled`. */
  signal?: AbortSignal
  random?: () => number
}

export type Query = Record<string, string | number | null | undefined>

/** One answer of a list endpoint: its records and its `Link` header's links by relation. */
export interface ListAnswer {
  records: ConnectWiseRecord[]
  /** Null when the answer had no `Link` header at all. */
  links: Map<string, string> | null
}

export interface ConnectWiseClient {
  /** The company lookup (made once, and again when a 404 suggests the codebase moved). */
  companyInfo(): Promise<CompanyInfo>
  /** `<site><codebase>apis/3.0/`. */
  apiBase(): Promise<string>
  /** The tenant's web UI (web-links.ts), where a person opens a ticket; null when it cannot be told. */
  webUrl(): Promise<string | null>
  /** One GET of a list endpoint (`service/tickets`); `forwardOnly` sends `pagination-type: forward-only`. */
  list(path: string, query: Query, options?: { forwardOnly?: boolean; entity?: string }): Promise<ListAnswer>
  /** Every record of a list endpoint, a page at a time, each page with the cursor that resumes after it. */
  pages(path: string, options?: PageOptions): AsyncGenerator<Page>
  /** Every id a list endpoint holds under `conditions` (`fields=id`), for deletion scans. */
  getIds(path: string, conditions?: string | null, entity?: string): Promise<number[]>
  /** `<path>/count` under `conditions`. */
  count(path: string, conditions?: string | null, entity?: string): Promise<number>
  /** One record (`service/tickets/12`); null when ConnectWise says it does not exist. */
  get(path: string, entity?: string): Promise<ConnectWiseRecord | null>
}

const MAX_WAIT_MS = 300_000

/**
 * ConnectWise PSA's REST API 3.0, read-only: the codebase looked up per company, Basic auth of
 * `company+publicKey:privateKey` with the clientId on every call, the model version pinned, every request
 * through the tenant's governor, 429s waited out for their Retry-After, 5xx and dropped connections retried
 * a few times, and every failure one line without a secret in it.
 */
export function createConnectWiseClient(options: ConnectWiseClientOptions): ConnectWiseClient {
  const { credentials, governor, signal } = options
  const retry: RetryPolicy = {
    throttledAttempts: 6,
    faultAttempts: 3,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    ...options.retry,
  }
  const timeoutMs = options.timeoutMs ?? 60_000
  const sleep = options.sleep ?? ((ms: number) => pause(ms, signal))
  const random = options.random ?? Math.random
  const authorization = `Basic ${Buffer.from(`${credentials.company}+${credentials.publicKey}:${credentials.privateKey}`).toString('base64')}`
  // Bodies are read as text and parsed here, so an HTML error page is recognised instead of crashing a parser.
  const http: AxiosInstance = axios.create({
    timeout: timeoutMs,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
  })
  const earlier = codebaseOf(options.codebase)
  let info: CompanyInfo | null = earlier
    ? { companyName: null, codebase: earlier, versionCode: null, isCloud: null }
    : null
  const navigableOnly = new Set<string>()

  /** One request through the governor; 429s, 5xx and dropped connections retried; the final answer. */
  async function send(
    entity: string,
    what: string,
    request: () => Promise<AxiosResponse<string>>,
  ): Promise<AxiosResponse<string>> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw stopped()
      const release = await governor.acquire(entity)
      let response: AxiosResponse<string> | null = null
      let failure: unknown = null
      try {
        response = await request()
      } catch (error) {
        failure = error
      } finally {
        release()
      }
      if (response === null) {
        if (signal?.aborted || axios.isCancel(failure)) throw stopped()
        if (attempt < retry.faultAttempts) {
          await sleep(backoff(attempt))
          continue
        }
        throw unreachable(credentials.site, (failure as { code?: string }).code ?? 'network error', timeoutMs)
      }
      if (response.status === 429) {
        if (attempt >= retry.throttledAttempts) throw refused(429, errorBody(null), what, credentials)
        governor.holdFor(retryAfterMs(response, MAX_WAIT_MS) ?? backoff(attempt))
        continue
      }
      if (response.status >= 500 && attempt < retry.faultAttempts) {
        await sleep(backoff(attempt))
        continue
      }
      return response
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1))
    return Math.round(ceiling / 2 + random() * (ceiling / 2)) // jitter keeps parallel clients apart
  }

  async function discover(): Promise<CompanyInfo> {
    const url = `${credentials.site}login/companyinfo/${encodeURIComponent(credentials.company)}`
    const what = `GET login/companyinfo/${credentials.company}`
    // The lookup needs no credentials, so none are sent.
    const response = await send('companyinfo', what, () =>
      http.get(url, { signal, headers: { Accept: 'application/json' } }),
    )
    if (!isJsonBody(response)) throw notTheApi(response, what)
    const body: unknown = JSON.parse(response.data)
    if (response.status >= 400) throw refused(response.status, errorBody(body), what, credentials)
    if (body === null) throw unknownCompany(credentials)
    if (typeof body !== 'object' || Array.isArray(body)) throw wrongShape(what, 'the company information')
    const fields = body as ConnectWiseRecord
    const codebase = codebaseOf(fields.Codebase ?? fields.codebase)
    if (!codebase) throw noCodebase(credentials)
    const text = (value: unknown) => (typeof value === 'string' ? value : null)
    const cloud = fields.IsCloud ?? fields.isCloud
    info = {
      companyName: text(fields.CompanyName ?? fields.companyName),
      codebase,
      versionCode: text(fields.VersionCode ?? fields.versionCode),
      // The guide shows "True", a client library's capture a JSON boolean.
      isCloud: typeof cloud === 'boolean' ? cloud : typeof cloud === 'string' ? /^true$/i.test(cloud.trim()) : null,
    }
    return info
  }

  async function apiBase(): Promise<string> {
    const { codebase } = info ?? (await discover())
    return `${credentials.site}${codebase}apis/3.0/`
  }

  /**
   * One authenticated GET of `apis/3.0/<path>`: its response with a JSON body, or null for a 404 when
   * `missingIsNull`. A 404 that is not about a record looks the codebase up once more and retries if it moved.
   */
  async function call(
    entity: string,
    path: string,
    query: Query,
    extraHeaders: Record<string, string> = {},
    missingIsNull = false,
  ): Promise<{ response: AxiosResponse<string>; body: unknown } | null> {
    const what = `GET ${path}`
    // A codebase looked up for this very call is not looked up again.
    let lookedAgain = info === null
    for (;;) {
      const before = info?.codebase ?? null
      const url = `${await apiBase()}${path.replace(/^\/+/, '')}${queryString(query)}`
      const response = await send(entity, what, () =>
        http.get(url, {
          signal,
          headers: {
            Authorization: authorization,
            clientId: credentials.clientId,
            Accept: ACCEPT,
            'Content-Type': 'application/json',
            ...extraHeaders,
          },
        }),
      )
      const json = isJsonBody(response)
      const body: unknown = json ? JSON.parse(response.data) : null
      const said = errorBody(body)
      if (response.status === 404 && !lookedAgain && !isRecordNotFound(said)) {
        // Cloud upgrades move the codebase; a stale one answers 404 for every path.
        lookedAgain = true
        if ((await discover()).codebase !== before) continue
      }
      if (!json) throw notTheApi(response, what)
      if (response.status === 404 && missingIsNull && !isUnknownEndpoint(said)) return null
      if (response.status < 200 || response.status >= 300) throw refused(response.status, said, what, credentials)
      return { response, body }
    }
  }

  async function list(
    path: string,
    query: Query,
    options: { forwardOnly?: boolean; entity?: string } = {},
  ): Promise<ListAnswer> {
    const headers: Record<string, string> = options.forwardOnly ? { 'pagination-type': 'forward-only' } : {}
    const { response, body } = (await call(options.entity ?? entityOf(path), path, query, headers))!
    if (!Array.isArray(body)) throw wrongShape(`GET ${path}`, 'a list')
    if (!body.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) {
      throw wrongShape(`GET ${path}`, 'a list of records')
    }
    const header = response.headers.link as string | string[] | undefined
    return { records: body as ConnectWiseRecord[], links: header === undefined ? null : parseLinkHeader(header) }
  }

  const source: PageSource = { list, navigableOnly }

  return {
    companyInfo: async () => info ?? discover(),
    apiBase,
    webUrl: async () => connectWiseWebUrl(await apiBase(), credentials.company),
    list,
    pages: (path, pageOptions = {}) => pagesOf(source, path, pageOptions),
    async getIds(path, conditions, entity) {
      const ids: number[] = []
      for await (const page of pagesOf(source, path, { conditions, fields: ['id'], entity })) {
        for (const record of page.records) ids.push(record.id as number)
      }
      return ids
    },
    async count(path, conditions, entity) {
      const query: Query = conditions ? { conditions } : {}
      const { body } = (await call(entity ?? entityOf(path), `${path}/count`, query))!
      const count = (body as { count?: unknown } | null)?.count
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
        throw wrongShape(`GET ${path}/count`, 'a count')
      }
      return count
    },
    async get(path, entity) {
      const answer = await call(entity ?? entityOf(path), path, {}, {}, true)
      if (answer === null) return null
      const { body } = answer
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw wrongShape(`GET ${path}`, 'a record')
      return body as ConnectWiseRecord
    },
  }
}

/** `v2025_1/` from `"v2025_1/"`, `"/v2025_1"`...; null when it is not a codebase. */
function codebaseOf(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '')
  return /^[A-Za-z0-9_.-]+$/.test(trimmed) ? `${trimmed}/` : null
}

/** What a request is counted under: its path without record ids (`service/tickets/notes`). */
export function entityOf(path: string): string {
  return (
    path
      .split('/')
      .filter((part) => part !== '' && !/^\d+$/.test(part))
      .join('/') || path
  )
}

/** `?conditions=...&pageSize=1000`, every value escaped, quote and wildcard characters too. */
function queryString(query: Query): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => `${name}=${escapeValue(String(value))}`)
  return pairs.length > 0 ? `?${pairs.join('&')}` : ''
}

function escapeValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}
