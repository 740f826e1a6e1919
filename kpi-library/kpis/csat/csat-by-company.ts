import { defineKpi } from '../../types.js'
import { both, daysBefore, daysParam } from '../quality/shared.js'
import { breakdownBy, breakdownContext, minResponsesParam, positiveParam, ratedSurveys } from './shared.js'

// Six months is Lifecycle Insights' default span (catalog D6), taken as 182 days.

export const csatByCompany = defineKpi({
  id: 'csat_by_company',
  title: { en: 'CSAT by client', nl: 'Klanttevredenheid per klant' },
  description: {
    en: 'Share of positive ratings (4 or 5) per client over the last 6 months, for clients with at least 3 responses; lowest first. Bring the low ones to the next client meeting and ask what would make the difference.',
    nl: 'Aandeel positieve scores (4 of 5) per klant over de afgelopen 6 maanden, voor klanten met minstens 3 reacties; laagste eerst. Bespreek de lage in het volgende klantoverleg en vraag wat het verschil zou maken.',
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
  freshnessMinutes: 240,
  personal: false,
  queries: ({ db, now, tz, params }) => ({
    surveys: ratedSurveys(db, daysBefore(now, tz, params.days), now.toISOString()),
    names: db.selectFrom('company').select(['id', 'name']),
  }),
  compute: ({ surveys, names }, { params }) => breakdownBy(surveys, 'companyId', names, params),
  context: (result, { params }) => both((lang) => breakdownContext(result, params, lang, { en: 'All clients', nl: 'Alle klanten' }, { en: ['client', 'clients'], nl: ['klant', 'klanten'] })),
})
