import { countOf, exact, formatNumber, pluralWord } from '../../format.js'
import { billingModelSql } from '../../billing.js'
import { labelOf, sqlList } from '../../sql.js'
import { firstOfMonth, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { billedEntryRows } from './shared.js'
import { FIELD } from '../../lists.js'
import { MSP_COMPANY } from '../../clients.js'

// Per entry, by the billing rule (billing.ts): non-billable time on work the client pays per hour
// (a Time and Materials contract, or none) is revenue given away. The same time under a fee or a
// prepaid block costs nothing extra to write off, so it is not listed, even at a T&M client; work
// without a contract at a managed client is. Internal-coded time (ticket reviews, admin) is
// non-billable by design and left out by default.

export const nonbillableOnTmClients = defineKpi({
  id: 'nonbillable_on_tm_clients',
  title: { en: 'Non-billable time on hourly-billed work', nl: 'Niet-declarabele uren op nacalculatiewerk' },
  description: {
    en: 'Non-billable time entries this month on work the client pays per hour (a time-and-materials contract, or no contract at all). Each one is revenue given away: confirm the write-off, or recode the entry as billable before invoicing.',
    nl: 'Niet-declarabele tijdregistraties deze maand op werk dat de klant per uur betaalt (een time-and-materialscontract, of geen contract). Elke registratie is weggegeven omzet: bevestig de afschrijving, of codeer de registratie om naar declarabel vóór het factureren.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['finance', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'this month', nl: 'deze maand' },
  params: {
    excludeBillingCodes: {
      type: 'integers',
      default: [29682804],
      description: {
        en: 'Billing codes that are non-billable by design (Internal).',
        nl: 'Facturatiecodes die bewust niet-declarabel zijn (Internal).',
      },
    },
  },
  band: { target: 0, warn: 5 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Confirm the write-off or recode', nl: 'Afschrijving bevestigen of omcoderen' },
    leavesWhen: {
      en: 'the entry is made billable, or the month is invoiced',
      nl: 'de registratie declarabel is gemaakt, of de maand is gefactureerd',
    },
    owner: { en: 'finance with the team lead', nl: 'financiële administratie met de teamleider' },
    fields: [
      FIELD.companyName,
      FIELD.engineer,
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      { key: 'dateWorked', label: { en: 'Date', nl: 'Datum' }, type: 'date' },
      { key: 'hoursWorked', label: { en: 'Hours', nl: 'Uren' }, type: 'hours' },
      { key: 'billingCode', label: { en: 'Billing code', nl: 'Facturatiecode' }, type: 'text' },
    ],
    sort: { en: 'most hours first', nl: 'meeste uren eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Non-billable entries this month on work billed by the hour (T&M contract or none, billing.ts), at clients other than the MSP, without an Internal billing code.',
      nl: 'Niet-declarabele registraties deze maand op werk dat per uur wordt gefactureerd (nacalculatiecontract of geen contract, billing.ts), bij andere klanten dan de MSP, zonder facturatiecode Internal.',
    },
    sources: [
      'time_entry.non_billable',
      'time_entry.date_worked',
      'time_entry.billing_code_id',
      'time_entry.contract_id',
      'ticket.contract_id',
      'contract.contract_type',
    ],
    industry: {
      en: 'G18, per entry rather than per client: T&M or no-agreement work [AGMSP-BILL].',
      nl: 'G18, per registratie in plaats van per klant: werk op nacalculatie of zonder contract [AGMSP-BILL].',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const today = localDate(now, tz)
    let entries = billedEntryRows(db)
      .select(labelOf('billingCode', 'time_entry.billing_code_id').as('billingCode'))
      .where('time_entry.non_billable', '=', 1)
      .where('time_entry.date_worked', '>=', firstOfMonth(today))
      .where('time_entry.date_worked', '<=', today)
      .where('company.id', '!=', MSP_COMPANY)
      .where(billingModelSql(), '=', 'hourly')
      .where((eb) =>
        eb.or([
          eb('time_entry.billing_code_id', 'is', null),
          eb('time_entry.billing_code_id', 'not in', sqlList(params.excludeBillingCodes)),
        ]),
      )
    if (me !== null) entries = entries.where('time_entry.resource_id', '=', me)
    return { entries }
  },
  compute: ({ entries }) => {
    const rows = entries
      .map((e) => ({ ...e, hoursWorked: Number(e.hoursWorked) }))
      .sort((a, b) => b.hoursWorked - a.hoursWorked || a.entryId - b.entryId)
    const hours = rows.reduce((sum, r) => sum + r.hoursWorked, 0)
    return {
      rows,
      facts: { count: rows.length, hours: exact(hours), clients: new Set(rows.map((r) => r.companyId)).size },
    }
  },
  context: ({ facts }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: 'No non-billable time was logged on hourly-billed work this month.',
        nl: 'Deze maand is er geen niet-declarabele tijd geschreven op nacalculatiewerk.',
      }
    const hours = Number(facts?.hours ?? 0)
    const c = Number(facts?.clients ?? 0)
    return {
      en: `${n} non-billable ${pluralWord(n, 'entry', 'entries')} (${formatNumber(hours, 'en', 2)} h) on hourly-billed work at ${countOf(c, 'client', 'clients')} this month ${pluralWord(n, 'needs', 'need')} a check.`,
      nl: `${n} niet-declarabele ${pluralWord(n, 'registratie', 'registraties')} (${formatNumber(hours, 'nl', 2)} u) op nacalculatiewerk bij ${countOf(c, 'klant', 'klanten')} deze maand ${pluralWord(n, 'vraagt', 'vragen')} om controle.`,
    }
  },
})
