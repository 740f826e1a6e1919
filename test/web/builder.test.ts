/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, openBuilder, openWall, SCREENS, screenshotPath, type Stack, startStack } from './stack.js'

describe.skipIf(!existsSync(CHROMIUM))('builder and personal page in Chromium', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('an owner logs in, adds a KPI to the engineer wall, and the wall shows it after its refresh', async () => {
    const { url } = await stack.wallLink('engineer')
    const wall = await openWall(stack.walls, url, SCREENS['1080p'], '&refresh=500')
    expect(await wall.locator('.tile[data-kpi="first_response_median"]').count()).toBe(0)

    const admin = await openBuilder(stack.admins, stack.url)
    await admin.selectOption('select[name=role]', 'engineer')
    await admin.waitForSelector('.tiles-panel[data-role="engineer"] .tile-item')
    await admin.selectOption('select[name=suggested]', '')
    await admin.fill('input[name=q]', 'first response')
    const card = admin.locator('.kpi-card[data-kpi="first_response_median"]')
    await card.locator('.live-value').waitFor()
    expect(await card.locator('.live').textContent()).toMatch(/business hours/)
    await card.locator('button', { hasText: 'Add' }).click()
    await admin.waitForSelector('.tile-item[data-kpi="first_response_median"]')
    await admin.screenshot({ path: screenshotPath('builder-engineer') })

    await wall.waitForSelector('.tile[data-kpi="first_response_median"]', { timeout: 10_000 })
    expect(await wall.locator('.tile[data-kpi="first_response_median"] .kpi-value').textContent()).toMatch(/\d/)

    // Keyboard reorder: the new last tile moves up one place.
    const before = await admin.locator('.tile-item').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.kpi))
    await admin.locator('.tile-item[data-kpi="first_response_median"] .handle').focus()
    await admin.keyboard.press('ArrowUp')
    await admin.waitForFunction((count) => document.querySelectorAll('.tile-item')[count - 2]?.getAttribute('data-kpi') === 'first_response_median', before.length)
    const definition = await stack.admin<{ tiles: Array<{ kpi: string }> }>('/api/dashboards/engineer/definition')
    expect(definition.tiles.at(-2)?.kpi).toBe('first_response_median')
    expect(definition.tiles.at(-1)?.kpi).toBe(before.at(-2))
    await wall.close()
    await admin.close()
  })

  test('a wall link made in the builder shows a QR code, and revoking it turns that wall into the revoked page', async () => {
    const admin = await openBuilder(stack.admins, stack.url, '?role=service-manager')
    await admin.waitForSelector('.links-panel h2')
    await admin.fill('input[name=link-name]', 'TV by the coffee machine')
    await admin.click('button:has-text("Create wall link")')
    await admin.waitForSelector('.created-link svg.qr')
    const link = await admin.locator('.created-link a.wall-link').getAttribute('href')
    expect(link).toMatch(/\/wall\/service-manager\?token=/)

    const wall = await openWall(stack.walls, link!, SCREENS['1080p'], '&refresh=500')
    expect(await wall.locator('.tile').count()).toBeGreaterThan(5)
    await admin.locator('.link-list li', { hasText: 'TV by the coffee machine' }).locator('button', { hasText: 'Revoke' }).click()
    await admin.locator('.link-list li.revoked', { hasText: 'TV by the coffee machine' }).waitFor()
    await wall.waitForSelector('.wall-notice[data-notice="revoked"]', { timeout: 10_000 })
    expect(await wall.locator('h1').textContent()).toBe("This screen's link was revoked")
    await wall.screenshot({ path: screenshotPath('wall-revoked') })
    await wall.close()
    await admin.close()
  })

  test('the builder warns before a layout falls under the legibility floor', async () => {
    const many = (await stack.admin<{ kpis: Array<{ id: string }> }>('/api/kpis')).kpis.slice(0, 90).map((kpi) => ({ kpi: kpi.id, size: 's' }))
    await stack.admin('/api/dashboards/finance', { method: 'PUT', json: { tiles: many } })
    const admin = await openBuilder(stack.admins, stack.url, '?role=finance')
    const warning = admin.locator('.tiles-panel .warnings li.error')
    await warning.waitFor()
    expect(await warning.textContent()).toMatch(/would not be shown.*remove/)
    await admin.close()
  })

  test('an engineer acknowledges a row of their own list on their personal page', async () => {
    const resources = await stack.handle.db.selectFrom('resource').select('id').orderBy('id').execute()
    let mine: { resourceId: number; kpi: string; rowKey: string } | null = null
    for (const { id } of resources) {
      const me = await stack.admin<{ lists: Array<{ id: string; kind: string; rows?: Array<{ rowKey: string; resourceId?: number }> }> }>(`/api/me/${id}`)
      const list = me.lists.find((candidate) => candidate.rows?.some((row) => row.resourceId === id))
      const row = list?.rows?.find((candidate) => candidate.resourceId === id)
      if (list && row) {
        mine = { resourceId: id, kpi: list.id, rowKey: row.rowKey }
        break
      }
    }
    expect(mine, 'an engineer with an open row').not.toBeNull()
    const token = await stack.admin<{ path: string }>('/api/tokens', { method: 'POST', json: { kind: 'person', resourceId: mine!.resourceId, name: 'phone' } })
    const page = await stack.walls.newPage()
    await page.setViewportSize({ width: 400, height: 800 })
    const alerts: string[] = []
    page.on('dialog', (dialog) => {
      alerts.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(`${stack.url}${token.path}`)
    const row = page.locator(`.me-list[data-kpi="${mine!.kpi}"] li[data-row="${mine!.rowKey}"]`)
    await row.locator('button.ack').click()
    await row.locator('button.ack:has-text("Marked done")').waitFor({ timeout: 5_000 }).catch(() => {
      throw new Error(`no acknowledgement: ${alerts.join('; ')}`)
    })
    await page.screenshot({ path: screenshotPath('me-page') })
    const acks = await stack.admin<{ acks: Array<{ kpi: string; rowKey: string }> }>('/api/acks')
    expect(acks.acks.some((ack) => ack.kpi === mine!.kpi && ack.rowKey === mine!.rowKey)).toBe(true)
    await page.close()
  })
})
