import { formatPercent, pluralWord } from '../../format.js'
import { defineKpi } from '../../types.js'
import { AGREEMENT_MIN_DAYS, BUDGET_SHARE, burnQueries, monthBurn } from './shared.js'
import { ownedBy } from '../../clients.js'
import { AGREEMENT_LABOUR_SOURCES, RECURRING_TYPES, STANDARD_RATE } from '../../contracts.js'

export const agreementHoursBurn = defineKpi({
  id: 'agreement_hours_burn',
  title: { en: 'Agreement hour budget used', nl: 'Verbruikt urenbudget contracten' },
  description: {
    en: "Hours worked this month under each agreement client's agreement (hours billed separately left out) as a share of the hours its MRR pays for at the standard rate. Above 100% the client costs more than it pays: look at what drives the hours. Each bar shows the use so far and is coloured by its month-end pace (as Agreements over their hour budget projects it): 97% used on the 6th is red.",
    nl: 'Deze maand onder het contract gewerkte uren per contractklant (apart gefactureerde uren tellen niet mee) als deel van de uren die de MRR tegen het standaardtarief betaalt. Boven 100% kost de klant meer dan hij betaalt: kijk wat de uren veroorzaakt. Elke balk toont het verbruik tot nu toe en kleurt naar het tempo tot het eind van de maand (zoals Contracten boven hun urenbudget het projecteert): 97% verbruikt op de 6e is rood.',
  },
  group: 'finance',
  kind: 'breakdown',
  roles: ['finance', 'account-manager', 'service-manager'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'month to date', nl: 'deze maand tot nu' },
  params: { standardRate: STANDARD_RATE, budgetShare: BUDGET_SHARE, recurringTypes: RECURRING_TYPES },
  band: { target: 100, warn: 120 },
  bandPerItem: true,
  freshnessMinutes: 60,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: 'Agreement clients (MRR > 0); hours worked this month under their recurring-service and retainer contracts only (billing.ts).',
      nl: 'Contractklanten (MRR > 0); alleen uren deze maand onder hun recurring-service- en retainercontracten (billing.ts).',
    },
    sources: [...AGREEMENT_LABOUR_SOURCES],
    industry: {
      en: "G8: hours / (MRR x share / standard rate). The catalog's TBG form uses share 0.25 for a 65% margin; the default share 1 asks the effective rate to reach the standard rate.",
      nl: 'G8: uren / (MRR x deel / standaardtarief). De TBG-vorm uit de catalogus gebruikt deel 0,25 voor 65% marge; het standaarddeel 1 vraagt dat het effectieve tarief het standaardtarief haalt.',
    },
  },
  queries: (ctx) => burnQueries(ctx, ctx.params.recurringTypes),
  compute: (rows, ctx) => {
    const burn = monthBurn(rows, ctx, ctx.params, AGREEMENT_MIN_DAYS).filter(ownedBy(ctx.me))
    const used = burn.reduce((sum, c) => sum + c.hoursMtd, 0)
    const budget = burn.reduce((sum, c) => sum + c.budgetHours, 0)
    const items = burn
      .map((c) => ({ key: String(c.companyId), label: c.companyName, value: c.burnPct, judged: c.projectedPct }))
      .sort((a, b) => b.value - a.value || Number(a.key) - Number(b.key))
    const over = items.filter((i) => i.value > 100).length
    const heading = items.filter((i) => i.value <= 100 && (i.judged ?? 0) > 100).length
    return {
      value: budget === 0 ? null : (100 * used) / budget,
      items,
      facts: { clients: burn.length, over, heading, used: Math.round(used), budget: Math.round(budget) },
    }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: 'No agreement client has an hour budget this month.',
        nl: 'Geen contractklant heeft deze maand een urenbudget.',
      }
    const pct = { en: formatPercent(value, 'en'), nl: formatPercent(value, 'nl') }
    return {
      en: `Agreement clients used ${facts?.used} of ${facts?.budget} budgeted hours this month (${pct.en}%); ${facts?.over} of ${facts?.clients} are over budget, ${facts?.heading} more heading over at this pace.`,
      nl: `Contractklanten gebruikten deze maand ${facts?.used} van ${facts?.budget} gebudgetteerde uren (${pct.nl}%); ${facts?.over} van de ${facts?.clients} ${pluralWord(Number(facts?.over), 'zit', 'zitten')} boven budget, nog ${facts?.heading} op weg erboven in dit tempo.`,
    }
  },
})
