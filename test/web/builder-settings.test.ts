/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ADMIN_STRINGS } from '../../web/src/admin/strings.js'
import { fill } from '../../web/src/i18n.js'
import { englishLeft } from './english.js'
import { CHROMIUM, openBuilder, openWall, SCREENS, screenshotPath, type Stack, startStack } from './stack.js'

// Issue 12, the owner's tasks at 1280x800 and 1920x1080 in English and Dutch: rename a tile, set a KPI
// parameter on a tile, set the standard rate in the MSP settings; each seen on an open wall at its next poll.

type Lang = 'en' | 'nl'
interface WallTile {
  tileId: number
  result: { id: string; title: string; value?: number | null; context: string }
}

/** What the wall shows in one tile: its whole text. */
const tileText = (wall: Page, id: number) => wall.locator(`.wall .tile[data-tile="${id}"]`).innerText()

describe.skipIf(!existsSync(CHROMIUM))(
  'owner’s settings, tile parameters and tile names, at 1280x800 and 1920x1080',
  () => {
    let stack: Stack
    const wallData = (lang: Lang) => stack.admin<{ tiles: WallTile[] }>(`/api/dashboards/finance?lang=${lang}`)
    /** The finance wall in `lang`, one per language, kept open across the screen sizes. */
    const walls = new Map<Lang, Page>()
    async function wallIn(lang: Lang): Promise<Page> {
      let wall = walls.get(lang)
      if (!wall) {
        const { url } = await stack.wallLink('finance', `tv-settings-${lang}`)
        wall = await openWall(stack.walls, url, SCREENS['1080p'], `&lang=${lang}&refresh=500`)
        walls.set(lang, wall)
      }
      return wall
    }

    beforeAll(async () => {
      stack = await startStack({ size: 'tiny' })
      // A utilization tile (weeklyHours) next to finance's own rate tile (standardRate).
      await stack.admin('/api/dashboards/finance/tiles', {
        method: 'POST',
        json: { kpi: 'billable_utilization', position: 0 },
      })
    })
    afterAll(async () => {
      await stack?.close()
    })

    // Each case saves a change: its own tile name, fewer weekly hours than the case before (a higher
    // utilization), another rate.
    const cases = [
      { lang: 'en', screen: { width: 1280, height: 800 }, name: 'Money in, this month', hours: '20', rate: '110' },
      { lang: 'nl', screen: { width: 1280, height: 800 }, name: 'Geld binnen deze maand', hours: '16', rate: '130' },
      { lang: 'en', screen: SCREENS['1080p'], name: 'Billable share, last week', hours: '12', rate: '95' },
      { lang: 'nl', screen: SCREENS['1080p'], name: 'Declarabel deel vorige week', hours: '10', rate: '145' },
    ] as const

    test.each(cases)(
      '$lang at $screen.width px: rename a tile, set its parameter, set the standard rate, and the wall follows',
      async ({ lang, screen, name, hours, rate }) => {
        const say = (key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key][lang]
        const wall = await wallIn(lang)
        const admin = await openBuilder(stack.admins, stack.url, `?role=finance&lang=${lang}`)
        await admin.setViewportSize(screen)
        const before = await wallData(lang)
        const utilization = before.tiles.find((t) => t.result.id === 'billable_utilization')!
        const ratio = before.tiles.find((t) => t.result.id === 'agreement_efficiency_ratio')!

        // Rename: the typed name on the wall in this language, instead of the KPI's.
        const row = admin.locator(`.tile-item[data-tile="${utilization.tileId}"]`)
        await row.locator('.tile-options summary').click()
        await row.locator('input[name="tile-title"]').fill(name)
        await row.locator('input[name="tile-title"]').press('Tab')
        await admin
          .locator(`.tile-item[data-tile="${utilization.tileId}"] .tile-name strong`)
          .filter({ hasText: name })
          .waitFor()
        await expect.poll(() => tileText(wall, utilization.tileId), { timeout: 15_000 }).toContain(name)

        // A parameter out of its range is explained next to it in the page's language, and not sent.
        const weekly = admin.locator(`.tile-item[data-tile="${utilization.tileId}"] input[name="param-weeklyHours"]`)
        await weekly.fill('500')
        await weekly.press('Tab')
        await expect(
          admin.locator(`.tile-item[data-tile="${utilization.tileId}"] .tile-options .option-error`).innerText(),
        ).resolves.toContain(lang === 'en' ? 'Must lie from 1 to 80' : 'Moet liggen van 1 tot 80')
        // Fewer weekly hours: less capacity, a higher utilization on the wall.
        const utilText = await tileText(wall, utilization.tileId)
        await weekly.fill(hours)
        await weekly.press('Tab')
        await expect
          .poll(
            async () =>
              (
                await stack.admin<{ tiles: Array<{ params: Record<string, unknown> }> }>(
                  '/api/dashboards/finance/definition',
                )
              ).tiles[0]!.params,
            { timeout: 10_000 },
          )
          .toEqual({ weeklyHours: Number(hours) })
        const afterHours = (await wallData(lang)).tiles.find((t) => t.tileId === utilization.tileId)!.result
        expect(utilization.result.value).toBeGreaterThan(0)
        expect(afterHours.value).toBeGreaterThan(utilization.result.value!)
        await expect.poll(() => tileText(wall, utilization.tileId), { timeout: 15_000 }).not.toBe(utilText)
        await admin.screenshot({ path: screenshotPath(`builder-tile-options-${lang}-${screen.width}`) })

        // The standard rate in the settings: the rate tile (no rate of its own) follows.
        await admin.locator('nav.tabs button', { hasText: say('tabSettings') }).click()
        const rateBox = admin.locator('.settings-view input[name="standardRate"]')
        await rateBox.fill(lang === 'nl' ? '0' : 'abc')
        await admin.locator('.settings-view button[name="save-money"]').click()
        await expect(admin.locator('.settings-view [data-group="money"] .field-error').innerText()).resolves.toContain(
          lang === 'en' ? 'must lie between 1 and 1000' : 'moet tussen 1 en 1000 liggen',
        )
        const ratioText = await tileText(wall, ratio.tileId)
        await rateBox.fill(rate)
        await admin.locator('.settings-view button[name="save-money"]').click()
        await admin.locator('.notice.ok').waitFor()
        const settings = await stack.admin<{ settings: { standardRate: number } }>('/api/settings')
        expect(settings.settings.standardRate).toBe(Number(rate))
        const ratioAfter = (await wallData(lang)).tiles.find((t) => t.tileId === ratio.tileId)!.result
        expect(ratioAfter.context).not.toBe(ratio.result.context)
        await expect.poll(() => tileText(wall, ratio.tileId), { timeout: 15_000 }).not.toBe(ratioText)
        await admin.screenshot({ path: screenshotPath(`builder-settings-${lang}-${screen.width}`) })
        // The settings page holds no English of the builder's own on the Dutch screen (names of people are content).
        if (lang === 'nl')
          expect(
            await englishLeft(admin, ['.settings-list li', 'select[name=person]', 'select[name=leavePerson]']),
          ).toEqual([])
        await admin.close()
      },
    )
    // Review of the builder: the options under a tile on three lines (name; field with its unit; help),
    // the help never over the field; the band says which way is better and what it counts.
    const layouts = [
      { lang: 'en', width: 1280 },
      { lang: 'nl', width: 1280 },
      { lang: 'en', width: 1440 },
      { lang: 'nl', width: 1440 },
    ] as const
    test.each(layouts)(
      '$lang at $width px: tile options do not overlap, units beside their field, the band says which way is better',
      async ({ lang, width }) => {
        const say = (key: keyof typeof ADMIN_STRINGS, values?: Record<string, string | number>) =>
          fill(ADMIN_STRINGS[key][lang], values)
        const kpis = new Map(
          (
            await stack.admin<{
              kpis: Array<{ id: string; kind: string; unit: string; direction: string; band: unknown }>
            }>('/api/kpis')
          ).kpis.map((k) => [k.id, k]),
        )
        const admin = await openBuilder(stack.admins, stack.url, `?role=owner&lang=${lang}`)
        await admin.setViewportSize({ width, height: 800 })
        await admin.locator('.tiles-panel[data-role="owner"] .tile-item').first().waitFor()

        // The dashboard's title is read whole in its field (a long question was cut).
        const title = admin.locator('input[name="dashboard-title"]')
        expect((await title.inputValue()).length).toBeGreaterThan(20)
        expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)

        // The owner's tiles are untouched here: every summary says so in words.
        const summaries = await admin.locator('.tiles-panel .tile-options summary').allTextContents()
        expect(summaries.length).toBeGreaterThan(5)
        for (const text of summaries)
          expect([
            say('tileOptions', { state: say('optionsAllDefault') }),
            say('tileOptionsTitleOnly', { state: say('optionsAllDefault') }),
          ]).toContain(text)

        await admin
          .locator('.tiles-panel .tile-options')
          .evaluateAll((all) => all.forEach((el) => ((el as HTMLDetailsElement).open = true)))
        const options = await admin.locator('.tiles-panel .tile-options .option').evaluateAll((all) =>
          all.map((option) => {
            const rect = (el: Element | null) => {
              const r = el?.getBoundingClientRect()
              return r && r.width > 0 ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null
            }
            return {
              param: (option as HTMLElement).dataset.param ?? 'title',
              name: rect(option.querySelector('.option-name')),
              input: rect(option.querySelector('input')),
              unit: rect(option.querySelector('.option-field .unit')),
              hint: option.querySelector('.option-hint')?.textContent
                ? rect(option.querySelector('.option-hint'))
                : null,
              inside: rect(option.closest('.tile-item')),
            }
          }),
        )
        expect(options.filter((o) => o.unit).length).toBeGreaterThan(3)
        for (const o of options) {
          expect(o.name && o.input, o.param).toBeTruthy()
          // The name above the field, the help below it: no box crosses another.
          expect(o.name!.bottom, o.param).toBeLessThanOrEqual(o.input!.top + 0.5)
          if (o.hint) expect(o.hint.top, o.param).toBeGreaterThanOrEqual(o.input!.bottom - 0.5)
          // The unit on the field's line, right of it, inside the row.
          if (o.unit) {
            expect(o.unit.left, o.param).toBeGreaterThanOrEqual(o.input!.right - 0.5)
            expect(o.unit.top < o.input!.bottom && o.unit.bottom > o.input!.top, o.param).toBe(true)
            expect(o.unit.right, o.param).toBeLessThanOrEqual(o.inside!.right + 0.5)
          }
        }
        // Contract types are picked by Autotask's names, ticked as the codes in force.
        const picks = admin.locator(
          '.tile-item[data-kpi="clients_csat_dropped"] [data-param="recurringTypes"] .option-picks input',
        )
        expect(await picks.count()).toBe(6)
        expect(
          await picks.evaluateAll((all) =>
            all
              .filter((t) => (t as HTMLInputElement).checked)
              .map((t) => (t as HTMLInputElement).value)
              .sort(),
          ),
        ).toEqual(['6', '7'])
        expect(
          await admin.locator('.tile-item[data-kpi="clients_csat_dropped"] [data-param="recurringTypes"]').innerText(),
        ).toContain('7 Recurring Service')
        await admin
          .locator('.tile-item[data-kpi="clients_csat_dropped"]')
          .screenshot({ path: screenshotPath(`builder-tile-options-layout-${lang}-${width}`) })

        // Which way is better, beside each band, and the unit it counts: rows for an action list.
        const bands = await admin.locator('.tiles-panel .tile-item').evaluateAll((items) =>
          items.map((item) => ({
            kpi: (item as HTMLElement).dataset.kpi!,
            direction: item.querySelector('.band-direction')?.textContent ?? null,
            unit: item.querySelector('.band .unit')?.textContent ?? null,
            fields: item.querySelectorAll('.band input').length,
          })),
        )
        let checked = 0
        for (const band of bands.filter((b) => b.fields > 0)) {
          const kpi = kpis.get(band.kpi)!
          if (kpi.direction !== 'neutral')
            expect(band.direction, band.kpi).toBe(say(kpi.direction === 'higher' ? 'higherBetter' : 'lowerBetter'))
          if (kpi.kind === 'list') expect(band.unit, band.kpi).toBe(say('unitRows'))
          if (kpi.unit === 'percent') expect(band.unit, band.kpi).toBe('%')
          if (kpi.unit === 'euro') expect(band.unit, band.kpi).toBe('€')
          checked++
        }
        expect(checked).toBeGreaterThan(5)
        expect(bands.find((b) => b.kpi === 'clients_csat_dropped')?.unit).toBe(say('unitRows'))
        await admin.close()
      },
    )

    // The working hours: their days and times only while 'own' is ticked; times on the 24-hour clock and
    // dates day first, typed as text in the page's form (no browser picker in the browser's locale).
    test.each(['nl', 'en'] as const)(
      '%s: working hours follow their tick box, times and dates in the page’s form',
      async (lang) => {
        const say = (key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key][lang]
        const admin = await openBuilder(stack.admins, stack.url, `?role=finance&lang=${lang}`)
        await admin.setViewportSize({ width: 1280, height: 800 })
        await admin.locator('nav.tabs button', { hasText: say('tabSettings') }).click()
        const hours = admin.locator('.settings-view [data-group="hours"]')
        const own = hours.locator('input[name="ownHours"]')
        const fields = hours.locator('input[name^="day-"], input[name="start"], input[name="end"]')
        await own.waitFor()
        expect(await fields.count()).toBe(9)
        await own.setChecked(false)
        for (const field of await fields.all()) expect(await field.isDisabled()).toBe(true)
        await own.setChecked(true)
        for (const field of await fields.all()) expect(await field.isEnabled()).toBe(true)

        const start = hours.locator('input[name="start"]')
        const end = hours.locator('input[name="end"]')
        expect(await start.getAttribute('type')).toBe('text')
        expect(await start.inputValue()).toMatch(/^\d\d:\d\d$/)
        await start.fill('25:00')
        await hours.locator('button[name="save-hours"]').click()
        await expect(hours.locator('.field-error').innerText()).resolves.toContain(
          lang === 'nl' ? 'geen tijd' : 'not a time',
        )
        await start.fill('8.15')
        await end.fill('17:45')
        await hours.locator('button[name="save-hours"]').click()
        await expect
          .poll(
            async () =>
              (await stack.admin<{ settings: { businessHours: unknown } }>('/api/settings')).settings.businessHours,
          )
          .toMatchObject({ start: '08:15', end: '17:45' })

        // Dates: dd-mm-jjjj in Dutch, dd/mm/yyyy in English; a wrong one is explained and not sent.
        const daysOff = admin.locator('.settings-view [data-group="days-off"]')
        const extra = daysOff.locator('textarea[name="extraDays"]')
        expect(await daysOff.innerText()).toContain(lang === 'nl' ? 'dd-mm-jjjj' : 'dd/mm/yyyy')
        expect(await daysOff.locator('input[name="leaveFrom"]').getAttribute('placeholder')).toBe(
          lang === 'nl' ? 'dd-mm-jjjj' : 'dd/mm/yyyy',
        )
        await extra.fill('31-02-2026')
        await daysOff.locator('button[name="save-days-off"]').click()
        await expect(daysOff.locator('.field-error').innerText()).resolves.toContain(
          lang === 'nl' ? 'geen datum' : 'not a date',
        )
        await extra.fill(lang === 'nl' ? '24-12-2026\n31-12-2026' : '24/12/2026\n31/12/2026')
        await daysOff.locator('input[name="leaveFrom"]').fill(lang === 'nl' ? '3-8-2026' : '3/8/2026')
        await daysOff.locator('input[name="leaveTo"]').fill(lang === 'nl' ? '07-08-2026' : '07/08/2026')
        await daysOff.locator('button', { hasText: say('addLeave') }).click()
        await daysOff.locator('button[name="save-days-off"]').click()
        await expect
          .poll(
            async () =>
              (
                await stack.admin<{
                  settings: { holidays: { extra: string[] }; leave: Array<{ from: string; to: string }> }
                }>('/api/settings')
              ).settings,
          )
          .toMatchObject({
            holidays: { extra: ['2026-12-24', '2026-12-31'] },
            leave: expect.arrayContaining([expect.objectContaining({ from: '2026-08-03', to: '2026-08-07' })]),
          })
        await expect
          .poll(() => admin.locator('.settings-view textarea[name="extraDays"]').inputValue())
          .toBe(lang === 'nl' ? '24-12-2026\n31-12-2026' : '24/12/2026\n31/12/2026')
        await admin.screenshot({ path: screenshotPath(`builder-settings-formats-${lang}-1280`), fullPage: true })
        if (lang === 'nl')
          expect(
            await englishLeft(admin, ['.settings-list li', 'select[name=person]', 'select[name=leavePerson]']),
          ).toEqual([])
        await admin.close()
      },
    )
  },
)
