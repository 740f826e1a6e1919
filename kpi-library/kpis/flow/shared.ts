import type { Kysely, NotNull } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { alertsNote, completedIn, createdIn, isOpen, percent, picklistLabel, priorityRank, sqlList, ticketRows, withAlerts } from '../../sql.js'
import { addDays, businessHoursBetween, lastCalendarDays, lastDays, localDate, localSpans, periodOf, startOfDate } from '../../time.js'
import type { BreakdownItem, KpiContext, Lang, ListField, RowsOf, Text, TrendPoint } from '../../types.js'
import { bothLanguages, compareWords, numberText, percentText } from '../../format.js'
import { historyDays, historyStart } from '../../history.js'
import { integersParam } from '../../params.js'

// Helpers shared by the flow and sla groups.

type Ctx = Pick<KpiContext, 'now' | 'tz' | 'hours'>

/** The last `count` local dates, oldest first, ending today. */
export function lastLocalDates(ctx: Ctx, count: number): string[] {
  const today = localDate(ctx.now, ctx.tz)
  return Array.from({ length: count }, (_, i) => addDays(today, i - count + 1))
}

export function dateStart(date: string, tz: string): string {
  return startOfDate(date, tz).toISOString()
}

/** Counts instants per local date; dates outside `dates` are ignored. */
export function perLocalDay(instants: readonly string[], dates: readonly string[], tz: string): TrendPoint[] {
  const counts = dates.map(() => 0)
  const spans = localSpans(dates, (date) => addDays(date, 1), tz)
  for (const at of instants) {
    const i = periodOf(Date.parse(at), spans)
    if (i !== null) counts[i]!++
  }
  return dates.map((t, i) => ({ t, value: counts[i]! }))
}


/** Business hours from `from` to `to` (ISO strings or Dates) on the context's calendar. */
export function bh(from: string | Date, to: string | Date, ctx: Ctx): number {
  return businessHoursBetween(new Date(from), new Date(to), ctx.tz, ctx.hours)
}

export function hoursBetween(from: string, to: Date): number {
  return (to.getTime() - Date.parse(from)) / 3_600_000
}


// Autotask's standard priorities, named by us only when the tenant's picklist has no label for one.
const PRIORITY_NAMES: Record<number, Text> = {
  4: { en: 'Critical', nl: 'Kritiek' },
  1: { en: 'High', nl: 'Hoog' },
  2: { en: 'Medium', nl: 'Gemiddeld' },
  3: { en: 'Low', nl: 'Laag' },
}

export { priorityRank }

/** The picklist's label of a priority as the tenant wrote it, else our name for it in both languages. */
export function priorityName(priority: number | null, label: string | null): string | Text {
  return label ?? (priority === null ? { en: 'No priority', nl: 'Geen prioriteit' } : (PRIORITY_NAMES[priority] ?? String(priority)))
}

/** A picklist label, else the raw value, else our word for none (in both languages). */
export function labelOr(label: string | null, value: number | null, none: Text): string | Text {
  return label ?? (value === null ? none : String(value))
}

