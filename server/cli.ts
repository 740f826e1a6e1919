import { parseArgs } from 'node:util'
import {
  type AutotaskCredentials,
  type EntityProgress,
  SyncBusyError,
  SyncError,
  type SyncSummary,
} from '../connectors/autotask/index.js'
import type { FastifyInstance } from 'fastify'
import { type DbHandle, openDatabase, StorageError } from '../db/index.js'
import { buildApp } from './app.js'
import { linkBase, screenAddress } from './services/addresses.js'
import { keepDemoWallLinks } from './services/demo-links.js'
import { runOneSync } from './sync.js'
import { threadEvaluator } from './workers/evaluator.js'
import { startSyncThread } from './workers/sync-thread.js'
import { VERSION } from './version.js'
import {
  type Config,
  ConfigError,
  loadAdminPassword,
  loadConfig,
  loadPsaChoice,
  loadPsaCredentials,
  loadSecretKey,
  loadSmileBackCredentials,
  loadSmtpSettings,
  noPsaError,
} from './config.js'
import { isPsaName, PSA_NAMES, PSA_TITLES, type PsaSource } from './psa.js'
import { type PsaSimulator, startPsaSimulator } from './psa-simulator.js'
import type { SmileBackCredentials } from '../connectors/smileback/index.js'
import { configuredSmileBack, smileBackLine } from './smileback-sync.js'
import { localSecretBox } from './services/secret-box.js'
import { registerDemoWebhooks } from './webhooks-command.js'

const USAGE = `roleboard: one dashboard per role for MSP service desks

Usage:
  roleboard demo                         simulator + sync + server (what npm start runs; ROLEBOARD_PSA=connectwise for ConnectWise PSA)
  roleboard simulate [--psa autotask|connectwise] [--port 9090] [--size tiny|small|medium|large] [--seed N] [--hourly-limit 10000] [--speed 0]
  roleboard sync [--full] [--quiet]      one sync from the PSA (AUTOTASK_* or CONNECTWISE_* variables; both set: ROLEBOARD_PSA) into ROLEBOARD_DB
  roleboard serve [--port 8080]          the server, on the data already synced
  roleboard kpi <id> [--role R] [--me ID] [--json] [--lang en|nl] [--param name=value]
  roleboard kpi <id> --history --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--param name=value]   its daily values
  roleboard kpi --list [--role R] [--json]
  roleboard kpi --reference [--lang en|nl] [--out FILE]   the KPI reference in Markdown (npm run docs:kpis)
  roleboard webhooks register|unregister|status   Autotask webhooks to ROLEBOARD_PUBLIC_URL (changes in seconds)
  roleboard report weekly --role R [--week 2026-W47] [--lang en|nl] --out FILE.pdf [--mail-to a@x,b@y]
  roleboard report qbr --company ID [--quarter 2026-Q3] [--lang en|nl] --out FILE.pdf [--mail-to a@x,b@y]
  roleboard bench                        the benchmarks (npm run bench)
`

/** `roleboard sync` while another sync runs on the same file: nothing done, try again later (sysexits EX_TEMPFAIL). */
export const EXIT_SYNC_BUSY = 75

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'demo':
        return await demo(rest)
      case 'simulate':
        return await simulate(rest)
      case 'sync':
        return await sync(rest)
      case 'serve':
        return await serve(rest)
      case 'kpi': {
        const { kpiCommand } = await import('./kpi-command.js')
        return await kpiCommand(rest)
      }
      case 'hosted': {
        const { hostedCommand } = await import('./hosted/command.js')
        return await hostedCommand(rest)
      }
      case 'package': {
        const { packageCommand } = await import('./package-command.js')
        return await packageCommand(rest)
      }
      case 'report': {
        const { reportCommand } = await import('./report-command.js')
        return await reportCommand(rest)
      }
      case 'webhooks': {
        const { webhooksCommand } = await import('./webhooks-command.js')
        return await webhooksCommand(rest)
      }
      case 'bench': {
        const { runBenchmarks } = await import('../bench/index.js')
        return await runBenchmarks(rest)
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE)
        return command === undefined ? 1 : 0
      default:
        process.stderr.write(`roleboard: unknown command "${command}"\n\n${USAGE}`)
        return 1
    }
  } catch (error) {
    if (error instanceof SyncBusyError) {
      process.stderr.write(`roleboard ${command}: ${error.message}\n`)
      return EXIT_SYNC_BUSY
    }
    if (error instanceof StorageError) {
      process.stderr.write(`roleboard: ${error.message}\n`)
      return 1
    }
    if (
      error instanceof SyncError ||
      error instanceof ConfigError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`roleboard ${command}: ${(error as Error).message}\n`)
      return 1
    }
    throw error
  }
}

