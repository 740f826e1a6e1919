import type { NotNull } from 'kysely'
import { bothLanguages, countOf, exact, money } from '../../format.js'
import { CONTACT_COLUMNS, resourceName, TICKET_COLUMNS } from '../../sql.js'
import { lastDays, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import {
  commentFor,
  commentTypesParam,
  negativeParam,
  positiveParam,
  positiveShare,
  ratings,
  surveyComments,
} from './shared.js'
import { onSurveyScale, ratingSource, reviewRows, smileBackConnected } from './smileback.js'
import { byKeys, FIELD, groupBy } from '../../lists.js'
import { contractsInForce, mrrByCompany, RECURRING_TYPES } from '../../contracts.js'

// MRR = the summed "Monthly Value" UDF of the client's recurring contracts in force today (as mrr_total counts it,
// through finance's mrrByCompany); contracts carry no monthly value field of their own (catalog §6b).

export const clientsCsatDropped = defineKpi({
  id: 'clients_csat_dropped',
  title: { en: 'Clients with falling satisfaction', nl: 'Klanten met dalende tevredenheid' },
  description: {
    en: 'Clients whose positive share of the last 90 days fell 10 points or more below the 90 days before (at least 5 responses in each), or who gave 2 or more negative ratings in the last 30 days. The account manager calls the decision-maker before the renewal talk does. With SmileBack connected, SmileBack’s reviews instead, by the client they are linked to and the moment they were rated, a positive face counting as 5, a neutral one as 3 and a negative one as 1, with the review’s own comment.',
    nl: 'Klanten bij wie het aandeel positieve scores van de afgelopen 90 dagen 10 punten of meer lager ligt dan in de 90 dagen daarvoor (minstens 5 reacties per periode), of die de afgelopen 30 dagen 2 of meer negatieve scores gaven. De accountmanager belt de beslisser, voordat het verlengingsgesprek dat doet. Met SmileBack gekoppeld de SmileBack-beoordelingen, per klant waaraan ze gekoppeld zijn en naar het moment van de score, waarbij een positief gezicht telt als 5, een neutraal als 3 en een negatief als 1, met de opmerking uit de beoordeling zelf.',
  },
  group: 'csat',
  kind: 'list',
  roles: ['account-manager', 'integrator', 'service-manager', 'owner'],
  unit: 'count',
  direction: 'lower',
  window: {
    en: 'last 90 days 10+ points below the 90 days before, or 2+ negative scores in the last 30 days',
    nl: 'afgelopen 90 dagen 10+ punten onder de 90 dagen daarvoor, of 2+ negatieve scores in de afgelopen 30 dagen',
  },
  params: {
    days: {
      type: 'integer',
      default: 90,
      min: 7,
      max: 365,
      description: {
        en: 'Length of each compared period in days.',
        nl: 'Lengte van elke vergeleken periode in dagen.',
      },
    },
    dropPoints: {
      type: 'number',
      default: 10,
      min: 1,
      max: 100,
      description: {
        en: 'Fall in percentage points that flags a client.',
        nl: 'Daling in procentpunten waarbij een klant op de lijst komt.',
      },
    },
    minResponses: {
      type: 'integer',
      default: 5,
      min: 1,
      max: 100,
      description: {
        en: 'Responses needed in each period to compare.',
        nl: 'Benodigde reacties per periode om te vergelijken.',
      },
    },
    negativeDays: {
      type: 'integer',
      default: 30,
      min: 1,
      max: 365,
      description: {
        en: 'Days in which repeated negatives flag a client.',
        nl: 'Dagen waarin herhaalde negatieve scores een klant op de lijst zetten.',
      },
    },
    minNegatives: {
      type: 'integer',
      default: 2,
      min: 1,
      max: 100,
      description: {
        en: 'Negative ratings in that period that flag a client.',
        nl: 'Aantal negatieve scores in die periode waarbij een klant op de lijst komt.',
      },
    },
    minPositive: positiveParam(),
    maxNegative: negativeParam(),
    commentNoteTypes: commentTypesParam(),
    recurringTypes: RECURRING_TYPES,
  },
  // Thresholds are the catalog's guess; a CSAT fall over two cycles is the early warning to act on (D7).
  band: { target: 0, warn: 2 },
  freshnessMinutes: 240,
  personal: true,
  action: {
    verb: { en: 'Call the decision-maker', nl: 'Beslisser bellen' },
    leavesWhen: {
      en: 'the score recovers to within the drop threshold and the negatives age out of the period',
      nl: 'de score binnen de drempel herstelt en de negatieve scores uit de periode vallen',
    },
    owner: { en: 'the account manager', nl: 'de accountmanager' },
    fields: [
      FIELD.companyName,
      { key: 'csatNow', label: { en: 'CSAT now', nl: 'CSAT nu' }, type: 'percent' },
      { key: 'csatBefore', label: { en: 'CSAT before', nl: 'CSAT ervoor' }, type: 'percent' },
      { key: 'dropPoints', label: { en: 'Change (points)', nl: 'Verschil (punten)' }, type: 'number' },
      { key: 'negatives', label: { en: 'Negatives', nl: 'Negatief' }, type: 'number' },
      {
        key: 'lastNegativeComment',
        label: { en: 'Last negative comment', nl: 'Laatste negatieve opmerking' },
        type: 'text',
      },
      { key: 'contactName', label: { en: 'Last negative from', nl: 'Laatste negatieve van' }, type: 'text' },
      FIELD.contactPhone,
      {
        key: 'lastNegativeTicketNumber',
        label: { en: 'Ticket of the last negative', nl: 'Ticket van de laatste negatieve' },
        type: 'text',
      },
      { key: 'resourceName', label: { en: 'Account manager', nl: 'Accountmanager' }, type: 'text' },
      { key: 'mrr', label: { en: 'MRR', nl: 'MRR' }, type: 'euro' },
    ],
    sort: { en: 'MRR times the drop, largest first', nl: 'MRR maal de daling, grootste eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Companies with rated survey results (by the company on the result) whose positive share of the last 90 days fell 10 points or more below the 90 days before, with at least 5 responses in each, or with 2 or more ratings of 2 or lower in the last 30 days. On a personal dashboard, the clients whose account manager (company owner) is that person. MRR: recurring contracts in force today.',
      nl: 'Bedrijven met enquêteresultaten met een score (volgens het bedrijf op het resultaat) waarvan het aandeel positief van de afgelopen 90 dagen 10 punten of meer lager ligt dan in de 90 dagen daarvoor, met minstens 5 reacties per periode, of met 2 of meer scores van 2 of lager in de afgelopen 30 dagen. Op een persoonlijk dashboard de klanten met die persoon als accountmanager (eigenaar van het bedrijf). MRR: abonnementscontracten die vandaag lopen.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.company_id',
      'company.owner_resource_id',
      'contract.contract_type',
      'contract.status',
      'contract.start_date',
      'contract.end_date',
      'contract.udf[Monthly Value]',
    ],
    industry: {
      en: "D7 with the catalog's thresholds, themselves a guess (-10 points with at least 5 responses, or 2 negatives in 30 days); a CSAT fall over consecutive cycles is the early warning to act on [DIGCORE].",
      nl: 'D7 met de drempels uit de catalogus, zelf een schatting (-10 punten bij minstens 5 reacties, of 2 negatieve in 30 dagen); een CSAT-daling over opeenvolgende perioden is het vroege signaal om in te grijpen [DIGCORE].',
    },
  },
  queries: ({ db, now, tz, params, me }) => {
    const from = lastDays(now, tz, 2 * params.days).after
    const surveys = ratings(db, { after: from, until: now.toISOString() })
      .leftJoin('ticket', 'ticket.id', 'survey_result.ticket_id')
      .leftJoin('contact', 'contact.id', 'survey_result.contact_id')
      .select([...TICKET_COLUMNS, ...CONTACT_COLUMNS])
      .where('survey_result.company_id', 'is not', null)
      .$narrowType<{ companyId: NotNull }>()
    let companies = db
      .selectFrom('company')
      .leftJoin('resource', 'resource.id', 'company.owner_resource_id')
      .select([
        'company.id as companyId',
        'company.name as companyName',
        'company.owner_resource_id as resourceId',
        resourceName().as('resourceName'),
      ])
    if (me !== null) companies = companies.where('company.owner_resource_id', '=', me)
    const negativeTickets = db
      .selectFrom('survey_result')
      .select('ticket_id')
      .where('completed_at', '>', from)
      .where('rating', '<=', params.maxNegative)
    const reviews = reviewRows(db)
      .where('smileback_review.rating', 'is not', null)
      .where('smileback_review.rated_on', '>', from)
      .where('smileback_review.rated_on', '<=', now.toISOString())
      .where('smileback_review.company_id', 'is not', null)
      .$narrowType<{ rating: NotNull; ratedOn: NotNull; companyId: NotNull }>()
    return {
      surveys,
      reviews,
      smileBack: smileBackConnected(db),
      companies,
      contracts: contractsInForce(db, localDate(now, tz)),
      comments: surveyComments(db, params.commentNoteTypes, negativeTickets),
    }
  },
  compute: ({ surveys: surveyRatings, reviews, smileBack, companies, contracts, comments }, { now, tz, params }) => {
    const fromSmileBack = smileBack.length > 0
    // SmileBack's reviews under the survey rows' names, on their scale; a review carries its own comment.
    const surveys = fromSmileBack
      ? onSurveyScale(reviews).map(({ reviewId, ratedOn, ...review }) => ({
          ...review,
          surveyId: reviewId,
          completedAt: ratedOn,
        }))
      : surveyRatings.map((survey) => ({ ...survey, comment: null as string | null }))
    const split = lastDays(now, tz, params.days).after
    const negativeFrom = lastDays(now, tz, params.negativeDays).after
    // MRR as every other KPI counts it: recurring contract types in force today.
    const mrr = new Map(
      [...mrrByCompany(contracts, params.recurringTypes).values()].map((client) => [client.companyId, client.mrr]),
    )
    const byCompany = groupBy(surveys, (survey) => survey.companyId)
    const rows = companies.flatMap((company) => {
      const mine = byCompany.get(company.companyId) ?? []
      const recent = mine.filter((s) => s.completedAt > split)
      const before = mine.filter((s) => s.completedAt <= split)
      const negatives = mine
        .filter((s) => s.completedAt > negativeFrom && s.rating <= params.maxNegative)
        .sort(
          byKeys(
            (s) => s.completedAt,
            (s) => s.surveyId,
          ),
        )
      const comparable = recent.length >= params.minResponses && before.length >= params.minResponses
      const csatNow = positiveShare(recent, params.minPositive)
      const csatBefore = positiveShare(before, params.minPositive)
      const drop = comparable && csatNow !== null && csatBefore !== null ? csatNow - csatBefore : null
      if (!((drop !== null && drop <= -params.dropPoints) || negatives.length >= params.minNegatives)) return []
      const last =
        negatives.at(-1) ??
        mine
          .filter((s) => s.rating <= params.maxNegative)
          .sort(
            byKeys(
              (s) => s.completedAt,
              (s) => s.surveyId,
            ),
          )
          .at(-1)
      const value = mrr.get(company.companyId) ?? null
      return [
        {
          ...company,
          csatNow: csatNow === null ? null : exact(csatNow),
          csatBefore: csatBefore === null ? null : exact(csatBefore),
          dropPoints: drop === null ? null : exact(drop),
          responsesNow: recent.length,
          responsesBefore: before.length,
          negatives: negatives.length,
          lastNegativeAt: last?.completedAt ?? null,
          lastNegativeComment: last ? (fromSmileBack ? last.comment : commentFor(last, comments)) : null,
          // The row is about the client: its last negative's ticket is evidence, not the row's subject (nor part of its key).
          lastNegativeTicketId: last?.ticketId ?? null,
          lastNegativeTicketNumber: last?.ticketNumber ?? null,
          lastNegativeTicketTitle: last?.ticketTitle ?? null,
          contactName: last?.contactName ?? null,
          contactPhone: last?.contactPhone ?? null,
          mrr: value,
          risk: Math.round((value ?? 0) * Math.max(0, -(drop ?? 0))),
          // "4 negative SmileBack reviews" (web/src/widgets/row-why.ts).
          source: ratingSource(smileBack),
        },
      ]
    })
    rows.sort(
      byKeys(
        (r) => -r.risk,
        (r) => -r.negatives,
        (r) => -(r.mrr ?? 0),
        (r) => r.companyId,
      ),
    )
    return {
      rows,
      facts: {
        clients: rows.length,
        mrr: rows.reduce((total, r) => total + (r.mrr ?? 0), 0),
        source: ratingSource(smileBack),
      },
    }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const n = Number(facts?.clients ?? 0)
      if (n === 0) {
        return lang === 'en'
          ? `No client's satisfaction fell over the last ${params.days} days, and none gave ${params.minNegatives} or more negative scores in the last ${params.negativeDays} days.`
          : `Bij geen enkele klant is de tevredenheid de afgelopen ${params.days} dagen gedaald, en geen gaf de afgelopen ${params.negativeDays} dagen ${params.minNegatives} of meer negatieve scores.`
      }
      // The MRR only when there is some: "together €0 MRR" reads as clients worth nothing, where their contracts carry no value.
      const total = Number(facts?.mrr ?? 0)
      const mrr =
        total > 0 ? (lang === 'en' ? `, together ${money(total).en} MRR` : `, samen ${money(total).nl} MRR`) : ''
      return lang === 'en'
        ? `${countOf(n, 'client', 'clients')} with falling satisfaction${mrr}; call the decision-maker.`
        : `${countOf(n, 'klant', 'klanten')} met dalende tevredenheid${mrr}; bel de beslisser.`
    }),
})
