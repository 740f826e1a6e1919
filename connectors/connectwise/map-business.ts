import type {
  ConfigurationItemTable,
  InvoiceTable,
  OpportunityTable,
  ProjectTable,
  TaskTable,
} from '../../db/schema.js'
import type { OpportunityOutcome } from '../../db/psa-model.js'
import { localDate } from '../../kpi-library/time.js'
import { type Item, malformed, type RecordReader } from '../autotask/parse.js'
import { lastUpdatedOf, type MapContext, openRecord, PSA, type Row } from './map.js'

// ConnectWise's configurations, opportunities, invoices, projects and project tickets read as roleboard's
// configuration_item, opportunity, invoice, project and task rows, meaning what the Autotask connector's rows mean.
// None of these endpoints is in the protocol reference: the field names are those of ConnectWise's REST model as
// the public clients generated from it show them. Where a name or a shape is not confirmed, the reader accepts each
// form seen and the place says UNVERIFIED.

export function configurationRow(r: RecordReader): Row<ConfigurationItemTable> {
  return {
    id: r.id,
    psa: PSA,
    company_id: r.int('company/id', true)!,
    contact_id: r.int('contact/id'),
    // ConnectWise names a configuration's manufacturer and model, not a product of the catalogue.
    product_id: null,
    ci_type: r.int('type/id'),
    category_id: null,
    name: r.text('name'),
    serial_number: r.text('serialNumber'),
    // An endpoint under management is an active configuration; without the flag it counts as active.
    is_active: r.flag('activeFlag') ?? 1,
    install_date: r.date('installationDate'),
    warranty_expires: r.date('warrantyExpirationDate'),
    created_at: r.instant('_info/dateEntered'),
    last_modified_at: lastUpdatedOf(r),
  }
}

/** What an opportunity status says (`sales/opportunities/statuses`: wonFlag, lostFlag, closedFlag). */
export interface OpportunityStatusFlags {
  won: boolean
  lost: boolean
  /** UNVERIFIED: absent reads as not closed. */
  closed: boolean
}

/** The flags of the tenant's opportunity statuses by id, from the statuses list. */
export function opportunityStatusFlags(records: readonly unknown[]): Map<number, OpportunityStatusFlags> {
  const statuses = new Map<number, OpportunityStatusFlags>()
  for (const item of records) {
    const r = openRecord('OpportunityStatuses', item)
    statuses.set(r.id, {
      won: r.flag('wonFlag') === 1,
      lost: r.flag('lostFlag') === 1,
      closed: r.flag('closedFlag') === 1,
    })
  }
  return statuses
}

/**
 * What a status means: won by `wonFlag`; lost by `lostFlag`, or by `closedFlag` without a win (a status that shelves
 * the deal, as Autotask's Not Ready To Buy does, takes it out of the pipeline); else open, as is a status not known.
 */
function outcomeOf(flags: OpportunityStatusFlags | undefined): OpportunityOutcome {
  if (flags?.won) return 'won'
  return flags?.lost || flags?.closed ? 'lost' : 'open'
}

/** An opportunity's revenue as its forecast shows it: the deal's total, and its recurring and one-off parts. */
export interface Revenue {
  amount: number | null
  monthly: number | null
  oneOff: number | null
}

export const NO_REVENUE: Revenue = { amount: null, monthly: null, oneOff: null }

/**
 * An opportunity's forecast (`sales/opportunities/{id}/forecast`, one object) read as its revenue. UNVERIFIED: each
 * of its `forecastItems` counts unless its `includeFlag` (or `includedFlag`) is false, with its `revenue` as its whole
 * value (for a recurring item, all its cycles) and `recurringRevenue` as a recurring item's monthly amount; without
 * items, `forecastRevenueTotals.revenue` is the deal's amount.
 */
export function forecastRevenue(opportunityId: number, forecast: Item): Revenue {
  const entity = 'OpportunityForecast'
  const items = forecast.forecastItems
  if (items === undefined || items === null) {
    const totals = forecast.forecastRevenueTotals as Item | null | undefined
    const revenue = typeof totals?.revenue === 'number' ? totals.revenue : null
    return { amount: revenue, monthly: null, oneOff: null }
  }
  if (!Array.isArray(items)) throw malformed(entity, opportunityId, 'forecastItems', 'is not a list')
  let amount: number | null = null
  let monthly: number | null = null
  let oneOff: number | null = null
  for (const item of items) {
    if (item === null || typeof item !== 'object') {
      throw malformed(entity, opportunityId, 'forecastItems', 'holds an entry that is not an object')
    }
    const r = openRecord(entity, { ...(item as Item), id: opportunityId })
    if ((r.flag(r.present(['includeFlag', 'includedFlag'])) ?? 1) === 0) continue
    const revenue = r.decimal('revenue') ?? 0
    amount = (amount ?? 0) + revenue
    if (r.flag('recurringFlag') === 1) monthly = (monthly ?? 0) + (r.decimal('recurringRevenue') ?? 0)
    else oneOff = (oneOff ?? 0) + revenue
  }
  return { amount, monthly, oneOff }
}

/**
 * A chance of winning in percent. UNVERIFIED: ConnectWise's `probability` is a reference into the tenant's sales
 * probabilities, named by its percentage (`{id, name: "50"}`); a plain number, and a reference that carries
 * `probability`, are taken too.
 */
