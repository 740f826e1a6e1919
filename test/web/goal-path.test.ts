/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, openBuilder, openWall, SCREENS, screenshotPath, type Stack, startStack } from './stack.js'

// The stack's clock stands on Mon 2 March 2026: day 60 of Q1 (1 January is day 0, 31 March day 89).
describe.skipIf(!existsSync(CHROMIUM))('a company goal on a path, in the builder and on the wall', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack()
    await stack.admin('/api/settings', { method: 'PUT', json: { standardRate: 95 } })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('the owner gives utilization a Q1 path from 60% to 75%; builder and wall read actual against the path', async () => {
    const admin = await openBuilder(stack.admins, stack.url)
    const row = admin.locator('.strip-list li[data-kpi="billable_utilization"]')
    await row.waitFor()
    // A period that is not a quarter or a year is named before anything is sent.
    await row.locator('input[name=period]').fill('2026-Q5')
    await row.locator('input[name=start]').fill('60')
    await admin.click('button:has-text("Save strip")')
    expect(await row.locator('.field-error').last().textContent()).toContain('like 2026-Q2')
    await row.locator('input[name=period]').fill('2026-Q1')
    await row.locator('input[name=target]').fill('75')
    await row.locator('input[name=warn]').fill('70')
    await admin.click('button:has-text("Save strip")')
    // Read back: the path with its expected value at each week's end (week 1 ends Sun 4 January, day 3: 60.5).
    const line = admin.locator('.strip-list li[data-kpi="billable_utilization"] .path-line')
    await line.waitFor()
    expect(await line.textContent()).toContain('Goal path 1 Jan 2026 – 31 Mar 2026')
    expect(await line.textContent()).toContain('4 Jan 60.5')
    await admin.screenshot({ path: screenshotPath('goal-path-builder') })

    // Today the path stands at 60 + 15 x 60/89 = 70.1%.
    const { url } = await stack.wallLink('owner')
    for (const lang of ['en', 'nl'] as const) {
      const wall = await openWall(stack.walls, url, SCREENS['1080p'], `&lang=${lang}`)
      const goal = wall.locator('.goal[data-kpi="billable_utilization"]')
      // A wall first shows the answer it had; the strip's change reaches it with the next one.
      await wall.waitForSelector('.goal.on-path[data-kpi="billable_utilization"]', { timeout: 15_000 })
      expect(await goal.locator('.goal-target').textContent()).toBe(
        lang === 'en' ? 'path 70.1% by now' : 'doelpad nu 70,1%',
      )
      expect(await goal.locator('.goal-path-end').textContent()).toBe(
        lang === 'en' ? '75% by 31 Mar 2026' : '75% op 31 mrt 2026',
      )
      // The owner's utilization tile follows the goal and says so.
      const tile = wall.locator('.tile[data-kpi="billable_utilization"] .tile-target')
      expect(await tile.textContent()).toBe(lang === 'en' ? 'goal path 70.1%' : 'doelpad 70,1%')
      // Below the path: what the gap costs, the whole phrase where it fits, else the amount (the phrase on hover).
      const cost = goal.locator('.goal-consequence')
      expect(await cost.getAttribute('title')).toMatch(
        lang === 'en'
          ? /^€[\d,]+ of billable time short this month at this pace$/
          : /^€ [\d.]+ declarabele tijd tekort deze maand bij dit tempo$/,
      )
      const phrase = (await cost.getAttribute('title'))!
      const amount = phrase.split(lang === 'en' ? ' of ' : ' declarabele ')[0]
      expect([phrase, `${amount} ${lang === 'en' ? 'behind the path' : 'achter op doelpad'}`]).toContain(
        await cost.textContent(),
      )
      expect(await cost.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
      // Legible at 3 m: nothing in the goal under the wall's 18 px floor at 1080p (web/src/layout.ts FLOOR.label).
      const sizes = await goal.evaluate((el) =>
        Array.from(el.querySelectorAll<HTMLElement>('span')).map((span) => parseFloat(getComputedStyle(span).fontSize)),
      )
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18)
      const { scrollWidth, clientWidth } = await goal.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
      }))
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
      await wall.screenshot({ path: screenshotPath(`goal-path-wall-${lang}`) })
      await wall.close()
    }
    await admin.close()
    // In Dutch the builder says the same, in Dutch numbers.
    const dutch = await openBuilder(stack.admins, stack.url, '?role=owner&lang=nl')
    const dutchLine = dutch.locator('.strip-list li[data-kpi="billable_utilization"] .path-line')
    await dutchLine.waitFor()
    expect(await dutchLine.textContent()).toContain(
      // Week 1 of 2026 ends on Sunday 4 January.
      'Doelpad 1 jan 2026 – 31 mrt 2026; verwacht aan het eind van elke week (zondag): 4 jan 60,5',
    )
    await dutch.locator('.strip-panel').screenshot({ path: screenshotPath('goal-path-builder-nl') })
    await dutch.close()
  })
})
