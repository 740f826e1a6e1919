import {
  type AutotaskCredentials,
  createAutotaskConnector,
  type EntityProgress,
  type SyncSummary,
} from '../connectors/autotask/index.js'
import type { DbHandle } from '../db/index.js'
import type { Config } from './config.js'

/** The configured Autotask tenant's connector on `handle`: its syncs run with the server's overlap and paces. */
export function configuredConnector(config: Config, handle: DbHandle, credentials: AutotaskCredentials) {
  const connector = createAutotaskConnector(handle, { credentials, governor: { share: config.budgetShare } })
  return {
    sync: (full = false, onProgress?: (progress: EntityProgress) => void): Promise<SyncSummary> =>
      connector.sync({
        full,
        overlapMs: config.overlapMinutes * 60_000,
        entityIntervals: config.entityIntervals,
        ...(onProgress ? { onProgress } : {}),
      }),
    /** Reads records a webhook named again (under the sync lock, so never beside a sync). */
    refresh: connector.refresh,
    /** The REST client, for registering webhooks. */
    client: connector.client,
    /** Ends a sync under way at its next request and refuses new ones. */
    stop: () => connector.stop(),
  }
}

/** One sync into `handle`: the CLI's and the demo's first. */
export function runOneSync(
  config: Config,
  handle: DbHandle,
  credentials: AutotaskCredentials,
  full: boolean,
  onProgress?: (progress: EntityProgress) => void,
): Promise<SyncSummary> {
  return configuredConnector(config, handle, credentials).sync(full, onProgress)
}
