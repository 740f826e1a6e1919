// A KPI value as the walls, the builder and the printed reports show it. Imports only the wire types (which import
// nothing), so the browser and the server (server/services/reports/) share this one writer of values.

import type { Lang, Unit } from './wire-types.js'

const LOCALE: Record<Lang, string> = { en: 'en-GB', nl: 'nl-NL' }
const UNIT_SUFFIX: Record<Lang, Partial<Record<Unit, string>>> = {
  en: { hours: ' h', minutes: ' min', days: ' d' },
  nl: { hours: ' u', minutes: ' min', days: ' d' },
}

const cache = new Map<string, Intl.NumberFormat>()
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}${JSON.stringify(options)}`
  let format = cache.get(key)
  if (!format) cache.set(key, (format = new Intl.NumberFormat(LOCALE[lang], options)))
  return format
}

/**
 * A KPI value as people in the Netherlands and Belgium read it: `€ 1.234,56` in Dutch, `€1,234.56` in
 * English. `compact` trades precision for width (`€ 47k`, `€ 1,2 mln`) where a wall has no room.
 */
export function formatValue(value: number | null | undefined, unit: Unit, lang: Lang, compact = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–'
  const big = Math.abs(value) >= (compact ? 1_000 : 10_000)
  const notation = compact && big ? ('compact' as const) : ('standard' as const)
  switch (unit) {
    case 'euro':
      if (compact && big) return compactEuro(value, lang)
      // Below € 100 in cents, always both digits (€ 78,50, € 45,00 beside € 50,86); from € 100 in whole euros.
      return numberFormat(lang, {
        style: 'currency',
        currency: 'EUR',
        notation,
        maximumFractionDigits: Math.abs(value) >= 100 || compact ? 0 : 2,
        minimumFractionDigits: Math.abs(value) >= 100 || compact ? 0 : 2,
      }).format(value)
    case 'percent':
      // Compact or not, one decimal under 100%: the strip's 61% beside a tile's 61,2% read as two numbers.
      return numberFormat(lang, {
        style: 'percent',
        maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 1,
      }).format(value / 100)
    case 'ratio':
      return numberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value)
    case 'count':
      return numberFormat(lang, {
        notation,
        maximumFractionDigits: Number.isInteger(value) || (compact && Math.abs(value) >= 10) ? 0 : 1,
      }).format(value)
    default:
      return (
        numberFormat(lang, { notation, maximumFractionDigits: Math.abs(value) >= (compact ? 10 : 100) ? 0 : 1 }).format(
          value,
        ) + (UNIT_SUFFIX[lang][unit] ?? '')
      )
  }
}

// Intl's compact euros read `€ 47K` and `€ 1 mln.` in Dutch; people write `€ 47k` and `€ 1,2 mln`.
const EURO_SIZES: Record<Lang, Array<[number, string]>> = {
  en: [
    [1e6, 'm'],
    [1e3, 'k'],
  ],
  nl: [
    [1e6, '\u00a0mln'],
    [1e3, 'k'],
  ],
}

/** Whole thousands or millions (one decimal under ten), with the euro sign where each language puts it. */
function compactEuro(value: number, lang: Lang): string {
  const [size, suffix] = EURO_SIZES[lang].find(([size]) => Math.abs(value) >= size) ?? [1, '']
  const scaled = value / size
  const number = numberFormat(lang, { maximumFractionDigits: Math.abs(scaled) >= 10 ? 0 : 1 }).format(Math.abs(scaled))
  return `${value < 0 ? '-' : ''}€${lang === 'nl' ? '\u00a0' : ''}${number}${suffix}`
}
