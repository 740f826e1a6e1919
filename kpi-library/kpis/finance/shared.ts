import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { picklistLabel, resourceName, udfNumber } from '../../sql.js'
import { addDays, addMonths, businessDaysInRange, firstOfMonth, localDate } from '../../time.js'
import type { ListField, ParamSpec } from '../../types.js'

// Contract, revenue and labour helpers for the finance and account groups (candidates for sql.ts).
// Company 0 is the MSP itself and never counts as a client. Revenue is contract "Monthly Value"
// (EUR/month); hours reach a company through their ticket, else through their contract.

export const MSP_COMPANY = 0
export const ACTIVE = 1

export const STANDARD_RATE = {
  type: 'number',
  default: 95,
  min: 1,
  max: 1000,
  description: { en: 'The standard (break-fix) hourly rate in euros.', nl: 'Het standaard uurtarief (nacalculatie) in euro.' },
} satisfies ParamSpec

export const RECURRING_TYPES = {
  type: 'integers',
  default: [7, 6] as number[],
  description: {
    en: 'Contract types billed monthly, whose "Monthly Value" counts as MRR (7 Recurring Service, 6 Retainer).',
    nl: 'Contracttypen die maandelijks factureren en waarvan de "Monthly Value" als MRR telt (7 Recurring Service, 6 Retainer).',
  },
} satisfies ParamSpec

/** Contracts in force on the local date `today`: active, started, and not yet ended. */
export function contractsInForce(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('contract')
    .innerJoin('company', 'company.id', 'contract.company_id')
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select([
      'contract.id as contractId',
      'contract.name as contractName',
      'contract.number as contractNumber',
      'contract.contract_type as contractType',
      picklistLabel('Contracts', 'contractType', 'contract.contract_type').as('contractTypeLabel'),
      'contract.start_date as startDate',
      'contract.end_date as endDate',
      'contract.udf as udf',
      'company.id as companyId',
      'company.name as companyName',
      'company.owner_resource_id as accountManagerId',
      resourceName('owner').as('accountManagerName'),
    ])
    .where('contract.status', '=', ACTIVE)
    .where('company.id', '!=', MSP_COMPANY)
    .where((eb) => eb.or([eb('contract.start_date', 'is', null), eb('contract.start_date', '<=', today)]))
    .where((eb) => eb.or([eb('contract.end_date', 'is', null), eb('contract.end_date', '>=', today)]))
}

export type ContractRow = Awaited<ReturnType<ReturnType<typeof contractsInForce>['execute']>>[number]

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
    const value = udfNumber(k.udf, 'Monthly Value') ?? 0
    if (value <= 0) continue
    const client = out.get(k.companyId) ?? { companyId: k.companyId, companyName: k.companyName, accountManagerId: k.accountManagerId, accountManagerName: k.accountManagerName, mrr: 0 }
    client.mrr += value
    out.set(k.companyId, client)
  }
  return out
}

/** Clients (not the MSP) with their seat and endpoint counts and account manager. */
export function clientRows(db: Kysely<Database>) {
  return db
    .selectFrom('company')
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select(['company.id as companyId', 'company.name as companyName', 'company.udf as udf', 'company.owner_resource_id as accountManagerId', resourceName('owner').as('accountManagerName')])
    .where('company.id', '!=', MSP_COMPANY)
}

/**
 * Hours worked and their labour cost (hours x the resource's internal cost, or `fallbackCost` when
 * the PSA has none) per client, for entries worked on the local dates [from, to].
 */
