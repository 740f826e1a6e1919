/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest'
import { buildApp } from '../../server/app.js'
import { webPlugin } from '../../server/web.js'
import { ADMIN_PASSWORD, CHROMIUM, openWall, SCREENS, type Stack, startStack } from './stack.js'

// Polls fast, so a handful of them pass in a second or two.
const FAST_POLLS = '&refresh=300'

/** Counts the page's own (re)loads from now on. */
function countReloads(page: Page): { count: () => number; next: () => Promise<unknown> } {
  let reloads = 0
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) reloads++
  })
  return {
    count: () => reloads,
    next: () =>
      page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 30_000 }),
  }
}

/** Waits until the wall in the current document has polled `more` more times than it had. */
async function waitForPolls(page: Page, more: number): Promise<void> {
  const polls = Number(await page.evaluate(() => document.documentElement.dataset.wallPolls ?? 0))
  await page.waitForFunction(
    (until) => Number(document.documentElement.dataset.wallPolls ?? 0) >= until,
    polls + more,
    { timeout: 30_000 },
  )
}

function buildOf(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector<HTMLMetaElement>('meta[name="roleboard-build"]')?.content ?? null)
}

describe.skipIf(!existsSync(CHROMIUM))('a wall screen through an upgrade', () => {
  let stack: Stack

  beforeAll(async () => {
    stack = await startStack({ size: 'tiny' })
  })
  afterAll(async () => {
    await stack?.close()
  })

  test('a reload that brings the old page back (the server still names another build) does not loop', async () => {
    const { url } = await stack.wallLink('engineer', 'looping wall')
    const page = await openWall(stack.walls, url, SCREENS['1080p'], FAST_POLLS)
    const loaded = await buildOf(page)
    // As if a server behind the same address names a build this page can never get.
    await page.route('**/api/dashboards/**', async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, headers: { ...response.headers(), 'x-roleboard-build': 'never-served' } })
    })
    const reloads = countReloads(page)
    await reloads.next()
    await page.waitForSelector('html[data-wall-rendered]')
    await waitForPolls(page, 5)
    expect(reloads.count()).toBe(1)
    expect(await buildOf(page)).toBe(loaded)
    await page.close()
  })

  test('keeps its page while the build stays the same, and reloads once into the new build when the server is upgraded', async () => {
    const { url } = await stack.wallLink('engineer', 'upgraded wall')
    const page = await openWall(stack.walls, url, SCREENS['1080p'], FAST_POLLS)
    const reloads = countReloads(page)
    const before = await buildOf(page)
    expect(before).toBe(stack.app.frontEnd.build)
    await waitForPolls(page, 5)
    expect(reloads.count()).toBe(0)

    // The upgrade: the server stops and comes back on the same address as a new version.
    const reloaded = reloads.next()
    const port = Number(new URL(stack.url).port)
    await stack.app.close()
    const upgraded = await buildApp({
      config: stack.app.config,
      handle: stack.handle,
      version: 'browser-test-upgraded',
      adminPassword: ADMIN_PASSWORD,
      plugins: [webPlugin],
    })
    onTestFinished(() => upgraded.close())
    await upgraded.listen({ port, host: '127.0.0.1' })
    expect(upgraded.frontEnd.build).not.toBe(before)

    await reloaded
    await page.waitForSelector('html[data-wall-rendered]')
    expect(await buildOf(page)).toBe(upgraded.frontEnd.build)
    await waitForPolls(page, 5)
    expect(reloads.count()).toBe(1)
    await page.close()
  })
})
