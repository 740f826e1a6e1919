import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../auth.js'
import { errorResponses, TileInput } from '../schemas.js'
import { getStrip, setStrip, type TileInput as TileInputType } from '../services/dashboards.js'

const Goal = { type: 'object', required: ['kpi'], additionalProperties: false, properties: { kpi: TileInput.properties.kpi, params: TileInput.properties.params, target: TileInput.properties.target, warn: TileInput.properties.warn } } as const
const Strip = { type: 'object', properties: { goals: { type: 'array', items: { type: 'object', additionalProperties: true } } } } as const

export async function stripRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/company-strip', { schema: { response: { 200: Strip, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { goals: await getStrip(app.db) }
  })

  app.put<{ Body: { goals: TileInputType[] } }>(
    '/api/company-strip',
    {
      schema: {
        body: { type: 'object', required: ['goals'], additionalProperties: false, properties: { goals: { type: 'array', maxItems: 20, items: Goal } } },
        response: { 200: Strip, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      await setStrip(app.db, request.body.goals)
      app.stripVersion += 1
      return { goals: await getStrip(app.db) }
    },
  )
}
