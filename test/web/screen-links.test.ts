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
// picking a name, a named wall link in the other language that survives a restart, a custom role with
// its dashboard renamed and deleted, a renamed dashboard on its wall, a wall that shows an edit at its
// next poll. Each combination has its own person, role, dashboard title and screen name.

const SIZES = [
  {
    lang: 'en',
    viewport: { width: 1280, height: 800 },
    person: 0,
    role: { en: 'Field service', nl: 'Buitendienst', title: 'Field service: today' },
    screenName: 'TV at the desk, 1280',
  },
  {
    lang: 'nl',
    viewport: { width: 1280, height: 800 },
    person: 1,
    role: { en: 'Intake desk', nl: 'Intakebalie', title: 'Intake: vandaag' },
    screenName: 'Tv bij de balie, 1280',
  },
  {
    lang: 'en',
    viewport: { width: 1920, height: 1080 },
    person: 2,
    role: { en: 'Night shift', nl: 'Nachtdienst', title: 'Night shift: tonight' },
    screenName: 'TV in the hall, 1920',
  },
  {
    lang: 'nl',
    viewport: { width: 1920, height: 1080 },
    person: 3,
    role: { en: 'Projects desk', nl: 'Projectenbalie', title: 'Projecten: vandaag' },
    screenName: 'Tv in de gang, 1920',
  },
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

  /** The builder in `lang`, one page per language, reused; on `role` once its panels are drawn for it. */
  async function builder(
    lang: 'en' | 'nl',
    viewport: { width: number; height: number },
    role = 'engineer',
  ): Promise<Page> {
    let page = builders.get(lang)
    if (!page) {
      page = await openBuilder(stack.admins, stack.url, `?role=${role}&lang=${lang}`)
      builders.set(lang, page)
    }
    // The other language's page was opened later and is the browser's front tab: a page behind it draws
    // few frames, and each click on it waited a second or two for one.
    await page.bringToFront()
    await page.setViewportSize(viewport)
    if (new URL(page.url()).searchParams.get('role') !== role) {
      await page.selectOption('select[name=role]', role)
      await page.waitForFunction((r) => new URL(location.href).searchParams.get('role') === r, role)
    }
    // The address changes before the role's definition is fetched; all panels are drawn together after.
    await page.locator(`.tiles-panel[data-role="${role}"]`).waitFor()
    return page
  }
  const say = (lang: 'en' | 'nl', key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key][lang]

  for (const { lang, viewport, person: index, role: names, screenName } of SIZES) {
    test(`${lang} ${viewport.width}: a personal link made by picking a name opens that person's phone page, in the link's language`, async () => {
      const page = await builder(lang, viewport)
      const people = await stack.admin<{ resources: Array<{ id: number; name: string; active: boolean }> }>(
        '/api/resources',
      )
      const person = people.resources.filter((p) => p.active)[index]!
      const panel = page.locator('.people-panel')
      expect(await panel.locator('h2').textContent()).toBe(say(lang, 'personalLinks'))
      await panel.locator('input[name=person-search]').fill(person.name.split(' ')[0]!)
      await panel.locator(`button.person[data-resource="${person.id}"]`).click()
      const other = lang === 'en' ? 'nl' : 'en'
      await panel.locator('select[name=link-lang]').selectOption(other)
      await panel.locator(`button:has-text("${say(lang, 'createPersonLink')}")`).click()
      // The page is reused: wait for this person's link, not the one shown before.
      const link = panel.locator(`.created-link a.wall-link[href*="/me/${person.id}?"]`)
      await link.waitFor()
      const url = (await link.getAttribute('href'))!
      expect(url).toMatch(new RegExp(`/me/${person.id}\\?token=[^&]+&lang=${other}$`))
      expect(await panel.locator('.created-link svg, .created-link canvas, .created-link img').count()).toBeGreaterThan(
        0,
      )
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
      await panel.locator('input[name=new-role-en]').fill(names.en)
      await panel.locator('input[name=new-role-nl]').fill(names.nl)
      await panel.locator(`button:has-text("${say(lang, 'addRole')}")`).click()
      const id = names.en.toLowerCase().replace(' ', '-')
      await page.waitForFunction((r) => new URL(location.href).searchParams.get('role') === r, id)
      expect(await page.locator('select[name=role] option:checked').textContent()).toBe(names[lang])
      // The panels redraw for the new role just after the address changes.
      await page.locator(`.tiles-panel[data-role="${id}"]`).waitFor()
      expect(await page.locator('.tiles-panel li.tile-item').count()).toBe(0)

      await panel.locator('input[name=role-name-en]').fill(`${names.en} team`)
      await panel.locator('input[name=role-name-nl]').fill(`${names.nl} team`)
      // The rename redraws the role list, then (after fetching the role again) this panel: a title typed
      // into the panel before it is redrawn would be lost.
      const drawn = await panel.locator('input[name=dashboard-title]').elementHandle()
      await panel.locator(`button:has-text("${say(lang, 'renameRole')}")`).click()
      await page.waitForFunction(
        (name) => document.querySelector('select[name=role] option:checked')?.textContent === name,
        `${names[lang]} team`,
      )
      await page.waitForFunction((input) => !input?.isConnected, drawn)

      const title = names.title
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

    // One retry: on a loaded 2-core machine about one run in ten stalled past the time limit somewhere in
    // this test without an error (not reproduced alone); a retry makes its own link (hence .last() below).
    test(
      `${lang} ${viewport.width}: a wall link named in the builder opens in its language, shows an edit at its next poll, and survives a restart`,
      { retry: 1 },
      async () => {
        const page = await builder(lang, viewport, 'engineer')
        const panel = page.locator('.links-panel')
        const other = lang === 'en' ? 'nl' : 'en'
        await panel.locator('input[name=link-name]').fill(screenName)
        await panel.locator('select[name=link-lang]').selectOption(other)
        await panel.locator(`button:has-text("${say(lang, 'createWallLink')}")`).click()
        // Listed by its name and language once made; the link shown is then this one (the page is reused).
        const listed = panel.locator('.link-list li strong', { hasText: screenName }).last()
        await listed.waitFor()
        expect(await listed.textContent()).toContain(other === 'nl' ? 'Nederlands' : 'English')
        const href = (await panel.locator('.created-link a.wall-link').getAttribute('href'))!
        expect(href).toMatch(new RegExp(`/wall/engineer\\?token=[^&]+&lang=${other}$`))
        const screen = await stack.walls.newPage()
        await screen.setViewportSize({ width: 1920, height: 1080 })
        // Under the test's own time limit, so a wall that does not open says where it stopped.
        await screen.goto(`${href}&refresh=400`, { timeout: 15_000 })
        await screen.locator('main.grid > .tile').first().waitFor({ timeout: 15_000 })
        expect(await screen.locator('main.grid > .tile').count()).toBeGreaterThan(1)
        expect(await screen.evaluate(() => document.documentElement.lang)).toBe(other)

        // An edit shows at the wall's next poll, not a minute later.
        const definition = await stack.admin<{
          tiles: Array<{ kpi: string; params: object; target: number | null; warn: number | null; size: string }>
        }>('/api/dashboards/engineer/definition')
        try {
          await stack.admin('/api/dashboards/engineer', {
            method: 'PUT',
            json: { tiles: definition.tiles.slice(0, 1).map((tile) => ({ kpi: tile.kpi })) },
          })
          await screen.waitForFunction(() => document.querySelectorAll('main.grid > .tile').length === 1, null, {
            timeout: 5_000,
          })

          // The same database file under a new server (a restart): the same link still opens the wall, in its language.
          const config = { ...loadConfig({}), dbPath: stack.handle.path, now: SIM_NOW }
          const again = await buildApp({
            config,
            handle: stack.handle,
            version: 'browser-test-2',
            adminPassword: ADMIN_PASSWORD,
            plugins: [webPlugin],
          })
          await again.listen({ port: 0, host: '127.0.0.1' })
          try {
            const address = again.server.address()
            const port = typeof address === 'object' && address ? address.port : 0
            const moved = href.replace(/^http:\/\/127\.0\.0\.1:\d+/, `http://127.0.0.1:${port}`)
            const restarted = await stack.walls.newPage()
            await restarted.goto(moved, { timeout: 15_000 })
            await restarted.locator('main.grid > .tile').first().waitFor({ timeout: 15_000 })
            expect(await restarted.locator('[data-notice=revoked]').count()).toBe(0)
            expect(await restarted.evaluate(() => document.documentElement.lang)).toBe(other)
            await restarted.close()
          } finally {
            await again.close()
          }
        } finally {
          await screen.close()
          await stack.admin('/api/dashboards/engineer', {
            method: 'PUT',
            json: {
              tiles: definition.tiles.map(({ kpi, params, target, warn, size }) => ({
                kpi,
                params,
                target,
                warn,
                size,
              })),
            },
          })
        }
      },
    )
  }
})
