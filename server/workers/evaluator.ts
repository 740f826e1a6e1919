import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { KpiEngine } from '../../kpi-library/engine.js'
import type { Lang } from '../../kpi-library/types.js'
import type { Config } from '../config.js'
import { evaluateDashboard } from '../services/dashboards.js'
import { WorkerThread } from './thread.js'

export interface EvaluationRequest {
  role: string
  lang: Lang
  me: number | null
}

/** Whole-dashboard answers, serialised: what a wall screen polls. */
export interface Evaluator {
  dashboardJson(request: EvaluationRequest): Promise<string>
  close(): Promise<void>
}

/** What the evaluation thread needs to evaluate as the server would. */
export type EvaluatorSetup = Pick<Config, 'tz' | 'businessHours' | 'now'> & { dbPath: string }

/** On the calling thread: for tests and tools that build the app around a database of their own. */
export function inThreadEvaluator(db: Kysely<Database>, engine: KpiEngine): Evaluator {
  return {
    dashboardJson: async ({ role, lang, me }) => JSON.stringify(await evaluateDashboard(db, engine, role, { lang, me })),
    close: async () => undefined,
  }
}

/**
 * On a thread of its own with its own SQLite connection: a server's second core evaluates while the first
 * serves, so screens polling flat out neither wait for an evaluation nor hold one up.
 */
export function threadEvaluator(setup: EvaluatorSetup): Evaluator {
  const thread = new WorkerThread<EvaluationRequest, string>('./evaluation-worker.ts', setup)
  return { dashboardJson: (request) => thread.call(request), close: () => thread.close() }
}
