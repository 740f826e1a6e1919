import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../auth.js'
import { badRequest, notFound } from '../errors.js'
import { errorResponses, Id, RoleId } from '../schemas.js'
import { createToken, listTokens, revokeToken } from '../services/access.js'

const Name = { type: 'string', minLength: 1, maxLength: 80 } as const

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/tokens', { schema: { response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { tokens: await listTokens(app.db) }
  })

  // The token itself is shown once, here; afterwards only its name and last-seen time.
  app.post<{ Body: { kind: 'wall' | 'person'; role?: string; resourceId?: number; name: string } }>(
    '/api/tokens',
    {
      schema: {
        body: {
          type: 'object',
          required: ['kind', 'name'],
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ['wall', 'person'] }, role: RoleId, resourceId: Id, name: Name },
        },
        response: { 201: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request)
      const { kind, role, resourceId, name } = request.body
      const at = app.now().toISOString()
      if (kind === 'wall') {
        if (!role) throw badRequest('a wall-screen link needs the role whose dashboard it shows')
        const found = await app.db.selectFrom('dashboard').select('id').where('role', '=', role).executeTakeFirst()
        if (!found) throw badRequest(`the role "${role}" has no dashboard`)
        const { id, token } = await createToken(app.db, { kind, role, name }, at)
        return reply.code(201).send({ id, kind, role, name, token, path: `/wall/${role}?token=${token}` })
      }
      if (!resourceId) throw badRequest("a personal link needs the person's resourceId")
      const person = await app.db.selectFrom('resource').select('id').where('id', '=', resourceId).executeTakeFirst()
      if (!person) throw badRequest(`there is no resource ${resourceId}`)
      const { id, token } = await createToken(app.db, { kind, resourceId, name }, at)
      return reply.code(201).send({ id, kind, resourceId, name, token, path: `/me/${resourceId}?token=${token}` })
    },
  )

  app.delete<{ Params: { id: number } }>(
    '/api/tokens/:id',
    { schema: { params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: Id } }, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      if (!(await revokeToken(app.db, request.params.id, app.now().toISOString()))) throw notFound(`there is no active link ${request.params.id}`)
      return { id: request.params.id, revoked: true }
    },
  )
}
