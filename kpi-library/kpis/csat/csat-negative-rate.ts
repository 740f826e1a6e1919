import { percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { both, count, daysParam, fmt } from '../quality/shared.js'
import { lastPeriod, negativeParam, noSurveys, ratedSurveys } from './shared.js'

export const csatNegativeRate = defineKpi({
  id: 'csat_negative_rate',
  title: { en: 'Negative ratings, last 30 days', nl: 'Negatieve beoordelingen, afgelopen 30 dagen' },
  description: {
    en: 'Share of the survey results of the last 30 days (the same responses as CSAT, last 30 days) rated 2 or lower. Every one of them is a customer to call back within 24 hours; a rising share points at a team, a client or a kind of ticket that goes wrong.',
    nl: 'Aandeel van de enquêteresultaten van de afgelopen 30 dagen (dezelfde reacties als Klanttevredenheid, afgelopen 30 dagen) met een 2 of lager. Elk daarvan is een klant om binnen 24 uur terug te bellen; stijgt het aandeel, dan gaat het mis bij een team, een klant of een soort ticket.',
  },
  group: 'csat',
  kind: 'number',
  roles: ['service-manager', 'team-lead', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 365), maxNegative: negativeParam() },
  // About 1-3% is the catalog's guess (one MSP reports 0.7% negative).
  band: { target: 3, warn: 5 },
  freshnessMinutes: 60,
  personal: false,
  about: {
    population: { en: 'Survey results with a rating, completed in the last 30 days (days), whatever the ticket and never narrowed to one person; negative = 2 or less (maxNegative).', nl: 'Enquêteresultaten met een score, voltooid in de afgelopen 30 dagen (days), ongeacht het ticket en nooit beperkt tot één persoon; negatief = 2 of lager (maxNegative).' },
    sources: ['SurveyResults.surveyRating', 'SurveyResults.completeDate'],
    industry: { en: 'D2: negative responses / all responses; about 1-3% is the catalog\'s guess, one MSP reports 0.7% negative [SNS].', nl: 'D2: negatieve reacties / alle reacties; ongeveer 1-3% is een schatting in de catalogus, één MSP meldt 0,7% negatief [SNS].' },
  },
  queries: ({ db, now, tz, params }) => ({ surveys: ratedSurveys(db, lastDays(now, tz, params.days).after, now.toISOString()) }),
  compute: ({ surveys }, { params }) => {
    const negative = surveys.filter((s) => s.rating <= params.maxNegative).length
    return { value: percent(negative, surveys.length), facts: { negative, responses: surveys.length } }
  },
  context: ({ value, facts }, { params }) =>
    both((lang) => {
      const responses = Number(facts?.responses ?? 0)
      const negative = Number(facts?.negative ?? 0)
      if (responses === 0) return noSurveys(lastPeriod(params.days), lang)
      return lang === 'en'
        ? `${negative} of ${count(responses, ['response', 'responses'])} in the last ${params.days} days rated ${params.maxNegative} or lower (${fmt(value, lang)}%).`
        : `${negative} van de ${responses} ${responses === 1 ? 'reactie' : 'reacties'} van de afgelopen ${params.days} dagen gaf een ${fmt(params.maxNegative, lang)} of lager (${fmt(value, lang)}%).`
    }),
})
