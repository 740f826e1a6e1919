import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { SyncErrorCode } from './autotask/errors.js'
import type { EntityResult, SyncSummary } from './autotask/sync.js'

// The bookkeeping every PSA connector's sync shares: its sync_run row, what kind of run it is, an entity's
// sync_state and whether its own pace lets it run. The passes themselves are each connector's.

/** Stops the run at once; any other SyncError only fails its own entity. */
export const FATAL_SYNC_ERRORS: ReadonlySet<SyncErrorCode> = new Set([
  'bad_credentials',
  'unknown_user',
  'unreachable',
  'budget_exhausted',
  'config',
  'cancelled',
])

/** Full when asked; initial until an entity of `psa` has finished a pass; else incremental. */
export async function runKind(db: Kysely<Database>, psa: string, full = false): Promise<SyncSummary['kind']> {
  if (full) return 'full'
  const synced = await db
    .selectFrom('sync_state')
    .select('entity')
    .where('psa', '=', psa)
    .where('full_done', '=', 1)
    .limit(1)
    .execute()
  return synced.length === 0 ? 'initial' : 'incremental'
}

/** The run's sync_run row, open until `finishRun`; its id. */
export async function startRun(db: Kysely<Database>, psa: string, kind: string, startedAt: string): Promise<number> {
  const run = await db
    .insertInto('sync_run')
    .values({ psa, kind, started_at: startedAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  return run.id
}

/** Closes the run's row: failed with `failure`'s line, or ok; with its requests, records read and rows changed. */
export async function finishRun(
  db: Kysely<Database>,
  runId: number,
  end: { finishedAt: string; failure: Error | undefined; requests: number; records: number; changed: number },
): Promise<void> {
  await db
    .updateTable('sync_run')
    .set({
      finished_at: end.finishedAt,
      ok: end.failure ? 0 : 1,
      error: end.failure ? end.failure.message : null,
      requests: end.requests,
      records: end.records,
      changed: end.changed,
    })
    .where('id', '=', runId)
    .execute()
}

/** A sync's records read and rows changed (deletions included), over its entities. */
export function runTotals(results: readonly EntityResult[]): { records: number; changed: number } {
  return {
    records: results.reduce((sum, r) => sum + r.records, 0),
    changed: results.reduce((sum, r) => sum + r.changed + r.deleted, 0),
  }
}

/** Records an entity's failed pass (its position is kept, so the next run resumes). */
export async function noteEntityFailure(
  db: Kysely<Database>,
  psa: string,
  entity: string,
  message: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ psa, entity, last_error: message, last_run_at: at })
    .onConflict((oc) => oc.columns(['psa', 'entity']).doUpdateSet({ last_error: message, last_run_at: at }))
    .execute()
}

export function syncStateOf(db: Kysely<Database>, psa: string, entity: string) {
  return db.selectFrom('sync_state').selectAll().where('psa', '=', psa).where('entity', '=', entity).executeTakeFirst()
}

export function isDue(lastAt: string | null | undefined, everyMs: number, now: Date): boolean {
  return !lastAt || now.getTime() - Date.parse(lastAt) >= everyMs
}

/** An entity with its own pace (`everySeconds`) that last synced without error more recently than that. */
export async function notDueYet(
  db: Kysely<Database>,
  psa: string,
  entity: string,
  everySeconds: number | undefined,
  now: Date,
): Promise<boolean> {
  if (everySeconds === undefined) return false
  const state = await syncStateOf(db, psa, entity)
  return state?.last_error === null && !isDue(state.last_success_at, everySeconds * 1000, now)
}
