import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  entityOfSlug,
  isSignedBy,
  readCallout,
  secretContext,
  type WebhookEntity,
} from '../../connectors/autotask/callout.js'
import { CannotDecryptError } from '../services/secret-box.js'
import { markDeactivated, recordCallout, webhookRow } from '../services/webhooks.js'
import { MessageSchema } from '../wire/common.js'
import { HookParamsSchema } from '../wire/hooks.js'

// Autotask's webhook callouts (autotask-webhooks.md §6): POST <ROLEBOARD_PUBLIC_URL>/hooks/autotask/<slug>, and
// .../<slug>/deactivated when Autotask stops sending. Nothing in a callout is read before its signature is checked
// against the exact bytes received; a verified one is answered at once and its record read again from Autotask
// afterwards, off the request (the callout's fields are a hint, not the truth).

/** Callouts carry one record's changed fields: a few KB. Anything much larger is not one. */
const CALLOUT_LIMIT = 64 * 1024

export const hookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Scoped to this plugin: every body here stays the Buffer it arrived as, whatever its content type says.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CALLOUT_LIMIT }, (_request, body, done) =>
    done(null, body),
  )
  const schema = { params: HookParamsSchema, response: { 401: MessageSchema, 404: MessageSchema, 503: MessageSchema } }
  const options = { schema, bodyLimit: CALLOUT_LIMIT }
  app.post('/hooks/autotask/:slug', options, (request, reply) => receive(request, reply, request.params.slug, false))
  app.post('/hooks/autotask/:slug/deactivated', options, (request, reply) =>
    receive(request, reply, request.params.slug, true),
  )

  async function receive(request: FastifyRequest, reply: FastifyReply, slug: string, deactivation: boolean) {
    const entity = entityOfSlug(slug)
    if (!entity) return reply.code(404).send({ message: `no webhook is received at ${slug}`, code: 'not_found' })
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
    const refuse = (reason: string) => {
      // The entity and the sender only: neither the body nor the signature header ever reach a log line.
      request.log.warn({ entity, remote: request.ip, reason }, 'webhook callout refused')
      return reply
        .code(401)
        .send({ message: 'the callout is not signed with this webhook’s key', code: 'unauthorized' })
    }
    const row = await webhookRow(app.db, entity)
    if (!row) return refuse(`no ${entity} webhook is registered here`)
    let secret: string
    try {
      secret = app.secretBox().open(row.secret_sealed, secretContext(entity), `the ${entity} webhook's key`)
    } catch (error) {
      if (!(error instanceof CannotDecryptError)) throw error
      request.log.error({ entity, reason: error.message }, 'webhook callout not checked')
      return reply.code(503).send({ message: 'the webhook key cannot be read', code: 'unavailable' })
    }
    const header = request.headers['x-hook-signature']
    const signature = Array.isArray(header) ? header[0] : header
    if (!signature) return refuse('no X-Hook-Signature')
    if (!isSignedBy(body, signature, secret)) return refuse('the signature does not match')

    // From here on the callout is Autotask's. Whatever it says, the answer is 2xx: anything else makes it send again.
    const now = app.now()
    const callout = readCallout(body)
    if (deactivation || callout?.action === 'Deactivated') {
      await markDeactivated(
        app.db,
        entity,
        now,
        deactivation ? 'Autotask called the deactivation address' : 'Autotask sent a Deactivated event',
      )
      request.log.warn({ entity }, `Autotask stopped sending ${entity} changes: run roleboard webhooks register again`)
      return reply.code(204).send()
    }
    if (!callout || callout.id === null || (callout.entity !== null && callout.entity !== entity)) {
      request.log.info({ entity }, 'webhook callout ignored: it names no record of this entity')
      await recordCallout(app.db, entity, { action: null, entity, id: null, deliveryKey: null }, now)
      return reply.code(204).send()
    }
    if ((await recordCallout(app.db, entity, callout, now)) === 'duplicate') {
      request.log.info({ entity, id: callout.id }, 'webhook callout seen before: nothing to do')
      return reply.code(204).send()
    }
    reply.code(204).send()
    hand(entity, callout.id, request)
    return reply
  }

  function hand(entity: WebhookEntity, id: number, request: FastifyRequest): void {
    app
      .webhookHints(entity, [id])
      .catch((error: unknown) =>
        request.log.warn({ entity, id, err: error }, 'webhook change not read; the next sync picks it up'),
      )
  }
}
