/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ALL_KPIS } from '../../kpi-library/index.js'
import { ROLES } from '../../kpi-library/types.js'
import { CHROMIUM, measureWall, openWall, SCREENS, screenshotPath, type Stack, startStack, type WallMeasure } from './stack.js'

const FLOOR = { label: 18, number: 48 }

function expectLegible(measure: WallMeasure, scale: number, expectedTiles: number): void {
  const { scroll, viewport } = measure
  expect(scroll.scrollHeight, 'vertical scrollbar').toBe(scroll.clientHeight)
  expect(scroll.scrollWidth, 'horizontal scrollbar').toBe(scroll.clientWidth)
  expect(measure.tiles.filter((tile) => !tile.id.startsWith('goal-')).length).toBe(expectedTiles)
  for (const tile of measure.tiles) {
    expect(tile.left, `${tile.kpi} left`).toBeGreaterThanOrEqual(0)
    expect(tile.top, `${tile.kpi} top`).toBeGreaterThanOrEqual(0)
    expect(tile.right, `${tile.kpi} right`).toBeLessThanOrEqual(viewport.width)
    expect(tile.bottom, `${tile.kpi} bottom`).toBeLessThanOrEqual(viewport.height)
  }
  const small = measure.texts.filter((text) => text.size < FLOOR.label * scale)
  expect(small, 'text under the label floor').toEqual([])
  const headlines = measure.texts.filter((text) => text.headline)
  expect(headlines.length).toBeGreaterThanOrEqual(expectedTiles)
  const smallNumbers = headlines.filter((text) => text.size < FLOOR.number * scale)
  expect(smallNumbers, 'headline numbers under the floor').toEqual([])
}

describe.skipIf(!existsSync(CHROMIUM))('wall screen in Chromium', () => {
  let stack: Stack
  const found: Record<string, { minLabel: number; minNumber: number }> = {}

  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    if (Object.keys(found).length) console.info('smallest font sizes found (px):', JSON.stringify(found))
    await stack?.close()
  })

  for (const role of ROLES) {
    test(`${role}: no scrollbar, every tile on screen, text at or above the floor at 1080p and 4K`, async () => {
      const { url } = await stack.wallLink(role)
      const definition = await stack.admin<{ tiles: unknown[] }>(`/api/dashboards/${role}/definition`)
      for (const [name, screen] of Object.entries(SCREENS)) {
        const page = await openWall(stack.walls, url, screen)
        const measure = await measureWall(page)
        await page.screenshot({ path: screenshotPath(`wall-${role}-${name}`) })
        await page.close()
        const scale = screen.width / 1920
        expectLegible(measure, scale, definition.tiles.length)
        found[`${role}@${name}`] = {
          minLabel: Math.min(...measure.texts.filter((t) => !t.headline).map((t) => t.size)),
          minNumber: Math.min(...measure.texts.filter((t) => t.headline).map((t) => t.size)),
        }
      }
    })
  }

  test('a dashboard of 72 tiles fits 1080p above the floor, and shows in Dutch', async () => {
    const kpis = ALL_KPIS.slice(0, 72).map((kpi) => ({ kpi: kpi.id }))
    expect(kpis.length).toBe(72)
    await stack.admin('/api/dashboards/team-lead', { method: 'PUT', json: { tiles: kpis } })
    const { url } = await stack.wallLink('team-lead', 'dense wall')
    const page = await openWall(stack.walls, url, SCREENS['1080p'], '&lang=nl')
    const measure = await measureWall(page)
    await page.screenshot({ path: screenshotPath('wall-72-tiles-1080p-nl') })
    expect(await page.locator('html').getAttribute('lang')).toBe('nl')
    // Dutch weekday in the clock and Dutch number formatting in the strip.
    expect(await page.locator('.wall-clock').textContent()).toMatch(/^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d\d-\d\d \d\d:\d\d$/)
    expect(await page.locator('.goal').first().textContent()).toMatch(/\d,\d%/)
    await page.close()
    expectLegible(measure, 1, 72)
    found['72-tiles@1080p'] = { minLabel: Math.min(...measure.texts.filter((t) => !t.headline).map((t) => t.size)), minNumber: Math.min(...measure.texts.filter((t) => t.headline).map((t) => t.size)) }
  })
})
