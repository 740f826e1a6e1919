import type { RawTable } from '../../db/schema.js'
import { normaliseInstant, RecordReader } from './parse.js'
import type { TicketVocabulary } from '../ticket-meanings.js'
import { type OpportunityOutcome, type TicketKind, URGENCY, type Urgency } from '../../db/psa-model.js'

// What roleboard reads from Autotask, entity by entity: the columns each field lands in, and how
// changes are found. Field names follow the REST payloads (camelCase); see the reference's §11.

type Kind = 'int' | 'decimal' | 'text' | 'flag' | 'instant' | 'date'
/** `[field, kind]`, or `[field, kind, 'required']`, or `[field, kind, default]` for NOT NULL flags. */
type ColumnSource = readonly [field: string, kind: Kind, rule?: 'required' | 0 | 1]

export type SyncMode =
  /** Re-read what changed since the watermark (OR over the fields), with an overlap window. */
  | 'watermark'
  /** Small, unstamped lists: read all, then drop local rows the PSA no longer has. */
  | 'snapshot'
  /** One row per ticket and no stamp: read the rows of the tickets that changed locally. */
  | 'by-ticket'

export interface EntitySpec {
  entity: string
  table: RawTable
  mode: SyncMode
  watermarkFields?: readonly string[]
  /**
   * Other names a field may go by where the sources disagree (UNCERTAIN): each is asked for when the
   * tenant's field list has it, and a record is read by whichever name it carries.
   */
  aliases?: Readonly<Record<string, readonly string[]>>
  /**
   * Rows the PSA changes without moving any stamp (an invoice being paid): while a local row has
   * these column values it counts as open and is read again, by id, on every incremental pass.
   */
  openWhen?: Readonly<Record<string, null | 0>>
  /**
   * Deleted at the source without a deletion log: an id-only scan finds them (hourly by default),
   * over the rows whose `field` lies in the recent window, or over every row when there is no field.
   */
  deletionScan?: { field: string; column: string; kind: 'date' | 'instant' } | 'all'
  /** Picklist fields of this entity whose labels are synced. */
  picklists?: readonly string[]
  columns: Readonly<Record<string, ColumnSource>>
  /** Columns of the PSA-neutral model (db/psa-model.ts) worked out from the record and the tenant's vocabulary. */
  derived?: Readonly<Record<string, (record: RecordReader, vocabulary: TicketVocabulary) => unknown>>
  udf?: boolean
}

// Autotask's system values: ticket status Complete, the five ticket types, the four standard priorities.
const COMPLETE = 5
const KIND_OF_TYPE: Record<number, TicketKind> = {
  1: 'service_request',
  2: 'incident',
  3: 'problem',
  4: 'change',
  5: 'alert',
}
const URGENCY_OF_PRIORITY: Record<number, Urgency> = {
  4: URGENCY.critical,
  1: URGENCY.high,
  2: URGENCY.medium,
  3: URGENCY.low,
}

/** A ticket's state, kind and urgency: Autotask's system values, else what the tenant's labels mean. */
const TICKET_MEANINGS: EntitySpec['derived'] = {
  state: (r, v) => {
    const status = r.int('status', true)!
    return status === COMPLETE ? 'complete' : (v.statusStates.get(status) ?? 'open')
  },
  kind: (r) => {
    const type = r.int('ticketType', false)
    return type === null ? null : (KIND_OF_TYPE[type] ?? null)
  },
  urgency: (r, v) => {
    const priority = r.int('priority', false)
    return priority === null ? null : (URGENCY_OF_PRIORITY[priority] ?? v.priorityUrgency.get(priority) ?? null)
  },
}

// Autotask's opportunity statuses (docs/autotask-entities.md, UNCERTAIN: one public source): 1 Active is open;
// 3 Closed and 4 Implemented are won; 2 Lost is lost, and so is 0 Not Ready To Buy, shelved out of the pipeline
// without a win (it has no lost date, so no win rate counts it).
const OUTCOME_OF_STATUS: Record<number, OpportunityOutcome> = { 0: 'lost', 1: 'open', 2: 'lost', 3: 'won', 4: 'won' }

/** An opportunity's outcome: Autotask's standard statuses, else won or lost by the date Autotask set, else open. */
const OPPORTUNITY_MEANINGS: EntitySpec['derived'] = {
  outcome: (r): OpportunityOutcome => {
    const known = OUTCOME_OF_STATUS[r.int('status', true)!]
    if (known) return known
    if (r.instant('closedDate') !== null) return 'won'
    return r.instant('lostDate') !== null ? 'lost' : 'open'
  },
}

