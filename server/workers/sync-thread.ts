import { type AutotaskCredentials, SyncBusyError, type SyncSummary } from '../../connectors/autotask/index.js'
import type { LockHolder } from '../../db/store.js'
import type { Config } from '../config.js'
import { WorkerCallError, WorkerThread } from './thread.js'

/** What the sync thread needs: the server's settings and the tenant's credentials (kept in memory, never logged). */
export interface SyncSetup {
  config: Config
  credentials: AutotaskCredentials
}

/** Incremental syncs run on a thread of their own; `sync` answers as `runOneSync` would, busy lock included. */
export function syncThread(setup: SyncSetup): { sync: () => Promise<SyncSummary>; close: () => Promise<void> } {
  const thread = new WorkerThread<null, SyncSummary>('./sync-worker.ts', setup)
  return {
    sync: () =>
      thread.call(null).catch((error: unknown) => {
        // The lock's holder crosses as data; the schedule tells a busy database from a crash by its class.
        if (error instanceof WorkerCallError && error.name === 'SyncBusyError') throw new SyncBusyError(setup.config.dbPath, error.detail as LockHolder)
        throw error
      }),
    close: () => thread.close(),
  }
}
