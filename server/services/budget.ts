import type { Kysely } from 'kysely'
import { DEFAULT_REREAD_EVERY } from '../../connectors/autotask/governor.js'
import { PSA } from '../../connectors/autotask/sync.js'
import type { Database } from '../../db/schema.js'
import type { Config } from '../config.js'
import { BUDGET_TARGET_SHARE, paceInForce, passesPerHour } from '../sync-pace.js'
import { THRESHOLD_READS } from '../sync-usage.js'
import type { Budget, BudgetEntity } from '../wire/budget.js'

const HOUR_MS = 3_600_000
/** Autotask's documented limit, until the tenant's own reading says otherwise. */
const ASSUMED_HOURLY_LIMIT = 10_000

const minuteKey = (time: number) => new Date(time).toISOString().slice(0, 16)

/**
 * What roleboard asks of the tenant's shared hourly API budget: per entity its pace in force and why, what its
 * last pass cost, what that comes to an hour (expected) and what it did cost in the last hour (measured); beside
 * that roleboard's total, its 5% target, its hard share limit and the tenant's count as Autotask last reported it.
 */
export async function budgetView(db: Kysely<Database>, config: Config, now: Date): Promise<Budget> {
  const hourAgo = minuteKey(now.getTime() - HOUR_MS)
  // Bounded above too: a clock pinned in the past (a demo, a test) reads the hour before it, not what came after.
  const thisMinute = minuteKey(now.getTime())
  const [pace, usage, own, threshold, refreshes, smileback, wholeReads] = await Promise.all([
    paceInForce(db, config.entityIntervals),
    db
      .selectFrom('api_entity_usage')
      .select(['entity', 'minute', 'requests'])
      .where('psa', '=', PSA)
      .where('minute', '<=', thisMinute)
      .orderBy('minute')
      .execute(),
    db
      .selectFrom('api_usage')
      .select((eb) => eb.fn.sum<number>('requests').as('total'))
      .where('psa', '=', PSA)
      .where('minute', '>', hourAgo)
      .where('minute', '<=', thisMinute)
      .executeTakeFirst(),
    db.selectFrom('api_threshold').selectAll().where('psa', '=', PSA).executeTakeFirst(),
    db
      .selectFrom('sync_run')
      .select((eb) => eb.fn.sum<number>('requests').as('total'))
      .where('psa', '=', PSA)
      .where('kind', '=', 'webhook')
      .where('started_at', '>', new Date(now.getTime() - HOUR_MS).toISOString())
      .where('started_at', '<=', now.toISOString())
      .executeTakeFirst(),
    db
      .selectFrom('sync_state')
      .select(['requests', 'last_success_at'])
      .where('psa', '=', 'smileback')
      .orderBy('last_success_at', 'desc')
      .executeTakeFirst(),
    // The first sync and full ones read whole tables: no measure of what a pass at the entity's pace costs.
    db
      .selectFrom('sync_run')
      .select(['started_at', 'finished_at'])
      .where('psa', '=', PSA)
      .where('kind', 'in', ['initial', 'full'])
      .execute(),
  ])
  const wholeRead = (minute: string) =>
    wholeReads.some(
      (run) =>
        minute >= minuteKey(Date.parse(run.started_at)) && minute <= (run.finished_at ?? thisMinute).slice(0, 16),
    )
  const lastPass = new Map<string, number>()
  const measured = new Map<string, number>()
  for (const row of usage) {
    if (!wholeRead(row.minute)) lastPass.set(row.entity, row.requests) // ordered by minute: the latest wins
    if (row.minute > hourAgo) measured.set(row.entity, (measured.get(row.entity) ?? 0) + row.requests)
  }
  const entities = pace.map(({ entity, seconds, source, reason }): BudgetEntity => {
    const perPass = lastPass.get(entity) ?? null
    return {
      entity,
      seconds,
      source,
      reason,
      perPass,
      // Before its first pass at its pace: one request a pass, what a pass costs when nothing much changed.
      expectedPerHour: (perPass ?? 1) * passesPerHour(seconds, config.syncIntervalSeconds),
      measuredLastHour: measured.get(entity) ?? 0,
    }
  })
  const entitiesPerHour = entities.reduce((sum, e) => sum + (e.expectedPerHour ?? 0), 0)
  const hourlyLimit = threshold?.hourly_limit ?? ASSUMED_HOURLY_LIMIT
  const lastHour = Number(own?.total ?? 0)
  const checks = measured.get(THRESHOLD_READS) ?? 0
  const refreshed = Number(refreshes?.total ?? 0)
  const named = entities.reduce((sum, e) => sum + e.measuredLastHour, 0) + checks + refreshed
  const tenantCount = threshold?.tenant_count ?? null
  return {
    tenant: {
      hourlyLimit,
      usedLastHour: tenantCount,
      readAt: threshold?.read_at ?? null,
      // Read during a sync, so it can trail roleboard's own count, which every request adds to at once.
      behindOwn: tenantCount !== null && tenantCount < lastHour,
    },
    roleboard: {
      lastHour,
      expectedPerHour: entitiesPerHour * (1 + 1 / DEFAULT_REREAD_EVERY),
      target: Math.round(hourlyLimit * BUDGET_TARGET_SHARE),
      shareLimit: Math.floor(hourlyLimit * config.budgetShare),
    },
    syncIntervalSeconds: config.syncIntervalSeconds,
    entities,
    budgetChecksLastHour: checks,
    otherRequestsLastHour: Math.max(0, lastHour - named),
    webhookRefreshesLastHour: refreshed,
    smileback: smileback
      ? { lastPassRequests: smileback.requests, lastSuccessAt: smileback.last_success_at ?? null }
      : null,
  }
}
