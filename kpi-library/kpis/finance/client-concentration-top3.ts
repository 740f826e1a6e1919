import { formatPercent } from '../../format.js'
import { percent } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { contractsToday, portfolio } from './shared.js'
import { RECURRING_TYPES } from '../../contracts.js'

export const clientConcentrationTop3 = defineKpi({
  id: 'client_concentration_top3',
  title: { en: 'Top-3 clients share of MRR', nl: 'Aandeel top-3 klanten in MRR' },
  description: {
    en: 'The share of MRR that comes from the three largest clients. Below 20% is healthy; above 45% losing one client hurts the business badly: grow the rest of the base and keep those three very close.',
    nl: 'Het deel van de MRR dat van de drie grootste klanten komt. Onder 20% is gezond; boven 45% raakt het verlies van één klant het bedrijf hard: laat de rest van het klantenbestand groeien en houd die drie heel dichtbij.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'today', nl: 'vandaag' },
  params: {
    recurringTypes: RECURRING_TYPES,
    top: {
      type: 'integer',
      default: 3,
      min: 1,
      max: 20,
      description: {
        en: 'How many of the largest clients to add up.',
        nl: 'Hoeveel van de grootste klanten op te tellen.',
      },
    },
  },
  band: { target: 20, warn: 45 },
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  about: {
    population: { en: 'Clients with MRR > 0 today.', nl: 'Klanten met MRR > 0 vandaag.' },
    sources: ['contract.contract_type', 'contract.udf[Monthly Value]'],
    industry: {
      en: 'G15: top-3 share of MRR; < 20% best, > 45% risky (low confidence) [PHARALLAX].',
      nl: 'G15: aandeel top 3 in MRR; < 20% best, > 45% riskant (lage zekerheid) [PHARALLAX].',
    },
  },
  queries: contractsToday,
  compute: ({ contracts }, { params }) => {
    const { clients, total } = portfolio(contracts, params.recurringTypes)
    const top = clients.slice(0, params.top)
    return {
      value: percent(
        top.reduce((sum, c) => sum + c.mrr, 0),
        total,
      ),
      facts: { clients: clients.length, names: top.map((c) => c.companyName).join(', ') },
    }
  },
  context: ({ value, facts }, { params }) => {
    if (value === null || value === undefined)
      return {
        en: 'There is no MRR yet, so no concentration to show.',
        nl: 'Er is nog geen MRR, dus ook geen concentratie.',
      }
    const pct = { en: formatPercent(value, 'en'), nl: formatPercent(value, 'nl') }
    return {
      en: `The top ${params.top} of ${facts?.clients} clients (${facts?.names}) bring in ${pct.en}% of MRR.`,
      nl: `De top ${params.top} van ${facts?.clients} klanten (${facts?.names}) levert ${pct.nl}% van de MRR.`,
    }
  },
})
