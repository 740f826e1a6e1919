import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { WEBHOOK_ENTITIES } from '../connectors/autotask/index.js'
import { startSimulatedDesk } from '../connectors/autotask/simulator/start.js'
import type { SimSize } from '../connectors/autotask/simulator/store.js'
import { openDatabase } from '../db/index.js'
import type { Database } from '../db/schema.js'
import { loadConfig } from '../server/config.js'
import { configuredConnector } from '../server/sync.js'

/** The line: roleboard at or below 5% of the tenant's 10,000 requests an hour. */
const TARGET_PER_HOUR = 500
const START = '2026-03-02T08:00:00Z' // a Monday morning, so the desk is busy through the measured hours

export interface BudgetCase {
  size: SimSize
  webhooks: boolean
  /** Simulated hours measured after the first sync. */
  hours: number
  /** Hours the world and the syncs skip in one step before measuring (the catch-up sync is not counted). */
  skipHours: number
}

export interface BudgetCaseResult extends BudgetCase {
  perHour: number[]
  /**
   * Records of the webhook entities that changed, per hour: with webhooks, each is at most one refresh request (a
   * callout read again) on top of the polling counted above; fewer when callouts arrive together.
   */
  webhookChangesPerHour: number[]
  /** Requests per hour by what made them, averaged over the measured hours. */
  byEntity: Record<string, number>
  seconds: number
}

/**
 * roleboard's Autotask requests at the server's default pacing: the real connector, configured as the server
 * configures it, syncs a simulated desk once a simulated minute; the world and the sync's clock move together,
 * 60 s a run, so hours pass in seconds and every number is the same on every machine. Requests are counted where
 * Autotask would count them: at the simulator.
 */
