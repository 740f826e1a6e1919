// How roleboard writes lengths of time, deadlines, days and months, in English and Dutch: one
// language for the KPI sentences and the front end's row texts alike. The browser imports this file
// too (web/src/widgets/row-why.ts), so it imports nothing: no server code is type-checked under the
// browser's settings, and the wire format stays the only contract.
//
// A duration says which clock it counts: wall-clock time ("26.2 clock h" / "26,2 klokuur", "3.3 days":
// calendar days are the wall clock's) or business time ("17.8 business h", "17,8 werkuur"), because
// the same ticket is "waiting 26.2 clock h" under one list and "17.8 business h" by the SLA's clock
// under the next. Minutes stay "min" on the wall clock ("business min" otherwise): under two hours
// they read short. Business time never turns into days: a working day is the tenant's setting
// (ROLEBOARD_BUSINESS_HOURS), which the browser does not know; fields counted in working days say so
// themselves ("13 working days", "13 werkdagen").

export type TimeLang = 'en' | 'nl'
export type Clock = 'clock' | 'business'

const LOCALE: Record<TimeLang, string> = { en: 'en-GB', nl: 'nl-NL' }

/** Under this many minutes a duration reads in minutes; from 48 hours on, a wall-clock one in days. */
const MINUTES_UP_TO = 120
const HOURS_UP_TO = 48

const numbers = new Map<string, Intl.NumberFormat>()

/** At most one decimal (none from 100 on), no trailing zero, the language's decimal sign. */
function amount(value: number, lang: TimeLang): string {
  const digits = Math.abs(value) >= 100 ? 0 : 1
  const key = `${lang}${digits}`
  let format = numbers.get(key)
  if (!format) numbers.set(key, (format = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits })))
  return format.format(value)
}

const WORDS = {
  clock: {
    en: { min: 'min', h: 'clock h', day: 'day', days: 'days' },
    nl: { min: 'min', h: 'klokuur', day: 'dag', days: 'dagen' },
  },
  business: {
    en: { min: 'business min', h: 'business h', day: 'working day', days: 'working days' },
    nl: { min: 'werkminuten', h: 'werkuur', day: 'werkdag', days: 'werkdagen' },
  },
} as const

/**
 * A length of time given in minutes: "45 min", "17.8 clock h", "3.3 days" by the clock; "45 business min",
 * "17.8 business h" ("45 werkminuten", "17,8 werkuur") in business time. The sign is dropped: the
 * caller says whether it is left or over.
 */
export function formatDuration(minutes: number, clock: Clock, lang: TimeLang): string {
  const words = WORDS[clock][lang]
  const size = Math.abs(minutes)
  if (Math.round(size) < MINUTES_UP_TO) return `${Math.round(size)} ${words.min}`
  const hours = size / 60
  if (clock === 'business' || hours < HOURS_UP_TO) return `${amount(hours, lang)} ${words.h}`
  return formatDays(hours / 24, clock, lang)
}

/** A number of days: "1 day", "3.3 days", "13 working days" ("13 werkdagen"). */
export function formatDays(days: number, clock: Clock, lang: TimeLang): string {
  const words = WORDS[clock][lang]
  const text = amount(Math.abs(days), lang)
  return `${text} ${text === '1' ? words.day : words.days}`
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(lang: TimeLang, tz: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${tz}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format)
    dateFormats.set(
      key,
      (format = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: tz, hourCycle: 'h23', ...options })),
    )
  return format
}

/** `YYYY-MM-DD` of the local day an instant falls on. */
function dayOf(at: Date, tz: string): string {
  const parts: Record<string, string> = {}
  for (const part of dateFormat('en', tz, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at))
    parts[part.type] = part.value
  return `${parts.year}-${parts.month}-${parts.day}`
}

/**
 * A moment near now (a deadline, a reopening) as a person on the desk reads it, in local time:
 * "16:30" today, "Mon 08:52" ("ma 08:52") within six days either way, else "14 Dec 08:52".
 */
export function formatWhen(at: string | Date, now: Date, lang: TimeLang, tz: string): string {
  const due = new Date(at)
  const time = dateFormat(lang, tz, { hour: '2-digit', minute: '2-digit' }).format(due)
  if (dayOf(due, tz) === dayOf(now, tz)) return time
  const soon = Math.abs(due.getTime() - now.getTime()) < 6 * 86_400_000
  const day = dateFormat(lang, tz, soon ? { weekday: 'short' } : { day: 'numeric', month: 'short' })
    .format(due)
    .replace('.', '')
  return `${day} ${time}`
}

/** Whether an instant falls on the same local day as `now`. */
export function isSameDay(at: string | Date, now: Date, tz: string): boolean {
  return dayOf(new Date(at), tz) === dayOf(now, tz)
}

/** A calendar date (`YYYY-MM-DD`) inside a sentence: "4 Dec 2026" / "4 dec 2026", never the ISO form. */
export function formatDay(date: string, lang: TimeLang): string {
  return dateFormat(lang, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' })
    .format(new Date(`${date.slice(0, 10)}T12:00:00Z`))
    .replace('.', '')
}

/** A date within a year already named: "4 Dec" / "4 dec". */
export function formatDayOfYear(date: string, lang: TimeLang): string {
  return dateFormat(lang, 'UTC', { day: 'numeric', month: 'short' })
    .format(new Date(`${date.slice(0, 10)}T12:00:00Z`))
    .replace('.', '')
}

/** A calendar month (`YYYY-MM` or a date in it) inside a sentence: "February 2026" / "februari 2026". */
export function formatMonth(month: string, lang: TimeLang): string {
  return dateFormat(lang, 'UTC', { month: 'long', year: 'numeric' }).format(
    new Date(`${month.slice(0, 7)}-15T12:00:00Z`),
  )
}
