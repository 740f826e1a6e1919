import { localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { INVOICE_SOURCES, owed, unpaidInvoices } from './shared.js'
import { countOf, money, pluralWord } from '../../format.js'

export const arOutstanding = defineKpi({
  id: 'ar_outstanding',
  title: { en: 'Invoices outstanding', nl: 'Openstaande facturen' },
  description: {
    en: 'What clients still owe: the total of invoices issued that are neither paid nor voided, and how much of it is past its due date. The overdue part is the list to chase; the whole, set against what you invoice, is days sales outstanding.',
    nl: 'Wat klanten nog moeten betalen: het totaal van verstuurde facturen die niet betaald en niet gecrediteerd zijn, en hoeveel daarvan over de vervaldatum is. Het achterstallige deel is de lijst om na te bellen; het geheel, afgezet tegen wat u factureert, is de DSO.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['finance', 'owner'],
  unit: 'euro',
  direction: 'neutral',
  window: { en: 'now', nl: 'nu' },
  params: {},
  band: null,
  freshnessMinutes: 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Invoices dated up to today, not paid (no paid date) and not voided; tax included.',
      nl: 'Facturen gedateerd tot en met vandaag, niet betaald (geen betaaldatum) en niet vervallen verklaard; inclusief btw.',
    },
    sources: [...INVOICE_SOURCES],
    industry: {
      en: 'Accounts receivable balance, the numerator of G22 (DSO).',
      nl: 'Debiteurensaldo, de teller van G22 (DSO).',
    },
  },
  queries: ({ db, now, tz }) => ({ unpaid: unpaidInvoices(db, localDate(now, tz)) }),
  compute: ({ unpaid }, { now, tz }) => {
    const sum = owed(unpaid, localDate(now, tz))
    return { value: sum.amount, facts: sum }
  },
  context: ({ facts }) => {
    const count = Number(facts?.count ?? 0)
    if (count === 0) return { en: 'Every invoice is paid.', nl: 'Elke factuur is betaald.' }
    const amount = money(Number(facts?.amount ?? 0))
    const overdue = money(Number(facts?.overdueAmount ?? 0))
    const late = Number(facts?.overdueCount ?? 0)
    return {
      en: `${amount.en} outstanding in ${countOf(count, 'invoice', 'invoices')}; ${overdue.en} of it in ${late} past ${pluralWord(late, 'its', 'their')} due date.`,
      nl: `${amount.nl} openstaand in ${countOf(count, 'factuur', 'facturen')}; ${overdue.nl} daarvan in ${late} over de vervaldatum.`,
    }
  },
})
