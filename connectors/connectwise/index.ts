import type { DbHandle } from '../../db/index.js'
import type { RefreshSummary } from '../autotask/refresh.js'
import type { SyncSummary } from '../autotask/sync.js'
import { withSyncLock } from '../autotask/sync-lock.js'
import { createConnectWiseClient, type RetryPolicy } from './client.js'
import type { ConnectWiseCredentials } from './config.js'
import { ConnectWiseGovernor, type ConnectWiseGovernorOptions } from './governor.js'
import { refreshConnectWise } from './refresh.js'
import { type ConnectWiseSyncOptions, runConnectWiseSync } from './sync.js'

export type { ConnectWiseCredentials } from './config.js'
export { SyncError } from '../autotask/errors.js'
export { SyncBusyError } from '../autotask/sync-lock.js'
export type { EntityProgress, SyncSummary } from '../autotask/sync.js'
export type { RefreshSummary } from '../autotask/refresh.js'
export { CONNECTWISE_ENTITIES } from './entities.js'

export interface ConnectWiseConnectorSettings {
  credentials: ConnectWiseCredentials
  /** roleboard's share of ConnectWise's per-minute limit, and that limit. */
  governor?: ConnectWiseGovernorOptions
  retry?: Partial<RetryPolicy>
  timeoutMs?: number
  /** The MSP's time zone (the server's ROLEBOARD_TZ): a time entry's date worked is its local start date. */
  timeZone?: string
}

/** Wires client, governor and database for one ConnectWise tenant; `sync()` runs one pass over every entity. */
export function createConnectWiseConnector(handle: DbHandle, settings: ConnectWiseConnectorSettings) {
  const governor = new ConnectWiseGovernor(settings.governor)
  const stopper = new AbortController()
  // One client per connector: it keeps the codebase it looked up, and looks it up again when a 404 says it moved.
  const client = createConnectWiseClient({
    credentials: settings.credentials,
    governor,
    signal: stopper.signal,
    ...(settings.retry ? { retry: settings.retry } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
  })
  const secrets = [settings.credentials.privateKey]
  return {
    governor,
    /** The REST client, for calls outside a sync (registering callbacks). */
    client,
    /** One sync; a SyncBusyError, without syncing, while another runs on the same database. */
    async sync(
      options: Omit<ConnectWiseSyncOptions, 'handle' | 'client' | 'governor' | 'secrets'> = {},
    ): Promise<SyncSummary> {
      const timeZone = options.timeZone ?? settings.timeZone
      return withSyncLock(handle, () =>
        runConnectWiseSync({ ...options, ...(timeZone ? { timeZone } : {}), handle, governor, client, secrets }),
      )
    },
    /**
     * Reads these records of an entity (CONNECTWISE_ENTITIES name) again because a callback said they changed, under
     * the same lock as a sync; a SyncBusyError, without reading, while a sync runs on the same database.
     */
    refresh(entity: string, ids: readonly number[]): Promise<RefreshSummary> {
      return withSyncLock(handle, () =>
        refreshConnectWise({ handle, client, governor, secrets, timeZone: settings.timeZone }, entity, ids),
      )
    },
    /** Ends a sync under way at its next request (the page being written is kept whole) and refuses new ones. */
    stop(): void {
      stopper.abort()
    },
  }
}
