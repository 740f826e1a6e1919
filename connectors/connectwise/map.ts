import type { Selectable } from 'kysely'
import type {
  CompanyTable,
  ContactTable,
  ContractTable,
  ResourceTable,
  SurveyResultTable,
  SurveyTable,
  TicketNoteTable,
  TicketTable,
  TimeEntryTable,
} from '../../db/schema.js'
import type { PicklistRow } from '../../db/store.js'
import {
  type CompiledMeanings,
  CONTRACT_KIND,
  kindFromName,
  LABELS,
  type LabelList,
  ticketState,
  urgencyFromName,
} from '../../db/psa-model.js'
import { localDate } from '../../kpi-library/time.js'
import { type Item, malformed, RecordReader } from '../autotask/parse.js'
import { type DueTimes, NO_DUE_TIMES } from './sla.js'

// ConnectWise records read as roleboard's PSA-neutral rows (db/psa-model.ts): every column means here what it
// means when the Autotask connector fills it, because every KPI reads the columns, not the PSA. The mapping is
// the one pinned by issue 16; where ConnectWise has no such fact the column is null, never a guess.

export const PSA = 'connectwise'

/** A row as the store writes it (the store stamps `synced_at`). */
export type Row<T> = Omit<Selectable<T>, 'synced_at'>

/** What mapping needs besides the record: the MSP's ticket meanings, members by identifier, the local time zone. */
export interface MapContext {
  meanings: CompiledMeanings
  /** Member ids by lower-cased identifier (`enteredBy` and `closedBy` name members by identifier). */
  memberIds: ReadonlyMap<string, number>
  /** The zone a time entry's date worked is the local date in (the MSP's, Europe/Amsterdam by default). */
  timeZone: string
  /** A ticket's SLA due times (sla.ts), where the sync knows them; otherwise none. */
  slaDue?: (ticket: RecordReader) => DueTimes
}

/**
 * A reader over a ConnectWise record whose fields may be paths into its reference objects (`board/id`,
 * `_info/lastUpdated`), with RecordReader's checks: a value of the wrong type, or a reference that is not an
 * object, fails with the entity, the record id and the path.
 */
export function openRecord(entity: string, item: unknown): RecordReader {
  const { id, item: fields } = RecordReader.open(entity, item)
  const paths = new Proxy(fields, {
    get: (target, name) =>
      typeof name === 'string' && name.includes('/') ? dig(entity, id, target, name) : target[name as string],
  })
  return new RecordReader(entity, paths, id)
}

function dig(entity: string, id: number, record: Item, path: string): unknown {
  let value: unknown = record
  const parts = path.split('/')
  for (let i = 0; i < parts.length; i++) {
    if (value === null || value === undefined) return null
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw malformed(entity, id, parts.slice(0, i).join('/'), 'is not a reference object')
    }
    value = (value as Item)[parts[i]!]
  }
  return value
}

/** `_info.lastUpdated`: the stamp incremental passes go by, on every record. */
export function lastUpdatedOf(r: RecordReader): string {
  return r.instant('_info/lastUpdated', true)!
}

/** Custom fields as the `udf` JSON object `{ caption: value }` (values as text), or null when there are none. */
function customFields(r: RecordReader, extra: Record<string, string | null> = {}): string | null {
  const list = r.item.customFields
  if (list !== undefined && list !== null && !Array.isArray(list))
    throw malformed(r.entity, r.id, 'customFields', 'is not a list')
  const entries: Record<string, string | null> = {}
  for (const field of (list as unknown[] | null | undefined) ?? []) {
    const caption = (field as Item | null)?.caption
    if (typeof caption !== 'string') throw malformed(r.entity, r.id, 'customFields', 'holds an entry without a caption')
    const value = (field as Item).value
    entries[caption] = value === null || value === undefined ? null : String(value)
  }
  // A fact the KPIs read under a UDF name (a contract's "Monthly Value") is added only where the tenant has no field of that name.
  for (const [name, value] of Object.entries(extra)) if (!(name in entries)) entries[name] = value
  return Object.keys(entries).length > 0 ? JSON.stringify(entries) : null
}

