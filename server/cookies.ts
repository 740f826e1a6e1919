import type { FastifyRequest } from 'fastify'

export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie
  if (!header) return null
  for (const part of header.split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) {
      try {
        return decodeURIComponent(part.slice(at + 1).trim())
      } catch {
        return null // a mangled cookie is no session
      }
    }
  }
  return null
}

/** A Set-Cookie value: HttpOnly, same-site only, on `path`, for `maxAgeSeconds` (0 ends it). */
export function httpOnlyCookie(
  name: string,
  value: string,
  path: string,
  maxAgeSeconds: number,
  secure: boolean,
): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=${path}; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`
}
