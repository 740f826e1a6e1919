import {
  agreementRow,
  companyRow,
  contactRow,
  type MapContext,
  memberRow,
  noteRow,
  openRecord,
  PSA,
  ticketRow,
  timeEntryRow,
} from '../../connectors/connectwise/map.js'
import { compileMeanings, CONTRACT_KIND, DEFAULT_TICKET_MEANINGS, type TicketKind } from '../../db/psa-model.js'
import type { Database } from '../../db/schema.js'
import { udfNumber } from '../../kpi-library/sql.js'
import { zonedTime } from '../../kpi-library/time.js'

// The golden KPI fixtures as a ConnectWise PSA tenant holds them: each neutral row is written as the REST record
// ConnectWise serves (reference objects, `_info`, closedFlag, names the default ticket meanings read) and read back
// through the ConnectWise mapping (connectors/connectwise/map.ts). A golden test that passes on the twin shows the
// KPI means the same on ConnectWise; a fact ConnectWise has no field for comes back empty, as it would in a tenant.

/** A neutral row as a fixture writes it (its defaults filled in). */
export type NeutralRow = Record<string, unknown> & { id: number }
export type NeutralTables = ReadonlyArray<readonly [table: keyof Database, rows: readonly NeutralRow[]]>

/** Where a fixture gives no time of day, time is booked from 09:00 local time on the day worked. */
const TIME_ZONE = 'Europe/Amsterdam'
const START_HOUR = 9
/** `_info.lastUpdated` of a record whose fixture row has no time at all (ConnectWise always sends one). */
const NEVER_UPDATED = '2026-01-01T00:00:00Z'

/** Status names the default meanings read as each open state; a complete ticket is closedFlag true. */
const STATUS_NAMES: Record<string, string> = {
  open: 'In Progress',
  waiting_customer: 'Waiting Customer',
  on_hold: 'On Hold',
  resolved: 'Resolved',
  complete: 'Closed',
}
const PRIORITY_NAMES: Record<number, string> = {
  1: 'Priority 1 - Critical',
  2: 'Priority 2 - High',
  3: 'Priority 3 - Medium',
  4: 'Priority 4 - Low',
}
const TYPE_NAMES: Record<Exclude<TicketKind, 'alert'>, string> = {
  service_request: 'Service Request',
  incident: 'Incident',
  problem: 'Problem',
  change: 'Change',
}
const MONITORING_SOURCE = 'Monitoring'
/** Ids of the references a fixture gives a meaning but no value of its own (urgency without priority and so on). */
const SYNTHETIC_ID = 990_000
const TYPE_IDS: Record<Exclude<TicketKind, 'alert'>, number> = {
  service_request: SYNTHETIC_ID + 1,
  incident: SYNTHETIC_ID + 2,
  problem: SYNTHETIC_ID + 3,
  change: SYNTHETIC_ID + 4,
}
const MONITORING_SOURCE_ID = SYNTHETIC_ID + 10
const SLA_ID = SYNTHETIC_ID + 20

/** The fixture's rows of the tables ConnectWise's connector fills, read back through its mapping; others as given. */
export function connectWiseTwin(tables: NeutralTables): NeutralTables {
  const rowsOf = (table: keyof Database) => tables.find(([name]) => name === table)?.[1] ?? []
  const members = new Members(rowsOf('resource'), rowsOf('ticket'))
  const context: MapContext = {
    meanings: compileMeanings(DEFAULT_TICKET_MEANINGS),
    memberIds: members.ids(),
    timeZone: TIME_ZONE,
  }
  return tables.map(([table, rows]) => {
    const twin = rows.map((row): NeutralRow => {
      switch (table) {
        case 'ticket':
          return ticketRow(openRecord('tickets', ticketRecord(row, members)), context)
        case 'ticket_note':
          return noteRow(openRecord('notes', noteRecord(row, members)), row.ticket_id as number)
        case 'time_entry':
          return timeEntryRow(openRecord('timeEntries', timeEntryRecord(row, members)), context)
        case 'company':
          return companyRow(openRecord('companies', companyRecord(row)))
        case 'contact':
          return contactRow(openRecord('contacts', contactRecord(row)))
        case 'resource':
          return memberRow(openRecord('members', members.record(row)))
        case 'contract':
          return agreementRow(openRecord('agreements', agreementRecord(row)))
        default:
          return { ...row, psa: PSA }
      }
    })
    return [table, twin] as const
  })
}

