import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin, SESSION_COOKIE, sessionCookie } from '../auth.js'
import { readCookie } from '../cookies.js'
import { unauthorized } from '../errors.js'
import { login, logout } from '../services/access.js'
import { guardedLogin, LoginGuard } from '../services/login-guard.js'
import { errorResponses, MessageSchema } from '../wire/common.js'
import { LoginSchema, UserSchema } from '../wire/session.js'

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const guard = new LoginGuard(app.db)
  app.post(
    '/api/session',
    { schema: { body: LoginSchema, response: { 200: UserSchema, ...errorResponses } } },
    async (request, reply) => {
      const { username, password } = request.body
      const session = await guardedLogin(
        guard,
        request,
        reply,
        {
          account: username,
          loginPath: '/api/session',
          sessionCookie: (value, secure) => sessionCookie(SESSION_COOKIE, value.sessionId, '/', secure),
        },
        () => login(app.db, username, password, app.now()),
      )
      if (!session) throw unauthorized('wrong user name or password', 'bad_login')
      return { user: username }
    },
  )

  app.get('/api/session', { schema: { response: { 200: UserSchema, ...errorResponses } } }, async (request) => {
    return { user: requireAdmin(request).name }
  })

  app.delete('/api/session', { schema: { response: { 200: MessageSchema } } }, async (request, reply) => {
    const session = readCookie(request, SESSION_COOKIE)
    if (session) await logout(app.db, session)
    reply.header('set-cookie', sessionCookie(SESSION_COOKIE, '', '/', false))
    return { message: 'logged out' }
  })
}
