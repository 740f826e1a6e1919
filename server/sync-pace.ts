import type { Kysely } from 'kysely'
import type { SyncOptions } from '../connectors/autotask/sync.js'
import type { Database } from '../db/schema.js'
import type { Config } from './config.js'
import type { PaceReason } from './wire/budget.js'

// How often the server's syncs ask Autotask for each thing, so roleboard stays at or below 5% of the tenant's
// shared hourly limit (500 of 10,000) while walls stay fresh. The connector on its own syncs every entity each
// run; these defaults are the server's.
//
// Requests per hour at these defaults, by hand (a 60 s schedule; a pass of a watermark entity is 1 request while
// fewer than 500 records changed, a snapshot 1 per 500 records; the id scans 1 per 500 ids; the desks are the
// simulator's small and medium ones, seed 42):
//
// | what                                                       | pace   | small desk | medium desk |
// | ---------------------------------------------------------- | ------ | ---------: | ----------: |
// | Tickets, TicketNotes, TimeEntries, SurveyResults           | 60 s   |        240 |         240 |
// | ServiceLevelAgreementResults (only when tickets changed)   | 60 s   |      <= 60 |       <= 60 |
// | DeletedTicketLogs                                          | 5 min  |         12 |          12 |
// | Companies, Contacts, Opportunities, Quotes, Projects, Tasks | 15 min |         24 |          24 |
// | Resources                                                  | 30 min |          2 |           2 |
// | Contracts, Surveys, ConfigurationItems, Invoices           | 1 h    |          4 |           4 |
// | TicketNotes and TimeEntries deletion scans (62 days)       | 1 h    |      5 + 9 |     25 + 42 |
// | the other five deletion scans (every id)                   | 6 h    |     10 / 6 |      22 / 6 |
// | Picklists (field information of 16 entities)               | 6 h    |     16 / 6 |      16 / 6 |
// | ThresholdInformation (1 per 100 requests)                  |        |         ~4 |          ~4 |
// | an hour on average, no webhooks                            |        |     <= 366 |      <= 420 |
// | the busiest hour (the 6-hourly passes in it), no webhooks  |        |     <= 388 |      <= 452 |
//
// With the Tickets and TicketNotes webhooks active both are polled every 15 min instead: 120 - 8 = 112 fewer
// (Companies and Contacts are at 15 min already). The records their callouts make roleboard read again come on
// top, at most one request per changed record; the builder's budget view measures them.
//
// `npm run bench -- --only budget` measures the same against the simulator (BENCHMARKS.md).

const MINUTE = 60
const HOUR = 3600

/** The share of the tenant's hourly limit the defaults are made to stay under (the governor's hard stop is higher). */
export const BUDGET_TARGET_SHARE = 0.05

/** How often a sync does each thing by default (seconds), and why. Keys are the sync's own names for its tasks. */
export const DEFAULT_PACE: Readonly<Record<string, { seconds: number; why: string }>> = {
  Tickets: { seconds: MINUTE, why: 'what every wall lists and counts' },
  TicketNotes: { seconds: MINUTE, why: 'customer replies and waiting-on-us lists' },
  TimeEntries: { seconds: MINUTE, why: "today's hours and utilisation tiles" },
  SurveyResults: { seconds: MINUTE, why: 'a fresh bad score should show at once' },
  ServiceLevelAgreementResults: {
    seconds: MINUTE,
    why: 'follows tickets: asks only for those changed since its last pass, nothing when none did',
  },
  DeletedTicketLogs: { seconds: 5 * MINUTE, why: 'deletions are rare; a deleted ticket leaves the walls within 5 min' },
  Companies: { seconds: 15 * MINUTE, why: 'names on ticket rows; new customers are rare in a day' },
  Contacts: { seconds: 15 * MINUTE, why: 'names on ticket rows; a new contact is seldom urgent' },
  Opportunities: { seconds: 15 * MINUTE, why: 'sales pipeline moves over days, not minutes' },
  Quotes: { seconds: 15 * MINUTE, why: 'sales pipeline moves over days, not minutes' },
  Projects: { seconds: 15 * MINUTE, why: 'planned work; changes by the day' },
  Tasks: { seconds: 15 * MINUTE, why: 'planned work; changes by the day' },
  Resources: { seconds: 30 * MINUTE, why: 'technicians change with hires and leavers' },
  Contracts: { seconds: HOUR, why: 'billing terms; changed a few times a month' },
  Surveys: { seconds: HOUR, why: 'survey definitions; almost never change' },
  ConfigurationItems: { seconds: HOUR, why: 'assets; change with installs, read by no wall' },
  Invoices: { seconds: HOUR, why: 'finance figures; invoicing runs are daily or monthly' },
  Picklists: { seconds: 6 * HOUR, why: 'labels and field lists change when an admin edits Autotask' },
  'TicketNotes:deletions': { seconds: HOUR, why: 'id scan of 62 days (1 request per 500 notes)' },
  'TimeEntries:deletions': {
    seconds: HOUR,
    why: 'id scan of 62 days (1 request per 500 entries); a deleted entry leaves hours tiles within the hour',
  },
  'ConfigurationItems:deletions': { seconds: 6 * HOUR, why: 'id scan of every asset; slow-moving records' },
  'Opportunities:deletions': { seconds: 6 * HOUR, why: 'id scan of every opportunity; slow-moving records' },
  'Quotes:deletions': { seconds: 6 * HOUR, why: 'id scan of every quote; slow-moving records' },
  'Projects:deletions': { seconds: 6 * HOUR, why: 'id scan of every project; slow-moving records' },
  'Tasks:deletions': { seconds: 6 * HOUR, why: 'id scan of every task; slow-moving records' },
}

