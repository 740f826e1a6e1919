import type { ExpressionBuilder, Kysely, NotNull } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { alertsNote, completedIn, creditedToMe, withAlerts } from '../../sql.js'
import type { Window } from '../../time.js'
import type { KpiDrill, Lang, ListField, Text } from '../../types.js'
import { countOf } from '../../format.js'
import { FIELD } from '../../lists.js'

// Helpers shared by the resolution-quality and CSAT KPIs.

/**
 * Tickets completed in the window (the library's one reading), alerts only when asked, optionally only
 * those `me` resolved: credited to them by sql.ts's one rule (completed by, else assigned to).
 */
export function completedTickets(
  db: Kysely<Database>,
  window: Window,
  includeAlerts: boolean,
  me: number | null = null,
) {
  return creditedToMe(withAlerts(db.selectFrom('ticket').where(completedIn(window)), includeAlerts), me)
}

export interface TicketWork {
  id: number
  /** Time entries on the ticket. */
  entries: number
  /** Distinct resources who logged them. */
  techs: number
  /** Distinct dates worked among them. */
  days: number
  hours: number
}

/** Entries, distinct technicians, distinct dates worked and hours per ticket, for the tickets given. */
export function workPerTicket(
  tickets: Array<{ id: number }>,
  entries: Array<{ ticketId: number; entries: number; techs: number; days: number; hours: number | null }>,
): TicketWork[] {
  const byTicket = new Map(entries.map((entry) => [entry.ticketId, entry]))
  return tickets.map(({ id }) => {
    const work = byTicket.get(id)
    return {
      id,
      entries: Number(work?.entries ?? 0),
      techs: Number(work?.techs ?? 0),
      days: Number(work?.days ?? 0),
      hours: Number(work?.hours ?? 0),
    }
  })
}

/**
 * The queries behind the resolution KPIs (C1, C2, C6, C7): tickets completed in the window and the work
 * (time entries) on each of them, counted in SQL rather than shipping every entry.
 */
/** The columns resolvedWorkQueries reads, for the `about.sources` of the KPIs built on it. */
export const RESOLVED_WORK_SOURCES = [
  'ticket.completed_at',
  'ticket.state',
  'ticket.kind',
  'ticket.completed_by_resource_id',
  'ticket.assigned_resource_id',
  'time_entry.ticket_id',
] as const

export function resolvedWorkQueries(db: Kysely<Database>, window: Window, includeAlerts: boolean, me: number | null) {
  return {
    tickets: completedTickets(db, window, includeAlerts, me)
      .select(['ticket.id as id', 'ticket.id as ticketId', 'ticket.completed_at as completedAt'])
      .orderBy('ticket.id'),
    entries: db
      .selectFrom('time_entry')
      .select((eb) => [
        'ticket_id as ticketId',
        eb.fn.countAll<number>().as('entries'),
        eb.fn.count<number>('resource_id').distinct().as('techs'),
        eb.fn.count<number>('date_worked').distinct().as('days'),
        eb.fn.sum<number>('hours_worked').as('hours'),
      ])
      .where('ticket_id', 'in', completedTickets(db, window, includeAlerts, me).select('ticket.id'))
      .groupBy('ticket_id')
      // Entries of the tickets above: each has its ticket.
      .$narrowType<{ ticketId: NotNull }>(),
  }
}

type EntryWork = Parameters<typeof workPerTicket>[1][number]

// Per entries list (one evaluation's), the work per ticket: a drill-down asks it once per row.
const workMaps = new WeakMap<object, Map<number, EntryWork>>()

/**
 * The drill-down of a resolution KPI (`resolvedWorkQueries`): its completed tickets with time logged, each judged by
 * `test` on its work (`yes` and `no` in words, `yesIsBad` when passing counts against the number); a ticket
 * without time is left out, as `workedTickets` leaves it out.
 */
export function workDrill(test: (work: TicketWork) => boolean, yes: Text, no: Text, yesIsBad: boolean): KpiDrill {
  return {
    query: 'tickets',
    date: 'completedAt',
    recompute: true,
    verdict: (row, _ctx, rows) => {
      const entries = (rows.entries ?? []) as EntryWork[]
      let byTicket = workMaps.get(entries)
      if (!byTicket) workMaps.set(entries, (byTicket = new Map(entries.map((entry) => [entry.ticketId, entry]))))
      const entry = byTicket.get(Number(row.id))
      const [work] = workPerTicket([{ id: Number(row.id) }], entry ? [entry] : [])
      if (!work || work.entries === 0) return null
      const passed = test(work)
      return { text: passed ? yes : no, bad: passed === yesIsBad }
    },
  }
}

/** The tickets of `work` with any time logged: the population of the per-ticket work shares. */
export function workedTickets(work: TicketWork[]): TicketWork[] {
  return work.filter((ticket) => ticket.entries > 0)
}

/** "the 12 tickets completed in the last 30 days with time logged (alerts left out)", in both languages. */
export function workedPopulation(worked: number, days: number, includeAlerts: boolean, lang: Lang): string {
  return lang === 'en'
    ? `the ${countOf(worked, 'ticket', 'tickets')} completed in the last ${days} days with time logged${alertsNote(includeAlerts, lang)}`
    : `de ${countOf(worked, 'ticket', 'tickets')} die de afgelopen ${days} dagen zijn afgerond met geschreven tijd${alertsNote(includeAlerts, lang)}`
}

/** The sentence for a window without completed tickets. */
export function noneCompleted(days: number, lang: Lang, worked = true): string {
  if (lang === 'nl')
    return `De afgelopen ${days} dagen is geen ticket${worked ? ' met geregistreerde tijd' : ''} afgerond.`
  return `No ${worked ? 'worked ' : ''}tickets were completed in the last ${days} days.`
}

/**
 * Reopen proxy (no status history is synced): a PSA keeps a ticket's resolution time when it is
 * reopened, so a ticket that has a resolution time but is open again, in a working state rather than
 * resolved (a resolved ticket is still open for every open count, waiting to be closed), was reopened. Once it is completed again its resolution time moves on and the reopen
 * can no longer be seen, so counts built on this are a lower bound.
 */
export function isReopened(eb: ExpressionBuilder<Database, 'ticket'>) {
  // `state != 'complete'` is implied by the second term; spelled out, it lets SQLite use the partial index of open tickets.
  return eb.and([
    eb('ticket.resolved_at', 'is not', null),
    eb('ticket.state', '!=', 'complete'),
    eb('ticket.state', '!=', 'resolved'),
  ])
}

/** The list fields that name a ticket and whom to call about it. */
export const TICKET_CONTACT_FIELDS: readonly ListField[] = [
  FIELD.ticketNumber,
  FIELD.ticketTitle,
  FIELD.companyName,
  FIELD.contactName,
  FIELD.contactPhone,
]
