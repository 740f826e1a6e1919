import { lastDays } from '../../time.js'
import { historyInLastDays, historyStart } from '../../history.js'
import { defineKpi } from '../../types.js'
import { breakdownBy, breakdownContext, minResponsesParam, positiveParam } from './shared.js'
import { bothLanguages } from '../../format.js'
import { currentRatings, ratingQueries, ratingSource } from './smileback.js'
import { daysParam } from '../../params.js'

// Six months is Lifecycle Insights' default span (catalog D6), taken as 182 days.

export const csatByCompany = defineKpi({
  id: 'csat_by_company',
  title: { en: 'CSAT by client, last 6 months', nl: 'Klanttevredenheid per klant, afgelopen 6 maanden' },
  description: {
    en: 'Share of positive ratings (4 or 5) per client over the last 6 months, for clients with at least 3 responses; lowest first. The number is the positive share of all clients over those 6 months, so it differs from CSAT, last 30 days by its window. Bring the low ones to the next client meeting and ask what would make the difference. With SmileBack connected, SmileBack’s reviews rated in the period instead, a positive face counting as 5, a neutral one as 3 and a negative one as 1 (deleted and unrated reviews count nowhere).',
    nl: 'Aandeel positieve scores (4 of 5) per klant over de afgelopen 6 maanden, voor klanten met minstens 3 reacties; laagste eerst. Het getal is het aandeel positief van alle klanten over die 6 maanden en verschilt dus door de periode van Klanttevredenheid, afgelopen 30 dagen. Bespreek de lage in het volgende klantoverleg en vraag wat het verschil zou maken. Met SmileBack gekoppeld de SmileBack-beoordelingen met een score in de periode, waarbij een positief gezicht telt als 5, een neutraal als 3 en een negatief als 1 (verwijderde beoordelingen en die zonder score tellen nergens mee).',
  },
  group: 'csat',
  kind: 'breakdown',
  roles: ['account-manager', 'service-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 6 months', nl: 'afgelopen 6 maanden' },
  params: { days: daysParam(182, 730), minResponses: minResponsesParam(3), minPositive: positiveParam() },
  // Companies usually aim for 80-90% positive (catalog D1).
  band: { target: 90, warn: 80 },
  bandPerItem: true,
  freshnessMinutes: 240,
  personal: false,
  reachDays: 184,
  about: {
    population: {
      en: 'Survey results with a rating, completed in the last 182 days (6 months), per company on the result; clients with fewer than 3 responses (minResponses) get no bar but count in the overall number, as do results without a company.',
      nl: 'Enquêteresultaten met een score, voltooid in de afgelopen 182 dagen (6 maanden), per bedrijf op het resultaat; klanten met minder dan 3 reacties (minResponses) krijgen geen balk maar tellen mee in het totaalgetal, net als resultaten zonder bedrijf.',
    },
    sources: ['survey_result.rating', 'survey_result.completed_at', 'survey_result.company_id'],
    industry: {
      en: "D6: D1 per client over 6 months, Lifecycle Insights' default span [LCI]; the band is D1's 80-90% [FRESHDESK].",
      nl: 'D6: D1 per klant over 6 maanden, de standaardperiode van Lifecycle Insights [LCI]; de norm is de 80-90% van D1 [FRESHDESK].',
    },
  },
  queries: ({ db, now, tz, params }) => ({
    ...ratingQueries(db, lastDays(now, tz, params.days)),
    names: db.selectFrom('company').select(['id', 'name']),
    first: historyStart(db, 'surveys'),
    firstReview: historyStart(db, 'reviews'),
  }),
  compute: (rows, { now, tz, params }) =>
    breakdownBy(
      currentRatings(rows),
      'companyId',
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
        { en: 'All clients', nl: 'Alle klanten' },
        { en: ['client', 'clients'], nl: ['klant', 'klanten'] },
      ),
    ),
})