export const ENTITY_SPECS: readonly EntitySpec[] = [
  {
    entity: 'Resources',
    table: 'resource',
    mode: 'snapshot',
    columns: {
      first_name: ['firstName', 'text'],
      last_name: ['lastName', 'text'],
      email: ['email', 'text'],
      user_name: ['userName', 'text'],
      title: ['title', 'text'],
      resource_type: ['resourceType', 'text'],
      is_active: ['isActive', 'flag', 1],
      hire_date: ['hireDate', 'date'],
      internal_cost: ['internalCost', 'decimal'],
      location_id: ['locationID', 'int'],
      office_phone: ['officePhone', 'text'],
      mobile_phone: ['mobilePhone', 'text'],
    },
  },
  {
    entity: 'Companies',
    table: 'company',
    mode: 'watermark',
    watermarkFields: ['lastTrackedModifiedDateTime', 'lastActivityDate', 'createDate'],
    picklists: ['companyType', 'classification', 'marketSegmentID', 'territoryID'],
    udf: true,
    columns: {
      name: ['companyName', 'text', 'required'],
      number: ['companyNumber', 'text'],
      company_type: ['companyType', 'int'],
      classification: ['classification', 'int'],
      is_active: ['isActive', 'flag', 1],
      owner_resource_id: ['ownerResourceID', 'int'],
      parent_company_id: ['parentCompanyID', 'int'],
      phone: ['phone', 'text'],
      city: ['city', 'text'],
      postal_code: ['postalCode', 'text'],
      country_id: ['countryID', 'int'],
      market_segment_id: ['marketSegmentID', 'int'],
      territory_id: ['territoryID', 'int'],
      created_at: ['createDate', 'instant'],
      last_activity_at: ['lastActivityDate', 'instant'],
      last_modified_at: ['lastTrackedModifiedDateTime', 'instant'],
    },
  },
  {
    entity: 'Contacts',
    table: 'contact',
    mode: 'watermark',
    watermarkFields: ['lastModifiedDate', 'lastActivityDate', 'createDate'],
    columns: {
      company_id: ['companyID', 'int'],
      first_name: ['firstName', 'text'],
      last_name: ['lastName', 'text'],
      email: ['emailAddress', 'text'],
      phone: ['phone', 'text'],
      mobile_phone: ['mobilePhone', 'text'],
      extension: ['extension', 'text'],
      title: ['title', 'text'],
      is_active: ['isActive', 'flag', 1],
      is_primary: ['primaryContact', 'flag', 0],
      created_at: ['createDate', 'instant'],
      last_activity_at: ['lastActivityDate', 'instant'],
      last_modified_at: ['lastModifiedDate', 'instant'],
    },
  },
  {
    entity: 'Contracts',
    table: 'contract',
    mode: 'snapshot',
    picklists: ['contractType', 'contractCategory', 'status'],
    udf: true,
    columns: {
      company_id: ['companyID', 'int'],
      contact_id: ['contactID', 'int'],
      name: ['contractName', 'text'],
      number: ['contractNumber', 'text'],
      contract_type: ['contractType', 'int'],
      contract_category: ['contractCategory', 'int'],
      status: ['status', 'int'],
      start_date: ['startDate', 'date'],
      end_date: ['endDate', 'date'],
      estimated_revenue: ['estimatedRevenue', 'decimal'],
      estimated_hours: ['estimatedHours', 'decimal'],
      estimated_cost: ['estimatedCost', 'decimal'],
      setup_fee: ['setupFee', 'decimal'],
      sla_id: ['serviceLevelAgreementID', 'int'],
      is_default: ['isDefaultContract', 'flag', 0],
    },
  },
  {
    entity: 'Tickets',
    table: 'ticket',
    mode: 'watermark',
    // Whether every edit moves lastActivityDate is not documented, so the modification stamp is OR-ed in.
    watermarkFields: ['lastActivityDate', 'lastTrackedModificationDateTime', 'createDate'],
    picklists: [
      'status',
      'priority',
      'queueID',
      'issueType',
      'subIssueType',
      'source',
      'ticketType',
      'ticketCategory',
      'serviceLevelAgreementID',
    ],
    udf: true,
    columns: {
      number: ['ticketNumber', 'text', 'required'],
      title: ['title', 'text', 'required'],
      status: ['status', 'int', 'required'],
      priority: ['priority', 'int'],
      queue_id: ['queueID', 'int'],
      issue_type: ['issueType', 'int'],
      sub_issue_type: ['subIssueType', 'int'],
      source: ['source', 'int'],
      ticket_type: ['ticketType', 'int'],
      ticket_category: ['ticketCategory', 'int'],
      company_id: ['companyID', 'int'],
      contact_id: ['contactID', 'int'],
      contract_id: ['contractID', 'int'],
      assigned_resource_id: ['assignedResourceID', 'int'],
      assigned_role_id: ['assignedResourceRoleID', 'int'],
      creator_resource_id: ['creatorResourceID', 'int'],
      completed_by_resource_id: ['completedByResourceID', 'int'],
      created_at: ['createDate', 'instant', 'required'],
      due_at: ['dueDateTime', 'instant'],
      first_response_at: ['firstResponseDateTime', 'instant'],
      first_response_due_at: ['firstResponseDueDateTime', 'instant'],
      resolution_plan_at: ['resolutionPlanDateTime', 'instant'],
      resolution_plan_due_at: ['resolutionPlanDueDateTime', 'instant'],
      resolved_at: ['resolvedDateTime', 'instant'],
      resolved_due_at: ['resolvedDueDateTime', 'instant'],
      completed_at: ['completedDate', 'instant'],
      last_activity_at: ['lastActivityDate', 'instant'],
      last_customer_visible_at: ['lastCustomerVisibleActivityDateTime', 'instant'],
      last_modified_at: ['lastTrackedModificationDateTime', 'instant'],
      estimated_hours: ['estimatedHours', 'decimal'],
      sla_id: ['serviceLevelAgreementID', 'int'],
      sla_met: ['serviceLevelAgreementHasBeenMet', 'flag'],
    },
    derived: TICKET_MEANINGS,
  },
  {
    entity: 'TicketNotes',
    table: 'ticket_note',
    mode: 'watermark',
    watermarkFields: ['lastActivityDate', 'createDateTime'],
    deletionScan: { field: 'createDateTime', column: 'created_at', kind: 'instant' },
    picklists: ['noteType', 'publish'],
    columns: {
      ticket_id: ['ticketID', 'int', 'required'],
      title: ['title', 'text'],
      description: ['description', 'text'],
      note_type: ['noteType', 'int'],
      publish: ['publish', 'int'],
      creator_resource_id: ['creatorResourceID', 'int'],
      creator_contact_id: ['createdByContactID', 'int'],
      created_at: ['createDateTime', 'instant', 'required'],
      last_activity_at: ['lastActivityDate', 'instant'],
    },
  },
  {
    entity: 'TimeEntries',
    table: 'time_entry',
    mode: 'watermark',
    watermarkFields: ['lastModifiedDateTime', 'createDateTime'],
    deletionScan: { field: 'dateWorked', column: 'date_worked', kind: 'date' },
    picklists: ['billingCodeID', 'timeEntryType'],
    columns: {
      resource_id: ['resourceID', 'int', 'required'],
      ticket_id: ['ticketID', 'int'],
      task_id: ['taskID', 'int'],
      contract_id: ['contractID', 'int'],
      date_worked: ['dateWorked', 'date', 'required'],
      start_at: ['startDateTime', 'instant'],
      end_at: ['endDateTime', 'instant'],
      hours_worked: ['hoursWorked', 'decimal', 'required'],
      hours_to_bill: ['hoursToBill', 'decimal'],
      offset_hours: ['offsetHours', 'decimal'],
      non_billable: ['isNonBillable', 'flag', 0],
      show_on_invoice: ['showOnInvoice', 'flag'],
      billing_code_id: ['billingCodeID', 'int'],
      role_id: ['roleID', 'int'],
      entry_type: ['timeEntryType', 'int'],
      summary: ['summaryNotes', 'text'],
      approved_at: ['billingApprovalDateTime', 'instant'],
      approval_level: ['billingApprovalLevelMostRecent', 'int'],
      approved_by_resource_id: ['billingApprovalResourceID', 'int'],
      created_at: ['createDateTime', 'instant', 'required'],
      last_modified_at: ['lastModifiedDateTime', 'instant'],
    },
  },
  {
    entity: 'Surveys',
    table: 'survey',
    mode: 'snapshot',
    columns: {
      name: ['name', 'text'],
      display_name: ['displayName', 'text'],
    },
  },
  {
    entity: 'SurveyResults',
    table: 'survey_result',
    mode: 'watermark',
    // Results have no modification stamp; a result is complete once it is visible.
    watermarkFields: ['completeDate'],
    columns: {
      survey_id: ['surveyID', 'int'],
      ticket_id: ['ticketID', 'int'],
      company_id: ['companyID', 'int'],
      contact_id: ['contactID', 'int'],
      rating: ['surveyRating', 'decimal'],
      company_rating: ['companyRating', 'decimal'],
      contact_rating: ['contactRating', 'decimal'],
      resource_rating: ['resourceRating', 'decimal'],
      sent_at: ['sendDate', 'instant'],
      completed_at: ['completeDate', 'instant'],
    },
  },
  {
    entity: 'ServiceLevelAgreementResults',
    table: 'sla_result',
    mode: 'by-ticket',
    columns: {
      ticket_id: ['ticketID', 'int', 'required'],
      sla_name: ['serviceLevelAgreementName', 'text'],
      first_response_met: ['isFirstResponseMet', 'flag'],
      resolution_plan_met: ['isResolutionPlanMet', 'flag'],
      resolution_met: ['isResolutionMet', 'flag'],
      first_response_hours: ['firstResponseElapsedHours', 'decimal'],
      resolution_plan_hours: ['resolutionPlanElapsedHours', 'decimal'],
      resolution_hours: ['resolutionElapsedHours', 'decimal'],
      first_response_resource_id: ['firstResponseResourceID', 'int'],
      resolution_resource_id: ['resolutionResourceID', 'int'],
    },
  },
  // ---- Beyond the service desk: assets, sales, billing and projects (docs/autotask-entities.md) ----
  {
    entity: 'ConfigurationItems',
    table: 'configuration_item',
    mode: 'watermark',
    // Whether every edit moves lastModifiedTime is not documented (UNCERTAIN), so createDate is OR-ed in.
    watermarkFields: ['lastModifiedTime', 'createDate'],
    // The REST API cannot delete CIs, but the UI can, and there is no deletion log for them.
    deletionScan: 'all',
    picklists: ['configurationItemType'],
    columns: {
      company_id: ['companyID', 'int', 'required'],
      contact_id: ['contactID', 'int'],
      product_id: ['productID', 'int'],
      ci_type: ['configurationItemType', 'int'],
      category_id: ['configurationItemCategoryID', 'int'],
      name: ['referenceTitle', 'text'],
      serial_number: ['serialNumber', 'text'],
      is_active: ['isActive', 'flag', 1],
      install_date: ['installDate', 'date'],
      warranty_expires: ['warrantyExpirationDate', 'date'],
      created_at: ['createDate', 'instant'],
      last_modified_at: ['lastModifiedTime', 'instant'],
    },
  },
  {
    entity: 'Opportunities',
    table: 'opportunity',
    mode: 'watermark',
    // Whether winning or losing moves lastActivity is UNCERTAIN: the close dates are OR-ed in, and
    // open opportunities are read again each pass.
    watermarkFields: ['lastActivity', 'createDate', 'closedDate', 'lostDate'],
    // UNCERTAIN: the Swagger and a generated PHP client say lastActivity; one sync script's notes say
    // lastActivityDate (its code filters on lastActivity). Both are accepted.
    aliases: { lastActivity: ['lastActivityDate'] },
    openWhen: { closed_at: null, lost_at: null },
    deletionScan: 'all',
    picklists: ['status', 'stage', 'lossReason', 'winReason', 'leadSource', 'opportunityCategoryID'],
    columns: {
      company_id: ['companyID', 'int', 'required'],
      contact_id: ['contactID', 'int'],
      owner_resource_id: ['ownerResourceID', 'int'],
      title: ['title', 'text', 'required'],
      status: ['status', 'int', 'required'],
      stage: ['stage', 'int'],
      category_id: ['opportunityCategoryID', 'int'],
      amount: ['amount', 'decimal'],
      // A whole percentage in the Swagger; read as a number in case a tenant sends decimals.
      probability: ['probability', 'decimal'],
      monthly_revenue: ['monthlyRevenue', 'decimal'],
      onetime_revenue: ['onetimeRevenue', 'decimal'],
      projected_close_date: ['projectedCloseDate', 'date'],
      created_at: ['createDate', 'instant'],
      closed_at: ['closedDate', 'instant'],
      lost_at: ['lostDate', 'instant'],
      loss_reason: ['lossReason', 'int'],
      win_reason: ['winReason', 'int'],
      last_activity_at: ['lastActivity', 'instant'],
    },
    derived: OPPORTUNITY_MEANINGS,
  },
  {
    entity: 'Quotes',
    table: 'quote',
    mode: 'watermark',
    watermarkFields: ['lastActivityDate', 'createDate'],
    deletionScan: 'all',
    columns: {
      opportunity_id: ['opportunityID', 'int'],
      company_id: ['companyID', 'int'],
      contact_id: ['contactID', 'int'],
      creator_resource_id: ['creatorResourceID', 'int'],
      name: ['name', 'text'],
      // An integer in the Swagger; kept as text, the way a person reads it.
      number: ['quoteNumber', 'text'],
      is_active: ['isActive', 'flag', 1],
      is_primary: ['primaryQuote', 'flag', 0],
      effective_date: ['effectiveDate', 'date'],
      expiration_date: ['expirationDate', 'date'],
      created_at: ['createDate', 'instant'],
      last_activity_at: ['lastActivityDate', 'instant'],
    },
  },
  {
    entity: 'Invoices',
    table: 'invoice',
    mode: 'watermark',
    // Invoices carry no modification stamp at all: new ones come by createDateTime, and a payment
    // (paidDate) or a void reaches the unpaid ones because they are read again until settled.
    watermarkFields: ['createDateTime', 'voidedDate'],
    openWhen: { paid_date: null, is_voided: 0 },
    picklists: ['paymentTerm'],
    columns: {
      company_id: ['companyID', 'int'],
      number: ['invoiceNumber', 'text'],
      // UNCERTAIN whether these are written at midnight (dates) or as instants: both are read as calendar dates.
      invoice_date: ['invoiceDateTime', 'date', 'required'],
      due_date: ['dueDate', 'date'],
      paid_date: ['paidDate', 'date'],
      total: ['invoiceTotal', 'decimal'],
      tax: ['totalTaxValue', 'decimal'],
      payment_term: ['paymentTerm', 'int'],
      is_voided: ['isVoided', 'flag', 0],
      voided_at: ['voidedDate', 'instant'],
      created_at: ['createDateTime', 'instant'],
    },
  },
  {
    entity: 'Projects',
    table: 'project',
    mode: 'watermark',
    watermarkFields: ['lastActivityDateTime', 'createDateTime', 'completedDateTime', 'statusDateTime'],
    deletionScan: 'all',
    picklists: ['status', 'projectType'],
    columns: {
      company_id: ['companyID', 'int'],
      contract_id: ['contractID', 'int'],
      lead_resource_id: ['projectLeadResourceID', 'int'],
      name: ['projectName', 'text', 'required'],
      number: ['projectNumber', 'text'],
      project_type: ['projectType', 'int'],
      status: ['status', 'int'],
      estimated_hours: ['estimatedTime', 'decimal'],
      start_date: ['startDateTime', 'date'],
      end_date: ['endDateTime', 'date'],
      completed_at: ['completedDateTime', 'instant'],
      created_at: ['createDateTime', 'instant'],
      last_activity_at: ['lastActivityDateTime', 'instant'],
    },
  },
  {
    entity: 'Tasks',
    table: 'task',
    mode: 'watermark',
    watermarkFields: ['lastActivityDateTime', 'createDateTime', 'completedDateTime'],
    deletionScan: 'all',
    picklists: ['status'],
    columns: {
      project_id: ['projectID', 'int', 'required'],
      title: ['title', 'text'],
      number: ['taskNumber', 'text'],
      status: ['status', 'int'],
      assigned_resource_id: ['assignedResourceID', 'int'],
      estimated_hours: ['estimatedHours', 'decimal'],
      remaining_hours: ['remainingHours', 'decimal'],
      is_billable: ['isTaskBillable', 'flag'],
      start_at: ['startDateTime', 'instant'],
      end_at: ['endDateTime', 'instant'],
      completed_at: ['completedDateTime', 'instant'],
      created_at: ['createDateTime', 'instant'],
      last_activity_at: ['lastActivityDateTime', 'instant'],
    },
  },
]

