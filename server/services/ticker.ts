import type { FastifyInstance } from 'fastify'

// A light timer on an app's serving thread that runs one pass of background work (nudges, mail, report schedules)
// every `intervalMs`, one pass at a time: a slow receiver must not let the timer start a second pass beside it.
// Tests step it with runOnce (intervalMs 0: never by itself). The app's close waits for a pass under way.

export interface Ticker {
  /** One pass now, or the one under way. */
  runOnce: () => Promise<void>
}

export function startTicker(app: FastifyInstance, name: string, pass: () => Promise<void>, intervalMs: number): Ticker {
  let running: Promise<void> | null = null
  let closed = false
  const runOnce = async () => {
    if (closed) return
    running ??= pass().finally(() => (running = null))
    await running
  }
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          runOnce().catch((error: Error) => app.log.warn({ error: error.message }, `${name}: a pass failed`))
        }, intervalMs)
      : null
  timer?.unref()
  app.addHook('onClose', async () => {
    closed = true
    if (timer) clearInterval(timer)
    await running?.catch(() => undefined)
  })
  return { runOnce }
}
