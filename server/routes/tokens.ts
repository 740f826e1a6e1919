import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin, requirePrincipal } from '../auth.js'
import { badRequest, forbidden, notFound } from '../errors.js'
import { screenAddress, screenPath } from '../services/addresses.js'
import { createToken, listTokens, personName, revokeToken } from '../services/access.js'
import { errorResponses, IdParamsSchema, Open, TokenQuerySchema } from '../wire/common.js'
import { LinkLanguageSchema, LinksSchema, NewLinkSchema, PeopleSchema, ScreenAddressSchema } from '../wire/tokens.js'

export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/tokens', { schema: { response: { 200: LinksSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { tokens: await listTokens(app.db) }
  })

  // The token itself is shown once, here; afterwards only its name and last-seen time.
  app.post(
    '/api/tokens',
    { schema: { body: NewLinkSchema, response: { 201: Open, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      const { kind, role, resourceId, name } = request.body
      const lang = request.body.lang ?? 'en'
      const at = app.now().toISOString()
      if (kind === 'wall') {
        if (!role) throw badRequest('a wall-screen link needs the role whose dashboard it shows')
        if (resourceId !== undefined) throw badRequest('a wall-screen link shows a role, not a person: leave out resourceId')
        const found = await app.db.selectFrom('dashboard').select('id').where('role', '=', role).executeTakeFirst()
        if (!found) throw badRequest(`the role "${role}" has no dashboard`)
        const { id, token } = await createToken(app.db, { kind, role, name, lang }, at)
        return reply.code(201).send({ id, kind, role, name, lang, token, path: screenPath('wall', role, token, lang) })
      }
      if (!resourceId) throw badRequest("a personal link needs the person's resourceId")
      if (role !== undefined) throw badRequest('a personal link shows a person, not a role: leave out role')
      const person = await app.db.selectFrom('resource').select('id').where('id', '=', resourceId).executeTakeFirst()
      if (!person) throw badRequest(`there is no resource ${resourceId}`)
      const { id, token } = await createToken(app.db, { kind, resourceId, name, lang }, at)
      return reply.code(201).send({ id, kind, resourceId, name, lang, token, path: screenPath('person', resourceId, token, lang) })
    },
  )

  app.delete(
    '/api/tokens/:id',
    { schema: { params: IdParamsSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      if (!(await revokeToken(app.db, request.params.id, app.now().toISOString()))) throw notFound(`there is no active link ${request.params.id}`)
      return { id: request.params.id, revoked: true }
    },
  )

  // The people a personal link can be made for, active first, by name: ids and names only.
  app.get(
    '/api/resources',
    { schema: { response: { 200: PeopleSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const rows = await app.db.selectFrom('resource').select(['id', 'first_name', 'last_name', 'is_active']).execute()
      const resources = rows.map((row) => ({ id: row.id, name: personName(row) || `#${row.id}`, active: row.is_active === 1 }))
      resources.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name) || a.id - b.id)
      return { resources }
    },
  )

  // Where a TV on the network reaches this server, for the builder's TV setup.
  app.get(
    '/api/screen-address',
    { schema: { response: { 200: ScreenAddressSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const address = app.server.address()
      return screenAddress(app.config, typeof address === 'object' && address ? address.port : app.config.port)
    },
  )

  // What a screen's own link was made for (its language), so a page opened without `&lang=` speaks it.
  app.get(
    '/api/link',
    { schema: { querystring: TokenQuerySchema, response: { 200: LinkLanguageSchema, ...errorResponses } } },
    async (request) => {
      const principal = requirePrincipal(request)
      if (principal.kind === 'admin') throw forbidden("this tells a screen its own link's language; the builder has none")
      return { kind: principal.kind, lang: principal.lang ?? 'en' }
    },
  )
}
