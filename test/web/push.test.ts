/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, openWall, SCREENS, type Stack, startStack } from './stack.js'

const PHONE = { width: 390, height: 844 }
/** Every screen event stream, as the browser asks for it. */
const EVENTS = /\/api\/(dashboards\/[^/]+|me\/\d+)\/events(\?|$)/

describe.skipIf(!existsSync(CHROMIUM))('screens are pushed to', () => {
  let stack: Stack
  let landed = Date.now()

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
    // One tile, so the wall's number is easy to read.
    await stack.admin('/api/dashboards/service-manager', { method: 'PUT', json: { tiles: [{ kpi: 'tickets_open' }] } })
  })
  afterAll(async () => {
    await stack?.close()
  })

  /** Closes `n` open tickets and records the sync that brought that in, as the connector would. */
  async function closeTicketsAndSync(n: number): Promise<void> {
    const db = stack.handle.db
    const open = await db.selectFrom('ticket').select('id').where('state', '!=', 'complete').limit(n).execute()
    await db
      .updateTable('ticket')
      .set({ state: 'complete' })
      .where(
        'id',
        'in',
        open.map((ticket) => ticket.id),
      )
      .execute()
    await finishSync()
  }

  /** A finished sync, later than every one before (the fixture's ran on the real clock). */
  async function finishSync(): Promise<void> {
    landed += 3 * 3600_000
    const at = new Date(landed).toISOString()
    await stack.handle.db
      .insertInto('sync_run')
      .values({ psa: 'autotask', kind: 'incremental', started_at: at, finished_at: at, ok: 1, error: null })
      .execute()
  }

  const openTickets = (page: Page) => page.locator('.tile[data-kpi="tickets_open"] .kpi-value').textContent()
  const pushState = (page: Page) => page.locator('html').getAttribute('data-push')
  /** Set on the window: gone if the page reloads. */
  const mark = (page: Page) => page.evaluate(() => Object.assign(window, { notReloaded: true }))
  const stillMarked = (page: Page) => page.evaluate(() => 'notReloaded' in window)

  test('a wall shows a sync the moment it lands, in place, while it polls only every 30 s', async () => {
    const { url } = await stack.wallLink('service-manager', 'pushed wall')
    const wall = await openWall(stack.walls, url, SCREENS['1080p'])
    await wall.waitForSelector('html[data-push="live"]')
    await mark(wall)
    const before = Number(await openTickets(wall))
    const polls = await wall.locator('html').getAttribute('data-wall-polls')

    await closeTicketsAndSync(2)
    await wall.waitForFunction(
      (n) => document.querySelector('.tile .kpi-value')?.textContent === String(n),
      before - 2,
      {
        timeout: 5_000,
      },
    )
    expect(await stillMarked(wall)).toBe(true)
    expect(await pushState(wall)).toBe('live')
    expect(Number(await wall.locator('html').getAttribute('data-wall-polls'))).toBeGreaterThan(Number(polls))
    expect(Number(await wall.locator('html').getAttribute('data-wall-updated-at'))).toBeGreaterThan(0)
    await wall.close()
  })

  test('a wall whose link is revoked shows so at once, not at its next poll', async () => {
    const { id, url } = await stack.wallLink('service-manager', 'wall to revoke')
    const wall = await openWall(stack.walls, url, SCREENS['1080p'])
    await wall.waitForSelector('html[data-push="live"]')
    await stack.admin(`/api/tokens/${id}`, { method: 'DELETE' })
    await wall.waitForSelector('.wall-notice[data-notice="revoked"]', { timeout: 5_000 })
    await wall.close()
  })

  test('a wall whose event stream fails polls instead, keeps updating, and listens again once it can', async () => {
    const { url } = await stack.wallLink('service-manager', 'wall behind a bad proxy')
    let refused = 0
    // Opened by hand: the browser logs each refused stream as a console error, which openWall counts as a failure.
    const wall = await stack.walls.newPage()
    await wall.setViewportSize(SCREENS['1080p'])
    await wall.route(EVENTS, (route) => {
      refused++
      return route.fulfill({ status: 503, contentType: 'application/json', body: '{"message":"busy"}' })
    })
    await wall.goto(`${url}&refresh=500`)
    await wall.waitForSelector('html[data-wall-rendered]')
    await mark(wall)
    await expect.poll(() => refused).toBeGreaterThan(0)
    expect(await pushState(wall)).toBe('polling')
    const before = Number(await openTickets(wall))
    await closeTicketsAndSync(1)
    await wall.waitForFunction(
      (n) => document.querySelector('.tile .kpi-value')?.textContent === String(n),
      before - 1,
      {
        timeout: 10_000,
      },
    )
    expect(await pushState(wall)).toBe('polling')
    // It kept trying the stream, backing off; once the stream works, it listens again.
    await wall.unroute(EVENTS)
    await wall.waitForSelector('html[data-push="live"]', { timeout: 30_000 })
    expect(refused).toBeGreaterThan(0)
    expect(await stillMarked(wall)).toBe(true)
    await wall.close()
  })

  test("an engineer's phone page shows a new sync at once, and by polling when it cannot listen", async () => {
    const person = await stack.handle.db.selectFrom('resource').select('id').orderBy('id').executeTakeFirstOrThrow()
    const link = await stack.admin<{ path: string }>('/api/tokens', {
      method: 'POST',
      json: { kind: 'person', resourceId: person.id, name: 'Pushed phone' },
    })
    const phones = await stack.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true })
    const who = (page: Page) => page.locator('.me-header .who').textContent()

    const pushed = await phones.newPage()
    await pushed.goto(`${stack.url}${link.path}&lang=en`)
    await pushed.waitForSelector('html[data-push="live"]')
    await mark(pushed)
    const before = await who(pushed)
    await finishSync()
    await expect.poll(() => who(pushed), { timeout: 5_000 }).not.toBe(before)
    expect(await stillMarked(pushed)).toBe(true)
    expect(await pushState(pushed)).toBe('live')
    await pushed.close()

    const polling = await phones.newPage()
    await polling.route(EVENTS, (route) => route.fulfill({ status: 503, body: '' }))
    await polling.goto(`${stack.url}${link.path}&lang=en&refresh=500`)
    await polling.waitForSelector('.me-header h1')
    const shown = await who(polling)
    await finishSync()
    await expect.poll(() => who(polling), { timeout: 10_000 }).not.toBe(shown)
    expect(await pushState(polling)).toBe('polling')
    await phones.close()
  })
})
