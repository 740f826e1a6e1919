import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROLES } from '../../kpi-library/types.js'
import { createHistoryRecorder } from '../../server/services/history/recorder.js'
import type { Strip } from '../../web/src/types.js'
import { openBuilder, openWall, SCREENS, SIM_NOW, startStack } from './stack.js'

// `npm run screenshots`: every role's wall at 1080p in English and Dutch (with a month of backfilled history and a goal on a path), an engineer's phone page
// (390x844, both languages), the builder, a client review's and a weekly review's first page, on `small` simulator data, for
// docs/screenshots/.
const out = join(import.meta.dirname, '..', '..', 'docs', 'screenshots')
mkdirSync(out, { recursive: true })
const stack = await startStack({ size: 'small' })
const written = (name: string) => process.stdout.write(`docs/screenshots/${name}\n`)
try {
  // What a month-old install shows: the history the sync thread backfills, and a company goal on a path (billable
  // utilization from 65% to the 75% target over the quarter the stack's clock is in).
  const recorder = createHistoryRecorder({ db: stack.handle.db, tz: 'Europe/Amsterdam', now: () => new Date(SIM_NOW) })
  await recorder.recordLive()
  await recorder.backfill(Number.POSITIVE_INFINITY)
  const { goals } = await stack.admin<Strip>('/api/company-strip')
  await stack.admin('/api/company-strip', {
    method: 'PUT',
    json: {
      goals: goals.map(({ kpi, params, target, warn }) => ({
        kpi,
        params,
        target,
        warn,
        ...(kpi === 'billable_utilization' ? { target: 75, path: { period: '2026-Q1', start: 65 } } : {}),
      })),
    },
  })
  const trendShot = new Set<string>()
  for (const role of ROLES) {
    const { url } = await stack.wallLink(role)
    for (const lang of ['en', 'nl'] as const) {
      const page = await openWall(stack.walls, url, SCREENS['1080p'], `&lang=${lang}`)
      const name = `wall-${role}-${lang}-1080p.png`
      await page.screenshot({ path: join(out, name) })
      // One tile with its history close up: the first wall that has a tile with its line and change in a week.
      const trendTile = page.locator('.tile:has(.trend-line):has(.tile-trend)').first()
      if (!trendShot.has(lang) && (await trendTile.count()) > 0) {
        const tileName = `trend-tile-${lang}.png`
        await trendTile.screenshot({ path: join(out, tileName) })
        trendShot.add(lang)
        written(tileName)
      }
      await page.close()
      written(name)
    }
  }
  // The engineer with the most open rows on their own lists: the page is about acting on them.
  const busiest = await stack.handle.db
    .selectFrom('ticket')
    .select((eb) => ['assigned_resource_id as id', eb.fn.countAll<number>().as('open')])
    .where('assigned_resource_id', 'is not', null)
    .where('completed_at', 'is', null)
    .groupBy('assigned_resource_id')
    .orderBy('open', 'desc')
    .executeTakeFirstOrThrow()
  const person = await stack.admin<{ path: string }>('/api/tokens', {
    method: 'POST',
    json: { kind: 'person', resourceId: busiest.id, name: 'screenshots' },
  })
  const phone = await stack.browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  try {
    for (const lang of ['en', 'nl'] as const) {
      const page = await phone.newPage()
      await page.goto(`${stack.url}${person.path}&lang=${lang}`)
      await page.waitForSelector('main.me header', { timeout: 30_000 })
      const name = `phone-${lang}.png`
      await page.screenshot({ path: join(out, name), fullPage: true })
      await page.close()
      written(name)
    }
    // The rows behind the owner's SLA compliance for last week, as a phone opens them from the wall's link.
    const wallToken = new URL((await stack.wallLink('owner', 'screenshots')).url).searchParams.get('token')!
    const owner = await stack.admin<{ tiles: Array<{ id: number; kpi: string }> }>('/api/dashboards/owner/definition')
    const sla = owner.tiles.find((tile) => tile.kpi === 'sla_compliance')!
    for (const lang of ['en', 'nl'] as const) {
      const page = await phone.newPage()
      await page.goto(`${stack.url}/drill/owner/${sla.id}?window=last-week&token=${wallToken}&lang=${lang}`)
      await page.waitForSelector('.drill-rows, .drill .empty', { timeout: 30_000 })
      const name = `drill-${lang}.png`
      // The first screen: a week of a whole desk runs to hundreds of rows.
      await page.screenshot({ path: join(out, name) })
      await page.close()
      written(name)
    }
  } finally {
    await phone.close()
  }
  // The builder at 1440x900 on the owner's dashboard (the most tiles, the longest names), in both languages.
  for (const lang of ['en', 'nl'] as const) {
    const page = await openBuilder(stack.admins, stack.url, `?role=owner&lang=${lang}`)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.locator('.kpi-card .live-value').first().waitFor()
    await page.frameLocator('.preview-panel iframe').locator('html[data-wall-rendered]').waitFor({ timeout: 30_000 })
    const name = `builder-${lang}.png`
    await page.screenshot({ path: join(out, name) })
    await page.close()
    written(name)
  }
  // The client review (QBR) of the client with the most tickets, its first page as printed (A4 at 96 dpi), in a
  // made-up MSP's colour and logo; the simulated month lies in 2026-Q1, which is still running at the stack's clock.
  const client = await stack.handle.db
    .selectFrom('ticket')
    .select((eb) => ['company_id as id', eb.fn.countAll<number>().as('tickets')])
    .where('company_id', '>', 0)
    .groupBy('company_id')
    .orderBy('tickets', 'desc')
    .executeTakeFirstOrThrow()
  const logo = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 150 40"><rect width="150" height="40" rx="6" fill="#ffffff"/><circle cx="20" cy="20" r="12" fill="#0a6e5c"/><text x="40" y="27" font-family="sans-serif" font-size="19" font-weight="700" fill="#0a6e5c">Polder IT</text></svg>`
  await stack.admin('/api/settings', {
    method: 'PUT',
    json: { brandColor: '#0a6e5c', brandLogo: `data:image/svg+xml;base64,${Buffer.from(logo).toString('base64')}` },
  })
  for (const lang of ['en', 'nl'] as const) {
    const page = await stack.admins.newPage()
    await page.setViewportSize({ width: 794, height: 1123 })
    await page.emulateMedia({ media: 'print' })
    await page.goto(`${stack.url}/api/reports/qbr/${client.id}.html?quarter=2026-Q1&lang=${lang}`)
    // The first printed page ends where the second begins (qbr-html.ts: section.new-page).
    await page.addStyleTag({ content: 'section.new-page, section.new-page ~ section { display: none }' })
    const name = `qbr-${lang}.png`
    await page.screenshot({ path: join(out, name) })
    await page.close()
    written(name)
  }
  // The owner's weekly review of the last full week, its first printed page (A4 at 96 dpi).
  for (const lang of ['en', 'nl'] as const) {
    const page = await stack.admins.newPage()
    await page.setViewportSize({ width: 794, height: 1123 })
    await page.emulateMedia({ media: 'print' })
    await page.goto(`${stack.url}/api/reports/weekly/owner.html?lang=${lang}`)
    const name = `weekly-review-${lang}.png`
    await page.screenshot({ path: join(out, name) })
    await page.close()
    written(name)
  }
} finally {
  await stack.close()
}
