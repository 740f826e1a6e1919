/// <reference lib="dom" />
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ALL_KPIS } from '../../kpi-library/index.js'
import { ROLES } from '../../kpi-library/types.js'
import { formatValue } from '../../web/src/format.js'
import { t } from '../../web/src/i18n.js'
import type { Lang, TileResult, WallData } from '../../web/src/types.js'
import { windowNote } from '../../web/src/widgets/window-note.js'
import {
  CHROMIUM,
  measureWall,
  openWall,
  SCREENS,
  screenshotPath,
  type Stack,
  startStack,
  type WallMeasure,
} from './stack.js'
import { editWallData, inspectWall, type TileSeen } from './wall-inspect.js'

const FLOOR = { label: 18, number: 48 }

function expectLegible(measure: WallMeasure, scale: number, expectedTiles: number): void {
  const { scroll, viewport } = measure
  expect(scroll.scrollHeight, 'vertical scrollbar').toBe(scroll.clientHeight)
  expect(scroll.scrollWidth, 'horizontal scrollbar').toBe(scroll.clientWidth)
  expect(measure.tiles.filter((tile) => !tile.id.startsWith('goal-')).length).toBe(expectedTiles)
  for (const tile of measure.tiles) {
    expect(tile.left, `${tile.kpi} left`).toBeGreaterThanOrEqual(0)
    expect(tile.top, `${tile.kpi} top`).toBeGreaterThanOrEqual(0)
    expect(tile.right, `${tile.kpi} right`).toBeLessThanOrEqual(viewport.width)
    expect(tile.bottom, `${tile.kpi} bottom`).toBeLessThanOrEqual(viewport.height)
  }
  const small = measure.texts.filter((text) => text.size < FLOOR.label * scale)
  expect(small, 'text under the label floor').toEqual([])
  const headlines = measure.texts.filter((text) => text.headline)
  expect(headlines.length).toBeGreaterThanOrEqual(expectedTiles)
  const smallNumbers = headlines.filter((text) => text.size < FLOOR.number * scale)
  expect(smallNumbers, 'headline numbers under the floor').toEqual([])
}

/** The wall link in `lang`, whatever language the link was made with. */
function withLang(url: string, lang: Lang): string {
  const link = new URL(url)
  link.searchParams.set('lang', lang)
  return link.toString()
}

/** The wall's results as its screen gets them: the same link's token, in `lang`. */
export async function wallData(url: string, lang: Lang): Promise<WallData> {
  const link = new URL(url)
  const role = link.pathname.split('/').pop()!
  const response = await fetch(
    `${link.origin}/api/dashboards/${role}?token=${link.searchParams.get('token')}&lang=${lang}`,
  )
  return (await response.json()) as WallData
}

/**
 * Every tile says what it means and points at the problem: its period and target, a line of context;
 * bars in the KPI's order, coloured by their own status, values in its unit, a cut said as '+N more'
 * and few natural buckets never cut; rows in the list's order, none cut while the tile has room, the
 * repeats of a ticket marked towards its first showing.
 */
