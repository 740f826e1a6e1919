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

/** A card: one ticket with every reason it is listed for, or the ticket-less rows of one list. */
export interface Card {
  key: string
  ticket: boolean
  reasons: Reason[]
}

/** Tickets get one card with all their reasons; the rest one card per list; worst first. */
export function cardsOf(lists: ListResult[]): Card[] {
  const ordered = [...lists.filter((list) => list.action?.ack === 'none'), ...lists.filter((list) => list.action?.ack !== 'none')]
  const cards = new Map<string, Card>()
  ordered.forEach((list, rank) =>
    list.rows.forEach((row, index) => {
      const ticket = typeof row.ticketId === 'number'
      const key = ticket ? `ticket-${row.ticketId}` : `list-${list.id}`
      const card = cards.get(key) ?? { key, ticket, reasons: [] }
      card.reasons.push({ list, row, rank, index })
      cards.set(key, card)
    }),
  )
  const worst = (card: Card) => card.reasons[0]!
  return [...cards.values()].sort((a, b) => worst(a).rank - worst(b).rank || worst(a).index - worst(b).index)
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
  const more = rest > 0 ? `${lang === 'nl' ? ' ' : ', '}${t(lang, rest === 1 ? 'meOtherOne' : 'meOthers', { n: rest })}` : ''
  const subject = tickets.length === 1 ? t(lang, 'meTicketsOne') : t(lang, 'meTicketsOther', { n: tickets.length })
  return `${subject}: ${parts}${more}.`
}

/** "Also: Time sheet (1)." for what is not about a ticket; null when there is none. */
export function also(cards: Card[], lang: Lang): string | null {
  const items = cards.filter((card) => !card.ticket)
  if (items.length === 0) return null
  return t(lang, 'meAlso', { items: items.map((card) => `${label(card.reasons[0]!.list, lang)} (${card.reasons.length})`).join(', ') })
}

function counted(list: ListResult, n: number, lang: Lang): string {
  const words = LIST_WORDS[list.id]
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

/** A ticket-less row in one line: when, why, and what it names besides the person. */
export function itemText(reason: Reason, lang: Lang): string {
  const { row } = reason
  const when = typeof row.startAt === 'string' ? formatDateTime(row.startAt, lang) : typeof (row.date ?? row.dateWorked) === 'string' ? formatDate(String(row.date ?? row.dateWorked), lang) : null
  return [when, whyOf(reason, lang), rowLine(row)].filter(Boolean).join(' · ')
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
