// The sync thread: runs the scheduled syncs on its own SQLite connection, so a sync's HTTP, mapping and
// writes land on time however busy the serving thread is (server/workers/sync-thread.ts starts it).
import { SyncBusyError } from '../../connectors/autotask/index.js'
import { connectDatabase } from '../../db/index.js'
import { runOneSync } from '../sync.js'
import { answerCalls, workerInput } from './serve.js'
import type { SyncSetup } from './sync-thread.js'

const setup = workerInput<SyncSetup>()
const handle = connectDatabase(setup.config.dbPath)

answerCalls(
  () => runOneSync(setup.config, handle, setup.credentials, false),
  (error) =>
    error instanceof SyncBusyError
      ? { name: error.name, message: error.message, detail: error.holder }
      : { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
)
