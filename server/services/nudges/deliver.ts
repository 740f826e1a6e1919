// One HTTP post to a chat webhook, and what came of it in words a person can act on. The URL is the secret:
// no outcome carries it, and any URL in an error or a receiver's answer is cut out before it is kept.

export type Outcome = { ok: true } | { ok: false; error: string; retryAfterMs: number | null }

const TIMEOUT_MS = 15_000
const MAX_ERROR = 200

/** One line, without any URL in it (a receiver or a network error may echo the address it was called at). */
export function oneLine(text: string, url: string): string {
  const { pathname, search } = new URL(url)
  // The whole address, then its path and query on their own (the secret part, which a proxy may echo alone).
  const secrets = [url, `${pathname}${search}`, pathname].filter((part) => part.length > 1)
  const line = secrets
    .reduce((cut, secret) => cut.split(secret).join('[webhook]'), text)
    .replace(/\bhttps?:\/\/\S+/gi, '[address]')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > MAX_ERROR ? `${line.slice(0, MAX_ERROR - 1)}…` : line
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime())
}

/** Posts `body` as JSON; redirects are not followed (a webhook does not move, and its secret must not travel on). */
export async function postJson(url: string, body: unknown, now: Date): Promise<Outcome> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause
    const reason = cause?.code ?? cause?.message ?? (error as Error).message
    return { ok: false, error: oneLine(`could not reach the webhook: ${reason}`, url), retryAfterMs: null }
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel()
    return { ok: true }
  }
  const text = (await response.text().catch(() => '')).slice(0, 300)
  const detail = text ? `: ${text}` : ''
  return {
    ok: false,
    error: oneLine(`the webhook answered HTTP ${response.status}${detail}`, url),
    retryAfterMs: response.status === 429 ? retryAfterMs(response.headers.get('retry-after'), now) : null,
  }
}
