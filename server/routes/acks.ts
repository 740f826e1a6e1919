import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin, requirePrincipal } from '../auth.js'
import { ackLog, acknowledge, undoAck } from '../services/acks.js'
import { AckInputSchema, AckLogQuerySchema, AckLogSchema, AckRecordSchema } from '../wire/acks.js'
import { errorResponses, IdParamsSchema, TokenQuerySchema } from '../wire/common.js'

export const ackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A tap on an action row: "I'm on it" (take) or "Called back" with a note (resolve). Who may tap
  // which row is decided per row (services/acks.ts).
  app.post(
    '/api/acks',
    {
      schema: {
        body: AckInputSchema,
        querystring: TokenQuerySchema,
        response: { 201: AckRecordSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ack = await acknowledge(app.db, app.engine, requirePrincipal(request), request.body, app.now())
      return reply.code(201).send(ack)
    },
  )

  // The log, undone acknowledgements included.
  app.get(
    '/api/acks',
    { schema: { querystring: AckLogQuerySchema, response: { 200: AckLogSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return { acks: await ackLog(app.db, request.query) }
    },
  )

  app.delete(
    '/api/acks/:id',
    {
      schema: {
        params: IdParamsSchema,
        querystring: TokenQuerySchema,
        response: { 200: AckRecordSchema, ...errorResponses },
      },
    },
    async (request) => undoAck(app.db, requirePrincipal(request), request.params.id, app.now()),
  )
}
