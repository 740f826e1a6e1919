import { Worker } from 'node:worker_threads'

/** What crosses the thread boundary for a failed call: enough to name the error, nothing more. */
export interface ThreadError {
  name: string
  message: string
  /** Structured detail a caller rebuilds its own error from (e.g. who holds the sync lock). */
  detail?: unknown
}

type Reply<R> = { id: number; ok: true; value: R } | { id: number; ok: false; error: ThreadError }

/** An error thrown in a worker, rebuilt on this side with the worker's name and message. */
export class WorkerCallError extends Error {
  readonly detail: unknown

  constructor(error: ThreadError) {
    super(error.message)
    this.name = error.name
    this.detail = error.detail
  }
}

const BOOT = new URL('./boot.mjs', import.meta.url)

/**
 * One worker thread running `module` (a file in this folder, e.g. './evaluation-worker.ts'), called like an
 * async function. A worker that dies fails the calls in flight and is started again at the next call, so one
 * crash costs one answer, not the server.
 */
export class WorkerThread<Request, Result> {
  readonly #module: string
  readonly #data: unknown
  readonly #pending = new Map<number, { resolve: (value: Result) => void; reject: (error: Error) => void }>()
  #worker: Worker | null = null
  #next = 1
  #closed = false

  constructor(module: string, data: unknown) {
    this.#module = new URL(module, import.meta.url).href
    this.#data = data
  }

  call(request: Request): Promise<Result> {
    if (this.#closed) return Promise.reject(new Error('the worker thread is closed'))
    const worker = this.#worker ?? this.#start()
    const id = this.#next++
    return new Promise<Result>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.postMessage({ id, request })
    })
  }

  async close(): Promise<void> {
    this.#closed = true
    const worker = this.#worker
    this.#worker = null
    if (worker) await worker.terminate()
    this.#failAll(new Error('the worker thread was closed'))
  }

  #start(): Worker {
    const worker = new Worker(BOOT, { workerData: { module: this.#module, data: this.#data } })
    worker.on('message', (reply: Reply<Result>) => {
      const waiting = this.#pending.get(reply.id)
      if (!waiting) return
      this.#pending.delete(reply.id)
      if (reply.ok) waiting.resolve(reply.value)
      else waiting.reject(new WorkerCallError(reply.error))
    })
    const gone = (error: Error) => {
      if (this.#worker !== worker) return
      this.#worker = null
      this.#failAll(error)
    }
    worker.on('error', gone)
    worker.on('exit', (code) => gone(new Error(`the worker thread stopped (exit code ${code})`)))
    // Idle between calls, it must not keep the process alive.
    worker.unref()
    this.#worker = worker
    return worker
  }

  #failAll(error: Error): void {
    for (const waiting of this.#pending.values()) waiting.reject(error)
    this.#pending.clear()
  }
}
