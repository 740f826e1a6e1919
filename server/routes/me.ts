import type { FastifyInstance } from 'fastify'
import { loadSettings } from '../../kpi-library/settings.js'
import type { Lang as LangCode } from '../../kpi-library/types.js'
import { requirePerson } from '../auth.js'
import { notFound } from '../errors.js'
import { errorResponses, Id, Lang } from '../schemas.js'

export async function meRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { resourceId: number }; Querystring: { lang?: LangCode; token?: string } }>(
    '/api/me/:resourceId',
    {
      schema: {
        params: { type: 'object', required: ['resourceId'], additionalProperties: false, properties: { resourceId: Id } },
        querystring: { type: 'object', additionalProperties: false, properties: { lang: Lang, token: { type: 'string', maxLength: 200 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { resourceId } = request.params
      const viewer = requirePerson(request, resourceId)
      const lang = request.query.lang ?? (viewer.kind === 'person' ? viewer.lang : null) ?? (await loadSettings(app.db)).settings.language
      const page = await app.evaluator.myPageJson({ resourceId, lang })
      if (page === null) throw notFound(`there is no resource ${resourceId}`)
      return reply.type('application/json; charset=utf-8').send(page)
    },
  )
}

