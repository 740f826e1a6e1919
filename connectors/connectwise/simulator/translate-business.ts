import type { ApiRecord } from '../../autotask/simulator/store.js'
import { OPPORTUNITY_STATUS } from '../../autotask/simulator/world/picklists.js'
import type { CwRecord } from './conditions.js'
import { customFields, cwTime, latest, reference } from './translate.js'
import type { WorldView } from './translate.js'

/**
 * Beyond the service desk: the world's configuration items, opportunities, invoices, projects and their tasks read as
 * ConnectWise's configurations, opportunities (with their forecast), invoices, projects and project tickets, and each
 * company's account manager as its team. The field names are those of ConnectWise's REST model as far as the public
 * clients generated from it show; where they are unsure, the connector accepts more than one form (map-business.ts).
 */

const PROJECT_COMPLETE = 5
const TASK_COMPLETE = 5
const WON = new Set<number>([OPPORTUNITY_STATUS.closed, OPPORTUNITY_STATUS.implemented])
const LOST = new Set<number>([OPPORTUNITY_STATUS.lost])
/** Recurring deals in the world run a year: their amount is twelve months. */
const RECURRING_CYCLES = 12

/** A date-only value as ConnectWise writes one: the day at midnight UTC. */
export function cwDate(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null
  return `${value.slice(0, 10)}T00:00:00Z`
}

export function configuration(record: ApiRecord, view: WorldView): CwRecord {
  const active = record.isActive !== false
  return {
    id: record.id,
    name: record.referenceTitle ?? null,
    type: view.picklistRef('ConfigurationItems', 'configurationItemType', record.configurationItemType),
    status: { id: active ? 1 : 2, name: active ? 'Active' : 'Inactive', _info: {} },
    company: view.company(record.companyID),
    contact: view.contact(record.contactID),
    serialNumber: record.serialNumber ?? null,
    installationDate: cwDate(record.installDate),
    warrantyExpirationDate: cwDate(record.warrantyExpirationDate),
    activeFlag: active,
    customFields: customFields(view.world.udfs('ConfigurationItems'), record),
    _info: {
      dateEntered: cwTime(record.createDate),
      lastUpdated: latest(record.createDate, record.lastModifiedTime, view.savedAt('ConfigurationItems', record.id)),
    },
  }
}

export function opportunity(record: ApiRecord, view: WorldView): CwRecord {
  const probability = typeof record.probability === 'number' ? record.probability : null
  return {
    id: record.id,
    name: record.title,
    expectedCloseDate: cwDate(record.projectedCloseDate),
    stage: view.picklistRef('Opportunities', 'stage', record.stage),
    status: view.picklistRef('Opportunities', 'status', record.status),
    // A reference into the tenant's sales probabilities, named by the percentage.
    probability: probability === null ? null : { id: probability, name: String(probability), _info: {} },
    source: view.label('Opportunities', 'leadSource', record.leadSource),
    primarySalesRep: view.member(record.ownerResourceID),
    company: view.company(record.companyID),
    contact: view.contact(record.contactID),
    // ConnectWise closes an opportunity once, won or lost, on its closed date.
    closedDate: cwTime(record.closedDate ?? record.lostDate),
    notes: record.description ?? null,
    customFields: customFields(view.world.udfs('Opportunities'), record),
    _info: {
      dateEntered: cwTime(record.createDate),
      lastUpdated: latest(
        record.createDate,
        record.lastActivity,
        record.closedDate,
        record.lostDate,
        view.savedAt('Opportunities', record.id),
      ),
    },
  }
}

