import type { Lang } from './types.ts'

export { formatValue } from '../../kpi-library/value-text.js'

export const TIME_ZONE = 'Europe/Amsterdam'
const LOCALE: Record<Lang, string> = { en: 'en-GB', nl: 'nl-NL' }

const dateParts = new Map<string, Intl.DateTimeFormat>()
function parts(lang: Lang, date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const key = `${lang}${JSON.stringify(options)}`
  let format = dateParts.get(key)
  if (!format)
    dateParts.set(
      key,
      (format = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: TIME_ZONE, hourCycle: 'h23', ...options })),
    )
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]))
}

/** `23-11-2026 14:05` in Dutch, `23/11/2026 14:05` in English, in Amsterdam time. */
export function formatDateTime(at: string | Date, lang: Lang): string {
  const p = parts(lang, new Date(at), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
  const sep = lang === 'nl' ? '-' : '/'
  return `${p.day}${sep}${p.month}${sep}${p.year} ${p.hour}:${p.minute}`
}

export function formatDate(at: string | Date, lang: Lang): string {
  const p = parts(lang, new Date(at), { day: '2-digit', month: '2-digit', year: 'numeric' })
  const sep = lang === 'nl' ? '-' : '/'
  return `${p.day}${sep}${p.month}${sep}${p.year}`
}

export function formatTime(at: string | Date, lang: Lang): string {
  const p = parts(lang, new Date(at), { hour: '2-digit', minute: '2-digit' })
  return `${p.hour}:${p.minute}`
}

/** The wall's clock: `maandag 23 nov 14:05` / `Monday 23 Nov 14:05` (a month in digits reads both ways round). */
export function formatClock(at: Date, lang: Lang): string {
  const p = parts(lang, at, { weekday: 'long', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
  return `${p.weekday} ${p.day} ${p.month.replace('.', '')} ${p.hour}:${p.minute}`
}

/** How old data is, short enough for a tile corner: `4 min`, `2 h`, `3 d` (`2 u` in Dutch); `short`: `4m`. */
export function formatAge(seconds: number, lang: Lang, short = false): string {
  const minutes = Math.floor(seconds / 60)
  const hourUnit = lang === 'nl' ? 'u' : 'h'
  if (minutes < 1) return short ? '<1m' : '<1 min'
  if (minutes < 60) return short ? `${minutes}m` : `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return short ? `${hours}${hourUnit}` : `${hours} ${hourUnit}`
  return short ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)} d`
}
