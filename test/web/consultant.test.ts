/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { describe, expect, onTestFinished, test } from 'vitest'
import { ensureWebBuilt } from '../../server/web.js'
import { hostedEnv, ROOT } from '../hosted/hosted-env.js'
import { englishLeft } from './english.js'
import { CHROMIUM, launchChromium, screenshotPath } from './stack.js'
import { packageFile as file, STARTER } from './starter.js'

describe.skipIf(!existsSync(CHROMIUM))('the consultant page of a hosted install', () => {
  test('a consultant logs in, sees every tenant with its health, and applies a package to two tenants', async () => {
    // The consultant app serves the shared assets only when they exist as it starts.
    await ensureWebBuilt()
    const env = await hostedEnv()
    const browser = await launchChromium()
    onTestFinished(() => browser.close())
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))

    await page.goto(`${env.front.url}/consultant`)
    await page.fill('input[name=username]', ROOT.username)
    await page.fill('input[name=password]', 'not the password')
    await page.click('form.login button[type=submit]')
    await page.locator('form.login .form-error', { hasText: 'wrong user name or password' }).waitFor()
    await page.fill('input[name=password]', ROOT.password)
    await page.click('form.login button[type=submit]')

    const row = (id: string) => page.locator(`table.tenants tr[data-tenant="${id}"]`)
    await row('beta').waitFor()
    expect(await page.locator('table.tenants tbody tr').count()).toBe(2)
    for (const [id, name] of [
      ['alpha', 'Alpha IT'],
      ['beta', 'Beta Services'],
    ] as const) {
      const tenant = row(id)
      expect(await tenant.locator('td.name strong').textContent()).toBe(name)
      expect(await tenant.locator('td.sync').getAttribute('data-sync')).toBe('ok')
      expect(await tenant.locator('td.sync .when').textContent()).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d/)
      expect(await tenant.locator('td.red .red-count').textContent()).toMatch(/^\d+$/)
      expect(await tenant.locator('td.packages').textContent()).toBe('none')
      expect(await tenant.locator('a.builder-link').getAttribute('href')).toBe(`/t/${id}/admin`)
    }
    const overview = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json()
    expect(await row('alpha').locator('.red-count').textContent()).toBe(String(overview.tenants[0].redKpis.total))
    await page.screenshot({ path: screenshotPath('consultant-tenants') })

    await page.check('input[name=tenant][value=alpha]')
    await page.check('input[name=tenant][value=beta]')
    await page.setInputFiles('input[name=package-file]', file('service-desk-starter.json', STARTER))
    expect(await page.locator('.apply .target').textContent()).toBe('Applies to 2: Alpha IT, Beta Services')
    await page.click('button:has-text("Apply package")')
    await page.locator('.apply-results li.ok[data-tenant="beta"]').waitFor()
    expect(await page.locator('.apply-results li.ok').count()).toBe(2)
    expect(await page.locator('.apply-results li[data-tenant="alpha"] .result-head .badge').textContent()).toBe('import')
    for (const id of ['alpha', 'beta']) await row(id).locator('.badge.version', { hasText: 'service-desk-starter 1.0.0' }).waitFor()

    // A newer version upgrades both, the client edits' rule taken from the form.
    const next = JSON.parse(STARTER)
    next.version = '1.1.0'
    next.roles[2].tiles.pop()
    await page.setInputFiles('input[name=package-file]', file('service-desk-starter-1.1.0.json', JSON.stringify(next)))
    await page.selectOption('select[name=on-conflict]', 'keep-mine')
    await page.click('button:has-text("Apply package")')
    await page.locator('.apply-panel .results h3', { hasText: 'service-desk-starter 1.1.0: applied to all 2' }).waitFor()
    expect(await page.locator('.apply-results li[data-tenant="beta"] .result-head .badge').textContent()).toBe('upgrade')
    for (const id of ['alpha', 'beta']) await row(id).locator('.badge.version', { hasText: 'service-desk-starter 1.1.0' }).waitFor()
    await page.locator('.apply-results li[data-tenant="alpha"] > details > summary').click()
    await page.screenshot({ path: screenshotPath('consultant-applied'), fullPage: true })

    // In Dutch: every word of the page, and the dates in Dutch form.
    await page.selectOption('select[name=lang]', 'nl')
    await row('beta').locator('td.packages .badge').waitFor()
    expect(await page.locator('table.tenants thead').textContent()).toBe('KlantLaatste synchronisatieRode KPI\'sPakketten')
    expect(await row('alpha').locator('td.sync .when').textContent()).toMatch(/^ \d\d-\d\d-\d{4} \d\d:\d\d$/)
    await page.check('input[name=tenant][value=alpha]')
    expect(await page.locator('.apply .target').textContent()).toBe('Geldt voor 1: Alpha IT')
    expect(await englishLeft(page)).toEqual([])
    await page.screenshot({ path: screenshotPath('consultant-nl') })

    // Each tenant's own API agrees, seen with that tenant's admin session.
    for (const kit of [env.a, env.b]) {
      const installed = (await env.call('GET', `/t/${kit.id}/api/packages`, { headers: { cookie: kit.cookie } })).json()
      expect(installed.packages.map((p: { name: string; version: string }) => `${p.name} ${p.version}`)).toEqual(['service-desk-starter 1.1.0'])
    }
    // The builder link opens that tenant's own builder (its own login).
    const builder = await browser.newPage()
    await builder.goto(`${env.front.url}${await row('beta').locator('a.builder-link').getAttribute('href')}`)
    await builder.waitForSelector('form.login')
    await builder.close()
    expect(errors).toEqual([])
  })
})
