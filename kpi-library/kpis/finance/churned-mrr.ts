import { localDate } from '../../time.js'
import { bothLanguages, countOf, money, pluralWord } from '../../format.js'
import { formatMonth } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { MRR_MOVEMENT, mrrMovement } from './shared.js'

// The other side of new_mrr (same per-client comparison of month-end MRR): a fall is churned MRR, a
// client whose recurring contracts all ended, or one that kept fewer.

export const churnedMrr = defineKpi({
  id: 'churned_mrr',
  title: { en: 'Churned MRR last month', nl: 'Verloren MRR vorige maand' },
  description: {
    en: "Monthly recurring revenue lost last month, from the contracts' start and end dates: clients whose recurring contracts ended and clients who kept less. Find out why each one left or shrank, and check the renewals list for who is next.",
    nl: 'Maandelijks terugkerende omzet die vorige maand verloren ging, volgens de begin- en einddatums van de contracten: klanten van wie alle abonnementscontracten afliepen en klanten die minder afnamen. Zoek uit waarom elk vertrok of kromp, en kijk in de lijst met verlengingen wie de volgende is.',
  },
  ...MRR_MOVEMENT,
  reachDays: 62,
  stepsMonthly: true,
  direction: 'lower',
  about: {
    population: {
      en: 'Clients whose MRR (recurring-service and retainer contracts, by their dates) fell from the end of the month before last to the end of last month.',
      nl: 'Klanten van wie de MRR (recurring-service- en retainercontracten, volgens hun datums) daalde van het einde van de voorlaatste maand tot het einde van vorige maand.',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: "The churn side of G2 (net new MRR split by the sign of each company's delta [SUPEROPS]); churn and downgrades together.",
      nl: 'De verlieskant van G2 (netto nieuwe MRR, gesplitst naar het teken van het verschil per klant [SUPEROPS]); vertrek en afschaling samen.',
    },
  },
  compute: ({ contracts }, { now, tz, params }) => {
    const move = mrrMovement(contracts, localDate(now, tz), params.recurringTypes)
    return { value: move.lost, facts: { month: move.month, churned: move.churned, downgraded: move.downgraded } }
  },
  context: ({ value, facts }) => {
    const m = money(value ?? 0)
    const churned = Number(facts?.churned ?? 0)
    const downgraded = Number(facts?.downgraded ?? 0)
    const month = bothLanguages((lang) => formatMonth(String(facts?.month), lang))
    if (!value) return { en: `No MRR was lost in ${month.en}.`, nl: `In ${month.nl} ging er geen MRR verloren.` }
    return {
      en: `${m.en} of MRR was lost in ${month.en}: ${countOf(churned, 'client', 'clients')} left, ${downgraded} kept less.`,
      nl: `In ${month.nl} ging er ${m.nl} MRR verloren: ${countOf(churned, 'klant vertrok', 'klanten vertrokken')}, ${downgraded} ${pluralWord(downgraded, 'nam', 'namen')} minder af.`,
    }
  },
})
