import type { Lang } from '../../../kpi-library/wire-types.js'

// What every printed report's HTML needs: text made safe to place in a document, and dates as Dutch and English
// readers write them.

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** `16-11-2026` in Dutch, `16/11/2026` in English. */
export function dateText(date: string, lang: Lang): string {
  const [y, m, d] = date.slice(0, 10).split('-')
  return lang === 'nl' ? `${d}-${m}-${y}` : `${d}/${m}/${y}`
}