async function simulate(argv: string[]): Promise<number> {
  const config = loadConfig()
  const { values } = parseArgs({
    args: argv,
    options: {
      psa: { type: 'string', default: loadPsaChoice() ?? 'autotask' },
      port: { type: 'string', default: '9090' },
      size: { type: 'string', default: config.simSize },
      seed: { type: 'string', default: String(config.simSeed) },
      host: { type: 'string', default: '127.0.0.1' },
      'hourly-limit': { type: 'string', default: '10000' },
      speed: { type: 'string', default: '0' },
    },
    strict: true,
  })
  const psa = values.psa!
  if (!isPsaName(psa)) throw new ConfigError(`--psa must be one of ${PSA_NAMES.join(', ')}, not "${psa}"`)
  const size = parseSize(values.size!)
  const hourlyLimit = Number(values['hourly-limit'])
  if (!Number.isInteger(hourlyLimit) || hourlyLimit < 1)
    throw new ConfigError(`--hourly-limit must be a whole number, not "${values['hourly-limit']}"`)
  const speed = Number(values.speed)
  if (!Number.isFinite(speed) || speed < 0 || speed > 10_000)
    throw new ConfigError(`--speed must be a number from 0 (a frozen clock) to 10000, not "${values.speed}"`)
  // The simulated desk works on at `speed` times real time: tickets arrive, get worked and closed.
  const world = { size, seed: Number(values.seed), now: config.now }
  const sim = await startPsaSimulator(psa, { world, port: Number(values.port), host: values.host!, hourlyLimit, speed })
  // SmileBack beside it: reviews of this desk's completed tickets, on a port of its own.
  const { startWorldSmileBack } = await import('../connectors/smileback/simulator/start.js')
  const smileBack = await startWorldSmileBack(sim.world, { host: values.host! })
  process.stdout.write(
    `${PSA_TITLES[psa]} simulator (${size}, seed ${values.seed}) listening.\n` +
      sim.envLines.map((line) => `  ${line}\n`).join('') +
      `SmileBack simulator listening.\n` +
      `  SMILEBACK_BASE_URL=${smileBack.url}\n  SMILEBACK_USERNAME=${smileBack.credentials.username}\n  SMILEBACK_PASSWORD=${smileBack.credentials.password}\n` +
      `  SMILEBACK_CLIENT_ID=${smileBack.credentials.clientId}\n  SMILEBACK_CLIENT_SECRET=${smileBack.credentials.clientSecret}\n`,
  )
  await waitForSignal()
  await smileBack.close()
  await sim.close()
  return 0
}

async function sync(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { full: { type: 'boolean', default: false }, quiet: { type: 'boolean', default: false } },
    strict: true,
  })
  const config = loadConfig()
  const source = loadPsaCredentials()
  if (!source) throw noPsaError()
  const smileback = loadSmileBackCredentials()
  const handle = await openDatabase(config.dbPath)
  try {
    const summary = await runOneSync(config, handle, source, values.full!, values.quiet ? undefined : printProgress)
    const reviews = smileback ? await syncSmileBackOnce(config, handle, smileback, values.full!, values.quiet!) : null
    printSummary(summary, config, source)
    if (!summary.ok) {
      const error = summary.error ?? summary.results.find((r) => r.error)?.error
      process.stderr.write(`roleboard sync: ${error?.message ?? 'failed'}\n`)
      return 1
    }
    if (reviews && !reviews.ok) {
      process.stderr.write(`roleboard sync: SmileBack: ${reviews.error?.message ?? 'failed'}\n`)
      return 1
    }
    return 0
  } finally {
    await handle.close()
  }
}

async function serve(argv: string[]): Promise<number> {
  const config = loadConfig()
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', default: String(config.port) } },
    strict: true,
  })
  const source = loadPsaCredentials()
  const smileback = loadSmileBackCredentials()
  const handle = await openDatabase(config.dbPath)
  const running = await startServer(config, handle, Number(values.port), source, { logger: true, smileback })
  process.stdout.write(`roleboard is running at ${running.url}\n${running.adminLine}\n`)
  await waitForSignal()
  await running.close()
  await handle.close()
  return 0
}

