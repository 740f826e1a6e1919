import { formatDate, formatDateTime } from '../format.ts'
import { LIST_WORDS, t } from '../i18n.ts'
import type { Lang, ListResult, Row, RowAck } from '../types.ts'
import { rowWhy } from '../widgets/row-why.ts'

// The phone page's content without the page: which cards, in which order, and what they say.

/** One row of one list: a reason why its ticket (or item) is on this page. */
export interface Reason {
  list: ListResult
  row: Row
  /** Risk lists first, then the library's order; the row's place within its list breaks ties. */
  rank: number
  index: number
}

/**
 * A card: one ticket with every reason it is listed for, or a chore: the rows of one list that ask
 * for a quick fix (time entries, the time sheet) or have no ticket, collapsed into one card.
 */
export interface Card {
  key: string
  ticket: boolean
  /** A collapsed card of one list's rows (see CHORES). */
  chore?: boolean
  reasons: Reason[]
}

type Counted = { one: { en: string; nl: string }; other: { en: string; nl: string } }

/**
 * Lists of small fixes to one's own time entries: one compact card per list ("4 time entries
 * overlap: T…, T…"), after the tickets, whatever tickets they name. `take` says what "I'm on it" means there.
 */
export const CHORES: Record<string, Counted & { take: { en: string; nl: string } }> = {
  overlapping_entries: {
    one: { en: '1 time entry overlaps', nl: '1 tijdregistratie overlapt' },
    other: { en: '{n} time entries overlap', nl: '{n} tijdregistraties overlappen' },
    take: { en: "I'll correct it", nl: 'Ik corrigeer het' },
  },
  tickets_completed_without_time: {
    one: { en: '1 ticket completed without time', nl: '1 ticket afgerond zonder uren' },
    other: { en: '{n} tickets completed without time', nl: '{n} tickets afgerond zonder uren' },
    take: { en: "I'll log the time", nl: 'Ik schrijf de uren' },
  },
  timesheet_gaps_yesterday: {
    one: { en: '1 time-sheet gap', nl: '1 gat in je urenstaat' },
    other: { en: '{n} time-sheet gaps', nl: '{n} gaten in je urenstaat' },
    take: { en: "I'll fill it in", nl: 'Ik vul het aan' },
  },
  time_entry_coding_errors: {
    one: { en: '1 time entry to correct', nl: '1 tijdregistratie te verbeteren' },
    other: { en: '{n} time entries to correct', nl: '{n} tijdregistraties te verbeteren' },
    take: { en: "I'll correct it", nl: 'Ik corrigeer het' },
  },
  nonbillable_on_tm_clients: {
    one: { en: '1 time entry to check', nl: '1 tijdregistratie na te kijken' },
    other: { en: '{n} time entries to check', nl: '{n} tijdregistraties na te kijken' },
    take: { en: "I'll check it", nl: 'Ik kijk het na' },
  },
}

/** Tickets get one card with all their reasons, worst first; then one collapsed card per chore list. */
export function cardsOf(lists: ListResult[]): Card[] {
  const ordered = [
    ...lists.filter((list) => list.action?.ack === 'none'),
    ...lists.filter((list) => list.action?.ack !== 'none'),
  ]
  const cards = new Map<string, Card>()
  ordered.forEach((list, rank) =>
    list.rows.forEach((row, index) => {
      const ticket = typeof row.ticketId === 'number' && !(list.id in CHORES)
      const key = ticket ? `ticket-${row.ticketId}` : `list-${list.id}`
      const card = cards.get(key) ?? { key, ticket, chore: !ticket, reasons: [] }
      card.reasons.push({ list, row, rank, index })
      cards.set(key, card)
    }),
  )
  const worst = (card: Card) => card.reasons[0]!
  return [...cards.values()].sort(
    (a, b) =>
      Number(a.ticket === false) - Number(b.ticket === false) ||
      worst(a).rank - worst(b).rank ||
      worst(a).index - worst(b).index,
  )
}

/** "4 time entries overlap": a chore card's count in words. */
function choreCount(card: Card, lang: Lang): string {
  return counted(card.reasons[0]!.list, card.reasons.length, lang)
}

/** A chore card's one line: "4 time entries overlap: T…, T…", the tickets (or dates) it names. */
export function choreSummary(card: Card, lang: Lang): string {
  const named = [
    ...new Set(
      card.reasons
        .map(({ row }) => (typeof row.ticketNumber === 'string' ? row.ticketNumber : itemWhen(row, lang)))
        .filter((name): name is string => Boolean(name)),
    ),
  ]
  return named.length > 0 ? `${choreCount(card, lang)}: ${named.join(', ')}` : choreCount(card, lang)
}

/** What "I'm on it" reads on a chore list's rows. */
export function choreTake(list: ListResult, lang: Lang): string | null {
  return CHORES[list.id]?.take[lang] ?? null
}

