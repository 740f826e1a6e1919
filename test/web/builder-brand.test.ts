/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ADMIN_STRINGS } from '../../web/src/admin/strings.js'
import { englishLeft } from './english.js'
import { CHROMIUM, openBuilder, screenshotPath, type Stack, startStack } from './stack.js'

// The owner sets the MSP's colour and logo for the client reviews in the builder's settings, in Dutch: the logo file
// is previewed and saved; a logo the server refuses says why next to the group, and nothing changes.

const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#c8102e"/></svg>'
const dataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
const say = (key: keyof typeof ADMIN_STRINGS) => ADMIN_STRINGS[key].nl

describe.skipIf(!existsSync(CHROMIUM))('brand colour and logo in the builder', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('nl: pick a colour and a logo file, see it, save it; a logo with a script is refused with the reason', async () => {
    const admin = await openBuilder(stack.admins, stack.url, '?lang=nl')
    await admin.setViewportSize({ width: 1280, height: 800 })
    await admin.locator('nav.tabs button', { hasText: say('tabSettings') }).click()
    const brand = admin.locator('.settings-view [data-group="brand"]')
    await expect(brand.locator('legend').innerText()).resolves.toBe(say('settingsBrand'))
    await expect(brand.locator('.brand-logo').innerText()).resolves.toBe(say('brandNoLogo'))
    await expect(brand.locator('.file-button').innerText()).resolves.toBe(say('chooseFile'))
    expect(await englishLeft(admin, ['.settings-list li', 'select[name=person]', 'select[name=leavePerson]'])).toEqual(
      [],
    )

    await brand.locator('input[name="brandColor"]').fill('#c8102e')
    await brand
      .locator('input[name="brandLogo"]')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(LOGO) })
    await brand.locator('.brand-logo img').waitFor()
    await brand.locator('button[name="save-brand"]').click()
    await admin.locator('.notice.ok').waitFor()
    const saved = await stack.admin<{ settings: { brandColor: string; brandLogo: string } }>('/api/settings')
    expect(saved.settings).toMatchObject({ brandColor: '#c8102e', brandLogo: dataUrl(LOGO) })
    await admin.screenshot({ path: screenshotPath('builder-brand-nl') })

    await brand.locator('input[name="brandLogo"]').setInputFiles({
      name: 'bad.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    })
    await brand.locator('button[name="save-brand"]').click()
    await expect
      .poll(() => brand.locator('.field-error').innerText())
      .toContain("the logo's SVG carries a <script> element")
    const after = await stack.admin<{ settings: { brandLogo: string } }>('/api/settings')
    expect(after.settings.brandLogo).toBe(dataUrl(LOGO))

    // A file too large never leaves the page.
    await brand.locator('input[name="brandLogo"]').setInputFiles({
      name: 'big.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(150 * 1024),
    })
    await brand.locator('button[name="save-brand"]').click()
    await expect.poll(() => brand.locator('.field-error').innerText()).toBe('Het logo is 150 KB; hoogstens 100 KB.')
    await admin.close()
  }, 60_000)
})
