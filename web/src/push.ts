import { BASE } from './api.ts'
import type { StreamStamp } from './types.ts'

export interface CurrentOptions {
  /** The screen's event stream below the API's base, its link's token included (`/api/me/12/events?token=…`). */
  events: string
  /** Between polls while the stream is down: the screen's ordinary pace. */
  pollMs: number
  /** Between polls while the stream is up: a safety net for a change it missed, and for the clock's values. */
  safetyMs: number
  /** Fetches and shows the screen's data (`fresh`: told it changed); false when the screen must stop (a revoked link). */
  load: (fresh: boolean) => Promise<boolean>
}

/** Three missed pings (the server sends one every 25 s): the stream is dead though nothing said so. */
const SILENT_MS = 80_000
/** No `ready` this long after opening: something between here and the server (a buffering proxy) holds events back. */
const READY_MS = 15_000
/** Waits before opening the stream again after it failed, growing; each one spread by half either way. */
const RETRY_MS = [1_000, 3_000, 10_000, 30_000, 60_000]
/** A screen asked to poll faster than this (the tests, the benchmark) keeps that pace while pushed too. */
const FAST_POLL_MS = 20_000

/**
 * Keeps a screen's data current: it listens to its event stream and fetches the moment its answer changed,
 * polling only as a safety net; while the stream is down (an error, a proxy that holds it back, a hidden tab),
 * it polls at its ordinary pace and opens the stream again later. `data-push` on the page says which.
 */
export function keepCurrent(options: CurrentOptions): { stop: () => void } {
  const safetyMs = options.pollMs < FAST_POLL_MS ? options.pollMs : Math.max(options.pollMs, options.safetyMs)
  let stopped = false
  let source: EventSource | null = null
  let live = false
  /** The stamp of the last answer the stream announced: a reopened stream with another one missed a change. */
  let stamp: string | null = null
  let opened = 0
  let failures = 0
  let loading = false
  /** A load asked for while one ran (true: a fresh one): it runs right after. */
  let queued: boolean | null = null
  let pollTimer = 0
  let pollDue = 0
  let retryTimer = 0
  let silentTimer = 0

  async function run(fresh: boolean): Promise<void> {
    if (stopped) return
    if (loading) {
      queued = (queued ?? false) || fresh
      return
    }
    window.clearTimeout(pollTimer)
    loading = true
    const go = await options.load(fresh).finally(() => (loading = false))
    if (!go) return stop()
    if (queued !== null) {
      const again = queued
      queued = null
      return run(again)
    }
    schedule(live ? safetyMs : options.pollMs)
  }

  function schedule(ms: number): void {
    if (stopped || loading) return
    window.clearTimeout(pollTimer)
    pollDue = Date.now() + ms
    pollTimer = window.setTimeout(() => void run(false), ms)
  }

  function connect(): void {
    if (stopped || source || document.visibilityState === 'hidden') return
    window.clearTimeout(retryTimer)
    const events = new EventSource(`${BASE}${options.events}`)
    source = events
    opened++
    heard(READY_MS)
    events.addEventListener('ready', (event) => {
      const next = stampOf(event)
      // A stream opened again may have missed a change; the first one opened with the first load.
      const missed = stamp === null ? opened > 1 : next !== stamp
      stamp = next
      failures = 0
      setLive(true)
      heard()
      if (missed) void run(true)
    })
    events.addEventListener('change', (event) => {
      stamp = stampOf(event)
      heard()
      void run(true)
    })
    events.addEventListener('ping', () => heard())
    // The load that follows gets the server's own refusal, and shows it.
    events.addEventListener('revoked', () => {
      disconnect()
      void run(false)
    })
    events.addEventListener('error', () => {
      disconnect()
      retry()
    })
  }

  function retry(): void {
    if (stopped) return
    const base = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]!
    failures++
    window.clearTimeout(retryTimer)
    retryTimer = window.setTimeout(connect, base * (0.5 + Math.random()))
  }

  /** Heard from the stream (or just opened it): it is alive for another while. */
  function heard(ms = SILENT_MS): void {
    window.clearTimeout(silentTimer)
    silentTimer = window.setTimeout(() => {
      disconnect()
      retry()
    }, ms)
  }

  function disconnect(): void {
    source?.close()
    source = null
    window.clearTimeout(silentTimer)
    setLive(false)
  }

  function setLive(now: boolean): void {
    live = now
    document.documentElement.dataset.push = now ? 'live' : 'polling'
    // Down: the next poll comes at the ordinary pace, not at the safety net's.
    if (!now && !loading && pollDue - Date.now() > options.pollMs) schedule(options.pollMs)
  }

  function onVisibility(): void {
    if (document.visibilityState === 'hidden') {
      window.clearTimeout(retryTimer)
      disconnect()
    } else {
      failures = 0
      connect()
    }
  }

  function stop(): void {
    stopped = true
    window.clearTimeout(pollTimer)
    window.clearTimeout(retryTimer)
    disconnect()
    document.removeEventListener('visibilitychange', onVisibility)
  }

  document.documentElement.dataset.push = 'polling'
  document.addEventListener('visibilitychange', onVisibility)
  // The stream first, then the first load: a change between the two is then in that load or announced.
  connect()
  void run(false)
  return { stop }
}

function stampOf(event: Event): string | null {
  try {
    return (JSON.parse((event as MessageEvent<string>).data) as StreamStamp).stamp
  } catch {
    return null
  }
}
