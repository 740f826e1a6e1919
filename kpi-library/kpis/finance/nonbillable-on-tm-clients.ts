import { exact } from '../../format.js'
import { picklistLabel } from '../../sql.js'
import { firstOfMonth, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { ACTIVE, COMPANY_FIELD, ENGINEER_FIELD, entryRows, MSP_COMPANY } from './shared.js'

// A client "on T&M" has no contract in force other than T&M or per-ticket ones. Internal-coded time
// (ticket reviews, admin) is non-billable by design and left out by default.

export const nonbillableOnTmClients = defineKpi({
  id: 'nonbillable_on_tm_clients',
  title: { en: 'Non-billable time on T&M clients', nl: 'Niet-declarabele uren bij nacalculatieklanten' },
  description: {
    en: 'Non-billable time entries this month for clients without a managed-services, block or retainer contract, who pay for every hour. Confirm each write-off, or recode the entry as billable before invoicing.',
    nl: 'Niet-declarabele tijdregistraties deze maand bij klanten zonder beheer-, strippenkaart- of retainercontract, die voor elk uur betalen. Bevestig elke afschrijving, of codeer de registratie om naar declarabel vóór het factureren.',
  },
  group: 'finance',
  kind: 'list',
  roles: ['finance', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'this month', nl: 'deze maand' },
  params: {
    tmTypes: { type: 'integers', default: [1, 8], description: { en: 'Contract types billed per hour or per ticket (1 Time & Materials, 8 Per Ticket).', nl: 'Contracttypen met facturering per uur of per ticket (1 Time & Materials, 8 Per Ticket).' } },
    excludeBillingCodes: { type: 'integers', default: [29682804], description: { en: 'Billing codes that are non-billable by design (Internal).', nl: 'Facturatiecodes die bewust niet-declarabel zijn (Internal).' } },
  },
  band: { target: 0, warn: 5 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Confirm the write-off or recode', nl: 'Afschrijving bevestigen of omcoderen' },
    leavesWhen: { en: 'the entry is made billable, or the month is invoiced', nl: 'de registratie declarabel is gemaakt, of de maand is gefactureerd' },
    owner: { en: 'finance with the team lead', nl: 'financiële administratie met de teamleider' },
    fields: [
      COMPANY_FIELD,
      ENGINEER_FIELD,
      { key: 'ticketNumber', label: { en: 'Ticket', nl: 'Ticket' }, type: 'text' },
      { key: 'ticketTitle', label: { en: 'Subject', nl: 'Onderwerp' }, type: 'text' },
      { key: 'dateWorked', label: { en: 'Date', nl: 'Datum' }, type: 'date' },
      { key: 'hoursWorked', label: { en: 'Hours', nl: 'Uren' }, type: 'hours' },
      { key: 'billingCode', label: { en: 'Billing code', nl: 'Facturatiecode' }, type: 'text' },
    ],
    sort: { en: 'most hours first', nl: 'meeste uren eerst' },
  },
  queries: ({ db, now, tz, params, me }) => {
    const today = localDate(now, tz)
    const covered = db
      .selectFrom('contract')
      .select('company_id')
      .where('status', '=', ACTIVE)
      .where('contract_type', 'not in', params.tmTypes.length > 0 ? params.tmTypes : [-1])
      .where('company_id', 'is not', null)
      .where((eb) => eb.or([eb('start_date', 'is', null), eb('start_date', '<=', today)]))
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    let entries = entryRows(db)
      .select(picklistLabel('TimeEntries', 'billingCodeID', 'time_entry.billing_code_id').as('billingCode'))
      .where('time_entry.non_billable', '=', 1)
      .where('time_entry.date_worked', '>=', firstOfMonth(today))
      .where('time_entry.date_worked', '<=', today)
      .where('company.id', '!=', MSP_COMPANY)
      .where('company.id', 'not in', covered)
      .where((eb) => eb.or([eb('time_entry.billing_code_id', 'is', null), eb('time_entry.billing_code_id', 'not in', params.excludeBillingCodes.length > 0 ? params.excludeBillingCodes : [-1])]))
    if (me !== null) entries = entries.where('time_entry.resource_id', '=', me)
    return { entries }
  },
  compute: ({ entries }) => {
    const rows = entries.map((e) => ({ ...e, hoursWorked: Number(e.hoursWorked) })).sort((a, b) => b.hoursWorked - a.hoursWorked || a.entryId - b.entryId)
    const hours = rows.reduce((sum, r) => sum + r.hoursWorked, 0)
    return { rows, facts: { count: rows.length, hours: exact(hours), clients: new Set(rows.map((r) => r.companyId)).size } }
  },
  context: ({ facts }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0) return { en: 'No non-billable time was logged on T&M clients this month.', nl: 'Deze maand is er geen niet-declarabele tijd geschreven op nacalculatieklanten.' }
    const hours = Number(facts?.hours ?? 0)
    const c = Number(facts?.clients ?? 0)
    return {
      en: `${n} non-billable ${n === 1 ? 'entry' : 'entries'} (${hours} h) on ${c} T&M ${c === 1 ? 'client' : 'clients'} this month ${n === 1 ? 'needs' : 'need'} a check.`,
      nl: `${n} niet-declarabele ${n === 1 ? 'registratie' : 'registraties'} (${String(hours).replace('.', ',')} u) bij ${c} ${c === 1 ? 'nacalculatieklant' : 'nacalculatieklanten'} deze maand ${n === 1 ? 'vraagt' : 'vragen'} om controle.`,
    }
  },
})
