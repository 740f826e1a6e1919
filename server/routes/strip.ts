import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin } from '../auth.js'
import { getStrip, setStrip } from '../services/dashboards.js'
import { errorResponses } from '../wire/common.js'
import { StripInputSchema, StripSchema } from '../wire/dashboards.js'

export const stripRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/company-strip', { schema: { response: { 200: StripSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { goals: await getStrip(app.db) }
  })

  app.put(
    '/api/company-strip',
    { schema: { body: StripInputSchema, response: { 200: StripSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      await setStrip(app.db, request.body.goals)
      app.stripVersion += 1
      return { goals: await getStrip(app.db) }
    },
  )
}
