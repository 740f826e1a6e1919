import type { FastifyInstance } from 'fastify'
import { readCookie, requireAdmin, SESSION_COOKIE } from '../auth.js'
import { HttpError, unauthorized } from '../errors.js'
import { errorResponses, Message } from '../schemas.js'
import { login, LoginLimiter, logout } from '../services/access.js'

const Login = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
} as const

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const limiter = new LoginLimiter()
  app.post<{ Body: { username: string; password: string } }>(
    '/api/session',
    { schema: { body: Login, response: { 200: { type: 'object', properties: { user: { type: 'string' } } }, ...errorResponses } } },
    async (request, reply) => {
      const key = request.ip
      const wait = limiter.blockedFor(key, Date.now())
      if (wait > 0) throw new HttpError(429, `too many failed logins; try again in ${Math.ceil(wait / 60)} minutes`, 'rate_limited')
      const session = await login(app.db, request.body.username, request.body.password, app.now())
      if (!session) {
        limiter.fail(key, Date.now())
        throw unauthorized('wrong user name or password', 'bad_login')
      }
      limiter.clear(key)
      const secure = request.protocol === 'https' ? '; Secure' : ''
      reply.header('set-cookie', `${SESSION_COOKIE}=${session.sessionId}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${12 * 3600}${secure}`)
      return { user: request.body.username }
    },
  )

  app.get('/api/session', { schema: { response: { 200: { type: 'object', properties: { user: { type: 'string' } } }, ...errorResponses } } }, async (request) => {
    return { user: requireAdmin(request).name }
  })

  app.delete('/api/session', { schema: { response: { 200: Message } } }, async (request, reply) => {
    const session = readCookie(request, SESSION_COOKIE)
    if (session) await logout(app.db, session)
    reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`)
    return { message: 'logged out' }
  })
}