export function expectMeaningful(
  seen: TileSeen[],
  data: WallData,
  lang: Lang,
  where: string,
  dense = false,
): { repeats: number } {
  let repeats = 0
  const results = new Map<number, TileResult>(data.tiles.map((tile) => [tile.tileId, tile.result]))
  const first = new Map<string, TileSeen>()
  for (const tile of seen) {
    const result = results.get(tile.tile)!
    const at = `${where} ${tile.kpi}`
    if (result.kind === 'error') continue
    expect(tile.title, `${at}: title with its period`).toBe(
      result.title + (windowNote(result.title, result.window) ?? ''),
    )
    expect(tile.valueInside, `${at}: the number whole inside the tile`).toBe(true)
    if (result.kind !== 'list' && result.target !== null) {
      expect(tile.target, `${at}: target`).toBe(`${t(lang, 'target')} ${formatValue(result.target, result.unit, lang)}`)
      expect(tile.targetInside, `${at}: target inside the tile`).toBe(true)
    }
    // A wall of 72 tiles at the floor has room for little more than the title and the number.
    if (!dense)
      expect(
        tile.contextLines + tile.rows.length + tile.bars.length + (tile.chart ? 1 : 0),
        `${at}: a line of context`,
      ).toBeGreaterThan(0)
    if (result.kind === 'breakdown') {
      const items = result.items.filter((item) => item.value !== null)
      const shown = tile.bars.length
      expect(tile.bars, `${at}: bars in the KPI's order, each with its status and unit`).toEqual(
        items
          .slice(0, shown)
          .map((item) => ({ key: item.key, status: item.status, value: formatValue(item.value, result.unit, lang) })),
      )
      if (items.length <= 6 && !dense) expect(shown, `${at}: every natural bucket`).toBe(items.length)
      // (On a dense wall a tile without room for one bar drops them whole.)
      if (shown > 0 || !dense)
        expect(tile.barsMore, `${at}: the cut said`).toBe(
          shown < items.length ? `+${items.length - shown} ${t(lang, 'more')}` : null,
        )
    }
    if (result.kind === 'list') {
      if (result.count > 0 && !dense) expect(tile.rows.length, `${at}: rows`).toBeGreaterThan(0)
      expect(
        tile.rows.map((row) => row.key),
        `${at}: rows in the list's order`,
      ).toEqual(result.rows.slice(0, tile.rows.length).map((row) => row.rowKey ?? ''))
      if (tile.rows.length > 0 || !dense)
        expect(tile.rowsMore, `${at}: the cut said`).toBe(
          tile.rows.length < result.count ? t(lang, 'andMore', { n: result.count - tile.rows.length }) : null,
        )
    }
    for (const row of tile.rows) {
      if (row.cut) {
        // Cut only where its lines are full, and only when the tile has no line to spare for it.
        expect(row.fill, `${at}: a cut row uses its width: ${row.text}`).toBeGreaterThan(0.6)
        if (!row.repeat && row.lines < 3)
          expect(tile.free, `${at}: a row cut while the tile has room: ${row.text}`).toBeLessThan(row.lineHeight)
      }
      if (!row.ticket) continue
      const earlier = first.get(row.ticket)
      if (!earlier) {
        expect(row.repeat, `${at}: first showing of ${row.ticket} is not a repeat`).toBe(false)
        first.set(row.ticket, tile)
        continue
      }
      const above = earlier.rows[0]!.tileBottom <= row.tileTop + 1
      repeats++
      expect(row.repeat, `${at}: ${row.ticket} again`).toBe(true)
      expect(row.marker, `${at}: ${row.ticket} points at its first showing`).toMatch(
        new RegExp(t(lang, above ? 'alsoAbove' : 'alsoLeft')),
      )
    }
  }
  return { repeats }
}

// Colour as a person with deuteranopia sees it: Machado, Oliveira and Fernandes (2009), severity 1, in
// linear RGB (an SVG filter's default colour space).
const DEUTERANOPIA =
  '0.367322 0.860646 -0.227968 0 0  0.280085 0.672501 0.047413 0 0  -0.011820 0.042940 0.968881 0 0  0 0 0 1 0'

function lab([r, g, b]: number[]): number[] {
  const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)
  const [R, G, B] = [lin(r!), lin(g!), lin(b!)]
  const f = (v: number) => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116)
  const x = f((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047)
  const y = f(0.2126 * R + 0.7152 * G + 0.0722 * B)
  const z = f((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883)
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)]
}

/** CIE76 colour difference: about 2 is just noticeable; 20 and more tells categories apart at a glance. */
function deltaE(a: number[], b: number[]): number {
  const [p, q] = [lab(a), lab(b)]
  return Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!)
}

