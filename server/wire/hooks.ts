import { type Static, Type } from 'typebox'
import { Nullable } from './common.js'

/** `/hooks/autotask/<slug>[/deactivated]`: which entity's callout this is (tickets, ticket-notes, companies, contacts). */
export const HookParamsSchema = Type.Object(
  { slug: Type.String({ pattern: '^[a-z][a-z-]{0,39}$' }) },
  { additionalProperties: false },
)

/** One entity's webhook as roleboard knows it: never its secret. */
export const WebhookStateSchema = Type.Object({
  entity: Type.String(),
  registered: Type.Boolean(),
  /** False once Autotask said it stopped sending (a verified deactivation callout). */
  active: Type.Boolean(),
  /** Where Autotask sends the callouts; null while not registered. */
  url: Nullable(Type.String()),
  registeredAt: Nullable(Type.String()),
  deactivatedAt: Nullable(Type.String()),
  deactivationNote: Nullable(Type.String()),
  lastCalloutAt: Nullable(Type.String()),
})
export type WebhookState = Static<typeof WebhookStateSchema>

/** GET /api/webhooks: the four webhooks (tickets, ticket notes, companies, contacts) and the address they need. */
export const WebhookListSchema = Type.Object({
  /** ROLEBOARD_PUBLIC_URL, which `roleboard webhooks register` needs; null when not set. */
  publicUrl: Nullable(Type.String()),
  webhooks: Type.Array(WebhookStateSchema),
})
export type WebhookList = Static<typeof WebhookListSchema>
