import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { credentialsFromEnv } from '../connectors/autotask/config.js'
import { createAutotaskConnector, type SyncSummary } from '../connectors/autotask/index.js'
import { openDatabase } from '../db/index.js'

const BIN = join(import.meta.dirname, '..', 'bin', 'roleboard.mjs')

export interface SyncBenchResult {
  size: string
  simStartSeconds: number
  wallSeconds: number
  records: number
  localSeconds: number
  rowsPerSecond: number
  peakRssMb: number
  entities: Array<{ entity: string; records: number; requests: number; minimum: number; ratio: number }>
  budgetChecks: number
  incremental: { requests: number; changed: number; seconds: number }
}

/** Full sync of `size` data from a simulator in its own process, so the numbers are roleboard's alone. */
export async function benchSync(
  size: 'small' | 'medium' | 'large',
  options: { keepDb?: string; now?: string } = {},
): Promise<SyncBenchResult> {
  const started = performance.now()
  const { sim, env } = await simulatorProcess(
    [BIN, 'simulate', '--size', size, '--port', '0', '--hourly-limit', '1000000'],
    'AUTOTASK_',
    4,
    options.now ? { ROLEBOARD_NOW: options.now } : {},
  )
  const simStartSeconds = (performance.now() - started) / 1000
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-bench-'))
  try {
    const handle = await openDatabase(options.keepDb ?? join(dir, 'bench.sqlite'))
    const connector = createAutotaskConnector(handle, {
      // The simulator printed all four AUTOTASK_* values (awaited above).
      credentials: credentialsFromEnv(env)!,
      // A first sync of years of history needs more than the default 20% share in one go.
      governor: { share: 1 },
    })
    const t0 = performance.now()
    const summary = await connector.sync()
    const wallSeconds = (performance.now() - t0) / 1000
    if (!summary.ok)
      throw new Error(
        `bench sync failed: ${summary.error?.message ?? summary.results.find((r) => r.error)?.error?.message}`,
      )
    const entities = summary.results
      .filter((r) => !r.entity.includes(':') && r.entity !== 'Picklists')
      .map((r) => {
        const minimum = Math.max(1, Math.ceil(r.records / 500))
        return { entity: r.entity, records: r.records, requests: r.queries, minimum, ratio: r.queries / minimum }
      })
    const records = summary.results.reduce((sum, r) => sum + r.records, 0)
    const localSeconds = summary.results.reduce((sum, r) => sum + r.localMs, 0) / 1000
    const incremental = await noChangeSync(connector)
    await handle.close()
    return {
      size,
      simStartSeconds,
      wallSeconds,
      records,
      localSeconds,
      rowsPerSecond: Math.round(records / localSeconds),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      entities,
      budgetChecks: summary.requests - summary.results.reduce((sum, r) => sum + r.queries, 0),
      incremental,
    }
  } finally {
    sim.kill('SIGTERM')
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A simulator in a process of its own (`args` after node's), once it has printed the `count` variables starting with
 * `prefix` that point a connector at it.
 */
export async function simulatorProcess(
  args: string[],
  prefix: string,
  count: number,
  env: Record<string, string> = {},
): Promise<{ sim: ChildProcess; env: Record<string, string> }> {
  const sim = spawn(process.execPath, ['--max-old-space-size=12000', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  })
  const printed = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = ''
    sim.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)))
    sim.stdout!.on('data', (chunk) => {
      out += chunk
      const pattern = new RegExp(`(${prefix}[A-Z_]+)=(\\S+)`, 'g')
      const vars = Object.fromEntries([...out.matchAll(pattern)].map((m) => [m[1]!, m[2]!]))
      if (Object.keys(vars).length === count) resolve(vars)
    })
  })
  return { sim, env: printed }
}

/** A second sync straight after a full one: what an incremental pass costs when nothing changed. */
export async function noChangeSync(connector: { sync(): Promise<SyncSummary> }) {
  const started = performance.now()
  const again = await connector.sync()
  return {
    requests: again.requests,
    changed: again.results.reduce((s, r) => s + r.changed + r.deleted, 0),
    seconds: (performance.now() - started) / 1000,
  }
}

export function syncMarkdown(result: SyncBenchResult): string {
  const rows = result.entities
    .map(
      (e) =>
        `| ${e.entity} | ${e.records.toLocaleString('en-GB')} | ${e.requests} | ${e.minimum} | ${e.ratio.toFixed(3)}x |`,
    )
    .join('\n')
  return `### Sync: full sync of \`${result.size}\` data

Simulator in its own process (start-up and data generation ${result.simStartSeconds.toFixed(1)} s), connector and SQLite in the measured process.

| entity | records | requests | minimum ceil(records/500) | ratio (target <= 1.02x) |
| --- | ---: | ---: | ---: | ---: |
${rows}

- Besides the queries above: ${result.budgetChecks} other requests (ThresholdInformation budget checks, field metadata for picklists, retries).
- Records read: ${result.records.toLocaleString('en-GB')} in ${result.wallSeconds.toFixed(1)} s wall time (HTTP included).
- Local ingest (mapping, validation, SQLite upserts; the simulator's time excluded): ${result.localSeconds.toFixed(2)} s, **${result.rowsPerSecond.toLocaleString('en-GB')} rows/s** (target >= 100,000).
- Peak RSS of the syncing process: **${result.peakRssMb} MB**.
- Incremental sync straight after: ${result.incremental.requests} requests, ${result.incremental.changed} rows changed, ${result.incremental.seconds.toFixed(2)} s.
`
}
