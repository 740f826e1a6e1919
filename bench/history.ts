import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../db/index.js'
import { loadConfig } from '../server/config.js'
import { installDefaults } from '../server/services/dashboards.js'
import { askedSeries, backfillable, createHistoryRecorder } from '../server/services/history/recorder.js'
import { BENCH_NOW } from './kpi.js'

// The history backfill on `large` data (5 years, ~60 engineers), as a newly connected MSP's first sync leaves it:
// the default dashboards and strip, every backfillable series from yesterday back over the horizon, then what the
// store costs on disk. On a copy of the kept benchmark database, so the KPI bench's file stays as it was.

export interface HistoryBenchResult {
  series: number
  backfilled: number
  liveMs: number
  backfillMs: number
  days: number
  rows: number
  /** Bytes of the history tables and their indexes (SQLite's dbstat). */
  historyBytes: number
  databaseBytes: number
}

export async function benchHistory(largeDbPath: string): Promise<HistoryBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-bench-history-'))
  const path = join(dir, 'history.sqlite')
  copyFileSync(largeDbPath, path)
  const handle = await openDatabase(path)
  try {
    const config = loadConfig({})
    await installDefaults(handle.db, BENCH_NOW)
    const series = await askedSeries(handle.db)
    const recorder = createHistoryRecorder({
      db: handle.db,
      tz: config.tz,
      hours: config.businessHours,
      now: () => new Date(BENCH_NOW),
    })
    let started = performance.now()
    await recorder.recordLive()
    const liveMs = performance.now() - started
    started = performance.now()
    await recorder.backfill(Number.POSITIVE_INFINITY)
    const backfillMs = performance.now() - started
    const counted = await handle.db
      .selectFrom('kpi_day')
      .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('day').distinct().as('days')])
      .executeTakeFirstOrThrow()
    const { rows: sizes } = await sql<{ bytes: number }>`
      select sum(pgsize) as bytes from dbstat where name like 'kpi\\_%' escape '\\' or name like 'sqlite_autoindex_kpi\\_%' escape '\\'`.execute(
      handle.db,
    )
    const { rows: pages } = await sql<{ bytes: number }>`
      select page_count * page_size as bytes from pragma_page_count, pragma_page_size`.execute(handle.db)
    return {
      series: series.length,
      backfilled: series.filter((one) => backfillable(one.kpi)).length,
      liveMs,
      backfillMs,
      days: Number(counted.days),
      rows: Number(counted.rows),
      historyBytes: Number(sizes[0]?.bytes ?? 0),
      databaseBytes: Number(pages[0]?.bytes ?? 0),
    }
  } finally {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function historyMarkdown(result: HistoryBenchResult): string {
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
  return `### KPI history backfill on \`large\` data

The default dashboards and strip ask for ${result.series} series (KPI and parameters); ${result.backfilled} of them can be computed for a past day (the rest are the present state and are recorded live only). Evaluated at ${BENCH_NOW}, as the sync thread does after an MSP's first sync:

| step | time | what it wrote |
| --- | ---: | --- |
| first live recording (yesterday, the last hour, the last 14 days settled) | ${(result.liveMs / 1000).toFixed(1)} s | |
| backfill, newest day first, back over the horizon | ${(result.backfillMs / 1000).toFixed(1)} s | ${result.days} days, ${result.rows.toLocaleString('en-GB')} day values in all |

The history tables take **${mib(result.historyBytes)} MiB** (${Math.round(result.historyBytes / Math.max(1, result.rows))} bytes a day value, indexes included) of a ${mib(result.databaseBytes)} MiB database: about ${mib((result.historyBytes / Math.max(1, result.days)) * 365)} MiB a year for these dashboards.
`
}
