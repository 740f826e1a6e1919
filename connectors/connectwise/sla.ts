import type { Selectable } from 'kysely'
import type { TicketTable } from '../../db/schema.js'
import type { DbHandle } from '../../db/index.js'
import { malformed, type RecordReader } from '../autotask/parse.js'
import { addBusinessTime, type OpenSpan, type WorkingCalendar } from '../business-time.js'
import type { ConnectWiseClient, ConnectWiseRecord } from './client.js'
import { lastUpdatedOf, openRecord, PSA } from './map.js'

// A ConnectWise ticket's SLA due times. The ticket carries only its SLA and priority; ConnectWise computes the due
// times from the SLA's hours for that priority, counted from the ticket's creation on the SLA's calendar (opening
// hours per weekday, less its holidays) in the MSP's time zone. The SLA setup is read once per sync, and only when a
// page holds a ticket that is new or changed (an unchanged ticket keeps the due times stored for it).
//
// Fields as ConnectWise's models name them (the reference does not document them): an SLA (`service/SLAs`) has
// `respondHours`, `planWithin`, `resolutionHours`, `basedOn` (AllHours, Custom, MyCalendar, Customer) and
// `customCalendar{id}`; its priorities (`service/SLAs/{id}/priorities`) have `priority{id}` and the same three hours
// (or `respondPercent`, `planWithinPercent`, `resolutionPercent` of the SLA's). A calendar (`schedule/calendars/{id}`)
// has `mondayStartTime` ... `sundayEndTime` ("08:30:00", null on a closed day) and `holidayList{id}`, whose holidays
// (`schedule/holidayLists/{id}/holidays`) have `date`, `allDayFlag` and `timeStart`/`timeEnd` (older versions:
// `dateStart`/`dateEnd`). Hours may come as numbers or numeric text.

const HOUR = 3_600_000
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

export type DueTimes = Pick<
  Selectable<TicketTable>,
  'first_response_due_at' | 'resolution_plan_due_at' | 'resolved_due_at'
>

export const NO_DUE_TIMES: DueTimes = {
  first_response_due_at: null,
  resolution_plan_due_at: null,
  resolved_due_at: null,
}

/** Hours to the first response, the resolution plan and the resolution; null where the SLA sets none. */
type Targets = readonly [respond: number | null, plan: number | null, resolve: number | null]

interface Sla {
  /** The SLA's clock: around the clock, a working calendar, or none known (no due times). */
  clock: 'all-hours' | WorkingCalendar | null
  /** Targets per priority id. */
  priorities: ReadonlyMap<number, Targets>
  /** The SLA's own targets, for a priority it does not list. */
  targets: Targets
}

export type SlaSetup = ReadonlyMap<number, Sla>

/** A ticket's due times under its SLA and priority, counted from its creation; none without an SLA. */
export function dueTimesOf(setup: SlaSetup, ticket: RecordReader): DueTimes {
  const slaId = ticket.int('sla/id')
  const sla = slaId === null ? undefined : setup.get(slaId)
  if (!sla || sla.clock === null) return NO_DUE_TIMES
  const priority = ticket.int('priority/id')
  const targets = (priority === null ? undefined : sla.priorities.get(priority)) ?? sla.targets
  const created = Date.parse(ticket.instant('_info/dateEntered', true)!)
  const { clock } = sla
  const dueAfter = (hours: number | null) => {
    if (hours === null) return null
    const ms = Math.round(hours * HOUR)
    const due = clock === 'all-hours' ? created + ms : addBusinessTime(created, ms, clock)
    return due === null ? null : new Date(due).toISOString()
  }
  return {
    first_response_due_at: dueAfter(targets[0]),
    resolution_plan_due_at: dueAfter(targets[1]),
    resolved_due_at: dueAfter(targets[2]),
  }
}

/** Every SLA with its priorities' targets and its calendar, in the MSP's time zone. */
export async function readSlaSetup(client: ConnectWiseClient, timeZone: string): Promise<SlaSetup> {
  const calendars = new Map<number, Promise<WorkingCalendar | null>>()
  const calendar = (id: number | null) => {
    if (id === null) return Promise.resolve(null)
    if (!calendars.has(id)) calendars.set(id, readCalendar(client, id, timeZone))
    return calendars.get(id)!
  }
  let companyCalendar: Promise<number | null> | null = null
  const setup = new Map<number, Sla>()
  for (const item of await all(client, 'service/SLAs', 'SLAs')) {
    const sla = openRecord('SLAs', item)
    const targets = targetsOf(sla, null)
    const priorities = new Map<number, Targets>()
    for (const row of await all(client, `service/SLAs/${sla.id}/priorities`, 'SLAs')) {
      const priority = openRecord('SLA priorities', row)
      const id = priority.int('priority/id')
      if (id !== null) priorities.set(id, targetsOf(priority, targets))
    }
    const basedOn = sla.text('basedOn')?.toLowerCase() ?? 'custom'
    let clock: Sla['clock'] = null
    if (basedOn === 'allhours') clock = 'all-hours'
    else if (basedOn === 'mycalendar') clock = await calendar(await (companyCalendar ??= readCompanyCalendar(client)))
    // A customer's own calendar is the customer company's: not read, so such an SLA gives no due times.
    else if (basedOn !== 'customer') clock = await calendar(sla.int('customCalendar/id') ?? sla.int('calendar/id'))
    setup.set(sla.id, { clock, priorities, targets })
  }
  return setup
}