/** `sales/opportunities/{id}/forecast`: the deal as one forecast item, recurring when it bills monthly. */
export function opportunityForecast(view: WorldView, id: number): CwRecord | undefined {
  const record = view.world.get('Opportunities', id)
  if (!record) return undefined
  const amount = typeof record.amount === 'number' ? record.amount : 0
  const cost = typeof record.cost === 'number' ? record.cost : 0
  const monthly = typeof record.monthlyRevenue === 'number' ? record.monthlyRevenue : null
  const info = { lastUpdated: latest(record.createDate, record.lastActivity) }
  const totals = { revenue: amount, cost, margin: amount - cost, percentage: record.probability ?? 0, _info: {} }
  return {
    id: record.id,
    forecastItems: [
      {
        id: record.id,
        forecastDescription: record.title,
        opportunity: { id: record.id, name: record.title, _info: {} },
        quantity: 1,
        status: view.picklistRef('Opportunities', 'status', record.status),
        forecastType: monthly === null ? 'Product' : 'Service',
        revenue: amount,
        cost,
        margin: amount - cost,
        percentage: record.probability ?? 0,
        includeFlag: true,
        recurringFlag: monthly !== null,
        recurringRevenue: monthly ?? 0,
        recurringCost: 0,
        cycles: monthly === null ? null : RECURRING_CYCLES,
        billCycle: monthly === null ? null : { id: 1, name: 'Monthly', _info: {} },
        _info: info,
      },
    ],
    forecastRevenueTotals: totals,
    inclusiveRevenueTotals: totals,
    recurringTotal: monthly === null ? 0 : monthly * RECURRING_CYCLES,
    _info: info,
  }
}

/** `sales/opportunities/statuses`: the world's statuses, with what each means. */
export function opportunityStatuses(view: WorldView): CwRecord[] {
  const start = cwTime(view.world.options.now)
  return view.choices('Opportunities', 'status').map((choice) => ({
    id: choice.id,
    name: choice.name,
    wonFlag: WON.has(choice.id),
    lostFlag: LOST.has(choice.id),
    closedFlag: choice.id !== OPPORTUNITY_STATUS.active,
    inactiveFlag: false,
    defaultFlag: choice.id === OPPORTUNITY_STATUS.active,
    _info: { dateEntered: start, lastUpdated: start },
  }))
}

/** An invoice; a voided one is not served (ConnectWise deletes or credits an invoice, it does not void it). */
export function invoice(record: ApiRecord, view: WorldView): CwRecord {
  const total = typeof record.invoiceTotal === 'number' ? record.invoiceTotal : 0
  const tax = typeof record.totalTaxValue === 'number' ? record.totalTaxValue : 0
  const paid = record.paidDate != null
  return {
    id: record.id,
    invoiceNumber: record.invoiceNumber ?? null,
    type: 'Standard',
    company: view.company(record.companyID),
    billToCompany: view.company(record.companyID),
    date: cwDate(record.invoiceDateTime),
    dueDate: cwDate(record.dueDate),
    billingTerms: view.picklistRef('Invoices', 'paymentTerm', record.paymentTerm),
    status: { id: paid ? 2 : 1, name: paid ? 'Paid' : 'Sent', _info: {} },
    subtotal: Math.round((total - tax) * 100) / 100,
    salesTax: tax,
    total,
    payments: paid ? total : 0,
    balance: paid ? 0 : total,
    customFields: customFields(view.world.udfs('Invoices'), record),
    _info: {
      dateEntered: cwTime(record.createDateTime),
      // Paying is the last thing that happens to an invoice: its last update is the day it was paid.
      lastUpdated: latest(record.createDateTime, record.paidDate, view.savedAt('Invoices', record.id)),
      enteredBy: view.identifier(record.creatorResourceID),
    },
  }
}

export function isVoidedInvoice(view: WorldView, id: unknown): boolean {
  return view.world.get('Invoices', Number(id))?.isVoided === true
}

