import { parentPort, workerData } from 'node:worker_threads'
import type { ThreadError, WorkerMessage } from './thread.js'

/** What the starting thread handed this worker (WorkerThread's `data`). */
export function workerInput<T>(): T {
  return (workerData as { data: T }).data
}

function port() {
  if (!parentPort) throw new Error('this module runs in a worker thread only')
  return parentPort
}

/** Sends the starting thread something unasked (its WorkerThread's `onNotice` receives it). */
export function notify<N>(notice: N): void {
  port().postMessage({ notice } satisfies WorkerMessage<never, N>)
}

/** An error as it crosses back: its name and message, and an API error's status and code (server/errors.ts). */
function describeError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) }
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown }
  const detail =
    typeof statusCode === 'number' ? { statusCode, ...(typeof code === 'string' ? { code } : {}) } : undefined
  return { name: error.name, message: error.message, ...(detail ? { detail } : {}) }
}

/**
 * Answers the starting thread's calls with `handle`, each as it arrives. `describe` turns a failure into what
 * crosses back (by default its name and message).
 */
export function answerCalls<Request, Result>(
  handle: (request: Request) => Promise<Result>,
  describe: (error: unknown) => ThreadError = describeError,
): void {
  const parent = port()
  parent.on('message', async ({ id, request }: { id: number; request: Request }) => {
    let reply: WorkerMessage<Result, never>
    try {
      reply = { id, ok: true, value: await handle(request) }
    } catch (error) {
      reply = { id, ok: false, error: describe(error) }
    }
    parent.postMessage(reply)
  })
}