/** `2026-03-02T09:48:27Z`, as ConnectWise writes date-times (milliseconds only where a fixture has them). */
function cwTime(value: unknown): string | null {
  return typeof value === 'string' ? value.replace(/\.000Z$/, 'Z') : null
}

/** A date-only fixture value as ConnectWise sends dates: midnight UTC. */
function cwDate(value: unknown): string | null {
  return typeof value === 'string' ? `${value.slice(0, 10)}T00:00:00Z` : null
}

/**
 * `_info.lastUpdated` of a record: its last activity where the fixture gives one (what the KPIs read it as), else
 * its last change, else its creation.
 */
function lastUpdated(row: NeutralRow): string | null {
  return cwTime(row.last_activity_at ?? row.last_modified_at ?? row.created_at)
}

function reference(id: unknown, name: string): Record<string, unknown> | null {
  return id === null || id === undefined ? null : { id, name, _info: {} }
}

/** A `udf` JSON object as ConnectWise custom fields, leaving out the ones ConnectWise holds as fields of its own. */
function customFields(udf: unknown, native: readonly string[] = []): Array<Record<string, unknown>> {
  if (typeof udf !== 'string') return []
  return Object.entries(JSON.parse(udf) as Record<string, unknown>)
    .filter(([caption]) => !native.includes(caption))
    .map(([caption, value], index) => ({ id: index + 1, caption, type: 'Text', value }))
}

/** Members by id, each with the identifier tickets name it by (`enteredBy`, `closedBy`). */
class Members {
  private readonly byId = new Map<number, NeutralRow>()

  constructor(resources: readonly NeutralRow[], tickets: readonly NeutralRow[]) {
    for (const resource of resources) this.byId.set(resource.id, resource)
    // A ticket may name a member the fixture lists no row for; ConnectWise still knows them by identifier.
    for (const ticket of tickets)
      for (const id of [ticket.creator_resource_id, ticket.completed_by_resource_id])
        if (typeof id === 'number' && !this.byId.has(id)) this.byId.set(id, { id })
  }

  identifier(id: unknown): string | null {
    if (typeof id !== 'number') return null
    const userName = this.byId.get(id)?.user_name
    return typeof userName === 'string' ? userName : `member${id}`
  }

  ids(): Map<string, number> {
    return new Map([...this.byId.keys()].map((id) => [this.identifier(id)!.toLowerCase(), id]))
  }

  reference(id: unknown): Record<string, unknown> | null {
    if (typeof id !== 'number') return null
    const row = this.byId.get(id)
    const name = [row?.first_name, row?.last_name].filter((part) => typeof part === 'string').join(' ')
    return { id, identifier: this.identifier(id), name, _info: {} }
  }

  record(r: NeutralRow): Record<string, unknown> {
    return {
      id: r.id,
      identifier: this.identifier(r.id),
      firstName: r.first_name ?? null,
      lastName: r.last_name ?? null,
      primaryEmail: r.email ?? null,
      officePhone: r.office_phone ?? null,
      mobilePhone: r.mobile_phone ?? null,
      inactiveFlag: r.is_active === 0,
      licenseClass: 'F',
      title: r.title ?? null,
      hourlyCost: r.internal_cost ?? null,
      hireDate: cwDate(r.hire_date),
      defaultLocation: reference(r.location_id, `Location ${String(r.location_id)}`),
      _info: { dateEntered: cwDate(r.hire_date) ?? NEVER_UPDATED, lastUpdated: NEVER_UPDATED },
    }
  }
}

