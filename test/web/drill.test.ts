/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DrillData } from '../../server/wire/drill.js'
import { CHROMIUM, openBuilder, screenshotPath, type Stack, startStack } from './stack.js'

// The rows behind SLA compliance, opened from the owner's builder: the page shows the API's rows for the window,
// its buttons and filters change them, and it reads on a phone (375 px) in English and Dutch.

const PHONE = { width: 375, height: 812 }

/** The ticket ids the page lists, top to bottom. */
const shownIds = (page: Page) =>
  page.$$eval('.drill-row', (rows) => rows.map((row) => Number((row as HTMLElement).dataset.ticket)))

/** The headline number as a number ("93,2%" in Dutch). */
const shownValue = async (page: Page) =>
  Number.parseFloat(((await page.textContent('.drill .value strong')) ?? '').replace(',', '.'))

describe.skipIf(!existsSync(CHROMIUM))('drill-down page', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    await stack?.close()
  })

  test.each(['en', 'nl'] as const)(
    '%s: from the builder tile to its rows, a window and a company filter, legible at 375 px',
    async (lang) => {
      const builder = await openBuilder(stack.admins, stack.url, `?role=owner&lang=${lang}`)
      const link = builder.locator('.tile-item[data-kpi="sla_compliance"] a.drill-link')
      expect(await link.textContent()).toBe(lang === 'en' ? 'Rows behind this number' : 'Rijen achter dit getal')
      // A tile whose KPI reads no one list of tickets offers none.
      expect(await builder.locator('.tile-item[data-kpi="mrr_total"] a.drill-link').count()).toBe(0)
      const [page] = await Promise.all([stack.admins.waitForEvent('page'), link.click()])
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      await page.setViewportSize(PHONE)
      await page.waitForSelector('.drill-rows, .drill .empty')
      const tileId = /\/drill\/owner\/(\d+)/.exec(page.url())![1]
      const api = (search: string) =>
        stack.admin<DrillData>(`/api/drill/roles/owner/tiles/${tileId}?lang=${lang}&${search}`)

      const own = await api('')
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      expect(await page.textContent('.drill h1')).toBe(own.title)
      expect(await shownIds(page)).toEqual(own.rows.map((row) => row.ticketId))
      expect(await shownValue(page)).toBeCloseTo(own.value!, 1)

      // Last week: the page shows what the API counts for that week.
      await page.click('button[data-preset="last-week"]')
      await page.waitForSelector('button[data-preset="last-week"][aria-pressed="true"]')
      const week = await api('window=last-week')
      expect(week.total).toBeGreaterThan(0)
      expect(await page.textContent('.drill .window')).toBe(week.window.words)
      expect(week.window.words).toMatch(
        lang === 'en' ? /^Last week: 23 Feb 2026 – 1 Mar 2026$/ : /^Vorige week: 23 feb 2026 – 1 mrt 2026$/,
      )
      expect(await shownIds(page)).toEqual(week.rows.map((row) => row.ticketId))
      expect(await shownValue(page)).toBeCloseTo(week.value!, 1)
      // Missed first, each row a link into Autotask.
      const missed = week.rows.filter((row) => row.bad).length
      expect(week.rows.slice(0, missed).every((row) => row.bad)).toBe(true)
      expect(await page.locator('.drill-row a.open[target="_blank"]').count()).toBe(
        week.rows.filter((row) => row.ticketUrl).length,
      )

      // One company of that week: its rows only and its own value.
      const company = week.companies[0]!
      await page.selectOption('select[name=company]', String(company.id))
      await page.waitForFunction((id) => new URL(location.href).searchParams.get('company') === String(id), company.id)
      await page.waitForSelector('.drill .filtered')
      const filtered = await api(`window=last-week&company=${company.id}`)
      expect(await shownIds(page)).toEqual(filtered.rows.map((row) => row.ticketId))
      expect(filtered.rows.every((row) => row.companyId === company.id)).toBe(true)
      expect(await page.textContent('.drill .filtered')).toContain(
        lang === 'en' ? 'With these filters' : 'Met deze filters',
      )

      // Nothing wider than the phone, no text under 16 px.
      const layout = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        smallest: Math.min(
          ...Array.from(document.querySelectorAll<HTMLElement>('.drill *'))
            .filter(
              (el) =>
                el.childNodes.length &&
                Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim()),
            )
            .map((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
        ),
      }))
      expect(layout.overflow).toBeLessThanOrEqual(0)
      expect(layout.smallest).toBeGreaterThanOrEqual(16)
      await page.screenshot({ path: screenshotPath(`drill-${lang}-375`), fullPage: true })
      expect(errors).toEqual([])
      await page.close()
      await builder.close()
    },
    120_000,
  )
})
