import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { onTestFinished } from 'vitest'
import { createAutotaskConnector, type AutotaskCredentials } from '../../connectors/autotask/index.js'
import { DEMO_CREDENTIALS, type SimulatorOptions, startSimulator } from '../../connectors/autotask/simulator/server.js'
import type { SimSize, SimWorld } from '../../connectors/autotask/simulator/store.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import { type DbHandle, openDatabase } from '../../db/index.js'

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
export async function startSim(options: { size?: SimSize; seed?: number; world?: SimWorld } & Omit<SimulatorOptions, 'world'> = {}) {
  const world = options.world ?? createSimWorld({ size: options.size ?? 'tiny', seed: options.seed ?? 7, now: SIM_NOW })
  const running = await startSimulator({ ...options, world })
  onTestFinished(() => running.close())
  const credentials: AutotaskCredentials = {
    username: DEMO_CREDENTIALS.userName,
    secret: DEMO_CREDENTIALS.secret,
    integrationCode: DEMO_CREDENTIALS.integrationCode,
    discoveryUrl: running.discoveryUrl,
  }
  return { ...running, world, credentials }
}

/** A connector with short retry delays, so fault tests stay fast. */
export function fastConnector(handle: DbHandle, credentials: AutotaskCredentials, share = 0.2) {
  return createAutotaskConnector(handle, { credentials, retry: { baseDelayMs: 5, maxDelayMs: 40 }, governor: { share } })
}
