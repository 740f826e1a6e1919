/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { createAutotaskConnector } from '../../connectors/autotask/index.js'
import { DEMO_CREDENTIALS, startSimulator } from '../../connectors/autotask/simulator/server.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import { type DbHandle, openDatabase } from '../../db/index.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import type { ReportOptions } from '../../server/services/reports/runner.js'
import { ensureWebBuilt, webPlugin } from '../../server/web.js'
import { storeConnectWiseWebUi } from '../helpers/connectwise-web.js'

// The browser suite's real parts: the simulator, a real sync into a SQLite file, the real server with
// the built front end, and Debian's Chromium. No vitest imports, so the screenshot script and the
// benchmark use it too.

export const SIM_NOW = '2026-03-02T09:00:00Z' // a Monday morning, as in test/helpers/sync-env.ts
export const CHROMIUM = '/usr/bin/chromium'
export const ADMIN_PASSWORD = 'browser-test-password'
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts')
export const SCREENS = { '1080p': { width: 1920, height: 1080 }, '4K': { width: 3840, height: 2160 } } as const

export interface Stack {
  url: string
  app: FastifyInstance
  handle: DbHandle
  browser: Browser
  /** Wall screens: a context without the admin's cookie, so a wall stands on its token alone. */
  walls: BrowserContext
  /** The owner's browser, where the builder keeps its session. */
  admins: BrowserContext
  /** An admin API call from Node, with the admin's session cookie. */
  admin: <T = unknown>(path: string, init?: { method?: string; json?: unknown }) => Promise<T>
  wallLink: (role: string, name?: string) => Promise<{ id: number; url: string }>
  close: () => Promise<void>
}

/**
 * The stack's desk as if its newest sync had read ConnectWise PSA: its web UI stored and a finished sync_run,
 * which is all that decides where tickets open and which PSA the pages name.
 */
export async function syncedFromConnectWise(handle: DbHandle): Promise<void> {
  await storeConnectWiseWebUi(handle.db, SIM_NOW)
  await handle.db
    .insertInto('sync_run')
    .values({ psa: 'connectwise', kind: 'delta', started_at: SIM_NOW, finished_at: SIM_NOW, ok: 1, error: null })
    .execute()
}

