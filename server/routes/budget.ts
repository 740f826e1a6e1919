import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin } from '../auth.js'
import { budgetView } from '../services/budget.js'
import { BudgetSchema } from '../wire/budget.js'
import { errorResponses } from '../wire/common.js'

export const budgetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The owner's view of what roleboard costs the tenant's shared Autotask API budget.
  app.get('/api/budget', { schema: { response: { 200: BudgetSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return budgetView(app.db, app.config, app.now())
  })
}
