import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { KpiEngine } from '../../kpi-library/engine.js'
import type { Lang } from '../../kpi-library/types.js'
import type { Config } from '../config.js'
import { evaluateDashboard } from '../services/dashboards.js'
import { evaluateMyPage } from '../services/me.js'
import { HttpError } from '../errors.js'
import { WorkerCallError, WorkerThread } from './thread.js'

/** An API error thrown on the evaluation thread (a role deleted mid-poll: 404) answers as it would have here. */
function rethrownHere(error: unknown): never {
  const detail =
    error instanceof WorkerCallError ? (error.detail as { statusCode?: number; code?: string } | undefined) : undefined
  if (detail?.statusCode) throw new HttpError(detail.statusCode, (error as Error).message, detail.code)
  throw error
}

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

/** An Evaluator from one function that answers any request, wherever it runs. */
function evaluatorOf(
  evaluate: (request: EvaluationRequest) => Promise<string | null>,
  close: () => Promise<void>,
): Evaluator {
  return {
    // A dashboard request always has an answer (a missing role throws); only a phone page may be null.
    dashboardJson: async (request) => (await evaluate({ kind: 'dashboard', ...request }))!,
    myPageJson: (request) => evaluate({ kind: 'me', ...request }),
    close,
  }
}

/** On the calling thread: for tests and tools that build the app around a database of their own. */
export function inThreadEvaluator(db: Kysely<Database>, engine: KpiEngine): Evaluator {
  return evaluatorOf(
    (request) => evaluateJson(db, engine, request),
    async () => undefined,
  )
}

/** What the evaluation thread needs to evaluate as the server would; each database brings its path. */
export type EvaluatorSetup = Pick<Config, 'tz' | 'businessHours' | 'now'>

/**
 * A call to the evaluation thread for one evaluator (`key`, one per app): evaluate against its database, or `forget`
 * it (its connection closes and later calls with that key are refused, so a removed tenant's file is never reopened).
 */
export type EvaluationCall = { key: number; dbPath: string } & (EvaluationRequest | { kind: 'forget' })

/**
 * A thread of its own that evaluates, with its own SQLite connection per database: the server's second core
 * evaluates while the first serves, so screens polling flat out neither wait for an evaluation nor hold one up.
 * A hosted install shares one among its tenants; each tenant's evaluator (`forDatabase`) reads its own file only.
 */
export class EvaluationThread {
  readonly #thread: WorkerThread<EvaluationCall, string | null>
  #evaluators = 0

  constructor(setup: EvaluatorSetup) {
    this.#thread = new WorkerThread('./evaluation-worker.ts', setup)
  }

  forDatabase(dbPath: string): Evaluator {
    const key = ++this.#evaluators
    let closed = false
    return evaluatorOf(
      async (request) => {
        if (closed) throw new Error('this evaluator was closed')
        return this.#thread.call({ key, dbPath, ...request }).catch(rethrownHere)
      },
      // The connection goes; the thread stays for the other databases.
      async () => {
        closed = true
        await this.#thread.call({ key, dbPath, kind: 'forget' }).catch(() => null)
      },
    )
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
