/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { createConnector } from '../../server/sync.js'
import { CHROMIUM, openBuilder, SIM_NOW, type Stack, startStack } from './stack.js'

// The builder's top bar names the PSA its data comes from; on ConnectWise PSA the Settings tab says webhooks and
// the API budget are Autotask's instead of showing Autotask's panels.

describe.skipIf(!existsSync(CHROMIUM))('the builder shows which PSA the data comes from', () => {
  let stack: Stack
  let desk: Awaited<ReturnType<typeof startConnectWiseDesk>>
  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
    desk = await startConnectWiseDesk({ world: { size: 'tiny', seed: 7, now: SIM_NOW } })
  })
  afterAll(async () => {
    await desk?.close()
    await stack?.close()
  })

  test('only the admin may ask, and the answer is the PSA and its host, nothing else', async () => {
    expect((await fetch(`${stack.url}/api/psa`)).status).toBe(401)
    const host = new URL(
      (await stack.handle.db.selectFrom('psa_source').select('web_url').executeTakeFirstOrThrow()).web_url!,
    ).host
    expect(await stack.admin('/api/psa')).toEqual({ psa: 'autotask', host })
  })

  test.each([
    ['en', 'Data from Autotask', 'Settings'],
    ['nl', 'Gegevens uit Autotask', 'Instellingen'],
  ])(
    'Autotask (%s): the top bar says so, and the Settings tab keeps its webhooks and budget',
    async (lang, label, tab) => {
      const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
      await expect.poll(() => page.locator('.topbar .psa').innerText()).toBe(label)
      await page.locator('nav.tabs button', { hasText: tab }).click()
      await expect.poll(() => page.locator('.webhooks-panel h2').count()).toBe(1)
      expect(await page.locator('.budget-panel').isVisible()).toBe(true)
      await page.close()
    },
  )

  test.each([
    ['en', 'Data from ConnectWise PSA', 'Settings', 'Webhooks and the API budget are Autotask features'],
    ['nl', 'Gegevens uit ConnectWise PSA', 'Instellingen', 'Webhooks en het API-budget horen bij Autotask'],
  ])(
    'after a sync from ConnectWise PSA (%s): the top bar names it with its host, and Autotask’s panels give way to one line',
    async (lang, label, tab, line) => {
      if ((await stack.admin<{ psa: string }>('/api/psa')).psa !== 'connectwise') {
        const connector = createConnector(
          stack.handle,
          { psa: 'connectwise', credentials: desk.credentials },
          stack.app.config,
        )
        const summary = await connector.sync(true)
        connector.stop()
        expect(summary.ok).toBe(true)
      }
      expect(await stack.admin('/api/psa')).toEqual({ psa: 'connectwise', host: new URL(desk.url).host })
      const page = await openBuilder(stack.admins, stack.url, `?lang=${lang}`)
      const psa = page.locator('.topbar .psa')
      await expect.poll(() => psa.innerText()).toBe(label)
      expect(await psa.getAttribute('title')).toBe(new URL(desk.url).host)
      await page.locator('nav.tabs button', { hasText: tab }).click()
      await expect.poll(() => page.locator('.webhooks-panel [data-psa="autotask-only"]').innerText()).toContain(line)
      expect(await page.locator('.webhooks-panel h2').count()).toBe(0)
      expect(await page.locator('.budget-panel').isVisible()).toBe(false)
      // Nothing of the account reaches the page.
      const html = await page.content()
      for (const secret of [desk.credentials.privateKey, desk.credentials.publicKey, desk.credentials.clientId])
        expect(html).not.toContain(secret)
      await page.close()
    },
  )
})
