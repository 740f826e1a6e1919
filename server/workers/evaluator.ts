import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { KpiEngine } from '../../kpi-library/engine.js'
import type { Lang } from '../../kpi-library/types.js'
import type { Config } from '../config.js'
import { evaluateDashboard } from '../services/dashboards.js'
import { evaluateMyPage } from '../services/me.js'
import { WorkerThread } from './thread.js'

/** A wall: a role's dashboard in a language, narrowed to one person (`me`) or not. */
export interface DashboardRequest {
  role: string
  lang: Lang
  me: number | null
}

/** A phone page: one person's lists. */
export interface MyPageRequest {
  resourceId: number
  lang: Lang
}

export type EvaluationRequest = ({ kind: 'dashboard' } & DashboardRequest) | ({ kind: 'me' } & MyPageRequest)

/** Evaluated answers, serialised: what wall screens and phones poll. */
export interface Evaluator {
  dashboardJson(request: DashboardRequest): Promise<string>
  /** Null when there is no such person. */
  myPageJson(request: MyPageRequest): Promise<string | null>
  close(): Promise<void>
}

/** Evaluates one request against `db` with `engine`: the same code on whichever thread. */
export async function evaluateJson(
  db: Kysely<Database>,
  engine: KpiEngine,
  request: EvaluationRequest,
): Promise<string | null> {
  if (request.kind === 'dashboard') return JSON.stringify(await evaluateDashboard(db, engine, request.role, request))
  const page = await evaluateMyPage(db, engine, request.resourceId, request.lang)
  return page && JSON.stringify(page)
}

/** On the calling thread: for tests and tools that build the app around a database of their own. */
export function inThreadEvaluator(db: Kysely<Database>, engine: KpiEngine): Evaluator {
  return {
    dashboardJson: async (request) => (await evaluateJson(db, engine, { kind: 'dashboard', ...request }))!,
    myPageJson: (request) => evaluateJson(db, engine, { kind: 'me', ...request }),
    close: async () => undefined,
  }
}

/** What the evaluation thread needs to evaluate as the server would; each database brings its path. */
export type EvaluatorSetup = Pick<Config, 'tz' | 'businessHours' | 'now'>

/** A call to the evaluation thread: evaluate against one database, or `forget` it (close its connection). */
export type EvaluationCall = { dbPath: string } & (EvaluationRequest | { kind: 'forget' })

/**
 * A thread of its own that evaluates, with its own SQLite connection per database: the server's second core
 * evaluates while the first serves, so screens polling flat out neither wait for an evaluation nor hold one up.
 * A hosted install shares one among its tenants; each tenant's evaluator (`forDatabase`) reads its own file only.
 */
export class EvaluationThread {
  readonly #thread: WorkerThread<EvaluationCall, string | null>

  constructor(setup: EvaluatorSetup) {
    this.#thread = new WorkerThread('./evaluation-worker.ts', setup)
  }

  forDatabase(dbPath: string): Evaluator {
    return {
      dashboardJson: async (request) => (await this.#thread.call({ dbPath, kind: 'dashboard', ...request }))!,
      myPageJson: (request) => this.#thread.call({ dbPath, kind: 'me', ...request }),
      // The connection goes; the thread stays for the other databases.
      close: async () => void (await this.#thread.call({ dbPath, kind: 'forget' }).catch(() => null)),
    }
  }

  close(): Promise<void> {
    return this.#thread.close()
  }
}

/** A server's one database evaluated on a thread of its own, closed with it. */
export function threadEvaluator(setup: EvaluatorSetup & { dbPath: string }): Evaluator {
  const thread = new EvaluationThread(setup)
  const evaluator = thread.forDatabase(setup.dbPath)
  return { ...evaluator, close: () => thread.close() }
}
