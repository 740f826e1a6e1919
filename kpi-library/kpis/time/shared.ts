import type { ExpressionBuilder, InferResult, Kysely, NotNull } from 'kysely'
import { staffWithEntries } from '../../billing.js'
import type { Database } from '../../../db/schema.js'
import { forMe, isOpen, resourceName, sum, withAlerts } from '../../sql.js'
import {
  businessDaysInRange,
  type BusinessHours,
  type DateRange,
  isBusinessDay,
  lastDates,
  lastDays,
} from '../../time.js'
import type { BreakdownItem, Lang, StaffCalendar, Text } from '../../types.js'
import { numberText, percentText } from '../../format.js'
import { integerParam, numberParam } from '../../params.js'

// Helpers of the time group: capacity, hours per person, time-entry rows and the sentences about them.
/** Contracted hours per working day, from a weekly figure spread over the working days of the week. */
export function dailyHours(weeklyHours: number, hours: BusinessHours): number {
  return weeklyHours / Math.max(1, hours.days.length)
}

/** A person's contracted hours per week: their own from the MSP settings, else `weeklyHours`. */
export function weeklyHoursOf(resourceId: number, weeklyHours: number, staff: StaffCalendar | undefined): number {
  return staff?.weeklyHours.get(resourceId) ?? weeklyHours
}

/** True when the MSP settings have the person on leave on `date`. */
export function onLeave(resourceId: number, date: string, staff: StaffCalendar | undefined): boolean {
  return staff?.leave.get(resourceId)?.includes(date) ?? false
}

/**
 * Each person's capacity over a date range: their weekly hours (weeklyHoursOf) pro rata to the range's
 * business days (holidays of the settings out), less their leave days that are business days.
 */
export function capacityOf(
  weeklyHours: number,
  range: DateRange,
  hours: BusinessHours,
  staff: StaffCalendar | undefined,
): (resourceId: number) => number {
  const days = businessDaysInRange(range.from, range.to, hours)
  return (resourceId) => {
    const off = (staff?.leave.get(resourceId) ?? []).filter(
      (date) => date >= range.from && date <= range.to && isBusinessDay(date, hours),
    ).length
    return dailyHours(weeklyHoursOf(resourceId, weeklyHours, staff), hours) * Math.max(0, days - off)
  }
}

/**
 * The people capacity counts for: active resources who logged any time, billable or not, in the last
 * `days` days (time.ts `lastDates`: today and the `days - 1` dates before it). Finance, sales and
 * leavers without time entries stay out. The same people query, over the same dates, as billing.ts's
 * billable staff, which counts only billable entries.
 */
export function capacityResources(db: Kysely<Database>, now: Date, tz: string, days: number, me: number | null) {
  return staffWithEntries(db, lastDates(now, tz, days), me, false)
}

/** Hours per resource over a date range; `billable` keeps only entries not marked non-billable. */
export function hoursByResource(db: Kysely<Database>, range: DateRange, me: number | null, billable = false) {
  let query = db
    .selectFrom('time_entry')
    .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
    .select((eb) => [
      'time_entry.resource_id as resourceId',
      resourceName().as('resourceName'),
      eb.fn.sum<number>('time_entry.hours_worked').as('hours'),
      eb.fn
        .sum<number>(
          eb.case().when('time_entry.non_billable', '=', 0).then(eb.ref('time_entry.hours_worked')).else(0).end(),
        )
        .as('billable'),
    ])
    .where(workedIn(range))
    .groupBy(['time_entry.resource_id', 'resource.first_name', 'resource.last_name'])
  if (billable) query = query.where('time_entry.non_billable', '=', 0)
  return forMe(query, 'time_entry.resource_id', me)
}

/**
 * Open tickets grouped per assignee (nobody: a null `resourceId`), with the assignee's name; monitoring
 * alerts only when `includeAlerts`. The caller selects what it counts per group.
 */
export function openPerAssignee(db: Kysely<Database>, includeAlerts: boolean) {
  return withAlerts(
    db
      .selectFrom('ticket')
      .leftJoin('resource', 'resource.id', 'ticket.assigned_resource_id')
      .select(['ticket.assigned_resource_id as resourceId', resourceName().as('resourceName')])
      .where(isOpen)
      .groupBy(['ticket.assigned_resource_id', 'resource.first_name', 'resource.last_name']),
    includeAlerts,
  )
}

/** A row of `hoursByResource`: a person's hours worked, and the billable part of them. */
export type PersonHours = InferResult<ReturnType<typeof hoursByResource>>[number]

/** Rows of `hoursByResource` by resource id. */
export function personHours(rows: readonly PersonHours[]): Map<number, PersonHours> {
  return new Map(rows.map((row) => [row.resourceId, row]))
}

/** A row of `capacityResources` or billing.ts's `billableStaff`. */
export interface Person {
  resourceId: number
  resourceName: string | null
}

export function nameOf(person: Person): string {
  return person.resourceName?.trim() || `#${person.resourceId}`
}

/** Highest first, people without a value last, ties by id so the order is stable. */
export function sortItems<T extends Omit<BreakdownItem, 'label'>>(items: T[]): T[] {
  return items.sort(
    (a, b) =>
      (b.value ?? -Infinity) - (a.value ?? -Infinity) || Number(a.key) - Number(b.key) || a.key.localeCompare(b.key),
  )
}

