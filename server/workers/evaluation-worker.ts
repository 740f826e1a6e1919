// The evaluation thread: evaluates walls and phone pages on its own SQLite connections, one per database, so the
// serving thread only answers screens (server/workers/evaluator.ts starts it).
import { connectDatabase, type DbHandle } from '../../db/index.js'
import { createKpiEngine, type KpiEngine } from '../../kpi-library/engine.js'
import { type EvaluationCall, evaluateJson, type EvaluatorSetup } from './evaluator.js'
import { answerCalls, workerInput } from './serve.js'

const setup = workerInput<EvaluatorSetup>()
const now = setup.now ? () => new Date(setup.now!) : () => new Date()
// Per evaluator (one per app): its connection and engine, opened at its first call.
const open = new Map<number, { handle: DbHandle; engine: KpiEngine }>()
// Evaluators closed for good: a call still under way for one must not reopen its (removed) file.
const forgotten = new Set<number>()

function database(key: number, dbPath: string) {
  if (forgotten.has(key)) throw new Error('this evaluator was closed')
  let entry = open.get(key)
  if (!entry) {
    const handle = connectDatabase(dbPath)
    entry = { handle, engine: createKpiEngine({ db: handle.db, tz: setup.tz, hours: setup.businessHours, now }) }
    open.set(key, entry)
  }
  return entry
}

answerCalls(async (call: EvaluationCall) => {
  if (call.kind === 'forget') {
    forgotten.add(call.key)
    const entry = open.get(call.key)
    open.delete(call.key)
    await entry?.handle.close()
    return null
  }
  const { handle, engine } = database(call.key, call.dbPath)
  return evaluateJson(handle.db, engine, call)
})
