import { existsSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { withSyncLock } from '../../connectors/autotask/sync-lock.js'
import { loadConfig } from '../../server/config.js'
import { EvaluationThread, inThreadEvaluator, threadEvaluator } from '../../server/workers/evaluator.js'
import { startSyncThread, SyncThread } from '../../server/workers/sync-thread.js'
import type { ScheduleLog } from '../../server/sync-schedule.js'
import { WorkerThread } from '../../server/workers/thread.js'
import { DEFAULT_ROLES } from '../../server/defaults.js'
import { appWithData } from '../helpers/app-env.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'

/** An evaluated wall without its age, which moves with the wall clock between two evaluations. */
function withoutAge(json: string) {
  const { dataAgeSeconds: _age, ...rest } = JSON.parse(json) as Record<string, unknown>
  return rest
}

describe('work off the serving thread', () => {
  test('walls and phone pages evaluated on their own thread are the ones evaluated in the server, every role, both languages', async () => {
    const { app, handle } = await appWithData()
    const config = loadConfig({})
    const elsewhere = threadEvaluator({
      dbPath: handle.path,
      tz: config.tz,
      businessHours: config.businessHours,
      now: SIM_NOW,
    })
    try {
      const here = inThreadEvaluator(app.db, app.engine)
      for (const role of DEFAULT_ROLES.map((r) => r.id)) {
        for (const lang of ['en', 'nl'] as const) {
          const [a, b] = await Promise.all([
            here.dashboardJson({ role, lang, me: null }),
            elsewhere.dashboardJson({ role, lang, me: null }),
          ])
          expect(withoutAge(b), `${role} ${lang}`).toEqual(withoutAge(a))
        }
      }
      const people = await app.db.selectFrom('resource').select('id').orderBy('id').limit(3).execute()
      for (const { id } of people) {
        const [a, b] = await Promise.all([
          here.myPageJson({ resourceId: id, lang: 'nl' }),
          elsewhere.myPageJson({ resourceId: id, lang: 'nl' }),
        ])
        expect(JSON.parse(b!), `phone page of ${id}`).toEqual(JSON.parse(a!))
      }
      expect(await elsewhere.myPageJson({ resourceId: 999_999, lang: 'en' })).toBeNull()
    } finally {
      await elsewhere.close()
    }
  })

  test('a closed evaluator refuses, a file that is gone is never created again, and an API error answers as itself', async () => {
    const { handle } = await appWithData()
    const config = loadConfig({})
    const thread = new EvaluationThread({ tz: config.tz, businessHours: config.businessHours, now: SIM_NOW })
    try {
      const evaluator = thread.forDatabase(handle.path)
      await expect(evaluator.dashboardJson({ role: 'no-such-role', lang: 'en', me: null })).rejects.toMatchObject({
        statusCode: 404,
        code: 'not_found',
      })
      expect(JSON.parse(await evaluator.dashboardJson({ role: 'owner', lang: 'en', me: null })).role).toBe('owner')
      await evaluator.close()
      await expect(evaluator.dashboardJson({ role: 'owner', lang: 'en', me: null })).rejects.toThrow('closed')

      // A removed tenant's file: an evaluator for it fails, and leaves no empty file behind.
      const gone = join(dirname(handle.path), 'removed.sqlite')
      await expect(thread.forDatabase(gone).dashboardJson({ role: 'owner', lang: 'en', me: null })).rejects.toThrow()
      expect(existsSync(gone)).toBe(false)
    } finally {
      await thread.close()
    }
  })

  test('a sync lock left by a thread of this process that stopped renewing it (a crashed sync thread) does not keep syncs out', async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const silent = new Date(Date.now() - 2 * 60_000).toISOString()
    const dead = { token: 'dead-thread', pid: process.pid, host: hostname(), startedAt: silent, heartbeatAt: silent }
    expect((await handle.store.takeLock('sync', dead, () => false)).token).toBe('dead-thread')
    expect((await fastConnector(handle, sim.credentials).sync()).ok).toBe(true)
  })

  test('a failing call fails alone, and a thread that dies fails its call and is started again at the next', async () => {
    const thread = new WorkerThread<string, string>(new URL('../fixtures/crash-worker.ts', import.meta.url).href, null)
    try {
      expect(await thread.call('one')).toBe('echo one')
      await expect(thread.call('fail')).rejects.toMatchObject({ name: 'RangeError', message: 'asked to fail' })
      expect(await thread.call('two')).toBe('echo two')
      await expect(thread.call('crash')).rejects.toThrow('the worker thread stopped (exit code 3)')
      expect(await thread.call('three')).toBe('echo three')
    } finally {
      await thread.close()
    }
    await expect(thread.call('after')).rejects.toThrow('closed')
  })

  test("a resident thread (the sync schedule's) runs without being called and comes back by itself after dying", async () => {
    const notices: string[] = []
    let starts = 0
    const thread = new WorkerThread<string, string, string>(
      new URL('../fixtures/crash-worker.ts', import.meta.url).href,
      null,
      {
        resident: true,
        onNotice: (notice) => notices.push(notice),
        onStart: () => starts++,
      },
    )
    try {
      await expect.poll(() => notices).toEqual(['up'])
      expect(starts).toBe(1)
      await expect(thread.call('crash')).rejects.toThrow('exit code 3')
      await expect.poll(() => notices, { timeout: 5000 }).toEqual(['up', 'up'])
      expect(starts).toBe(2)
      expect(await thread.call('again')).toBe('echo again')
    } finally {
      await thread.close()
    }
  })

  test("one sync thread keeps several schedules (a hosted install's tenants), each syncing its own file and logging as itself", async () => {
    const [simA, simB] = [await startSim({ seed: 3 }), await startSim({ seed: 4 })]
    const [dbA, dbB] = [await openTempDb('a.sqlite'), await openTempDb('b.sqlite')]
    const lines: string[] = []
    const logAs = (name: string) => {
      const line = (_fields: object, message: string) => lines.push(`${name}: ${message}`)
      return { info: line, warn: line, error: line } as unknown as ScheduleLog
    }
    const thread = new SyncThread()
    try {
      const config = { ...loadConfig({}), syncIntervalSeconds: 3600 }
      const a = thread.schedule(
        'a',
        { config: { ...config, dbPath: dbA.path }, source: { psa: 'autotask', credentials: simA.credentials } },
        logAs('a'),
      )
      const b = thread.schedule(
        'b',
        { config: { ...config, dbPath: dbB.path }, source: { psa: 'autotask', credentials: simB.credentials } },
        logAs('b'),
      )
      const syncing = a.runOnce()
      await expect.poll(() => a.syncing(), { timeout: 10_000 }).toBe(true)
      await Promise.all([syncing, b.runOnce()])
      expect(a.syncing()).toBe(false)
      expect(lines.sort()).toEqual(['a: sync done', 'b: sync done'])
      const tickets = async (handle: typeof dbA) =>
        (
          await handle.db
            .selectFrom('ticket')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n
      expect(await tickets(dbA)).toBe(simA.world.records('Tickets').length)
      expect(await tickets(dbB)).toBe(simB.world.records('Tickets').length)

      // A stopped schedule syncs no more; the other goes on.
      await a.stop()
      await a.runOnce()
      await b.runOnce()
      expect(lines.sort()).toEqual(['a: sync done', 'b: sync done', 'b: sync done'])
    } finally {
      await thread.close()
    }
  })

  test("the server's sync schedule runs on its own thread: a round while another sync holds the file is skipped and logged, the next lands", async () => {
    const sim = await startSim()
    const handle = await openTempDb()
    const lines: Array<{ level: string; fields: object; message: string }> = []
    const collect = (level: string) => (fields: object, message: string) => lines.push({ level, fields, message })
    const log = { info: collect('info'), warn: collect('warn'), error: collect('error') } as unknown as ScheduleLog
    const schedule = startSyncThread(
      {
        config: { ...loadConfig({}), dbPath: handle.path, syncIntervalSeconds: 3600 },
        source: { psa: 'autotask', credentials: sim.credentials },
      },
      log,
    )
    try {
      let release!: () => void
      const held = withSyncLock(handle, () => new Promise<void>((resolve) => (release = resolve)))
      await schedule.runOnce()
      expect(lines).toEqual([
        {
          level: 'info',
          fields: expect.objectContaining({ pid: process.pid }),
          message: expect.stringMatching(/^scheduled sync skipped: another sync is running on .+roleboard\.sqlite/),
        },
      ])
      release()
      await held

      await schedule.runOnce()
      expect(lines.at(-1)).toEqual({
        level: 'info',
        fields: { requests: expect.any(Number), changed: expect.any(Number), ms: expect.any(Number) },
        message: 'sync done',
      })
      const tickets = await handle.db
        .selectFrom('ticket')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      expect(tickets.n).toBe(sim.world.records('Tickets').length)
      expect(await handle.db.selectFrom('sync_run').select('ok').execute()).toEqual([{ ok: 1 }])
    } finally {
      await schedule.stop()
    }
  })
})
