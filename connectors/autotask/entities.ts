import type { RawTable } from '../../db/schema.js'
import { normaliseInstant, RecordReader } from './parse.js'

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
  /** Picklist fields of this entity whose labels are synced. */
  picklists?: readonly string[]
  columns: Readonly<Record<string, ColumnSource>>
  udf?: boolean
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
  },
  {
    entity: 'TicketNotes',
    table: 'ticket_note',
    mode: 'watermark',
    watermarkFields: ['lastActivityDate', 'createDateTime'],
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
]

export function specFor(entity: string): EntitySpec {
  const spec = ENTITY_SPECS.find((candidate) => candidate.entity === entity)
  if (!spec) throw new Error(`no sync specification for ${entity}`)
  return spec
}

/** The Autotask fields to ask for (IncludeFields), so payloads carry nothing roleboard drops. */
export function includeFields(spec: EntitySpec): string[] {
  const fields = new Set(['id', ...Object.values(spec.columns).map(([field]) => field)])
  for (const field of spec.watermarkFields ?? []) fields.add(field)
  return [...fields]
}

type Read = (reader: RecordReader) => unknown

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
    for (const [column, [field, kind, rule]] of Object.entries(spec.columns)) {
      const required = rule === 'required'
      const fallback = typeof rule === 'number' ? rule : null
      const read: Read =
        kind === 'int' ? (r) => r.int(field, required)
        : kind === 'decimal' ? (r) => r.decimal(field, required)
        : kind === 'text' ? (r) => r.text(field, required)
        : kind === 'flag' ? (r) => r.flag(field, required)
        : kind === 'instant' ? (r) => r.instant(field, required)
        : (r) => r.date(field, required)
      columns.push(column)
      readers.push(fallback === null ? read : (r) => read(r) ?? fallback)
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

/** Maps one API item to its values in `rowShape(spec).columns` order, or throws a SyncError naming the bad field. */
export function mapValues(spec: EntitySpec, psa: string, item: unknown): unknown[] {
  const { readers } = rowShape(spec)
  const reader = RecordReader.open(spec.entity, item)
  const values = new Array<unknown>(readers.length)
  for (let i = 0; i < readers.length; i++) values[i] = readers[i]!(reader)
  values[1] = psa
  return values
}

/** Maps one API item to its row (without `synced_at`), or throws a SyncError naming the bad field. */
export function mapRecord(spec: EntitySpec, psa: string, item: unknown): Record<string, unknown> {
  const values = mapValues(spec, psa, item)
  return Object.fromEntries(rowShape(spec).columns.map((column, i) => [column, values[i]]))
}

/** The newest value of the spec's watermark fields on one item (already validated by mapRecord). */
export function stampOf(spec: EntitySpec, item: Record<string, unknown>): string | null {
  let newest: string | null = null
  for (const field of spec.watermarkFields ?? []) {
    const value = item[field]
    const iso = typeof value === 'string' ? normaliseInstant(value) : null
    if (iso !== null && (newest === null || iso > newest)) newest = iso
  }
  return newest
}
