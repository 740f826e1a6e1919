/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { addDays, localDate } from '../../kpi-library/time.js'
import { ensureSeries } from '../../server/services/history/store.js'
import type { DashboardDefinition } from '../../web/src/types.js'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { CHROMIUM, openWall, SCREENS, SIM_NOW, type Stack, startStack } from './stack.js'
import { existsSync } from 'node:fs'

// The owner's SLA compliance tile with two recorded weeks behind it: 80% every day, and 2.5 points under today's
// value as of the day end nearest to a week ago (the stack's clock is 10:00: the night between day -8 and -7). The
// wall says how it moved in a week (higher is better: good news) and draws the weeks.
describe.skipIf(!existsSync(CHROMIUM))('a tile with history on the wall', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  }, 180_000)
  afterAll(async () => {
    await stack?.close()
  })

  test('shows the change in a week in the KPI’s good colour and a line of its weeks, in English and Dutch', async () => {
    const owner = await stack.admin<DashboardDefinition>('/api/dashboards/owner/definition')
    const tile = owner.tiles.find((one) => one.kpi === 'sla_compliance')!
    // Today's value as the wall computes it (before the wall is asked, so its answer is made with the history in).
    const engine = createKpiEngine({ db: stack.handle.db, now: () => new Date(SIM_NOW), cacheSize: 0 })
    const now = await engine.evaluate(tile.kpi, { params: tile.params })
    if (now.kind !== 'number' || now.value === null) throw new Error('the SLA tile has no value')

    const today = localDate(new Date(SIM_NOW), 'Europe/Amsterdam')
    const id = await ensureSeries(stack.handle.db, { kpi: tile.kpi, params: tile.params }, new Date(SIM_NOW))
    const days = Array.from({ length: 14 }, (_, back) => addDays(today, -14 + back))
    await stack.handle.db
      .insertInto('kpi_day')
      .values(days.map((day) => ({ series_id: id, day, value: day === addDays(today, -8) ? now.value! - 2.5 : 80 })))
      .execute()
    // A large tile, so the sentence leaves the line room on a 1080p wall.
    await stack.admin(`/api/dashboards/owner/tiles/${tile.id}`, { method: 'PATCH', json: { size: 'l' } })
    const link = await stack.wallLink('owner')
    for (const [lang, text] of [
      ['en', '▲ 2.5 pts in a week'],
      ['nl', '▲ 2,5 %-punt in een week'],
    ] as const) {
      const page = await openWall(
        stack.walls,
        link.url.replace('lang=en', `lang=${lang}`),
        SCREENS['1080p'],
        `&fresh=${lang}`,
      )
      const seen = await page.evaluate((tileId) => {
        const el = document.querySelector(`[data-tile="${tileId}"]`)!
        const change = el.querySelector('.tile-trend')
        const line = el.querySelector('.trend-line polyline')
        return {
          change: change?.textContent ?? null,
          good: change?.classList.contains('good') ?? false,
          points: line?.getAttribute('points')?.split(' ').length ?? 0,
        }
      }, tile.id)
      expect(seen.change).toBe(text)
      expect(seen.good).toBe(true)
      // Two runs of seven days back from yesterday: two weeks on the line.
      expect(seen.points).toBe(2)
      await page.close()
    }
  })
})
