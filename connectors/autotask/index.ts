import type { DbHandle } from '../../db/index.js'
import type { WebhookEntity } from './callout.js'
import { type ClientOptions, createAutotaskClient } from './client.js'
import type { AutotaskCredentials } from './config.js'
import { BudgetGovernor, type GovernorOptions } from './governor.js'
import { refreshRecords, type RefreshSummary } from './refresh.js'
import { PSA, runSync, type SyncOptions, type SyncSummary } from './sync.js'
import { withSyncLock } from './sync-lock.js'

export type { AutotaskCredentials } from './config.js'
export { SyncError } from './errors.js'
export { SyncBusyError } from './sync-lock.js'
export type { EntityProgress, SyncSummary } from './sync.js'
export type { RefreshSummary } from './refresh.js'
export { WEBHOOK_ENTITIES, type WebhookEntity } from './callout.js'

export interface ConnectorSettings {
  credentials: AutotaskCredentials
  governor?: Omit<GovernorOptions, 'db' | 'psa'>
  retry?: ClientOptions['retry']
  timeoutMs?: number
}

/** Wires client, governor and database for one Autotask tenant; `sync()` runs one pass over every entity. */
export function createAutotaskConnector(handle: DbHandle, settings: ConnectorSettings) {
  const governor = new BudgetGovernor({ db: handle.db, psa: PSA, ...settings.governor })
  const stopper = new AbortController()
  // One client per connector: it keeps the zone it discovered, and looks it up again after a 401.
  const client = createAutotaskClient({
    credentials: settings.credentials,
    governor,
    signal: stopper.signal,
    ...(settings.retry ? { retry: settings.retry } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
  })
  const secrets = [settings.credentials.secret, settings.credentials.integrationCode]
  return {
    governor,
    /** The REST client, for calls outside a sync (registering webhooks). */
    client,
    /** One sync; a SyncBusyError, without syncing, while another runs on the same database. */
    async sync(options: Omit<SyncOptions, 'handle' | 'client' | 'governor'> = {}): Promise<SyncSummary> {
      return withSyncLock(handle, () => runSync({ ...options, handle, governor, client, secrets }))
    },
    /**
     * Reads these records again because a webhook said they changed (refresh.ts), under the same lock as a sync;
     * a SyncBusyError, without reading, while a sync runs on the same database.
     */
    refresh(entity: WebhookEntity, ids: readonly number[]): Promise<RefreshSummary> {
      return withSyncLock(handle, () => refreshRecords({ handle, client, governor, secrets }, entity, ids))
    },
    /** Ends a sync under way at its next request (the page being written is kept whole) and refuses new ones. */
    stop(): void {
      stopper.abort()
    },
  }
}
