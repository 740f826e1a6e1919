import { daysBetween, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { INVOICE_SOURCES, owed, unpaidInvoices } from './shared.js'
import { countOf, money } from '../../format.js'
import { ownedBy } from '../../clients.js'
import { FIELD } from '../../lists.js'

export const invoicesOverdue = defineKpi({
  id: 'invoices_overdue',
  title: { en: 'Invoices past their due date', nl: 'Facturen over de vervaldatum' },
  description: {
    en: 'Unpaid invoices whose due date has passed, longest overdue first. Chase them: a reminder first, then a call from the account manager; a client who keeps paying late may need shorter terms or direct debit.',
    nl: 'Onbetaalde facturen waarvan de vervaldatum voorbij is, de langst openstaande bovenaan. Maan ze aan: eerst een herinnering, dan een telefoontje van de accountmanager; een klant die steeds te laat betaalt, heeft misschien een kortere termijn of automatische incasso nodig.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['finance', 'owner', 'account-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {},
  band: null,
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Chase the payment', nl: 'Betaling opvolgen' },
    leavesWhen: { en: 'the invoice is paid or voided', nl: 'de factuur betaald of vervallen verklaard is' },
    owner: { en: 'finance, with the account manager', nl: 'financiën, samen met de accountmanager' },
    fields: [
      FIELD.companyName,
      { key: 'number', label: { en: 'Invoice', nl: 'Factuur' }, type: 'text' },
      { key: 'invoiceDate', label: { en: 'Date', nl: 'Datum' }, type: 'date' },
      { key: 'dueDate', label: { en: 'Due', nl: 'Vervaldatum' }, type: 'date' },
      { key: 'daysOverdue', label: { en: 'Days overdue', nl: 'Dagen te laat' }, type: 'days' },
      { key: 'total', label: { en: 'Amount', nl: 'Bedrag' }, type: 'euro' },
      FIELD.accountManager,
    ],
    sort: { en: 'days overdue (most first), then amount', nl: 'dagen te laat (meeste eerst), dan bedrag' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Invoices not paid and not voided whose due date lies before today; for one account manager, their clients' invoices.",
      nl: 'Niet betaalde en niet vervallen verklaarde facturen met een vervaldatum vóór vandaag; voor één accountmanager, de facturen van zijn of haar klanten.',
    },
    sources: [...INVOICE_SOURCES, 'company.owner_resource_id'],
    industry: {
      en: 'The overdue part of accounts receivable; 81% of MSPs report late payment [FLEX-DSO].',
      nl: "Het achterstallige deel van de debiteuren; 81% van de MSP's meldt late betalingen [FLEX-DSO].",
    },
  },
  queries: ({ db, now, tz }) => ({ unpaid: unpaidInvoices(db, localDate(now, tz)) }),
  compute: ({ unpaid }, { now, tz, me }) => {
    const today = localDate(now, tz)
    const mine = unpaid.filter(ownedBy(me))
    const rows = mine
      .filter((row) => row.dueDate !== null && row.dueDate < today)
      .map((row) => ({
        ...row,
        total: row.total === null ? null : Number(row.total),
        daysOverdue: daysBetween(row.dueDate!, today),
      }))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || (b.total ?? 0) - (a.total ?? 0) || a.invoiceId - b.invoiceId)
    const sum = owed(mine, today)
    return {
      rows,
      facts: { ...sum, oldest: rows[0]?.daysOverdue ?? null, oldestCompany: rows[0]?.companyName ?? null },
    }
  },
  context: ({ facts }) => {
    const late = Number(facts?.overdueCount ?? 0)
    const amount = money(Number(facts?.amount ?? 0))
    if (late === 0)
      return {
        en: `No invoice is past its due date (${amount.en} outstanding, none of it late).`,
        nl: `Geen factuur is over de vervaldatum (${amount.nl} openstaand, niets daarvan te laat).`,
      }
    const overdue = money(Number(facts?.overdueAmount ?? 0))
    return {
      en: `${countOf(late, 'invoice is', 'invoices are')} past due, ${overdue.en} of the ${amount.en} outstanding; the oldest ${facts?.oldest} days (${facts?.oldestCompany}).`,
      nl: `${countOf(late, 'factuur is', 'facturen zijn')} over de vervaldatum, ${overdue.nl} van de ${amount.nl} openstaand; de oudste ${facts?.oldest} dagen (${facts?.oldestCompany}).`,
    }
  },
})
