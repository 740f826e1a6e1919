import type { FastifyInstance } from 'fastify'

const Health = {
  type: 'object',
  required: ['status', 'db', 'lastSync', 'version'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded'] },
    db: { type: 'string' },
    lastSync: {
      type: 'object',
      required: ['at', 'ok'],
      properties: { at: { type: ['string', 'null'] }, ok: { type: ['boolean', 'null'] }, error: { type: 'string' } },
    },
    version: { type: 'string' },
  },
} as const

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', { schema: { response: { 200: Health } } }, async () => {
    const run = await app.db.selectFrom('sync_run').selectAll().where('finished_at', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst()
    return {
      status: run && run.ok === 0 ? 'degraded' : 'ok',
      db: 'ok',
      lastSync: { at: run?.finished_at ?? null, ok: run ? run.ok === 1 : null, ...(run?.error ? { error: run.error } : {}) },
      version: app.appVersion,
    }
  })
}
