/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { DrillData } from '../../server/wire/drill.js'
import { CHROMIUM, openBuilder, screenshotPath, type Stack, startStack, syncedFromConnectWise } from './stack.js'

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
      // Missed first, each row a link into Autotask, which its label names.
      const missed = week.rows.filter((row) => row.bad).length
      expect(week.rows.slice(0, missed).every((row) => row.bad)).toBe(true)
      expect(week.psa).toBe('autotask')
      expect(await page.locator('.drill-row a.open[target="_blank"]').count()).toBe(
        week.rows.filter((row) => row.ticketUrl).length,
      )
      const first = week.rows[0]!
      expect(await page.locator('.drill-row a.open').first().getAttribute('aria-label')).toBe(
        `Open ${first.ticketNumber} in Autotask`,
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

  test("a personal link opens its own KPI's rows, only that person's", async () => {
    const busiest = await stack.handle.db
      .selectFrom('ticket')
      .select((eb) => ['assigned_resource_id as id', eb.fn.countAll<number>().as('n')])
      .where('sla_met', 'is not', null)
      .where('status', '=', 5)
      .where('assigned_resource_id', 'is not', null)
      .groupBy('assigned_resource_id')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow()
    const link = await stack.admin<{ path: string }>('/api/tokens', {
      method: 'POST',
      json: { kind: 'person', resourceId: busiest.id, name: 'drill phone' },
    })
    const token = new URL(`${stack.url}${link.path}`).searchParams.get('token')!
    const search = `?window=last-month&lang=en&token=${token}`
    const answer = (await (
      await fetch(`${stack.url}/api/drill/people/${busiest.id}/kpis/sla_compliance${search}`)
    ).json()) as DrillData
    expect(answer.total).toBeGreaterThan(0)
    expect(new Set(answer.rows.map((row) => row.resourceId))).toEqual(new Set([busiest.id]))
    const phone = await stack.browser.newContext({ viewport: PHONE })
    const page = await phone.newPage()
    await page.goto(`${stack.url}/drill/people/${busiest.id}/sla_compliance${search}`)
    await page.waitForSelector('.drill-rows')
    expect(await shownIds(page)).toEqual(answer.rows.map((row) => row.ticketId))
    expect(await page.locator('.drill .back').count()).toBe(0)
    await phone.close()
  }, 60_000)

  test("a new wall link comes with a QR code for beside the screen: a phone opens the wall's tiles and a tile's rows on it", async () => {
    const builder = await openBuilder(stack.admins, stack.url, '?role=owner&lang=nl')
    await builder.waitForSelector('.links-panel h2')
    await builder.fill('input[name=link-name]', 'TV bij de koffie')
    await builder.click('button:has-text("Schermlink maken")')
    await builder.waitForSelector('.created-link .drill-beside svg.qr')
    const wallHref = (await builder.locator('.created-link a.wall-link').getAttribute('href'))!
    const href = (await builder.locator('.created-link a.drill-beside-link').getAttribute('href'))!
    expect(href).toBe(wallHref.replace('/wall/owner?', '/drill/owner?'))
    await builder.close()

    // A phone with no login: the screen's read-only link is all it has.
    const phone = await stack.browser.newContext({ viewport: PHONE })
    const page = await phone.newPage()
    await page.goto(href)
    await page.waitForSelector('.drill-tiles')
    expect(await page.textContent('.drill h1')).toMatch(/^Tegels van /)
    const owner = await stack.admin<{ tiles: Array<{ id: number; kpi: string }> }>('/api/dashboards/owner/definition')
    const sla = owner.tiles.find((tile) => tile.kpi === 'sla_compliance')!
    await page.click(`.drill-tiles a[href*="/drill/owner/${sla.id}?"]`)
    await page.waitForSelector('.drill-rows, .drill .empty')
    expect(await page.textContent('button[aria-pressed="true"]')).toBe('Zoals op de tegel')
    expect(await page.locator('.drill-row').count()).toBeGreaterThan(0)
    // Read-only: the screen's link opens no builder.
    expect(
      (await fetch(`${stack.url}/api/dashboards/owner/definition?token=${new URL(href).searchParams.get('token')}`))
        .status,
    ).toBe(403)
    await phone.close()
  }, 120_000)

  // Last: from here on the stack's data reads as ConnectWise's.
  test('after a sync from ConnectWise PSA each row opens on ConnectWise, and its label says so in English and Dutch', async () => {
    await syncedFromConnectWise(stack.handle)
    const owner = await stack.admin<{ tiles: Array<{ id: number; kpi: string }> }>('/api/dashboards/owner/definition')
    const sla = owner.tiles.find((tile) => tile.kpi === 'sla_compliance')!
    for (const lang of ['en', 'nl'] as const) {
      const answer = await stack.admin<DrillData>(
        `/api/drill/roles/owner/tiles/${sla.id}?window=last-week&lang=${lang}`,
      )
      expect(answer.psa).toBe('connectwise')
      const first = answer.rows[0]!
      const page = await openBuilder(stack.admins, stack.url, '')
      await page.goto(`${stack.url}/drill/owner/${sla.id}?window=last-week&lang=${lang}`)
      await page.waitForSelector('.drill-rows')
      const open = page.locator('.drill-row a.open').first()
      // CONNECTWISE_WEB_URL's codebase, the service ticket page, the ticket's id and the login company.
      expect(await open.getAttribute('href')).toBe(
        `https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=${first.ticketId}&companyName=acme`,
      )
      expect(await open.getAttribute('aria-label')).toBe(`Open ${first.ticketNumber} in ConnectWise`)
      await page.close()
    }
  }, 60_000)
})
