import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { benchBudget, budgetMarkdown } from './budget.js'
import { benchFreshness, freshnessMarkdown } from './freshness.js'
import { benchHistory, historyMarkdown } from './history.js'
import { benchKpis, ensureLargeDb, kpiMarkdown } from './kpi.js'
import { benchQbr, qbrMarkdown } from './qbr.js'
import { benchServer, serverMarkdown } from './server.js'
import { benchSync, syncMarkdown } from './sync.js'
import { benchConnectWiseSync, connectWiseSyncMarkdown } from './sync-connectwise.js'
import { benchWeb, webMarkdown } from './web.js'

const FILE = join(import.meta.dirname, '..', 'BENCHMARKS.md')

/** `npm run bench`: runs the benchmarks and rewrites their sections of BENCHMARKS.md. */
export async function runBenchmarks(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      size: { type: 'string', default: 'medium' },
      only: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      'server-log': { type: 'string' },
    },
  })
  const run = (name: string) => !values.only || values.only.split(',').includes(name)
  const publish = (name: string, section: string) => {
    process.stdout.write(`\n${section}\n`)
    if (!values['no-write']) writeSection(name, section)
  }
  if (run('sync')) {
    const size = values.size as 'small' | 'medium' | 'large'
    process.stdout.write(`Benchmark: full sync of ${size} data...\n`)
    publish('sync', syncMarkdown(await benchSync(size)))
  }
  if (run('sync-connectwise')) {
    const size = values.size as 'small' | 'medium' | 'large'
    process.stdout.write(`Benchmark: full ConnectWise PSA sync of ${size} data...\n`)
    publish('sync-connectwise', connectWiseSyncMarkdown(await benchConnectWiseSync(size)))
  }
  if (run('budget')) {
    process.stdout.write("Benchmark: roleboard's Autotask requests per hour at the default pacing...\n")
    publish('budget', budgetMarkdown(await benchBudget()))
  }
  if (run('server')) {
    process.stdout.write('Benchmark: 500 wall screens on medium data...\n')
    publish(
      'server',
      serverMarkdown(await benchServer(values['server-log'] ? { serverLog: values['server-log'] } : {})),
    )
  }
  if (run('kpi')) {
    process.stdout.write('Benchmark: KPI evaluation on large data...\n')
    const dbPath = await ensureLargeDb(join(import.meta.dirname, '..'), values.fresh!)
    publish('kpi', kpiMarkdown(await benchKpis(dbPath)))
  }
  if (run('history')) {
    process.stdout.write('Benchmark: KPI history backfill on large data...\n')
    const dbPath = await ensureLargeDb(join(import.meta.dirname, '..'), values.fresh!)
    publish('history', historyMarkdown(await benchHistory(dbPath)))
  }
  if (run('qbr')) {
    process.stdout.write('Benchmark: a client review (QBR) PDF on large data...\n')
    const dbPath = await ensureLargeDb(join(import.meta.dirname, '..'), values.fresh!)
    publish('qbr', qbrMarkdown(await benchQbr(dbPath)))
  }
  if (run('freshness')) {
    process.stdout.write('Benchmark: from a ticket change in the simulator to the wall in Chromium...\n')
    publish('freshness', freshnessMarkdown(await benchFreshness()))
  }
  if (run('web')) {
    process.stdout.write('Benchmark: the wall screen in Chromium (first render, heap over 500 refreshes)...\n')
    publish('web', webMarkdown(await benchWeb()))
  }
  return 0
}

function writeSection(name: string, body: string): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`
  const stamped = `<!-- bench:${name} -->\n_Measured ${new Date().toISOString().slice(0, 10)} on ${machine}._\n\n${body}<!-- /bench:${name} -->`
  let text = existsSync(FILE)
    ? readFileSync(FILE, 'utf8')
    : '# Benchmarks\n\nWritten by `npm run bench`; each section is replaced when its benchmark runs again.\n'
  const pattern = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`)
  text = pattern.test(text) ? text.replace(pattern, stamped) : `${text.trimEnd()}\n\n${stamped}\n`
  writeFileSync(FILE, text)
}
