/// <reference lib="dom" />
import type { Page } from 'playwright-core'

// What each tile of a rendered wall shows, measured in the page: the browser tests compare it with
// the API's results (wall.test.ts). No vitest imports, so a script can use it too.

export interface RowSeen {
  key: string
  ticket: string | null
  text: string
  repeat: boolean
  marker: string
  taken: string
  /** Cut: its text does not fit its box (a clamped last line, or an ellipsis). */
  cut: boolean
  lines: number
  /** The shortest line's width over the row's width, of the lines the row shows. */
  fill: number
  tileTop: number
  tileLeft: number
  tileBottom: number
  lineHeight: number
  /** The colour of its "what" part, as computed. */
  whatColor: string
}

export interface TileSeen {
  tile: number
  kpi: string
  kind: string
  status: string
  title: string
  titleCut: boolean
  target: string | null
  targetInside: boolean
  /** The headline number whole inside the tile. */
  valueInside: boolean
  bars: Array<{ key: string; status: string; value: string }>
  barsMore: string | null
  rows: RowSeen[]
  rowsMore: string | null
  contextLines: number
  chart: boolean
  /** Space left under the tile's last shown part, in px. */
  free: number
  fontSize: number
}

/** Every tile of the wall on `page`, in reading order. */
export function inspectWall(page: Page): Promise<TileSeen[]> {
  return page.evaluate(() => {
    const shown = (el: Element | null): el is HTMLElement =>
      el instanceof HTMLElement && el.isConnected && !el.closest('[hidden]') && el.getBoundingClientRect().height > 0
    const lineBoxes = (el: HTMLElement) => {
      const range = document.createRange()
      range.selectNodeContents(el)
      const box = el.getBoundingClientRect()
      const lines = new Map<number, { left: number; right: number }>()
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width === 0 || rect.bottom > box.bottom + 1 || rect.top < box.top - 1) continue
        const key = Math.round(rect.top + rect.height / 2)
        const near = Array.from(lines.keys()).find((k) => Math.abs(k - key) < rect.height / 2)
        const line = lines.get(near ?? key) ?? { left: rect.left, right: rect.right }
        line.left = Math.min(line.left, rect.left)
        line.right = Math.max(line.right, rect.right)
        lines.set(near ?? key, line)
      }
      return Array.from(lines.values())
    }
    const tiles = Array.from(document.querySelectorAll<HTMLElement>('.wall .grid > .tile[data-kpi]'))
    tiles.sort(
      (a, b) =>
        a.getBoundingClientRect().top - b.getBoundingClientRect().top ||
        a.getBoundingClientRect().left - b.getBoundingClientRect().left,
    )
    return tiles.map((tile) => {
      const box = tile.getBoundingClientRect()
      const style = getComputedStyle(tile)
      const body = tile.querySelector<HTMLElement>('.tile-body') ?? tile
      const bottom = body.getBoundingClientRect().bottom - parseFloat(getComputedStyle(body).paddingBottom)
      const title = tile.querySelector<HTMLElement>('.tile-title')
      const target = tile.querySelector<HTMLElement>('.tile-target')
      const targetBox = target?.getBoundingClientRect()
      const valueBox = tile.querySelector('.kpi-value')?.getBoundingClientRect()
      const context = tile.querySelector<HTMLElement>('.tile-context')
      const parts = Array.from(tile.querySelector('.tile-body')?.children ?? tile.children).filter(shown)
      const last = Math.max(...parts.map((part) => part.getBoundingClientRect().bottom))
      const rows = Array.from(tile.querySelectorAll<HTMLElement>('.row'))
        .filter(shown)
        .map((row) => {
          const repeat = row.classList.contains('repeat')
          const what = row.querySelector<HTMLElement>('.row-what')!
          const cut = repeat ? what.scrollWidth > what.clientWidth + 1 : row.scrollHeight > row.clientHeight + 1
          const width = row.clientWidth
          const lines = lineBoxes(row)
          return {
            key: row.dataset.row ?? '',
            ticket: row.dataset.ticket ?? null,
            text: row.textContent ?? '',
            repeat,
            marker: row.querySelector('.row-repeat')?.textContent ?? '',
            taken: row.querySelector('.row-taken')?.textContent ?? '',
            cut,
            lines: lines.length,
            fill: lines.length ? Math.min(...lines.map((line) => (line.right - line.left) / width)) : 0,
            tileTop: box.top,
            tileLeft: box.left,
            tileBottom: box.bottom,
            lineHeight: parseFloat(getComputedStyle(row).lineHeight),
            whatColor: getComputedStyle(what).color,
          }
        })
      const barsMore = tile.querySelector<HTMLElement>('.bars-more')
      const rowsMore = tile.querySelector<HTMLElement>('.rows-more')
      return {
        tile: Number(tile.dataset.tile),
        kpi: tile.dataset.kpi ?? '',
        kind:
          Array.from(tile.classList)
            .find((c) => c.startsWith('kind-'))
            ?.slice(5) ?? '',
        status:
          Array.from(tile.classList)
            .find((c) => c.startsWith('status-'))
            ?.slice(7) ?? '',
        title: title?.textContent ?? '',
        titleCut: title ? title.scrollHeight > title.clientHeight + 1 : false,
        target: target?.textContent ?? null,
        valueInside: Boolean(
          valueBox &&
          valueBox.width > 0 &&
          valueBox.right <= box.right + 0.5 &&
          valueBox.bottom <= bottom + 0.5 &&
          valueBox.top >= box.top,
        ),
        targetInside: Boolean(
          targetBox && targetBox.width > 0 && targetBox.right <= box.right + 0.5 && targetBox.bottom <= bottom + 0.5,
        ),
        bars: Array.from(tile.querySelectorAll<HTMLElement>('.bar'))
          .filter(shown)
          .map((bar) => ({
            key: bar.dataset.key ?? '',
            status: bar.dataset.status ?? '',
            value: bar.querySelector('.bar-value')?.textContent ?? '',
          })),
        barsMore: shown(barsMore) ? barsMore.textContent : null,
        rows,
        rowsMore: shown(rowsMore) ? rowsMore.textContent : null,
        contextLines: shown(context)
          ? Math.round(context.getBoundingClientRect().height / parseFloat(getComputedStyle(context).lineHeight))
          : 0,
        chart: shown(tile.querySelector('.tile-chart svg')),
        free: bottom - last,
        fontSize: parseFloat(style.fontSize),
      }
    })
  })
}

/** Rewrites the wall's API answers on `page` (before it loads) with `edit`: a way to show states the data lacks. */
export async function editWallData(page: Page, edit: (data: Record<string, any>) => void): Promise<void> {
  await page.route(/\/api\/dashboards\/[^/?]+\?/, async (route) => {
    const response = await route.fetch()
    const data = await response.json()
    edit(data)
    await route.fulfill({ response, json: data })
  })
}
