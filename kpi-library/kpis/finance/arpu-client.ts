import { defineKpi } from '../../types.js'
import { contractsToday, portfolio } from './shared.js'
import { money } from '../../format.js'
import { RECURRING_TYPES } from '../../contracts.js'

export const arpuClient = defineKpi({
  id: 'arpu_client',
  title: { en: 'Average MRR per client', nl: 'Gemiddelde MRR per klant' },
  description: {
    en: 'MRR divided by the number of clients with a recurring contract. A falling average means new clients are smaller or existing ones downgraded; review pricing and upsell in the next QBRs.',
    nl: 'De MRR gedeeld door het aantal klanten met een abonnementscontract. Daalt het gemiddelde, dan zijn nieuwe klanten kleiner of hebben bestaande klanten afgeschaald; bespreek prijzen en uitbreiding in de volgende kwartaalgesprekken.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'account-manager'],
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
      en: 'Clients with MRR > 0 today (recurring-service and retainer contracts in force).',
      nl: 'Klanten met MRR > 0 vandaag (lopende recurring-service- en retainercontracten).',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: { en: 'G4: MRR / clients with MRR.', nl: 'G4: MRR / klanten met MRR.' },
  },
  queries: contractsToday,
  compute: ({ contracts }, { params }) => {
    const { clients, total } = portfolio(contracts, params.recurringTypes)
    return { value: clients.length === 0 ? null : total / clients.length, facts: { clients: clients.length, total } }
  },
  context: ({ value, facts }) => {
    const n = Number(facts?.clients ?? 0)
    if (value === null || value === undefined)
      return {
        en: 'No client has a recurring contract, so there is no average.',
        nl: 'Geen klant heeft een abonnementscontract, dus er is geen gemiddelde.',
      }
    return {
      en: `The ${n} clients with a recurring contract pay ${money(value).en} a month on average.`,
      nl: `De ${n} klanten met een abonnementscontract betalen gemiddeld ${money(value).nl} per maand.`,
    }
  },
})
