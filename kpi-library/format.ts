import type { Lang, Text } from './types.js'

// How KPI sentences write numbers and words, in both languages: one place for every group.

/** At most `digits` decimals, no trailing zeros, a decimal comma in Dutch; null for no number. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 1): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  // Rounded as the engine rounds values (Math.round), so the sentence matches the tile.
  const factor = 10 ** digits
  const text = String(Math.round(value * factor) / factor)
  return lang === 'nl' ? text.replace('.', ',') : text
}

/**
 * A percentage as a tile's big number shows it (web/src/format.ts): one decimal below 100, none from
 * 100 on, rounded from the exact value; null for no number. Every sentence that restates a tile's
 * percentage writes it with this, so "6.6%" on the tile is "(6.6%)" in its sentence.
 */
export function formatPercent(value: number | null | undefined, lang: Lang): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null
  // The tile formats the API's value (exact) with Intl's percent style: the same call rounds alike
  // (84.55 is 0.8455 there, which Intl reads as 84.5499...: "84.5", where Math.round gives 84.6).
  const shown = exact(value)
  const text = (Math.abs(shown) >= 100 ? PERCENT_WHOLE : PERCENT_ONE).format(shown / 100).replace('%', '')
  return lang === 'nl' ? text.replace('.', ',') : text
}

const PERCENT_ONE = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1, useGrouping: false })
const PERCENT_WHOLE = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0, useGrouping: false })

/**
 * A value as the API returns it: exact to two decimals (hours entered in quarter hours stay
 * 33.25, money to the cent). Only a screen rounds further, for display.
 */
export function exact(value: number): number {
  return Math.round(value * 100) / 100
}

/** Whether a value is a word in both languages (one that compute writes itself: see types.ts Computed). */
export function isText(value: unknown): value is Text {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Text).en === 'string' &&
    typeof (value as Text).nl === 'string'
  )
}

/** A word in both languages as `lang` reads it; anything else as it is. */
export function inLanguage<T>(value: T | Text, lang: Lang): T | string {
  return isText(value) ? value[lang] : value
}

/** Orders labels some of which are our own words: by their English form, so both languages list alike. */
export function compareWords(a: string | Text, b: string | Text): number {
  return String(inLanguage(a, 'en')).localeCompare(String(inLanguage(b, 'en')))
}

/** Both languages of a text built from one function of the language. */
export function bothLanguages(make: (lang: Lang) => string): Text {
  return { en: make('en'), nl: make('nl') }
}

/** What a sentence writes for a number it does not have: a dash, or the word "unknown" ("onbekend"). */
export type NoNumber = 'dash' | 'unknown'

const NO_NUMBER: Record<NoNumber, Text> = { dash: { en: '-', nl: '-' }, unknown: { en: 'unknown', nl: 'onbekend' } }

/** A number inside a sentence (see `formatNumber`): at most `digits` decimals; `none` stands in for no number. */
export function numberText(value: number | null | undefined, lang: Lang, digits = 1, none: NoNumber = 'dash'): string {
  return formatNumber(value, lang, digits) ?? NO_NUMBER[none][lang]
}

/** A percentage inside a sentence, as the tile shows it (see `formatPercent`); `none` stands in for no number. */
export function percentText(value: number | null | undefined, lang: Lang, none: NoNumber = 'dash'): string {
  return formatPercent(value, lang) ?? NO_NUMBER[none][lang]
}

/** Whole euros inside a sentence: `€1,234` in English, `€ 1.234` in Dutch. */
export function money(value: number): Text {
  const whole = Math.round(value)
  return { en: `€${whole.toLocaleString('en-US')}`, nl: `€ ${whole.toLocaleString('nl-NL')}` }
}

/** " of yours" / " van jou" after what a sentence counts when the dashboard is for one person (`me`); nothing for the team. */
export function yours(me: number | null): Text {
  return me === null ? { en: '', nl: '' } : { en: ' of yours', nl: ' van jou' }
}

/** The singular or plural word for `n` (the plural for no number). */
export function pluralWord(n: number | null | undefined, one: string, many: string): string {
  return n === 1 ? one : many
}

/** `n` with its word: "1 ticket", "3 tickets". */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${pluralWord(n, one, many)}`
}
