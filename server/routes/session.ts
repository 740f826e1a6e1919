import type { FastifyInstance } from 'fastify'
import { readCookie, requireAdmin, SESSION_COOKIE, sessionCookie } from '../auth.js'
import { unauthorized } from '../errors.js'
import { errorResponses, Message } from '../schemas.js'
import { login, logout } from '../services/access.js'
import { guardedLogin, LoginGuard } from '../services/login-guard.js'

const Login = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } },
} as const

export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const guard = new LoginGuard(app.db)
  app.post<{ Body: { username: string; password: string } }>(
    '/api/session',
    { schema: { body: Login, response: { 200: { type: 'object', properties: { user: { type: 'string' } } }, ...errorResponses } } },
    async (request, reply) => {
      const { username, password } = request.body
      const session = await guardedLogin(
        guard,
        request,
        reply,
        { account: username, loginPath: '/api/session', sessionCookie: (value, secure) => sessionCookie(SESSION_COOKIE, value.sessionId, '/', secure) },
        () => login(app.db, username, password, app.now()),
      )
      if (!session) throw unauthorized('wrong user name or password', 'bad_login')
      return { user: username }
    },
  )

  app.get('/api/session', { schema: { response: { 200: { type: 'object', properties: { user: { type: 'string' } } }, ...errorResponses } } }, async (request) => {
    return { user: requireAdmin(request).name }
  })

  app.delete('/api/session', { schema: { response: { 200: Message } } }, async (request, reply) => {
    const session = readCookie(request, SESSION_COOKIE)
    if (session) await logout(app.db, session)
    reply.header('set-cookie', sessionCookie(SESSION_COOKIE, '', '/', false))
    return { message: 'logged out' }
  })
}