function memberIdOf(identifier: string | null, context: MapContext): number | null {
  return identifier === null ? null : (context.memberIds.get(identifier.toLowerCase()) ?? null)
}

export function ticketRow(r: RecordReader, context: MapContext): Row<TicketTable> {
  const closed = r.flag('closedFlag', true) === 1
  const lastUpdated = lastUpdatedOf(r)
  const slaId = r.int('sla/id')
  const sourceName = r.text('source/name')
  const inSla = r.flag('isInSla')
  const due = context.slaDue?.(r) ?? NO_DUE_TIMES
  return {
    id: r.id,
    psa: PSA,
    // The number people see and search by in ConnectWise is the ticket's id.
    number: String(r.id),
    title: r.text('summary', true)!,
    status: r.int('status/id', true)!,
    state: ticketState(closed, r.text('status/name'), context.meanings),
    // A ticket from a monitoring source is an alert whatever its type; ConnectWise has no alert ticket type.
    kind:
      sourceName !== null && context.meanings.alertSources.test(sourceName)
        ? 'alert'
        : kindFromName(r.text('type/name')),
    urgency: urgencyFromName(r.text('priority/name')),
    priority: r.int('priority/id'),
    queue_id: r.int('board/id'),
    issue_type: r.int('subType/id'),
    sub_issue_type: r.int('item/id'),
    source: r.int('source/id'),
    ticket_type: r.int('type/id'),
    ticket_category: null,
    company_id: r.int('company/id'),
    contact_id: r.int('contact/id'),
    contract_id: r.int('agreement/id'),
    assigned_resource_id: r.int('owner/id'),
    assigned_role_id: null,
    creator_resource_id: memberIdOf(r.text('enteredBy'), context),
    completed_by_resource_id: memberIdOf(r.text('closedBy'), context),
    created_at: r.instant('_info/dateEntered', true)!,
    due_at: r.instant('requiredDate'),
    first_response_at: r.instant('dateResponded'),
    // ConnectWise's ticket has no SLA due times: they follow from its SLA, priority and creation (sla.ts).
    first_response_due_at: due.first_response_due_at,
    resolution_plan_at: r.instant('dateResplan'),
    resolution_plan_due_at: due.resolution_plan_due_at,
    resolved_at: r.instant('dateResolved'),
    resolved_due_at: due.resolved_due_at,
    completed_at: r.instant('closedDate'),
    last_activity_at: lastUpdated,
    last_customer_visible_at: null,
    last_modified_at: lastUpdated,
    estimated_hours: r.decimal('budgetHours'),
    sla_id: slaId,
    // isInSla says false on every new ticket, so it is a verdict only once the ticket is closed under an SLA.
    sla_met: closed && slaId !== null ? inSla : null,
    udf: customFields(r),
  }
}

const PUBLISHED_TO_ALL = 1
const INTERNAL_ONLY = 2

export function noteRow(r: RecordReader, ticketId: number): Row<TicketNoteTable> {
  const internal = r.flag('internalFlag') === 1 || r.flag('internalAnalysisFlag') === 1
  return {
    id: r.id,
    psa: PSA,
    ticket_id: ticketId,
    title: null,
    description: r.text('text'),
    // ConnectWise notes have flags, not Autotask's note types; no note type is claimed.
    note_type: null,
    // Autotask's publish values, the neutral ones: 1 everyone (the customer too), 2 internal only.
    publish: r.flag('externalFlag') === 1 || !internal ? PUBLISHED_TO_ALL : INTERNAL_ONLY,
    creator_resource_id: r.int('member/id'),
    creator_contact_id: r.int('contact/id'),
    created_at: r.instant('dateCreated', true)!,
    last_activity_at: r.instant('_info/lastUpdated'),
  }
}

/** Time entry statuses that say the entry was approved for billing (or is past that). */
const APPROVED_FOR_BILLING = new Set(['approvedbytiertwo', 'readytobill', 'billed', 'billedagreement', 'writtenoff'])
const NOT_BILLED = new Set(['donotbill', 'nocharge'])

