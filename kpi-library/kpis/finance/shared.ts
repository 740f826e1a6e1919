import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { agreementHourTypes, billedEntries, billingModelSql } from '../../billing.js'
import { forMe, resourceName } from '../../sql.js'
import {
  addDays,
  addMonths,
  businessDaysInRange,
  type BusinessHours,
  firstOfMonth,
  fullMonths,
  localDate,
} from '../../time.js'
import { formatNumber, money, pluralWord } from '../../format.js'
import { formatDay } from '../../time-text.js'
import type { Text } from '../../types.js'
import { numberParam } from '../../params.js'
import {
  type ClientRevenue,
  contractHistory,
  type ContractRow,
  contractsInForce,
  ENTRY_COMPANY,
  inForceOn,
  labourByCompany,
  labourMap,
  type LabourRow,
  mrrByCompany,
  RECURRING_TYPES,
} from '../../contracts.js'

// Helpers of the finance group: MRR movements, the month's agreement budget burn, unbilled time and the
// rates it is worth. Contracts, revenue and labour are contracts.ts's; clients are clients.ts's.

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

/** MRR per client on the local `date`, from the contract history (clients with MRR > 0 only). */
export function mrrOn(
  history: ContractRow[],
  date: string,
  today: string,
  types: number[],
): Map<number, ClientRevenue> {
  return mrrByCompany(
    history.filter((k) => inForceOn(k, date, today)),
    types,
  )
}

/** Hours (and their cost, without a fallback) worked on [from, to] under the agreements whose revenue types are given. */
export function agreementLabour(db: Kysely<Database>, from: string, to: string, revenueTypes: number[]) {
  return labourByCompany(db, from, to, 0, agreementHourTypes(revenueTypes))
}

/** Month to date, with the business days gone (today included) and in the whole month. */
export function monthToDate(now: Date, tz: string, hours: Parameters<typeof businessDaysInRange>[2]) {
  const today = localDate(now, tz)
  const from = firstOfMonth(today)
  const last = addDays(addMonths(from, 1), -1)
  return {
    today,
    from,
    elapsed: businessDaysInRange(from, today, hours),
    total: businessDaysInRange(from, last, hours),
  }
}

/** This month's contracts in force and the hours worked under their agreements so far: the rows of `monthBurn`. */
export function burnQueries(
  ctx: { db: Kysely<Database>; now: Date; tz: string; hours: BusinessHours },
  recurringTypes: number[],
) {
  const month = monthToDate(ctx.now, ctx.tz, ctx.hours)
  return {
    contracts: contractsInForce(ctx.db, month.today),
    labour: agreementLabour(ctx.db, month.from, month.today, recurringTypes),
  }
}

/** This month's hour-budget burn per agreement client (`agreementBurn`), from the rows of `burnQueries`. */
export function monthBurn(
  rows: { contracts: ContractRow[]; labour: LabourRow[] },
  ctx: { now: Date; tz: string; hours: BusinessHours },
  params: { recurringTypes: number[]; standardRate: number; budgetShare: number },
  minDays: number,
): Burn[] {
  const month = monthToDate(ctx.now, ctx.tz, ctx.hours)
  return agreementBurn(
    mrrByCompany(rows.contracts, params.recurringTypes),
    labourMap(rows.labour),
    month,
    params.standardRate,
    params.budgetShare,
    minDays,
  )
}

/** An agreement client over its hour budget this month, or heading over it at this pace. */
export function overBudget(client: Burn): boolean {
  return client.burnPct > 100 || (client.projectedPct ?? 0) > 100
}

/** Business days a month-end projection counts at least (agreements_over_budget's default `minDays`). */
export const AGREEMENT_MIN_DAYS = 5

export const BUDGET_SHARE = numberParam(
  1,
  0.05,
  2,
  "Share of MRR that buys labour at the standard rate: the hour budget is MRR x share / rate. 1 = the effective rate must reach the standard rate; 0.25 is Taylor Business Group's strict form for a 65% margin.",
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

/** Time entries joined to their billing contract (billing.ts), ticket, client (through the ticket, else the contract) and engineer. */
function entriesWithClient(db: Kysely<Database>) {
  return billedEntries(db)
    .leftJoin('ticket', 'ticket.id', 'time_entry.ticket_id')
    .leftJoin('company', (join) => join.on(sql<boolean>`company.id = ${ENTRY_COMPANY}`))
    .leftJoin('resource', 'resource.id', 'time_entry.resource_id')
}

/** Time entries with the client, the engineer and the ticket, under the row field names the front end knows. */
export function billedEntryRows(db: Kysely<Database>) {
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

/** The columns unbilledEntries reads, for the `about.sources` of the KPIs built on it. */
export const UNBILLED_SOURCES = [
  'time_entry.hours_to_bill',
  'time_entry.non_billable',
  'time_entry.approved_at',
  'time_entry.date_worked',
  'time_entry.contract_id',
  'ticket.contract_id',
  'contract.contract_type',
] as const

/**
 * Time waiting to be invoiced, the pinned reading of unbilled_billable_time: entries not marked
 * non-billable, not yet approved for billing (`approved_at`, the PSA's billing approval),
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
export function hourlyRate(
  contractType: number | null,
  rates: ReadonlyMap<number, number> | undefined,
  standardRate: number,
): { rate: number; own: boolean } {
  const own = contractType === null ? undefined : rates?.get(contractType)
  return own === undefined ? { rate: standardRate, own: false } : { rate: own, own: true }
}

/** Which rates valued the hours of a sentence: a contract type's own rate for some of them, or only the standard rate. */
export type RatesUsed = 'yours' | 'standard'

/** What both unbilled KPIs say: the hours waiting (exact), their value (at `rates`), at how many clients, and since when. */
export function unbilledSentence(
  hours: number,
  value: number,
  clients: number,
  oldest: string | null,
  rates: RatesUsed = 'standard',
): Text {
  if (hours === 0)
    return {
      en: 'All time billed by the hour from before today is approved for billing.',
      nl: 'Alle uren op nacalculatie van vóór vandaag zijn goedgekeurd voor facturatie.',
    }
  const m = money(value)
  const at =
    rates === 'yours'
      ? { en: 'at your rates', nl: 'tegen jouw tarieven' }
      : { en: 'at the standard rate', nl: 'tegen het standaardtarief' }
  const since = {
    en: oldest ? `; the oldest is from ${formatDay(oldest, 'en')}` : '',
    nl: oldest ? `; de oudste is van ${formatDay(oldest, 'nl')}` : '',
  }
  return {
    en: `${formatNumber(hours, 'en', 2)} ${pluralWord(hours, 'hour', 'hours')} billed by the hour (${m.en} ${at.en}) at ${clients} ${pluralWord(clients, 'client', 'clients')} ${pluralWord(hours, 'waits', 'wait')} for approval and posting${since.en}.`,
    nl: `${formatNumber(hours, 'nl', 2)} uur op nacalculatie (${m.nl} ${at.nl}) bij ${clients} ${pluralWord(clients, 'klant', 'klanten')} wacht op goedkeuring en boeking${since.nl}.`,
  }
}

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
  const clients = [...mrrByCompany(contracts, types).values()].sort(
    (a, b) => b.mrr - a.mrr || a.companyId - b.companyId,
  )
  return { clients, total: clients.reduce((sum, c) => sum + c.mrr, 0) }
}
