import { resourceName } from '../../sql.js'
import { lastDays } from '../../time.js'
import { historyInLastDays, historyStart } from '../../history.js'
import { defineKpi } from '../../types.js'
import { breakdownBy, breakdownContext, minResponsesParam, positiveParam } from './shared.js'
import { bothLanguages } from '../../format.js'
import { currentRatings, ratingQueries, ratingSource } from './smileback.js'
import { daysParam } from '../../params.js'

export const csatByEngineer = defineKpi({
  id: 'csat_by_engineer',
  title: { en: 'CSAT by engineer, last 90 days', nl: 'Klanttevredenheid per engineer, afgelopen 90 dagen' },
  description: {
    en: 'Share of positive ratings (4 or 5) per engineer on the tickets assigned to them, last 90 days, for engineers with at least 10 responses; lowest first. The number is the whole team’s positive share over those 90 days, so it differs from CSAT, last 30 days by its window. Use it in one-to-ones: read the low scores together and agree on one thing to change. With SmileBack connected, SmileBack’s reviews rated in the period instead, a positive face counting as 5, a neutral one as 3 and a negative one as 1 (deleted and unrated reviews count nowhere).',
    nl: 'Aandeel positieve scores (4 of 5) per engineer op de tickets die aan hem of haar zijn toegewezen, afgelopen 90 dagen, voor engineers met minstens 10 reacties; laagste eerst. Het getal is het aandeel positief van het hele team over die 90 dagen en verschilt dus door de periode van Klanttevredenheid, afgelopen 30 dagen. Gebruik het in het een-op-eengesprek: lees samen de lage scores en spreek één verbeterpunt af. Met SmileBack gekoppeld de SmileBack-beoordelingen met een score in de periode, waarbij een positief gezicht telt als 5, een neutraal als 3 en een negatief als 1 (verwijderde beoordelingen en die zonder score tellen nergens mee).',
  },
  group: 'csat',
  kind: 'breakdown',
  roles: ['team-lead', 'service-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 90 days', nl: 'afgelopen 90 dagen' },
  params: { days: daysParam(90, 365), minResponses: minResponsesParam(10), minPositive: positiveParam() },
  // Same band as the team score: companies usually aim for 80-90% positive (catalog D1).
  band: { target: 90, warn: 80 },
  bandPerItem: true,
  freshnessMinutes: 120,
  personal: false,
  reachDays: 90,
  about: {
    population: {
      en: "Survey results with a rating, completed in the last 90 days, per assigned resource of the survey's ticket; engineers with fewer than 10 responses (minResponses) get no bar but count in the team number, as do results without a ticket or an assignee.",
      nl: 'Enquêteresultaten met een score, voltooid in de afgelopen 90 dagen, per behandelaar van het ticket van de enquête; engineers met minder dan 10 reacties (minResponses) krijgen geen balk maar tellen mee in het teamgetal, net als resultaten zonder ticket of behandelaar.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.ticket_id',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "D5: D1 per engineer with at least 10 responses. Survey results carry no resource, so the engineer is the ticket's assignee (an inference in catalog §6b), not necessarily who did the work.",
      nl: 'D5: D1 per engineer met minstens 10 reacties. Enquêteresultaten hebben geen medewerker, dus de engineer is de behandelaar van het ticket (een afleiding in catalogus §6b), niet per se wie het werk deed.',
    },
  },
  queries: ({ db, now, tz, params }) => ({
    ...ratingQueries(db, lastDays(now, tz, params.days)),
    names: db.selectFrom('resource').select(['id', resourceName().as('name')]),
    first: historyStart(db, 'surveys'),
    firstReview: historyStart(db, 'reviews'),
  }),
  compute: (rows, { now, tz, params }) =>
    breakdownBy(
      currentRatings(rows),
      'resourceId',
      rows.names,
      params,
      historyInLastDays((rows.smileBack.length > 0 ? rows.firstReview : rows.first)[0]?.first, params.days, now, tz),
      ratingSource(rows.smileBack),
    ),
  context: (result, { params }) =>
    bothLanguages((lang) =>
      breakdownContext(
        result,
        params,
        lang,
        { en: 'Team', nl: 'Team' },
        { en: ['engineer', 'engineers'], nl: ['engineer', 'engineers'] },
      ),
    ),
})
