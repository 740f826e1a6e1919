import { existsSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { openDatabase } from '../db/index.js'
import { createKpiEngine } from '../kpi-library/engine.js'
import { ALL_KPIS } from '../kpi-library/index.js'
import type { Role } from '../kpi-library/types.js'
import { benchSync } from './sync.js'

/** The bench's pinned clock: the large world is generated up to it and KPIs are evaluated at it. */
export const BENCH_NOW = '2026-11-18T10:00:00.000Z'

export interface KpiTiming {
  id: string
  ms: number
}

export interface KpiBenchResult {
  dbPath: string
  counts: Record<string, number>
  sets: Array<{ name: string; kpis: number; totalMs: number; slowest: KpiTiming[] }>
  library: { kpis: number; coldMs: number; repeatMs: number; timings: KpiTiming[] }
}

/** Syncs `large` data once into a kept file (data/bench/large.sqlite), then reuses it. */
export async function ensureLargeDb(root: string, fresh: boolean): Promise<string> {
  const path = join(root, 'data', 'bench', 'large.sqlite')
  if (fresh || !existsSync(path)) {
    const partial = `${path}.partial`
    for (const file of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true })
    process.stdout.write(
      `Building the large benchmark database (5 years, ~60 engineers) in ${dirname(path)}; this takes a few minutes once...\n`,
    )
    await benchSync('large', { keepDb: partial, now: BENCH_NOW })
    renameSync(partial, path)
    for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true })
  }
  return path
}

export async function benchKpis(dbPath: string): Promise<KpiBenchResult> {
  const handle = await openDatabase(dbPath)
  try {
    const counts: Record<string, number> = {}
    for (const table of ['ticket', 'time_entry', 'survey_result', 'ticket_note'] as const) {
      const row = await handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      counts[table] = Number(row.n)
    }
    const now = () => new Date(BENCH_NOW)
    const sets: KpiBenchResult['sets'] = []
    for (const role of ['owner', 'engineer'] as Role[]) {
      const ids = ALL_KPIS.filter((kpi) => kpi.roles.includes(role)).map((kpi) => kpi.id)
      const engine = createKpiEngine({ db: handle.db, now, cacheSize: 0 })
      const timings = await timeEach(engine, ids, role)
      sets.push({
        name: role,
        kpis: ids.length,
        totalMs: sum(timings),
        slowest: [...timings].sort((a, b) => b.ms - a.ms).slice(0, 5),
      })
    }
    const engine = createKpiEngine({ db: handle.db, now })
    const ids = ALL_KPIS.map((kpi) => kpi.id)
    const timings = await timeEach(engine, ids, 'owner')
    const started = performance.now()
    await engine.evaluateMany(ids, { role: 'owner' })
    const repeatMs = performance.now() - started
    return { dbPath, counts, sets, library: { kpis: ids.length, coldMs: sum(timings), repeatMs, timings } }
  } finally {
    await handle.close()
  }
}

async function timeEach(engine: ReturnType<typeof createKpiEngine>, ids: string[], role: Role): Promise<KpiTiming[]> {
  const timings: KpiTiming[] = []
  for (const id of ids) {
    const started = performance.now()
    await engine.evaluate(id, { role })
    timings.push({ id, ms: performance.now() - started })
  }
  return timings
}

function sum(timings: KpiTiming[]): number {
  return timings.reduce((total, t) => total + t.ms, 0)
}

export function kpiMarkdown(result: KpiBenchResult): string {
  const fmt = (n: number) => n.toLocaleString('en-GB')
  const rows = [...result.library.timings]
    .sort((a, b) => b.ms - a.ms)
    .map((t) => `| ${t.id} | ${t.ms.toFixed(1)} |`)
    .join('\n')
  return `### KPI evaluation on \`large\` data

Data: ${fmt(result.counts.ticket!)} tickets, ${fmt(result.counts.time_entry!)} time entries, ${fmt(result.counts.survey_result!)} survey results, ${fmt(result.counts.ticket_note!)} ticket notes (5 years, ~60 engineers), evaluated at ${BENCH_NOW}.

| set | KPIs | total (cold) | slowest |
| --- | ---: | ---: | --- |
${result.sets.map((s) => `| ${s.name} | ${s.kpis} | ${s.totalMs.toFixed(0)} ms | ${s.slowest.map((t) => `${t.id} ${t.ms.toFixed(0)} ms`).join(', ')} |`).join('\n')}
| whole library | ${result.library.kpis} | **${result.library.coldMs.toFixed(0)} ms** (target <= 1,000 ms) | |

Repeat of the whole library from the result cache (same data generation): **${result.library.repeatMs.toFixed(2)} ms** (target <= 5 ms).

<details><summary>Time per KPI, cold (ms)</summary>

| KPI | ms |
| --- | ---: |
${rows}

</details>
`
}
