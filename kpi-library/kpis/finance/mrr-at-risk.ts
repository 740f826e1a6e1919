import type { NotNull } from 'kysely'
import { addDays, lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { BUDGET_SHARE, burnQueries, monthBurn, monthToDate, overBudget } from './shared.js'
import { money } from '../../format.js'
import { ownedBy } from '../../clients.js'
import { futureContracts, isRenewed, mrrByCompany, RECURRING_TYPES, STANDARD_RATE } from '../../contracts.js'
import { currentRatings, ratedReviews, ratingSource, smileBackConnected } from '../csat/smileback.js'

// A client's whole MRR is at risk when any signal fires: a recurring contract ends within 60 days
// without a follow-up, the agreement is over (or projected over) its hour budget, or the client gave
// two or more low CSAT scores in 30 days (the catalog's D7 short form). With SmileBack connected the
// low scores are its reviews, a face on the survey scale (5, 3, 1) as every CSAT tile counts it, so
// "low CSAT" names the same clients as clients_csat_dropped. Clients without a contract carry no MRR,
// so the "service without contract" signal adds nothing here.

export const mrrAtRisk = defineKpi({
  id: 'mrr_at_risk',
  title: { en: 'MRR at risk: ending, over budget, low CSAT', nl: 'MRR in gevaar: aflopend, boven budget, lage CSAT' },
  description: {
    en: 'Monthly recurring revenue of clients showing a churn signal: a recurring contract ending within 60 days without renewal, an agreement over (or projected over) its hour budget this month, or 2 or more low CSAT scores (2 or less) in the last 30 days (with SmileBack connected, 2 or more negative SmileBack reviews, as the CSAT tiles count them). Each client counts once, with its whole MRR. Open the renewal, budget and CSAT lists and call these clients first.',
    nl: 'Maandelijkse terugkerende omzet van klanten met een opzegsignaal: een abonnementscontract dat binnen 60 dagen afloopt zonder verlenging, een contract dat deze maand boven het urenbudget zit of op koers ligt om erboven te komen, of 2 of meer lage CSAT-scores (2 of lager) in de afgelopen 30 dagen (met SmileBack gekoppeld 2 of meer negatieve SmileBack-beoordelingen, zoals de CSAT-tegels ze tellen). Elke klant telt één keer, met zijn hele MRR. Open de lijsten voor verlengingen, budget en CSAT en bel deze klanten als eerste.',
  },
  group: 'finance',
  kind: 'number',
  roles: ['owner', 'account-manager'],
  unit: 'euro',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    renewalDays: {
      type: 'integer',
      default: 60,
      min: 1,
      max: 365,
      description: {
        en: 'Days ahead in which an ending contract counts as a risk.',
        nl: 'Dagen vooruit waarin een aflopend contract als risico telt.',
      },
    },
    lowRating: {
      type: 'number',
      default: 2,
      min: 0,
      max: 10,
      description: {
        en: 'CSAT ratings at or below this count as low.',
        nl: 'CSAT-scores op of onder deze grens tellen als laag.',
      },
    },
    lowCount: {
      type: 'integer',
      default: 2,
      min: 1,
      max: 50,
      description: {
        en: 'Low ratings in 30 days that make a client at risk.',
        nl: 'Aantal lage scores in 30 dagen waardoor een klant risico loopt.',
      },
    },
    minDays: {
      type: 'integer',
      default: 5,
      min: 1,
      max: 23,
      description: {
        en: 'Business days into the month before the budget projection counts.',
        nl: 'Werkdagen in de maand voordat de budgetprognose meetelt.',
      },
    },
    standardRate: STANDARD_RATE,
    budgetShare: BUDGET_SHARE,
    recurringTypes: RECURRING_TYPES,
  },
  band: null,
  freshnessMinutes: 60,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: 'Clients with MRR > 0 showing a churn signal: recurring contract ending within 60 days unrenewed, agreement hours over (or projected over) budget month to date, or 2+ low CSAT in 30 days.',
      nl: 'Klanten met MRR > 0 met een opzegsignaal: abonnementscontract dat binnen 60 dagen afloopt zonder verlenging, contracturen deze maand boven budget (of op koers erboven), of 2+ lage CSAT in 30 dagen.',
    },
    sources: [
      'contract.end_date',
      'contract.udf[Monthly Value]',
      'time_entry.hours_worked',
      'time_entry.contract_id',
      'ticket.contract_id',
      'survey_result.rating',
    ],
    industry: {
      en: 'G23 (a guess; an MRR-at-risk tile exists in [ZUDO]).',
      nl: 'G23 (een schatting; een MRR-in-gevaar-tegel bestaat in [ZUDO]).',
    },
  },
  queries: (ctx) => {
    const { db, now, tz, hours, params } = ctx
    const month = monthToDate(now, tz, hours)
    const recent = lastDays(now, tz, 30)
    return {
      ...burnQueries(ctx, params.recurringTypes),
      later: futureContracts(db, month.today),
      surveys: db
        .selectFrom('survey_result')
        .select(['company_id as companyId', 'rating'])
        .where('rating', 'is not', null)
        .where('completed_at', '>', recent.after)
        .where('completed_at', '<=', recent.until)
        .$narrowType<{ rating: NotNull }>(),
      reviews: ratedReviews(db, recent),
      smileBack: smileBackConnected(db),
    }
  },
  compute: ({ contracts, later, labour, surveys, reviews, smileBack }, ctx) => {
    const { now, tz, hours, params, me } = ctx
    const month = monthToDate(now, tz, hours)
    const revenue = mrrByCompany(contracts, params.recurringTypes)
    const ending = new Set(
      contracts
        .filter(
          (k) =>
            k.contractType !== null &&
            params.recurringTypes.includes(k.contractType) &&
            k.endDate !== null &&
            k.endDate <= addDays(month.today, params.renewalDays) &&
            !isRenewed(k, later),
        )
        .map((k) => k.companyId),
    )
    // The budget is at the standard rate, not the settings' contract-type rates (shared.ts agreementBurn).
    const over = new Set(
      monthBurn({ contracts, labour }, ctx, params, params.minDays)
        .filter(overBudget)
        .map((c) => c.companyId),
    )
    const lowBy = new Map<number | null, number>()
    for (const { companyId, rating } of currentRatings({ surveys, reviews, smileBack }))
      if (rating <= params.lowRating) lowBy.set(companyId, (lowBy.get(companyId) ?? 0) + 1)
    const unhappy = new Set([...lowBy].filter(([, n]) => n >= params.lowCount).map(([companyId]) => companyId))
    const clients = [...revenue.values()].filter(ownedBy(me))
    const atRisk = clients.filter((c) => ending.has(c.companyId) || over.has(c.companyId) || unhappy.has(c.companyId))
    const count = (set: Set<number | null>) => atRisk.filter((c) => set.has(c.companyId)).length
    return {
      value: atRisk.reduce((sum, c) => sum + c.mrr, 0),
      facts: {
        clients: atRisk.length,
        of: clients.length,
        ending: count(ending),
        over: count(over),
        unhappy: count(unhappy),
        total: clients.reduce((sum, c) => sum + c.mrr, 0),
        source: ratingSource(smileBack),
      },
    }
  },
  context: ({ value, facts }) => {
    const n = Number(facts?.clients ?? 0)
    if (n === 0)
      return {
        en: 'No client with recurring revenue shows a churn signal.',
        nl: 'Geen klant met terugkerende omzet vertoont een opzegsignaal.',
      }
    const m = money(value ?? 0)
    return {
      en: `${m.en} of MRR sits with ${n} of ${facts?.of} clients at risk (contract ending: ${facts?.ending}, over budget: ${facts?.over}, low CSAT: ${facts?.unhappy}).`,
      nl: `${m.nl} MRR zit bij ${n} van de ${facts?.of} klanten met risico (contract loopt af: ${facts?.ending}, boven budget: ${facts?.over}, lage CSAT: ${facts?.unhappy}).`,
    }
  },
})
