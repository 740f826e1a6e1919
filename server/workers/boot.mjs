// A worker thread's entry: loads TypeScript through tsx (as bin/roleboard.mjs does for the main thread),
// then the worker's own module, named by the thread that started it.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.module)
