import { type Clock, formatDays, formatDuration, formatWhen, isSameDay } from '../../../kpi-library/time-text.ts'
import { formatDate, formatValue, TIME_ZONE } from '../format.ts'
import type { Lang, Row } from '../types.ts'

type Words = { en: string; nl: string }

/**
 * How a field's value reads. Elapsed time says its clock (kpi-library/time-text.ts: "26.2 clock h",
 * "17.8 business h", "3.3 days", "13 working days"): `minutes`,
 * `hours` and `days` fields are durations on the wall clock or in business time, as their KPI counts
 * them; `work` is an amount of hours worked or bought (not converted to days). `over`: how a negative
 * remainder reads ("9.6 h over", never "-9.6 h left"); `zero`: the words for nothing left.
 */
type Why = {
  unit:
    'minutes' | 'hours' | 'days' | 'work' | 'count' | 'percent' | 'euro' | 'ratio' | 'text' | 'rating' | 'date' | 'when'
  clock?: Clock
  en: string
  nl: string
  over?: Words
  zero?: Words
  /**
   * A business duration of 0 (a ticket created outside business hours) reads by its start, a field
   * of the row: "waiting since Sat 10:12" / "wacht sinds za 10:12".
   */
  since?: { key: string } & Words
  /** The words on a row its KPI computed from SmileBack's reviews (the row's `source`). */
  smileBack?: Words
}

// The field that says why a row is on its list, per the library's action specs; the first one a
// row has wins. `{v}` is the formatted value. `minutesLeft` is a deadline's remainder: see `remainder`.
const WHY: Array<[string, Why]> = [
  ['overdueHours', { unit: 'hours', clock: 'business', en: '{v} past SLA', nl: '{v} over tijd' }],
  [
    'minutesLeft',
    { unit: 'minutes', clock: 'clock', en: '{v} left', nl: 'nog {v}', over: { en: '{v} over', nl: '{v} over tijd' } },
  ],
  [
    'ageBusinessMinutes',
    {
      unit: 'minutes',
      clock: 'business',
      en: 'waiting {v}',
      nl: 'wacht {v}',
      since: { key: 'createdAt', en: 'waiting since {v}', nl: 'wacht sinds {v}' },
    },
  ],
  ['minutesOpen', { unit: 'minutes', clock: 'clock', en: 'open {v}', nl: 'open {v}' }],
  ['ageMinutes', { unit: 'minutes', clock: 'clock', en: 'waiting {v}', nl: 'wacht {v}' }],
  ['idleHours', { unit: 'hours', clock: 'business', en: 'idle {v}', nl: '{v} stil' }],
  ['daysIdle', { unit: 'days', clock: 'clock', en: 'idle {v}', nl: '{v} stil' }],
  ['daysWaiting', { unit: 'days', clock: 'business', en: 'waiting {v}', nl: 'wacht {v}' }],
  ['daysPastDue', { unit: 'days', clock: 'clock', en: '{v} past due', nl: '{v} over deadline' }],
  ['ageDays', { unit: 'days', clock: 'clock', en: '{v} old', nl: '{v} oud' }],
  [
    'businessDaysSinceResolved',
    { unit: 'days', clock: 'business', en: 'resolved {v} ago', nl: '{v} geleden opgelost' },
  ],
  ['reopenedAt', { unit: 'when', en: 'reopened {v}', nl: 'heropend {v}' }],
  ['daysOverdue', { unit: 'days', clock: 'clock', en: '{v} overdue', nl: '{v} over de vervaldatum' }],
  ['rating', { unit: 'rating', en: '{v}', nl: '{v}' }],
  [
    'dropPoints',
    {
      unit: 'count',
      en: 'CSAT down {v} points',
      nl: 'CSAT {v} punten gedaald',
      over: { en: 'CSAT down {v} points', nl: 'CSAT {v} punten gedaald' },
    },
  ],
  // A client listed for repeated negatives without an earlier period to compare (clients_csat_dropped).
  [
    'negatives',
    {
      unit: 'count',
      en: '{v} negative scores',
      nl: '{v} negatieve scores',
      smileBack: { en: '{v} negative SmileBack reviews', nl: '{v} negatieve SmileBack-beoordelingen' },
    },
  ],
  ['hoursMissing', { unit: 'work', en: '{v} not logged', nl: '{v} niet geschreven' }],
  ['overlapMinutes', { unit: 'minutes', clock: 'clock', en: '{v} overlap', nl: '{v} overlap' }],
  ['problem', { unit: 'text', en: '{v}', nl: '{v}' }],
  ['reason', { unit: 'text', en: '{v}', nl: '{v}' }],
  ['ticketCount', { unit: 'count', en: '{v} tickets', nl: '{v} tickets' }],
  ['burnPct', { unit: 'percent', en: '{v} of budget used', nl: '{v} van het budget verbruikt' }],
  ['value', { unit: 'euro', en: '{v} unbilled', nl: '{v} niet gefactureerd' }],
  ['hoursLeft', { unit: 'work', en: '{v} left', nl: 'nog {v}', over: { en: '{v} over', nl: '{v} overschreden' } }],
  ['usedPct', { unit: 'percent', en: '{v} of budget used', nl: '{v} van het budget verbruikt' }],
  [
    'daysLeft',
    {
      unit: 'days',
      clock: 'clock',
      en: 'expires in {v}',
      nl: 'verloopt over {v}',
      over: { en: 'expired {v} ago', nl: '{v} geleden verlopen' },
      zero: { en: 'expires today', nl: 'verloopt vandaag' },
    },
  ],
  ['ratio', { unit: 'ratio', en: '{v}× normal', nl: '{v}× normaal' }],
  ['hoursWorked', { unit: 'work', en: '{v} worked', nl: '{v} gewerkt' }],
  ['hours', { unit: 'work', en: '{v} without contract', nl: '{v} zonder contract' }],
  ['completedByName', { unit: 'text', en: 'closed by {v}', nl: 'gesloten door {v}' }],
  ['endDate', { unit: 'date', en: 'ends {v}', nl: 'eindigt {v}' }],
  // The ticket's own due date unless the row is on an SLA list (see `dueWords`).
  [
    'dueAt',
    {
      unit: 'when',
      en: 'ticket due {v}',
      nl: 'streefdatum {v}',
      over: { en: 'ticket due date passed {v}', nl: 'streefdatum verstreken {v}' },
    },
  ],
]

