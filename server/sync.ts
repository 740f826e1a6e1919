import {
  type AutotaskCredentials,
  createAutotaskConnector,
  type EntityProgress,
  type RefreshSummary,
  type SyncSummary,
  type WebhookEntity,
} from '../connectors/autotask/index.js'
import { createConnectWiseConnector } from '../connectors/connectwise/index.js'
import type { DbHandle } from '../db/index.js'
import type { Config } from './config.js'
import type { PsaName, PsaSource } from './psa.js'
import { pacedSyncOptions } from './sync-pace.js'
import { SyncUsage } from './sync-usage.js'

/**
 * The configured Autotask tenant's connector on `handle`: its syncs run with the server's overlap and paces
 * (sync-pace.ts), and record what each entity cost (sync-usage.ts). `clock` stands in for the wall clock in the
 * budget's tests and bench, which step a simulated desk through hours of syncs.
 */
export function configuredConnector(
  config: Config,
  handle: DbHandle,
  credentials: AutotaskCredentials,
  clock?: () => Date,
) {
  const connector = createAutotaskConnector(handle, {
    credentials,
    governor: { share: config.budgetShare, ...(clock ? { now: () => clock().getTime() } : {}) },
  })
  // A process's first sync polls the webhook entities as if they had none: callouts sent while it was down went unread.
  let caughtUp = false
  return {
    sync: async (full = false, onProgress?: (progress: EntityProgress) => void): Promise<SyncSummary> => {
      const usage = new SyncUsage(connector.governor)
      const summary = await connector.sync({
        full,
        overlapMs: config.overlapMinutes * 60_000,
        ...(await pacedSyncOptions(handle.db, config, caughtUp)),
        onProgress: (progress) => {
          usage.note(progress)
          onProgress?.(progress)
        },
        ...(clock ? { now: clock } : {}),
      })
      await usage.save(handle.db, summary)
      caughtUp ||= summary.ok
      return summary
    },
    /** Reads records a webhook named again (under the sync lock, so never beside a sync). */
    refresh: connector.refresh,
    /** The REST client, for registering webhooks. */
    client: connector.client,
    /** Ends a sync under way at its next request and refuses new ones. */
    stop: () => connector.stop(),
  }
}

/** A PSA's connector as the CLI and the sync thread use it, whichever PSA it is. */
export interface PsaConnector {
  psa: PsaName
  sync(full?: boolean, onProgress?: (progress: EntityProgress) => void): Promise<SyncSummary>
  /** Reads records a webhook named again; null on a PSA whose callbacks are not wired (ConnectWise). */
  refresh: ((entity: WebhookEntity, ids: readonly number[]) => Promise<RefreshSummary>) | null
  stop(): void
}

/** The connector of the configured PSA on `handle`, with the server's overlap and share of the PSA's limit. */
export function createConnector(handle: DbHandle, source: PsaSource, config: Config): PsaConnector {
  if (source.psa === 'autotask') {
    const { sync, refresh, stop } = configuredConnector(config, handle, source.credentials)
    return { psa: 'autotask', sync, refresh, stop }
  }
  const connector = createConnectWiseConnector(handle, {
    credentials: source.credentials,
    governor: source.simulatorLimitPerMinute
      ? { limitPerMinute: source.simulatorLimitPerMinute, share: 1 }
      : { share: config.budgetShare },
    timeZone: config.tz,
  })
  return {
    psa: 'connectwise',
    sync: (full = false, onProgress) =>
      connector.sync({ full, overlapMs: config.overlapMinutes * 60_000, ...(onProgress ? { onProgress } : {}) }),
    refresh: null,
    stop: () => connector.stop(),
  }
}

/** One sync into `handle`: the CLI's and the demo's first. */
export function runOneSync(
  config: Config,
  handle: DbHandle,
  source: PsaSource,
  full: boolean,
  onProgress?: (progress: EntityProgress) => void,
): Promise<SyncSummary> {
  const connector = createConnector(handle, source, config)
  return connector.sync(full, onProgress).finally(() => connector.stop())
}
