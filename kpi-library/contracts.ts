import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { agreementHourTypes, billingContractId } from './billing.js'
import { CLIENT_COLUMNS, MSP_COMPANY } from './clients.js'
import { historyStart } from './history.js'
import { integersParam, numberParam } from './params.js'
import { labelOf, sqlList, udfNumber } from './sql.js'
import { addDays, daysFromTo, fullMonths } from './time.js'

// Contracts, recurring revenue and the labour spent on clients: what the finance, account, CSAT and
// time groups read about money. Revenue is contract "Monthly Value" (EUR/month); hours reach a client
// through their ticket, else through their contract. How an hour is paid (fee, prepaid, per hour) is
// billing.ts's one rule; these helpers only ask it.

export const ACTIVE = 1

export const STANDARD_RATE = numberParam(
  95,
  1,
  1000,
  'The standard (break-fix) hourly rate in euros.',
  'Het standaard uurtarief (nacalculatie) in euro.',
)

export const FALLBACK_COST = numberParam(
  45,
  0,
  500,
  'Hourly cost for resources without an internal cost in the PSA.',
  'Uurkosten voor medewerkers zonder interne kostprijs in de PSA.',
)

/** The columns an agreement's labour against its MRR is read from (the KPI reference's source columns). */
export const AGREEMENT_LABOUR_SOURCES = [
  'contract.contract_type',
  'contract.udf[Monthly Value]',
  'time_entry.hours_worked',
  'time_entry.date_worked',
  'time_entry.contract_id',
  'ticket.contract_id',
] as const

export const RECURRING_TYPES = integersParam(
  [7, 6],
  'Contract types billed monthly, whose "Monthly Value" counts as MRR (7 Recurring Service, 6 Retainer).',
  'Contracttypen die maandelijks factureren en waarvan de "Monthly Value" als MRR telt (7 Recurring Service, 6 Retainer).',
)

/** Contracts of clients (not the MSP) with their type, dates, UDFs and the client's account manager. */
function contractRows(db: Kysely<Database>) {
  return db
    .selectFrom('contract')
    .innerJoin('company', 'company.id', 'contract.company_id')
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select([
      'contract.id as contractId',
      'contract.name as contractName',
      'contract.number as contractNumber',
      'contract.contract_type as contractType',
      labelOf('contractKind', 'contract.contract_type').as('contractTypeLabel'),
      'contract.start_date as startDate',
      'contract.end_date as endDate',
      'contract.status as status',
      'contract.udf as udf',
      ...CLIENT_COLUMNS,
    ])
    .where('company.id', '!=', MSP_COMPANY)
}

/** Contracts in force on the local date `today`: active, started, and not yet ended. */
export function contractsInForce(db: Kysely<Database>, today: string) {
  return contractRows(db)
    .where('contract.status', '=', ACTIVE)
    .where((eb) => eb.or([eb('contract.start_date', 'is', null), eb('contract.start_date', '<=', today)]))
    .where((eb) => eb.or([eb('contract.end_date', 'is', null), eb('contract.end_date', '>=', today)]))
}

/** Every client contract, past, present and future: the history MRR movements are read from. */
export function contractHistory(db: Kysely<Database>) {
  return contractRows(db)
}

export type ContractRow = Awaited<ReturnType<ReturnType<typeof contractsInForce>['execute']>>[number]

export type ContractDates = Pick<ContractRow, 'startDate' | 'endDate' | 'status'>

/**
 * On how many of the local dates [from, to] a contract was in force, judged on the local `today`:
 * the days its dates overlap them, if it is still active or ended before today (a PSA may deactivate
 * contracts once they end, as Autotask does, so an inactive one counts only for the days it ran; one deactivated before
 * its end date never counts). For from = to = today this is exactly `contractsInForce`.
 */
export function daysInForce(contract: ContractDates, from: string, to: string, today: string): number {
  const ran = contract.status === ACTIVE || (contract.endDate !== null && contract.endDate < today)
  const start = contract.startDate !== null && contract.startDate > from ? contract.startDate : from
  const end = contract.endDate !== null && contract.endDate < to ? contract.endDate : to
  return ran && start <= end ? daysFromTo(start, end) : 0
}

export function inForceDuring(contract: ContractDates, from: string, to: string, today: string): boolean {
  return daysInForce(contract, from, to, today) > 0
}

export function inForceOn(contract: ContractDates, date: string, today: string): boolean {
  return inForceDuring(contract, date, date, today)
}

/** A contract's "Monthly Value" UDF in euros (0 when it has none). */
export function monthlyValue(contract: Pick<ContractRow, 'udf'>): number {
  return Math.max(0, udfNumber(contract.udf, 'Monthly Value') ?? 0)
}

export interface ClientRevenue {
  companyId: number
  companyName: string
  accountManagerId: number | null
  accountManagerName: string | null
  mrr: number
}

/** Monthly recurring revenue per client from the contracts in force, clients with MRR > 0 only. */
export function mrrByCompany(contracts: ContractRow[], types: number[]): Map<number, ClientRevenue> {
  const out = new Map<number, ClientRevenue>()
  for (const k of contracts) {
    if (k.contractType === null || !types.includes(k.contractType)) continue
    const value = monthlyValue(k)
    if (value <= 0) continue
    const client = out.get(k.companyId) ?? {
      companyId: k.companyId,
      companyName: k.companyName,
      accountManagerId: k.accountManagerId,
      accountManagerName: k.accountManagerName,
      mrr: 0,
    }
    client.mrr += value
    out.set(k.companyId, client)
  }
  return out
}

/** The client an entry was for: its ticket's company, else its billing contract's. */
export const ENTRY_COMPANY = sql<number | null>`coalesce(ticket.company_id, billing_contract.company_id)`

