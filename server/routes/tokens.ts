import type { FastifyInstance } from 'fastify'
import { requireAdmin, requirePrincipal } from '../auth.js'
import { badRequest, forbidden, notFound } from '../errors.js'
import { errorResponses, Id, Lang, RoleId, TokenQuery } from '../schemas.js'
import { screenAddress, screenPath } from '../services/addresses.js'
import { createToken, listTokens, personName, revokeToken } from '../services/access.js'

const Name = { type: 'string', minLength: 1, maxLength: 80 } as const
const Link = {
  type: 'object',
  required: ['id', 'kind', 'name', 'lang', 'createdAt'],
  additionalProperties: false,
  properties: {
    id: Id,
    kind: { type: 'string', enum: ['wall', 'person'] },
    role: { type: ['string', 'null'] },
    resourceId: { type: ['integer', 'null'] },
    person: { type: ['string', 'null'] },
    name: { type: 'string' },
    lang: Lang,
    createdAt: { type: 'string' },
    lastSeenAt: { type: ['string', 'null'] },
    revokedAt: { type: ['string', 'null'] },
  },
} as const

export async function tokenRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/tokens', { schema: { response: { 200: { type: 'object', required: ['tokens'], additionalProperties: false, properties: { tokens: { type: 'array', items: Link } } }, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { tokens: await listTokens(app.db) }
  })

  // The token itself is shown once, here; afterwards only its name and last-seen time.
  app.post<{ Body: { kind: 'wall' | 'person'; role?: string; resourceId?: number; name: string; lang?: 'en' | 'nl' } }>(
    '/api/tokens',
    {
      schema: {
        body: {
          type: 'object',
          required: ['kind', 'name'],
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ['wall', 'person'] }, role: RoleId, resourceId: Id, name: Name, lang: Lang },
        },
        response: { 201: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
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

  app.delete<{ Params: { id: number } }>(
    '/api/tokens/:id',
    { schema: { params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: Id } }, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      if (!(await revokeToken(app.db, request.params.id, app.now().toISOString()))) throw notFound(`there is no active link ${request.params.id}`)
      return { id: request.params.id, revoked: true }
    },
  )

  // The people a personal link can be made for, active first, by name: ids and names only.
  app.get(
    '/api/resources',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['resources'],
            additionalProperties: false,
            properties: { resources: { type: 'array', items: { type: 'object', required: ['id', 'name', 'active'], additionalProperties: false, properties: { id: Id, name: { type: 'string' }, active: { type: 'boolean' } } } } },
          },
          ...errorResponses,
        },
      },
    },
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
    {
      schema: {
        response: {
          200: {
            type: 'object',
            required: ['bound', 'localOnly', 'publicUrl', 'lan'],
            additionalProperties: false,
            properties: { bound: { type: 'string' }, localOnly: { type: 'boolean' }, publicUrl: { type: ['string', 'null'] }, lan: { type: 'array', items: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAdmin(request)
      const address = app.server.address()
      return screenAddress(app.config, typeof address === 'object' && address ? address.port : app.config.port)
    },
  )

  // What a screen's own link was made for (its language), so a page opened without `&lang=` speaks it.
  app.get<{ Querystring: { token?: string } }>(
    '/api/link',
    {
      schema: {
        querystring: TokenQuery,
        response: { 200: { type: 'object', required: ['kind', 'lang'], additionalProperties: false, properties: { kind: { type: 'string', enum: ['wall', 'person'] }, lang: Lang } }, ...errorResponses },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request)
      if (principal.kind === 'admin') throw forbidden("this tells a screen its own link's language; the builder has none")
      return { kind: principal.kind, lang: principal.lang ?? 'en' }
    },
  )
}
