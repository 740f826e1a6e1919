import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { quantile } from '../kpi-library/sql.js'
import { benchSync } from './sync.js'

const BIN = join(import.meta.dirname, '..', 'bin', 'roleboard.mjs')
const ROLES = ['owner', 'integrator', 'service-manager', 'team-lead', 'engineer', 'finance', 'account-manager']
export const PASSWORD = 'bench-admin-password'
const SYNC_INTERVAL = 15

export interface LoadPhase {
  name: string
  seconds: number
  requests: number
  failed: number
  rps: number
  p50: number
  p99: number
  max: number
  /** Syncs that landed (finished, in the database) during the phase, and the longest wait for one. */
  syncs?: { landed: number; due: number; longestGapMs: number }
}

/**
 * The scheduled syncs that landed in the database between `from` and `to` (ms since the epoch), as the sync_run table
 * records them, and the longest stretch without a landing (from the phase's start, between landings, to its end): every
 * sync due lands within its interval + 10 s exactly when that stretch stays under it.
 */
function syncsLanded(
  dbPath: string,
  from: number,
  to: number,
  intervalSeconds: number,
): NonNullable<LoadPhase['syncs']> {
  const raw = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true })
  try {
    const finished = (
      raw.prepare('select finished_at as at from sync_run where ok = 1 and finished_at is not null').all() as Array<{
        at: string
      }>
    )
      .map((row) => Date.parse(row.at))
      .filter((at) => at >= from && at <= to)
      .sort((a, b) => a - b)
    const marks = [from, ...finished, to]
    const gaps = marks.slice(1).map((at, i) => at - marks[i]!)
    return {
      landed: finished.length,
      due: Math.floor((to - from) / 1000 / intervalSeconds),
      longestGapMs: Math.max(...gaps),
    }
  } finally {
    raw.close()
  }
}

/** A roleboard command in a process of its own, once its output matches `ready`. */
export function start(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (chunk) => (out += chunk))
  child.stderr!.on('data', (chunk) => (out += chunk))
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (ready.test(out)) {
        clearInterval(timer)
        resolve({ child, output: () => out })
      }
    }, 100)
    child.on('exit', (code) => {
      clearInterval(timer)
      reject(new Error(`${args[0]} exited with ${code}: ${out.slice(-500)}`))
    })
  })
}

/** The builder admin's session cookie on a server started with PASSWORD. */
export async function adminCookie(base: string): Promise<string> {
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  })
  return String(login.headers.get('set-cookie')).split(';')[0]!
}

