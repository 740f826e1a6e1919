import type { Kysely } from 'kysely'
import type { EntityProgress, SyncSummary } from '../connectors/autotask/index.js'
import type { BudgetGovernor } from '../connectors/autotask/governor.js'
import { PSA } from '../connectors/autotask/sync.js'
import type { Database } from '../db/schema.js'

/** The budget checks' own line in api_entity_usage. */
export const THRESHOLD_READS = 'ThresholdInformation'

/** How long the per-entity minutes are kept: the builder shows the last hour. */
const KEEP_MS = 2 * 3_600_000

/**
 * Attributes one sync's requests to what made them, for api_entity_usage: each finished task's requests, less the
 * ThresholdInformation readings made during it, which go to their own line with whatever else the run asked
 * outside its tasks. The lines add up to the run's requests.
 */
export class SyncUsage {
  readonly #governor: BudgetGovernor
  readonly #byTask = new Map<string, number>()
  #readings: number

  constructor(governor: BudgetGovernor) {
    this.#governor = governor
    // The run reads the threshold before its first task when the governor needs a reading: not the task's cost.
    this.#readings = governor.readings + (governor.needsReading() ? 1 : 0)
  }

  /** Takes each task's `done` or `failed` report as the sync makes it. */
  note(progress: EntityProgress): void {
    if (progress.phase !== 'done' && progress.phase !== 'failed') return
    const reads = Math.max(0, this.#governor.readings - this.#readings)
    this.#readings = Math.max(this.#readings, this.#governor.readings)
    const own = Math.max(0, progress.requests - reads)
    this.#byTask.set(progress.entity, (this.#byTask.get(progress.entity) ?? 0) + own)
  }

  /** Adds the run's lines to the minute it finished in, keeps the latest threshold reading, drops old minutes. */
  async save(db: Kysely<Database>, summary: SyncSummary): Promise<void> {
    const lines = new Map(this.#byTask)
    const attributed = [...lines.values()].reduce((sum, n) => sum + n, 0)
    if (summary.requests > attributed) lines.set(THRESHOLD_READS, summary.requests - attributed)
    const minute = summary.finishedAt.slice(0, 16)
    const cutoff = new Date(Date.parse(summary.finishedAt) - KEEP_MS).toISOString().slice(0, 16)
    await db.transaction().execute(async (trx) => {
      // A pass that asked nothing (SLA results when no ticket changed) is kept too: it is its last pass's cost.
      for (const [entity, requests] of lines) {
        await trx
          .insertInto('api_entity_usage')
          .values({ psa: PSA, entity, minute, requests })
          .onConflict((oc) =>
            oc
              .columns(['psa', 'entity', 'minute'])
              .doUpdateSet((eb) => ({ requests: eb('api_entity_usage.requests', '+', requests) })),
          )
          .execute()
      }
      await trx.deleteFrom('api_entity_usage').where('psa', '=', PSA).where('minute', '<', cutoff).execute()
      const reading = this.#governor.lastReading
      if (reading) {
        const row = { hourly_limit: reading.limit, tenant_count: reading.count, read_at: reading.at.toISOString() }
        await trx
          .insertInto('api_threshold')
          .values({ psa: PSA, ...row })
          .onConflict((oc) => oc.column('psa').doUpdateSet(row))
          .execute()
      }
    })
  }
}