export function labourByCompany(db: Kysely<Database>, from: string, to: string, fallbackCost: number) {
  // Summed per ticket, contract and engineer first, so the lookups and the grouping by client see a
  // few thousand rows rather than every entry of the months.
  const work = db
    .selectFrom('time_entry')
    .select(['time_entry.ticket_id', 'time_entry.contract_id', 'time_entry.resource_id', sql<number>`sum(time_entry.hours_worked)`.as('hours')])
    .where('time_entry.date_worked', '>=', from)
    .where('time_entry.date_worked', '<=', to)
    .groupBy(['time_entry.ticket_id', 'time_entry.contract_id', 'time_entry.resource_id'])
    .as('work')
  const company = sql<number | null>`coalesce(ticket.company_id, entry_contract.company_id)`
  return db
    .selectFrom(work)
    .leftJoin('ticket', 'ticket.id', 'work.ticket_id')
    .leftJoin('contract as entry_contract', 'entry_contract.id', 'work.contract_id')
    .leftJoin('resource', 'resource.id', 'work.resource_id')
    .select([company.as('companyId'), sql<number>`sum(work.hours)`.as('hours'), sql<number>`sum(work.hours * coalesce(resource.internal_cost, ${fallbackCost}))`.as('cost')])
    .groupBy(company)
}

export type LabourRow = { companyId: number | null; hours: number; cost: number }

export function labourMap(rows: LabourRow[]): Map<number, LabourRow> {
  return new Map(rows.filter((r) => r.companyId !== null).map((r) => [r.companyId!, { ...r, hours: Number(r.hours), cost: Number(r.cost) }]))
}

/** The last `months` full calendar months before the local `today`, as inclusive dates. */
export function fullMonths(today: string, months: number): { from: string; to: string } {
  const thisMonth = firstOfMonth(today)
  return { from: addMonths(thisMonth, -months), to: addDays(thisMonth, -1) }
}

/** The earliest day any time was logged: the start of the synced history of work. */
export function firstWorkedDay(db: Kysely<Database>) {
  return db.selectFrom('time_entry').select((eb) => eb.fn.min('date_worked').as('first'))
}

/**
 * How many of a window's months the synced history covers. A tenant connected last week has a week
 * of hours: counting three months of revenue against it would report an absurd hourly rate.
 */
export function coveredMonths(from: string, to: string, months: number, first: string | null | undefined): number {
  if (!first || first <= from) return months
  if (first > to) return 0
  const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000) + 1
  return (months * days(first, to)) / days(from, to)
}

/** Month to date, with the business days gone (today included) and in the whole month. */
export function monthToDate(now: Date, tz: string, hours: Parameters<typeof businessDaysInRange>[2]) {
  const today = localDate(now, tz)
  const from = firstOfMonth(today)
  const last = addDays(addMonths(from, 1), -1)
  return { today, from, elapsed: businessDaysInRange(from, today, hours), total: businessDaysInRange(from, last, hours) }
}

export const BUDGET_SHARE = {
  type: 'number',
  default: 1,
  min: 0.05,
  max: 2,
  description: {
    en: 'Share of MRR that buys labour at the standard rate: the hour budget is MRR x share / rate. 1 = the effective rate must reach the standard rate; 0.25 is Taylor Business Group\'s strict form for a 65% margin.',
    nl: 'Deel van de MRR dat arbeid tegen het standaardtarief dekt: het urenbudget is MRR x deel / tarief. 1 = het effectieve tarief moet het standaardtarief halen; 0,25 is de strenge vorm van Taylor Business Group voor 65% marge.',
  },
} satisfies ParamSpec

export interface Burn extends ClientRevenue {
  hoursMtd: number
  budgetHours: number
  burnPct: number
  projectedPct: number | null
}

/**
 * Agreement labour budget used this month per client with MRR. The month-end projection scales the
 * hours by business days; before `minDays` business days have passed it is too noisy and left null.
 */
export function agreementBurn(
  revenue: Map<number, ClientRevenue>,
  labour: Map<number, LabourRow>,
  month: { elapsed: number; total: number },
  rate: number,
  share: number,
  minDays: number,
): Burn[] {
  return [...revenue.values()].map((client) => {
    const hoursMtd = labour.get(client.companyId)?.hours ?? 0
    const budgetHours = (client.mrr * share) / rate
    // From the unrounded inputs, so 17.5 h of a 2,000 / 95 budget is exactly 83.125%.
    const burnPct = (100 * hoursMtd * rate) / (client.mrr * share)
    const projectedPct = month.elapsed >= minDays && month.elapsed > 0 ? (burnPct * month.total) / month.elapsed : null
    return { ...client, hoursMtd, budgetHours, burnPct, projectedPct }
  })
}


