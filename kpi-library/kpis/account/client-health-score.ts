import { type NotNull, sql } from 'kysely'
import { addDays, localDate, sameTimeDaysBefore } from '../../time.js'
import { defineKpi } from '../../types.js'
import { clientRows, ownedBy } from '../../clients.js'
import {
  agreementEconomics,
  agreementQueries,
  effectiveRate,
  FALLBACK_COST,
  futureContracts,
  isRenewed,
  RECURRING_TYPES,
  STANDARD_RATE,
} from '../../contracts.js'
import { pluralWord } from '../../format.js'
import { groupBy } from '../../lists.js'
import { positiveShare } from '../csat/shared.js'
import { currentRatings, ratedReviews, ratingSource, smileBackConnected } from '../csat/smileback.js'

// Weights (the catalog's guess): CSAT 30, SLA 20, ticket trend 15, effective rate 20, contract 15.
// Each part scores 0-100; a part without data is left out and the others are re-weighted.
// - CSAT: % of ratings >= 4 in 90 days; with SmileBack connected its reviews on the survey scale (a
//   positive face 5, neutral 3, negative 1), as the CSAT tiles count them: the share of positive faces.
// - SLA: % of tickets completed in 90 days with sla_met, mapped 75% -> 0 and 95% -> 100.
// - Ticket trend: tickets in the last 30 days vs the average 30 days of the 60 before; same pace
//   or calmer = 100, double = 0. Seats rarely change within 90 days, so per-user equals per-client.
// - Effective rate: the client's effective_hourly_rate (last 3 full months, revenue only for the part
//   the synced history covers, hours worked under the agreement) as a share of the standard rate,
//   capped at 100. The same helper as that KPI, so a young database does not make losses look green.
// - A client whose agreement revenue over that window does not cover the labour cost of its
//   agreement hours loses money on it: whatever its service parts say, it scores at most the amber
//   line (60). At a 20% weight the rate part alone cannot keep such a client out of the green.
// - Contract: none in force 0, recurring contract ending within 30 days unrenewed 25, within 90
//   days 60, otherwise 100.
// Clients are those with a contract in force or a ticket in the last 90 days.

/** The effective rate part looks at the same window as effective_hourly_rate's default. */
const RATE_MONTHS = 3
/** The highest score of a client that loses money on its agreement: the amber line. */
const LOSS_MAKING_CAP = 60

const WEIGHTS = { csat: 30, sla: 20, trend: 15, rate: 20, contract: 15 } as const
type Part = keyof typeof WEIGHTS

const clamp = (value: number) => Math.max(0, Math.min(100, value))

export function healthScore(parts: Partial<Record<Part, number | null>>): number | null {
  let weight = 0
  let total = 0
  for (const [part, w] of Object.entries(WEIGHTS) as Array<[Part, number]>) {
    const score = parts[part]
    if (score === null || score === undefined) continue
    weight += w
    total += w * clamp(score)
  }
  return weight === 0 ? null : total / weight
}

