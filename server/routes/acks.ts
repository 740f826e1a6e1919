import type { FastifyInstance } from 'fastify'
import { requireAdmin, requirePrincipal } from '../auth.js'
import { AckRecord, errorResponses, Id, KpiId, Token, TokenQuery } from '../schemas.js'
import { type AckInput, ackLog, acknowledge, undoAck } from '../services/acks.js'

const AckBody = {
  type: 'object',
  required: ['kpi', 'rowKey'],
  additionalProperties: false,
  properties: {
    kpi: KpiId,
    rowKey: { type: 'string', minLength: 1, maxLength: 300 },
    action: { type: 'string', minLength: 1, maxLength: 60 },
    // Trimmed before use; required (non-empty) where the tap resolves the row.
    note: { type: 'string', maxLength: 1000 },
  },
} as const

export async function ackRoutes(app: FastifyInstance): Promise<void> {
  // A tap on an action row: "I'm on it" (take) or "Called back" with a note (resolve). Who may tap
  // which row is decided per row (services/acks.ts).
  app.post<{ Body: AckInput; Querystring: { token?: string } }>(
    '/api/acks',
    { schema: { body: AckBody, querystring: TokenQuery, response: { 201: AckRecord, ...errorResponses } } },
    async (request, reply) => {
      const ack = await acknowledge(app.db, app.engine, requirePrincipal(request), request.body, app.now())
      return reply.code(201).send(ack)
    },
  )

  // The log, undone acknowledgements included.
  app.get<{ Querystring: { kpi?: string; limit?: number; token?: string } }>(
    '/api/acks',
    {
      schema: {
        querystring: { type: 'object', additionalProperties: false, properties: { kpi: KpiId, limit: { type: 'integer', minimum: 1, maximum: 500 }, token: Token } },
        response: { 200: { type: 'object', properties: { acks: { type: 'array', items: AckRecord } } }, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      return { acks: await ackLog(app.db, request.query) }
    },
  )

  app.delete<{ Params: { id: number }; Querystring: { token?: string } }>(
    '/api/acks/:id',
    {
      schema: {
        params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: Id } },
        querystring: TokenQuery,
        response: { 200: AckRecord, ...errorResponses },
      },
    },
    async (request) => undoAck(app.db, requirePrincipal(request), request.params.id, app.now()),
  )
}
