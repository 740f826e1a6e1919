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
    ['en', 'Settings', '1,234 requests in the last hour', '1,042', 'Time entries: deletion scan', 'default', '1 min'],
    [
      'nl',
      'Instellingen',
      '1.234 verzoeken in het afgelopen uur',
      '1.042',
      'Tijdregistraties: verwijdercontrole',
      'standaard',
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
    await page.close()
  })
})
