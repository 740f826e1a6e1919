import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { isOpen, PRIORITY_COLUMNS, resourceName, STATUS_COLUMNS, ticketRows, withAlerts } from '../../sql.js'
import { countOf } from '../../format.js'
import type { ListField, Text } from '../../types.js'
import { FIELD } from '../../lists.js'

// Helpers for the ticket action lists of the hygiene group.

/**
 * Open tickets with the standard row context plus what the hygiene lists sort and filter on;
 * monitoring alerts only when `includeAlerts`. `lastActivityAt` falls back to the creation time for a
 * ticket nobody has touched.
 */
export function openTicketRows(db: Kysely<Database>, includeAlerts: boolean) {
  const rows = ticketRows(db)
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select((eb) => [
      ...STATUS_COLUMNS,
      ...PRIORITY_COLUMNS,
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

/** The columns every ticket list of the group shows first (its assignee column says "Assignee"). */
export const TICKET_ASSIGNEE_FIELDS: readonly ListField[] = [
  FIELD.ticketNumber,
  FIELD.ticketTitle,
  FIELD.companyName,
  { key: 'resourceName', label: { en: 'Assignee', nl: 'Behandelaar' }, type: 'text' },
]

/** Sorts by a number, largest first, then by ticket id so equal rows keep a stable order. */
export function largestFirst<T extends { ticketId: number }>(rows: T[], key: (row: T) => number): T[] {
  return rows.sort((a, b) => key(b) - key(a) || a.ticketId - b.ticketId)
}

/** "1 ticket" / "3 tickets", the same word in both languages. */
export function tickets(n: number): Text {
  const text = countOf(n, 'ticket', 'tickets')
  return { en: text, nl: text }
}