export function project(record: ApiRecord, view: WorldView): CwRecord {
  const closed = record.status === PROJECT_COMPLETE
  return {
    id: record.id,
    name: record.projectName,
    company: view.company(record.companyID),
    manager: view.member(record.projectLeadResourceID),
    status: view.picklistRef('Projects', 'status', record.status),
    type: view.picklistRef('Projects', 'projectType', record.projectType),
    agreement: view.agreement(record.contractID),
    billingMethod: record.contractID == null ? 'ActualRates' : 'FixedFee',
    estimatedStart: cwDate(record.startDateTime),
    estimatedEnd: cwDate(record.endDateTime),
    actualEnd: closed ? cwTime(record.completedDateTime) : null,
    budgetHours: record.estimatedTime ?? null,
    estimatedHours: record.estimatedTime ?? null,
    actualHours: hoursOn(view, 'project', record.id),
    percentComplete: record.completedPercentage ?? null,
    closedFlag: closed,
    description: record.description ?? null,
    customFields: customFields(view.world.udfs('Projects'), record),
    _info: {
      dateEntered: cwTime(record.createDateTime),
      lastUpdated: latest(
        record.createDateTime,
        record.lastActivityDateTime,
        record.statusDateTime,
        record.completedDateTime,
        view.savedAt('Projects', record.id),
      ),
    },
  }
}

/** A project's task as ConnectWise has it: a project ticket. */
export function projectTicket(record: ApiRecord, view: WorldView): CwRecord {
  const parent = view.world.get('Projects', Number(record.projectID))
  const closed = record.status === TASK_COMPLETE
  const owner = view.member(record.assignedResourceID)
  return {
    id: record.id,
    summary: record.title,
    recordType: 'ProjectTicket',
    project: parent ? { id: parent.id, name: parent.projectName, _info: {} } : reference(record.projectID, null),
    company: view.company(parent?.companyID),
    status: view.picklistRef('Tasks', 'status', record.status),
    owner,
    resources: owner ? owner.identifier : null,
    budgetHours: record.estimatedHours ?? null,
    actualHours: hoursOn(view, 'task', record.id),
    billTime: record.isTaskBillable === false ? 'DoNotBill' : 'Billable',
    estimatedStartDate: cwTime(record.startDateTime),
    requiredDate: cwTime(record.endDateTime),
    closedFlag: closed,
    closedDate: closed ? cwTime(record.completedDateTime) : null,
    customFields: customFields(view.world.udfs('Tasks'), record),
    _info: {
      dateEntered: cwTime(record.createDateTime),
      lastUpdated: latest(
        record.createDateTime,
        record.lastActivityDateTime,
        record.completedDateTime,
        view.savedAt('Tasks', record.id),
      ),
    },
  }
}

/** `company/companies/{id}/teams`: the company's account manager (the world's owner), if it has one. */
export function companyTeam(view: WorldView, companyId: number): CwRecord[] | undefined {
  const company = view.world.get('Companies', companyId)
  if (!company) return undefined
  const member = view.member(company.ownerResourceID)
  if (!member) return []
  return [
    {
      id: company.id,
      company: view.company(company.id),
      member,
      contact: null,
      teamRole: { id: 1, name: 'Account Manager', _info: {} },
      accountManagerFlag: true,
      techFlag: false,
      salesFlag: false,
      _info: { lastUpdated: latest(company.createDate, view.savedAt('Companies', company.id)) },
    },
  ]
}

/** Hours booked per task and per project, indexed once per state of the world's time entries. */
const hoursIndex = new WeakMap<readonly ApiRecord[], { task: Map<number, number>; project: Map<number, number> }>()

function hoursOn(view: WorldView, on: 'task' | 'project', id: number): number {
  const entries = view.world.records('TimeEntries')
  let index = hoursIndex.get(entries)
  if (!index) {
    index = { task: new Map(), project: new Map() }
    const projectOf = new Map(view.world.records('Tasks').map((task) => [task.id, Number(task.projectID)]))
    for (const entry of entries) {
      if (entry.taskID == null || typeof entry.hoursWorked !== 'number') continue
      const taskId = Number(entry.taskID)
      index.task.set(taskId, (index.task.get(taskId) ?? 0) + entry.hoursWorked)
      const projectId = projectOf.get(taskId)
      if (projectId !== undefined) index.project.set(projectId, (index.project.get(projectId) ?? 0) + entry.hoursWorked)
    }
    hoursIndex.set(entries, index)
  }
  return Math.round((index[on].get(id) ?? 0) * 100) / 100
}
