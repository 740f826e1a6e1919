import type { FastifyBaseLogger } from 'fastify'
import { SyncBusyError, type SyncSummary } from '../connectors/autotask/index.js'

/** What the schedule logs to: the server's logger, or on the sync thread, lines sent to it. */
export type ScheduleLog = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>

/**
 * Runs the connector's incremental sync every `intervalSeconds`, one at a time: a slow sync is
 * never overlapped by the next. Entities with their own pace (deletion scans, picklists) keep it
 * inside the sync itself.
 */
export function startSyncSchedule(options: {
  sync: () => Promise<SyncSummary>
  intervalSeconds: number
  log: ScheduleLog
}) {
  let running: Promise<void> | null = null
  let stopped = false
  const runOnce = async () => {
    if (stopped) return undefined
    if (running) {
      options.log.info('scheduled sync skipped: the previous one is still running')
      return running
    }
    const due = Date.now()
    running = (async () => {
      try {
        const summary = await options.sync()
        const changed = summary.results.reduce((sum, r) => sum + r.changed + r.deleted, 0)
        // `ms`: from the moment it was due to the moment its data could be read.
        if (summary.ok) options.log.info({ requests: summary.requests, changed, ms: Date.now() - due }, 'sync done')
        else
          options.log.warn(
            { error: (summary.error ?? summary.results.find((r) => r.error)?.error)?.message },
            'sync failed',
          )
      } catch (error) {
        // A CLI sync (or another server) on the same file has the lock: this round is skipped, the next one tries again.
        if (error instanceof SyncBusyError)
          options.log.info(
            { pid: error.holder.pid, host: error.holder.host },
            `scheduled sync skipped: ${error.message}`,
          )
        else options.log.error({ err: error }, 'sync crashed')
      } finally {
        running = null
      }
    })()
    return running
  }
  const timer = setInterval(() => void runOnce(), options.intervalSeconds * 1000)
  timer.unref()
  return {
    runOnce,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
