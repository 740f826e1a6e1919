// The evaluation thread: evaluates walls and phone pages on its own SQLite connections, one per database, so the
// serving thread only answers screens (server/workers/evaluator.ts starts it).
import { connectDatabase, type DbHandle } from '../../db/index.js'
import { createKpiEngine, type KpiEngine } from '../../kpi-library/engine.js'
import { type EvaluationCall, evaluateJson, type EvaluatorSetup } from './evaluator.js'
import { answerCalls, workerInput } from './serve.js'

const setup = workerInput<EvaluatorSetup>()
const now = setup.now ? () => new Date(setup.now!) : () => new Date()
const open = new Map<string, { handle: DbHandle; engine: KpiEngine }>()

function database(dbPath: string) {
  let entry = open.get(dbPath)
  if (!entry) {
    const handle = connectDatabase(dbPath)
    entry = { handle, engine: createKpiEngine({ db: handle.db, tz: setup.tz, hours: setup.businessHours, now }) }
    open.set(dbPath, entry)
  }
  return entry
}

answerCalls(async (call: EvaluationCall) => {
  if (call.kind === 'forget') {
    const entry = open.get(call.dbPath)
    open.delete(call.dbPath)
    await entry?.handle.close()
    return null
  }
  const { handle, engine } = database(call.dbPath)
  return evaluateJson(handle.db, engine, call)
})
