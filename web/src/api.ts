/** A failed API call; `code` is the server's machine code ('revoked', 'bad_login', ...) when it sent one. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Where this install's API lives: the root for one MSP, `/t/<tenant>` for a tenant of a hosted
 * install (the page itself was served under that prefix).
 */
export const BASE = /^\/t\/[a-z0-9][a-z0-9-]*(?=\/)/.exec(window.location.pathname)?.[0] ?? ''

/** The front-end build the server wrote into this page (none under Vite's dev server). */
const PAGE_BUILD = document.querySelector<HTMLMetaElement>('meta[name="roleboard-build"]')?.content || null
let serverBuild: string | null = null

/** The build the server serves now (named on its last answer), when it is not the one this page was loaded with. */
export function changedBuild(): string | null {
  return PAGE_BUILD && serverBuild && serverBuild !== PAGE_BUILD ? serverBuild : null
}

export async function api<T>(
  path: string,
  init: RequestInit & { json?: unknown; timeoutMs?: number } = {},
): Promise<T> {
  const { json, timeoutMs = 20_000, ...rest } = init
  const headers = new Headers(rest.headers)
  if (json !== undefined) headers.set('content-type', 'application/json')
  let response: Response
  try {
    response = await fetch(`${BASE}${path}`, {
      credentials: 'same-origin',
      cache: 'no-store',
      ...rest,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'network error')
  }
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!response.ok) {
    const { message, code } = (body ?? {}) as { message?: string; code?: string }
    throw new ApiError(response.status, code ?? null, message ?? `${response.status} ${response.statusText}`)
  }
  serverBuild = response.headers.get('x-roleboard-build') ?? serverBuild
  return body as T
}

/** A query string from the defined values only. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}
