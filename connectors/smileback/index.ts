import type { DbHandle } from '../../db/index.js'
import { withSyncLock } from '../autotask/sync-lock.js'
import { pause } from '../http.js'
import { createSmileBackClient, type SmileBackClientOptions } from './client.js'
import type { SmileBackCredentials } from './config.js'
import { RateLimiter } from './rate-limit.js'
import {
  REVIEWS_ENTITY,
  runSmileBackSync,
  SMILEBACK_PSA,
  type SmileBackSyncOptions,
  type SmileBackSyncResult,
} from './sync.js'

export type { SmileBackCredentials } from './config.js'
export type { SmileBackSyncResult } from './sync.js'
export { SMILEBACK_PSA } from './sync.js'

/** SmileBack's documented limit: 30 requests a minute per customer. */
export const SMILEBACK_REQUESTS_PER_MINUTE = 30

export interface SmileBackConnectorSettings {
  credentials: SmileBackCredentials
  /** A scheduled sync within this long of the last successful one is skipped (default 60 s): one request a minute at most when nothing changed. */
  minIntervalMs?: number
  /** Requests per minute (default 30); tests lower the window, never the protocol. */
  rate?: { limit: number; windowMs: number }
  retry?: Pick<SmileBackClientOptions, 'attempts' | 'baseDelayMs'>
  timeoutMs?: number
}

export type SmileBackSyncCall = Pick<SmileBackSyncOptions, 'full' | 'overlapMs' | 'pageSize' | 'now' | 'onUnlinked'> & {
  /** Sync even when the last one was within minIntervalMs (the CLI's `roleboard sync`). */
  force?: boolean
}

/**
 * Wires client, pace and database for one SmileBack account. The client (its token and its request window)
 * lives as long as the connector, so a server's scheduled syncs share one pace of 30 requests a minute.
 */
export function createSmileBackConnector(handle: DbHandle, settings: SmileBackConnectorSettings) {
  const stopper = new AbortController()
  const sleep = (ms: number) => pause(ms, stopper.signal)
  const rate = settings.rate ?? { limit: SMILEBACK_REQUESTS_PER_MINUTE, windowMs: 60_000 }
  const limiter = new RateLimiter(rate.limit, rate.windowMs, sleep)
  const client = createSmileBackClient({
    credentials: settings.credentials,
    limiter,
    sleep,
    signal: stopper.signal,
    ...settings.retry,
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
  })
  const secrets = [settings.credentials.password, settings.credentials.clientSecret, settings.credentials.clientId]
  const minIntervalMs = settings.minIntervalMs ?? 60_000
  return {
    client,
    /** One pass; null when skipped (the last one was too recent). A SyncBusyError while another sync runs on the file. */
    async sync(call: SmileBackSyncCall = {}): Promise<SmileBackSyncResult | null> {
      const now = call.now ?? (() => new Date())
      if (!call.full && !call.force) {
        const state = await handle.db
          .selectFrom('sync_state')
          .select(['last_success_at', 'last_error'])
          .where('psa', '=', SMILEBACK_PSA)
          .where('entity', '=', REVIEWS_ENTITY)
          .executeTakeFirst()
        const last = state?.last_success_at ? Date.parse(state.last_success_at) : null
        if (state?.last_error === null && last !== null && now().getTime() - last < minIntervalMs) return null
      }
      return withSyncLock(handle, () => runSmileBackSync({ ...call, handle, client, secrets }))
    },
    /** Ends a sync under way at its next request and refuses new ones. */
    stop(): void {
      stopper.abort()
    },
  }
}
