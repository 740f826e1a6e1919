import type { FastifyInstance } from 'fastify'
import { findKpi } from '../../kpi-library/engine.js'
import { requireAdmin } from '../auth.js'
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../errors.js'
import { errorResponses, Id, KpiId } from '../schemas.js'
import { rowKeyOf } from '../services/acks.js'

const Ack = {
  type: 'object',
  required: ['kpi', 'rowKey'],
  additionalProperties: false,
  properties: {
    kpi: KpiId,
    rowKey: { type: 'string', minLength: 1, maxLength: 300 },
    action: { type: 'string', minLength: 1, maxLength: 60 },
    note: { type: 'string', maxLength: 1000 },
  },
} as const

export async function ackRoutes(app: FastifyInstance): Promise<void> {
  // Marks one row of an action list done. The row must be on the list now, and a person may only
  // mark their own rows.
  app.post<{ Body: { kpi: string; rowKey: string; action?: string; note?: string } }>(
    '/api/acks',
    { schema: { body: Ack, response: { 201: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (request, reply) => {
      const principal = request.principal
      if (!principal) throw unauthorized(request.revoked ? "this screen's link was revoked; ask your administrator for a new one" : undefined, request.revoked ? 'revoked' : undefined)
      if (principal.kind === 'wall') throw forbidden('a wall screen is read-only')
      const kpi = findKpi(request.body.kpi)
      if (!kpi) throw badRequest(`unknown KPI "${request.body.kpi}"`)
      if (kpi.kind !== 'list' || !kpi.action) throw badRequest(`${kpi.id} is not an action list`)
      const me = principal.kind === 'person' ? principal.resourceId : null
      const result = await app.engine.evaluate(kpi.id, { role: principal.kind === 'person' ? 'engineer' : 'owner', me })
      const row = result.kind === 'list' ? result.rows.find((candidate) => rowKeyOf(candidate) === request.body.rowKey) : undefined
      if (!row) throw notFound(`that row is not on the ${kpi.id} list (any more)`)
      if (principal.kind === 'person' && row.resourceId !== principal.resourceId) throw forbidden('you can only mark your own rows done')
      const existing = await app.db.selectFrom('acknowledgement').select('id').where('kpi_id', '=', kpi.id).where('row_key', '=', request.body.rowKey).executeTakeFirst()
      if (existing) throw conflict('that row was marked done already')
      const ack = {
        kpi_id: kpi.id,
        row_key: request.body.rowKey,
        action: request.body.action ?? kpi.action.verb.en,
        note: request.body.note ?? null,
        by_kind: principal.kind === 'admin' ? ('admin' as const) : ('person' as const),
        by_name: principal.name,
        resource_id: typeof row.resourceId === 'number' ? row.resourceId : null,
        row: JSON.stringify(row),
        created_at: app.now().toISOString(),
      }
      const inserted = await app.db.insertInto('acknowledgement').values(ack).returning('id').executeTakeFirstOrThrow()
      return reply.code(201).send({ id: inserted.id, kpi: ack.kpi_id, rowKey: ack.row_key, action: ack.action, note: ack.note, by: ack.by_name, at: ack.created_at })
    },
  )

  app.get<{ Querystring: { kpi?: string; limit?: number } }>(
    '/api/acks',
    {
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { kpi: KpiId, limit: { type: 'integer', minimum: 1, maximum: 500 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      let query = app.db.selectFrom('acknowledgement').selectAll().orderBy('id', 'desc').limit(request.query.limit ?? 100)
      if (request.query.kpi) query = query.where('kpi_id', '=', request.query.kpi)
      const rows = await query.execute()
      return {
        acks: rows.map((row) => ({ id: row.id, kpi: row.kpi_id, rowKey: row.row_key, action: row.action, note: row.note, by: row.by_name, byKind: row.by_kind, resourceId: row.resource_id, at: row.created_at, row: JSON.parse(row.row) })),
      }
    },
  )

  app.delete<{ Params: { id: number } }>(
    '/api/acks/:id',
    { schema: { params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: Id } }, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const result = await app.db.deleteFrom('acknowledgement').where('id', '=', request.params.id).executeTakeFirst()
      if (Number(result.numDeletedRows) === 0) throw notFound(`there is no acknowledgement ${request.params.id}`)
      return { id: request.params.id, undone: true }
    },
  )
}
