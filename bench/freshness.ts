import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'
import { startSimulatedDesk } from '../connectors/autotask/simulator/start.js'
import { quantile } from '../kpi-library/sql.js'
import { CHROMIUM } from '../test/web/stack.js'
import { adminCookie, PASSWORD, start } from './server.js'

const BIN = join(import.meta.dirname, '..', 'bin', 'roleboard.mjs')
const NOW = '2026-03-02T09:00:00Z' // a Monday morning: the simulated desk is open
const ROLE = 'team-lead'
/** What the samples wait for at most: a change that takes longer counts as this long (and the run says so). */
const GIVE_UP_MS = 150_000

export interface FreshnessMode {
  mode: 'webhooks' | 'polling'
  /** Milliseconds from the change in the simulator to the new value on the wall, one per change. */
  samples: number[]
  p50: number
  p95: number
  max: number
  /** Changes that did not reach the wall within GIVE_UP_MS. */
  missed: number
}

export interface FreshnessResult {
  modes: FreshnessMode[]
  syncIntervalSeconds: number
}

/**
 * The whole path from Autotask to the TV: the simulator (its clock stopped, so only our changes move the
 * number), `roleboard serve` in a process of its own with the default sync pace, and a wall in Chromium
 * showing one tile, the open tickets. Each sample creates a ticket in the simulator and times how long
 * until the wall shows the count one higher. First with webhooks registered (`roleboard webhooks
 * register`, callouts signed and delivered by the simulator), then after `unregister`, polling only.
 */
export async function benchFreshness(
  options: { webhookSamples?: number; pollingSamples?: number } = {},
): Promise<FreshnessResult> {
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-bench-fresh-'))
  const sim = await startSimulatedDesk({ world: { size: 'small', seed: 42, now: NOW } })
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const env = {
    ROLEBOARD_DB: join(dir, 'fresh.sqlite'),
    ROLEBOARD_ADMIN_PASSWORD: PASSWORD,
    ROLEBOARD_NOW: NOW,
    ROLEBOARD_PUBLIC_URL: base,
    HOST: '127.0.0.1',
    PORT: String(port),
    AUTOTASK_USERNAME: sim.credentials.username,
    AUTOTASK_SECRET: sim.credentials.secret,
    AUTOTASK_INTEGRATION_CODE: sim.credentials.integrationCode,
    AUTOTASK_DISCOVERY_URL: sim.credentials.discoveryUrl,
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  })
  let server: Awaited<ReturnType<typeof start>> | null = null
  try {
    await command(['sync', '--quiet'], env)
    server = await start(['serve'], env, /running at http/)
    const cookie = await adminCookie(base)
    const admin = (path: string, method: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (response) => {
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
        return response.json() as Promise<{ path?: string }>
      })
    await admin(`/api/dashboards/${ROLE}`, 'PUT', { tiles: [{ kpi: 'tickets_open' }] })
    const { path } = await admin('/api/tokens', 'POST', { kind: 'wall', role: ROLE, name: 'freshness bench' })
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } })
    await page.goto(`${base}${path}`)
    // The tile's own value (the company strip above it has values too).
    const value = '[data-tile] .kpi-value'
    await page.waitForSelector(`html[data-wall-rendered] ${value}`)

    const shown = async () => Number((await page.textContent(value))?.replace(/\D/g, '') || NaN)
    const sample = async (): Promise<number> => {
      const before = await shown()
      const started = performance.now()
      sim.webhooks.create('Tickets', { title: 'Freshness benchmark: printer offline', priority: 2 })
      try {
        await page.waitForFunction(
          ([selector, want]) =>
            Number(document.querySelector(selector as string)?.textContent?.replace(/\D/g, '') || NaN) >= Number(want),
          [value, before + 1] as const,
          { polling: 50, timeout: GIVE_UP_MS },
        )
      } catch {
        return Infinity
      }
      return performance.now() - started
    }
    const measure = async (mode: FreshnessMode['mode'], count: number): Promise<FreshnessMode> => {
      // Settle: the push stream open and the wall up to date before the first change.
      await page.waitForSelector('html[data-push="live"]', { timeout: 60_000 })
      const samples: number[] = []
      for (let i = 0; i < count; i++) {
        samples.push(await sample())
        process.stdout.write(`  ${mode} ${i + 1}/${count}: ${fmt(samples.at(-1)!)}\n`)
        // A polling change shows just after a sync lands: the next one, made a random 0-60 s later, falls
        // anywhere in the sync's cycle, so the samples cover the whole of it evenly.
        await sleep(mode === 'polling' ? Math.random() * 60_000 : 300)
      }
      const reached = samples.map((ms) => Math.min(ms, GIVE_UP_MS))
      return {
        mode,
        samples: reached,
        p50: quantile(reached, 0.5) ?? 0,
        p95: quantile(reached, 0.95) ?? 0,
        max: Math.max(...reached),
        missed: samples.filter((ms) => ms === Infinity).length,
      }
    }

    await command(['webhooks', 'register'], env)
    const modes = [await measure('webhooks', options.webhookSamples ?? 20)]
    await command(['webhooks', 'unregister'], env)
    modes.push(await measure('polling', options.pollingSamples ?? 10))
    return { modes, syncIntervalSeconds: 60 }
  } finally {
    server?.child.kill('SIGTERM')
    await browser.close()
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function freshnessMarkdown(result: FreshnessResult): string {
  const target = { webhooks: '≤ 5 s', polling: '≤ 70 s' }
  const rows = result.modes
    .map(
      (m) =>
        `| ${m.mode === 'webhooks' ? 'webhooks registered' : 'polling only'} | ${m.samples.length} | ${fmt(m.p50)} | ${fmt(m.p95)} | ${fmt(m.max)} | ${target[m.mode]} | ${m.missed} |`,
    )
    .join('\n')
  return `### Freshness: from a change in Autotask to the wall

A ticket created in the simulator (small data, its clock stopped) until a wall in Chromium shows the open-ticket count one higher, through \`roleboard serve\` in its own process at the default sync pace (every ${result.syncIntervalSeconds} s). With webhooks (\`roleboard webhooks register\`), the simulator's signed callout makes the server re-read the ticket at once and the wall is pushed the change; polling only (after \`roleboard webhooks unregister\`), the change waits for the next scheduled sync, which then pushes it; each polling change is made a random 0-60 s after the previous one showed, so the changes fall evenly over the sync's cycle.

| mode | changes | p50 | p95 | max | target p95 | never arrived |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}
`
}

function fmt(ms: number): string {
  return ms === Infinity ? 'never' : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

async function command(args: string[], env: Record<string, string>): Promise<void> {
  try {
    await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } })
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string; message: string }
    throw new Error(`roleboard ${args.join(' ')} failed: ${failed.stderr || failed.stdout || failed.message}`, {
      cause: error,
    })
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