async function demo(argv: string[]): Promise<number> {
  const config = loadConfig()
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string', default: String(config.port) } },
    strict: true,
  })
  // The database first: a file that cannot be used stops the demo before a simulator holds the process open.
  const handle = await openDatabase(config.dbPath)
  let source = loadPsaCredentials()
  let sim: PsaSimulator | null = null
  if (!source) {
    // ROLEBOARD_PSA=connectwise demonstrates ConnectWise PSA on the same seeded world.
    const psa = loadPsaChoice() ?? 'autotask'
    // Unless the clock is pinned, the simulated desk keeps working in real time: the walls change as the day goes on.
    // Its clock catches up every 5 s, so the webhooks the demo registers bring each change within seconds.
    const world = { size: config.simSize, seed: config.simSeed, now: config.now }
    const speed = config.now ? 0 : 1
    sim = await startPsaSimulator(psa, { world, port: config.simPort, host: '127.0.0.1', speed, tickMs: 5_000 })
    source = sim.source
    process.stdout.write(
      `No ${psa === 'autotask' ? 'AUTOTASK_*' : 'CONNECTWISE_*'} set: using the built-in ${PSA_TITLES[psa]} simulator (${config.simSize} data, seed ${config.simSeed}) at ${sim.url}\n`,
    )
  }
  let smileback = loadSmileBackCredentials()
  let smileBackSim: { close(): Promise<void> } | null = null
  if (!smileback && sim) {
    const { startWorldSmileBack } = await import('../connectors/smileback/simulator/start.js')
    // Reviews of the simulated desk's own tickets, so every review links to a ticket and a contact.
    const started = await startWorldSmileBack(sim.world)
    smileBackSim = started
    smileback = started.credentials
    process.stdout.write(`No SMILEBACK_* set: using the built-in SmileBack simulator at ${started.url}\n`)
  }
  const summary = await runOneSync(config, handle, source, false, printProgress).catch((error: unknown) => {
    // Another sync on this file (a CLI sync, another demo) already brings the data; serve it meanwhile.
    if (!(error instanceof SyncBusyError)) throw error
    process.stderr.write(`roleboard: the first sync is skipped: ${error.message}\n`)
    return null
  })
  if (summary && smileback) await syncSmileBackOnce(config, handle, smileback, false, false)
  if (summary) printSummary(summary, config, source)
  if (summary && !summary.ok)
    process.stderr.write(
      `roleboard: the first sync failed: ${(summary.error ?? summary.results.find((r) => r.error)?.error)?.message}\n`,
    )
  const running = await startServer(config, handle, Number(values.port), source, { logger: false, smileback })
  // The whole path offline: the simulator calls this server's own address when a ticket changes (Autotask's
  // webhooks; ConnectWise's callbacks are not wired, its changes come with each sync).
  const hooksLine =
    sim && source.psa === 'autotask'
      ? `\n${await registerDemoWebhooks(config, handle, source.credentials, running.app.secretBox(), running.url)}`
      : ''
  const links = (await keepDemoWallLinks(handle.db, `${config.dbPath}.demo-links.json`, new Date().toISOString())).map(
    ({ role, path }) => ({ role, url: `${running.linkBase}${path}` }),
  )
  process.stdout.write(
    `\nroleboard is running at ${running.url}\n${running.adminLine}\n\nWall screens (one link per role; anyone with a link sees that dashboard, revoke it in the builder):\n` +
      links.map(({ role, url }) => `  ${role.padEnd(16)} ${url}`).join('\n') +
      (running.localOnly
        ? `\n\nThese links open on this machine only (bound to ${config.host}). For a TV on the network: HOST=0.0.0.0 npm start, or set ROLEBOARD_PUBLIC_URL to the address of a reverse proxy.`
        : '') +
      `\n\nSyncing every ${config.syncIntervalSeconds} s. Ctrl+C stops it.${hooksLine}\n`,
  )
  await waitForSignal()
  await running.close()
  await handle.close()
  await sim?.close()
  await smileBackSim?.close()
  return 0
}

/** One SmileBack pass after the PSA's (`roleboard sync`, the demo's first): its line is printed, quiet or not. */
async function syncSmileBackOnce(
  config: Config,
  handle: DbHandle,
  credentials: SmileBackCredentials,
  full: boolean,
  quiet: boolean,
) {
  const smileBack = configuredSmileBack(config, handle, credentials)
  try {
    const result = await smileBack.sync({
      full,
      force: true,
      ...(quiet ? {} : { onUnlinked: (line: string) => process.stdout.write(`    ${line}\n`) }),
    })
    if (result) process.stdout.write(smileBackLine(result))
    return result
  } finally {
    smileBack.stop()
  }
}

