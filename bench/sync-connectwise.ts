import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connectWiseCredentials } from '../connectors/connectwise/config.js'
import { createConnectWiseConnector } from '../connectors/connectwise/index.js'
import { openDatabase } from '../db/index.js'
import { noChangeSync, simulatorProcess } from './sync.js'

/** ConnectWise's documented ceiling and roleboard's default share of it (ROLEBOARD_API_SHARE, server/config.ts). */
const LIMIT_PER_MINUTE = 1000
const DEFAULT_SHARE = 0.2
const PAGE = 1000
/**
 * Entities whose records each need a request of their own besides their list, as ConnectWise keeps these facts
 * apart: a ticket's notes, a company's team (its account manager), an opportunity's forecast (its amount).
 */
const ONE_MORE_EACH = new Set(['Companies', 'Opportunities'])

export interface ConnectWiseSyncBenchResult {
  size: string
  wallSeconds: number
  records: number
  localSeconds: number
  rowsPerSecond: number
  requests: number
  entities: Array<{ entity: string; records: number; requests: number; minimum: number; ratio: number }>
  incremental: { requests: number; changed: number; seconds: number }
}

/**
 * Full ConnectWise sync of `size` data from an unthrottled simulator in its own process, then an incremental sync
 * with nothing changed: requests per entity against the fewest a ConnectWise sync can make, and rows per second.
 */
export async function benchConnectWiseSync(size: 'small' | 'medium' | 'large'): Promise<ConnectWiseSyncBenchResult> {
  const { sim, env } = await simulatorProcess(
    ['--import', 'tsx', join(import.meta.dirname, 'connectwise-sim.ts'), size],
    'CONNECTWISE_',
    5,
  )
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-bench-cw-'))
  try {
    const handle = await openDatabase(join(dir, 'bench.sqlite'))
    const connector = createConnectWiseConnector(handle, {
      credentials: connectWiseCredentials(env)!,
      // The simulator does not throttle: the benchmark counts requests; what ConnectWise's limit makes of them is
      // worked out in the report.
      governor: { limitPerMinute: 1_000_000, share: 1 },
    })
    const t0 = performance.now()
    const summary = await connector.sync()
    const wallSeconds = (performance.now() - t0) / 1000
    if (!summary.ok)
      throw new Error(`bench sync failed: ${(summary.error ?? summary.results.find((r) => r.error)?.error)?.message}`)
    const tickets = summary.results.find((r) => r.entity === 'Tickets')?.records ?? 0
    const entities = summary.results
      .filter((r) => !r.entity.includes(':'))
      .map((r) => {
        // Notes have no list of their own in ConnectWise: one request per ticket read is the least there is.
        const pages = Math.max(1, Math.ceil(r.records / PAGE))
        const minimum = r.entity === 'TicketNotes' ? tickets : pages + (ONE_MORE_EACH.has(r.entity) ? r.records : 0)
        return { entity: r.entity, records: r.records, requests: r.requests, minimum, ratio: r.requests / minimum }
      })
    const records = summary.results.reduce((sum, r) => sum + r.records, 0)
    const localSeconds = summary.results.reduce((sum, r) => sum + r.localMs, 0) / 1000
    const incremental = await noChangeSync(connector)
    connector.stop()
    await handle.close()
    return {
      size,
      wallSeconds,
      records,
      localSeconds,
      rowsPerSecond: Math.round(records / localSeconds),
      requests: summary.requests,
      entities,
      incremental,
    }
  } finally {
    sim.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

export function connectWiseSyncMarkdown(result: ConnectWiseSyncBenchResult): string {
  const rows = result.entities
    .map(
      (e) =>
        `| ${e.entity} | ${e.records.toLocaleString('en-GB')} | ${e.requests.toLocaleString('en-GB')} | ${e.minimum.toLocaleString('en-GB')} | ${e.ratio.toFixed(3)}x |`,
    )
    .join('\n')
  const minutes = result.requests / (LIMIT_PER_MINUTE * DEFAULT_SHARE)
  return `### Sync: full ConnectWise PSA sync of \`${result.size}\` data

The same seeded world as the Autotask benchmark above, served over ConnectWise's protocol by its simulator in its own
process, unthrottled; connector and SQLite in the measured process. Pages of ${PAGE} (ConnectWise's largest).

| entity | records | requests | minimum | ratio |
| --- | ---: | ---: | ---: | ---: |
${rows}

- Minimum: ceil(records/${PAGE}) for a list; ConnectWise keeps some facts per record, so one request more each: a ticket's notes (no list of all notes), a company's team (its account manager), an opportunity's forecast (its amount). Tickets also read the SLA setup once (SLAs, their priorities, calendars and holidays) to work out due times.
- ${result.requests.toLocaleString('en-GB')} requests in all (the company lookup and the id scans included); records read: ${result.records.toLocaleString('en-GB')} in ${result.wallSeconds.toFixed(1)} s wall time (HTTP included).
- Local ingest (mapping, validation, SQLite upserts): ${result.localSeconds.toFixed(2)} s, **${result.rowsPerSecond.toLocaleString('en-GB')} rows/s**.
- At ConnectWise's 1,000 requests a minute and roleboard's default share of ${DEFAULT_SHARE * 100}% (\`ROLEBOARD_API_SHARE\`), this first sync takes at least **${minutes.toFixed(0)} minutes**, nearly all of it one notes request per ticket; incremental syncs read notes only for the tickets that changed.
- Incremental sync straight after, nothing changed: **${result.incremental.requests} requests**, ${result.incremental.changed} rows changed, ${result.incremental.seconds.toFixed(2)} s.
`
}
