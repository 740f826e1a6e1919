import type { FastifyBaseLogger } from 'fastify'
import { SyncBusyError } from '../connectors/autotask/index.js'
import {
  createSmileBackConnector,
  type SmileBackCredentials,
  type SmileBackSyncResult,
} from '../connectors/smileback/index.js'
import type { DbHandle } from '../db/index.js'
import type { Config } from './config.js'

/** The SmileBack account's connector on `handle`: incremental passes with the server's overlap, at most one a ~minute. */
export function configuredSmileBack(config: Config, handle: DbHandle, credentials: SmileBackCredentials) {
  // Just under a minute, so a schedule of 60 s runs it every round: one request a minute when nothing changed.
  const connector = createSmileBackConnector(handle, { credentials, minIntervalMs: 50_000 })
  return {
    /** One pass; null when the last one was too recent (scheduled syncs only: `force` always runs). */
    sync: (options: { full?: boolean; force?: boolean; onUnlinked?: (line: string) => void } = {}) =>
      connector.sync({ ...options, overlapMs: config.overlapMinutes * 60_000 }),
    stop: () => connector.stop(),
  }
}

/** The line `roleboard sync` and the demo print for a SmileBack pass. */
export function smileBackLine(result: SmileBackSyncResult): string {
  const count = new Intl.NumberFormat('en-GB')
  const unlinked = result.unlinked > 0 ? `, ${count.format(result.unlinked)} without a PSA ticket` : ''
  return (
    `  ${'SmileBack reviews'.padEnd(30)} ${count.format(result.records).padStart(9)} records ${count
      .format(result.changed + result.deleted)
      .padStart(9)} changed ${String(result.requests).padStart(5)} requests   (30 a minute${unlinked})` +
    (result.error ? `\n    FAILED ${result.error.message}` : '') +
    '\n'
  )
}

/**
 * A scheduled SmileBack pass that never fails the schedule: its outcome and the reviews it could not link are
 * logged; skipped while another sync holds the file, or when the last pass was under a minute ago.
 */
export async function syncSmileBackQuietly(
  smileBack: ReturnType<typeof configuredSmileBack>,
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
): Promise<void> {
  try {
    const result = await smileBack.sync({ onUnlinked: (line) => log.info(line) })
    if (!result) return
    if (!result.ok) log.warn({ error: result.error?.message }, 'SmileBack sync failed')
    else if (result.changed + result.deleted > 0)
      log.info({ requests: result.requests, changed: result.changed + result.deleted }, 'SmileBack sync done')
  } catch (error) {
    if (error instanceof SyncBusyError) log.info(`SmileBack sync skipped: ${error.message}`)
    else log.error({ err: error }, 'SmileBack sync crashed')
  }
}