function ticketRecord(t: NeutralRow, members: Members): Record<string, unknown> {
  const state = typeof t.state === 'string' ? t.state : 'open'
  const kind = (t.kind ?? null) as TicketKind | null
  const urgency = typeof t.urgency === 'number' ? t.urgency : null
  const enteredBy = members.identifier(t.creator_resource_id) ?? 'Integration'
  return {
    id: t.id,
    summary: t.title,
    recordType: 'ServiceTicket',
    board: reference(t.queue_id, `Board ${String(t.queue_id)}`),
    status: reference(t.status, STATUS_NAMES[state]!),
    priority:
      urgency === null
        ? reference(t.priority, `Priority ${String(t.priority)}`)
        : reference(t.priority ?? SYNTHETIC_ID + urgency, PRIORITY_NAMES[urgency]!),
    // A monitoring alert is told by its source; the other kinds by the ticket's type.
    type:
      kind === null || kind === 'alert'
        ? reference(t.ticket_type, `Type ${String(t.ticket_type)}`)
        : reference(t.ticket_type ?? TYPE_IDS[kind], TYPE_NAMES[kind]),
    source:
      kind === 'alert'
        ? reference(t.source ?? MONITORING_SOURCE_ID, MONITORING_SOURCE)
        : reference(t.source, `Source ${String(t.source)}`),
    subType: reference(t.issue_type, `Subtype ${String(t.issue_type)}`),
    item: reference(t.sub_issue_type, `Item ${String(t.sub_issue_type)}`),
    company: reference(t.company_id, `Company ${String(t.company_id)}`),
    contact: reference(t.contact_id, `Contact ${String(t.contact_id)}`),
    agreement: reference(t.contract_id, `Agreement ${String(t.contract_id)}`),
    owner: members.reference(t.assigned_resource_id),
    closedFlag: state === 'complete',
    closedDate: cwTime(t.completed_at),
    closedBy: members.identifier(t.completed_by_resource_id),
    enteredBy,
    requiredDate: cwTime(t.due_at),
    dateResponded: cwTime(t.first_response_at),
    dateResplan: cwTime(t.resolution_plan_at),
    dateResolved: cwTime(t.resolved_at),
    isInSla: t.sla_met === 1,
    // An SLA verdict is given under an SLA, so a fixture's verdict without one gets it.
    sla: reference(t.sla_id ?? (t.sla_met === null || t.sla_met === undefined ? null : SLA_ID), 'Standard SLA'),
    budgetHours: t.estimated_hours ?? null,
    customFields: customFields(t.udf),
    _info: {
      dateEntered: cwTime(t.created_at),
      lastUpdated: lastUpdated(t),
      enteredBy,
    },
  }
}

const PUBLISHED_TO_ALL = 1

function noteRecord(n: NeutralRow, members: Members): Record<string, unknown> {
  const external = n.publish === PUBLISHED_TO_ALL
  const internal = n.publish !== null && n.publish !== undefined && !external
  return {
    id: n.id,
    ticketId: n.ticket_id,
    text: n.description ?? null,
    detailDescriptionFlag: external,
    internalAnalysisFlag: internal,
    resolutionFlag: false,
    internalFlag: internal,
    externalFlag: external,
    member: members.reference(n.creator_resource_id),
    contact: reference(n.creator_contact_id, `Contact ${String(n.creator_contact_id)}`),
    dateCreated: cwTime(n.created_at),
    _info: { lastUpdated: lastUpdated(n) },
  }
}

function timeEntryRecord(e: NeutralRow, members: Members): Record<string, unknown> {
  const [chargeToType, chargeToId] =
    e.ticket_id != null
      ? ['ServiceTicket', e.ticket_id]
      : e.task_id != null
        ? ['ProjectTicket', e.task_id]
        : ['ChargeCode', e.billing_code_id ?? null]
  const approved = typeof e.approved_at === 'string'
  return {
    id: e.id,
    chargeToId,
    chargeToType,
    member: members.reference(e.resource_id),
    workType: reference(e.billing_code_id, `Work type ${String(e.billing_code_id)}`),
    workRole: reference(e.role_id, `Work role ${String(e.role_id)}`),
    agreement: reference(e.contract_id, `Agreement ${String(e.contract_id)}`),
    timeStart: cwTime(e.start_at) ?? nineLocal(String(e.date_worked)),
    timeEnd: cwTime(e.end_at),
    actualHours: e.hours_worked,
    hoursBilled: e.hours_to_bill ?? null,
    billableOption: e.non_billable === 1 ? 'DoNotBill' : 'Billable',
    // ConnectWise keeps no approval time: an approved entry's last update is when it was approved.
    status: approved ? 'ApprovedByTierTwo' : 'Open',
    notes: e.summary ?? null,
    dateEntered: cwTime(e.created_at),
    customFields: [],
    _info: {
      dateEntered: cwTime(e.created_at),
      lastUpdated: approved ? cwTime(e.approved_at) : lastUpdated(e),
    },
  }
}

function nineLocal(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return cwTime(zonedTime(year, month, day, START_HOUR, 0, TIME_ZONE).toISOString())!
}

function companyRecord(c: NeutralRow): Record<string, unknown> {
  const active = c.is_active !== 0
  return {
    id: c.id,
    identifier: c.number ?? null,
    name: c.name,
    status: { id: active ? 1 : 2, name: active ? 'Active' : 'Inactive', _info: {} },
    deletedFlag: false,
    parentCompany: reference(c.parent_company_id, `Company ${String(c.parent_company_id)}`),
    phoneNumber: c.phone ?? null,
    city: c.city ?? null,
    zip: c.postal_code ?? null,
    country: reference(c.country_id, `Country ${String(c.country_id)}`),
    market: reference(c.market_segment_id, `Market ${String(c.market_segment_id)}`),
    territory: reference(c.territory_id, `Territory ${String(c.territory_id)}`),
    customFields: customFields(c.udf),
    _info: {
      dateEntered: cwTime(c.created_at),
      lastUpdated: lastUpdated(c) ?? NEVER_UPDATED,
    },
  }
}

