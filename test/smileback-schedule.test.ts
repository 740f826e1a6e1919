import { describe, expect, onTestFinished, test } from 'vitest'
import { worldReviews } from '../connectors/smileback/simulator/reviews.js'
import { startWorldSmileBack } from '../connectors/smileback/simulator/start.js'
import { loadConfig } from '../server/config.js'
import type { ScheduleLog } from '../server/sync-schedule.js'
import { startSyncThread } from '../server/workers/sync-thread.js'
import { openTempDb, startSim } from './helpers/sync-env.js'

// The server's scheduled sync, on its own thread, runs a SmileBack pass after each Autotask sync: at most one a
// ~minute, so an idle account costs one request of SmileBack's 30 a minute.

describe('the scheduled sync with SmileBack configured', () => {
  test('syncs SmileBack after Autotask, and skips it again within the minute', async () => {
    const sim = await startSim()
    const smileBack = await startWorldSmileBack(sim.world)
    onTestFinished(() => smileBack.close())
    const handle = await openTempDb()
    const lines: Array<{ level: string; fields: object; message: string }> = []
    const collect = (level: string) => (fields: object, message: string) => lines.push({ level, fields, message })
    const log = { info: collect('info'), warn: collect('warn'), error: collect('error') } as unknown as ScheduleLog
    const schedule = startSyncThread(
      {
        config: { ...loadConfig({}), dbPath: handle.path, syncIntervalSeconds: 3600 },
        source: { psa: 'autotask', credentials: sim.credentials },
        smileback: smileBack.credentials,
      },
      log,
    )
    try {
      await schedule.runOnce()
      const kept = worldReviews(sim.world)().filter((review) => review.status !== 'deleted')
      expect(lines).toContainEqual({
        level: 'info',
        fields: { requests: 2, changed: kept.length },
        message: 'SmileBack sync done',
      })
      const stored = await handle.db.selectFrom('smileback_review').select('id').execute()
      expect(stored).toHaveLength(kept.length)
      const asked = smileBack.requestLog().length
      await schedule.runOnce()
      expect(smileBack.requestLog()).toHaveLength(asked)
    } finally {
      await schedule.stop()
    }
  })
})