/** Per-person breakdown items, highest first. */
export function personItems<P extends Person>(list: P[], value: (person: P) => number | null): BreakdownItem[] {
  return sortItems(
    list.map((person) => ({ key: String(person.resourceId), label: nameOf(person), value: value(person) })),
  )
}

/** Builds both sentences from one template that receives the language and its number formatter. */
export function sentence(
  make: (lang: Lang, n: (value: number | null | undefined, digits?: number) => string) => string,
): Text {
  return { en: make('en', (v, d) => numberText(v, 'en', d)), nl: make('nl', (v, d) => numberText(v, 'nl', d)) }
}

export const weeklyHoursParam = () =>
  numberParam(
    40,
    1,
    80,
    'Contracted hours per person per week (capacity).',
    'Contracturen per medewerker per week (capaciteit).',
  )

export const activeDaysParam = () =>
  integerParam(
    30,
    1,
    365,
    'Capacity counts active resources who logged time in the last this many days (dates worked, today included).',
    'Capaciteit telt actieve medewerkers die in de laatste zoveel dagen tijd hebben geschreven (werkdatum, vandaag meegeteld).',
  )

export const INTERNAL_BILLING_CODE = 29682804

/**
 * Hours of the capacity people as a share of their capacity, per person and for the team. Hours of
 * people outside the capacity set (leavers, finance) are left out of both sides.
 */
export function capacityShare(
  hourRows: readonly PersonHours[],
  team: Person[],
  capacity: number | ((resourceId: number) => number),
  pick: (hours: PersonHours) => number,
) {
  const byPerson = personHours(hourRows)
  const hoursOf = (person: Person) => {
    const found = byPerson.get(person.resourceId)
    return found ? pick(found) : 0
  }
  // One figure for everyone, or each person's own (capacityOf).
  const capacityFor = (person: Person) => (typeof capacity === 'number' ? capacity : capacity(person.resourceId))
  const total = sum(team.map(hoursOf))
  const available = sum(team.map(capacityFor))
  return {
    value: available > 0 ? (100 * total) / available : null,
    items: personItems(team, (person) =>
      capacityFor(person) > 0 ? (100 * hoursOf(person)) / capacityFor(person) : null,
    ),
    facts: { hours: total, capacity: available, people: team.length },
  }
}

/** `where` filter: the entry's date worked lies in the range. */
export function workedIn(range: DateRange) {
  return (eb: ExpressionBuilder<Database, 'time_entry'>) =>
    eb.and([eb('time_entry.date_worked', '>=', range.from), eb('time_entry.date_worked', '<=', range.to)])
}

/**
 * Time entries whose work ended in the last `days` days, `me`'s only when given: when the work ended and
 * when the entry was made, to tell how late it was entered. Entries without an end time cannot say and
 * are left out.
 */
export function entriesEnded(ctx: { db: Kysely<Database>; now: Date; tz: string; me: number | null }, days: number) {
  return forMe(
    ctx.db
      .selectFrom('time_entry')
      .select(['time_entry.end_at as endAt', 'time_entry.created_at as createdAt'])
      .where('time_entry.end_at', '>', lastDays(ctx.now, ctx.tz, days).after)
      .where('time_entry.end_at', '<=', ctx.now.toISOString())
      .$narrowType<{ endAt: NotNull }>(),
    'time_entry.resource_id',
    ctx.me,
  )
}

/** Who worked a time entry and when, for a query on `time_entry` that joins its `resource`. */
export const ENTRY_COLUMNS = [
  'time_entry.resource_id as resourceId',
  resourceName().as('resourceName'),
  'time_entry.date_worked as dateWorked',
  'time_entry.start_at as startAt',
  'time_entry.end_at as endAt',
] as const

/** Time entries with who, which ticket and which client, under the row field names lists use. */
export function entryRows(db: Kysely<Database>) {
  return db
    .selectFrom('time_entry')
    .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
    .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
    .leftJoin('company', 'company.id', 'ticket.company_id')
    .select([
      'time_entry.id as entryId',
      ...ENTRY_COLUMNS,
      'time_entry.ticket_id as ticketId',
      'ticket.number as ticketNumber',
      'ticket.title as ticketTitle',
      'company.name as companyName',
    ])
}

/** Hours per person over a range next to the people capacity counts for. */
export function capacityQueries(
  ctx: { db: Kysely<Database>; now: Date; tz: string; me: number | null; params: { activeDays: number } },
  range: DateRange,
  billable = false,
) {
  return {
    hours: hoursByResource(ctx.db, range, ctx.me, billable),
    people: capacityResources(ctx.db, ctx.now, ctx.tz, ctx.params.activeDays, ctx.me),
  }
}

/** "12 of 40 hours logged last month were billable (30%)": a part of last month's logged hours, named by `kind` ("billable" / "declarabel"). */
export function lastMonthShare(part: number, worked: number, share: number | null | undefined, kind: Text): Text {
  return sentence((lang, n) => {
    if (worked === 0)
      return lang === 'en' ? 'No time was logged last month.' : 'Vorige maand zijn geen uren geschreven.'
    return lang === 'en'
      ? `${n(part)} of ${n(worked)} hours logged last month were ${kind.en} (${percentText(share, lang)}%).`
      : `Van de ${n(worked)} geschreven uren vorige maand was ${n(part)} ${kind.nl} (${percentText(share, lang)}%).`
  })
}

export const LAST_MONTH: Text = { en: 'previous calendar month', nl: 'vorige kalendermaand' }

export const LAST_WEEK: Text = { en: 'previous ISO week', nl: 'vorige ISO-week' }
