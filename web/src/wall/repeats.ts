import { h } from '../dom.ts'
import { t } from '../i18n.ts'
import type { Lang } from '../types.ts'

/** The tickets a wall has shown so far, in reading order: the ticket and the tile that shows it first. */
export type Seen = Map<string, HTMLElement>

/**
 * The same ticket in a second list of the same wall (breaching, unassigned, stale, ...) is one problem,
 * not two: a later row of it is dimmed to one line pointing at the first ("↑ also above"), so the eye
 * counts distinct problems. Run on each tile in reading order, before it is fitted.
 */
export function markRepeats(tile: HTMLElement, seen: Seen, lang: Lang): void {
  const box = tile.getBoundingClientRect()
  // Where the first tiles are is read before any row changes: one layout per tile, not one per repeat.
  const repeats = Array.from(tile.querySelectorAll<HTMLElement>('.row[data-ticket]')).flatMap((row) => {
    const first = seen.get(row.dataset.ticket!)
    return first && first !== tile ? [{ row, above: first.getBoundingClientRect().bottom <= box.top + 1 }] : []
  })
  for (const { row, above } of repeats) {
    row.classList.add('repeat')
    row.querySelector('.row-detail')?.remove()
    row.append(h('span.row-repeat', { text: `${above ? '↑' : '←'} ${t(lang, above ? 'alsoAbove' : 'alsoLeft')}` }))
  }
}

/** Remembers the tickets a fitted tile shows (not the rows cut from it). */
export function rememberShown(tile: HTMLElement, seen: Seen): void {
  for (const row of Array.from(tile.querySelectorAll<HTMLElement>('.row[data-ticket]'))) {
    if (row.hidden || !row.isConnected) continue
    if (!seen.has(row.dataset.ticket!)) seen.set(row.dataset.ticket!, tile)
  }
}