function probabilityOf(r: RecordReader): number | null {
  const value = r.item.probability
  if (value === null || value === undefined || typeof value === 'number') return r.decimal('probability')
  const own = r.decimal('probability/probability')
  if (own !== null) return own
  const name = r.text('probability/name')
  const percent = name === null ? null : /-?\d+(?:[.,]\d+)?/.exec(name)
  if (name !== null && !percent) throw malformed(r.entity, r.id, 'probability/name', `is not a percentage (${name})`)
  return percent ? Number(percent[0].replace(',', '.')) : null
}

/**
 * An opportunity, its status the tenant's own and its outcome what that status means (open until the statuses list
 * says otherwise). ConnectWise closes an opportunity on `closedDate` whether won or lost: it is the row's won date
 * when its status has `wonFlag`, its lost date when `lostFlag`. The revenue comes from its forecast.
 */
export function opportunityRow(
  r: RecordReader,
  statuses: ReadonlyMap<number, OpportunityStatusFlags>,
  revenue: Revenue,
): Row<OpportunityTable> {
  const status = r.int('status/id', true)!
  const flags = statuses.get(status)
  const closed = r.instant('closedDate')
  return {
    id: r.id,
    psa: PSA,
    company_id: r.int('company/id', true)!,
    contact_id: r.int('contact/id'),
    owner_resource_id: r.int('primarySalesRep/id'),
    title: r.text('name', true)!,
    status,
    outcome: outcomeOf(flags),
    stage: r.int('stage/id'),
    category_id: null,
    amount: revenue.amount,
    probability: probabilityOf(r),
    monthly_revenue: revenue.monthly,
    onetime_revenue: revenue.oneOff,
    projected_close_date: r.date('expectedCloseDate'),
    created_at: r.instant('_info/dateEntered'),
    closed_at: flags?.won ? closed : null,
    lost_at: flags?.lost ? closed : null,
    loss_reason: null,
    win_reason: null,
    last_activity_at: lastUpdatedOf(r),
  }
}

/**
 * An invoice. ConnectWise keeps what is still owed (`balance`), not when it was paid: an invoice with nothing left
 * to pay counts as paid on the local date of its last update, the payment being the last thing that happens to an
 * invoice. ConnectWise does not void invoices (it deletes or credits them), so none is voided.
 */
export function invoiceRow(r: RecordReader, context: MapContext): Row<InvoiceTable> {
  const balance = r.decimal('balance')
  return {
    id: r.id,
    psa: PSA,
    company_id: r.int('company/id'),
    number: r.text('invoiceNumber'),
    invoice_date: r.date('date', true)!,
    due_date: r.date('dueDate'),
    paid_date: balance !== null && balance <= 0 ? localDate(new Date(lastUpdatedOf(r)), context.timeZone) : null,
    total: r.decimal('total'),
    tax: r.decimal('salesTax'),
    payment_term: r.int('billingTerms/id'),
    is_voided: 0,
    voided_at: null,
    created_at: r.instant('_info/dateEntered'),
  }
}

/**
 * A project. Its hour budget is `budgetHours` (else `estimatedHours`); it is complete when `closedFlag` says so,
 * at `actualEnd` (else its last update). ConnectWise shows a project by its id.
 */
export function projectRow(r: RecordReader): Row<ProjectTable> {
  const lastUpdated = lastUpdatedOf(r)
  return {
    id: r.id,
    psa: PSA,
    company_id: r.int('company/id'),
    contract_id: r.int('agreement/id'),
    lead_resource_id: r.int('manager/id'),
    name: r.text('name', true)!,
    number: String(r.id),
    project_type: r.int('type/id'),
    status: r.int('status/id'),
    estimated_hours: r.decimal('budgetHours') ?? r.decimal('estimatedHours'),
    start_date: r.date('estimatedStart'),
    end_date: r.date('estimatedEnd'),
    completed_at: r.flag('closedFlag') === 1 ? (r.instant('actualEnd') ?? lastUpdated) : null,
    created_at: r.instant('_info/dateEntered'),
    last_activity_at: lastUpdated,
  }
}

const NOT_BILLED = new Set(['donotbill', 'nocharge'])

/**
 * A project ticket as its project's task: time charged to it (`chargeToType` ProjectTicket) is the task's. Its
 * estimate is `budgetHours`; ConnectWise keeps no hours still planned, so none are claimed.
 */
export function projectTicketRow(r: RecordReader): Row<TaskTable> {
  const lastUpdated = lastUpdatedOf(r)
  const billTime = r.text('billTime')?.toLowerCase() ?? null
  return {
    id: r.id,
    psa: PSA,
    project_id: r.int('project/id', true)!,
    title: r.text('summary'),
    number: String(r.id),
    status: r.int('status/id'),
    assigned_resource_id: r.int('owner/id'),
    estimated_hours: r.decimal('budgetHours'),
    remaining_hours: null,
    is_billable: billTime === null || billTime === 'nodefault' ? null : NOT_BILLED.has(billTime) ? 0 : 1,
    start_at: r.instant('estimatedStartDate'),
    end_at: r.instant('requiredDate'),
    completed_at: r.flag('closedFlag') === 1 ? (r.instant('closedDate') ?? lastUpdated) : null,
    created_at: r.instant('_info/dateEntered'),
    last_activity_at: lastUpdated,
  }
}

/** A company's account manager from its team (`company/companies/{id}/teams`): the member flagged so, else none. */
export function accountManagerOf(team: readonly unknown[]): number | null {
  for (const item of team) {
    const r = openRecord('CompanyTeams', item)
    if (r.flag('accountManagerFlag') === 1) {
      const member = r.int('member/id')
      if (member !== null) return member
    }
  }
  return null
}
