import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { forMe, resourceName } from './sql.js'
import { lastDates } from './time.js'
import { CONTRACT_KIND } from '../db/psa-model.js'

// How each hour of work is paid for, decided in one place: by the type of the contract the work
// falls under. Every finance and account KPI asks this module, so "billable" means one thing.
//
// - fee:     a fee covers the time (Recurring Service, Retainer, Fixed Price, Per Ticket). The hours
//            cost the MSP labour but add nothing to an invoice.
// - prepaid: the hours come off hours the client bought ahead (Block Hours).
// - hourly:  the client pays per hour (Time and Materials), and so does work under no contract at
//            all, which the PSA bills at the role's rate.

export type BillingModel = 'fee' | 'prepaid' | 'hourly'

const MODEL_OF_TYPE: ReadonlyMap<number, BillingModel> = new Map([
  [CONTRACT_KIND.timeAndMaterials, 'hourly'],
  [CONTRACT_KIND.fixedPrice, 'fee'],
  [CONTRACT_KIND.blockHours, 'prepaid'],
  [CONTRACT_KIND.retainer, 'fee'],
  [CONTRACT_KIND.recurringService, 'fee'],
  [CONTRACT_KIND.perTicket, 'fee'],
])

/** The contract types that make a client a managed client (a recurring-service agreement). */
export const MANAGED_TYPES: number[] = [CONTRACT_KIND.recurringService]

/** How time under a contract of this type is paid; no contract, or a type roleboard does not know, is paid per hour. */
export function billingModel(contractType: number | null | undefined): BillingModel {
  return (contractType === null || contractType === undefined ? undefined : MODEL_OF_TYPE.get(contractType)) ?? 'hourly'
}

/** The contract types billed under `model` (hourly also covers entries without a contract). */
export function typesBilled(model: BillingModel): number[] {
  return [...MODEL_OF_TYPE].filter(([, m]) => m === model).map(([type]) => type)
}

/**
 * The types among an agreement's revenue types whose hours that revenue pays for: the fee-covered
 * ones. Hours billed separately (per hour, or off prepaid blocks) do not cost the agreement anything.
 */
export function agreementHourTypes(revenueTypes: readonly number[]): number[] {
  return revenueTypes.filter((type) => billingModel(type) === 'fee')
}

/**
 * The contract a time entry is billed under: the entry's own contractID, else its ticket's. `entry`
 * is the alias of a row with `contract_id` and `ticket_id`. The ticket is read only for an entry
 * without a contract of its own (coalesce stops at the first value), which keeps wide ticket rows out
 * of queries over thousands of entries.
 */
export function billingContractId(entry = 'time_entry') {
  const own = sql.ref(`${entry}.contract_id`)
  return sql<
    number | null
  >`coalesce(${own}, (select entry_ticket.contract_id from ticket as entry_ticket where entry_ticket.id = ${sql.ref(`${entry}.ticket_id`)}))`
}

/** `billingModel` in SQL, for a contract-type column that is null when there is no contract. */
export function billingModelSql(contractType = 'billing_contract.contract_type') {
  const type = sql.ref(contractType)
  const fee = typesBilled('fee')
  const prepaid = typesBilled('prepaid')
  return sql<BillingModel>`case when ${type} in (${sql.join(fee)}) then 'fee' when ${type} in (${sql.join(prepaid)}) then 'prepaid' else 'hourly' end`
}

/**
 * Time entries with the contract they are billed under (`billing_contract`), the join every billing
 * question starts from. A query that shows the ticket joins it after this, so a filter on the billing
 * model drops entries before their (wide) ticket rows are read.
 */
export function billedEntries(db: Kysely<Database>) {
  return db
    .selectFrom('time_entry')
    .leftJoin('contract as billing_contract', (join) =>
      join.on(sql<boolean>`billing_contract.id = ${billingContractId()}`),
    )
}

/**
 * The hours an entry takes off prepaid hours (block hours, retainers): its hours to bill, else its hours worked,
 * none when marked non-billable. For a query over `time_entry`.
 */
export function prepaidHoursUsed() {
  return sql<number>`case when time_entry.non_billable = 0 then coalesce(time_entry.hours_to_bill, time_entry.hours_worked) else 0 end`
}

/** How far back a billable entry makes someone billable staff. */
export const BILLABLE_STAFF_DAYS = 30

/**
 * Active resources (id and name) with at least one time entry worked on a local date from `from` to
 * `to` (inclusive); with `billableOnly`, one not marked non-billable. Narrowed to `me` when given.
 */
export function staffWithEntries(
  db: Kysely<Database>,
  dates: { from: string; to: string },
  me: number | null,
  billableOnly: boolean,
) {
  let worked = db
    .selectFrom('time_entry')
    .select('time_entry.resource_id')
    .where('time_entry.date_worked', '>=', dates.from)
    .where('time_entry.date_worked', '<=', dates.to)
  if (billableOnly) worked = worked.where('time_entry.non_billable', '=', 0)
  const query = db
    .selectFrom('resource')
    .select(['resource.id as resourceId', resourceName().as('resourceName')])
    .where('resource.is_active', '=', 1)
    .where('resource.id', 'in', worked)
  return forMe(query, 'resource.id', me)
}

/**
 * Billable staff: active resources with at least one entry not marked non-billable worked in the
 * last `days` days (time.ts `lastDates`: today and the `days - 1` dates before it, the same dates as the
 * capacity people). Capacity and per-technician figures count these people only, so a service manager
 * or finance clerk who logs admin time does not dilute them. "Technician" on any tile means one of
 * these (revenue_per_tech, endpoints_per_tech, tickets_closed_per_tech): one wall, one head count.
 */
export function billableStaff(db: Kysely<Database>, now: Date, tz: string, days: number, me: number | null) {
  return staffWithEntries(db, lastDates(now, tz, days), me, true)
}