/** The server with its scheduled sync; prints nothing itself. */
async function startServer(
  config: Config,
  handle: DbHandle,
  port: number,
  source: PsaSource | null,
  options: { logger: boolean; smileback?: SmileBackCredentials | null },
) {
  let generated: string | undefined
  // Made once the app is: verified webhook callouts reach it through onHint, to be read again on the sync thread.
  let schedule: ReturnType<typeof startSyncThread> | null = null
  const app = await buildApp({
    config,
    handle,
    version: VERSION,
    logger: options.logger ? { level: 'info' } : false,
    adminPassword: loadAdminPassword(),
    onAdminPassword: (password) => (generated = password),
    secretBox: localSecretBox(handle.path, loadSecretKey()),
    onHint: async (entity, ids) => schedule?.hint(entity, ids),
    reports: { smtp: loadSmtpSettings() },
    plugins: await webPlugins(),
    // Both off the serving thread: screens polling flat out neither starve a sync nor wait for an evaluation.
    evaluator: threadEvaluator({
      dbPath: handle.path,
      tz: config.tz,
      businessHours: config.businessHours,
      now: config.now,
    }),
  })
  schedule = source ? startSyncThread({ config, source, smileback: options.smileback ?? null }, app.log) : null
  await app.listen({ port, host: config.host })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host
  const url = `http://${shownHost}:${actualPort}`
  const where = screenAddress(config, actualPort)
  const adminLine = generated
    ? `Builder: ${url}/admin  user: admin  password: ${generated}  (shown once; set ROLEBOARD_ADMIN_PASSWORD to choose your own)`
    : `Builder: ${url}/admin  user: admin  (password: ROLEBOARD_ADMIN_PASSWORD, or the one printed at first start)`
  return {
    app,
    url,
    /** Where screens open links: ROLEBOARD_PUBLIC_URL, a LAN address when serving on the network, else this machine's. */
    linkBase: linkBase(where, url),
    localOnly: where.localOnly,
    adminLine,
    async close() {
      await schedule?.stop()
      await app.close()
    },
  }
}

/** The built front end, when there is one (web/dist); the API works without it. */
async function webPlugins(): Promise<Array<(app: FastifyInstance) => Promise<void>>> {
  try {
    const { ensureWebBuilt, webPlugin } = await import('./web.js')
    try {
      await ensureWebBuilt({ log: (line) => process.stdout.write(line) })
    } catch (error) {
      process.stderr.write(
        `roleboard: the front end could not be built (${(error as Error).message}); serving the API only\n`,
      )
    }
    return [webPlugin]
  } catch {
    return []
  }
}

function parseSize(text: string): Config['simSize'] {
  if (text === 'tiny' || text === 'small' || text === 'medium' || text === 'large') return text
  throw new ConfigError(`--size must be tiny, small, medium or large, not "${text}"`)
}

const nl = new Intl.NumberFormat('en-GB')

function printProgress(progress: EntityProgress): void {
  if (progress.phase === 'page') return
  const mark = progress.phase === 'failed' ? 'FAILED ' : ''
  process.stdout.write(
    `  ${progress.entity.padEnd(30)} ${nl.format(progress.records).padStart(9)} records ${nl.format(progress.changed + progress.deleted).padStart(9)} changed ${String(progress.requests).padStart(5)} requests   budget ${nl.format(progress.budget.own)}/${nl.format(progress.budget.ownLimit)}` +
      (progress.error ? `\n    ${mark}${progress.error}` : '') +
      '\n',
  )
}

function printSummary(summary: SyncSummary, config: Config, source: PsaSource): void {
  const records = summary.results.reduce((sum, r) => sum + r.records, 0)
  const changed = summary.results.reduce((sum, r) => sum + r.changed, 0)
  const deleted = summary.results.reduce((sum, r) => sum + r.deleted, 0)
  const seconds = (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000
  process.stdout.write(
    `${summary.ok ? 'Synced' : 'Sync stopped:'} ${nl.format(records)} records read, ${nl.format(changed)} new or changed, ${nl.format(deleted)} deleted, ` +
      `${summary.requests} API requests in ${seconds.toFixed(1)} s (${summary.kind}) from ${PSA_TITLES[source.psa]} into ${config.dbPath}\n`,
  )
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done)
      process.off('SIGTERM', done)
      resolve()
    }
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
}

export type { AutotaskCredentials }
