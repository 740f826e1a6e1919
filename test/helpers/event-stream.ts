import { onTestFinished } from 'vitest'

interface StreamEvent {
  event: string
  data: string
}

/** A screen's event stream over real HTTP: the events as they arrive, and a way to wait for the next of a kind. */
export async function listen(base: string, path: string, headers: Record<string, string> = {}) {
  const abort = new AbortController()
  onTestFinished(() => abort.abort())
  const response = await fetch(`${base}${path}`, { headers, signal: abort.signal })
  const events: StreamEvent[] = []
  let raw = ''
  let ended = false
  const waiters = new Set<() => void>()
  const wake = () => {
    for (const waiter of waiters) waiter()
  }
  const reading = (async () => {
    if (!response.ok || !response.body) return
    const decoder = new TextDecoder()
    try {
      const reader = response.body.getReader()
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        raw += decoder.decode(chunk.value, { stream: true })
        let split: number
        while ((split = raw.indexOf('\n\n')) >= 0) {
          const block = raw.slice(0, split)
          raw = raw.slice(split + 2)
          const lines = block.split('\n')
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7)
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6) ?? ''
          if (event) events.push({ event, data })
        }
        wake()
      }
    } catch {
      // aborted by the test
    }
    ended = true
    wake()
  })()
  /** Waits (5 s at most) for an event of this kind, among all it sent or after the `seen` first ones. */
  const next = (name: string, seen = 0): Promise<StreamEvent> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.slice(seen).find((one) => one.event === name)
        if (found || ended) {
          clearTimeout(timer)
          waiters.delete(check)
          if (found) resolve(found)
          else reject(new Error(`the stream ended without "${name}"; it sent ${JSON.stringify(events)}`))
        }
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`no "${name}" within 5 s; the stream sent ${JSON.stringify(events)}`))
      }, 5_000)
      waiters.add(check)
      check()
    })
  return {
    status: response.status,
    headers: response.headers,
    events,
    next,
    ended: () => reading.then(() => ended),
    close: () => abort.abort(),
    text: () => (response.ok ? '' : response.text()),
  }
}
