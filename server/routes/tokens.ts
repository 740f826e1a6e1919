import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin, requirePrincipal } from '../auth.js'
import { forbidden, notFound } from '../errors.js'
import { screenAddress } from '../services/addresses.js'
import { createLink, linkablePeople, listTokens, revokeToken } from '../services/access.js'
import { errorResponses, IdParamsSchema, Open, OpenOf, TokenQuerySchema } from '../wire/common.js'
import {
  type CreatedLink,
  LinkLanguageSchema,
  LinksSchema,
  NewLinkSchema,
  PeopleSchema,
  ScreenAddressSchema,
} from '../wire/tokens.js'

export const tokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/tokens', { schema: { response: { 200: LinksSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { tokens: await listTokens(app.db) }
  })

  // The token itself is shown once, here; afterwards only its name and last-seen time.
  app.post(
    '/api/tokens',
    { schema: { body: NewLinkSchema, response: { 201: OpenOf<CreatedLink>(), ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      return reply.code(201).send(await createLink(app.db, request.body, app.now().toISOString()))
    },
  )

  app.delete(
    '/api/tokens/:id',
    { schema: { params: IdParamsSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      if (!(await revokeToken(app.db, request.params.id, app.now().toISOString())))
        throw notFound(`there is no active link ${request.params.id}`)
      return { id: request.params.id, revoked: true }
    },
  )

  // The people a personal link can be made for.
  app.get('/api/resources', { schema: { response: { 200: PeopleSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { resources: await linkablePeople(app.db) }
  })

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
      if (principal.kind === 'admin')
        throw forbidden("this tells a screen its own link's language; the builder has none")
      return { kind: principal.kind, lang: principal.lang ?? 'en' }
    },
  )
}
