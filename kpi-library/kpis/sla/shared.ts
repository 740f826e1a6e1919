import type { Kysely, NotNull } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { TicketKind } from '../../../db/psa-model.js'
import { compareWords, percentText } from '../../format.js'
import { groupBy, priorityName } from '../../lists.js'
import {
  completedIn,
  isOpen,
  percent,
  labelOf,
  PRIORITY_COLUMNS,
  STATUS_COLUMNS,
  ticketRows,
  withAlerts,
} from '../../sql.js'
import { ago, businessHoursBetween, lastDays, MINUTE } from '../../time.js'
import type { BreakdownItem, KpiContext, KpiDrill, Lang, ListField, Text } from '../../types.js'

// Helpers of the SLA group: the PSA's SLA verdicts and due times, and the open-ticket lists built on them.

type Ctx = Pick<KpiContext, 'now' | 'tz' | 'hours'>

/** Business hours from `from` to `to` (ISO strings or Dates) on the context's calendar. */
export function businessHoursFor(from: string | Date, to: string | Date, ctx: Ctx): number {
  return businessHoursBetween(new Date(from), new Date(to), ctx.tz, ctx.hours)
}

/** Tickets with every action-list context field plus the labels and SLA times the SLA lists show. */
export function ticketListRows(db: Kysely<Database>) {
  return ticketRows(db).select([
    ...PRIORITY_COLUMNS,
    ...STATUS_COLUMNS,
    'ticket.queue_id as queueId',
    labelOf('ticketQueue', 'ticket.queue_id').as('queueLabel'),
    'ticket.created_at as createdAt',
    'ticket.first_response_at as firstResponseAt',
    'ticket.first_response_due_at as firstResponseDueAt',
    'ticket.resolved_at as resolvedAt',
    'ticket.resolved_due_at as resolvedDueAt',
    'ticket.last_activity_at as lastActivityAt',
  ])
}

/** Open tickets with the list fields; monitoring alerts only when `includeAlerts`. */
export function openTicketListRows(db: Kysely<Database>, includeAlerts: boolean) {
  return withAlerts(ticketListRows(db).where(isOpen), includeAlerts)
}

/** Open tickets created more than `minutes` clock minutes ago, oldest first: the lists of tickets still waiting to be picked up. */
export function openLongerThan(ctx: { db: Kysely<Database>; now: Date }, minutes: number, includeAlerts: boolean) {
  return openTicketListRows(ctx.db, includeAlerts)
    .where('ticket.created_at', '<', ago(ctx.now, minutes * MINUTE))
    .orderBy('ticket.created_at')
    .orderBy('ticket.id')
}

/** A fetched list row with its priority label filled in (and no blank name for nobody), ready for the KPI's own fields. */
export function listRow<
  R extends {
    priority: number | null
    urgency: number | null
    priorityLabel: string | null
    resourceName: string | null
  },
>(row: R): Omit<R, 'priorityLabel'> & { priorityLabel: string | Text } {
  return {
    ...row,
    priorityLabel: priorityName({ priority: row.priority, urgency: row.urgency, label: row.priorityLabel }),
    resourceName: row.resourceName || null,
  }
}

/** A list row with the SLA event it waits for next (`nextSlaDue`), the event named in both languages. */
export function dueRow<
  R extends {
    priority: number | null
    urgency: number | null
    priorityLabel: string | null
    resourceName: string | null
  },
>(row: R, next: { slaEvent: SlaEvent; dueAt: string }) {
  return { ...listRow(row), ...next, slaEvent: SLA_EVENT_WORDS[next.slaEvent] }
}

/** The SLA event a list row waits for (see `nextSlaDue`). */
export const SLA_EVENT_FIELD: ListField = {
  key: 'slaEvent',
  label: { en: 'SLA event', nl: 'SLA-moment' },
  type: 'text',
}

export interface SlaRow {
  sla_met: number | null
}

/** Share of tickets whose SLA was met among those with a verdict. */
export function slaPercent(rows: readonly SlaRow[]): { met: number; total: number; pct: number | null } {
  const judged = rows.filter((row) => row.sla_met !== null)
  const met = judged.filter((row) => Number(row.sla_met) === 1).length
  return { met, total: judged.length, pct: percent(met, judged.length) }
}

/** One breakdown item per key: the SLA % of that key's tickets, worst first, ties by label. */
export function slaItems<R extends SlaRow>(
  rows: readonly R[],
  key: (row: R) => string,
  label: (row: R) => string | Text,
): Array<Omit<BreakdownItem, 'label'> & { label: string | Text }> {
  return [
    ...groupBy(
      rows.filter((row) => row.sla_met !== null),
      key,
    ).entries(),
  ]
    .map(([k, group]) => ({ key: k, label: label(group[0]!), value: slaPercent(group).pct, n: group.length }))
    .sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || compareWords(a.label, b.label))
    .map(({ key: k, label: l, value }) => ({ key: k, label: l, value }))
}

