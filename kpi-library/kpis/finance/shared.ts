import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { agreementHourTypes, billedEntries, billingContractId, billingModelSql } from '../../billing.js'
import { forMe, picklistLabel, resourceName, sqlList, udfNumber } from '../../sql.js'
import { addDays, addMonths, businessDaysInRange, daysFromTo, firstOfMonth, localDate } from '../../time.js'
import { formatNumber, money, pluralWord } from '../../format.js'
import { historyStart } from '../../history.js'
import { formatDay } from '../../time-text.js'
import type { ListField, Text } from '../../types.js'
import { integersParam, numberParam } from '../../params.js'

// Contract, revenue and labour helpers for the finance and account groups (candidates for sql.ts).
// Company 0 is the MSP itself and never counts as a client. Revenue is contract "Monthly Value"
// (EUR/month); hours reach a company through their ticket, else through their contract. How an hour
// is paid (fee, prepaid, per hour) is billing.ts's one rule; these helpers only ask it.

export const MSP_COMPANY = 0
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

export const RECURRING_TYPES = integersParam(
  [7, 6],
  'Contract types billed monthly, whose "Monthly Value" counts as MRR (7 Recurring Service, 6 Retainer).',
  'Contracttypen die maandelijks factureren en waarvan de "Monthly Value" als MRR telt (7 Recurring Service, 6 Retainer).',
)

/**
 * A client and its account manager, under the row field names the front end knows. For a query that
 * joins `company` and `resource as owner` (on company.owner_resource_id).
 */
export const CLIENT_COLUMNS = [
  'company.id as companyId',
  'company.name as companyName',
  'company.owner_resource_id as accountManagerId',
  resourceName('owner').as('accountManagerName'),
] as const

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
      picklistLabel('Contracts', 'contractType', 'contract.contract_type').as('contractTypeLabel'),
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

type ContractDates = Pick<ContractRow, 'startDate' | 'endDate' | 'status'>

/**
 * On how many of the local dates [from, to] a contract was in force, judged on the local `today`:
 * the days its dates overlap them, if it is still active or ended before today (Autotask deactivates
 * contracts once they end, so an inactive one counts only for the days it ran; one deactivated before
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

function inForceOn(contract: ContractDates, date: string, today: string): boolean {
  return inForceDuring(contract, date, date, today)
}

/** MRR movement over the last full month, per client: what was added (new clients, upgrades) and what was lost (churn, downgrades). */
export function mrrMovement(history: ContractRow[], today: string, types: number[]) {
  const { from, to } = fullMonths(today, 1)
  const before = mrrOn(history, addDays(from, -1), today, types)
  const after = mrrOn(history, to, today, types)
  const move = { month: from.slice(0, 7), added: 0, won: 0, upgraded: 0, lost: 0, churned: 0, downgraded: 0 }
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(id)?.mrr ?? 0) - (before.get(id)?.mrr ?? 0)
    if (delta > 0) {
      move.added += delta
      if (before.has(id)) move.upgraded++
      else move.won++
    } else if (delta < 0) {
      move.lost -= delta
      if (after.has(id)) move.downgraded++
      else move.churned++
    }
  }
  return move
}

/** Total MRR on the local `date`, from the contract history. */
export function totalMrrOn(history: ContractRow[], date: string, today: string, types: number[]): number {
  return [...mrrOn(history, date, today, types).values()].reduce((sum, c) => sum + c.mrr, 0)
}

/** A contract's "Monthly Value" UDF in euros (0 when it has none). */
export function monthlyValue(contract: Pick<ContractRow, 'udf'>): number {
  return Math.max(0, udfNumber(contract.udf, 'Monthly Value') ?? 0)
}

/** MRR per client on the local `date`, from the contract history (clients with MRR > 0 only). */
export function mrrOn(history: ContractRow[], date: string, today: string, types: number[]): Map<number, ClientRevenue> {
  return mrrByCompany(
    history.filter((k) => inForceOn(k, date, today)),
    types,
  )
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
    .select(['company.udf as udf', ...CLIENT_COLUMNS])
    .where('company.id', '!=', MSP_COMPANY)
}

/** The client an entry was for: its ticket's company, else its billing contract's. */
const ENTRY_COMPANY = sql<number | null>`coalesce(ticket.company_id, billing_contract.company_id)`

/**
 * Hours worked and their labour cost (hours x the resource's internal cost, or `fallbackCost` when
 * the PSA has none) per client, for entries worked on the local dates [from, to]. With
 * `underTypes`, only the hours billed under a contract of those types (see billing.ts); null counts
 * every hour.
 */
