import { addDays, addMonths, firstOfMonth, localDate, periodsUpTo } from '../../time.js'
import { formatMonth } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { contractHistoryQuery, totalMrrOn } from './shared.js'
import { money } from '../../format.js'
import { RECURRING_TYPES } from '../../contracts.js'

// MRR at each month's end, from contract start and end dates; the current month's point is today,
// so the number is mrr_total's. Contract history is complete in the PSA, so unlike time-based
// KPIs this trend needs no synced history of work.

export const mrrTrend = defineKpi({
  id: 'mrr_trend',
  title: { en: 'MRR per month', nl: 'MRR per maand' },
  description: {
    en: "Monthly recurring revenue at the end of each of the last 12 months, from the contracts' start and end dates; the number is today's MRR. A flat line means new business only replaces what is lost: compare new and churned MRR.",
    nl: 'Maandelijks terugkerende omzet aan het einde van elk van de afgelopen 12 maanden, volgens de begin- en einddatums van de contracten; het getal is de MRR van vandaag. Een vlakke lijn betekent dat nieuwe omzet alleen vervangt wat verloren gaat: vergelijk nieuwe en verloren MRR.',
  },
  group: 'finance',
  kind: 'trend',
  roles: ['owner', 'finance', 'integrator'],
  unit: 'euro',
  direction: 'higher',
  window: { en: 'last 12 months, by month', nl: 'afgelopen 12 maanden, per maand' },
  params: {
    recurringTypes: RECURRING_TYPES,
    months: {
      type: 'integer',
      default: 12,
      min: 2,
      max: 60,
      description: { en: 'How many months the trend shows.', nl: 'Hoeveel maanden de trend toont.' },
    },
  },
  band: null,
  freshnessMinutes: 24 * 60,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: "Recurring-service and retainer contracts in force at each month's end (today for this month); a contract deactivated before its end date never counts.",
      nl: 'Recurring-service- en retainercontracten die aan het einde van elke maand liepen (vandaag voor deze maand); een contract dat vóór de einddatum is gedeactiveerd telt nooit.',
    },
    sources: [
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: 'G1 as a trend (MRR TTM), from contract dates rather than stored snapshots.',
      nl: 'G1 als trend (MRR over 12 maanden), uit contractdatums in plaats van opgeslagen standen.',
    },
  },
  queries: contractHistoryQuery,
  compute: ({ contracts }, { now, tz, params }) => {
    const today = localDate(now, tz)
    const current = firstOfMonth(today)
    const points = periodsUpTo(current, params.months, 'month').map((month) => {
      const date = month === current ? today : addDays(addMonths(month, 1), -1)
      return { t: month.slice(0, 7), value: totalMrrOn(contracts, date, today, params.recurringTypes) }
    })
    const first = points[0]!
    return { value: points.at(-1)!.value, points, facts: { firstMonth: first.t, firstValue: first.value } }
  },
  context: ({ value, facts }) => {
    const now = money(value ?? 0)
    const then = money(Number(facts?.firstValue ?? 0))
    return {
      en: `MRR is ${now.en} today, against ${then.en} at the end of ${formatMonth(String(facts?.firstMonth), 'en')}.`,
      nl: `De MRR is vandaag ${now.nl}, tegen ${then.nl} aan het einde van ${formatMonth(String(facts?.firstMonth), 'nl')}.`,
    }
  },
})
