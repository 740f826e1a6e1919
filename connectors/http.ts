import type { AxiosResponse } from 'axios'

// Small HTTP helpers for connectors that read bodies as text (so an HTML error page is recognised instead of
// crashing a parser): the Autotask and SmileBack clients share them.

/** A wait that ends early when `signal` aborts (the next call then fails as cancelled). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/** True when the body is JSON, not an HTML page (by content type or a leading `<`) or other text. */
export function isJsonBody(response: AxiosResponse<string>): boolean {
  const text = (response.data ?? '').trimStart()
  if (/html/i.test(String(response.headers['content-type'] ?? '')) || text.startsWith('<')) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** "an HTML page (status 502)", "an empty body (status 200)"... for a one-line error. */
export function describeBody(response: AxiosResponse<string>): string {
  const text = (response.data ?? '').trimStart()
  if (text.startsWith('<')) return `an HTML page (status ${response.status})`
  if (text === '') return `an empty body (status ${response.status})`
  return `a body that is not JSON (status ${response.status})`
}

/** Retry-After in seconds or as an HTTP date, in ms capped at `maxMs`; null when absent or unreadable. */
export function retryAfterMs(response: AxiosResponse<string>, maxMs: number): number | null {
  const header = response.headers['retry-after']
  if (header === undefined) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0) * 1000, maxMs)
  const at = Date.parse(String(header))
  return Number.isNaN(at) ? null : Math.min(Math.max(at - Date.now(), 0), maxMs)
}