export function labourByCompany(db: Kysely<Database>, from: string, to: string, fallbackCost: number, underTypes: readonly number[] | null) {
  // Summed per ticket, contract and engineer first, so the lookups and the grouping by client see a
  // few thousand rows rather than every entry of the months.
  const work = db
    .selectFrom('time_entry')
    .select(['time_entry.ticket_id', 'time_entry.contract_id', 'time_entry.resource_id', sql<number>`sum(time_entry.hours_worked)`.as('hours')])
    .where('time_entry.date_worked', '>=', from)
    .where('time_entry.date_worked', '<=', to)
    .groupBy(['time_entry.ticket_id', 'time_entry.contract_id', 'time_entry.resource_id'])
    .as('work')
  let query = db
    .selectFrom(work)
    .leftJoin('ticket', 'ticket.id', 'work.ticket_id')
    .leftJoin('contract as billing_contract', (join) => join.on(sql<boolean>`billing_contract.id = ${billingContractId('work')}`))
    .leftJoin('resource', 'resource.id', 'work.resource_id')
    .select([ENTRY_COMPANY.as('companyId'), sql<number>`sum(work.hours)`.as('hours'), sql<number>`sum(work.hours * coalesce(resource.internal_cost, ${fallbackCost}))`.as('cost')])
    .groupBy(ENTRY_COMPANY)
  if (underTypes !== null) query = query.where('billing_contract.contract_type', 'in', sqlList(underTypes))
  return query
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

/** The earliest day any time was logged: the start of the synced history of work (null before any was). */
export function firstWorkedDay(db: Kysely<Database>) {
  return historyStart(db, 'time')
}

/**
 * How many of a window's months the synced history covers. A tenant connected last week has a week
 * of hours: counting three months of revenue against it would report an absurd hourly rate.
 */
export function coveredMonths(from: string, to: string, months: number, first: string | null | undefined): number {
  if (!first || first <= from) return months
  if (first > to) return 0
  return (months * daysFromTo(first, to)) / daysFromTo(from, to)
}

export { daysFromTo }

/** Hours (and their cost, without a fallback) worked on [from, to] under the agreements whose revenue types are given. */
export function agreementLabour(db: Kysely<Database>, from: string, to: string, revenueTypes: number[]) {
  return labourByCompany(db, from, to, 0, agreementHourTypes(revenueTypes))
}

/** The queries behind `agreementEconomics` for the last `months` full months before the local `today`. */
export function agreementQueries(db: Kysely<Database>, today: string, months: number, fallbackCost: number, revenueTypes: number[]) {
  const { from, to } = fullMonths(today, months)
  return { contracts: contractsInForce(db, today), labour: labourByCompany(db, from, to, fallbackCost, agreementHourTypes(revenueTypes)), first: firstWorkedDay(db) }
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

/** Month to date, with the business days gone (today included) and in the whole month. */
export function monthToDate(now: Date, tz: string, hours: Parameters<typeof businessDaysInRange>[2]) {
  const today = localDate(now, tz)
  const from = firstOfMonth(today)
  const last = addDays(addMonths(from, 1), -1)
  return { today, from, elapsed: businessDaysInRange(from, today, hours), total: businessDaysInRange(from, last, hours) }
}

/** Business days a month-end projection counts at least (agreements_over_budget's default `minDays`). */
export const AGREEMENT_MIN_DAYS = 5

export const BUDGET_SHARE = numberParam(
  1,
  0.05,
  2,
  'Share of MRR that buys labour at the standard rate: the hour budget is MRR x share / rate. 1 = the effective rate must reach the standard rate; 0.25 is Taylor Business Group\'s strict form for a 65% margin.',
  'Deel van de MRR dat arbeid tegen het standaardtarief dekt: het urenbudget is MRR x deel / tarief. 1 = het effectieve tarief moet het standaardtarief halen; 0,25 is de strenge vorm van Taylor Business Group voor 65% marge.',
)

export interface Burn extends ClientRevenue {
  hoursMtd: number
  budgetHours: number
  burnPct: number
  projectedPct: number | null
}

/**
 * Agreement labour budget used this month per client with MRR. The month-end projection scales the
 * hours by business days; before `minDays` business days have passed it is too noisy and left null.
 * `rate` is the standard rate on purpose, not the settings' contract-type rates: the budget values
 * the agreement's own (fee-covered) hours as labour, a benchmark, not what any hour is billed at.
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
    // The month-end pace; before `minDays` business days it counts as if that many had passed, so one busy
    // morning does not project a month over budget while 97% of the budget gone by day 4 still does.
    const projectedPct = month.total > 0 ? (burnPct * month.total) / Math.max(month.elapsed, minDays, 1) : null
    return { ...client, hoursMtd, budgetHours, burnPct, projectedPct }
  })
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

/** Time entries joined to their billing contract (billing.ts), ticket, client (through the ticket, else the contract) and engineer. */
function entriesWithClient(db: Kysely<Database>) {
  return billedEntries(db)
    .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
    .leftJoin('company', (join) => join.on(sql<boolean>`company.id = ${ENTRY_COMPANY}`))
    .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
}

/** Time entries with the client, the engineer and the ticket, under the row field names the front end knows. */
export function entryRows(db: Kysely<Database>) {
  return entriesWithClient(db).select([
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

/**
 * Time waiting to be invoiced, the pinned reading of unbilled_billable_time: entries not marked
 * non-billable, not yet approved for billing (`approved_at`, Autotask's billingApprovalDateTime),
 * worked before the local `today` (today's work is still being logged) and billed by the hour
 * (billing.ts). Their hours are the hours to bill. One query for the headline and its rows, so they
 * always add up.
 */
export function unbilledEntries(db: Kysely<Database>, today: string, me: number | null) {
  // Only the columns the two KPIs show: a wide column (the summary) would be read for every
  // unapproved entry of the history.
  const entries = entriesWithClient(db)
    .select([
      'time_entry.date_worked as dateWorked',
      'company.id as companyId',
      'company.name as companyName',
      'time_entry.resource_id as resourceId',
      resourceName().as('resourceName'),
      sql<number>`coalesce(time_entry.hours_to_bill, 0)`.as('hoursToBill'),
      // The type of the contract the entry is billed under (billing.ts); null without a contract.
      'billing_contract.contract_type as contractType',
    ])
    .where('time_entry.non_billable', '=', 0)
    .where('time_entry.approved_at', 'is', null)
    .where('time_entry.date_worked', '<', today)
    .where(billingModelSql(), '=', 'hourly')
  return forMe(entries, 'time_entry.resource_id', me)
}

/**
 * The rate of an hour billed by the hour under a contract of `contractType` (null: no contract): the
 * MSP's own rate for that type from the settings (KpiContext.rates), else `standardRate`. `own` says
 * the settings gave it.
 */
export function hourlyRate(contractType: number | null, rates: ReadonlyMap<number, number> | undefined, standardRate: number): { rate: number; own: boolean } {
  const own = contractType === null ? undefined : rates?.get(contractType)
  return own === undefined ? { rate: standardRate, own: false } : { rate: own, own: true }
}

/** Which rates valued the hours of a sentence: a contract type's own rate for some of them, or only the standard rate. */
export type RatesUsed = 'yours' | 'standard'

/** What both unbilled KPIs say: the hours waiting (exact), their value (at `rates`), at how many clients, and since when. */
export function unbilledSentence(hours: number, value: number, clients: number, oldest: string | null, rates: RatesUsed = 'standard'): Text {
  if (hours === 0) return { en: 'All time billed by the hour from before today is approved for billing.', nl: 'Alle uren op nacalculatie van vóór vandaag zijn goedgekeurd voor facturatie.' }
  const m = money(value)
  const at = rates === 'yours' ? { en: 'at your rates', nl: 'tegen jouw tarieven' } : { en: 'at the standard rate', nl: 'tegen het standaardtarief' }
  const since = { en: oldest ? `; the oldest is from ${formatDay(oldest, 'en')}` : '', nl: oldest ? `; de oudste is van ${formatDay(oldest, 'nl')}` : '' }
  return {
    en: `${formatNumber(hours, 'en', 2)} ${pluralWord(hours, 'hour', 'hours')} billed by the hour (${m.en} ${at.en}) at ${clients} ${pluralWord(clients, 'client', 'clients')} ${pluralWord(hours, 'waits', 'wait')} for approval and posting${since.en}.`,
    nl: `${formatNumber(hours, 'nl', 2)} uur op nacalculatie (${m.nl} ${at.nl}) bij ${clients} ${pluralWord(clients, 'klant', 'klanten')} wacht op goedkeuring en boeking${since.nl}.`,
  }
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

/** The query of every KPI that reads MRR from contract start and end dates. */
export function contractHistoryQuery({ db }: { db: Kysely<Database> }) {
  return { contracts: contractHistory(db) }
}

export const LAST_FULL_MONTH: Text = { en: 'last full month', nl: 'vorige volle maand' }

/** What the KPIs of last month's MRR movement from contract dates have in common. */
export const MRR_MOVEMENT = {
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'finance', 'account-manager'],
  unit: 'euro',
  window: LAST_FULL_MONTH,
  params: { recurringTypes: RECURRING_TYPES },
  band: null,
  freshnessMinutes: 24 * 60,
  personal: false,
  queries: contractHistoryQuery,
} as const

/** The query of every KPI that only needs today's contracts. */
export function contractsToday({ db, now, tz }: { db: Kysely<Database>; now: Date; tz: string }) {
  return { contracts: contractsInForce(db, localDate(now, tz)) }
}

/** The clients paying recurring revenue, largest first, and their total MRR. */
export function portfolio(contracts: ContractRow[], types: number[]): { clients: ClientRevenue[]; total: number } {
  const clients = [...mrrByCompany(contracts, types).values()].sort((a, b) => b.mrr - a.mrr || a.companyId - b.companyId)
  return { clients, total: clients.reduce((sum, c) => sum + c.mrr, 0) }
}