/** "3 tickets need you: 1 past its SLA, 2 due today.": each ticket counted once, by its worst reason. */
export function headline(cards: Card[], lang: Lang): string {
  const tickets = cards.filter((card) => card.ticket)
  if (tickets.length === 0) return t(lang, 'meNoTickets')
  const counts = new Map<ListResult, number>()
  for (const card of tickets) counts.set(card.reasons[0]!.list, (counts.get(card.reasons[0]!.list) ?? 0) + 1)
  // At most five parts, so the sentence stays one glance long; the worst are named.
  const named = [...counts].slice(0, counts.size > 5 ? 4 : 5)
  const rest = tickets.length - named.reduce((sum, [, n]) => sum + n, 0)
  const parts = named.map(([list, n]) => counted(list, n, lang)).join(', ')
  // Dutch puts no comma before "en nog 4 andere".
  const more =
    rest > 0 ? `${lang === 'nl' ? ' ' : ', '}${t(lang, rest === 1 ? 'meOtherOne' : 'meOthers', { n: rest })}` : ''
  const subject = tickets.length === 1 ? t(lang, 'meTicketsOne') : t(lang, 'meTicketsOther', { n: tickets.length })
  return `${subject}: ${parts}${more}.`
}

/** "Also: 4 time entries overlap, 1 time-sheet gap." for the chores; null when there is none. */
export function also(cards: Card[], lang: Lang): string | null {
  const items = cards.filter((card) => !card.ticket)
  if (items.length === 0) return null
  return t(lang, 'meAlso', { items: items.map((card) => choreCount(card, lang)).join(', ') })
}

/** "2 past their SLA", "1 time-sheet gap": `n` rows of one list in words (a chore list's own words first). */
function counted(list: ListResult, n: number, lang: Lang): string {
  const words: Counted | undefined = CHORES[list.id] ?? LIST_WORDS[list.id]
  return words ? (n === 1 ? words.one : words.other)[lang].replace('{n}', String(n)) : `${list.title} (${n})`
}

export function label(list: ListResult, lang: Lang): string {
  return LIST_WORDS[list.id]?.label[lang] ?? list.title
}

/** The server's "now" for this list (pinned in demos and tests), so "3 h ago" counts from the data's clock. */
function whyOf(reason: Reason, lang: Lang): string | null {
  const why = rowWhy(reason.row, lang, new Date(reason.list.evaluatedAt))
  // The page's reader is the row's person: "closed by <you>" says nothing to them.
  const reader = reason.row.resourceName
  return why && typeof reader === 'string' && reader && why.includes(reader) ? null : why
}

export function reasonText(reason: Reason, lang: Lang): string {
  const why = whyOf(reason, lang)
  return why ? `${label(reason.list, lang)}: ${why}` : label(reason.list, lang)
}

function itemWhen(row: Row, lang: Lang): string | null {
  return typeof row.startAt === 'string'
    ? formatDateTime(row.startAt, lang)
    : typeof (row.date ?? row.dateWorked) === 'string'
      ? formatDate(String(row.date ?? row.dateWorked), lang)
      : null
}

/** A chore's row in one line: its ticket, when, why, and what it names besides the person. */
export function itemText(reason: Reason, lang: Lang): string {
  const { row } = reason
  const ticket = typeof row.ticketNumber === 'string' ? row.ticketNumber : null
  const named = rowLine(row)
  // A time-sheet gap names the tickets touched without time.
  const tickets =
    typeof row.ticketNumbers === 'string' && row.ticketNumbers
      ? t(lang, 'meTicketsWithoutTime', { tickets: row.ticketNumbers })
      : null
  return [ticket, itemWhen(row, lang), whyOf(reason, lang), tickets ?? named].filter(Boolean).join(' · ')
}

export function rowLine(row: Row): string | null {
  const named = row.ticketNumbers || row.contractName || row.companyName
  return typeof named === 'string' && named ? named : null
}

export function isRisk(reason: Reason): boolean {
  return reason.list.action?.ack === 'none'
}

export function ackOf(row: Row): RowAck | null {
  const ack = row.ack as RowAck | null | undefined
  return ack && typeof ack.id === 'number' ? ack : null
}

export function draftKey(reason: Pick<Reason, 'list' | 'row'>): string {
  return `${reason.list.id}|${reason.row.rowKey ?? ''}`
}

/**
 * Digits and a leading + only, so nothing but a number reaches the dialer; null for too few digits.
 * The Dutch and Belgian "+31 (0)20 …" drops its (0): dialled after the country code it is wrong.
 */
export function telHref(phone: string | null): string | null {
  if (!phone) return null
  const international = phone.trim().startsWith('+')
  const digits = (international ? phone.replace(/\(0\)/g, '') : phone).replace(/\D/g, '')
  if (digits.length < 3) return null
  return `tel:${international ? '+' : ''}${digits}`
}
