// The evaluation thread: evaluates walls and phone pages on its own SQLite connection, so the serving thread
// only answers screens (server/workers/evaluator.ts starts it).
import { connectDatabase } from '../../db/index.js'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { type EvaluationRequest, evaluateJson, type EvaluatorSetup } from './evaluator.js'
import { answerCalls, workerInput } from './serve.js'

const setup = workerInput<EvaluatorSetup>()
const { db } = connectDatabase(setup.dbPath)
const now = setup.now ? () => new Date(setup.now!) : () => new Date()
const engine = createKpiEngine({ db, tz: setup.tz, hours: setup.businessHours, now })

answerCalls((request: EvaluationRequest) => evaluateJson(db, engine, request))
