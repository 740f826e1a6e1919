import { defineKpi } from '../../types.js'
import { contractsToday, portfolio } from './shared.js'
import { countOf, money } from '../../format.js'
import { RECURRING_TYPES } from '../../contracts.js'

// MRR = the "Monthly Value" UDF of contracts in force today whose type bills monthly. Contracts
// without the UDF add nothing; T&M, per-ticket and block contracts are not recurring revenue.

export const mrrTotal = defineKpi({
  id: 'mrr_total',
  title: { en: 'Monthly recurring revenue', nl: 'Maandelijks terugkerende omzet (MRR)' },
  description: {
    en: 'The monthly value of all recurring and retainer contracts in force today. Watch the trend: growth comes from new clients and upsell, a drop means a contract ended; check the renewals list.',
    nl: 'De maandwaarde van alle lopende abonnements- en retainercontracten. Let op de trend: groei komt van nieuwe klanten en uitbreiding, een daling betekent dat een contract is afgelopen; kijk de lijst met verlengingen na.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'finance', 'integrator'],
  unit: 'euro',
  direction: 'higher',
  window: { en: 'today', nl: 'vandaag' },
  params: { recurringTypes: RECURRING_TYPES },
  band: null,
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Recurring-service and retainer contracts in force today with a monthly value; not T&M, block, fixed-price or per-ticket contracts.',
      nl: 'Vandaag lopende recurring-service- en retainercontracten met een maandwaarde; geen nacalculatie-, strippenkaart-, vaste-prijs- of per-ticketcontracten.',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: 'G1: sum of the monthly value of recurring contracts in force [CW20].',
      nl: 'G1: som van de maandwaarde van lopende abonnementscontracten [CW20].',
    },
  },
  queries: contractsToday,
  compute: ({ contracts }, { params }) => {
    const { clients, total } = portfolio(contracts, params.recurringTypes)
    return { value: total, facts: { clients: clients.length } }
  },
  // The gap is euros a month already.
  consequence: (gap) => ({
    amount: gap,
    what: { en: 'of recurring revenue a month short', nl: 'terugkerende omzet per maand tekort' },
  }),
  context: ({ value, facts }) => {
    const m = money(value ?? 0)
    const n = Number(facts?.clients ?? 0)
    if (n === 0)
      return {
        en: 'No recurring contract is in force today, so MRR is €0.',
        nl: 'Er loopt vandaag geen abonnementscontract, dus de MRR is € 0.',
      }
    return {
      en: `Recurring contracts bring in ${m.en} a month from ${countOf(n, 'client', 'clients')}.`,
      nl: `Abonnementscontracten leveren ${m.nl} per maand op bij ${countOf(n, 'klant', 'klanten')}.`,
    }
  },
})
