import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../auth.js'
import { errorResponses, RoleId } from '../schemas.js'
import { createDashboard, createRole, deleteRole, listRoles, renameRole } from '../services/dashboards.js'

const Name = { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S' } as const
const RoleName = { type: 'object', required: ['en', 'nl'], additionalProperties: false, properties: { en: Name, nl: Name } } as const
const IdParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: RoleId } } as const

export async function roleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/roles', { schema: { response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    const roles = await listRoles(app.db)
    return {
      roles: roles.map((role) => ({ id: role.id, name: { en: role.name_en, nl: role.name_nl }, builtin: role.builtin === 1, dashboard: role.dashboardId ? { id: role.dashboardId, title: role.title } : null })),
    }
  })

  // A custom role, which gets its one (empty) dashboard at once.
  app.post<{ Body: { id: string; name: { en: string; nl: string }; title?: string } }>(
    '/api/roles',
    {
      schema: {
        body: {
          type: 'object',
          required: ['id', 'name'],
          additionalProperties: false,
          properties: {
            id: RoleId,
            name: RoleName,
            title: { type: 'string', minLength: 1, maxLength: 120, pattern: '\\S' },
          },
        },
        response: { 201: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request)
      const at = app.now().toISOString()
      await createRole(app.db, request.body, at)
      const dashboard = await createDashboard(app.db, request.body.id, request.body.title ?? request.body.name.en, [], at)
      return reply.code(201).send({ role: request.body.id, dashboard })
    },
  )

  app.patch<{ Params: { id: string }; Body: { name: { en: string; nl: string } } }>(
    '/api/roles/:id',
    {
      schema: {
        params: IdParams,
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: RoleName } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      const name = { en: request.body.name.en.trim(), nl: request.body.name.nl.trim() }
      await renameRole(app.db, request.params.id, name)
      return { role: request.params.id, name }
    },
  )

  app.delete<{ Params: { id: string } }>(
    '/api/roles/:id',
    { schema: { params: IdParams, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const { revokedLinks } = await deleteRole(app.db, request.params.id, app.now().toISOString())
      return { role: request.params.id, deleted: true, revokedLinks }
    },
  )
}
