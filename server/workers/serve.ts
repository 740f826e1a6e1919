import { parentPort, workerData } from 'node:worker_threads'
import type { ThreadError } from './thread.js'

/** What the starting thread handed this worker (WorkerThread's `data`). */
export function workerInput<T>(): T {
  return (workerData as { data: T }).data
}

/**
 * Answers the starting thread's calls with `handle`, each as it arrives. `describe` turns a failure into what
 * crosses back (by default its name and message).
 */
export function answerCalls<Request, Result>(
  handle: (request: Request) => Promise<Result>,
  describe: (error: unknown) => ThreadError = (error) => ({
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  }),
): void {
  if (!parentPort) throw new Error('answerCalls runs in a worker thread only')
  const port = parentPort
  port.on('message', async ({ id, request }: { id: number; request: Request }) => {
    try {
      port.postMessage({ id, ok: true, value: await handle(request) })
    } catch (error) {
      port.postMessage({ id, ok: false, error: describe(error) })
    }
  })
}
