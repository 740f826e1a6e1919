/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, openWall, SCREENS, screenshotPath, type Stack, startStack } from './stack.js'

describe.skipIf(!existsSync(CHROMIUM))('a wall when its server goes away', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('keeps every value, marks every tile stale and says since when', async () => {
    const { url } = await stack.wallLink('service-manager')
    const wall = await openWall(stack.walls, url, SCREENS['1080p'], '&refresh=300')
    const values = () => wall.locator('.wall .kpi-value').allTextContents()
    const before = await values()
    expect(await wall.locator('.tile.stale').count()).toBe(0)
    const tiles = await wall.locator('.tile').count()
    // Fresh data: its age is said once, in the header, not on every tile.
    expect(await wall.locator('.wall .tile .tile-age').allTextContents()).toEqual(Array(tiles).fill(''))

    await stack.app.close()
    await wall.waitForSelector('.wall-status.offline', { timeout: 10_000 })
    await wall.waitForFunction((count) => document.querySelectorAll('.tile.stale').length === count, tiles)
    expect(await values()).toEqual(before)
    // Stale: every tile says how old its data is.
    for (const age of await wall.locator('.wall .tile .tile-age').allTextContents()) expect(age).not.toBe('')
    expect(await wall.locator('.goal.stale').count()).toBe(await wall.locator('.goal').count())
    expect(await wall.locator('.wall-status').textContent()).toMatch(/^No connection: showing data of \d\d:\d\d$/)
    await wall.screenshot({ path: screenshotPath('wall-stale') })
    await wall.close()
  })
})
