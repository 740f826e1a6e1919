import type { AutotaskCredentials } from '../../connectors/autotask/index.js'
import type { Config } from '../config.js'
import type { ScheduleLog } from '../sync-schedule.js'
import { WorkerThread } from './thread.js'

/** What the sync thread needs: the server's settings and the tenant's credentials (kept in memory, never logged). */
export interface SyncSetup {
  config: Config
  credentials: AutotaskCredentials
}

/** `runOnce`: a sync now (or the end of the one under way); `stop`: no more, once the one under way ends. */
export type SyncCall = 'runOnce' | 'stop'

/** A line the schedule logs on the sync thread, for the server's logger. */
export interface SyncLogLine {
  level: 'info' | 'warn' | 'error'
  fields: object
  message: string
}

/**
 * The server's sync schedule on a thread of its own, every `config.syncIntervalSeconds`, logging to `log` as
 * startSyncSchedule does. Should the thread die, it starts again and so does the schedule.
 */
export function startSyncThread(setup: SyncSetup, log: ScheduleLog) {
  const thread = new WorkerThread<SyncCall, void, SyncLogLine>('./sync-worker.ts', setup, {
    resident: true,
    onNotice: (line) => log[line.level](line.fields, line.message),
  })
  return {
    runOnce: () => thread.call('runOnce'),
    async stop() {
      await thread.call('stop').catch(() => undefined)
      await thread.close()
    },
  }
}
