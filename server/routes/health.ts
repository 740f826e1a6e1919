import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { redactSecrets } from '../../connectors/redact.js'
import { lastSyncs } from '../services/health.js'
import { HealthSchema } from '../wire/health.js'

/**
 * Health for a monitor, which needs no login: up or degraded (the last sync failed) and how old the
 * data is, nothing else. The error text, the version and the sync times are for the admin's session.
 */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: { response: { 200: HealthSchema } } }, async (request) => {
    const { last, success } = await lastSyncs(app.db)
    const successAt = success?.finished_at ?? null
    const answer = {
      status: last && last.ok === 0 ? ('degraded' as const) : ('up' as const),
      dataAgeSeconds: successAt ? Math.max(0, Math.round((Date.now() - Date.parse(successAt)) / 1000)) : null,
    }
    if (request.principal?.kind !== 'admin') return answer
    return {
      ...answer,
      details: {
        version: app.appVersion,
        lastSync: {
          at: last?.finished_at ?? null,
          ok: last ? last.ok === 1 : null,
          error: last?.error ? redactSecrets(last.error) : null,
        },
        lastSuccessAt: successAt,
      },
    }
  })
}
