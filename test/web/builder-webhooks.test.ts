/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { WEBHOOK_ENTITIES, type WebhookEntity } from '../../connectors/autotask/callout.js'
import { registerRows } from '../helpers/webhook-env.js'
import { CHROMIUM, openBuilder, type Stack, startStack } from './stack.js'

// The owner sees, on the Settings tab, whether Autotask sends changes as they happen, and a red line with what to
// run when Autotask stopped sending them.

const KEY = 'a-webhook-key-the-browser-never-sees'

describe.skipIf(!existsSync(CHROMIUM))('the Autotask webhooks on the builder’s Settings tab', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('not registered: the panel says how to get changes within seconds', async () => {
    const page = await openBuilder(stack.admins, stack.url, '?lang=en')
    await page.locator('nav.tabs button', { hasText: 'Settings' }).click()
    const panel = page.locator('.webhooks-panel')
    // The panel says "Loading…" until its answer is in.
    await expect.poll(() => panel.innerText()).toContain('run `roleboard webhooks register` on the server')
    expect(await panel.locator('table').count()).toBe(0)
    await page.close()
  })

  test.each([
    ['en', 'Settings', 'Autotask stopped sending changes for Tickets on', 'stopped by Autotask'],
    ['nl', 'Instellingen', 'Autotask stuurt sinds', 'gestopt door Autotask'],
  ])('a webhook Autotask stopped shows as a red line (%s)', async (lang, tab, stoppedLine, stateWord) => {
    await stack.handle.db.deleteFrom('autotask_webhook').execute()
    const keys = Object.fromEntries(WEBHOOK_ENTITIES.map((entity) => [entity, KEY])) as Record<WebhookEntity, string>
    await registerRows(stack.handle.db, stack.app.secretBox(), keys, 'https://dash.example.nl', {
      Tickets: {
        is_active: 0,
        deactivated_at: '2026-03-02T07:30:00Z',
        deactivation_note: 'Autotask called the deactivation address',
      },
      Companies: { last_callout_at: '2026-03-02T08:59:00Z' },
    })
    const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
    await page.locator('nav.tabs button', { hasText: tab }).click()
    const red = page.locator('.webhooks-panel .webhook-stopped')
    await expect(red.innerText()).resolves.toContain(stoppedLine)
    await expect(red.innerText()).resolves.toContain('roleboard webhooks register')
    expect(await red.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 35, 24)')
    await expect(page.locator('.webhooks-panel tr[data-entity="Tickets"]').innerText()).resolves.toContain(stateWord)
    expect(await page.content()).not.toContain(KEY)
    await page.close()
  })

  test.each([
    [
      'en',
      'Settings',
      'no change received yet',
      'Tickets, ticket notes, companies and contacts reach the walls within seconds; time entries, SLA results and surveys still come with the regular sync (every minute).',
    ],
    [
      'nl',
      'Instellingen',
      'nog geen wijziging ontvangen',
      'Tickets, ticketnotities, bedrijven en contactpersonen staan binnen seconden op de schermen; tijdregistraties, SLA-resultaten en enquêtes komen nog steeds met de gewone synchronisatie (elke minuut).',
    ],
  ])('each webhook says when it was registered, and that nothing came yet (%s)', async (lang, tab, none, coverage) => {
    await stack.handle.db.deleteFrom('autotask_webhook').execute()
    const keys = Object.fromEntries(WEBHOOK_ENTITIES.map((entity) => [entity, KEY])) as Record<WebhookEntity, string>
    await registerRows(stack.handle.db, stack.app.secretBox(), keys, 'https://dash.example.nl', {
      Companies: { last_callout_at: '2026-03-02T08:59:00Z' },
    })
    await stack.handle.db.updateTable('autotask_webhook').set({ registered_at: '2026-03-02T08:10:00Z' }).execute()
    const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
    await page.locator('nav.tabs button', { hasText: tab }).click()
    const panel = page.locator('.webhooks-panel')
    await expect(panel.locator('[data-webhooks="coverage"]').innerText()).resolves.toBe(coverage)
    const tickets = await panel.locator('tr[data-entity="Tickets"] td').allInnerTexts()
    const sep = lang === 'nl' ? '-' : '/'
    expect(tickets.slice(2)).toEqual([`02${sep}03${sep}2026 09:10`, none])
    const companies = await panel.locator('tr[data-entity="Companies"] td').allInnerTexts()
    expect(companies[3]).toBe(`02${sep}03${sep}2026 09:59`)
    await page.close()
  })
})
