import { type AutotaskCredentials, createAutotaskConnector, type EntityProgress, type SyncSummary } from '../connectors/autotask/index.js'
import type { DbHandle } from '../db/index.js'
import type { Config } from './config.js'

/** One sync of the configured Autotask tenant into `handle`: the CLI's, the demo's first and every scheduled one. */
export async function runOneSync(
  config: Config,
  handle: DbHandle,
  credentials: AutotaskCredentials,
  full: boolean,
  onProgress?: (progress: EntityProgress) => void,
): Promise<SyncSummary> {
  const connector = createAutotaskConnector(handle, { credentials, governor: { share: config.budgetShare } })
  return connector.sync({
    full,
    overlapMs: config.overlapMinutes * 60_000,
    entityIntervals: config.entityIntervals,
    ...(onProgress ? { onProgress } : {}),
  })
}
