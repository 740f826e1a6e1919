import { formatPercent, money } from '../../format.js'
import { percent } from '../../sql.js'
import { addDays, addMonths, firstOfMonth, localDate } from '../../time.js'
import { formatDay } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { MRR_MOVEMENT, mrrOn } from './shared.js'

// Net revenue retention from contract dates: the clients paying MRR at the end of the month 12 months
// before last month's end, and what those same clients pay at the end of last month, upgrades and
// downgrades included; clients won since stay out. Above 100% the base grows by itself.

/** The month ends the retention compares: last month's, and the same month's a year earlier. */
function retentionDates(today: string): { start: string; end: string } {
  const thisMonth = firstOfMonth(today)
  return { start: addDays(addMonths(thisMonth, -12), -1), end: addDays(thisMonth, -1) }
}

export const netRevenueRetention = defineKpi({
  id: 'net_revenue_retention',
  title: { en: 'Net revenue retention (12 months)', nl: 'Netto omzetbehoud (12 maanden)' },
  description: {
    en: "The MRR that the clients of a year ago pay now, as a share of what they paid then: upgrades add, downgrades and lost clients subtract, new clients do not count. From the contracts' start and end dates, month end to month end. Below 100% the existing base shrinks: look at who left and why.",
    nl: 'De MRR die de klanten van een jaar geleden nu betalen, als deel van wat ze toen betaalden: uitbreidingen tellen erbij, afschalingen en vertrokken klanten eraf, nieuwe klanten tellen niet mee. Volgens de begin- en einddatums van de contracten, van maandeinde tot maandeinde. Onder 100% krimpt het bestaande klantenbestand: kijk wie vertrok en waarom.',
  },
  ...MRR_MOVEMENT,
  backfill: false,
  stepsMonthly: true,
  unit: 'percent',
  direction: 'higher',
  window: { en: '12 months to the end of last month', nl: '12 maanden tot het einde van vorige maand' },
  about: {
    population: {
      en: "The clients paying MRR at the month end a year before last month's end; clients won since are left out.",
      nl: 'De klanten die MRR betaalden op het maandeinde een jaar vóór het einde van vorige maand; klanten die sindsdien zijn gewonnen tellen niet mee.',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: 'Net revenue retention as SaaS reports it: (starting MRR + expansion - contraction - churn) / starting MRR over 12 months; not in the catalog, no band.',
      nl: 'Netto omzetbehoud zoals SaaS het rapporteert: (begin-MRR + uitbreiding - afschaling - vertrek) / begin-MRR over 12 maanden; niet in de catalogus, geen band.',
    },
  },
  compute: ({ contracts }, { now, tz, params }) => {
    const today = localDate(now, tz)
    const { start, end } = retentionDates(today)
    const before = mrrOn(contracts, start, today, params.recurringTypes)
    const after = mrrOn(contracts, end, today, params.recurringTypes)
    const base = [...before.values()].reduce((sum, c) => sum + c.mrr, 0)
    const kept = [...before.keys()].reduce((sum, id) => sum + (after.get(id)?.mrr ?? 0), 0)
    const lost = [...before.keys()].filter((id) => !after.has(id)).length
    return { value: percent(kept, base), facts: { start, end, base, kept, clients: before.size, lost } }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: `No client paid MRR on ${formatDay(String(facts?.start), 'en')}, so there is nothing to retain yet.`,
        nl: `Op ${formatDay(String(facts?.start), 'nl')} betaalde geen klant MRR, dus er is nog niets om te behouden.`,
      }
    const base = money(Number(facts?.base ?? 0))
    const kept = money(Number(facts?.kept ?? 0))
    const lost = Number(facts?.lost ?? 0)
    return {
      en: `The ${facts?.clients} clients paying ${base.en} MRR on ${formatDay(String(facts?.start), 'en')} paid ${kept.en} on ${formatDay(String(facts?.end), 'en')} (${formatPercent(value, 'en')}%); ${lost} of them left.`,
      nl: `De ${facts?.clients} klanten die op ${formatDay(String(facts?.start), 'nl')} ${base.nl} MRR betaalden, betaalden op ${formatDay(String(facts?.end), 'nl')} ${kept.nl} (${formatPercent(value, 'nl')}%); ${lost} van hen vertrokken.`,
    }
  },
})