export const clientHealthScore = defineKpi({
  id: 'client_health_score',
  title: { en: 'Client health score', nl: 'Klantgezondheid' },
  description: {
    en: 'A 0-100 score per client from CSAT (30%; with SmileBack connected, its share of positive reviews), SLA (20%), ticket trend (15%), effective hourly rate over the last 3 full months (20%) and contract status (15%); a client whose agreement does not cover the labour cost of its hours scores at most 60. Start with the lowest clients: their weakest part says whether to call about service, pricing or renewal.',
    nl: 'Een score van 0-100 per klant uit CSAT (30%; met SmileBack gekoppeld het aandeel positieve SmileBack-beoordelingen), SLA (20%), tickettrend (15%), effectief uurtarief over de afgelopen 3 volle maanden (20%) en contractstatus (15%); een klant van wie het contract de arbeidskosten van zijn uren niet dekt, scoort hooguit 60. Begin bij de laagste klanten: het zwakste onderdeel zegt of je belt over service, prijs of verlenging.',
  },
  group: 'account',
  kind: 'breakdown',
  roles: ['account-manager', 'owner', 'integrator'],
  unit: 'score',
  direction: 'higher',
  window: { en: 'last 90 days', nl: 'afgelopen 90 dagen' },
  params: { standardRate: STANDARD_RATE, recurringTypes: RECURRING_TYPES, fallbackCost: FALLBACK_COST },
  band: { target: 75, warn: 60 },
  bandPerItem: true,
  freshnessMinutes: 24 * 60,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: 'Clients with a contract in force or a ticket in the last 90 days; the rate part for agreement clients only, as effective_hourly_rate computes it; an agreement client losing money on labour scores at most 60.',
      nl: 'Klanten met een lopend contract of een ticket in de afgelopen 90 dagen; het tariefdeel alleen voor contractklanten, zoals effective_hourly_rate het berekent; een contractklant die geld verliest op arbeid scoort hooguit 60.',
    },
    sources: [
      'survey_result.rating',
      'ticket.sla_met',
      'ticket.created_at',
      'ticket.completed_at',
      'contract.end_date',
      'contract.udf[Monthly Value]',
      'time_entry.hours_worked',
      'time_entry.contract_id',
      'ticket.contract_id',
    ],
    industry: {
      en: "H1 with the catalog's guessed weights: CSAT 30, SLA 20, ticket trend 15, effective rate 20, contract 15.",
      nl: 'H1 met de geschatte gewichten uit de catalogus: CSAT 30, SLA 20, tickettrend 15, effectief tarief 20, contract 15.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    // "The last N days": (the same local time N days ago, now], also across a DST switch.
    const since = sameTimeDaysBefore(now, tz, 90).toISOString()
    const monthAgo = sameTimeDaysBefore(now, tz, 30).toISOString()
    const until = now.toISOString()
    return {
      ...agreementQueries(db, today, RATE_MONTHS, params.fallbackCost, params.recurringTypes),
      clients: clientRows(db),
      later: futureContracts(db, today),
      surveys: db
        .selectFrom('survey_result')
        .select(['company_id as companyId', 'rating'])
        .where('completed_at', '>', since)
        .where('completed_at', '<=', until)
        .where('rating', 'is not', null)
        .$narrowType<{ rating: NotNull }>(),
      reviews: ratedReviews(db, { after: since, until }),
      smileBack: smileBackConnected(db),
      sla: db
        .selectFrom('ticket')
        .select(['company_id as companyId', sql<number>`count(*)`.as('n'), sql<number>`sum(sla_met)`.as('met')])
        .where('completed_at', '>', since)
        .where('completed_at', '<=', until)
        .where('sla_met', 'is not', null)
        .groupBy('company_id'),
      tickets: db
        .selectFrom('ticket')
        .select([
          'company_id as companyId',
          sql<number>`sum(case when created_at > ${monthAgo} then 1 else 0 end)`.as('recent'),
          sql<number>`sum(case when created_at <= ${monthAgo} then 1 else 0 end)`.as('before'),
        ])
        .where('created_at', '>', since)
        .where('created_at', '<=', until)
        .groupBy('company_id'),
    }
  },
  compute: (
    { clients, contracts, labour, first, later, surveys, reviews, smileBack, sla, tickets },
    { now, tz, params, me },
  ) => {
    const today = localDate(now, tz)
    const agreements = new Map(
      agreementEconomics({ contracts, labour, first }, today, RATE_MONTHS, params.recurringTypes).map((c) => [
        c.companyId,
        c,
      ]),
    )
    const byCompany = <T extends { companyId: number | null }>(rows: T[]) => new Map(rows.map((r) => [r.companyId, r]))
    const csatBy = groupBy(currentRatings({ surveys, reviews, smileBack }), (r) => r.companyId)
    const slaBy = byCompany(sla)
    const ticketsBy = byCompany(tickets)
    let lossMakers = 0
    const items = clients
      .filter(ownedBy(me))
      .filter((c) => contracts.some((k) => k.companyId === c.companyId) || ticketsBy.has(c.companyId))
      .map((c) => {
        const s = csatBy.get(c.companyId)
        const l = slaBy.get(c.companyId)
        const t = ticketsBy.get(c.companyId)
        const agreement = agreements.get(c.companyId)
        const rate = agreement ? effectiveRate(agreement) : null
        const lossMaking = agreement !== undefined && agreement.hours > 0 && agreement.revenue < agreement.cost
        const own = contracts.filter((k) => k.companyId === c.companyId)
        const recurring = own.filter(
          (k) =>
            k.contractType !== null &&
            params.recurringTypes.includes(k.contractType) &&
            !isRenewed(k, later) &&
            k.endDate !== null,
        )
        const soonest = recurring.map((k) => k.endDate!).sort()[0]
        const contract =
          own.length === 0
            ? 0
            : soonest && soonest <= addDays(today, 30)
              ? 25
              : soonest && soonest <= addDays(today, 90)
                ? 60
                : 100
        const before = t ? Number(t.before) / 2 : 0
        const score = healthScore({
          csat: positiveShare(s ?? [], 4),
          sla: l && Number(l.n) > 0 ? ((100 * Number(l.met)) / Number(l.n) - 75) * 5 : null,
          trend: before > 0 ? 100 - (Number(t!.recent) / before - 1) * 100 : null,
          rate: rate === null ? null : (100 * rate) / params.standardRate,
          contract,
        })
        if (lossMaking && score !== null) lossMakers++
        return {
          key: String(c.companyId),
          label: c.companyName,
          value: lossMaking && score !== null ? Math.min(score, LOSS_MAKING_CAP) : score,
        }
      })
      .sort((a, b) => (a.value ?? Infinity) - (b.value ?? Infinity) || Number(a.key) - Number(b.key))
    const scored = items.filter((i) => i.value !== null) as Array<{ key: string; label: string; value: number }>
    const mean = scored.length === 0 ? null : scored.reduce((sum, i) => sum + i.value, 0) / scored.length
    return {
      value: mean,
      items,
      facts: {
        clients: scored.length,
        below: scored.filter((i) => i.value < 60).length,
        lowest: scored[0]?.label ?? null,
        lowestScore: scored[0] ? Math.round(scored[0].value) : null,
        lossMakers,
        source: ratingSource(smileBack),
      },
    }
  },
  context: ({ value, facts }) => {
    if (value === null || value === undefined)
      return {
        en: 'No client has enough data for a health score yet.',
        nl: 'Nog geen klant heeft genoeg gegevens voor een gezondheidsscore.',
      }
    const avg = Math.round(value)
    const losing = Number(facts?.lossMakers ?? 0)
    const loss =
      losing === 0
        ? { en: '', nl: '' }
        : {
            en: `; ${losing} ${pluralWord(losing, 'loses', 'lose')} money on the agreement (at most 60)`,
            nl: `; ${losing} ${pluralWord(losing, 'verliest', 'verliezen')} geld op het contract (hooguit 60)`,
          }
    return {
      en: `The ${facts?.clients} ${pluralWord(Number(facts?.clients), 'client averages', 'clients average')} ${avg} out of 100; ${facts?.below} below 60, the lowest is ${facts?.lowest} at ${facts?.lowestScore}${loss.en}.`,
      nl: `De ${facts?.clients} ${pluralWord(Number(facts?.clients), 'klant scoort', 'klanten scoren')} gemiddeld ${avg} van de 100; ${facts?.below} onder de 60, het laagst scoort ${facts?.lowest} met ${facts?.lowestScore}${loss.nl}.`,
    }
  },
})