/** `€ 1.234` for Dutch text and `€1,234` for English, whole euros. */
export function money(value: number): { en: string; nl: string } {
  const whole = Math.round(value)
  return { en: `€${whole.toLocaleString('en-US')}`, nl: `€ ${whole.toLocaleString('nl-NL')}` }
}

export const COMPANY_FIELD: ListField = { key: 'companyName', label: { en: 'Company', nl: 'Bedrijf' }, type: 'text' }
export const AM_FIELD: ListField = { key: 'accountManagerName', label: { en: 'Account manager', nl: 'Accountmanager' }, type: 'text' }
export const MRR_FIELD: ListField = { key: 'mrr', label: { en: 'MRR', nl: 'MRR' }, type: 'euro' }

/** Sort helper: by a number, largest first, ties by a numeric id. */
export function byDesc<T>(value: (row: T) => number, id: (row: T) => number) {
  return (a: T, b: T) => value(b) - value(a) || id(a) - id(b)
}

/** Keeps a client row when the dashboard is for the whole team, or `me` is its account manager. */
export function ownedBy(me: number | null) {
  return (row: { accountManagerId: number | null }) => me === null || row.accountManagerId === me
}

/**
 * Time entries with the client they were for (through the ticket, else the contract), the
 * engineer and the ticket, under the row field names the front end knows.
 */
export function entryRows(db: Kysely<Database>) {
  return db
    .selectFrom('time_entry')
    .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
    .leftJoin('contract as entry_contract', 'entry_contract.id', 'time_entry.contract_id')
    .leftJoin('company', (join) => join.on(sql<boolean>`company.id = coalesce(ticket.company_id, entry_contract.company_id)`))
    .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
    .select([
      'time_entry.id as entryId',
      'time_entry.date_worked as dateWorked',
      'time_entry.hours_worked as hoursWorked',
      sql<number>`coalesce(time_entry.hours_to_bill, time_entry.hours_worked)`.as('billableHours'),
      'time_entry.summary as summary',
      'ticket.id as ticketId',
      'ticket.number as ticketNumber',
      'ticket.title as ticketTitle',
      'company.id as companyId',
      'company.name as companyName',
      'company.owner_resource_id as accountManagerId',
      'time_entry.resource_id as resourceId',
      resourceName().as('resourceName'),
    ])
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
    (k) => k.companyId === contract.companyId && k.contractType === contract.contractType && k.startDate !== null && k.startDate > (contract.startDate ?? '') && k.startDate <= limit,
  )
}

/** Active contracts that start after the local date `today` (renewals signed ahead). */
export function futureContracts(db: Kysely<Database>, today: string) {
  return db.selectFrom('contract').select(['company_id as companyId', 'contract_type as contractType', 'start_date as startDate']).where('status', '=', ACTIVE).where('start_date', '>', today)
}

export const ENGINEER_FIELD: ListField = { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' }

/** The query of every KPI that only needs today's contracts. */
export function contractsToday({ db, now, tz }: { db: Kysely<Database>; now: Date; tz: string }) {
  return { contracts: contractsInForce(db, localDate(now, tz)) }
}

/** The clients paying recurring revenue, largest first, and their total MRR. */
export function portfolio(contracts: ContractRow[], types: number[]): { clients: ClientRevenue[]; total: number } {
  const clients = [...mrrByCompany(contracts, types).values()].sort((a, b) => b.mrr - a.mrr || a.companyId - b.companyId)
  return { clients, total: clients.reduce((sum, c) => sum + c.mrr, 0) }
}