/**
 * Hours worked and their labour cost (hours x the resource's internal cost, or `fallbackCost` when
 * the PSA has none) per client, for entries worked on the local dates [from, to]. With
 * `underTypes`, only the hours billed under a contract of those types (see billing.ts); null counts
 * every hour.
 */
export function labourByCompany(
  db: Kysely<Database>,
  from: string,
  to: string,
  fallbackCost: number,
  underTypes: readonly number[] | null,
) {
  // Summed per ticket, contract and engineer first, so the lookups and the grouping by client see a
  // few thousand rows rather than every entry of the months.
  const work = db
    .selectFrom('time_entry')
    .select([
      'time_entry.ticket_id',
      'time_entry.contract_id',
      'time_entry.resource_id',
      sql<number>`sum(time_entry.hours_worked)`.as('hours'),
    ])
    .where('time_entry.date_worked', '>=', from)
    .where('time_entry.date_worked', '<=', to)
    .groupBy(['time_entry.ticket_id', 'time_entry.contract_id', 'time_entry.resource_id'])
    .as('work')
  let query = db
    .selectFrom(work)
    .leftJoin('ticket', 'ticket.id', 'work.ticket_id')
    .leftJoin('contract as billing_contract', (join) =>
      join.on(sql<boolean>`billing_contract.id = ${billingContractId('work')}`),
    )
    .leftJoin('resource', 'resource.id', 'work.resource_id')
    .select([
      ENTRY_COMPANY.as('companyId'),
      sql<number>`sum(work.hours)`.as('hours'),
      sql<number>`sum(work.hours * coalesce(resource.internal_cost, ${fallbackCost}))`.as('cost'),
    ])
    .groupBy(ENTRY_COMPANY)
  if (underTypes !== null) query = query.where('billing_contract.contract_type', 'in', sqlList(underTypes))
  return query
}

export type LabourRow = { companyId: number | null; hours: number; cost: number }

export function labourMap(rows: LabourRow[]): Map<number, LabourRow> {
  return new Map(
    rows
      .filter((r) => r.companyId !== null)
      .map((r) => [r.companyId!, { ...r, hours: Number(r.hours), cost: Number(r.cost) }]),
  )
}

/** The earliest day any time was logged: the start of the synced history of work (null before any was). */
export function firstWorkedDay(db: Kysely<Database>) {
  return historyStart(db, 'time')
}

/**
 * How many of a window's months the synced history covers. A tenant connected last week has a week
 * of hours: counting three months of revenue against it would report an absurd hourly rate.
 */
function coveredMonths(from: string, to: string, months: number, first: string | null | undefined): number {
  if (!first || first <= from) return months
  if (first > to) return 0
  return (months * daysFromTo(first, to)) / daysFromTo(from, to)
}

/** The queries behind `agreementEconomics` for the last `months` full months before the local `today`. */
export function agreementQueries(
  db: Kysely<Database>,
  today: string,
  months: number,
  fallbackCost: number,
  revenueTypes: number[],
) {
  const { from, to } = fullMonths(today, months)
  return {
    contracts: contractsInForce(db, today),
    labour: labourByCompany(db, from, to, fallbackCost, agreementHourTypes(revenueTypes)),
    first: firstWorkedDay(db),
  }
}

export interface AgreementClient extends ClientRevenue {
  /** MRR x the months of the window that the synced history covers. */
  revenue: number
  /** Hours worked under the agreement's own (fee-covered) contracts, and their labour cost. */
  hours: number
  cost: number
}

/**
 * Per agreement client (MRR > 0), over the last `months` full months: the revenue, the hours that
 * revenue pays for and their cost. The one source of effective rate, efficiency ratio, margin and the
 * health score's rate part. Hours billed separately (per hour, prepaid blocks, other fees) are left
 * out; revenue counts only for the part of the window the synced history covers.
 */
export function agreementEconomics(
  rows: { contracts: ContractRow[]; labour: LabourRow[]; first: Array<{ first: string | null }> },
  today: string,
  months: number,
  revenueTypes: number[],
): AgreementClient[] {
  const { from, to } = fullMonths(today, months)
  const covered = coveredMonths(from, to, months, rows.first[0]?.first)
  const labour = labourMap(rows.labour)
  return [...mrrByCompany(rows.contracts, revenueTypes).values()].map((c) => ({
    ...c,
    revenue: c.mrr * covered,
    hours: labour.get(c.companyId)?.hours ?? 0,
    cost: labour.get(c.companyId)?.cost ?? 0,
  }))
}

/** What an agreement client paid per hour worked under the agreement; null without hours. */
export function effectiveRate(client: AgreementClient): number | null {
  return client.hours > 0 ? client.revenue / client.hours : null
}

export interface FutureContract {
  companyId: number | null
  contractType: number | null
  startDate: string | null
}

/**
 * Contracts that already have a successor: a later contract of the same client and type that
 * starts no more than `graceDays` after this one ends.
 */
export function isRenewed(contract: ContractRow, later: FutureContract[], graceDays = 31): boolean {
  if (!contract.endDate) return false
  const limit = addDays(contract.endDate, graceDays)
  return later.some(
    (k) =>
      k.companyId === contract.companyId &&
      k.contractType === contract.contractType &&
      k.startDate !== null &&
      k.startDate > (contract.startDate ?? '') &&
      k.startDate <= limit,
  )
}

/** Active contracts that start after the local date `today` (renewals signed ahead). */
export function futureContracts(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('contract')
    .select(['company_id as companyId', 'contract_type as contractType', 'start_date as startDate'])
    .where('status', '=', ACTIVE)
    .where('start_date', '>', today)
}