/** The columns runningSlaRows and its SLA times read, for the `about.sources` of the lists built on it. */
export const RUNNING_SLA_SOURCES = [
  'ticket.state',
  'ticket.kind',
  'ticket.first_response_due_at',
  'ticket.first_response_at',
  'ticket.resolved_due_at',
  'ticket.resolved_at',
  'ticket.assigned_resource_id',
] as const

/** Open tickets not waiting on the customer (their SLA clock runs), narrowed to `me`'s when given. */
export function runningSlaRows(db: Kysely<Database>, me: number | null, includeAlerts: boolean) {
  const rows = openTicketListRows(db, includeAlerts).where('ticket.state', '!=', 'waiting_customer')
  return me === null ? rows : rows.where('ticket.assigned_resource_id', '=', me)
}

/**
 * Where the PSA shows no time a ticket waited on the customer, its resolution deadline stays as set at creation
 * (docs/psa-model.md): a deadline the PSA would have moved on counts as passed sooner. The tile says so.
 */
export const DEADLINES_NOT_MOVED = {
  dueTimesIgnoreWaits: { en: 'deadlines not moved for waiting', nl: 'deadlines niet verschoven bij wachten' },
} as const

export type SlaEvent = 'first_response' | 'resolution'

/** An SLA event as a row names it, in both languages. */
export const SLA_EVENT_WORDS: Record<SlaEvent, Text> = {
  first_response: { en: 'first response', nl: 'eerste reactie' },
  resolution: { en: 'resolution', nl: 'oplossing' },
}

/** The SLA event a ticket waits for next: the first response until it is given, then the resolution. */
export function nextSlaDue(row: {
  firstResponseAt: string | null
  firstResponseDueAt: string | null
  resolvedAt: string | null
  resolvedDueAt: string | null
}): { slaEvent: SlaEvent; dueAt: string } | null {
  if (row.firstResponseAt === null && row.firstResponseDueAt !== null)
    return { slaEvent: 'first_response', dueAt: row.firstResponseDueAt }
  if (row.resolvedAt === null && row.resolvedDueAt !== null) return { slaEvent: 'resolution', dueAt: row.resolvedDueAt }
  return null
}

/** Tickets of the kinds resolved in the last `days` days (completed or not), with their creation and resolution times. */
export function resolvedTickets(
  ctx: Pick<KpiContext, 'db' | 'now' | 'tz'>,
  days: number,
  kinds: readonly TicketKind[],
) {
  return (
    ctx.db
      .selectFrom('ticket')
      .select(['created_at as createdAt', 'resolved_at as resolvedAt'])
      .where('ticket.resolved_at', '>', lastDays(ctx.now, ctx.tz, days).after)
      .where('ticket.resolved_at', '<=', ctx.now.toISOString())
      .where('kind', 'in', kinds)
      // Resolved in the window: the resolution time is set.
      .$narrowType<{ resolvedAt: NotNull }>()
  )
}

/**
 * Tickets completed in the last `days` days (or a drill-down's window) that carry the PSA's SLA verdict, with
 * company and priority.
 */
export function slaVerdicts(ctx: Pick<KpiContext, 'db' | 'now' | 'tz' | 'hours' | 'window'>, days: number) {
  return ctx.db
    .selectFrom('ticket')
    .leftJoin('company', 'company.id', 'ticket.company_id')
    .select([
      'ticket.id as ticketId',
      'ticket.completed_at as completedAt',
      'ticket.sla_met',
      ...PRIORITY_COLUMNS,
      'ticket.company_id as companyId',
      'company.name as companyName',
    ])
    .where(completedIn(ctx.window ?? lastDays(ctx.now, ctx.tz, days)))
    .where('ticket.sla_met', 'is not', null)
}

/** The drill-down of the SLA verdicts (`slaVerdicts`): met or missed, as the PSA judged each ticket. */
export const SLA_VERDICT_DRILL: KpiDrill = {
  query: 'tickets',
  date: 'completedAt',
  recompute: true,
  verdict: (row) =>
    Number(row.sla_met) === 1
      ? { text: { en: 'SLA met', nl: 'SLA gehaald' }, bad: false }
      : { text: { en: 'SLA missed', nl: 'SLA gemist' }, bad: true },
}

/** The sentence for a window without a completed ticket that has an SLA; `scope` narrows it (" of yours"). */
export function noSlaTickets(days: number, lang: Lang, scope = ''): string {
  return lang === 'en'
    ? `No ticket${scope} with an SLA was completed in the last ${days} days.`
    : `In de afgelopen ${days} dagen is geen ticket${scope} met een SLA afgerond.`
}

/** "41 of 44 tickets completed in the last 7 days met their SLA (93.2%)." */
export function slaSentence(
  met: number,
  total: number,
  share: number | null,
  days: number,
  lang: Lang,
  scope = '',
): string {
  if (total === 0) return noSlaTickets(days, lang, scope)
  return lang === 'en'
    ? `${met} of ${total} tickets${scope} completed in the last ${days} days met their SLA (${percentText(share, lang, 'unknown')}%).`
    : `${met} van de ${total} tickets${scope} die de afgelopen ${days} dagen zijn afgerond, haalden hun SLA (${percentText(share, lang, 'unknown')}%).`
}
