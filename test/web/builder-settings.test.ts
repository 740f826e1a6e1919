/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ADMIN_STRINGS } from '../../web/src/admin/strings.js'
import { englishLeft } from './english.js'
import { CHROMIUM, openBuilder, openWall, screenshotPath, type Stack, startStack } from './stack.js'

// Issue 12, the owner's tasks at 1280x800 in English and Dutch: rename a tile, set a KPI parameter on a
// tile, set the standard rate in the MSP settings; each seen on an open wall at its next poll.

type Lang = 'en' | 'nl'
interface WallTile {
  tileId: number
  result: { id: string; title: string; value?: number | null; context: string }
}

/** What the wall shows in one tile: its whole text. */
const tileText = (wall: Page, id: number) => wall.locator(`.wall .tile[data-tile="${id}"]`).innerText()

describe.skipIf(!existsSync(CHROMIUM))('owner’s settings, tile parameters and tile names, at 1280x800', () => {
  let stack: Stack
  const wallData = (lang: Lang) => stack.admin<{ tiles: WallTile[] }>(`/api/dashboards/finance?lang=${lang}`)

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
    // A utilization tile (weeklyHours) next to finance's own rate tile (standardRate).
    await stack.admin('/api/dashboards/finance/tiles', { method: 'POST', json: { kpi: 'billable_utilization', position: 0 } })
  })
  afterAll(async () => {
    await stack?.close()
  })

  const cases = [
    { lang: 'en', name: 'Money in, this month', hours: '20', rate: '110' },
    { lang: 'nl', name: 'Geld binnen deze maand', hours: '16', rate: '130' },
  ] as const

  test.each(cases)('$lang: rename a tile, set its parameter, set the standard rate, and the wall follows', async ({ lang, name, hours, rate }) => {
    const say = (key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key][lang]
    const { url } = await stack.wallLink('finance', `tv-settings-${lang}`)
    const wall = await openWall(stack.walls, url, { width: 1920, height: 1080 }, `&lang=${lang}&refresh=500`)
    const admin = await openBuilder(stack.admins, stack.url, `?role=finance&lang=${lang}`)
    await admin.setViewportSize({ width: 1280, height: 800 })
    const before = await wallData(lang)
    const utilization = before.tiles.find((t) => t.result.id === 'billable_utilization')!
    const ratio = before.tiles.find((t) => t.result.id === 'agreement_efficiency_ratio')!

    // Rename: the typed name on the wall in this language, instead of the KPI's.
    const row = admin.locator(`.tile-item[data-tile="${utilization.tileId}"]`)
    await row.locator('.tile-options summary').click()
    await row.locator('input[name="tile-title"]').fill(name)
    await row.locator('input[name="tile-title"]').press('Tab')
    await admin.locator(`.tile-item[data-tile="${utilization.tileId}"] .tile-name strong`).filter({ hasText: name }).waitFor()
    await expect.poll(() => tileText(wall, utilization.tileId), { timeout: 15_000 }).toContain(name)

    // A parameter out of its range is explained next to it in the page's language, and not sent.
    const weekly = admin.locator(`.tile-item[data-tile="${utilization.tileId}"] input[name="param-weeklyHours"]`)
    await weekly.fill('500')
    await weekly.press('Tab')
    await expect(admin.locator(`.tile-item[data-tile="${utilization.tileId}"] .tile-options .option-error`).innerText()).resolves.toContain(lang === 'en' ? 'Must lie from 1 to 80' : 'Moet liggen van 1 tot 80')
    // Fewer weekly hours: less capacity, a higher utilization on the wall.
    const utilText = await tileText(wall, utilization.tileId)
    await weekly.fill(hours)
    await weekly.press('Tab')
    await expect.poll(async () => (await stack.admin<{ tiles: Array<{ params: Record<string, unknown> }> }>('/api/dashboards/finance/definition')).tiles[0]!.params, { timeout: 10_000 }).toEqual({ weeklyHours: Number(hours) })
    const afterHours = (await wallData(lang)).tiles.find((t) => t.tileId === utilization.tileId)!.result
    expect(utilization.result.value).toBeGreaterThan(0)
    expect(afterHours.value).toBeGreaterThan(utilization.result.value!)
    await expect.poll(() => tileText(wall, utilization.tileId), { timeout: 15_000 }).not.toBe(utilText)
    await admin.screenshot({ path: screenshotPath(`builder-tile-options-${lang}-1280`) })

    // The standard rate in the settings: the rate tile (no rate of its own) follows.
    await admin.locator('nav.tabs button', { hasText: say('tabSettings') }).click()
    const rateBox = admin.locator('.settings-view input[name="standardRate"]')
    await rateBox.fill(lang === 'nl' ? '0' : 'abc')
    await admin.locator('.settings-view button[name="save-money"]').click()
    await expect(admin.locator('.settings-view [data-group="money"] .field-error').innerText()).resolves.toContain(lang === 'en' ? 'must lie between 1 and 1000' : 'moet tussen 1 en 1000 liggen')
    const ratioText = await tileText(wall, ratio.tileId)
    await rateBox.fill(rate)
    await admin.locator('.settings-view button[name="save-money"]').click()
    await admin.locator('.notice.ok').waitFor()
    const settings = await stack.admin<{ settings: { standardRate: number } }>('/api/settings')
    expect(settings.settings.standardRate).toBe(Number(rate))
    const ratioAfter = (await wallData(lang)).tiles.find((t) => t.tileId === ratio.tileId)!.result
    expect(ratioAfter.context).not.toBe(ratio.result.context)
    await expect.poll(() => tileText(wall, ratio.tileId), { timeout: 15_000 }).not.toBe(ratioText)
    await admin.screenshot({ path: screenshotPath(`builder-settings-${lang}-1280`) })
    // The settings page holds no English of the builder's own on the Dutch screen (names of people are content).
    if (lang === 'nl') expect(await englishLeft(admin, ['.settings-list li', 'select[name=person]', 'select[name=leavePerson]'])).toEqual([])
    await admin.close()
    await wall.close()
  })
})
