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
    const before = await admin
      .locator('.tile-item')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.kpi))
    await admin.locator('.tile-item[data-kpi="first_response_median"] .handle').focus()
    await admin.keyboard.press('ArrowUp')
    await admin.waitForFunction(
      (count) =>
        document.querySelectorAll('.tile-item')[count - 2]?.getAttribute('data-kpi') === 'first_response_median',
      before.length,
    )
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
    await admin
      .locator('.link-list li', { hasText: 'TV by the coffee machine' })
      .locator('button', { hasText: 'Revoke' })
      .click()
    await admin.locator('.link-list li.revoked', { hasText: 'TV by the coffee machine' }).waitFor()
    await wall.waitForSelector('.wall-notice[data-notice="revoked"]', { timeout: 10_000 })
    expect(await wall.locator('h1').textContent()).toBe("This screen's link was revoked")
    await wall.screenshot({ path: screenshotPath('wall-revoked') })
    await wall.close()
    await admin.close()
  })

  test('the builder warns before a layout falls under the legibility floor', async () => {
    const many = (await stack.admin<{ kpis: Array<{ id: string }> }>('/api/kpis')).kpis
      .slice(0, 90)
      .map((kpi) => ({ kpi: kpi.id, size: 's' }))
    await stack.admin('/api/dashboards/finance', { method: 'PUT', json: { tiles: many } })
    const admin = await openBuilder(stack.admins, stack.url, '?role=finance')
    const warning = admin.locator('.tiles-panel .warnings li.error')
    await warning.waitFor()
    expect(await warning.textContent()).toMatch(/would not be shown.*remove/)
    await admin.close()
  })

  // Acting from the phone is test/web/me.test.ts; here the admin acts from the builder, per the list's ack mode.
  test("the builder's action rows follow each list's mode: none (no button), take with undo, resolve with a required note", async () => {
    type Wall = {
      tiles: Array<{
        result: {
          id: string
          kind: string
          count?: number
          rows?: Array<{ rowKey: string; ack?: unknown }>
          action?: { ack: string } | null
        }
      }>
    }
    const { roles } = await stack.admin<{ roles: Array<{ id: string; dashboard: unknown }> }>('/api/roles')
    const found = new Map<string, { role: string; kpi: string; rowKey: string }>()
    for (const { id } of roles.filter((role) => role.dashboard)) {
      const wall = await stack.admin<Wall>(`/api/dashboards/${id}`)
      for (const { result } of wall.tiles) {
        const mode = result.action?.ack
        const row = result.rows?.find((candidate) => !candidate.ack)
        if (result.kind === 'list' && mode && row && !found.has(mode))
          found.set(mode, { role: id, kpi: result.id, rowKey: row.rowKey })
      }
    }
    expect([...found.keys()].sort()).toEqual(['none', 'resolve', 'take'])
    const page = await openBuilder(stack.admins, stack.url, `?role=${found.get('none')!.role}`)
    const openList = async (mode: string) => {
      const { role, kpi, rowKey } = found.get(mode)!
      if ((await page.locator('select[name=role]').inputValue()) !== role) {
        await page.selectOption('select[name=role]', role)
        await page.waitForFunction((r) => new URL(location.href).searchParams.get('role') === r, role)
      }
      const list = page.locator(`.actions-panel details.action-list[data-kpi="${kpi}"]`)
      await list.locator('summary').click()
      return { list, row: list.locator(`li[data-row="${rowKey}"]`) }
    }

    const risk = await openList('none')
    await risk.row.waitFor()
    expect(await risk.list.locator('button').count()).toBe(0)
    expect(await risk.list.locator('.leaves').textContent()).toBe('Leaves once the change reaches roleboard.')

    const take = await openList('take')
    await take.row.locator('button.take').click()
    await take.row.locator('.taken').waitFor()
    expect(await take.row.locator('.taken').textContent()).toMatch(/^Taken by admin at \d/)
    await take.row.locator('button.undo').click()
    await take.row.locator('button.take').waitFor()

    const resolve = await openList('resolve')
    await resolve.row.locator('button.resolve').click()
    await resolve.row.locator('form.note-form button.save').click()
    expect(await resolve.row.locator('.error').textContent()).toBe('Write a short note first.')
    await resolve.row.locator('textarea').fill('Called, new laptop on Friday')
    await resolve.row.locator('form.note-form button.save').click()
    await resolve.row.waitFor({ state: 'detached' })
    const acks = await stack.admin<{ acks: Array<{ kpi: string; rowKey: string; note: string | null }> }>('/api/acks')
    expect(
      acks.acks.find((ack) => ack.kpi === found.get('resolve')!.kpi && ack.rowKey === found.get('resolve')!.rowKey)
        ?.note,
    ).toBe('Called, new laptop on Friday')
    await page.locator('.actions-panel .undo-bar button.undo').click()
    await resolve.row.waitFor()
    await page.screenshot({ path: screenshotPath('builder-action-rows') })
    await page.close()
  })
})