async function wallUrls(base: string, screens: number): Promise<string[]> {
  const cookie = await adminCookie(base)
  const tokens: string[] = []
  for (const role of ROLES) {
    const created = await fetch(`${base}/api/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'wall', role, name: `bench ${role}` }),
    })
    tokens.push(((await created.json()) as { token: string }).token)
  }
  return Array.from(
    { length: screens },
    (_, i) =>
      `${base}/api/dashboards/${ROLES[i % ROLES.length]}?token=${tokens[i % ROLES.length]}&lang=${i % 3 === 0 ? 'nl' : 'en'}`,
  )
}

/** `screens` loops; each waits `pauseMs` between its requests (0: as fast as it can). */
async function load(name: string, urls: string[], seconds: number, pauseMs: number, jitter = true): Promise<LoadPhase> {
  const latencies: number[] = []
  let failed = 0
  const end = Date.now() + seconds * 1000
  await Promise.all(
    urls.map(async (url) => {
      if (jitter && pauseMs > 0) await new Promise((r) => setTimeout(r, Math.random() * pauseMs))
      while (Date.now() < end) {
        const t = performance.now()
        try {
          const response = await fetch(url)
          await response.arrayBuffer()
          if (response.status !== 200) failed++
        } catch {
          failed++
        }
        latencies.push(performance.now() - t)
        if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs))
      }
    }),
  )
  return {
    name,
    seconds,
    requests: latencies.length,
    failed,
    rps: latencies.length / seconds,
    p50: quantile(latencies, 0.5) ?? 0,
    p99: quantile(latencies, 0.99) ?? 0,
    max: Math.max(...latencies),
  }
}

export async function benchServer(
  options: { screens?: number; pollSeconds?: number; serverLog?: string } = {},
): Promise<{ phases: LoadPhase[]; screens: number }> {
  const screens = options.screens ?? 500
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-bench-server-'))
  const dbPath = join(dir, 'medium.sqlite')
  const phases: LoadPhase[] = []
  try {
    await benchSync('medium', { keepDb: dbPath })
    const common = { ROLEBOARD_DB: dbPath, ROLEBOARD_ADMIN_PASSWORD: PASSWORD, HOST: '127.0.0.1' }

    // 1. Cache warm, no sync: screens poll every 30 s, then as fast as they can.
    const quiet = await start(
      ['serve', '--port', '0'],
      { ...common, PORT: '0', AUTOTASK_USERNAME: '', AUTOTASK_SECRET: '', AUTOTASK_INTEGRATION_CODE: '' },
      /running at (http:\/\/\S+)/,
    )
    let base = /running at (http:\/\/\S+)/.exec(quiet.output())![1]!
    let urls = await wallUrls(base, screens)
    await Promise.all(urls.slice(0, ROLES.length * 3).map((url) => fetch(url).then((r) => r.arrayBuffer()))) // warm each role and language
    phases.push(await load(`${screens} screens polling every 30 s`, urls, options.pollSeconds ?? 60, 30_000))
    phases.push(await load(`${screens} screens as fast as they can (cache warm)`, urls, 15, 0, false))
    if (phases.some((p) => p.failed > 0)) process.stderr.write(`server output:\n${quiet.output().slice(-3000)}\n`)
    quiet.child.kill('SIGTERM')

    // 2. The same load while syncs land: the simulator runs 30x real time and the server syncs every 15 s.
    const sim = await start(
      ['simulate', '--size', 'medium', '--port', '0', '--speed', '30', '--hourly-limit', '1000000'],
      {},
      /AUTOTASK_INTEGRATION_CODE=\S+/,
    )
    const env = Object.fromEntries([...sim.output().matchAll(/(AUTOTASK_[A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]))
    const busy = await start(
      ['serve', '--port', '0'],
      { ...common, ...env, ROLEBOARD_SYNC_INTERVAL: String(SYNC_INTERVAL), ROLEBOARD_API_SHARE: '1' },
      /running at (http:\/\/\S+)/,
    )
    base = /running at (http:\/\/\S+)/.exec(busy.output())![1]!
    urls = await wallUrls(base, screens)
    await Promise.all(urls.slice(0, ROLES.length * 3).map((url) => fetch(url).then((r) => r.arrayBuffer())))
    let from = Date.now()
    const polling = await load(
      `${screens} screens polling every 30 s, syncs due every 15 s`,
      urls,
      options.pollSeconds ?? 60,
      30_000,
    )
    polling.syncs = syncsLanded(dbPath, from, Date.now(), SYNC_INTERVAL)
    phases.push(polling)
    from = Date.now()
    const flat = await load(`${screens} screens as fast as they can, syncs due every 15 s`, urls, 60, 0, false)
    flat.syncs = syncsLanded(dbPath, from, Date.now(), SYNC_INTERVAL)
    phases.push(flat)
    // For a look at what the server said meanwhile (syncs, errors): `--server-log FILE`.
    if (options.serverLog) writeFileSync(options.serverLog, busy.output())
    busy.child.kill('SIGTERM')
    sim.child.kill('SIGTERM')
    return { phases, screens }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export function serverMarkdown(result: { phases: LoadPhase[]; screens: number }): string {
  const rows = result.phases
    .map(
      (p) =>
        `| ${p.name} | ${p.seconds} s | ${p.requests.toLocaleString('en-GB')} | ${p.failed} | ${p.rps.toFixed(0)} | ${p.p50.toFixed(1)} ms | ${p.p99.toFixed(1)} ms | ${p.max.toFixed(0)} ms | ${syncCell(p.syncs)} |`,
    )
    .join('\n')
  return `### Server: wall screens polling \`GET /api/dashboards/:role\` on \`medium\` data

${result.screens} wall screens spread over the 7 roles (a third in Dutch), each with its own token; server and simulator in their own processes, the load from a third, all on the same 2 cores. The server answers screens on its main thread and evaluates dashboards and syncs on two worker threads, each with its own SQLite connection. Targets: p99 <= 50 ms while the screens poll, syncs landing or not; no failed request; every sync due lands within its interval + 10 s, also while the screens poll flat out: in the database's sync_run, no stretch of a phase goes 25 s without a sync landing. The flat-out phases measure throughput: 500 connections kept busy on 2 cores queue by design, so their latency is queueing, not service time (service time is the polling p50).

| phase | length | requests | failed | req/s | p50 | p99 | max | syncs landed / due, longest without one |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows}
`
}

function syncCell(syncs: LoadPhase['syncs']): string {
  if (!syncs) return ''
  return `${syncs.landed} / ${syncs.due}, longest without one ${(syncs.longestGapMs / 1000).toFixed(1)} s`
}
