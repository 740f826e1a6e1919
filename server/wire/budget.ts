import { type Static, Type } from 'typebox'
import { Nullable, OneOf } from './common.js'

/** Where an entity's pace comes from: roleboard's default, its active webhook (polling is the safety net), or the environment. */
export const PaceSourceSchema = OneOf(['default', 'webhook', 'override'])

/**
 * Why an entity has its pace, as a key the builder words: walls need it every minute, it changes slowly,
 * deletions are rare, its webhook is active (polling is the safety net), or the environment set it.
 */
export const PaceReasonSchema = OneOf(['walls', 'slowly', 'deletions', 'webhook', 'override'])
export type PaceReason = Static<typeof PaceReasonSchema>

/** One thing a sync does (an entity, a deletion scan, the picklists): its pace and what it costs. */
export const BudgetEntitySchema = Type.Object({
  entity: Type.String(),
  /** Seconds between its passes. */
  seconds: Type.Integer(),
  source: PaceSourceSchema,
  reason: PaceReasonSchema,
  /** Requests its last pass made; null: no pass in the last two hours. */
  perPass: Nullable(Type.Integer()),
  /** perPass (1 before the entity's first pass at its pace) times its passes an hour. */
  expectedPerHour: Nullable(Type.Number()),
  /** Requests it made in the last hour, as recorded after each sync. */
  measuredLastHour: Type.Integer(),
})
export type BudgetEntity = Static<typeof BudgetEntitySchema>

/** The Autotask API budget as the builder shows it (GET /api/budget). */
export const BudgetSchema = Type.Object({
  tenant: Type.Object({
    /** The tenant's hourly limit (10,000 until Autotask has reported it). */
    hourlyLimit: Type.Integer(),
    /** Every integration's requests in the hour before `readAt`; null: never read. */
    usedLastHour: Nullable(Type.Integer()),
    readAt: Nullable(Type.String()),
    /** The count is below roleboard's own last hour: Autotask's reading has not caught up yet (it lags). */
    behindOwn: Type.Boolean(),
  }),
  roleboard: Type.Object({
    /** roleboard's own requests in the last hour, all of them (api_usage). */
    lastHour: Type.Integer(),
    /** The sum of the entities' expected requests an hour, with the budget checks they cause. */
    expectedPerHour: Type.Number(),
    /** 5% of the tenant's limit: what the defaults are made to stay under. */
    target: Type.Integer(),
    /** Where roleboard stops for the hour (ROLEBOARD_API_SHARE of the limit). */
    shareLimit: Type.Integer(),
  }),
  syncIntervalSeconds: Type.Integer(),
  entities: Type.Array(BudgetEntitySchema),
  /** ThresholdInformation readings in the last hour. */
  budgetChecksLastHour: Type.Integer(),
  /**
   * roleboard's requests in the last hour that no line above names (the first sync, field lookups, webhook
   * set-up): the total less the entities, budget checks and refreshes, never negative, so the column adds up.
   */
  otherRequestsLastHour: Type.Integer(),
  /** Records read again because a webhook said they changed, in the last hour. */
  webhookRefreshesLastHour: Type.Integer(),
  /** SmileBack's sync, on its own limit (30 a minute), outside Autotask's budget; null when not configured. */
  smileback: Nullable(
    Type.Object({
      lastPassRequests: Type.Integer(),
      lastSuccessAt: Nullable(Type.String()),
    }),
  ),
})
export type Budget = Static<typeof BudgetSchema>