export async function benchBudgetCase(budgetCase: BudgetCase): Promise<BudgetCaseResult> {
  const started = performance.now()
  let now = () => new Date(START)
  const sim = await startSimulatedDesk({
    world: { size: budgetCase.size, seed: 42, now: START },
    // The tenant's rolling hour runs on the simulated clock too.
    clock: () => now().getTime(),
  })
  now = () => sim.world.now()
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-budget-'))
  const handle = await openDatabase(join(dir, 'budget.sqlite'))
  try {
    const connector = configuredConnector(loadConfig({}), handle, sim.credentials, now)
    const ok = async () => {
      const summary = await connector.sync()
      if (!summary.ok) throw new Error(`budget bench sync failed: ${summary.error?.message ?? 'an entity failed'}`)
    }
    await ok()
    if (budgetCase.webhooks) await activateWebhooks(handle.db, now().toISOString())
    if (budgetCase.skipHours > 0) {
      sim.world.advance(budgetCase.skipHours * 3_600_000)
      await ok()
    }
    const counted = () => sim.sim.requestLog().filter((entry) => entry.counted).length
    const perHour: number[] = []
    const webhookChangesPerHour: number[] = []
    const byEntity: Record<string, number> = {}
    let rereads = 0
    for (let hour = 0; hour < budgetCase.hours; hour++) {
      const before = counted()
      let changes = 0
      const from = now().toISOString().slice(0, 16)
      for (let minute = 0; minute < 60; minute++) {
        const moved = sim.world.advance(60_000)
        for (const entity of WEBHOOK_ENTITIES) {
          const ids = [
            ...(moved.created[entity] ?? []),
            ...(moved.updated[entity] ?? []),
            ...(moved.deleted[entity] ?? []),
          ]
          changes += ids.length
          // With webhooks, each change's callout makes roleboard read the record again: here a minute's at once.
          if (!budgetCase.webhooks || ids.length === 0) continue
          const asked = counted()
          await connector.refresh(entity, ids)
          rereads += counted() - asked
        }
        await ok()
      }
      perHour.push(counted() - before)
      webhookChangesPerHour.push(changes)
      // The server keeps two hours of these minutes; each hour is read while it is still there.
      const rows = await handle.db
        .selectFrom('api_entity_usage')
        .select(['entity', (eb) => eb.fn.sum<number>('requests').as('requests')])
        .where('minute', '>', from)
        .groupBy('entity')
        .execute()
      for (const row of rows)
        byEntity[row.entity] = (byEntity[row.entity] ?? 0) + Number(row.requests) / budgetCase.hours
    }
    if (budgetCase.webhooks) byEntity[REREADS] = rereads / budgetCase.hours
    return { ...budgetCase, perHour, webhookChangesPerHour, byEntity, seconds: (performance.now() - started) / 1000 }
  } finally {
    await handle.close()
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The line of the records read again after callouts. */
const REREADS = 'records read again after callouts'

/** Each webhook entity with an active webhook row (no callouts follow here). */
async function activateWebhooks(db: Kysely<Database>, at: string): Promise<void> {
  for (const [index, entity] of WEBHOOK_ENTITIES.entries()) {
    await db
      .insertInto('autotask_webhook')
      .values({
        entity,
        webhook_id: index + 1,
        name: `roleboard ${entity}`,
        url: 'https://roleboard.invalid/hooks',
        deactivation_url: 'https://roleboard.invalid/hooks/deactivated',
        secret_sealed: 'bench',
        is_active: 1,
        registered_at: at,
      })
      .execute()
  }
}

/** The cases `npm run bench -- --only budget` runs: under a minute together. */
export const BUDGET_CASES: BudgetCase[] = [
  // Six hours: the picklists' and the whole-table scans' 6-hourly passes fall in the last one.
  { size: 'small', webhooks: false, hours: 6, skipHours: 0 },
  // The sixth hour only, the busiest (the 6-hourly passes fall in it): the medium desk's syncs take a while each on
  // the simulator, and the webhooks' hour differs from the one above only in its polling of the webhook entities.
  { size: 'small', webhooks: true, hours: 1, skipHours: 5 },
  { size: 'medium', webhooks: false, hours: 1, skipHours: 5 },
]

export async function benchBudget(): Promise<BudgetCaseResult[]> {
  const results: BudgetCaseResult[] = []
  for (const budgetCase of BUDGET_CASES) results.push(await benchBudgetCase(budgetCase))
  return results
}

const average = (values: number[]) => values.reduce((sum, n) => sum + n, 0) / values.length

export function budgetMarkdown(results: BudgetCaseResult[]): string {
  const worst = Math.max(...results.map((r) => Math.max(...r.perHour)))
  const label = (r: BudgetCaseResult) =>
    `${r.size} desk, ${r.webhooks ? 'webhooks active' : 'no webhooks'}, ` +
    (r.hours === 1 ? `hour ${r.skipHours + 1}` : `hours 1 to ${r.hours}`)
  const rows = results
    .map(
      (r) =>
        `| ${label(r)} | ${Math.round(average(r.perHour))} | ${Math.max(...r.perHour)} | ${r.perHour.join(', ')} | ${Math.round(average(r.webhookChangesPerHour))} | ${r.seconds.toFixed(1)} s |`,
    )
    .join('\n')
  const entities = [...new Set(results.flatMap((r) => Object.keys(r.byEntity)))].sort()
  const entityRows = entities
    .map((entity) => `| ${entity} | ${results.map((r) => r.byEntity[entity]?.toFixed(1) ?? '–').join(' | ')} |`)
    .join('\n')
  return `### API budget: roleboard's Autotask requests per hour at the default pacing

The real connector, configured as the server configures it (server/sync-pace.ts), syncs a simulated desk once a simulated minute (world and sync clock stepped 60 s a run); requests counted at the simulator. With webhooks, the records the callouts name are read again as well, a minute's changes at once (the "${REREADS}" line); the server gathers callouts for 200 ms, so on a real desk that costs up to one request per changed record of the webhook entities (their column below) instead.

**requests per hour at defaults: ${worst} (target ≤ ${TARGET_PER_HOUR}, 5% of 10,000)**, the busiest measured hour.

| case | requests/hour (average) | busiest hour | per hour | webhook-entity records changed per hour | took |
| --- | ---: | ---: | --- | ---: | ---: |
${rows}

Requests per hour by what made them (averaged over each case's hours):

| entity | ${results.map(label).join(' | ')} |
| --- | ${results.map(() => '---:').join(' | ')} |
${entityRows}
`
}
