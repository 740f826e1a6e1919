import type { FastifyInstance, FastifyRequest } from 'fastify'
import { httpOnlyCookie, readCookie } from './cookies.js'
import { forbidden, unauthorized } from './errors.js'
import { type Principal, sessionPrincipal, tokenPrincipal } from './services/access.js'

export const SESSION_COOKIE = 'rb_session'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null
    /** True when the request carried a screen token that has been revoked. */
    revoked: boolean
  }
}

/** A session cookie: for 12 hours; an empty value ends it. */
export function sessionCookie(name: string, value: string, path: string, secure: boolean): string {
  return httpOnlyCookie(name, value, path, value ? 12 * 3600 : 0, secure)
}

/** A screen's token: `Authorization: Bearer ...` or `?token=...` (a TV can only open a link). */
export function readToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null
  const token = (request.query as Record<string, unknown> | undefined)?.token
  return typeof token === 'string' && token.length > 0 && token.length <= 200 ? token : null
}

export function registerAuth(app: FastifyInstance, now: () => Date): void {
  app.decorateRequest('principal', null)
  app.decorateRequest('revoked', false)
  app.addHook('onRequest', (request) => identify(app, request, now()))
}

/**
 * Sets who the request's credentials name, as of now: on arrival, and again on a long-lived request (an
 * event stream) whose link or session may be revoked while it is open.
 */
export async function identify(app: FastifyInstance, request: FastifyRequest, now: Date): Promise<void> {
  request.principal = null
  request.revoked = false
  // A screen's link decides what the screen shows, even in a browser where the admin is logged
  // in: a revoked link must show as revoked there too.
  const token = readToken(request)
  if (token) {
    const found = await tokenPrincipal(app.db, token, now)
    if (found && 'revoked' in found) request.revoked = true
    else if (found) request.principal = found.principal
    return
  }
  const session = readCookie(request, SESSION_COOKIE)
  if (session && session.length <= 200) request.principal = await sessionPrincipal(app.db, session, now)
}

function noAccess(request: FastifyRequest): never {
  if (request.revoked)
    throw unauthorized("this screen's link was revoked; ask your administrator for a new one", 'revoked')
  throw unauthorized()
}

/** Anyone with a login or a live link; what each may do is the caller's to decide. */
export function requirePrincipal(request: FastifyRequest): Principal {
  const principal = request.principal
  if (!principal) noAccess(request)
  return principal
}

export function requireAdmin(request: FastifyRequest): Extract<Principal, { kind: 'admin' }> {
  const principal = request.principal
  if (!principal) noAccess(request)
  if (principal.kind !== 'admin') throw forbidden('this needs the administrator')
  return principal
}

/** The admin, or a wall screen of exactly this role. */
export function requireRoleView(request: FastifyRequest, role: string): Principal {
  const principal = request.principal
  if (!principal) noAccess(request)
  if (principal.kind === 'admin') return principal
  if (principal.kind === 'wall' && principal.role === role) return principal
  throw forbidden(`this link shows the ${principal.kind === 'wall' ? principal.role : 'personal'} view only`)
}

/** The admin, or this person's own token. */
export function requirePerson(request: FastifyRequest, resourceId: number): Principal {
  const principal = request.principal
  if (!principal) noAccess(request)
  if (principal.kind === 'admin') return principal
  if (principal.kind === 'person' && principal.resourceId === resourceId) return principal
  throw forbidden("this link shows another person's view only")
}