/** Tickets with every action-list context field plus the labels and SLA times the flow and sla lists show. */
export function ticketListRows(db: Kysely<Database>) {
  return ticketRows(db).select([
    'ticket.priority as priority',
    picklistLabel('Tickets', 'priority', 'ticket.priority').as('priorityLabel'),
    'ticket.status as status',
    picklistLabel('Tickets', 'status', 'ticket.status').as('statusLabel'),
    'ticket.queue_id as queueId',
    picklistLabel('Tickets', 'queueID', 'ticket.queue_id').as('queueLabel'),
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

/** A fetched list row with its priority label filled in (and no blank name for nobody), ready for the KPI's own fields. */
export function listRow<R extends { priority: number | null; priorityLabel: string | null; resourceName: string | null }>(
  row: R,
): Omit<R, 'priorityLabel'> & { priorityLabel: string | Text } {
  return { ...row, priorityLabel: priorityName(row.priority, row.priorityLabel), resourceName: row.resourceName || null }
}

export const FIELD = {
  ticketNumber: { key: 'ticketNumber', label: { en: 'Ticket', nl: 'Ticket' }, type: 'text' },
  ticketTitle: { key: 'ticketTitle', label: { en: 'Subject', nl: 'Onderwerp' }, type: 'text' },
  companyName: { key: 'companyName', label: { en: 'Company', nl: 'Bedrijf' }, type: 'text' },
  contactName: { key: 'contactName', label: { en: 'Contact', nl: 'Contactpersoon' }, type: 'text' },
  contactPhone: { key: 'contactPhone', label: { en: 'Phone', nl: 'Telefoon' }, type: 'phone' },
  priority: { key: 'priorityLabel', label: { en: 'Priority', nl: 'Prioriteit' }, type: 'text' },
  status: { key: 'statusLabel', label: { en: 'Status', nl: 'Status' }, type: 'text' },
  queue: { key: 'queueLabel', label: { en: 'Queue', nl: 'Wachtrij' }, type: 'text' },
  assignee: { key: 'resourceName', label: { en: 'Assigned to', nl: 'Behandelaar' }, type: 'text' },
  createdAt: { key: 'createdAt', label: { en: 'Created', nl: 'Aangemaakt' }, type: 'datetime' },
  slaEvent: { key: 'slaEvent', label: { en: 'SLA event', nl: 'SLA-moment' }, type: 'text' },
  dueAt: { key: 'dueAt', label: { en: 'Due', nl: 'Deadline' }, type: 'datetime' },
  lastActivityAt: { key: 'lastActivityAt', label: { en: 'Last activity', nl: 'Laatste activiteit' }, type: 'datetime' },
} as const satisfies Record<string, ListField>

export const WAITING_PARAM = integersParam(
  [7],
  'Statuses during which the SLA clock stops (Waiting Customer).',
  'Statussen waarin de SLA-klok stilstaat (Wachten op klant).',
)

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
export function slaItems<R extends SlaRow>(rows: readonly R[], key: (row: R) => string, label: (row: R) => string | Text): Array<Omit<BreakdownItem, 'label'> & { label: string | Text }> {
  const groups = new Map<string, { label: string | Text; rows: R[] }>()
  for (const row of rows) {
    if (row.sla_met === null) continue
    const k = key(row)
    const group = groups.get(k) ?? { label: label(row), rows: [] }
    group.rows.push(row)
    groups.set(k, group)
  }
  return [...groups.entries()]
    .map(([k, group]) => ({ key: k, label: group.label, value: slaPercent(group.rows).pct, n: group.rows.length }))
    .sort((a, b) => (a.value ?? 0) - (b.value ?? 0) || compareWords(a.label, b.label))
    .map(({ key: k, label: l, value }) => ({ key: k, label: l, value }))
}

/**
 * The queries, computation and sentence of a daily trend of tickets created or completed: whole local
 * calendar days, today so far included, so each point is its day and the number is their sum. That
 * differs from the rolling "last N days" of the other tiles by the hours of the oldest day before now's
 * time, which is why its window says "calendar days".
 */
export function ticketsPerDay(event: 'created' | 'completed', verb: Text) {
  type C = KpiContext<{ days: number; includeAlerts: boolean }>
  const column = event === 'created' ? 'ticket.created_at' : 'ticket.completed_at'
  const queries = (ctx: C) => {
    const window = lastCalendarDays(ctx.now, ctx.tz, ctx.params.days)
    const tickets = ctx.db
      .selectFrom('ticket')
      .select(`${column} as at`)
      .where(event === 'created' ? createdIn(window) : completedIn(window))
      // Created or completed in the window: the time is set.
      .$narrowType<{ at: NotNull }>()
    return { tickets: withAlerts(tickets, ctx.params.includeAlerts), first: historyStart(ctx.db, 'tickets') }
  }
  const compute = ({ tickets, first }: RowsOf<ReturnType<typeof queries>>, ctx: C) => {
    const dates = lastLocalDates(ctx, ctx.params.days)
    const points = perLocalDay(tickets.map((row) => row.at), dates, ctx.tz)
    const total = tickets.length
    // Per day over the days that hold data: a month-old tenant's 30-day window has fewer.
    const history = historyDays(first[0]?.first, dates[0]!, ctx.now, ctx.tz)
    return { value: total, points, facts: { total, perDay: total / (history ?? ctx.params.days), today: points.at(-1)?.value ?? 0, history } }
  }
  return {
    queries,
    compute,
    context: ({ facts }: ReturnType<typeof compute>, { params }: C) =>
      bothLanguages((lang) => {
        const { total, perDay, today } = facts
        const which = alertsNote(params.includeAlerts, lang)
        return lang === 'en'
          ? `${total} tickets were ${verb.en} on the last ${params.days} calendar days${which}, ${numberText(perDay, lang, 1, 'unknown')} a day; ${today} so far today.`
          : `Op de afgelopen ${params.days} kalenderdagen zijn ${total} tickets ${verb.nl}${which}, ${numberText(perDay, lang, 1, 'unknown')} per dag; vandaag tot nu toe ${today}.`
      }),
  }
}

/** " of yours" / " van jou" when the dashboard is for one person. */
export function yours(me: number | null, lang: Lang): string {
  return me === null ? '' : lang === 'en' ? ' of yours' : ' van jou'
}

/** Open tickets not in a waiting status (their SLA clock runs), narrowed to `me`'s when given. */
export function runningSlaRows(db: Kysely<Database>, waitingStatuses: readonly number[], me: number | null, includeAlerts: boolean) {
  const rows = openTicketListRows(db, includeAlerts).where('ticket.status', 'not in', sqlList(waitingStatuses))
  return me === null ? rows : rows.where('ticket.assigned_resource_id', '=', me)
}

export type SlaEvent = 'first_response' | 'resolution'

/** An SLA event as a row names it, in both languages. */
export const SLA_EVENT_WORDS: Record<SlaEvent, Text> = {
  first_response: { en: 'first response', nl: 'eerste reactie' },
  resolution: { en: 'resolution', nl: 'oplossing' },
}

/** The SLA event a ticket waits for next: the first response until it is given, then the resolution. */
export function nextSlaDue(row: { firstResponseAt: string | null; firstResponseDueAt: string | null; resolvedAt: string | null; resolvedDueAt: string | null }): { slaEvent: SlaEvent; dueAt: string } | null {
  if (row.firstResponseAt === null && row.firstResponseDueAt !== null) return { slaEvent: 'first_response', dueAt: row.firstResponseDueAt }
  if (row.resolvedAt === null && row.resolvedDueAt !== null) return { slaEvent: 'resolution', dueAt: row.resolvedDueAt }
  return null
}

/** Tickets completed in the last `days` days that carry the PSA's SLA verdict, with company and priority. */
export function slaVerdicts(ctx: Pick<KpiContext, 'db' | 'now' | 'tz' | 'hours'>, days: number) {
  return ctx.db
    .selectFrom('ticket')
    .leftJoin('company', 'company.id', 'ticket.company_id')
    .select([
      'ticket.sla_met',
      'ticket.priority as priority',
      picklistLabel('Tickets', 'priority', 'ticket.priority').as('priorityLabel'),
      'ticket.company_id as companyId',
      'company.name as companyName',
    ])
    .where(completedIn(lastDays(ctx.now, ctx.tz, days)))
    .where('ticket.sla_met', 'is not', null)
}

/** "41 of 44 tickets completed in the last 7 days met their SLA (93.2%)." */
export function slaSentence(met: number, total: number, share: number | null, days: number, lang: Lang, scope = ''): string {
  if (lang === 'en') {
    return total === 0
      ? `No ticket${scope} with an SLA was completed in the last ${days} days.`
      : `${met} of ${total} tickets${scope} completed in the last ${days} days met their SLA (${percentText(share, lang, 'unknown')}%).`
  }
  return total === 0
    ? `In de afgelopen ${days} dagen is geen ticket${scope} met een SLA afgerond.`
    : `${met} van de ${total} tickets${scope} die de afgelopen ${days} dagen zijn afgerond, haalden hun SLA (${percentText(share, lang, 'unknown')}%).`
}
