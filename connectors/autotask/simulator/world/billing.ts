import type { ApiRecord } from '../store.js'
import {
  DAY,
  addBusinessDays,
  iso,
  isBusinessDay,
  isoDate,
  nextBusinessTime,
  localDay,
  localToUtc,
  round2,
} from './clock.js'
import type { BusinessContext, BusinessPart } from './business.js'
import { atHours } from './business.js'
import { ODDS } from './odds.js'
import { CONTRACT_TYPE, PAYMENT_TERM } from './picklists.js'
import { Rng, mix } from './random.js'
import { NO_UDFS } from './roster.js'
import type { CompanyInfo, ContractInfo } from './types.js'

// Invoices: on the first business day of each month finance invoices every client for its recurring
// fees, block hours and project instalments that fell due, and last month's hours of clients billed
// by the hour; 21% VAT on top. Most clients pay around the due date, some late, a few very late;
// now and then an invoice is voided. Invoices carry no modification stamp: a payment only sets paidDate.

const VAT = 0.21

export function planInvoices(ctx: BusinessContext): BusinessPart {
  const customers = ctx.roster.companies.filter((c) => c.customer)
  const finance = ctx.roster.staff.find((s) => s.role === 'finance')!

  return {
    day(plan, day) {
      if (!isFirstBusinessDayOfMonth(day)) return
      const rng = new Rng(mix(ctx.seed, day, 0xb111))
      const lastMonth = firstOfMonth(day - 1)
      let runAt = atHours(rng, day, 8.5, 9)
      for (const company of customers) {
        if (company.createdDay >= day) continue
        const amount = round2(company.contracts.reduce((sum, k) => sum + due(k, day, lastMonth, company, rng), 0))
        if (amount <= 0) continue
        runAt += rng.int(5, 40) * 1000
        const term = payer(ctx.seed, company).term
        const invoice: ApiRecord = {
          id: 0,
          companyID: company.id,
          createDateTime: iso(runAt),
          creatorResourceID: finance.id,
          dueDate: isoDate(day + (term === PAYMENT_TERM.days14 ? 14 : 30)),
          invoiceDateTime: isoDate(day),
          invoiceNumber: null,
          invoiceTotal: round2(amount * (1 + VAT)),
          isVoided: false,
          paidDate: null,
          paymentTerm: term,
          totalTaxValue: round2(amount * VAT),
          voidedDate: null,
          userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
        }
        const year = new Date(day * DAY).getUTCFullYear()
        plan.create('Invoices', runAt, invoice, (record) => {
          record.invoiceNumber = `F${year}-${String(record.id % 100000).padStart(5, '0')}`
        })
        if (rng.chance(ODDS.invoiceVoided * ctx.size.rareFactor)) {
          const voidedAt = atHours(rng, addBusinessDays(day, rng.int(1, 5)), 9, 17)
          plan.edit('Invoices', voidedAt, invoice, { isVoided: true, voidedDate: iso(voidedAt) })
          continue
        }
        const dueDay = localDay(Date.parse(String(invoice.dueDate)))
        const payDay = localDay(nextBusinessTime(localToUtc(dueDay + payer(ctx.seed, company).delay(rng), 0)))
        plan.edit('Invoices', atHours(rng, payDay, 10, 16), invoice, { paidDate: isoDate(payDay) })
      }
    },
  }
}

/** What a contract bills in the run of `day`: a month's fee, or what started or ended last month. */
function due(k: ContractInfo, day: number, lastMonth: number, company: CompanyInfo, rng: Rng): number {
  const inForce = k.startDay <= day && k.endDay >= day
  const monthly = Number(k.rec.userDefinedFields.find((u) => u.name === 'Monthly Value')?.value ?? 0)
  const revenue = Number(k.rec.estimatedRevenue ?? 0)
  const startedLastMonth = k.startDay >= lastMonth && k.startDay < day
  const endedLastMonth = k.endDay >= lastMonth && k.endDay < day
  switch (k.type) {
    case CONTRACT_TYPE.recurring:
    case CONTRACT_TYPE.retainer:
      return inForce ? monthly : 0
    case CONTRACT_TYPE.blockHours:
      return startedLastMonth ? revenue : 0
    case CONTRACT_TYPE.fixedPrice:
      // Half at the start, half on delivery.
      return (startedLastMonth ? revenue / 2 : 0) + (endedLastMonth ? revenue / 2 : 0)
    default:
      // Time and materials or per ticket: last month's hours, roughly in proportion to the client's size.
      return inForce ? Math.round((company.weight * rng.range(40, 120)) / 5) * 5 : 0
  }
}

/** How a client pays: its payment term and how many days after the due date it tends to pay. */
function payer(seed: number, company: CompanyInfo): { term: number; delay: (rng: Rng) => number } {
  const u = mix(seed, company.id, 0x9a7) / 2 ** 32
  const term = u * 10 - Math.floor(u * 10) < ODDS.paysIn14Days ? PAYMENT_TERM.days14 : PAYMENT_TERM.days30
  const below = ODDS.payerBelow
  if (u < below.onTime) return { term, delay: (rng) => rng.int(-6, 2) }
  if (u < below.late) return { term, delay: (rng) => rng.int(3, 25) }
  if (u < below.veryLate) return { term, delay: (rng) => rng.int(25, 70) }
  return { term, delay: (rng) => rng.int(70, 150) }
}

/** The local day index of the first of the month of `day`. */
function firstOfMonth(day: number): number {
  return day - (new Date(day * DAY).getUTCDate() - 1)
}

function isFirstBusinessDayOfMonth(day: number): boolean {
  if (!isBusinessDay(day)) return false
  for (let d = firstOfMonth(day); d < day; d++) if (isBusinessDay(d)) return false
  return true
}