export async function startStack(
  options: { size?: 'tiny' | 'small'; reports?: ReportOptions; mailFrom?: string } = {},
): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-web-'))
  const cleanups: Array<() => Promise<unknown> | unknown> = [() => rmSync(dir, { recursive: true, force: true })]
  try {
    const built = ensureWebBuilt()
    const world = createSimWorld({ size: options.size ?? 'small', seed: 7, now: SIM_NOW })
    const sim = await startSimulator({ world })
    cleanups.unshift(() => sim.close())
    const handle = await openDatabase(join(dir, 'roleboard.sqlite'))
    cleanups.unshift(() => handle.close())
    const credentials = {
      username: DEMO_CREDENTIALS.userName,
      secret: DEMO_CREDENTIALS.secret,
      integrationCode: DEMO_CREDENTIALS.integrationCode,
      discoveryUrl: sim.discoveryUrl,
    }
    const connector = createAutotaskConnector(handle, {
      credentials,
      retry: { baseDelayMs: 5, maxDelayMs: 40 },
      governor: { share: 0.5 },
    })
    const summary = await connector.sync({ full: true })
    if (!summary.ok) throw new Error(`the sync for the browser tests failed: ${summary.error?.message}`)
    await built
    const config = { ...loadConfig({}), dbPath: handle.path, now: SIM_NOW, mailFrom: options.mailFrom ?? null }
    const app = await buildApp({
      config,
      handle,
      version: 'browser-test',
      adminPassword: ADMIN_PASSWORD,
      plugins: [webPlugin],
      ...(options.reports ? { reports: options.reports } : {}),
    })
    await app.listen({ port: 0, host: '127.0.0.1' })
    cleanups.unshift(() => app.close())
    const address = app.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const browser = await launchChromium()
    cleanups.unshift(() => browser.close())
    const walls = await browser.newContext({ viewport: SCREENS['1080p'] })
    const admins = await browser.newContext({ viewport: { width: 1600, height: 1200 } })

    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')?.split(';')[0]
    if (!cookie) throw new Error(`admin login failed: ${login.status}`)
    const admin = async <T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> => {
      const response = await fetch(`${url}${path}`, {
        method: init.method ?? 'GET',
        headers: { cookie, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      })
      const body = await response.json()
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`)
      return body as T
    }
    const wallLink = async (role: string, name = `test wall ${role}`) => {
      const created = await admin<{ id: number; path: string }>('/api/tokens', {
        method: 'POST',
        json: { kind: 'wall', role, name },
      })
      return { id: created.id, url: `${url}${created.path}` }
    }
    return {
      url,
      app,
      handle,
      browser,
      walls,
      admins,
      admin,
      wallLink,
      close: async () => {
        for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch(() => undefined)
      },
    }
  } catch (error) {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch(() => undefined)
    throw error
  }
}

/**
 * Debian's Chromium, headless. Playwright gives every launch a fresh, temporary --user-data-dir of
 * its own (it refuses one passed in `args`), so no profile state leaks between runs.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Opens a wall and waits until its first full render (charts included) is on screen; `before` runs first (routes). */
export async function openWall(
  context: BrowserContext,
  url: string,
  screen: { width: number; height: number },
  extra = '',
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize(screen)
  await before?.(page)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await page.goto(`${url}${extra}`)
  try {
    await page.waitForSelector('html[data-wall-rendered], .wall-notice', { timeout: 30_000 })
  } catch (error) {
    throw new Error(
      `the wall at ${url} did not render: ${errors.join('; ') || (error as Error).message}; page: ${(await page.textContent('body'))?.slice(0, 300)}`,
      { cause: error },
    )
  }
  if (errors.length) throw new Error(`the wall threw: ${errors.join('; ')}`)
  return page
}

export interface WallMeasure {
  scroll: { scrollWidth: number; scrollHeight: number; clientWidth: number; clientHeight: number }
  viewport: { width: number; height: number }
  tiles: Array<{ id: string; kpi: string; left: number; top: number; right: number; bottom: number }>
  texts: Array<{ text: string; size: number; headline: boolean }>
}

/** Everything the legibility checks need, measured in the page. */
export function measureWall(page: Page): Promise<WallMeasure> {
  return page.evaluate(() => {
    const de = document.documentElement
    const tiles = Array.from(document.querySelectorAll<HTMLElement>('.wall .tile, .wall .goal')).map((el) => {
      const r = el.getBoundingClientRect()
      return {
        id: el.dataset.tile ?? `goal-${el.dataset.goal}`,
        kpi: el.dataset.kpi ?? '',
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
      }
    })
    const texts: Array<{ text: string; size: number; headline: boolean }> = []
    const wall = document.querySelector('.wall')
    if (wall) {
      const walker = document.createTreeWalker(wall, NodeFilter.SHOW_TEXT)
      while (walker.nextNode()) {
        const node = walker.currentNode
        const text = node.textContent?.trim()
        const el = node.parentElement
        if (!text || !el) continue
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) continue
        texts.push({
          text: text.slice(0, 40),
          size: parseFloat(getComputedStyle(el).fontSize),
          headline: Boolean(el.closest('.kpi-value')),
        })
      }
    }
    return {
      scroll: {
        scrollWidth: de.scrollWidth,
        scrollHeight: de.scrollHeight,
        clientWidth: de.clientWidth,
        clientHeight: de.clientHeight,
      },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      tiles,
      texts,
    }
  })
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true })
  return join(ARTIFACTS, `${name}.png`)
}

/** Opens the builder, logging in first when the browser has no admin session yet. */
export async function openBuilder(context: BrowserContext, url: string, search = ''): Promise<Page> {
  const page = await context.newPage()
  await page.setViewportSize({ width: 1600, height: 1200 })
  page.on('dialog', (dialog) => void dialog.accept())
  await page.goto(`${url}/admin${search}`)
  await page.waitForSelector('form.login, .topbar')
  if (await page.locator('form.login').count()) {
    await page.fill('input[name=password]', ADMIN_PASSWORD)
    await page.click('form.login button[type=submit]')
  }
  await page.waitForSelector('.tiles-panel h2')
  return page
}
