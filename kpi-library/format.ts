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
 * A value as the API returns it: exact to two decimals (hours entered in quarter hours stay
 * 33.25, money to the cent). Only a screen rounds further, for display.
 */
export function exact(value: number): number {
  return Math.round(value * 100) / 100
}

/** Whether a value is a word in both languages (one that compute writes itself: see types.ts Computed). */
export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).en === 'string' && typeof (value as Text).nl === 'string'
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

/** The singular or plural word for `n`. */
export function pluralWord(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}

/** `n` with its word: "1 ticket", "3 tickets". */
export function countOf(n: number, one: string, many: string): string {
  return `${n} ${pluralWord(n, one, many)}`
}
