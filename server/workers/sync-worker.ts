// The sync thread: keeps the sync schedules (the server's one, or one per hosted tenant) and runs each sync on its
// own SQLite connection, so syncs start and land on time however busy the serving thread is
// (server/workers/sync-thread.ts starts it).
import { connectDatabase, type DbHandle } from '../../db/index.js'
import { batchedHints, type HintSink, oneAtATime } from '../hints.js'
import { createHistoryRecorder } from '../services/history/recorder.js'
import { historyKeeper } from '../services/history/keeper.js'
import { configuredSmileBack, syncSmileBackQuietly } from '../smileback-sync.js'
import { createConnector, type PsaConnector } from '../sync.js'
import { type ScheduleLog, startSyncSchedule } from '../sync-schedule.js'
import { answerCalls, notify } from './serve.js'
import type { SyncCall, SyncLogLine, SyncNotice } from './sync-thread.js'

const schedules = new Map<
  string,
  {
    handle: DbHandle
    connector: PsaConnector
    smileBack: ReturnType<typeof configuredSmileBack> | null
    schedule: ReturnType<typeof startSyncSchedule>
    hints: HintSink
    history: ReturnType<typeof historyKeeper>
  }
>()

// The server's logger lives on the serving thread: lines cross to it (their timing fields are taken here).
function logFor(key: string): ScheduleLog {
  const line =
    (level: SyncLogLine['level']) =>
    (fieldsOrMessage: object | string, message?: string): void =>
      notify<SyncNotice>({
        key,
        line:
          typeof fieldsOrMessage === 'string'
            ? { level, fields: {}, message: fieldsOrMessage }
            : { level, fields: fieldsOrMessage, message: message ?? '' },
      })
  const log: ScheduleLog = { info: line('info'), warn: line('warn'), error: line('error') }
  return log
}

answerCalls(async (call: SyncCall) => {
  const entry = schedules.get(call.key)
  if (call.kind === 'start') {
    if (entry) return
    const { config, source, smileback } = call.setup
    const handle = connectDatabase(config.dbPath)
    const connector = createConnector(handle, source, config)
    const smileBack = smileback ? configuredSmileBack(config, handle, smileback) : null
    const log = logFor(call.key)
    // The scheduled sync and the webhooks' re-reads take turns: a re-read queues behind the sync under way.
    const serial = oneAtATime()
    const pinned = config.now
    const recorder = createHistoryRecorder({
      db: handle.db,
      tz: config.tz,
      hours: config.businessHours,
      ...(pinned ? { now: () => new Date(pinned) } : {}),
    })
    const history = historyKeeper(recorder, serial, log)
    const sync = () =>
      serial(async () => {
        notify<SyncNotice>({ key: call.key, running: true })
        try {
          const summary = await connector.sync()
          // After the PSA's, so reviews of tickets that just arrived link at once.
          if (smileBack) await syncSmileBackQuietly(smileBack, log)
          if (summary.ok) await history.afterPoll()
          return summary
        } finally {
          notify<SyncNotice>({ key: call.key, running: false })
        }
      })
    const schedule = startSyncSchedule({ sync, intervalSeconds: config.syncIntervalSeconds, log })
    const { refresh } = connector
    // Only Autotask's webhooks are wired: elsewhere no callout arrives, and a stray hint waits for the next sync.
    const hints = batchedHints(async (entity, ids) => {
      if (!refresh) return
      const summary = await serial(() => refresh(entity, ids))
      if (summary.ok) log.info({ entity, ids: ids.length, changed: summary.changed }, 'webhook change read')
      else
        log.warn(
          { entity, ids: ids.length, error: summary.error },
          'webhook change not read; the next sync picks it up',
        )
    })
    schedules.set(call.key, { handle, connector, smileBack, schedule, hints, history })
  } else if (call.kind === 'runOnce') {
    await entry?.schedule.runOnce()
  } else if (call.kind === 'hint') {
    await entry?.hints(call.entity, call.ids)
  } else if (entry) {
    // A stopped schedule must not go on using its credentials and budget until its sync ends by itself.
    schedules.delete(call.key)
    entry.connector.stop()
    entry.smileBack?.stop()
    await entry.history.stop()
    await entry.schedule.stop()
    await entry.handle.close()
  }
})