export function timeEntryRow(r: RecordReader, context: MapContext): Row<TimeEntryTable> {
  const chargeTo = r.text('chargeToType')?.toLowerCase() ?? null
  const chargeToId = r.int('chargeToId')
  const start = r.instant('timeStart', true)!
  const lastUpdated = lastUpdatedOf(r)
  const status = r.text('status')?.toLowerCase() ?? ''
  return {
    id: r.id,
    psa: PSA,
    resource_id: r.int('member/id', true)!,
    // Time charged to a charge code or an activity (or to nothing: the company) has neither ticket nor task,
    // which the KPIs read as internal time, as on Autotask.
    ticket_id: chargeTo === 'serviceticket' ? chargeToId : null,
    // A project ticket is a project's task: its time is project work, not internal time (the KPIs tell by ticket or task).
    task_id: chargeTo === 'projectticket' ? chargeToId : null,
    contract_id: r.int('agreement/id'),
    date_worked: localDate(new Date(start), context.timeZone),
    start_at: start,
    end_at: r.instant('timeEnd'),
    hours_worked: r.decimal('actualHours', true)!,
    hours_to_bill: r.decimal('hoursBilled'),
    offset_hours: null,
    non_billable: NOT_BILLED.has(r.text('billableOption')?.toLowerCase() ?? '') ? 1 : 0,
    show_on_invoice: null,
    billing_code_id: r.int('workType/id'),
    role_id: r.int('workRole/id'),
    entry_type: null,
    summary: r.text('notes'),
    // ConnectWise keeps no approval time: the last update of an approved entry is the closest fact.
    approved_at: APPROVED_FOR_BILLING.has(status) ? lastUpdated : null,
    approval_level: null,
    approved_by_resource_id: null,
    created_at: r.instant('dateEntered') ?? r.instant('_info/dateEntered', true)!,
    last_modified_at: lastUpdated,
  }
}

export function companyRow(r: RecordReader): Row<CompanyTable> {
  const deleted = r.flag('deletedFlag') === 1
  return {
    id: r.id,
    psa: PSA,
    name: r.text('name', true)!,
    number: r.text('identifier'),
    company_type: null,
    classification: null,
    is_active: !deleted && /^active$/i.test(r.text('status/name') ?? '') ? 1 : 0,
    // The company record names no account manager: related.ts reads it from the company's team after the page.
    owner_resource_id: null,
    parent_company_id: r.int('parentCompany/id'),
    phone: r.text('phoneNumber'),
    city: r.text('city'),
    postal_code: r.text('zip'),
    country_id: r.int('country/id'),
    market_segment_id: r.int('market/id'),
    territory_id: r.int('territory/id'),
    created_at: r.instant('_info/dateEntered'),
    last_activity_at: null,
    last_modified_at: lastUpdatedOf(r),
    udf: customFields(r),
  }
}

interface CommunicationItem {
  value: string | null
  extension: string | null
  isDefault: boolean
  kind: string
  typeName: string
}

function communicationItems(r: RecordReader): CommunicationItem[] {
  const list = r.item.communicationItems
  if (list === undefined || list === null) return []
  if (!Array.isArray(list)) throw malformed(r.entity, r.id, 'communicationItems', 'is not a list')
  return list.map((entry) => {
    if (entry === null || typeof entry !== 'object') {
      throw malformed(r.entity, r.id, 'communicationItems', 'holds an entry that is not an object')
    }
    const item = entry as Item
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null)
    return {
      value: text(item.value),
      extension: text(item.extension),
      isDefault: item.defaultFlag === true,
      kind: String(item.communicationType ?? '').toLowerCase(),
      typeName: String((item.type as Item | null)?.name ?? ''),
    }
  })
}

