import { join } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { describe, expect, test } from 'vitest'
import { SyncBusyError } from '../connectors/autotask/index.js'
import { withSyncLock } from '../connectors/autotask/sync-lock.js'
import { openDatabase } from '../db/index.js'
import { EXIT_SYNC_BUSY } from '../server/cli.js'
import { startSyncSchedule } from '../server/sync-schedule.js'
import { runRoleboard, startRoleboard } from './helpers/cli.js'
import { fastConnector, openTempDb, peekRow, startSim, tempDir } from './helpers/sync-env.js'

type Sim = Awaited<ReturnType<typeof startSim>>

function syncEnv(db: string, sim: Sim) {
  const { username, secret, integrationCode, discoveryUrl } = sim.credentials
  return {
    ROLEBOARD_DB: db,
    AUTOTASK_USERNAME: username,
    AUTOTASK_SECRET: secret,
    AUTOTASK_INTEGRATION_CODE: integrationCode,
    AUTOTASK_DISCOVERY_URL: discoveryUrl!,
  }
}

/** A simulator whose first Companies page takes seconds: a sync started on it holds the lock that long. */
async function slowSim(delayMs = 4_000): Promise<Sim> {
  const sim = await startSim()
  sim.sim.setFaults([{ kind: 'slow', delayMs, entity: 'Companies', operation: 'query', times: 1 }])
  return sim
}

/** The sync lock's holder, read as another process would. */
function lockHolderOf(db: string): number | null {
  return peekRow<{ pid: number }>(db, "select pid from sync_lock where name = 'sync'")?.pid ?? null
}

async function waitForHolder(db: string, pid: number): Promise<void> {
  for (let i = 0; i < 300 && lockHolderOf(db) !== pid; i++) await new Promise((resolve) => setTimeout(resolve, 50))
  expect(lockHolderOf(db), 'the first sync took the lock').toBe(pid)
}

async function syncRuns(db: string): Promise<Array<{ ok: number | null }>> {
  const handle = await openDatabase(db)
  try {
    return await handle.db.selectFrom('sync_run').select('ok').orderBy('id').execute()
  } finally {
    await handle.close()
  }
}

const BUSY_LINE = (db: string, pid: number) =>
  new RegExp(
    `^roleboard sync: another sync is running on ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pid ${pid}, since \\d\\d:\\d\\d\\); not starting a second one\\n$`,
  )

describe('one sync per database at a time', () => {
  test('a second CLI sync on the same file says so in one line, exits 75 and syncs nothing', async () => {
    const sim = await slowSim()
    const db = join(tempDir(), 'roleboard.sqlite')
    const first = startRoleboard(['sync', '--quiet'], syncEnv(db, sim))
    await waitForHolder(db, first.child.pid!)

    const second = await runRoleboard(['sync', '--quiet'], syncEnv(db, sim))
    expect(second.code).toBe(EXIT_SYNC_BUSY)
    expect(second.stderr).toMatch(BUSY_LINE(db, first.child.pid!))
    expect(second.stdout).toBe('')

    const done = await first.done
    expect(done.code, done.stderr).toBe(0)
    expect(await syncRuns(db)).toEqual([{ ok: 1 }])
    expect(lockHolderOf(db), 'released at the end').toBeNull()
  })

  test('a holder killed with kill -9 does not block: the next sync runs', async () => {
    const sim = await slowSim(30_000)
    const db = join(tempDir(), 'roleboard.sqlite')
    const first = startRoleboard(['sync', '--quiet'], syncEnv(db, sim))
    await waitForHolder(db, first.child.pid!)
    // Killed mid-sync: once its run is recorded, not between taking the lock and starting.
    for (let i = 0; i < 300 && (await syncRuns(db)).length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    first.child.kill('SIGKILL')
    expect((await first.done).code).toBeNull()
    expect(lockHolderOf(db), 'a crash leaves the row behind').toBe(first.child.pid)

    sim.sim.clearFaults()
    const next = await runRoleboard(['sync', '--quiet'], syncEnv(db, sim))
    expect(next.code, next.stderr).toBe(0)
    expect(await syncRuns(db)).toEqual([{ ok: null }, { ok: 1 }])
    expect(lockHolderOf(db)).toBeNull()
  })

  test("the server's scheduled sync skips its round while another sync holds the file, and logs it", async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const lines: string[] = []
    const log = {
      info: (_fields: object, line: string) => lines.push(line),
      warn: () => undefined,
      error: () => undefined,
    } as unknown as FastifyBaseLogger
    const schedule = startSyncSchedule({
      sync: () => fastConnector(handle, sim.credentials).sync(),
      intervalSeconds: 3600,
      log,
    })
    try {
      let release!: () => void
      const held = withSyncLock(handle, () => new Promise<void>((resolve) => (release = resolve)))
      await schedule.runOnce()
      await expect(fastConnector(handle, sim.credentials).sync()).rejects.toBeInstanceOf(SyncBusyError)
      expect(lines).toEqual([
        expect.stringMatching(
          /^scheduled sync skipped: another sync is running on .+roleboard\.sqlite \(pid \d+, since \d\d:\d\d\); not starting a second one$/,
        ),
      ])
      expect(await handle.db.selectFrom('sync_run').selectAll().execute()).toEqual([])

      release()
      await held
      await schedule.runOnce()
      expect(lines.at(-1)).toBe('sync done')
      expect(await handle.db.selectFrom('sync_run').select('ok').execute()).toEqual([{ ok: 1 }])
    } finally {
      await schedule.stop()
    }
  })
})