const DUE = WHY.find(([key]) => key === 'dueAt')![1]
const SLA_DUE: Why = {
  unit: 'when',
  en: 'SLA due {v}',
  nl: 'SLA-deadline {v}',
  over: { en: 'SLA was due {v}', nl: 'SLA-deadline was {v}' },
}

/**
 * Two deadlines can sit on one card: an SLA list's `dueAt` is the SLA's (first response or
 * resolution), every other list's the ticket's own due date. SLA rows carry the SLA's fields.
 */
function dueWords(row: Row): Why {
  return 'slaEvent' in row || 'firstResponseDueAt' in row || 'resolvedDueAt' in row ? SLA_DUE : DUE
}

/**
 * A deadline's remainder (`minutesLeft`, with the row's `dueAt`). It reads as time left only when the
 * clock runs straight to the deadline: due today, and the row's remainder (business minutes on an SLA
 * list) equals the clock's. Otherwise (a Sunday ticket due Monday 08:52 has 22 business minutes left)
 * it reads as the deadline itself: "due Mon 08:52". Past it, how far over by the clock.
 */
function remainder(row: Row, left: number, why: Why, lang: Lang, now: Date): string {
  const dueAt = typeof row.dueAt === 'string' ? row.dueAt : null
  if (dueAt === null) return (left < 0 ? why.over! : why)[lang].replace('{v}', formatDuration(left, 'clock', lang))
  const clockLeft = (Date.parse(dueAt) - now.getTime()) / 60_000
  if (clockLeft < 0) return why.over![lang].replace('{v}', formatDuration(clockLeft, 'clock', lang))
  if (isSameDay(dueAt, now, TIME_ZONE) && Math.abs(clockLeft - left) <= 5)
    return why[lang].replace('{v}', formatDuration(clockLeft, 'clock', lang))
  return dueWords(row)[lang].replace('{v}', formatWhen(dueAt, now, lang, TIME_ZONE))
}

// A SmileBack review is a face, not stars (its `smileBackRating`: 1, 0, -1): the face with its word,
// legible from 3 m; a negative face drawn as one star would read as a score the customer never gave.
const FACES: Record<string, { face: string } & Words> = {
  '1': { face: '☺', en: 'positive', nl: 'positief' },
  '0': { face: '😐', en: 'neutral', nl: 'neutraal' },
  '-1': { face: '☹', en: 'negative', nl: 'negatief' },
}

/** A rating as a list row shows it: SmileBack's face with its word, else an Autotask survey's stars. */
function ratingText(row: Row, value: unknown, lang: Lang): string {
  const face = FACES[String(row.smileBackRating)]
  if (face) return `${face.face} ${face[lang]}`
  return '★'.repeat(Math.max(0, Math.min(5, Number(value))))
}

