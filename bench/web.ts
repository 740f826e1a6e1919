import { existsSync } from 'node:fs'
import type { CDPSession, Page } from 'playwright-core'
import { ALL_KPIS } from '../kpi-library/index.js'
import { CHROMIUM, openWall, SCREENS, startStack } from '../test/web/stack.js'

export interface WebBenchResult {
  tiles: number
  firstRenderMs: number[]
  refresh: {
    intervalMs: number
    heapAt10: number
    heapAt500: number
    growthPct: number
    debuggerBytes: number
    relayouts: number
    seconds: number
  }
}

const TILES = 72

/**
 * The wall in Debian's Chromium with a 72-tile dashboard on `small` data: time to its first full
 * render (navigation start to the swap-in, charts drawn), and its JS heap after 500 refresh cycles
 * against after 10. Every 25th cycle the window is resized, which rebuilds the whole wall (tiles and
 * Vega views), so the rebuild path is measured as well as the in-place update.
 */
export async function benchWeb(): Promise<WebBenchResult> {
  if (!existsSync(CHROMIUM))
    throw new Error(`the web benchmark needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`)
  const stack = await startStack({ size: 'small' })
  try {
    await stack.admin('/api/dashboards/team-lead', {
      method: 'PUT',
      json: { tiles: ALL_KPIS.slice(0, TILES).map((kpi) => ({ kpi: kpi.id })) },
    })
    const { url } = await stack.wallLink('team-lead', 'benchmark wall')
    const firstRenderMs: number[] = []
    for (let run = 0; run < 5; run++) {
      const page = await openWall(stack.walls, url, SCREENS['1080p'])
      firstRenderMs.push(Number(await page.locator('html').getAttribute('data-wall-first-render-ms')))
      await page.close()
    }

    const intervalMs = 50
    const page = await openWall(stack.walls, url, SCREENS['1080p'], `&refresh=${intervalMs}`)
    const cdp = await stack.walls.newCDPSession(page)
    // The heap the wall uses, without what the attached debugger itself keeps per request (see debuggerRecords).
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      const used = (await cdp.send('Runtime.getHeapUsage')).usedSize
      const records = await debuggerRecords(cdp)
      return { used: used - records, records }
    }
    const started = performance.now()
    let relayouts = 0
    const until = async (polls: number) => {
      for (;;) {
        const done = Number(await page.locator('html').getAttribute('data-wall-polls'))
        if (done >= polls) return
        if (Math.floor(done / 25) > relayouts) {
          relayouts++
          await page.setViewportSize(relayouts % 2 ? { width: 1920, height: 1079 } : SCREENS['1080p'])
        }
        await sleep(intervalMs)
      }
    }
    await until(10)
    const heapAt10 = await heap()
    await until(500)
    const heapAt500 = await heap()
    const seconds = (performance.now() - started) / 1000
    await checkStillWall(page)
    await page.close()
    const growthPct = ((heapAt500.used - heapAt10.used) / heapAt10.used) * 100
    return {
      tiles: TILES,
      firstRenderMs,
      refresh: {
        intervalMs,
        heapAt10: heapAt10.used,
        heapAt500: heapAt500.used,
        growthPct,
        debuggerBytes: heapAt500.records - heapAt10.records,
        relayouts,
        seconds,
      },
    }
  } finally {
    await stack.close()
  }
}

/**
 * Bytes of the heap that DevTools' network agent holds, one record per request the page made. They
 * exist only because the benchmark drives Chromium over the DevTools protocol (Playwright keeps the
 * Network domain on), grow with every poll, and are no part of the wall: a heap snapshot diff between
 * 200 and 800 polls showed them as the largest growth, with no type of the wall's own objects growing.
 */
async function debuggerRecords(cdp: CDPSession): Promise<number> {
  let json = ''
  const onChunk = (event: { chunk: string }) => {
    json += event.chunk
  }
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const snapshot = JSON.parse(json) as {
    snapshot: { meta: { node_fields: string[] } }
    nodes: number[]
    strings: string[]
  }
  const fields = snapshot.snapshot.meta.node_fields
  const name = fields.indexOf('name')
  const size = fields.indexOf('self_size')
  let bytes = 0
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    if (snapshot.strings[snapshot.nodes[i + name]!]!.startsWith('blink::NetworkResourcesData'))
      bytes += snapshot.nodes[i + size]!
  }
  return bytes
}

async function checkStillWall(page: Page): Promise<void> {
  const tiles = await page.locator('.wall .tile').count()
  if (tiles < TILES) throw new Error(`after 500 refreshes the wall shows ${tiles} tiles, not ${TILES}`)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function webMarkdown(result: WebBenchResult): string {
  const sorted = [...result.firstRenderMs].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)]!
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2)
  const { refresh } = result
  return `### Wall screen in Chromium (${result.tiles} tiles, 1920x1080, \`small\` data)

First full render (navigation start to the wall swapped in, charts drawn), 5 fresh page loads: **${median} ms** median (${sorted.join(', ')} ms).

JS heap after garbage collection, refresh every ${refresh.intervalMs} ms (${refresh.relayouts} full re-layouts by window resizes along the way, ${refresh.seconds.toFixed(0)} s in all). Not counted: the ${(refresh.debuggerBytes / 1024).toFixed(0)} KiB of per-request records that the attached DevTools agent added over the run (they exist only under the benchmark's remote debugging; a heap snapshot diff shows them as the largest growth, with no type of the wall's own objects growing):

| after 10 refreshes | after 500 refreshes | growth |
| ---: | ---: | ---: |
| ${mib(refresh.heapAt10)} MiB | ${mib(refresh.heapAt500)} MiB | **${refresh.growthPct.toFixed(1)}%** (target < 10%) |
`
}
