import type { ScheduleLog } from '../../sync-schedule.js'
import type { HistoryRecorder } from './recorder.js'

/** How long one backfill step holds the sync lane: a scheduled sync or a webhook's re-read waits at most this. */
const BACKFILL_STEP_MS = 1_000

/**
 * Keeps a database's history on the sync thread: after each poll the live values, then the backfill in short
 * steps through the same lane as the syncs (`serial`), so a newly connected MSP's history fills within minutes
 * of its first sync without holding up the next one.
 */
export function historyKeeper(
  recorder: HistoryRecorder,
  serial: <T>(run: () => Promise<T>) => Promise<T>,
  log: ScheduleLog,
) {
  let backfilling: Promise<void> | null = null
  let stopped = false

  async function backfillAll(): Promise<void> {
    const started = Date.now()
    let written = 0
    for (;;) {
      if (stopped) return
      const step = await serial(() =>
        stopped ? Promise.resolve({ written: 0, done: true }) : recorder.backfill(BACKFILL_STEP_MS),
      )
      written += step.written
      if (step.done) break
    }
    if (written > 0)
      log.info({ values: written, seconds: Math.round((Date.now() - started) / 1000) }, 'KPI history backfilled')
  }

  return {
    /** Call inside the sync lane right after a poll. */
    async afterPoll(): Promise<void> {
      if (stopped) return
      try {
        await recorder.recordLive()
      } catch (error) {
        log.warn({ error: (error as Error).message }, 'KPI history not recorded; the next poll tries again')
      }
      backfilling ??= backfillAll()
        .catch((error: unknown) =>
          log.warn({ error: (error as Error).message }, 'KPI history backfill stopped; the next poll goes on'),
        )
        .finally(() => {
          backfilling = null
        })
    },
    /** Stops the backfill after its current step, before the database closes. */
    async stop(): Promise<void> {
      stopped = true
      await backfilling
    },
  }
}
