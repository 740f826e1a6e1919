import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin } from '../auth.js'
import { createDashboard, createRole, deleteRole, listRoles, renameRole } from '../services/dashboards.js'
import { errorResponses, Open, OpenOf } from '../wire/common.js'
import { NewRoleSchema, RoleIdParamsSchema, type RoleList, RoleRenameSchema } from '../wire/roles.js'

export const roleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/roles', { schema: { response: { 200: OpenOf<RoleList>(), ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    const roles = await listRoles(app.db)
    return {
      roles: roles.map((role) => ({
        id: role.id,
        name: { en: role.name_en, nl: role.name_nl },
        builtin: role.builtin === 1,
        // The title is the joined dashboard's, so there whenever its id is.
        dashboard: role.dashboardId && role.title !== null ? { id: role.dashboardId, title: role.title } : null,
      })),
    }
  })

  // A custom role, which gets its one (empty) dashboard at once.
  app.post(
    '/api/roles',
    { schema: { body: NewRoleSchema, response: { 201: Open, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      const at = app.now().toISOString()
      await createRole(app.db, request.body, at)
      const dashboard = await createDashboard(
        app.db,
        request.body.id,
        request.body.title ?? request.body.name.en,
        [],
        at,
      )
      return reply.code(201).send({ role: request.body.id, dashboard })
    },
  )

  app.patch(
    '/api/roles/:id',
    { schema: { params: RoleIdParamsSchema, body: RoleRenameSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const name = { en: request.body.name.en.trim(), nl: request.body.name.nl.trim() }
      await renameRole(app.db, request.params.id, name)
      return { role: request.params.id, name }
    },
  )

  app.delete(
    '/api/roles/:id',
    { schema: { params: RoleIdParamsSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const { revokedLinks } = await deleteRole(app.db, request.params.id, app.now().toISOString())
      return { role: request.params.id, deleted: true, revokedLinks }
    },
  )
}
