import Fastify, { type FastifyInstance } from 'fastify'
import type { DbHandle } from '../db/index.js'
import type { Config } from './config.js'

export interface AppOptions {
  config: Config
  handle: DbHandle
  version: string
  logger?: boolean
}

const HealthSchema = {
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

/** The HTTP app. Until the dashboards land it serves health and a plain status page. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false })
  const { db } = options.handle

  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    return reply.code(status).send({ message: status < 500 ? error.message : 'Internal Server Error' })
  })

  app.get('/api/health', { schema: { response: { 200: HealthSchema } } }, async () => {
    const run = await db.selectFrom('sync_run').selectAll().where('finished_at', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst()
    return {
      status: run && run.ok === 0 ? 'degraded' : 'ok',
      db: 'ok',
      lastSync: { at: run?.finished_at ?? null, ok: run ? run.ok === 1 : null, ...(run?.error ? { error: run.error } : {}) },
      version: options.version,
    }
  })

  app.get('/', async (_request, reply) => {
    const counts = await Promise.all(
      (['ticket', 'time_entry', 'survey_result', 'company', 'contact', 'resource', 'contract'] as const).map(async (table) => {
        const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
        return [table, Number(row?.n ?? 0)] as const
      }),
    )
    const rows = counts.map(([table, n]) => `<tr><td>${table.replace('_', ' ')}</td><td>${n.toLocaleString('nl-NL')}</td></tr>`).join('')
    return reply
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>roleboard</title></head><body style="font-family:system-ui;background:#111;color:#eee;padding:2rem"><h1>roleboard</h1><p>Synced from the PSA:</p><table>${rows}</table><p><a style="color:#8cf" href="/api/health">/api/health</a></p></body></html>`)
  })

  return app
}
