import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { both, daysParam } from '../quality/shared.js'
import { breakdownBy, breakdownContext, minResponsesParam, positiveParam, ratedSurveys } from './shared.js'

// Six months is Lifecycle Insights' default span (catalog D6), taken as 182 days.

export const csatByCompany = defineKpi({
  id: 'csat_by_company',
  title: { en: 'CSAT by client, last 6 months', nl: 'Klanttevredenheid per klant, afgelopen 6 maanden' },
  description: {
    en: 'Share of positive ratings (4 or 5) per client over the last 6 months, for clients with at least 3 responses; lowest first. The number is the positive share of all clients over those 6 months, so it differs from CSAT, last 30 days by its window. Bring the low ones to the next client meeting and ask what would make the difference.',
    nl: 'Aandeel positieve scores (4 of 5) per klant over de afgelopen 6 maanden, voor klanten met minstens 3 reacties; laagste eerst. Het getal is het aandeel positief van alle klanten over die 6 maanden en verschilt dus door de periode van Klanttevredenheid, afgelopen 30 dagen. Bespreek de lage in het volgende klantoverleg en vraag wat het verschil zou maken.',
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
    surveys: ratedSurveys(db, lastDays(now, tz, params.days).after, now.toISOString()),
    names: db.selectFrom('company').select(['id', 'name']),
  }),
  compute: ({ surveys, names }, { params }) => breakdownBy(surveys, 'companyId', names, params),
  context: (result, { params }) => both((lang) => breakdownContext(result, params, lang, { en: 'All clients', nl: 'Alle klanten' }, { en: ['client', 'clients'], nl: ['klant', 'klanten'] })),
})
