import { easterSunday } from '../../../../kpi-library/holidays.js'
import { mix } from './random.js'

export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

const OPEN = 8.5 * HOUR
const CLOSE = 17.5 * HOUR

let cachedYear = { from: 0, to: -1, dstStart: 0, dstEnd: 0 }

function lastSundayUtc(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0)
  return last - new Date(last).getUTCDay() * DAY
}

/** Europe/Amsterdam's UTC offset at an instant: CEST from the last Sunday of March to that of October, 01:00 UTC. */
export function amsterdamOffset(utc: number): number {
  if (utc < cachedYear.from || utc >= cachedYear.to) {
    const year = new Date(utc).getUTCFullYear()
    cachedYear = {
      from: Date.UTC(year, 0, 1),
      to: Date.UTC(year + 1, 0, 1),
      dstStart: lastSundayUtc(year, 2) + HOUR,
      dstEnd: lastSundayUtc(year, 9) + HOUR,
    }
  }
  return utc >= cachedYear.dstStart && utc < cachedYear.dstEnd ? 2 * HOUR : HOUR
}

/** Days since 1970-01-01 of the Amsterdam calendar date at an instant. */
export function localDay(utc: number): number {
  return Math.floor((utc + amsterdamOffset(utc)) / DAY)
}

/** The instant of a wall-clock time (ms after local midnight) on a local day. */
export function localToUtc(day: number, msOfDay: number): number {
  const wall = day * DAY + msOfDay
  return wall - amsterdamOffset(wall - HOUR)
}

export function localMsOfDay(utc: number): number {
  return utc + amsterdamOffset(utc) - localDay(utc) * DAY
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7
}

function easterDay(year: number): number {
  return Date.parse(`${easterSunday(year)}T00:00:00Z`) / DAY
}

const holidaysByYear = new Map<number, Set<number>>()

/** Dutch public holidays most MSPs close on (Liberation Day only in lustrum years, as in most CAOs). */
export function isHoliday(day: number): boolean {
  const year = new Date(day * DAY).getUTCFullYear()
  let set = holidaysByYear.get(year)
  if (!set) {
    const easter = easterDay(year)
    const kingsDay = Date.UTC(year, 3, 27) / DAY
    set = new Set([
      Date.UTC(year, 0, 1) / DAY,
      easter + 1,
      weekday(kingsDay) === 0 ? kingsDay - 1 : kingsDay,
      easter + 39,
      easter + 50,
      Date.UTC(year, 11, 25) / DAY,
      Date.UTC(year, 11, 26) / DAY,
    ])
    if (year % 5 === 0) set.add(Date.UTC(year, 4, 5) / DAY)
    holidaysByYear.set(year, set)
  }
  return set.has(day)
}

const businessDays = new Map<number, boolean>()

export function isBusinessDay(day: number): boolean {
  let known = businessDays.get(day)
  if (known === undefined) {
    const wd = weekday(day)
    known = wd !== 0 && wd !== 6 && !isHoliday(day)
    businessDays.set(day, known)
  }
  return known
}

/** Rounds to two decimals, as Autotask writes hours and amounts. */
export const round2 = (n: number) => Math.round(n * 100) / 100

/** A duration in hours, two decimals. */
export const hoursOf = (ms: number) => round2(ms / HOUR)

/** Moves `ms` of business time (Mon-Fri 08:30-17:30 Amsterdam, no holidays) forward from `from`. */
export function addBusinessTime(from: number, ms: number): number {
  let day = localDay(from)
  let cursor = from
  for (;;) {
    if (isBusinessDay(day)) {
      const open = localToUtc(day, OPEN)
      const close = localToUtc(day, CLOSE)
      const start = Math.max(cursor, open)
      if (start < close) {
        if (start + ms <= close) return start + ms
        ms -= close - start
      }
    }
    day++
    cursor = -Infinity
  }
}

/** Business time between two instants, in ms. */
export function businessTimeBetween(a: number, b: number): number {
  if (b <= a) return 0
  let total = 0
  for (let day = localDay(a), last = localDay(b); day <= last; day++) {
    if (!isBusinessDay(day)) continue
    const start = Math.max(a, localToUtc(day, OPEN))
    const end = Math.min(b, localToUtc(day, CLOSE))
    if (end > start) total += end - start
  }
  return total
}

export function isBusinessTime(t: number): boolean {
  if (!isBusinessDay(localDay(t))) return false
  const ms = localMsOfDay(t)
  return ms >= OPEN && ms < CLOSE
}

/** The first business instant at or after `t`. */
export function nextBusinessTime(t: number): number {
  return addBusinessTime(t, 0)
}

/** The business day `n` business days after local day `day` (n >= 1). */
export function addBusinessDays(day: number, n: number): number {
  let d = day
  while (n > 0) {
    d++
    if (isBusinessDay(d)) n--
  }
  return d
}

/**
 * How many fractional digits an instant is written with. It depends only on the whole second, so quantising an
 * instant to that precision cannot change it; Autotask writes 0 to 7 digits and drops trailing zeros.
 */
function fractionDigits(utc: number): number {
  return mix(Math.floor(utc / 1000), 0x51a7) % 8
}

/** Rounds an instant down to the precision it will be written with, so the written string is the exact instant. */
export function quantize(utc: number): number {
  const digits = fractionDigits(utc)
  if (digits >= 3) return Math.floor(utc)
  const step = 10 ** (3 - digits)
  return utc - (((utc % step) + step) % step)
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'))
const dayPrefixes = new Map<number, string>()

/**
 * Writes an instant as Autotask does: UTC, trailing zeros dropped. Digits past the millisecond (.NET ticks) are
 * derived from the instant, so the string never sorts before it and parses back to the same millisecond.
 */
export function iso(utc: number): string {
  const day = Math.floor(utc / DAY)
  let prefix = dayPrefixes.get(day)
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11)
    dayPrefixes.set(day, prefix)
  }
  const msOfDay = utc - day * DAY
  const secs = Math.floor(msOfDay / 1000)
  const parts = [prefix, PAD2[Math.floor(secs / 3600)]!, ':', PAD2[Math.floor(secs / 60) % 60]!, ':', PAD2[secs % 60]!]
  const ms = msOfDay % 1000
  if (ms !== 0) {
    let frac = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : String(ms)
    const digits = fractionDigits(utc)
    if (digits > 3) frac += String(mix(utc % 1e9, 0x7e11) % 10 ** (digits - 3)).padStart(digits - 3, '0')
    let end = frac.length
    while (frac.charCodeAt(end - 1) === 48) end--
    parts.push('.', frac.slice(0, end))
  }
  parts.push('Z')
  // join() yields one flat string; a template literal would keep a rope of ~250 bytes per stamp alive.
  return parts.join('')
}

const dateStrings = new Map<number, string>()

/** A calendar date (local day index) as Autotask writes date-only fields. */
export function isoDate(day: number): string {
  let s = dateStrings.get(day)
  if (!s) {
    s = `${new Date(day * DAY).toISOString().slice(0, 10)}T00:00:00Z`
    dateStrings.set(day, s)
  }
  return s
}

/** `yyyymmdd` of a local day, for ticket numbers. */
export function compactDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', '')
}
