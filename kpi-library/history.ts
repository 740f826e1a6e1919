import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { pluralWord } from './format.js'
import { daysFromTo, localDate, sameTimeDaysBefore } from './time.js'
import type { Lang } from './types.js'

// How far back the synced data goes. A tenant connected last month has a month of tickets: a trend
// titled "last 12 full weeks" must say that only 31 days of them hold data, not draw eight empty
// weeks as if nothing happened.

export type HistorySource = 'tickets' | 'surveys' | 'reviews' | 'time'

/** Where the synced history of a source starts: its earliest record (`first`: null before any). */
export function historyStart(db: Kysely<Database>, source: HistorySource) {
  switch (source) {
    case 'tickets':
      return db.selectFrom('ticket').select((eb) => eb.fn.min<string | null>('ticket.created_at').as('first'))
    case 'surveys':
      return db
        .selectFrom('survey_result')
        .select((eb) => eb.fn.min<string | null>('survey_result.completed_at').as('first'))
    case 'reviews':
      return db
        .selectFrom('smileback_review')
        .select((eb) => eb.fn.min<string | null>('smileback_review.rated_on').as('first'))
    case 'time':
      return db.selectFrom('time_entry').select((eb) => eb.fn.min<string | null>('time_entry.date_worked').as('first'))
  }
}

/**
 * The days of history a window from the local date `from` up to today holds, when the history starts
 * inside it; null when it covers the whole window (or there is no data at all: the sentence says so).
 * `first` is an instant or a local date, as `historyStart` returns it.
 */
export function historyDays(first: string | null | undefined, from: string, now: Date, tz: string): number | null {
  if (!first) return null
  const start = first.length > 10 ? localDate(new Date(first), tz) : first
  return start > from ? daysFromTo(start, localDate(now, tz)) : null
}

/** `historyDays` of "the last N days" (time.ts `lastDays`), which start on the local date N days ago. */
export function historyInLastDays(
  first: string | null | undefined,
  days: number,
  now: Date,
  tz: string,
): number | null {
  return historyDays(first, localDate(sameTimeDaysBefore(now, tz, days), tz), now, tz)
}

/**
 * A KPI's window with how much of it holds data, when its history starts inside it (`days` from
 * `historyDays`, the `history` fact of a computed result): "last 6 months (32 days of data)". The
 * engine writes it on every such result's window, the one text every tile shows (a breakdown's bars
 * show no sentence), so a sentence does not repeat it.
 */
export function windowWithHistory(window: string, days: unknown, lang: Lang): string {
  if (typeof days !== 'number' || !Number.isFinite(days)) return window
  return lang === 'en'
    ? `${window} (${days} ${pluralWord(days, 'day', 'days')} of data)`
    : `${window} (${days} ${pluralWord(days, 'dag', 'dagen')} gegevens)`
}

/** The data sources a KPI can name on its window (facts.source): only one that is not the PSA's own. */
const SOURCE_NAMES: Record<string, string> = { smileback: 'SmileBack' }

/**
 * A KPI's window with the source it was computed from when that is not the PSA (facts.source):
 * "last 7 days · SmileBack". The window is the part of a tile that always shows, where a sentence may
 * be cut; web/src/widgets/window-note.ts reads the suffix back.
 */
export function windowWithSource(window: string, source: unknown): string {
  const name = typeof source === 'string' ? SOURCE_NAMES[source] : undefined
  return name ? `${window} · ${name}` : window
}
