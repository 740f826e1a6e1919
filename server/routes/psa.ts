import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin } from '../auth.js'
import { psaInfo } from '../services/psa-info.js'
import { errorResponses } from '../wire/common.js'
import { PsaInfoSchema } from '../wire/psa.js'

export const psaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Which PSA the builder's data comes from: read-only, its name and host only.
  app.get('/api/psa', { schema: { response: { 200: PsaInfoSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return psaInfo(app.db)
  })
}
