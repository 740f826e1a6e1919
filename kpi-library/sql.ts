import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { LABELS, type LabelList, type Urgency, URGENCY } from '../db/psa-model.js'
import type { Lang } from './types.js'
import type { Window } from './time.js'

// Query fragments shared by KPI files. All portable SQL: date arithmetic happens in JavaScript on
// boundaries passed in as ISO strings (stored timestamps compare as text), so no dialect's date
// functions leak into the library.

/** Urgency that makes a ticket urgent on a tile: high or critical. */
export const URGENT: Urgency = URGENCY.high

/** Sort key for a ticket's urgency, most urgent first; a ticket of unknown urgency last. */
export function urgencyRank(urgency: number | null): number {
  return urgency ?? 99
}

/**
 * Open means: not complete. The id test changes nothing but the plan: it walks the partial index of
 * open tickets (migration 037), a few hundred rows, where a planner without statistics would range over
 * a years-long index on created_at or a due date instead.
 */
export function isOpen(eb: ExpressionBuilder<Database, 'ticket'>) {
  return eb.and([eb('ticket.state', '!=', 'complete'), eb('ticket.id', 'in', openTicketIds(eb))])
}

/** Ids of the open tickets, read from the partial index of migration 037 (it has the same `state != 'complete'` term). */
function openTicketIds(eb: { selectFrom: ExpressionBuilder<Database, never>['selectFrom'] }) {
  return eb.selectFrom('ticket as open_ticket').select('open_ticket.id').where('open_ticket.state', '!=', 'complete')
}

/**
 * Completed means: complete, with its completion time in the window. Every KPI that counts
 * "completed" tickets uses this, so "completed in the last 30 days" is one number on every tile.
 */
export function completedIn(window: Window) {
  return (eb: ExpressionBuilder<Database, 'ticket'>) =>
    eb.and([
      eb('ticket.state', '=', 'complete'),
      eb('ticket.completed_at', '>', window.after),
      eb('ticket.completed_at', '<=', window.until),
    ])
}

/**
 * Whose completed ticket it is: the resource who completed it, else its assignee (a PSA leaves the
 * completer empty when a workflow rule, an RMM or an integration completes the ticket). The one rule for "a person's completed tickets": every KPI that credits a completed ticket
 * to a person, or narrows completed tickets to `me`, reads it here.
 */
export function creditedTo(eb: ExpressionBuilder<Database, 'ticket'>) {
  return eb.fn.coalesce('ticket.completed_by_resource_id', 'ticket.assigned_resource_id')
}

/** Narrows a query on completed tickets to those credited to `me` (see `creditedTo`) when given. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely query over the ticket table
export function creditedToMe<QB extends { where: (...args: any[]) => QB }>(query: QB, me: number | null): QB {
  return me === null ? query : query.where((eb: ExpressionBuilder<Database, 'ticket'>) => eb(creditedTo(eb), '=', me))
}

/** Created in the window: the one reading of "tickets created in the last N days / today". */
export function createdIn(window: Window) {
  return (eb: ExpressionBuilder<Database, 'ticket'>) =>
    eb.and([eb('ticket.created_at', '>', window.after), eb('ticket.created_at', '<=', window.until)])
}

// Monitoring alerts (kind alert) are opened, and often closed, by an RMM tool, not by a person.
// Every KPI about people's work says whether it counts them; where both readings are useful it takes
// the `includeAlerts` parameter below, and human action lists leave them out by default.

/** Not a monitoring alert (a ticket of no known kind is a person's ticket). */
export function notAlert(eb: ExpressionBuilder<Database, 'ticket'>) {
  return eb.or([eb('ticket.kind', 'is', null), eb('ticket.kind', '!=', 'alert')])
}

/** The query as it is when `includeAlerts`, else with monitoring alerts left out. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely query over the ticket table
export function withAlerts<QB extends { where: (...args: any[]) => QB }>(query: QB, includeAlerts: boolean): QB {
  return includeAlerts ? query : query.where(notAlert)
}

/** The `includeAlerts` parameter, with the KPI's own default. */
export function includeAlertsParam(include: boolean) {
  return {
    type: 'boolean' as const,
    default: include,
    description: {
      en: 'Count monitoring alerts too.',
      nl: 'Ook monitoringalerts meetellen.',
    },
  }
}

/** " (alerts included)" / " (alerts left out)": how a sentence says which tickets it counted. */
export function alertsNote(includeAlerts: boolean, lang: Lang): string {
  if (lang === 'nl') return includeAlerts ? ' (alerts meegeteld)' : ' (zonder alerts)'
  return includeAlerts ? ' (alerts included)' : ' (alerts left out)'
}

