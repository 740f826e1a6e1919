/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, openWall, SCREENS, screenshotPath, type Stack, startStack } from './stack.js'
import { packageFile as file, openPackages as openTab, STARTER, starterNext } from './starter.js'

interface Tile {
  id: number
  kpi: string
  size: string
  target: number | null
}

async function openPackages(stack: Stack): Promise<Page> {
  const admin = await openTab(stack)
  expect(new URL(admin.url()).pathname).toBe('/admin/packages')
  return admin
}

describe.skipIf(!existsSync(CHROMIUM))('dashboard packages in the builder', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('export offers the chosen dashboards as a package file', async () => {
    const admin = await openPackages(stack)
    for (const box of await admin.locator('input[name=export-role]').all()) {
      await box.setChecked(['engineer', 'service-manager'].includes((await box.getAttribute('value'))!))
    }
    await admin.uncheck('input[name=export-strip]')
    await admin.fill('input[name=package-name]', 'desk-walls')
    await admin.fill('input[name=package-version]', '2.1.0')
    await admin.fill('input[name=package-author]', 'Test Consultancy')
    await admin.screenshot({ path: screenshotPath('packages-export') })
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.click('button:has-text("Export package")'),
    ])
    expect(download.suggestedFilename()).toBe('desk-walls-2.1.0.json')
    const pkg = JSON.parse(readFileSync((await download.path())!, 'utf8'))
    expect(pkg).toMatchObject({
      format: 'roleboard-package',
      formatVersion: 1,
      name: 'desk-walls',
      version: '2.1.0',
      author: 'Test Consultancy',
    })
    expect(pkg.roles.map((role: { id: string }) => role.id).sort()).toEqual(['engineer', 'service-manager'])
    expect(pkg.strip).toBeUndefined()
    const engineer = await stack.admin<{ tiles: Tile[] }>('/api/dashboards/engineer/definition')
    expect(
      pkg.roles.find((role: { id: string }) => role.id === 'engineer').tiles.map((tile: Tile) => tile.kpi),
    ).toEqual(engineer.tiles.map((tile) => tile.kpi))
    await admin.close()
  })

  test('importing a package, then a newer version: the plan first, the client edits kept, a conflict settled, and the wall shows the change', async () => {
    const admin = await openPackages(stack)
    await admin.setInputFiles('input[name=package-file]', file('service-desk-starter.json', STARTER))
    const plan = admin.locator('.import-panel .plan')
    await plan.waitFor()
    expect(await plan.getAttribute('data-mode')).toBe('import')
    expect(await plan.locator('.plan-head').textContent()).toBe('Import service-desk-starter 1.0.0')
    expect(await plan.locator('.plan-section[data-scope="engineer"] li[data-kind="replace"]').count()).toBe(1)
    await admin.click('button[name=confirm-package]')
    await admin
      .locator('.installed-panel li[data-package="service-desk-starter"] .version', { hasText: '1.0.0' })
      .waitFor()

    // The client's own edits since: a tile resized (the package leaves it alone), the open tickets band changed (so does the package).
    const tiles = (await stack.admin<{ tiles: Tile[] }>('/api/dashboards/engineer/definition')).tiles
    const id = (kpi: string) => tiles.find((tile) => tile.kpi === kpi)!.id
    await stack.admin(`/api/dashboards/engineer/tiles/${id('kudos_feed')}`, { method: 'PATCH', json: { size: 'm' } })
    await stack.admin(`/api/dashboards/engineer/tiles/${id('tickets_open')}`, {
      method: 'PATCH',
      json: { target: 35, warn: 55 },
    })
    const { url } = await stack.wallLink('engineer')
    const wall = await openWall(stack.walls, url, SCREENS['1080p'], '&refresh=500')
    expect(await wall.locator('.tile[data-kpi="billable_hours_wtd"]').count()).toBe(1)
    expect(await wall.locator('.tile[data-kpi="first_response_median"]').count()).toBe(0)

    await admin.setInputFiles(
      'input[name=package-file]',
      file('service-desk-starter-1.1.0.json', JSON.stringify(starterNext())),
    )
    await admin.locator('.import-panel .plan[data-mode="upgrade"]').waitFor()
    expect(await plan.locator('.plan-head').textContent()).toBe('Upgrade service-desk-starter 1.0.0 → 1.1.0')
    const engineer = plan.locator('.plan-section[data-scope="engineer"]')
    expect(await engineer.locator('li.change-added').textContent()).toMatch(
      /adds tile first-response \(first_response_median/,
    )
    expect(await engineer.locator('li.change-removed').textContent()).toMatch(/removes tile billable-wtd/)
    expect(await engineer.locator('li.change-changed').textContent()).toMatch(/unassigned size: medium → large/)
    expect(await engineer.locator('li.change-kept').textContent()).toMatch(
      /keeps your size of tile kudos: medium \(package: large\)/,
    )
    expect(await engineer.locator('li.change-conflict').textContent()).toMatch(
      /open target: yours 35\/55, package 30\/50.*choose a rule/,
    )
    expect(await plan.locator('.plan-counts').textContent()).toMatch(/1 conflict/)
    // With a conflict open, the upgrade waits for a rule.
    expect(await admin.locator('button[name=confirm-package]').isDisabled()).toBe(true)
    await admin.check('input[name=on-conflict][value=take-theirs]')
    await engineer.locator('li.change-conflict .outcome', { hasText: "takes the package's" }).waitFor()
    await admin.screenshot({ path: screenshotPath('packages-upgrade-diff'), fullPage: true })
    await admin.click('button[name=confirm-package]:has-text("Upgrade to 1.1.0")')
    await admin
      .locator('.installed-panel li[data-package="service-desk-starter"] .version', { hasText: '1.1.0' })
      .waitFor()
    expect(await admin.locator('.import-panel .done').textContent()).toMatch(
      /Upgraded service-desk-starter 1.0.0 → 1.1.0/,
    )

    await wall.waitForSelector('.tile[data-kpi="first_response_median"]', { timeout: 10_000 })
    expect(await wall.locator('.tile[data-kpi="billable_hours_wtd"]').count()).toBe(0)
    await wall.screenshot({ path: screenshotPath('packages-wall-upgraded') })
    const after = (await stack.admin<{ tiles: Tile[] }>('/api/dashboards/engineer/definition')).tiles
    expect(after.find((tile) => tile.kpi === 'tickets_open')!.target).toBe(30)
    expect(after.find((tile) => tile.kpi === 'kudos_feed')!.size).toBe('m')

    // The dashboards tab follows the package's change.
    await admin.click('nav.tabs button:has-text("Dashboards")')
    await admin.selectOption('select[name=role]', 'engineer')
    await admin.waitForSelector('.tile-item[data-kpi="first_response_median"]')
    expect(await admin.locator('.tile-item[data-kpi="billable_hours_wtd"]').count()).toBe(0)
    await wall.close()
    await admin.close()
  })

  test("a malformed file shows the server's one-line reason and changes nothing", async () => {
    const before = JSON.stringify([
      await stack.admin('/api/packages'),
      await stack.admin('/api/dashboards/engineer/definition'),
    ])
    const admin = await openPackages(stack)
    const message = admin.locator('.import-panel .form-error')
    const bad = JSON.parse(STARTER)
    bad.version = 'one'
    await admin.setInputFiles('input[name=package-file]', file('bad-version.json', JSON.stringify(bad)))
    await admin.waitForFunction(() => document.querySelector('.import-panel .form-error')?.textContent !== '')
    expect(await message.textContent()).toBe('bad package: version must be a semver version, like 1.2.0 (not "one")')
    expect(await admin.locator('.import-panel .plan, button[name=confirm-package]').count()).toBe(0)
    await admin.screenshot({ path: screenshotPath('packages-bad-file') })

    bad.version = '9.0.0'
    bad.roles[0].tiles[0].kpi = 'no_such_kpi'
    await admin.setInputFiles('input[name=package-file]', file('unknown-kpi.json', JSON.stringify(bad)))
    await admin.locator('.import-panel .form-error', { hasText: 'unknown KPI' }).waitFor()
    expect(await message.textContent()).toBe(
      'bad package: role "service-manager", tile "open": unknown KPI "no_such_kpi"',
    )

    await admin.setInputFiles('input[name=package-file]', file('notes.json', '{"format": "roleboard-package",'))
    await admin.locator('.import-panel .form-error', { hasText: 'not JSON' }).waitFor()
    expect(await admin.locator('.import-panel .plan, button[name=confirm-package]').count()).toBe(0)
    expect(
      JSON.stringify([await stack.admin('/api/packages'), await stack.admin('/api/dashboards/engineer/definition')]),
    ).toBe(before)
    await admin.close()
  })
})
