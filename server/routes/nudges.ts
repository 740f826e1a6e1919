import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadSettings } from '../../kpi-library/settings.js'
import { requireAdmin } from '../auth.js'
import {
  addChannel,
  channelTarget,
  deleteChannel,
  listChannels,
  recordDelivered,
  recordFailed,
} from '../services/nudges/channels.js'
import { postJson } from '../services/nudges/deliver.js'
import { testMessage } from '../services/nudges/messages.js'
import { deleteRule, listRules, setRule } from '../services/nudges/rules.js'
import { errorResponses, IdParamsSchema, Open } from '../wire/common.js'
import {
  ChannelViewSchema,
  NewChannelSchema,
  NudgeStateSchema,
  RuleInputSchema,
  RuleViewSchema,
  TestResultSchema,
  TileParamsSchema,
} from '../wire/nudges.js'

// The owner's nudge settings: chat channels (a webhook URL goes in once and never comes back out) and, per
// action-list tile, the channel its new rows go to and whom they are for. Admin only, every input validated.
export const nudgeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/nudges', { schema: { response: { 200: NudgeStateSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { channels: await listChannels(app.db), rules: await listRules(app.db) }
  })

  app.post(
    '/api/nudges/channels',
    { schema: { body: NewChannelSchema, response: { 201: ChannelViewSchema, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      const channel = await addChannel(app.db, app.secretBox(), request.body, app.now().toISOString())
      return reply.code(201).send(channel)
    },
  )

  app.delete(
    '/api/nudges/channels/:id',
    { schema: { params: IdParamsSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      await deleteChannel(app.db, request.params.id)
      return { id: request.params.id, deleted: true }
    },
  )

  // A test post, sent now; its outcome is the channel's health too, so a wrong URL shows red at once.
  app.post(
    '/api/nudges/channels/:id/test',
    { schema: { params: IdParamsSchema, response: { 200: TestResultSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const { id } = request.params
      const target = await channelTarget(app.db, app.secretBox(), id)
      const channel = (await listChannels(app.db)).find((one) => one.id === id)!
      const { settings } = await loadSettings(app.db)
      const now = new Date()
      const outcome = await postJson(target.url, testMessage(target.kind, channel.name, settings.language), now)
      if (outcome.ok) {
        await recordDelivered(app.db, id, now.toISOString())
        return { delivered: true, error: null }
      }
      // A failed test schedules nothing: the next real post is tried when it is due.
      await recordFailed(app.db, id, {
        error: outcome.error,
        at: now.toISOString(),
        nextAttemptAt: channel.nextAttemptAt,
      })
      return { delivered: false, error: outcome.error }
    },
  )

  app.put(
    '/api/nudges/rules/:tileId',
    {
      schema: { params: TileParamsSchema, body: RuleInputSchema, response: { 200: RuleViewSchema, ...errorResponses } },
    },
    async (request) => {
      requireAdmin(request)
      return setRule(app.db, app.engine, request.params.tileId, request.body, app.now().toISOString())
    },
  )

  app.delete(
    '/api/nudges/rules/:tileId',
    { schema: { params: TileParamsSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      await deleteRule(app.db, request.params.tileId)
      return { tileId: request.params.tileId, deleted: true }
    },
  )
}