/** While an entity's webhook is active, polling is only the safety net for a callout that never came. */
export const WEBHOOK_SAFETY_NET_SECONDS = 15 * MINUTE

/** Where an entity's pace comes from: the defaults above, its active webhook, or ROLEBOARD_SYNC_ENTITY_INTERVALS. */
export type PaceSource = 'default' | 'webhook' | 'override'

export interface EntityPace {
  entity: string
  seconds: number
  source: PaceSource
  reason: PaceReason
}

/** Why a pace, in a word the builder words for the owner: the table's `why` grouped, or where it was set. */
function paceReason(entity: string, seconds: number, source: PaceSource): PaceReason {
  if (source !== 'default') return source
  if (entity === 'DeletedTicketLogs' || entity.endsWith(':deletions')) return 'deletions'
  return seconds <= MINUTE ? 'walls' : 'slowly'
}

/**
 * The pace in force for everything a sync does, given the webhooks active now and the configured overrides.
 * `trustWebhooks` false: as if none were active (callouts may have gone unanswered while roleboard was down).
 */
export async function paceInForce(
  db: Kysely<Database>,
  overrides: Readonly<Record<string, number>>,
  trustWebhooks = true,
): Promise<EntityPace[]> {
  const webhooks = trustWebhooks
    ? await db.selectFrom('autotask_webhook').select('entity').where('is_active', '=', 1).execute()
    : []
  const watched = new Set(webhooks.map((row) => row.entity))
  return Object.entries(DEFAULT_PACE).map(([entity, { seconds }]): EntityPace => {
    const override = overrides[entity]
    if (override !== undefined) return { entity, seconds: override, source: 'override', reason: 'override' }
    if (watched.has(entity))
      return { entity, seconds: Math.max(seconds, WEBHOOK_SAFETY_NET_SECONDS), source: 'webhook', reason: 'webhook' }
    return { entity, seconds, source: 'default', reason: paceReason(entity, seconds, 'default') }
  })
}

/** Passes an hour on a schedule of `scheduleSeconds`: never more than one a run. */
export function passesPerHour(seconds: number, scheduleSeconds: number): number {
  return HOUR / Math.max(seconds, scheduleSeconds)
}

type PacedOptions = Required<Pick<SyncOptions, 'entityIntervals' | 'reconcileEveryMs' | 'picklistMaxAgeMs'>>

/**
 * The paces as the connector takes them. What is paced at or below the schedule syncs every run. The rest is due
 * on the first run at least its pace after its last pass: a pass stamps its success a moment into its run, so the
 * run exactly one pace later would otherwise find it a few seconds short and wait a whole period more; half a
 * period of slack absorbs that. The scans and picklists are paced here too, not by the connector's own clocks.
 */
export async function pacedSyncOptions(
  db: Kysely<Database>,
  config: Config,
  trustWebhooks: boolean,
): Promise<PacedOptions> {
  const entityIntervals: Record<string, number> = {}
  for (const { entity, seconds } of await paceInForce(db, config.entityIntervals, trustWebhooks)) {
    if (seconds > config.syncIntervalSeconds) entityIntervals[entity] = seconds - config.syncIntervalSeconds / 2
  }
  return { entityIntervals, reconcileEveryMs: 0, picklistMaxAgeMs: 0 }
}
