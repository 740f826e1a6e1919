/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ADMIN_STRINGS } from '../../web/src/admin/strings.js'
import { CHROMIUM, openBuilder, screenshotPath, type Stack, startStack, syncedFromConnectWise } from './stack.js'

// Issue 16: what a PSA's status and source names mean is the MSP's setting. The owner sees each of their statuses
// read through the patterns as they type, saves, and every open ticket follows at once; a pattern that is not one
// is refused next to the group and nothing changes.

describe.skipIf(!existsSync(CHROMIUM))('ticket meanings in the builder settings', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  const states = async () =>
    Object.fromEntries(
      (
        await stack.handle.db
          .selectFrom('ticket')
          .select(['status', 'state'])
          .distinct()
          .where('state', '!=', 'complete')
          .execute()
      ).map((row) => [row.status, row.state]),
    )

  test.each(['en', 'nl'] as const)(
    '%s: the statuses follow the patterns as typed, and saving restates the open tickets',
    async (lang) => {
      const say = (key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key][lang]
      // Autotask's standard statuses on the simulated desk: 7 Waiting Customer, 9 Waiting Materials (on hold).
      const before = await states()
      expect(before[7]).toBe('waiting_customer')
      expect(before[9]).toBe('on_hold')

      const admin = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
      await admin.locator('nav.tabs button', { hasText: say('tabSettings') }).click()
      const group = admin.locator('.settings-view [data-group="meanings"]')
      const statuses = group.locator('[data-list="statuses"]')
      await expect(statuses.innerText()).resolves.toContain(`Waiting Materials → ${say('meaningOnHold')}`)
      // Autotask marks its alerts by ticket type: no source pattern to set.
      await expect(group.innerText()).resolves.toContain(say('meaningAlertsByType'))
      expect(await group.locator('input[name="alertSources"]').count()).toBe(0)

      // Not a pattern: refused next to the group, nothing saved.
      await group.locator('input[name="onHold"]').fill('on hold(')
      await group.locator('button[name="save-meanings"]').click()
      await expect(group.locator('.field-error').innerText()).resolves.toContain(say('meaningOnHold'))
      expect(await states()).toEqual(before)

      // Only "On Hold" is on hold now: the preview says so before saving, the tickets after.
      await group.locator('input[name="onHold"]').fill('^on hold$')
      await expect(statuses.innerText()).resolves.toContain(`Waiting Materials → ${say('meaningOpen')}`)
      await group.locator('button[name="save-meanings"]').click()
      await admin.locator('.notice.ok').waitFor()
      const after = await states()
      expect(after[9]).toBe('open')
      expect(after[7]).toBe('waiting_customer')
      await group.screenshot({ path: screenshotPath(`builder-meanings-${lang}`) })

      // Back to the default for the next language.
      await group.locator('input[name="onHold"]').fill('on ?hold|wait|wacht|pending|vendor|leverancier')
      await group.locator('button[name="save-meanings"]').click()
      await expect.poll(states, { timeout: 10_000 }).toEqual(before)
      await admin.close()
    },
  )

  test('on ConnectWise, which sources are monitoring alerts is set here too', async () => {
    // Last: from here on the data reads as ConnectWise's.
    await syncedFromConnectWise(stack.handle)
    const admin = await openBuilder(stack.admins, stack.url, '?lang=en')
    await admin.locator('nav.tabs button', { hasText: ADMIN_STRINGS.tabSettings.en }).click()
    const group = admin.locator('.settings-view [data-group="meanings"]')
    const sources = group.locator('[data-list="sources"]')
    await expect(sources.innerText()).resolves.toContain(`Monitoring Alert → ${ADMIN_STRINGS.meaningAlert.en}`)
    await group.locator('input[name="alertSources"]').fill('rmm')
    await expect(sources.innerText()).resolves.toContain(`Monitoring Alert → ${ADMIN_STRINGS.meaningNotAlert.en}`)
    await admin.close()
  })
})