function contactRecord(c: NeutralRow): Record<string, unknown> {
  const items: Array<Record<string, unknown>> = []
  if (typeof c.phone === 'string')
    items.push({
      id: 2,
      type: { id: 2, name: 'Direct' },
      value: c.phone,
      extension: c.extension ?? null,
      defaultFlag: true,
      communicationType: 'Phone',
    })
  if (typeof c.mobile_phone === 'string')
    items.push({
      id: 4,
      type: { id: 4, name: 'Mobile' },
      value: c.mobile_phone,
      defaultFlag: false,
      communicationType: 'Phone',
    })
  if (typeof c.email === 'string')
    items.push({ id: 1, type: { id: 1, name: 'Email' }, value: c.email, defaultFlag: true, communicationType: 'Email' })
  return {
    id: c.id,
    firstName: c.first_name ?? null,
    lastName: c.last_name ?? null,
    company: reference(c.company_id, `Company ${String(c.company_id)}`),
    title: c.title ?? null,
    inactiveFlag: c.is_active === 0,
    communicationItems: items,
    _info: {
      dateEntered: cwTime(c.created_at),
      lastUpdated: lastUpdated(c) ?? NEVER_UPDATED,
    },
  }
}

/** Contract kinds whose time the customer does not pay for by the hour, and those billing a monthly amount. */
const FEE_COVERED = new Set<number>([
  CONTRACT_KIND.fixedPrice,
  CONTRACT_KIND.retainer,
  CONTRACT_KIND.recurringService,
  CONTRACT_KIND.perTicket,
])
const MONTHLY = new Set<number>([CONTRACT_KIND.retainer, CONTRACT_KIND.recurringService])
const MONTHLY_VALUE = 'Monthly Value'
const HOURS_PURCHASED = 'Hours Purchased'

function agreementRecord(c: NeutralRow): Record<string, unknown> {
  const kind = typeof c.contract_type === 'number' ? c.contract_type : null
  const monthly = kind !== null && MONTHLY.has(kind)
  const prepaid = kind === CONTRACT_KIND.blockHours
  const billAmount = monthly ? (udfNumber(c.udf as string | null, MONTHLY_VALUE) ?? c.estimated_revenue ?? 0) : 0
  const hours = prepaid ? (c.estimated_hours ?? udfNumber(c.udf as string | null, HOURS_PURCHASED)) : null
  return {
    id: c.id,
    name: c.name ?? null,
    company: reference(c.company_id, `Company ${String(c.company_id)}`),
    contact: reference(c.contact_id, `Contact ${String(c.contact_id)}`),
    agreementStatus: c.status === 1 ? 'Active' : 'Cancelled',
    cancelledFlag: c.status !== 1,
    startDate: cwDate(c.start_date),
    endDate: cwDate(c.end_date),
    noEndingDateFlag: c.end_date == null,
    billAmount,
    billingCycle: monthly ? { id: 1, name: 'Monthly', _info: {} } : null,
    // What the time draws on: hours bought (block hours), an amount paid each month (a retainer), incidents (per
    // ticket), or nothing (unlimited).
    applicationUnits: prepaid ? 'Hours' : kind === CONTRACT_KIND.perTicket ? 'Incidents' : 'Amount',
    applicationLimit: prepaid ? hours : kind === CONTRACT_KIND.retainer ? billAmount || 1 : null,
    applicationUnlimitedFlag: !prepaid && kind !== CONTRACT_KIND.retainer && kind !== CONTRACT_KIND.perTicket,
    billTime: kind !== null && FEE_COVERED.has(kind) ? 'NoCharge' : 'Billable',
    sla: reference(c.sla_id, `SLA ${String(c.sla_id)}`),
    // The monthly amount and the prepaid hours are agreement fields in ConnectWise, not custom fields.
    customFields: customFields(c.udf, [...(monthly ? [MONTHLY_VALUE] : []), ...(prepaid ? [HOURS_PURCHASED] : [])]),
    _info: { dateEntered: cwDate(c.start_date), lastUpdated: cwDate(c.start_date) ?? NEVER_UPDATED },
  }
}
