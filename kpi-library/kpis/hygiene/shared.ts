import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { isOpen, picklistLabel, resourceName, ticketRows, withAlerts } from '../../sql.js'
import type { ListField, ParamSpec } from '../../types.js'

// Helpers for the ticket action lists of the hygiene group (candidates for sql.ts).

export const WAITING_STATUSES = {
  type: 'integers',
  default: [7] as number[],
  description: { en: 'Statuses that mean "waiting on the customer".', nl: 'Statussen die "wacht op klant" betekenen.' },
} satisfies ParamSpec

export const HOLD_STATUSES = {
  type: 'integers',
  default: [9, 12, 13, 17] as number[],
  description: {
    en: 'Statuses that mean on hold or waiting on someone else (materials, vendor, approval).',
    nl: 'Statussen voor on hold of wachten op een ander (materiaal, leverancier, goedkeuring).',
  },
} satisfies ParamSpec

export { priorityRank } from '../../sql.js'

/**
 * Open tickets with the standard row context plus what the hygiene lists sort and filter on;
 * monitoring alerts only when `includeAlerts`. `lastActivityAt` falls back to the creation time for a
 * ticket nobody has touched.
 */
export function openTicketRows(db: Kysely<Database>, includeAlerts: boolean) {
  const rows = ticketRows(db)
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select((eb) => [
      'ticket.status as status',
      picklistLabel('Tickets', 'status', 'ticket.status').as('statusLabel'),
      'ticket.priority as priority',
      picklistLabel('Tickets', 'priority', 'ticket.priority').as('priorityLabel'),
      'ticket.created_at as createdAt',
      'ticket.due_at as dueAt',
      eb.fn.coalesce('ticket.last_activity_at', 'ticket.created_at').as('lastActivityAt'),
      'company.owner_resource_id as accountManagerId',
      resourceName('owner').as('accountManagerName'),
    ])
    .where(isOpen)
  return withAlerts(rows, includeAlerts)
}

export type OpenTicketRow = Awaited<ReturnType<ReturnType<typeof openTicketRows>['execute']>>[number]

/** The columns every ticket list shows first. */
export const TICKET_FIELDS: readonly ListField[] = [
  { key: 'ticketNumber', label: { en: 'Ticket', nl: 'Ticket' }, type: 'text' },
  { key: 'ticketTitle', label: { en: 'Subject', nl: 'Onderwerp' }, type: 'text' },
  { key: 'companyName', label: { en: 'Company', nl: 'Bedrijf' }, type: 'text' },
  { key: 'resourceName', label: { en: 'Assignee', nl: 'Behandelaar' }, type: 'text' },
]

export const STATUS_FIELD: ListField = { key: 'statusLabel', label: { en: 'Status', nl: 'Status' }, type: 'text' }
export const PRIORITY_FIELD: ListField = { key: 'priorityLabel', label: { en: 'Priority', nl: 'Prioriteit' }, type: 'text' }
export const DUE_FIELD: ListField = { key: 'dueAt', label: { en: 'Due', nl: 'Deadline' }, type: 'datetime' }

/** Sorts by a number, largest first, then by ticket id so equal rows keep a stable order. */
export function largestFirst<T extends { ticketId: number }>(rows: T[], key: (row: T) => number): T[] {
  return rows.sort((a, b) => key(b) - key(a) || a.ticketId - b.ticketId)
}

/** "1 ticket" / "3 tickets" and the Dutch equivalent. */
export function tickets(n: number): { en: string; nl: string } {
  return { en: `${n} ${n === 1 ? 'ticket' : 'tickets'}`, nl: `${n} ${n === 1 ? 'ticket' : 'tickets'}` }
}
