import { openDatabase } from '../db/index.js'
import { loadConfig } from '../server/config.js'
import { qbrPdf } from '../server/services/reports/qbr-render.js'
import { lastFullQuarter } from '../server/services/reports/quarter.js'
import { localDatesWindow, addDays } from '../kpi-library/time.js'
import { BENCH_NOW } from './kpi.js'

// A client review (QBR) PDF on `large` data, as `roleboard report qbr` makes it: the figures from the database,
// the HTML, and Chromium printing it (a browser started per render, as the CLI and the route do). For the busiest
// client of the last full quarter before the bench's clock, so the tables and charts are as full as they get.

const RUNS = 5

export interface QbrBenchResult {
  company: { id: number; name: string; tickets: number }
  quarter: string
  pages: number
  bytes: number
  /** Whole renders, figures to PDF, in ms; the median is the result. */
  runs: number[]
}

export async function benchQbr(dbPath: string): Promise<QbrBenchResult> {
  const handle = await openDatabase(dbPath)
  try {
    const config = loadConfig({})
    const now = new Date(BENCH_NOW)
    const quarter = lastFullQuarter(now, config.tz)
    const window = localDatesWindow(quarter.from, addDays(quarter.to, 1), config.tz)
    const busiest = await handle.db
      .selectFrom('ticket')
      .innerJoin('company', 'company.id', 'ticket.company_id')
      .select((eb) => ['company.id as id', 'company.name as name', eb.fn.countAll<number>().as('tickets')])
      .where('ticket.created_at', '>', window.after)
      .where('ticket.created_at', '<=', window.until)
      .where('company.id', '!=', 0)
      .groupBy(['company.id', 'company.name'])
      .orderBy('tickets', 'desc')
      .executeTakeFirstOrThrow()
    const env = { db: handle.db, tz: config.tz, now, chromiumPath: config.chromiumPath }
    const runs: number[] = []
    let last: Buffer | null = null
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now()
      const { pdf } = await qbrPdf(env, { companyId: busiest.id, quarter: quarter.id, lang: i % 2 ? 'nl' : 'en' })
      runs.push(performance.now() - started)
      last = pdf
    }
    // pdf.js is a development dependency, as the bench is: loaded only here.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
    const doc = await getDocument({ data: new Uint8Array(last!), isEvalSupported: false }).promise
    const pages = doc.numPages
    await doc.destroy()
    return {
      company: { ...busiest, tickets: Number(busiest.tickets) },
      quarter: quarter.id,
      pages,
      bytes: last!.length,
      runs,
    }
  } finally {
    await handle.close()
  }
}

export function qbrMarkdown(result: QbrBenchResult): string {
  const sorted = [...result.runs].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  return `### Client review (QBR) PDF on \`large\` data

${result.quarter} of the busiest client (${result.company.tickets.toLocaleString('en-GB')} tickets created that quarter), evaluated at ${BENCH_NOW}: figures from SQLite, HTML, and headless Chromium started and printing A4 (${result.pages} pages, ${Math.round(result.bytes / 1024)} KiB), ${RUNS} renders alternating English and Dutch: **${(median / 1000).toFixed(2)} s** median (${result.runs.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s).
`
}
