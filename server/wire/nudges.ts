import { type Static, Type } from 'typebox'
import { IdSchema, Nullable, OneOf } from './common.js'

// Nudges: a new row of an action list posted to a Teams or Slack channel (server/services/nudges/). A channel's
// webhook URL goes in once, with NewChannelSchema, and never comes back out: answers carry its host only.

export const CHANNEL_KINDS = ['teams', 'slack'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

export const NewChannelSchema = Type.Object(
  {
    kind: OneOf(CHANNEL_KINDS),
    name: Type.String({ minLength: 1, maxLength: 80 }),
    // Checked further by the service (https, or http to this machine for a local receiver); the schema keeps the
    // URL out of its refusal, which names the field only.
    url: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
)
export type NewChannel = Static<typeof NewChannelSchema>

/** A channel as the builder sees it: its name, the webhook's host and how delivery goes; never the URL. */
export const ChannelViewSchema = Type.Object({
  id: Type.Integer(),
  kind: OneOf(CHANNEL_KINDS),
  name: Type.String(),
  /** `hooks.slack.com/…`: enough to tell channels apart, nothing that lets anyone post. */
  host: Type.String(),
  createdAt: Type.String(),
  /** new: nothing posted yet; ok: the last post was delivered; failing: retrying (or given up). */
  health: OneOf(['new', 'ok', 'failing']),
  failures: Type.Integer(),
  failingSince: Nullable(Type.String()),
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Type.String()),
  nextAttemptAt: Nullable(Type.String()),
  lastOkAt: Nullable(Type.String()),
  /** Posts waiting to go out. */
  pending: Type.Integer(),
  /** Posts that kept failing for a day and were dropped. */
  givenUp: Type.Integer(),
})
export type ChannelView = Static<typeof ChannelViewSchema>

export const RuleInputSchema = Type.Object(
  {
    channel: IdSchema,
    // Whom the post addresses: a team, a role or a person's name ("Service desk", "Daan").
    audience: Type.String({ minLength: 1, maxLength: 80 }),
  },
  { additionalProperties: false },
)
export type RuleInput = Static<typeof RuleInputSchema>

/** A tile's nudge: its new rows go to `channel`, addressed to `audience`. */
export const RuleViewSchema = Type.Object({
  id: Type.Integer(),
  tileId: Type.Integer(),
  role: Type.String(),
  kpi: Type.String(),
  channel: Type.Integer(),
  audience: Type.String(),
  createdAt: Type.String(),
  /** Rows already on the list when the rule was made: seen, not posted. */
  seen: Type.Integer(),
  posted: Type.Integer(),
})
export type RuleView = Static<typeof RuleViewSchema>

export const NudgeStateSchema = Type.Object({
  channels: Type.Array(ChannelViewSchema),
  rules: Type.Array(RuleViewSchema),
})
export type NudgeState = Static<typeof NudgeStateSchema>

export const TileParamsSchema = Type.Object({ tileId: IdSchema }, { additionalProperties: false })

/** What a test post did: delivered, or the one-line reason it was not (the channel's health says the same). */
export const TestResultSchema = Type.Object({ delivered: Type.Boolean(), error: Nullable(Type.String()) })
export type TestResult = Static<typeof TestResultSchema>
