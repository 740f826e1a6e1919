// The sync thread: keeps the sync schedule and runs each sync on its own SQLite connection, so syncs start and
// land on time however busy the serving thread is (server/workers/sync-thread.ts starts it).
import { connectDatabase } from '../../db/index.js'
import { runOneSync } from '../sync.js'
import { type ScheduleLog, startSyncSchedule } from '../sync-schedule.js'
import { answerCalls, notify, workerInput } from './serve.js'
import type { SyncCall, SyncLogLine, SyncSetup } from './sync-thread.js'

const setup = workerInput<SyncSetup>()
const handle = connectDatabase(setup.config.dbPath)

// The server's logger lives on the serving thread: lines cross to it (their timing fields are taken here).
const line =
  (level: SyncLogLine['level']) =>
  (fieldsOrMessage: object | string, message?: string): void =>
    notify<SyncLogLine>(
      typeof fieldsOrMessage === 'string'
        ? { level, fields: {}, message: fieldsOrMessage }
        : { level, fields: fieldsOrMessage, message: message ?? '' },
    )
const log: ScheduleLog = { info: line('info'), warn: line('warn'), error: line('error') }

const schedule = startSyncSchedule({
  sync: () => runOneSync(setup.config, handle, setup.credentials, false),
  intervalSeconds: setup.config.syncIntervalSeconds,
  log,
})

answerCalls(async (call: SyncCall) => {
  if (call === 'stop') await schedule.stop()
  else await schedule.runOnce()
})
