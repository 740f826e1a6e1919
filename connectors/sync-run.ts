import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { asSyncError, type SyncError, type SyncErrorCode } from './autotask/errors.js'
import type { EntityProgress, EntityResult, SyncSummary } from './autotask/sync.js'

// The bookkeeping every PSA connector's sync shares: its sync_run row, what kind of run it is, the run of its
// tasks one after another, an entity's sync_state and whether its own pace lets it run. The passes themselves are
// each connector's.

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

/** What one task of a sync read and wrote, from the connector's request count when it began. */
export interface TaskCounts {
  records: number
  queries: number
  changed: number
  deleted: number
  localMs: number
  requestsAtStart: number
  /** Nothing was due: the task leaves no result. */
  skipped?: boolean
}

export function newCounts(governor: { readonly requestsMade: number }): TaskCounts {
  return { records: 0, queries: 0, changed: 0, deleted: 0, localMs: 0, requestsAtStart: governor.requestsMade }
}

/** A task of a sync: the name it is recorded and paced under (an entity, `<entity>:deletions`) and its pass. */
export type SyncTask<C extends TaskCounts> = [name: string, run: () => Promise<C>]

/** What every connector's sync options hold for its run. */
export interface RunOptions {
  handle: { db: Kysely<Database> }
  governor: { readonly requestsMade: number }
  /** Every task runs, whatever its pace. */
  full?: boolean
  /** Seconds between syncs of particular entities; others sync every run. */
  entityIntervals?: Readonly<Record<string, number>>
  /** The clock (default the system's). */
  now?: () => Date
  /** Credential values no error message may carry. */
  secrets?: readonly string[]
}

/** What a connector adds to a run: its tasks and how their counts become results and progress. */
export interface RunSteps<C extends TaskCounts> {
  /** What must hold before any task (an error here stops the run), then the tasks in order. */
  plan: (startedAt: string) => Promise<Array<SyncTask<C>>>
  /** A task's results, its own first (failed or not), then any of another entity read along with it. */
  resultsOf?: (name: string, counts: TaskCounts & Partial<C>, ms: number) => EntityResult[]
  report: (entity: string, phase: EntityProgress['phase'], result: EntityResult, error?: string) => void | Promise<void>
}

/**
 * One sync run of `psa`: its sync_run row opened, the planned tasks run in turn until one fails fatally, the row
 * closed with the run's totals; the summary.
 */
export async function syncRun<C extends TaskCounts>(
  psa: string,
  options: RunOptions,
  steps: RunSteps<C>,
): Promise<SyncSummary> {
  const now = options.now ?? (() => new Date())
  const { db } = options.handle
  const startedAt = now().toISOString()
  const kind = await runKind(db, psa, options.full)
  const runId = await startRun(db, psa, kind, startedAt)
  const results: EntityResult[] = []
  let fatal: SyncError | undefined
  const requestsBefore = options.governor.requestsMade

  try {
    fatal = await runTasks(psa, options, steps, await steps.plan(startedAt), results)
  } catch (caught) {
    fatal = asSyncError(caught, options.secrets)
  }

  const finishedAt = now().toISOString()
  const failure = fatal ?? results.find((result) => result.error)?.error
  const requests = options.governor.requestsMade - requestsBefore
  await finishRun(db, runId, { finishedAt, failure, requests, ...runTotals(results) })
  return { ok: !failure, kind, startedAt, finishedAt, requests, results, ...(fatal ? { error: fatal } : {}) }
}

/**
 * Runs each due task, its results pushed to `results` and reported; a task's error fails only its own entity
 * (recorded so the next run resumes it) unless it is fatal, which stops the run and is returned.
 */
async function runTasks<C extends TaskCounts>(
  psa: string,
  options: RunOptions,
  steps: RunSteps<C>,
  tasks: ReadonlyArray<SyncTask<C>>,
  results: EntityResult[],
): Promise<SyncError | undefined> {
  const now = options.now ?? (() => new Date())
  const { db } = options.handle
  const requestsSince = (counts: TaskCounts) => options.governor.requestsMade - counts.requestsAtStart
  const resultsOf = steps.resultsOf ?? ((name, counts, ms) => [resultOf(name, counts, requestsSince(counts), ms)])
  for (const [name, task] of tasks) {
    if (await notDueYet(db, psa, name, options.full ? undefined : options.entityIntervals?.[name], now())) continue
    const started = performance.now()
    // Partial: a task that throws leaves only the counts every connector's tasks have.
    const counts = newCounts(options.governor) as TaskCounts & Partial<C>
    let error: SyncError | undefined
    try {
      Object.assign(counts, await task())
    } catch (caught) {
      error = asSyncError(caught, options.secrets)
      await noteEntityFailure(db, psa, name, error.message, now().toISOString())
    }
    if (counts.skipped && !error) continue
    const [own, ...along] = resultsOf(name, counts, performance.now() - started)
    for (const result of [{ ...own!, ...(error ? { error } : {}) }, ...along]) {
      results.push(result)
      await steps.report(result.entity, result.error ? 'failed' : 'done', result, result.error?.message)
    }
    if (error && FATAL_SYNC_ERRORS.has(error.code)) return error
  }
  return undefined
}

/** A task's counts as its entity's result, with the requests and time that were its own. */
export function resultOf(entity: string, counts: TaskCounts, requests: number, ms: number): EntityResult {
  return {
    entity,
    records: counts.records,
    queries: counts.queries,
    changed: counts.changed,
    deleted: counts.deleted,
    requests,
    ms,
    localMs: counts.localMs,
  }
}
