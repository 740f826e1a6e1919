import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadSettings } from '../../kpi-library/settings.js'
import { requirePerson } from '../auth.js'
import { notFound } from '../errors.js'
import { errorResponses, Serialised } from '../wire/common.js'
import { MeParamsSchema, MeQuerySchema } from '../wire/me.js'

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/me/:resourceId',
    {
      // Polled by every screen: a line per answer would drown the log; failures are still logged.
      logLevel: 'warn',
      schema: {
        params: MeParamsSchema,
        querystring: MeQuerySchema,
        response: { 200: Serialised, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { resourceId } = request.params
      const viewer = requirePerson(request, resourceId)
      const lang =
        request.query.lang ??
        (viewer.kind === 'person' ? viewer.lang : null) ??
        (await loadSettings(app.db)).settings.language
      const page = await app.evaluator.myPageJson({ resourceId, lang })
      if (page === null) throw notFound(`there is no resource ${resourceId}`)
      return reply.type('application/json; charset=utf-8').send(page)
    },
  )
}