export function specFor(entity: string): EntitySpec {
  const spec = ENTITY_SPECS.find((candidate) => candidate.entity === entity)
  if (!spec) throw new Error(`no sync specification for ${entity}`)
  return spec
}

/** The Autotask fields to ask for (IncludeFields), so payloads carry nothing roleboard drops; aliases not included. */
export function includeFields(spec: EntitySpec): string[] {
  const fields = new Set(['id', ...Object.values(spec.columns).map(([field]) => field)])
  for (const field of spec.watermarkFields ?? []) fields.add(field)
  return [...fields]
}

/** A field's name followed by the other names it may go by (see EntitySpec.aliases). */
export function namesOf(spec: EntitySpec, field: string): readonly string[] {
  const aliases = spec.aliases?.[field]
  return aliases ? [field, ...aliases] : [field]
}

type Read = (reader: RecordReader, vocabulary: TicketVocabulary) => unknown

/** The columns of a spec's rows in a fixed order, with one prepared reader per column. */
export interface RowShape {
  columns: string[]
  readers: Read[]
}

const shapes = new WeakMap<EntitySpec, RowShape>()

/** Prepared once per entity, so mapping a page is a tight loop over functions, not a lookup per field. */
export function rowShape(spec: EntitySpec): RowShape {
  let shape = shapes.get(spec)
  if (!shape) {
    const columns = ['id', 'psa']
    const readers: Read[] = [(r) => r.id, () => null] // psa is filled in by mapValues
    for (const [column, [primary, kind, rule]] of Object.entries(spec.columns)) {
      const required = rule === 'required'
      const fallback = typeof rule === 'number' ? rule : null
      const names = namesOf(spec, primary)
      const field = names.length === 1 ? () => primary : (r: RecordReader) => r.present(names)
      const read: Read =
        kind === 'int'
          ? (r) => r.int(field(r), required)
          : kind === 'decimal'
            ? (r) => r.decimal(field(r), required)
            : kind === 'text'
              ? (r) => r.text(field(r), required)
              : kind === 'flag'
                ? (r) => r.flag(field(r), required)
                : kind === 'instant'
                  ? (r) => r.instant(field(r), required)
                  : (r) => r.date(field(r), required)
      columns.push(column)
      readers.push(fallback === null ? read : (r, v) => read(r, v) ?? fallback)
    }
    for (const [column, derive] of Object.entries(spec.derived ?? {})) {
      columns.push(column)
      readers.push(derive)
    }
    if (spec.udf) {
      columns.push('udf')
      readers.push((r) => r.udf())
    }
    shape = { columns, readers }
    shapes.set(spec, shape)
  }
  return shape
}

