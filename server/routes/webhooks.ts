import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin } from '../auth.js'
import { webhookList } from '../services/webhooks.js'
import { errorResponses } from '../wire/common.js'
import { WebhookListSchema } from '../wire/hooks.js'

export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Whether Autotask still sends changes, per entity, for the builder: never a secret.
  app.get('/api/webhooks', { schema: { response: { 200: WebhookListSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return webhookList(app.db, app.config.publicUrl)
  })
}
