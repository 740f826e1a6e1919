import { localDate } from '../../time.js'
import { bothLanguages, countOf, money, pluralWord } from '../../format.js'
import { formatMonth } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { MRR_MOVEMENT, mrrMovement } from './shared.js'

// From contract start and end dates: each client's MRR at the end of last month against the end of
// the month before (mrrMovement). A rise is new MRR: a new client, or an existing one that added a
// contract. A renewal that follows on without a gap changes nothing. churned_mrr is the other side.

export const newMrr = defineKpi({
  id: 'new_mrr',
  title: { en: 'New MRR last month', nl: 'Nieuwe MRR vorige maand' },
  description: {
    en: "Monthly recurring revenue added last month, from the contracts' start and end dates: new clients and clients who took on more. Set it against churned MRR; growth needs this number to stay above that one.",
    nl: 'Maandelijks terugkerende omzet die er vorige maand bij kwam, volgens de begin- en einddatums van de contracten: nieuwe klanten en klanten die meer afnamen. Zet het af tegen de verloren MRR; voor groei moet dit getal daarboven blijven.',
  },
  ...MRR_MOVEMENT,
  reachDays: 62,
  stepsMonthly: true,
  direction: 'higher',
  about: {
    population: {
      en: 'Clients whose MRR (recurring-service and retainer contracts, by their dates) rose from the end of the month before last to the end of last month.',
      nl: 'Klanten van wie de MRR (recurring-service- en retainercontracten, volgens hun datums) steeg van het einde van de voorlaatste maand tot het einde van vorige maand.',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: "The growth side of G2 (net new MRR split by the sign of each company's delta [SUPEROPS]); new clients and expansion together.",
      nl: 'De groeikant van G2 (netto nieuwe MRR, gesplitst naar het teken van het verschil per klant [SUPEROPS]); nieuwe klanten en uitbreiding samen.',
    },
  },
  compute: ({ contracts }, { now, tz, params }) => {
    const move = mrrMovement(contracts, localDate(now, tz), params.recurringTypes)
    return { value: move.added, facts: { month: move.month, won: move.won, upgraded: move.upgraded } }
  },
  context: ({ value, facts }) => {
    const m = money(value ?? 0)
    const won = Number(facts?.won ?? 0)
    const upgraded = Number(facts?.upgraded ?? 0)
    const month = bothLanguages((lang) => formatMonth(String(facts?.month), lang))
    if (!value) return { en: `No MRR was added in ${month.en}.`, nl: `In ${month.nl} kwam er geen MRR bij.` }
    return {
      en: `${m.en} of MRR was added in ${month.en}: ${won} new ${pluralWord(won, 'client', 'clients')}, ${countOf(upgraded, 'client', 'clients')} taking on more.`,
      nl: `In ${month.nl} kwam er ${m.nl} MRR bij: ${countOf(won, 'nieuwe klant', 'nieuwe klanten')}, ${countOf(upgraded, 'klant', 'klanten')} met meer afname.`,
    }
  },
})
