import { Worker } from 'node:worker_threads'

/** What crosses the thread boundary for a failed call: enough to name the error, nothing more. */
export interface ThreadError {
  name: string
  message: string
  /** Structured detail a caller rebuilds its own error from (e.g. an API error's status and code). */
  detail?: unknown
}

/** A worker's messages: answers to calls (with their id), and notices it sends by itself (e.g. log lines). */
export type WorkerMessage<R, N> =
  { id: number; ok: true; value: R } | { id: number; ok: false; error: ThreadError } | { notice: N }

/** An error thrown in a worker, rebuilt on this side with the worker's name and message. */
export class WorkerCallError extends Error {
  readonly detail: unknown

  constructor(error: ThreadError) {
    super(error.message)
    this.name = error.name
    this.detail = error.detail
  }
}

export interface WorkerThreadOptions<N> {
  /** Receives what the worker sends by itself. */
  onNotice?: (notice: N) => void
  /**
   * Runs from the start and, should it die, is started again a second later: for a worker with work of its
   * own (a schedule). Otherwise it starts at the first call and again at the call after a crash.
   */
  resident?: boolean
  /** Called each time the worker (re)starts, before any call reaches it: to hand a new worker its state again. */
  onStart?: () => void
  /** Called when the worker dies (not when closed), with why. */
  onExit?: (error: Error) => void
}

const BOOT = new URL('./boot.mjs', import.meta.url)
const RESTART_MS = 1000

/**
 * One worker thread running `module` (a file in this folder, e.g. './evaluation-worker.ts', or a file URL), called
 * like an async function. A worker that dies fails the calls in flight, so one crash costs one answer, not the server.
 */
export class WorkerThread<Request, Result, Notice = never> {
  readonly #module: string
  readonly #data: unknown
  readonly #options: WorkerThreadOptions<Notice>
  readonly #pending = new Map<number, { resolve: (value: Result) => void; reject: (error: Error) => void }>()
  #worker: Worker | null = null
  #restart: NodeJS.Timeout | null = null
  #next = 1
  #closed = false

  constructor(module: string, data: unknown, options: WorkerThreadOptions<Notice> = {}) {
    this.#module = new URL(module, import.meta.url).href
    this.#data = data
    this.#options = options
    if (options.resident) this.#start()
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
    if (this.#restart) clearTimeout(this.#restart)
    const worker = this.#worker
    this.#worker = null
    if (worker) await worker.terminate()
    this.#failAll(new Error('the worker thread was closed'))
  }

  #start(): Worker {
    const worker = new Worker(BOOT, { workerData: { module: this.#module, data: this.#data } })
    worker.on('message', (message: WorkerMessage<Result, Notice>) => {
      if ('notice' in message) return this.#options.onNotice?.(message.notice)
      const waiting = this.#pending.get(message.id)
      if (!waiting) return
      this.#pending.delete(message.id)
      if (message.ok) waiting.resolve(message.value)
      else waiting.reject(new WorkerCallError(message.error))
    })
    const gone = (error: Error) => {
      if (this.#worker !== worker) return
      this.#worker = null
      this.#failAll(error)
      if (!this.#closed) this.#options.onExit?.(error)
      if (this.#options.resident && !this.#closed) {
        this.#restart = setTimeout(() => this.#closed || this.#worker || this.#start(), RESTART_MS)
        this.#restart.unref()
      }
    }
    worker.on('error', gone)
    worker.on('exit', (code) => gone(new Error(`the worker thread stopped (exit code ${code})`)))
    // Waiting for calls, it must not keep the process alive.
    worker.unref()
    this.#worker = worker
    this.#options.onStart?.()
    return worker
  }

  #failAll(error: Error): void {
    for (const waiting of this.#pending.values()) waiting.reject(error)
    this.#pending.clear()
  }
}
