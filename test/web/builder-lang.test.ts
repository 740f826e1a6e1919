/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { englishLeft } from './english.js'
import { CHROMIUM, openBuilder, openWall, SCREENS, screenshotPath, type Stack, startStack } from './stack.js'
import { openPackages, packageFile, STARTER, starterNext } from './starter.js'

type Lang = 'en' | 'nl'
interface Kpi {
  id: string
  title: Record<Lang, string>
}

/** The KPI names in the builder's rows (tiles and company goals): the whole name, drawn, and not cut (nothing hidden past the box). */
function tileNames(page: Page) {
  return page.locator('.tile-item, .strip-list li').evaluateAll((items) =>
    items.map((item) => {
      const name = item.querySelector<HTMLElement>('.tile-name strong')!
      const box = name.getBoundingClientRect()
      const row = item.getBoundingClientRect()
      return {
        kpi: (item as HTMLElement).dataset.kpi!,
        text: name.textContent ?? '',
        width: box.width,
        cut: name.scrollWidth > name.clientWidth || name.scrollHeight > name.clientHeight,
        inside: box.left >= row.left - 0.5 && box.right <= row.right + 0.5,
      }
    }),
  )
}

const WORDS = {
  en: {
    amber: /Lower is better here, so the amber line \(90\) must be at or above the target \(95\)/,
    target: 'target',
  },
  nl: {
    amber: /Lager is hier beter, dus de oranje lijn \(90\) moet op of boven het doel \(95\) liggen/,
    target: 'doel',
  },
}

