/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { webPlugin } from '../../server/web.js'
import { ADMIN_STRINGS } from '../../web/src/admin/strings.js'
import { ADMIN_PASSWORD, CHROMIUM, openBuilder, SIM_NOW, screenshotPath, type Stack, startStack } from './stack.js'

// The owner's screen tasks in the builder, in both languages at 1280x800 and 1920x1080: a phone link by
// picking a name, a wall link in Dutch that survives a restart, a custom role with its dashboard
// renamed and deleted, a renamed dashboard on its wall, a wall that shows an edit at its next poll.

const SIZES = [
  { lang: 'en', viewport: { width: 1280, height: 800 } },
  { lang: 'nl', viewport: { width: 1920, height: 1080 } },
] as const

describe.skipIf(!existsSync(CHROMIUM))('screen links and roles in the builder', () => {
  let stack: Stack
  const builders = new Map<string, Page>()

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  /** The builder in `lang`, one page per language, reused. */
  async function builder(lang: 'en' | 'nl', viewport: { width: number; height: number }, role = 'engineer'): Promise<Page> {
    let page = builders.get(lang)
    if (!page) {
      page = await openBuilder(stack.admins, stack.url, `?role=${role}&lang=${lang}`)
      builders.set(lang, page)
    }
    await page.setViewportSize(viewport)
    if (new URL(page.url()).searchParams.get('role') !== role) {
      await page.selectOption('select[name=role]', role)
      await page.waitForFunction((r) => new URL(location.href).searchParams.get('role') === r, role)
    }
    return page
  }
  const say = (lang: 'en' | 'nl', key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key][lang]

  for (const { lang, viewport } of SIZES) {
    test(`${lang} ${viewport.width}: a personal link made by picking a name opens that person's phone page, in the link's language`, async () => {
      const page = await builder(lang, viewport)
      const people = await stack.admin<{ resources: Array<{ id: number; name: string; active: boolean }> }>('/api/resources')
      const person = people.resources.find((p) => p.active)!
      const panel = page.locator('.people-panel')
      expect(await panel.locator('h2').textContent()).toBe(say(lang, 'personalLinks'))
      await panel.locator('input[name=person-search]').fill(person.name.split(' ')[0]!)
      await panel.locator(`button.person[data-resource="${person.id}"]`).click()
      const other = lang === 'en' ? 'nl' : 'en'
      await panel.locator('select[name=link-lang]').selectOption(other)
      await panel.locator(`button:has-text("${say(lang, 'createPersonLink')}")`).click()
      const link = panel.locator('.created-link a.wall-link')
      await link.waitFor()
      const url = (await link.getAttribute('href'))!
      expect(url).toMatch(new RegExp(`/me/${person.id}\\?token=[^&]+&lang=${other}$`))
      expect(await panel.locator('.created-link svg, .created-link canvas, .created-link img').count()).toBeGreaterThan(0)
      await panel.locator(`.link-list li[data-resource="${person.id}"]`).first().waitFor()
      // This machine serves on 127.0.0.1 only: the builder says so and how to serve the network.
      expect(await page.locator('.links-panel .tv-address').textContent()).toContain('HOST=0.0.0.0 npm start')
      await page.screenshot({ path: screenshotPath(`builder-person-link-${lang}-${viewport.width}`) })

      const phone = await stack.walls.newPage()
      await phone.setViewportSize({ width: 390, height: 844 })
      // Opened without &lang=, it still speaks the link's language.
      await phone.goto(url.replace(/&lang=\w+$/, ''))
      await phone.locator('.me-header h1').waitFor()
      expect(await phone.evaluate(() => document.documentElement.lang)).toBe(other)
      expect(await phone.locator('.me-header .who').textContent()).toContain(person.name)
      await phone.close()
    })

    test(`${lang} ${viewport.width}: a custom role gets its dashboard, is renamed, its dashboard renamed and seen on its wall, then deleted`, async () => {
      const page = await builder(lang, viewport)
      const panel = page.locator('.roles-panel')
      const names = lang === 'en' ? { en: 'Field service', nl: 'Buitendienst' } : { en: 'Projects desk', nl: 'Projectenbalie' }
      await panel.locator('input[name=new-role-en]').fill(names.en)
      await panel.locator('input[name=new-role-nl]').fill(names.nl)
      await panel.locator(`button:has-text("${say(lang, 'addRole')}")`).click()
      const id = names.en.toLowerCase().replace(' ', '-')
      await page.waitForFunction((r) => new URL(location.href).searchParams.get('role') === r, id)
      expect(await page.locator('select[name=role] option:checked').textContent()).toBe(names[lang])
      // The tiles panel redraws for the new role just after the address changes.
      await expect.poll(() => page.locator('.tiles-panel li.tile-item').count()).toBe(0)

      await panel.locator('input[name=role-name-en]').fill(`${names.en} team`)
      await panel.locator('input[name=role-name-nl]').fill(`${names.nl} team`)
      await panel.locator(`button:has-text("${say(lang, 'renameRole')}")`).click()
      await page.waitForFunction((name) => document.querySelector('select[name=role] option:checked')?.textContent === name, `${names[lang]} team`)

      const title = lang === 'en' ? 'Field service: today' : 'Projecten: vandaag'
      await panel.locator('input[name=dashboard-title]').fill(title)
      await panel.locator(`button:has-text("${say(lang, 'saveTitle')}")`).click()
      await page.locator('.notice', { hasText: say(lang, 'titleSaved') }).waitFor()
      const wall = await stack.wallLink(id)
      const screen = await stack.walls.newPage()
      await screen.goto(`${wall.url}&refresh=500`)
      await screen.waitForFunction((text) => document.querySelector('.wall-name')?.textContent === text, title)
      await page.screenshot({ path: screenshotPath(`builder-custom-role-${lang}-${viewport.width}`) })

      await panel.locator(`button:has-text("${say(lang, 'deleteRole')}")`).click()
      await page.waitForFunction((r) => new URL(location.href).searchParams.get('role') !== r, id)
      expect(await page.locator(`select[name=role] option[value="${id}"]`).count()).toBe(0)
      await screen.locator('[data-notice=revoked]').waitFor({ timeout: 10_000 })
      await screen.close()
      // A built-in role offers no delete.
      await builder(lang, viewport, 'owner')
      expect(await panel.locator(`button:has-text("${say(lang, 'deleteRole')}")`).count()).toBe(0)
      expect(await panel.locator('.builtin-note').textContent()).toBe(say(lang, 'builtinRole'))
    })
  }

  test('a Dutch wall link from the builder opens Dutch, shows an edit at its next poll, and survives a restart', async () => {
    const page = await builder('en', { width: 1920, height: 1080 }, 'engineer')
    const panel = page.locator('.links-panel')
    await panel.locator('input[name=link-name]').fill('TV at the desk')
    await panel.locator('select[name=link-lang]').selectOption('nl')
    await panel.locator(`button:has-text("${say('en', 'createWallLink')}")`).click()
    const href = (await panel.locator('.created-link a.wall-link').getAttribute('href'))!
    expect(href).toMatch(/\/wall\/engineer\?token=[^&]+&lang=nl$/)
    const screen = await stack.walls.newPage()
    await screen.setViewportSize({ width: 1920, height: 1080 })
    await screen.goto(`${href}&refresh=400`)
    await screen.locator('main.grid > .tile').first().waitFor()
    expect(await screen.locator('main.grid > .tile').count()).toBeGreaterThan(1)
    expect(await screen.evaluate(() => document.documentElement.lang)).toBe('nl')

    // An edit shows at the wall's next poll, not a minute later.
    const definition = await stack.admin<{ tiles: Array<{ kpi: string; params: object; target: number | null; warn: number | null; size: string }> }>('/api/dashboards/engineer/definition')
    await stack.admin('/api/dashboards/engineer', { method: 'PUT', json: { tiles: definition.tiles.slice(0, 1).map((tile) => ({ kpi: tile.kpi })) } })
    await screen.waitForFunction(() => document.querySelectorAll('main.grid > .tile').length === 1, null, { timeout: 5_000 })

    // The same database file under a new server (a restart): the same link still opens the wall.
    const config = { ...loadConfig({}), dbPath: stack.handle.path, now: SIM_NOW }
    const again = await buildApp({ config, handle: stack.handle, version: 'browser-test-2', adminPassword: ADMIN_PASSWORD, plugins: [webPlugin] })
    await again.listen({ port: 0, host: '127.0.0.1' })
    try {
      const address = again.server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      const moved = href.replace(/^http:\/\/127\.0\.0\.1:\d+/, `http://127.0.0.1:${port}`)
      const restarted = await stack.walls.newPage()
      await restarted.goto(moved)
      await restarted.locator('main.grid > .tile').first().waitFor()
      expect(await restarted.locator('[data-notice=revoked]').count()).toBe(0)
      await restarted.close()
    } finally {
      await again.close()
    }
    await screen.close()
    await stack.admin('/api/dashboards/engineer', { method: 'PUT', json: { tiles: definition.tiles.map(({ kpi, params, target, warn, size }) => ({ kpi, params, target, warn, size })) } })
  })
})
