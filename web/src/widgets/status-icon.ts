import { svg } from '../dom.ts'
import type { Lang, Status } from '../types.ts'

const WORDS: Record<Status, { en: string; nl: string }> = {
  good: { en: 'on target', nl: 'op doel' },
  warn: { en: 'watch', nl: 'let op' },
  bad: { en: 'off target', nl: 'buiten doel' },
  none: { en: 'no target', nl: 'geen doel' },
}

/**
 * A status mark whose shape carries the meaning as well as its colour (a colour-blind viewer still
 * tells them apart): a circle with a tick, a triangle with a bar, an octagon with a cross.
 */
export function renderStatusIcon(status: Status, lang: Lang): SVGElement {
  const shapes: Record<Status, SVGElement[]> = {
    good: [svg('circle', { cx: 12, cy: 12, r: 10.5 }), svg('path', { d: 'M7 12.5l3.2 3.2L17 9', class: 'mark' })],
    warn: [svg('path', { d: 'M12 2.2L22.6 20.8H1.4Z' }), svg('path', { d: 'M12 9v5.5M12 17.2v.6', class: 'mark' })],
    bad: [
      svg('path', { d: 'M7.6 1.5h8.8l6.1 6.1v8.8l-6.1 6.1H7.6l-6.1-6.1V7.6Z' }),
      svg('path', { d: 'M8.2 8.2l7.6 7.6M15.8 8.2l-7.6 7.6', class: 'mark' }),
    ],
    none: [svg('circle', { cx: 12, cy: 12, r: 4 })],
  }
  return svg(
    'svg',
    { viewBox: '0 0 24 24', class: `status-icon status-${status}`, role: 'img', 'aria-label': WORDS[status][lang] },
    ...shapes[status],
  )
}