function luminance(css: string): number {
  const [r, g, b] = css
    .match(/\d+(\.\d+)?/g)!
    .map(Number)
    .map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

describe.skipIf(!existsSync(CHROMIUM))('wall screen in Chromium', () => {
  let stack: Stack
  const found: Record<string, { minLabel: number; minNumber: number }> = {}

  beforeAll(async () => {
    stack = await startStack()
  })
  afterAll(async () => {
    if (Object.keys(found).length) console.info('smallest font sizes found (px):', JSON.stringify(found))
    await stack?.close()
  })

  for (const role of ROLES) {
    test(`${role}: no scrollbar, every tile on screen, text at or above the floor, every tile saying what it means at 1080p (English) and 4K (Dutch)`, async () => {
      const { url } = await stack.wallLink(role)
      const definition = await stack.admin<{ tiles: unknown[] }>(`/api/dashboards/${role}/definition`)
      for (const [name, screen] of Object.entries(SCREENS)) {
        const lang: Lang = name === '4K' ? 'nl' : 'en'
        const page = await openWall(stack.walls, withLang(url, lang), screen)
        const measure = await measureWall(page)
        const seen = await inspectWall(page)
        // A ticket about to breach is not past it: rows read against their result's time (the server
        // runs on SIM_NOW, months before the browser's clock), never the screen's own clock.
        for (const text of await page.locator('[data-kpi="sla_at_risk_2h"] .row').allTextContents()) {
          expect(text, `${role}@${name}`).not.toMatch(lang === 'nl' ? /over tijd|overschreden/ : /over time|\bover\b/)
        }
        await page.screenshot({ path: screenshotPath(`wall-${role}-${name}`) })
        await page.close()
        const { repeats } = expectMeaningful(seen, await wallData(url, lang), lang, `${role}@${name}`)
        // The service desk's lists share tickets: the check above has repeats to look at.
        if (role === 'service-manager') expect(repeats).toBeGreaterThan(0)
        const scale = screen.width / 1920
        expectLegible(measure, scale, definition.tiles.length)
        found[`${role}@${name}`] = {
          minLabel: Math.min(...measure.texts.filter((t) => !t.headline).map((t) => t.size)),
          minNumber: Math.min(...measure.texts.filter((t) => t.headline).map((t) => t.size)),
        }
      }
    })
  }

  test('good, watch and bad stay apart under deuteranopia: numbers, bars and borders, as rendered', async () => {
    const { url } = await stack.wallLink('finance', 'colour-blind check')
    const statuses = ['good', 'warn', 'bad'] as const
    // Every status on a number and on a bar, whatever today's data says.
    const page = await openWall(stack.walls, url, SCREENS['1080p'], '', (p) =>
      editWallData(p, (data) => {
        const numbers = data.tiles.filter((tile: { result: TileResult }) => tile.result.kind === 'number')
        statuses.forEach((status, i) => (numbers[i].result.status = status))
        const breakdown = data.tiles.find(
          (tile: { result: TileResult }) => tile.result.kind === 'breakdown' && tile.result.items.length >= 3,
        )
        statuses.forEach((status, i) => (breakdown.result.items[i].status = status))
      }),
    )
    const borders = await page.evaluate(
      (names) =>
        names.map((status) => {
          const style = getComputedStyle(document.querySelector(`.grid .tile.status-${status}`)!)
          return `${style.borderLeftStyle} ${style.borderLeftWidth}`
        }),
      [...statuses],
    )
    expect(new Set(borders).size, `borders differ by pattern or weight: ${borders.join(', ')}`).toBe(3)
    // The filter over the whole page, and two swatches of the old green and red as a control.
    const boxes = await page.evaluate(
      ({ matrix, names }) => {
        const ns = 'http://www.w3.org/2000/svg'
        const svg = document.createElementNS(ns, 'svg')
        svg.setAttribute('style', 'position:absolute;width:0;height:0')
        svg.innerHTML = `<filter id="deuteranopia"><feColorMatrix type="matrix" values="${matrix}"/></filter>`
        document.body.append(svg)
        for (const [i, colour] of ['#3fb950', '#ff7b72'].entries()) {
          const swatch = document.createElement('div')
          swatch.className = 'control'
          swatch.style.cssText = `position:fixed;z-index:9;left:${20 + i * 60}px;top:20px;width:40px;height:40px;background:${colour}`
          document.body.append(swatch)
        }
        document.body.style.filter = 'url(#deuteranopia)'
        const box = (el: Element | null) => {
          const r = el!.getBoundingClientRect()
          return { x: Math.round(r.left), y: Math.round(r.top), w: Math.round(r.width), h: Math.round(r.height) }
        }
        return {
          numbers: names.map((status) =>
            box(document.querySelector(`.grid .tile.kind-number.status-${status} .kpi-value`)),
          ),
          bars: names.map((status) => box(document.querySelector(`.bar[data-status="${status}"] .bar-fill`))),
          controls: Array.from(document.querySelectorAll('.control')).map(box),
        }
      },
      { matrix: DEUTERANOPIA, names: [...statuses] },
    )
    await page.waitForTimeout(100)
    const png = (await page.screenshot()).toString('base64')
    await page.screenshot({ path: screenshotPath('wall-deuteranopia-1080p') })
    // The colour most of each box's bright pixels have (glyphs' insides, the bars' fill), read back from the screenshot.
    const colours = await page.evaluate(
      async ({ png, boxes }) => {
        const image = new Image()
        image.src = `data:image/png;base64,${png}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const ctx = canvas.getContext('2d')!
        ctx.drawImage(image, 0, 0)
        const dominant = (b: { x: number; y: number; w: number; h: number }) => {
          const pixels = ctx.getImageData(b.x, b.y, Math.max(1, b.w), Math.max(1, b.h)).data
          const counts = new Map<string, number>()
          for (let i = 0; i < pixels.length; i += 4) {
            const [r, g, bl] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!]
            if (Math.max(r, g, bl) < 90) continue
            const key = `${r},${g},${bl}`
            counts.set(key, (counts.get(key) ?? 0) + 1)
          }
          return [...counts.entries()]
            .sort((a, c) => c[1] - a[1])[0]![0]
            .split(',')
            .map(Number)
        }
        return {
          numbers: boxes.numbers.map(dominant),
          bars: boxes.bars.map(dominant),
          controls: boxes.controls.map(dominant),
        }
      },
      { png, boxes },
    )
    await page.close()
    // The control: the old green and red are one olive under the filter.
    expect(
      deltaE(colours.controls[0]!, colours.controls[1]!),
      `old green ${colours.controls[0]} vs old red ${colours.controls[1]}`,
    ).toBeLessThan(12)
    for (const kind of ['numbers', 'bars'] as const) {
      for (const [a, b] of [
        [0, 1],
        [0, 2],
        [1, 2],
      ] as const) {
        const [x, y] = [colours[kind][a]!, colours[kind][b]!]
        expect(deltaE(x, y), `${kind}: ${statuses[a]} ${x} vs ${statuses[b]} ${y} under deuteranopia`).toBeGreaterThan(
          20,
        )
      }
    }
  })

  test('a row somebody took on says who, quieter than the rows nobody has, in English and Dutch', async () => {
    const { url } = await stack.wallLink('service-manager', 'taken rows')
    for (const lang of ['en', 'nl'] as const) {
      let taken = ''
      let tileId = 0
      const page = await openWall(stack.walls, withLang(url, lang), SCREENS['1080p'], '', (p) =>
        editWallData(p, (data) => {
          const list = data.tiles.find(
            (tile: { result: TileResult }) => tile.result.kind === 'list' && tile.result.rows.length >= 2,
          )
          const row = list.result.rows[0]
          row.ack = {
            id: 1,
            mode: 'take',
            by: 'Saskia Ramdin',
            byResourceId: 29682896,
            at: '2026-03-02T08:55:00Z',
            note: null,
          }
          taken = row.rowKey
          tileId = list.tileId
        }),
      )
      const seen = await inspectWall(page)
      const rows = seen.flatMap((tile) => tile.rows)
      await page.screenshot({ path: screenshotPath(`wall-taken-${lang}`) })
      await page.close()
      const row = seen.find((tile) => tile.tile === tileId)?.rows.find((candidate) => candidate.key === taken)
      expect(row, 'the taken row is still on the wall').toBeDefined()
      expect(row!.taken).toBe(lang === 'en' ? '✓ Saskia on it' : '✓ Saskia pakt het op')
      const others = rows.filter((candidate) => !candidate.taken && !candidate.repeat)
      expect(others.length).toBeGreaterThan(0)
      expect(luminance(row!.whatColor), 'quieter than an untaken row').toBeLessThan(
        luminance(others[0]!.whatColor) * 0.8,
      )
    }
  })

  test('a dashboard of 72 tiles fits 1080p above the floor, and shows in Dutch', async () => {
    const kpis = ALL_KPIS.slice(0, 72).map((kpi) => ({ kpi: kpi.id }))
    expect(kpis.length).toBe(72)
    await stack.admin('/api/dashboards/team-lead', { method: 'PUT', json: { tiles: kpis } })
    const { url } = await stack.wallLink('team-lead', 'dense wall')
    // A wall gets the last answer while the edited dashboard is evaluated: wait for the new one.
    for (let tries = 0; (await wallData(url, 'nl')).tiles.length !== 72 && tries < 50; tries++)
      await new Promise((resolve) => setTimeout(resolve, 100))
    const page = await openWall(stack.walls, withLang(url, 'nl'), SCREENS['1080p'])
    const measure = await measureWall(page)
    const seen = await inspectWall(page)
    await page.screenshot({ path: screenshotPath('wall-72-tiles-1080p-nl') })
    expect(await page.locator('html').getAttribute('lang')).toBe('nl')
    // Dutch weekday in the clock and Dutch number formatting in the strip.
    expect(await page.locator('.wall-clock').textContent()).toMatch(
      /^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d\d:\d\d$/,
    )
    expect(await page.locator('.goal').first().textContent()).toMatch(/\d,\d%/)
    await page.close()
    expectLegible(measure, 1, 72)
    expectMeaningful(seen, await wallData(url, 'nl'), 'nl', '72 tiles', true)
    found['72-tiles@1080p'] = {
      minLabel: Math.min(...measure.texts.filter((t) => !t.headline).map((t) => t.size)),
      minNumber: Math.min(...measure.texts.filter((t) => t.headline).map((t) => t.size)),
    }
  })
})
