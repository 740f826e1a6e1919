import { sql } from 'kysely'
import { formatNumber, money } from '../../format.js'
import { addDays, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { INVOICE_SOURCES, owed, unpaidInvoices } from './shared.js'

// Catalog G22: DSO = what clients owe now / (what was invoiced in the last N days / N). Both sides use
// the invoice totals (tax included, voided invoices left out), so the ratio does not depend on whether
// a tenant's totals include tax. "The last N days" are the N local dates up to and including today.

export const dso = defineKpi({
  id: 'dso',
  title: { en: 'Days sales outstanding (DSO)', nl: 'Gemiddelde betaaltermijn (DSO)' },
  description: {
    en: 'How many days of invoicing are still unpaid: what clients owe today, divided by what you invoiced per day over the last 90 days. 30 to 45 days is good for professional services; higher means clients pay late and cash sits with them: chase the overdue invoices, shorten terms or move clients to direct debit.',
    nl: 'Hoeveel dagen facturatie nog onbetaald is: wat klanten vandaag verschuldigd zijn, gedeeld door wat u per dag factureerde over de afgelopen 90 dagen. 30 tot 45 dagen is goed voor zakelijke dienstverlening; hoger betekent dat klanten laat betalen en het geld bij hen blijft staan: maan achterstallige facturen aan, verkort termijnen of stap over op automatische incasso.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['finance', 'owner'],
  unit: 'days',
  direction: 'lower',
  window: { en: 'now, against the last 90 days of invoicing', nl: 'nu, tegen de facturatie van de afgelopen 90 dagen' },
  params: {
    days: {
      type: 'integer',
      default: 90,
      min: 30,
      max: 365,
      description: {
        en: 'How many days of invoicing the daily average is taken over.',
        nl: 'Over hoeveel dagen facturatie het daggemiddelde gaat.',
      },
    },
  },
  // 30-45 days is good for professional services [CANDID]; MSPs commonly wait 60+ days [CONNECTBOOSTER].
  band: { target: 45, warn: 60 },
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Owed: invoices dated up to today, not paid and not voided. Invoiced: invoices not voided dated in the last 90 local dates, today included. Totals tax included.',
      nl: 'Verschuldigd: facturen gedateerd tot en met vandaag, niet betaald en niet vervallen verklaard. Gefactureerd: niet vervallen facturen gedateerd in de afgelopen 90 lokale dagen, vandaag inbegrepen. Bedragen inclusief btw.',
    },
    sources: [...INVOICE_SOURCES],
    industry: {
      en: "G22: AR balance / (revenue of the last 90 days / 90) [FLEX-DSO]; revenue here is what was invoiced, from the PSA's own invoices instead of an accounting feed.",
      nl: 'G22: debiteurensaldo / (omzet van de afgelopen 90 dagen / 90) [FLEX-DSO]; omzet is hier wat gefactureerd is, uit de facturen in de PSA zelf in plaats van uit de boekhouding.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    return {
      unpaid: unpaidInvoices(db, today),
      invoiced: db
        .selectFrom('invoice')
        .select((eb) => [eb.fn.sum<number | null>('invoice.total').as('total'), eb.fn.countAll<number>().as('n')])
        .where('invoice.is_voided', '=', sql.lit(0))
        .where('invoice.invoice_date', '>', addDays(today, -params.days))
        .where('invoice.invoice_date', '<=', today),
    }
  },
  compute: ({ unpaid, invoiced }, { now, tz, params }) => {
    const owing = owed(unpaid, localDate(now, tz))
    const billed = invoiced[0]?.total ?? 0
    const perDay = billed / params.days
    return {
      value: perDay > 0 ? owing.amount / perDay : null,
      facts: { owed: owing.amount, invoiced: billed, invoices: invoiced[0]?.n ?? 0, overdue: owing.overdueAmount },
    }
  },
  context: ({ value, facts }, { params }) => {
    const owedValue = money(Number(facts?.owed ?? 0))
    const billed = money(Number(facts?.invoiced ?? 0))
    if (value === null || value === undefined)
      return {
        en: `Nothing was invoiced in the last ${params.days} days, so DSO cannot be computed (${owedValue.en} outstanding).`,
        nl: `De afgelopen ${params.days} dagen is niets gefactureerd, dus de DSO is niet te berekenen (${owedValue.nl} openstaand).`,
      }
    const overdue = money(Number(facts?.overdue ?? 0))
    return {
      en: `${owedValue.en} outstanding against ${billed.en} invoiced in the last ${params.days} days: ${formatNumber(value, 'en', 0)} days of sales unpaid; ${overdue.en} is past due.`,
      nl: `${owedValue.nl} openstaand tegenover ${billed.nl} gefactureerd in de afgelopen ${params.days} dagen: ${formatNumber(value, 'nl', 0)} dagen omzet onbetaald; ${overdue.nl} is over de vervaldatum.`,
    }
  },
})