/** "First Last" of a resource, or null. */
export function resourceName(alias: 'resource' | 'completer' | 'owner' = 'resource') {
  return sql<
    string | null
  >`nullif(trim(coalesce(${sql.ref(`${alias}.first_name`)}, '') || ' ' || coalesce(${sql.ref(`${alias}.last_name`)}, '')), '')`
}

export function contactName() {
  return sql<
    string | null
  >`nullif(trim(coalesce(contact.first_name, '') || ' ' || coalesce(contact.last_name, '')), '')`
}

/** The contact's direct line, else the mobile. */
export function contactPhone() {
  return sql<string | null>`coalesce(nullif(contact.phone, ''), contact.mobile_phone)`
}

/** A ticket as a list row names it, for a query on `ticket`: its id, number and title. */
export const TICKET_COLUMNS = [
  'ticket.id as ticketId',
  'ticket.number as ticketNumber',
  'ticket.title as ticketTitle',
] as const

/** Whom to call, for a query that joins `contact`: the contact's name and phone. */
export const CONTACT_COLUMNS = [contactName().as('contactName'), contactPhone().as('contactPhone')] as const

/**
 * The context every action-list row about a ticket carries, under the row field names the front end
 * knows: the ticket, its company, the contact to call and the assigned resource. For a query that joins
 * `ticket`, `company`, `contact` and `resource` (the ticket's assignee).
 */
export const ROW_CONTEXT_COLUMNS = [
  ...TICKET_COLUMNS,
  'company.name as companyName',
  ...CONTACT_COLUMNS,
  'ticket.assigned_resource_id as resourceId',
  resourceName().as('resourceName'),
] as const

/** Tickets with the row context (ROW_CONTEXT_COLUMNS): company, contact (name and phone) and the assigned resource. */
export function ticketRows(db: Kysely<Database>) {
  return db
    .selectFrom('ticket')
    .leftJoin('company', 'company.id', 'ticket.company_id')
    .leftJoin('contact', 'contact.id', 'ticket.contact_id')
    .leftJoin('resource', 'resource.id', 'ticket.assigned_resource_id')
    .select(ROW_CONTEXT_COLUMNS)
}

/** A ticket's priority with the tenant's label and its urgency, for a query on `ticket`. */
export const PRIORITY_COLUMNS = [
  'ticket.priority as priority',
  'ticket.urgency as urgency',
  labelOf('ticketPriority', 'ticket.priority').as('priorityLabel'),
] as const

/** A ticket's status with the tenant's label, for a query on `ticket`. */
export const STATUS_COLUMNS = [
  'ticket.status as status',
  labelOf('ticketStatus', 'ticket.status').as('statusLabel'),
] as const

/** The tenant's label of a PSA value in a column, e.g. a ticket's status -> "Waiting Customer". */
export function labelOf(list: LabelList, column: string) {
  const { entity, field } = LABELS[list]
  return sql<
    string | null
  >`(select pv.label from picklist_value pv where pv.entity = ${entity} and pv.field = ${field} and pv.value = cast(${sql.ref(column)} as text))`
}

/** Narrows to one person's rows when the dashboard is for `me`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Kysely query with that column
export function forMe<QB extends { where: (...args: any[]) => QB }>(query: QB, column: string, me: number | null): QB {
  return me === null ? query : query.where(column, '=', me)
}

/** Values for an SQL `in (...)`: an empty list becomes one that matches nothing (`in ()` is not SQL). */
export function sqlList(values: readonly number[]): number[] {
  return values.length > 0 ? [...values] : [-1]
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator
}

export function percent(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : (100 * numerator) / denominator
}

export function median(values: number[]): number | null {
  return quantile(values, 0.5)
}

export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low)
}

export function sum(values: Iterable<number>): number {
  let total = 0
  for (const value of values) total += value
  return total
}

/** The average; null for no values. */
export function mean(values: number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length
}

/** A user-defined field's value from a row's `udf` JSON (`{"Seats":"25"}`), parsed in JavaScript so no dialect's JSON functions are needed. */
function udfText(udf: string | null | undefined, name: string): string | null {
  if (!udf) return null
  try {
    const value = (JSON.parse(udf) as Record<string, unknown>)[name]
    return value === undefined || value === null ? null : String(value)
  } catch {
    return null
  }
}

export function udfNumber(udf: string | null | undefined, name: string): number | null {
  const text = udfText(udf, name)
  if (text === null || text.trim() === '') return null
  const value = Number(text)
  return Number.isFinite(value) ? value : null
}