describe.skipIf(!existsSync(CHROMIUM))('the builder in English and Dutch, at 1280x800 and 1920x1080', () => {
  let stack: Stack
  let kpis: Record<Lang, Map<string, string>>

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
    const list = (await stack.admin<{ kpis: Kpi[] }>('/api/kpis')).kpis
    kpis = {
      en: new Map(list.map((kpi) => [kpi.id, kpi.title.en])),
      nl: new Map(list.map((kpi) => [kpi.id, kpi.title.nl])),
    }
  })
  afterAll(async () => {
    await stack?.close()
  })

  // A different target each time, so each run saves a change; the Dutch ones typed with a decimal comma.
  const cases = [
    { lang: 'en', screen: { width: 1280, height: 800 }, typed: '50', saved: 50, shown: '50' },
    { lang: 'nl', screen: { width: 1280, height: 800 }, typed: '47,5', saved: 47.5, shown: '47,5' },
    { lang: 'en', screen: SCREENS['1080p'], typed: '45', saved: 45, shown: '45' },
    { lang: 'nl', screen: SCREENS['1080p'], typed: '42,5', saved: 42.5, shown: '42,5' },
  ] as const

  test.each(cases)(
    '$lang at $screen.width px: full KPI names, a target changed alone is saved and on the wall, a wrong one is explained',
    async ({ lang, screen, typed, saved, shown }) => {
      const { url } = await stack.wallLink('engineer', `tv-${lang}-${screen.width}`)
      const wall = await openWall(stack.walls, url, SCREENS['1080p'], `&lang=${lang}&refresh=500`)
      // The owner's dashboard has the most tiles and the longest names; the engineer's is edited below.
      const admin = await openBuilder(stack.admins, stack.url, `?role=owner&lang=${lang}`)
      await admin.setViewportSize(screen)
      expect(await admin.getAttribute('html', 'lang')).toBe(lang)
      for (const role of ['owner', 'engineer']) {
        await admin.selectOption('select[name=role]', role)
        await admin.locator(`.tiles-panel[data-role="${role}"] .tile-item`).first().waitFor()
        await admin.locator('.strip-list li').first().waitFor()
        // Every row shows its KPI's whole name in the page's language (measured once the panel stopped redrawing:
        // a row measured while it is replaced reads 0 px wide).
        await expect
          .poll(async () => (await tileNames(admin)).filter((name) => name.width <= 40).map((name) => name.kpi), {
            timeout: 10_000,
          })
          .toEqual([])
        const names = await tileNames(admin)
        expect(names.length).toBeGreaterThan(10)
        for (const name of names) {
          expect(name, name.kpi).toMatchObject({ text: kpis[lang].get(name.kpi), cut: false, inside: true })
          expect(name.width, name.kpi).toBeGreaterThan(40)
        }
      }

      // No English word of the builder's own on the Dutch builder (the English one is checked to hold them).
      await admin.locator('.kpi-card').first().waitFor()
      const english = await englishLeft(admin)
      if (lang === 'nl') expect(english).toEqual([])
      else expect(english.length).toBeGreaterThan(20)

      const row = admin.locator('.tile-item[data-kpi="tickets_open"]')
      const target = row.locator('input[name=target]')
      const warn = row.locator('input[name=warn]')
      const message = row.locator('.field-error')
      // The values in force are in both fields, not only as grey placeholders.
      expect(await warn.inputValue()).toBe('90')

      // Lower is better: a target above the amber line is explained next to the fields and not sent.
      await target.fill('95')
      await target.press('Tab')
      await expect.poll(() => message.textContent()).toMatch(WORDS[lang].amber)
      expect(await message.isVisible()).toBe(true)
      expect(await target.getAttribute('aria-invalid')).toBe('true')
      await row.screenshot({ path: screenshotPath(`builder-band-error-${lang}-${screen.width}`) })
      const before = await stack.admin<{ tiles: Array<{ kpi: string; target: number | null; warn: number | null }> }>(
        '/api/dashboards/engineer/definition',
      )
      expect(before.tiles.find((tile) => tile.kpi === 'tickets_open')!.target).not.toBe(95)

      // Fixed: the message goes as the value is typed, and leaving the field saves the target alone.
      await target.fill(typed)
      expect(await message.isVisible()).toBe(false)
      await target.press('Tab')
      await expect
        .poll(async () =>
          (await stack.admin<typeof before>('/api/dashboards/engineer/definition')).tiles.find(
            (tile) => tile.kpi === 'tickets_open',
          ),
        )
        .toMatchObject({ target: saved, warn: null })
      await admin
        .locator('.tile-item[data-kpi="tickets_open"] input[name=target]')
        .and(admin.locator(`[value="${shown}"]`))
        .waitFor()
      expect(await admin.locator('.tile-item[data-kpi="tickets_open"] input[name=warn]').inputValue()).toBe('90')
      expect(await admin.locator('.tile-item[data-kpi="tickets_open"] .field-error').isVisible()).toBe(false)
      await admin.screenshot({ path: screenshotPath(`builder-${lang}-${screen.width}`) })

      // A value the server refuses does not look saved: it says so next to the fields, in the page's language.
      await admin.route('**/api/dashboards/engineer/tiles/*', (route) =>
        route.request().method() === 'PATCH'
          ? route.fulfill({ status: 400, contentType: 'application/json', body: '{"message":"refused here"}' })
          : route.fallback(),
      )
      const again = admin.locator('.tile-item[data-kpi="tickets_open"]')
      await again.locator('input[name=target]').fill('20')
      await again.locator('input[name=target]').press('Tab')
      await again
        .locator('.field-error', { hasText: `${lang === 'nl' ? 'Niet opgeslagen' : 'Not saved'}: refused here` })
        .waitFor()
      expect(await again.locator('input[name=target]').getAttribute('aria-invalid')).toBe('true')
      await admin.unroute('**/api/dashboards/engineer/tiles/*')

      await wall
        .locator('.tile[data-kpi="tickets_open"] .tile-target', { hasText: `${WORDS[lang].target} ${shown}` })
        .waitFor({ timeout: 10_000 })
      await wall.close()
      await admin.close()
    },
  )

  // Last: the import rewrites the engineer wall the cases above edit.
  test('the package screens in Dutch: the plan of an import and of an upgrade, in Dutch words and numbers', async () => {
    const admin = await openPackages(stack, '?lang=nl')
    // The package's own words (its dashboard titles, its description) are the consultant's, in English here.
    const starter = JSON.parse(STARTER) as { description: string; roles: Array<{ title: string }> }
    const own = [starter.description, ...starter.roles.map((role) => role.title)]
    await admin.setViewportSize({ width: 1280, height: 800 })
    const plan = admin.locator('.import-panel .plan')
    await admin.setInputFiles('input[name=package-file]', packageFile('service-desk-starter.json', STARTER))
    await plan.waitFor()
    expect(await plan.locator('.plan-head').textContent()).toBe('Importeren: service-desk-starter 1.0.0')
    expect(await plan.locator('.plan-section[data-scope="engineer"] li[data-kind="replace"]').textContent()).toMatch(
      /vervangt de \d+ tegels daar door de 11 van het pakket/,
    )
    expect(await englishLeft(admin, own)).toEqual([])
    await admin.click('button[name=confirm-package]')
    await admin
      .locator('.installed-panel li[data-package="service-desk-starter"] .version', { hasText: '1.0.0' })
      .waitFor()
    expect(await admin.locator('.import-panel .done').textContent()).toBe(
      'service-desk-starter 1.0.0 geïmporteerd. De schermen tonen het bij hun volgende verversing.',
    )

    // The client's own band on the open tickets tile meets the package's new one: a conflict, with decimals.
    const tiles = (
      await stack.admin<{ tiles: Array<{ id: number; kpi: string }> }>('/api/dashboards/engineer/definition')
    ).tiles
    await stack.admin(`/api/dashboards/engineer/tiles/${tiles.find((tile) => tile.kpi === 'tickets_open')!.id}`, {
      method: 'PATCH',
      json: { target: 35.5, warn: 55 },
    })
    await admin.setInputFiles(
      'input[name=package-file]',
      packageFile('service-desk-starter-1.1.0.json', JSON.stringify(starterNext())),
    )
    await admin.locator('.import-panel .plan[data-mode="upgrade"]').waitFor()
    expect(await plan.locator('.plan-head').textContent()).toBe('Bijwerken: service-desk-starter 1.0.0 → 1.1.0')
    const engineer = plan.locator('.plan-section[data-scope="engineer"]')
    expect(await engineer.locator('li.change-added').textContent()).toMatch(
      /voegt tegel first-response toe \(first_response_median, doel standaard, grootte middel\)/,
    )
    expect(await engineer.locator('li.change-removed').textContent()).toMatch(
      /verwijdert tegel billable-wtd \(billable_hours_wtd\)/,
    )
    expect(await engineer.locator('li.change-changed').textContent()).toMatch(
      /wijzigt grootte van tegel unassigned: middel → groot/,
    )
    expect(await engineer.locator('li.change-conflict').textContent()).toMatch(
      /Conflict over doel van tegel open: jij 35,5\/55, pakket 30\/50.*kies een regel/,
    )
    expect(await plan.locator('.plan-counts').textContent()).toMatch(/1 conflict/)
    expect(await admin.locator('.import-panel .confirm .muted').textContent()).toBe(
      'Kies eerst hoe het conflict wordt opgelost.',
    )
    expect(await plan.locator('.plan-text pre').textContent()).toMatch(
      /^Bijwerken: service-desk-starter 1\.0\.0 → 1\.1\.0:\n {2}rol service-manager/,
    )
    expect(await englishLeft(admin, own)).toEqual([])
    await admin.check('input[name=on-conflict][value=take-theirs]')
    await engineer.locator('li.change-conflict .outcome', { hasText: 'neemt dat van het pakket' }).waitFor()
    await admin.screenshot({ path: screenshotPath('packages-upgrade-nl'), fullPage: true })
    await admin.click('button[name=confirm-package]:has-text("Bijwerken naar 1.1.0")')
    await admin.locator('.import-panel .done', { hasText: 'service-desk-starter bijgewerkt: 1.0.0 → 1.1.0' }).waitFor()
    expect(await englishLeft(admin, own)).toEqual([])
    await admin.close()
  })
})
