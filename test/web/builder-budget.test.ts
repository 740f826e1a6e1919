/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { CHROMIUM, openBuilder, type Stack, startStack } from './stack.js'

// The owner sees, on the Settings tab, what roleboard costs the tenant's shared Autotask API budget: its hour
// against the 5% line and the tenant's count, and per entity its pace, why, expected and measured requests, with
// numbers written as each language writes them.

describe.skipIf(!existsSync(CHROMIUM))('the API budget on the builder’s Settings tab', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
    // The stack's clock stands at 09:00: its last hour is the minutes after 08:00.
    const { db } = stack.handle
    await db
      .insertInto('api_threshold')
      .values({ psa: 'autotask', hourly_limit: 10_000, tenant_count: 2345, read_at: '2026-03-02T08:55:00.000Z' })
      .execute()
    await db.insertInto('api_usage').values({ psa: 'autotask', minute: '2026-03-02T08:30', requests: 1234 }).execute()
    await db
      .insertInto('api_entity_usage')
      .values([
        { psa: 'autotask', entity: 'Tickets', minute: '2026-03-02T08:59', requests: 1 },
        { psa: 'autotask', entity: 'TimeEntries:deletions', minute: '2026-03-02T08:10', requests: 1042 },
      ])
      .execute()
  })
  afterAll(async () => {
    await stack?.close()
  })

  test.each([
    [
      'en',
      'Settings',
      '1,234 requests in the last hour',
      '1,042',
      'Time entries: deletion scan',
      'walls need it every minute',
      '1 min',
    ],
    [
      'nl',
      'Instellingen',
      '1.234 verzoeken in het afgelopen uur',
      '1.042',
      'Tijdregistraties: verwijdercontrole',
      'de schermen hebben het elke minuut nodig',
      '1 min',
    ],
  ])('expected beside measured, per entity (%s)', async (lang, tab, ownLine, scanCount, scanName, source, every) => {
    const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
    await page.locator('nav.tabs button', { hasText: tab }).click()
    const panel = page.locator('.budget-panel')
    await expect(panel.locator('[data-budget="roleboard"]').innerText()).resolves.toContain(ownLine)
    await expect(panel.locator('[data-budget="tenant"]').innerText()).resolves.toContain(
      lang === 'nl' ? '2.345' : '2,345',
    )
    const tickets = await panel.locator('tr[data-entity="Tickets"] td').allInnerTexts()
    // Every minute by default; its last pass 1 request, so 60 expected an hour, 1 measured.
    expect(tickets).toEqual(['Tickets', every, source, '1', '60', '1'])
    const scan = await panel.locator('tr[data-entity="TimeEntries:deletions"] td').allInnerTexts()
    expect(scan[0]).toBe(scanName)
    expect(scan.slice(3)).toEqual([scanCount, scanCount, scanCount])
    // The column adds up: 1,234 in all, less Tickets' 1 and the scan's 1,042, is 191 the lines do not name.
    const other = await panel.locator('tr[data-entity="other"] td').allInnerTexts()
    expect(other[0]).toBe(
      lang === 'nl'
        ? 'Overige verzoeken: eerste synchronisatie, veldopvragingen, webhooks instellen'
        : 'Other requests: first sync, field lookups, webhook set-up',
    )
    expect(other.at(-1)).toBe('191')
    // Developer names only in a tooltip, not in the text the owner reads.
    const text = await panel.innerText()
    expect(text).not.toContain('ROLEBOARD_API_SHARE')
    expect(text).not.toContain('ThresholdInformation')
    expect(await panel.locator('[title*="ROLEBOARD_API_SHARE"]').count()).toBe(1)
    await page.close()
  })

  test.each([
    ['en', 'Settings', 'roleboard used 12.3% of your Autotask API limit in the last hour: above its 5% target.'],
    [
      'nl',
      'Instellingen',
      'roleboard gebruikte in het afgelopen uur 12,3% van uw Autotask-API-limiet: boven het doel van 5%.',
    ],
  ])('opens with a verdict: amber above the target (%s)', async (lang, tab, verdictLine) => {
    const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
    await page.locator('nav.tabs button', { hasText: tab }).click()
    const verdict = page.locator('.budget-panel [data-budget="verdict"]')
    await expect(verdict.innerText()).resolves.toContain(verdictLine)
    expect(await verdict.getAttribute('class')).toContain('budget-verdict-amber')
    await page.close()
  })

  test.each([
    ['en', 'Settings', 'Autotask’s own count, read at 09:55, has not caught up with roleboard’s requests yet'],
    ['nl', 'Instellingen', 'De eigen telling van Autotask, gelezen om 09:55, loopt nog achter op de verzoeken'],
  ])('a tenant count behind roleboard’s own says so, without a bar for the others (%s)', async (lang, tab, line) => {
    await stack.handle.db.updateTable('api_threshold').set({ tenant_count: 1 }).execute()
    try {
      const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
      await page.locator('nav.tabs button', { hasText: tab }).click()
      const panel = page.locator('.budget-panel')
      await expect(panel.locator('[data-budget="tenant"]').innerText()).resolves.toContain(line)
      expect(await panel.locator('.budget-bar .budget-bar-others').count()).toBe(0)
      await page.close()
    } finally {
      await stack.handle.db.updateTable('api_threshold').set({ tenant_count: 2345 }).execute()
    }
  })

  // Each level of the verdict, from the same fixture with roleboard's hour (and its costliest line) changed.
  test.each([
    [
      'en',
      'Settings',
      100,
      1,
      'green',
      'roleboard used 1% of your Autotask API limit in the last hour (target at most 5%); other tools are unaffected.',
    ],
    [
      'nl',
      'Instellingen',
      100,
      1,
      'green',
      'roleboard gebruikte in het afgelopen uur 1% van uw Autotask-API-limiet (doel hoogstens 5%); andere koppelingen merken er niets van.',
    ],
    ['en', 'Settings', 100, 1042, 'amber', 'but at the paces below it expects'],
    ['nl', 'Instellingen', 100, 1042, 'amber', 'maar verwacht bij de tempo’s hieronder'],
    ['en', 'Settings', 2500, 1042, 'red', 'above its hard limit of 2,000'],
    ['nl', 'Instellingen', 2500, 1042, 'red', 'boven de harde grens van 2.000'],
  ])('verdict (%s, %s tab): %i in the hour and a scan of %i is %s', async (lang, tab, hour, scan, level, line) => {
    const { db } = stack.handle
    const setHour = (requests: number) => db.updateTable('api_usage').set({ requests }).execute()
    const setScan = (requests: number) =>
      db.updateTable('api_entity_usage').set({ requests }).where('entity', '=', 'TimeEntries:deletions').execute()
    await setHour(hour)
    await setScan(scan)
    try {
      const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
      await page.locator('nav.tabs button', { hasText: tab }).click()
      const verdict = page.locator('.budget-panel [data-budget="verdict"]')
      await expect(verdict.innerText()).resolves.toContain(line)
      expect(await verdict.getAttribute('class')).toContain(`budget-verdict-${level}`)
      await page.close()
    } finally {
      await setHour(1234)
      await setScan(1042)
    }
  })
})
