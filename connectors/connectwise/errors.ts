import type { AxiosResponse } from 'axios'
import { SyncError, type SyncErrorCode } from '../autotask/errors.js'
import { describeBody } from '../http.js'
import type { ConnectWiseCredentials } from './config.js'

// Every way a ConnectWise answer fails, as one line a person can act on. No message carries the private key,
// the Authorization header or a page's HTML; ConnectWise's own text is quoted only from its JSON error body.

// The codes are shared with the other connectors; these two were named for Autotask before ConnectWise came.
const NOT_THE_API: SyncErrorCode = 'not_autotask'
const UNKNOWN_TENANT: SyncErrorCode = 'unknown_user'

/** ConnectWise's error body: `{code, message, errors[]}`, or `{error, message}` on a 429. */
export interface ErrorBody {
  code: string | null
  message: string | null
}

export function errorBody(body: unknown): ErrorBody {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { code: null, message: null }
  const record = body as Record<string, unknown>
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
  const first = Array.isArray(record.errors) ? (record.errors[0] as Record<string, unknown> | undefined) : undefined
  const detail = first && typeof first === 'object' ? text(first.message) : null
  const message = text(record.message)
  return {
    code: text(record.code) ?? text(record.error),
    message: message && detail && detail !== message ? `${message} (${detail})` : (message ?? detail),
  }
}

/** A 404 that answers for a record (`NotFound`), so the codebase is right and the record is gone. */
export function isRecordNotFound(body: ErrorBody): boolean {
  return body.code?.toLowerCase() === 'notfound'
}

/** A 404 for a path the API does not have, rather than a record it lacks. */
export function isUnknownEndpoint(body: ErrorBody): boolean {
  return /endpoint does not exist/i.test(body.message ?? '')
}

export function unknownCompany(credentials: ConnectWiseCredentials): SyncError {
  return new SyncError(
    UNKNOWN_TENANT,
    `ConnectWise does not know the company "${credentials.company}" at ${origin(credentials.site)} (its company lookup answered null): check CONNECTWISE_COMPANY and CONNECTWISE_SITE`,
  )
}

export function noCodebase(credentials: ConnectWiseCredentials): SyncError {
  return new SyncError(
    NOT_THE_API,
    `${origin(credentials.site)} answered the company lookup without a Codebase: is CONNECTWISE_SITE the ConnectWise API host?`,
  )
}

/** An HTML page, an empty body or other text where the API answers JSON. */
export function notTheApi(response: AxiosResponse<string>, what: string): SyncError {
  const text = (response.data ?? '').trimStart()
  const line =
    text.startsWith('<') || /html/i.test(String(response.headers['content-type'] ?? ''))
      ? `the ConnectWise host answered with an HTML page, not the API (status ${response.status}, ${what})`
      : `the ConnectWise host answered ${what} with ${describeBody(response)}, not the API's JSON`
  return new SyncError(NOT_THE_API, line, response.status)
}

/** JSON, but not the shape this endpoint answers (`a list` for a list endpoint...). */
export function wrongShape(what: string, expected: string): SyncError {
  return new SyncError(NOT_THE_API, `ConnectWise answered ${what} with JSON that is not ${expected}`)
}

/** Pages that do not rise by id from the cursor: paging by the last id seen would skip or repeat records. */
export function unresumablePages(path: string, problem: string): SyncError {
  return new SyncError(NOT_THE_API, `ConnectWise's ${path} pages ${problem}, so they cannot be read resumably`)
}

export function recordWithoutId(id: unknown): SyncError {
  const shown = typeof id === 'number' ? String(id) : typeof id
  return new SyncError('malformed_record', `a ConnectWise record has no whole-number id (${shown})`)
}

/** A 4xx or 5xx answer with a JSON body, after any retries. */
export function refused(status: number, body: ErrorBody, what: string, credentials: ConnectWiseCredentials): SyncError {
  const said = [body.code, body.message].filter(Boolean).join(': ')
  const detail = said ? ` ${said}` : ''
  if (status < 500 && /client\s*-?_?id/i.test(said)) {
    return new SyncError(
      'bad_credentials',
      `ConnectWise refused the clientId (${status}${detail}): set CONNECTWISE_CLIENT_ID to the clientId registered for roleboard at developer.connectwise.com`,
      status,
    )
  }
  if (status === 401 || /UserNotAuthenticated/i.test(said)) {
    return new SyncError(
      'bad_credentials',
      `ConnectWise refused the API keys of public key "${credentials.publicKey}" for company "${credentials.company}" (${status}): check CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY and CONNECTWISE_PRIVATE_KEY`,
      status,
    )
  }
  if (status === 403) {
    return new SyncError(
      'permission_denied',
      `the ConnectWise API member may not read ${what} (403${detail}): give its security role inquire access`,
      status,
    )
  }
  if (status === 404)
    return new SyncError('server_error', `ConnectWise found nothing at ${what} (404${detail})`, status)
  if (status === 429) {
    return new SyncError('rate_limited', `ConnectWise kept answering 429 (too many requests) for ${what}`, status)
  }
  return new SyncError('server_error', `ConnectWise answered ${status} for ${what}${said ? `:${detail}` : ''}`, status)
}

export function unreachable(url: string, code: string, timeoutMs: number): SyncError {
  const why = code === 'ECONNABORTED' || code === 'ETIMEDOUT' ? `no answer within ${timeoutMs / 1000} s` : code
  return new SyncError('unreachable', `cannot reach ${origin(url)} (${why})`)
}

export function stopped(): SyncError {
  return new SyncError('cancelled', 'the sync was stopped: the tenant was removed or the server is shutting down')
}

export function origin(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return 'the ConnectWise address'
  }
}
