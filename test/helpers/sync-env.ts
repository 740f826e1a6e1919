import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { onTestFinished } from 'vitest'
import { createAutotaskConnector, type AutotaskCredentials } from '../../connectors/autotask/index.js'
import type { SimulatorOptions } from '../../connectors/autotask/simulator/server.js'
import { startSimulatedDesk } from '../../connectors/autotask/simulator/start.js'
import type { SimSize, SimWorld } from '../../connectors/autotask/simulator/store.js'
import { type DbHandle, openDatabase } from '../../db/index.js'
import { startRoleboard } from './cli.js'

export const SIM_NOW = '2026-03-02T09:00:00Z' // a Monday morning, Amsterdam winter time

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-test-'))
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export async function openTempDb(name = 'roleboard.sqlite'): Promise<DbHandle> {
  const handle = await openDatabase(join(tempDir(), name))
  onTestFinished(() => handle.close())
  return handle
}

/** One row from a database file read as another process would: read-only, never migrated; null while the file or table is not there. */
export function peekRow<T>(path: string, query: string): T | null {
  try {
    const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true })
    try {
      return (raw.prepare(query).get() as T | undefined) ?? null
    } finally {
      raw.close()
    }
  } catch {
    return null
  }
}

/** A running simulator (real HTTP, ephemeral port) with a fresh world. */
export async function startSim(
  options: { size?: SimSize; seed?: number; world?: SimWorld } & Omit<SimulatorOptions, 'world'> = {},
) {
  const { size = 'tiny', seed = 7, world, ...serverOptions } = options
  const running = await startSimulatedDesk({ ...serverOptions, world: world ?? { size, seed, now: SIM_NOW } })
  onTestFinished(() => running.close())
  return running
}

/** A connector with short retry delays, so fault tests stay fast. */
export function fastConnector(handle: DbHandle, credentials: AutotaskCredentials, share = 0.2) {
  return createAutotaskConnector(handle, {
    credentials,
    retry: { baseDelayMs: 5, maxDelayMs: 40 },
    governor: { share },
  })
}

/**
 * Runs `roleboard sync` into `dbPath` as a separate process and kills it hard (SIGKILL) once the
 * simulator has answered `pages` query pages of `entity`; the simulator should answer that entity
 * slowly, so the kill lands mid-pass. Resolves when the process is gone.
 */
export async function killSyncMidPass(
  sim: Awaited<ReturnType<typeof startSim>>,
  dbPath: string,
  entity: string,
  pages: number,
): Promise<void> {
  const { child, done } = startRoleboard(['sync', '--quiet'], {
    ROLEBOARD_DB: dbPath,
    AUTOTASK_USERNAME: sim.credentials.username,
    AUTOTASK_SECRET: sim.credentials.secret,
    AUTOTASK_INTEGRATION_CODE: sim.credentials.integrationCode,
    AUTOTASK_DISCOVERY_URL: sim.credentials.discoveryUrl,
  })
  for (let i = 0; i < 600; i++) {
    const answered = sim.sim
      .requestLog()
      .filter((entry) => entry.entity === entity && entry.operation === 'query' && entry.status === 200).length
    if (answered >= pages) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill('SIGKILL')
  await done
}