async function all(client: ConnectWiseClient, path: string, entity: string): Promise<ConnectWiseRecord[]> {
  const records: ConnectWiseRecord[] = []
  for await (const page of client.pages(path, { entity })) records.push(...page.records)
  return records
}

/** A row's three targets in hours; a target not set (or 0) is its percentage of the SLA's own, or the SLA's own. */
function targetsOf(row: RecordReader, sla: Targets | null): Targets {
  const target = (hoursField: string, percentField: string, own: number | null) => {
    const hours = row.decimal(hoursField)
    if (hours !== null && hours > 0) return hours
    const percent = row.decimal(percentField)
    return own !== null && percent !== null && percent > 0 ? (own * percent) / 100 : own
  }
  return [
    target('respondHours', 'respondPercent', sla?.[0] ?? null),
    target('planWithin', 'planWithinPercent', sla?.[1] ?? null),
    target('resolutionHours', 'resolutionPercent', sla?.[2] ?? null),
  ]
}

/** The MSP's default calendar (`system/myCompany/other`), for SLAs based on "my calendar". */
async function readCompanyCalendar(client: ConnectWiseClient): Promise<number | null> {
  const [other] = await all(client, 'system/myCompany/other', 'Calendars')
  return other ? openRecord('Company settings', other).int('defaultCalendar/id') : null
}

/** A calendar's opening hours and its holidays; null when ConnectWise does not have it. */
async function readCalendar(client: ConnectWiseClient, id: number, timeZone: string): Promise<WorkingCalendar | null> {
  const item = await client.get(`schedule/calendars/${id}`, 'Calendars')
  if (item === null) return null
  const calendar = openRecord('Calendars', item)
  const week: Record<number, OpenSpan | null> = {}
  WEEKDAYS.forEach((day, index) => {
    const start = minuteOf(calendar, `${day}StartTime`)
    const end = minuteOf(calendar, `${day}EndTime`, true)
    week[index + 1] = start !== null && end !== null && end > start ? [start, end] : null
  })
  const closed = new Map<string, 'all' | OpenSpan[]>()
  const listId = calendar.int('holidayList/id')
  const holidays = listId === null ? [] : await all(client, `schedule/holidayLists/${listId}/holidays`, 'Calendars')
  for (const item of holidays) {
    const holiday = openRecord('Holidays', item)
    const date = holiday.date(holiday.present(['date', 'dateStart']), true)!
    const from = minuteOf(holiday, holiday.present(['timeStart', 'dateStart']))
    const to = minuteOf(holiday, holiday.present(['timeEnd', 'dateEnd']), true)
    const spans = closed.get(date)
    if (holiday.flag('allDayFlag') === 0 && from !== null && to !== null && to > from) {
      if (spans !== 'all') closed.set(date, [...(spans ?? []), [from, to]])
    } else closed.set(date, 'all')
  }
  return { timeZone, week, closed }
}

/**
 * Minutes after midnight of a wall-clock time, `08:30:00` or `08:30` (or the time of a date-time, as older holiday
 * fields carry it); `end` reads midnight as the end of the day.
 */
function minuteOf(record: RecordReader, field: string, end = false): number | null {
  const text = record.text(field)
  if (text === null || text === '') return null
  const match = /(?:^|T)(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim())
  const minute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN
  if (!(minute >= 0 && minute <= 24 * 60))
    throw malformed(record.entity, record.id, field, `is not a time of day (${text})`)
  return end && minute === 0 ? 24 * 60 : minute
}

/**
 * The due times of the tickets of a sync's ticket pass, page by page: computed for a ticket that is new, changed
 * (another `lastUpdated` than stored), or under an SLA without stored due times; the rest keep theirs. The SLA setup
 * is read the first time a page needs it.
 */
export class TicketDueTimes {
  private setup: Promise<SlaSetup> | null = null

  constructor(
    private readonly client: ConnectWiseClient,
    private readonly handle: DbHandle,
    private readonly timeZone: string,
    private readonly full: boolean,
  ) {}

  async forPage(records: readonly unknown[]): Promise<(ticket: RecordReader) => DueTimes> {
    const tickets = records.map((item) => openRecord('Tickets', item))
    const stored = this.full ? new Map<number, StoredTicket>() : await this.stored(tickets.map((ticket) => ticket.id))
    const keep = (ticket: RecordReader) => {
      const row = stored.get(ticket.id)
      if (!row || row.last_modified_at !== lastUpdatedOf(ticket)) return null
      const known = row.first_response_due_at ?? row.resolution_plan_due_at ?? row.resolved_due_at
      return known === null && ticket.int('sla/id') !== null ? null : row
    }
    const needs = tickets.some((ticket) => keep(ticket) === null)
    const setup = needs ? await (this.setup ??= readSlaSetup(this.client, this.timeZone)) : null
    return (ticket) => {
      const row = keep(ticket)
      if (row) {
        const { first_response_due_at, resolution_plan_due_at, resolved_due_at } = row
        return { first_response_due_at, resolution_plan_due_at, resolved_due_at }
      }
      return setup ? dueTimesOf(setup, ticket) : NO_DUE_TIMES
    }
  }

  private async stored(ids: number[]): Promise<Map<number, StoredTicket>> {
    if (ids.length === 0) return new Map()
    const rows = await this.handle.db
      .selectFrom('ticket')
      .select(['id', 'last_modified_at', 'first_response_due_at', 'resolution_plan_due_at', 'resolved_due_at'])
      .where('psa', '=', PSA)
      .where('id', 'in', ids)
      .execute()
    return new Map(rows.map((row) => [row.id, row]))
  }
}

type StoredTicket = DueTimes & { last_modified_at: string | null }
