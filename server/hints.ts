import { SyncBusyError, type WebhookEntity } from '../connectors/autotask/index.js'

// A verified webhook callout is a hint: "these records changed". Hints reach the sync (on the sync thread, or in
// this one where there is none) through a sink that gathers what arrives within a moment into one re-read per
// entity, so a burst of callouts (a bulk edit) costs a few requests, not one each.

/** Takes a hint; resolves once the records were read again (or the attempt failed), never before. */
export type HintSink = (entity: WebhookEntity, ids: readonly number[]) => Promise<void>

export interface HintBatchOptions {
  /** How long hints gather before they are applied (default 200 ms). */
  delayMs?: number
  /** While another process syncs the same file, the re-read waits this long and tries again (default 3 s)... */
  busyRetryMs?: number
  /** ...this many times (default 10); after that the regular sync picks the changes up. */
  busyAttempts?: number
}

/** A sink that gathers hints for `delayMs` and then applies them per entity with `apply`, one entity after another. */
export function batchedHints(
  apply: (entity: WebhookEntity, ids: number[]) => Promise<void>,
  options: HintBatchOptions = {},
): HintSink {
  const delayMs = options.delayMs ?? 200
  let pending = new Map<WebhookEntity, Set<number>>()
  let batch: Promise<void> | null = null

  async function applyAll(): Promise<void> {
    const taken = pending
    pending = new Map()
    batch = null
    let failure: unknown = null
    for (const [entity, ids] of taken) {
      try {
        await untilFree(() => apply(entity, [...ids]), options)
      } catch (error) {
        failure ??= error
      }
    }
    if (failure) throw failure
  }

  return (entity, ids) => {
    let set = pending.get(entity)
    if (!set) pending.set(entity, (set = new Set()))
    for (const id of ids) set.add(id)
    batch ??= new Promise((resolve) => setTimeout(resolve, delayMs)).then(applyAll)
    return batch
  }
}

async function untilFree(run: () => Promise<void>, options: HintBatchOptions): Promise<void> {
  const attempts = options.busyAttempts ?? 10
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (!(error instanceof SyncBusyError) || attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, options.busyRetryMs ?? 3_000))
    }
  }
}

/** Runs what it is given one at a time, in order: a webhook's re-read waits for the sync under way, and the other way round. */
export function oneAtATime() {
  let lane: Promise<unknown> = Promise.resolve()
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = lane.then(run, run)
    lane = next.catch(() => undefined)
    return next
  }
}