/** A vocabulary for entities that derive nothing from one. */
export const NO_VOCABULARY: TicketVocabulary = {
  statusStates: new Map(),
  priorityUrgency: new Map(),
  alertSources: new Set(),
}

/** Maps one API item to its values in `rowShape(spec).columns` order, or throws a SyncError naming the bad field. */
export function mapValues(
  spec: EntitySpec,
  psa: string,
  item: unknown,
  vocabulary: TicketVocabulary = NO_VOCABULARY,
): unknown[] {
  const { readers } = rowShape(spec)
  const reader = RecordReader.open(spec.entity, item)
  const values = new Array<unknown>(readers.length)
  for (let i = 0; i < readers.length; i++) values[i] = readers[i]!(reader, vocabulary)
  values[1] = psa
  return values
}

/** Maps one API item to its row (without `synced_at`), or throws a SyncError naming the bad field. */
export function mapRecord(
  spec: EntitySpec,
  psa: string,
  item: unknown,
  vocabulary: TicketVocabulary = NO_VOCABULARY,
): Record<string, unknown> {
  const values = mapValues(spec, psa, item, vocabulary)
  return Object.fromEntries(rowShape(spec).columns.map((column, i) => [column, values[i]]))
}

/** The newest value of the spec's watermark fields on one item (already validated by mapRecord). */
export function stampOf(spec: EntitySpec, item: Record<string, unknown>): string | null {
  let newest: string | null = null
  for (const field of (spec.watermarkFields ?? []).flatMap((name) => namesOf(spec, name))) {
    const value = item[field]
    const iso = typeof value === 'string' ? normaliseInstant(value) : null
    if (iso !== null && (newest === null || iso > newest)) newest = iso
  }
  return newest
}