/** The value of a `Why` as text, or null when the row's value is not of its kind. */
function valueText(row: Row, value: unknown, why: Why, lang: Lang, now: Date): string | null {
  const clock = why.clock ?? 'clock'
  if (why.unit === 'text') return String(value)
  if (why.unit === 'date') return formatDate(String(value), lang)
  if (why.unit === 'when') return formatWhen(String(value), now, lang, TIME_ZONE)
  if (why.unit === 'rating') return `${ratingText(row, value, lang)}${row.comment ? ` “${String(row.comment)}”` : ''}`
  if (typeof value !== 'number') return null
  if (why.unit === 'minutes') return formatDuration(value, clock, lang)
  if (why.unit === 'hours') return formatDuration(value * 60, clock, lang)
  // Whole working days stay days; fractions of a wall-clock day under 48 hours read in hours.
  if (why.unit === 'days')
    return clock === 'business' || Number.isInteger(value)
      ? formatDays(value, clock, lang)
      : formatDuration(value * 24 * 60, clock, lang)
  return formatValue(value, why.unit === 'work' ? 'hours' : why.unit, lang)
}

/**
 * Why the row is on its list, in the language of the screen. `now` decides how a deadline reads: the
 * result's own evaluation time, not the screen's clock (a server on a pinned clock, a TV whose clock drifts).
 */
export function rowWhy(row: Row, lang: Lang, now: Date): string | null {
  for (const [key, listed] of WHY) {
    const why = key === 'dueAt' ? dueWords(row) : listed
    const given = row[key]
    if (given === null || given === undefined || given === '') continue
    if (key === 'minutesLeft' && typeof given === 'number') return remainder(row, given, why, lang, now)
    if (why.unit === 'when') {
      const past = why.over !== undefined && Date.parse(String(given)) < now.getTime()
      return (past ? why.over! : why)[lang].replace('{v}', formatWhen(String(given), now, lang, TIME_ZONE))
    }
    if (why.zero && given === 0) return why.zero[lang]
    const since = why.since ? row[why.since.key] : null
    if (why.since && typeof since === 'string' && typeof given === 'number' && Math.round(given) === 0)
      return why.since[lang].replace('{v}', formatWhen(since, now, lang, TIME_ZONE))
    const overdrawn = why.over !== undefined && typeof given === 'number' && given < 0
    const text = valueText(row, overdrawn ? -Number(given) : given, why, lang, now)
    if (text === null) continue
    const words = overdrawn ? why.over! : row.source === 'smileback' && why.smileBack ? why.smileBack : why
    return words[lang].replace('{v}', text)
  }
  return null
}

/** What the row is about: the ticket, else the person or client it names. */
export function rowWhat(row: Row): string {
  const ticket = [row.ticketNumber, row.ticketTitle].filter(Boolean).join(' ')
  if (ticket) return ticket
  return String(row.contractName ?? row.companyName ?? row.resourceName ?? row.rowKey ?? '')
}

/** The first of `keys` the row has as a number. */
function numberOf(row: Row, keys: string[]): number | null {
  for (const key of keys) if (typeof row[key] === 'number') return row[key] as number
  return null
}

/**
 * What a row's reason leaves out: an engineer's load against the team ("12 open, team median 5",
 * workload_imbalance), an overdue invoice's amount ("€1,234 due", invoices_overdue).
 */
function rowAmount(row: Row, lang: Lang): string | null {
  const open = numberOf(row, ['openCount', 'openTickets'])
  const median = numberOf(row, ['teamMedian', 'median'])
  if (open !== null && median !== null)
    return lang === 'nl'
      ? `${formatValue(open, 'count', lang)} open, mediaan team ${formatValue(median, 'count', lang)}`
      : `${formatValue(open, 'count', lang)} open, team median ${formatValue(median, 'count', lang)}`
  const due = 'daysOverdue' in row ? numberOf(row, ['amountDue', 'amount', 'total']) : null
  if (due !== null)
    return lang === 'nl' ? `${formatValue(due, 'euro', lang)} open` : `${formatValue(due, 'euro', lang)} due`
  return null
}

/**
 * Why it is listed, then who acts and for which client: the part cut off last is the least needed.
 * Roles read apart: the assignee by name (or "unassigned"), the client's contact after ☎, the
 * account manager only on rows without a ticket (no assignee there to confuse them with).
 */
export function rowDetail(row: Row, lang: Lang, now: Date): string {
  const what = rowWhat(row)
  const unassigned = lang === 'nl' ? 'niemand toegewezen' : 'unassigned'
  const why = rowWhy(row, lang, now)
  const parts = [why, rowAmount(row, lang)]
  // "closed by Saskia Ramdin" already says who: no "unassigned" beside it.
  const named = typeof row.completedByName === 'string' && row.completedByName !== ''
  if (row.resourceName && !why?.includes(String(row.resourceName))) parts.push(String(row.resourceName))
  else if ('resourceId' in row && row.ticketNumber && !row.resourceName && !named) parts.push(unassigned)
  if (row.accountManagerName && !row.resourceName && !row.ticketNumber) parts.push(String(row.accountManagerName))
  parts.push(row.companyName ? String(row.companyName) : null, row.contactName ? `☎ ${String(row.contactName)}` : null)
  return [...new Set(parts.filter((part): part is string => Boolean(part) && part !== what))].join(' · ')
}