export function contactRow(r: RecordReader): Row<ContactTable> {
  const items = communicationItems(r)
  const of = (kind: string) => items.filter((item) => item.kind === kind && item.value !== null)
  const phones = of('phone')
  const phone = phones.find((item) => item.isDefault)
  const mobile = phones.find((item) => /mobile|mobiel|cell/i.test(item.typeName))
  const emails = of('email')
  return {
    id: r.id,
    psa: PSA,
    company_id: r.int('company/id'),
    first_name: r.text('firstName'),
    last_name: r.text('lastName'),
    email: (emails.find((item) => item.isDefault) ?? emails[0])?.value ?? null,
    phone: phone?.value ?? r.text('defaultPhoneNbr'),
    mobile_phone: mobile?.value ?? null,
    extension: phone ? phone.extension : r.text('defaultPhoneExtension'),
    title: r.text('title'),
    is_active: r.flag('inactiveFlag') === 1 ? 0 : 1,
    is_primary: 0,
    created_at: r.instant('_info/dateEntered'),
    last_activity_at: null,
    last_modified_at: lastUpdatedOf(r),
  }
}

/** API members (licence class A) are integrations, not people: they are left out of the resources. */
export function isApiMember(r: RecordReader): boolean {
  return r.text('licenseClass')?.toUpperCase() === 'A'
}

export function memberRow(r: RecordReader): Row<ResourceTable> {
  return {
    id: r.id,
    psa: PSA,
    first_name: r.text('firstName'),
    last_name: r.text('lastName'),
    email: r.text('primaryEmail') ?? r.text('officeEmail'),
    user_name: r.text('identifier'),
    title: r.text('title'),
    resource_type: null,
    is_active: r.flag('inactiveFlag') === 1 ? 0 : 1,
    hire_date: r.date('hireDate'),
    internal_cost: r.decimal('hourlyCost'),
    location_id: r.int('defaultLocation/id'),
    office_phone: r.text('officePhone'),
    mobile_phone: r.text('mobilePhone'),
  }
}

export function surveyRow(r: RecordReader): Row<SurveyTable> {
  return { id: r.id, psa: PSA, name: r.text('name'), display_name: null }
}

export function surveyResultRow(r: RecordReader): Row<SurveyResultTable> {
  const points = r.decimal('totalPoints')
  return {
    id: r.id,
    psa: PSA,
    survey_id: r.int('surveyId'),
    ticket_id: r.int('ticketId'),
    company_id: r.int('company/id'),
    contact_id: r.int('contact/id'),
    // The survey's total: on a survey of one rating question, that rating.
    rating: points,
    company_rating: null,
    contact_rating: null,
    resource_rating: null,
    sent_at: r.instant('_info/dateEntered'),
    // ConnectWise keeps no completion time: an answered result's last update stands for it.
    completed_at: points === null ? null : lastUpdatedOf(r),
  }
}

/** roleboard's names of its contract kinds, the labels of `contract.contract_type` on ConnectWise. */
export const CONTRACT_KIND_NAMES: Record<number, string> = {
  [CONTRACT_KIND.timeAndMaterials]: 'Time and Materials',
  [CONTRACT_KIND.fixedPrice]: 'Fixed Price',
  [CONTRACT_KIND.blockHours]: 'Block Hours',
  [CONTRACT_KIND.retainer]: 'Retainer',
  [CONTRACT_KIND.recurringService]: 'Recurring Service',
  [CONTRACT_KIND.perTicket]: 'Per Ticket',
}

const FEE_COVERED_TIME = new Set(['nocharge', 'donotbill'])
/** A billing cycle that bills every month (Monthly, Bi-Monthly): its bill amount is recurring monthly revenue. */
const MONTHLY_CYCLE = /month|maand/i

/**
 * An agreement's kind by the pinned billing rule: prepaid when its time comes off hours; by the hour when its time
 * is billed; else fee-covered, told apart by what the agreement draws on: incidents (per ticket), an amount paid
 * each period (a retainer), or nothing, billed every month (a recurring service, whether its amount is on the
 * agreement or in its additions) or once (a fixed price).
 */
