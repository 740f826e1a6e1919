/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { describe, expect, onTestFinished, test } from 'vitest'
import { ensureWebBuilt } from '../../server/web.js'
import { hostedEnv, ROOT } from '../hosted/hosted-env.js'
import { englishLeft } from './english.js'
import { CHROMIUM, launchChromium, screenshotPath } from './stack.js'
import { packageFile as file, STARTER } from './starter.js'

describe.skipIf(!existsSync(CHROMIUM))('the consultant page of a hosted install', () => {
  test("a consultant logs in, sees every tenant with its health, applies a package to two tenants after seeing both plans (English, then Dutch), and opens a tenant's builder without its password", async () => {
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
      expect(await tenant.locator('button.builder-link').textContent()).toBe('Open builder')
    }
    const overview = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json()
    expect(await row('alpha').locator('.red-count').textContent()).toBe(String(overview.tenants[0].redKpis.total))
    await page.screenshot({ path: screenshotPath('consultant-tenants') })

    const installed = async (kit: typeof env.a) =>
      (await env.call('GET', `/t/${kit.id}/api/packages`, { headers: { cookie: kit.cookie } }))
        .json()
        .packages.map((p: { name: string; version: string }) => `${p.name} ${p.version}`)
    const plan = (id: string) => page.locator(`.plans .tenant-plans li[data-tenant="${id}"]`)
    const confirm = page.locator('.plans button.confirm-apply')

    await page.check('input[name=tenant][value=alpha]')
    await page.check('input[name=tenant][value=beta]')
    await page.setInputFiles('input[name=package-file]', file('service-desk-starter.json', STARTER))
    expect(await page.locator('.apply .target').textContent()).toBe('Applies to 2: Alpha IT, Beta Services')
    // Step one: both plans, nothing written yet.
    await page.click('button:has-text("Show plans")')
    await plan('beta').waitFor()
    for (const id of ['alpha', 'beta']) {
      expect(await plan(id).getAttribute('class')).toBe('ready')
      expect(await plan(id).locator('.result-head .badge.mode').textContent()).toBe('import')
      expect(await plan(id).locator('.plan-head').textContent()).toBe('Import service-desk-starter 1.0.0')
      expect(await plan(id).locator('.plan-section[data-scope="engineer"] li[data-kind="replace"]').count()).toBe(1)
    }
    expect(await confirm.textContent()).toBe('Apply to 2 tenants')
    for (const kit of [env.a, env.b]) expect(await installed(kit)).toEqual([])
    await page.screenshot({ path: screenshotPath('consultant-plans'), fullPage: true })
    // Step two: the one confirm.
    await confirm.click()
    await page.locator('.apply-results li.ok[data-tenant="beta"]').waitFor()
    expect(await page.locator('.apply-results li.ok').count()).toBe(2)
    expect(await page.locator('.apply-results li[data-tenant="alpha"] .result-head .badge').textContent()).toBe(
      'import',
    )
    for (const id of ['alpha', 'beta'])
      await row(id).locator('.badge.version', { hasText: 'service-desk-starter 1.0.0' }).waitFor()

    // In Dutch: every word of the page, the dates in Dutch form, and the plans of an upgrade.
    await page.selectOption('select[name=lang]', 'nl')
    await row('beta').locator('td.packages .badge').waitFor()
    expect(await page.locator('table.tenants thead').textContent()).toBe(
      "KlantLaatste synchronisatieRode KPI'sPakketten",
    )
    expect(await row('alpha').locator('td.sync .when').textContent()).toMatch(/^ \d\d-\d\d-\d{4} \d\d:\d\d$/)
    await page.check('input[name=tenant][value=alpha]')
    expect(await page.locator('.apply .target').textContent()).toBe('Geldt voor 1: Alpha IT')
    await page.check('input[name=tenant][value=beta]')
    // A newer version upgrades both, the client edits' rule taken from the form.
    const next = JSON.parse(STARTER)
    next.version = '1.1.0'
    next.roles[2].tiles.pop()
    await page.setInputFiles('input[name=package-file]', file('service-desk-starter-1.1.0.json', JSON.stringify(next)))
    await page.selectOption('select[name=on-conflict]', 'keep-mine')
    await page.click('button:has-text("Plannen tonen")')
    await plan('beta').waitFor()
    for (const id of ['alpha', 'beta']) {
      expect(await plan(id).locator('.result-head .badge.mode').textContent()).toBe('bijwerken')
      expect(await plan(id).locator('.plan-head').textContent()).toBe('Bijwerken: service-desk-starter 1.0.0 → 1.1.0')
      expect(await plan(id).locator('.plan-section li[data-kind="remove"]').count()).toBe(1)
    }
    expect(await confirm.textContent()).toBe('Toepassen op 2 klanten')
    // The package's own dashboard titles ('Team lead: coach with facts') are its words, not the page's.
    const titles = next.roles.map((role: { title: string }) => role.title)
    expect(await englishLeft(page, titles)).toEqual([])
    await page.screenshot({ path: screenshotPath('consultant-plans-nl'), fullPage: true })
    for (const kit of [env.a, env.b]) expect(await installed(kit)).toEqual(['service-desk-starter 1.0.0'])
    await confirm.click()
    await page
      .locator('.apply-panel .results h3', { hasText: 'service-desk-starter 1.1.0: toegepast op alle 2' })
      .waitFor()
    for (const id of ['alpha', 'beta'])
      await row(id).locator('.badge.version', { hasText: 'service-desk-starter 1.1.0' }).waitFor()
    expect(await englishLeft(page, titles)).toEqual([])
    await page.screenshot({ path: screenshotPath('consultant-nl') })

    // Each tenant's own API agrees, seen with that tenant's admin session.
    for (const kit of [env.a, env.b]) expect(await installed(kit)).toEqual(['service-desk-starter 1.1.0'])

    // "Open builder" opens beta's builder in a new tab, signed in with the consultant's session, in the page's language.
    const [builder] = await Promise.all([
      page.context().waitForEvent('page'),
      row('beta').locator('button.builder-link').click(),
    ])
    await builder.waitForSelector('.tiles-panel h2')
    expect(builder.url()).toMatch(new RegExp(`^${env.front.url}/t/beta/admin\\?lang=nl(&role=[a-z-]+)?$`))
    expect(await builder.locator('html').getAttribute('lang')).toBe('nl')
    // The session holds on reload; the code, used once, is gone from the address.
    await builder.reload()
    await builder.waitForSelector('.tiles-panel h2')
    const visits = (
      await env.call('GET', '/api/consultant/tenants/beta/builder-sessions', { headers: { cookie: env.root } })
    ).json().visits
    expect(visits).toMatchObject([{ consultant: 'root', usedAt: expect.any(String) }])
    // The same link again (as from the history) shows the login with the reason.
    const again = await browser.newPage()
    const issued = (
      await env.call('POST', '/api/consultant/tenants/beta/builder-session', {
        headers: { cookie: env.root },
        body: {},
      })
    ).json().url
    await env.call('POST', '/t/beta/api/session/handoff', { body: { code: issued.split('#handoff=')[1] } })
    await again.goto(`${env.front.url}${issued}`)
    await again
      .locator('form.login .form-error', { hasText: 'This builder link has expired or was used already' })
      .waitFor()
    await again.close()
    await builder.close()
    expect(errors).toEqual([])
  })
})