export function agreementKind(r: RecordReader): number {
  const units = r.text('applicationUnits')?.toLowerCase() ?? ''
  if (units === 'hours') return CONTRACT_KIND.blockHours
  if (!FEE_COVERED_TIME.has(r.text('billTime')?.toLowerCase() ?? '')) return CONTRACT_KIND.timeAndMaterials
  if (units === 'incidents') return CONTRACT_KIND.perTicket
  const drawsOnAmount =
    units === 'amount' && r.flag('applicationUnlimitedFlag') !== 1 && (r.decimal('applicationLimit') ?? 0) > 0
  if (drawsOnAmount) return CONTRACT_KIND.retainer
  const cycle = typeof r.item.billingCycle === 'string' ? r.item.billingCycle : r.text('billingCycle/name')
  return MONTHLY_CYCLE.test(cycle ?? '') ? CONTRACT_KIND.recurringService : CONTRACT_KIND.fixedPrice
}

export function agreementRow(r: RecordReader): Row<ContractTable> {
  const kind = agreementKind(r)
  const billAmount = r.decimal('billAmount')
  // Billed every month: what the KPI library counts as recurring revenue (contracts.ts RECURRING_TYPES).
  const recurring = kind === CONTRACT_KIND.recurringService || kind === CONTRACT_KIND.retainer
  const prepaidHours = kind === CONTRACT_KIND.blockHours ? r.decimal('applicationLimit') : null
  const active = /^active$/i.test(r.text('agreementStatus') ?? '') && r.flag('cancelledFlag') !== 1
  return {
    id: r.id,
    psa: PSA,
    company_id: r.int('company/id'),
    contact_id: r.int('contact/id'),
    name: r.text('name'),
    // Agreements have no number of their own in ConnectWise: the number shown is the id, as for a ticket.
    number: String(r.id),
    contract_type: kind,
    contract_category: null,
    // Autotask's contract status values, which the KPIs read (kpi-library/contracts.ts ACTIVE): 1 active, 0 not.
    status: active ? 1 : 0,
    start_date: r.date('startDate'),
    end_date: r.date('endDate'),
    // The monthly bill amount (Autotask's own column holds the contract's estimate; the KPIs read neither).
    estimated_revenue: recurring ? billAmount : null,
    estimated_hours: prepaidHours,
    estimated_cost: null,
    setup_fee: null,
    sla_id: r.int('sla/id'),
    is_default: 0,
    // The KPIs read MRR and prepaid hours from these UDFs (kpi-library/contracts.ts, block-hours-low.ts).
    udf: customFields(r, {
      ...(recurring && billAmount !== null ? { 'Monthly Value': String(billAmount) } : {}),
      ...(prepaidHours !== null ? { 'Hours Purchased': String(prepaidHours) } : {}),
    }),
  }
}

/** The labels a record's references carry, per label list, by the reference's path. */
export type LabelSources = ReadonlyArray<readonly [list: LabelList, path: string]>

export const TICKET_LABELS: LabelSources = [
  ['ticketStatus', 'status'],
  ['ticketPriority', 'priority'],
  ['ticketQueue', 'board'],
  ['ticketCategory', 'subType'],
  ['ticketSubcategory', 'item'],
  ['ticketSource', 'source'],
  ['ticketType', 'type'],
]

export const TIME_ENTRY_LABELS: LabelSources = [['billingCode', 'workType']]

/** The picklist rows the references of one record name (a reference without a name gives none). */
export function labelsOf(r: RecordReader, sources: LabelSources): PicklistRow[] {
  const rows: PicklistRow[] = []
  for (const [list, path] of sources) {
    const value = r.int(`${path}/id`)
    const label = r.text(`${path}/name`)
    if (value === null || label === null) continue
    rows.push(labelRow(list, String(value), label, path === 'priority' ? r.int('priority/sort') : null))
  }
  return rows
}

export function labelRow(list: LabelList, value: string, label: string, sortOrder: number | null = null): PicklistRow {
  const { entity, field } = LABELS[list]
  return {
    psa: PSA,
    entity,
    field,
    value,
    label,
    is_active: 1,
    is_default: 0,
    sort_order: sortOrder,
    parent_value: null,
  }
}

/** The contract kinds' labels, written with the agreements (the kinds are roleboard's, so are their names). */
export function contractKindLabels(): PicklistRow[] {
  return Object.entries(CONTRACT_KIND_NAMES).map(([value, name]) => labelRow('contractKind', value, name))
}
