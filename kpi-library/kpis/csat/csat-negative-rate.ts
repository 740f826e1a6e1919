import { percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { lastPeriod, negativeParam, noSurveys, onYourTickets } from './shared.js'
import { bothLanguages, countOf, numberText, percentText } from '../../format.js'
import { daysParam } from '../../params.js'
import { noReviews, ratingQueries, reviewCount } from './smileback.js'

export const csatNegativeRate = defineKpi({
  id: 'csat_negative_rate',
  title: { en: 'Negative ratings, last 30 days', nl: 'Negatieve beoordelingen, afgelopen 30 dagen' },
  description: {
    en: 'Share of the survey results of the last 30 days rated 2 or lower: the same responses as CSAT, last 30 days (on a personal dashboard, as there, those on tickets assigned to that person; the days setting, 30 by default, can widen or narrow the window, which CSAT, last 30 days keeps at 30). Every one of them is a customer to call back within 24 hours; a rising share points at a team, a client or a kind of ticket that goes wrong. With SmileBack connected, the share of SmileBack’s reviews rated in the window that are negative: the same reviews as CSAT, last 30 days then counts (a deleted or unrated review counts nowhere).',
    nl: 'Aandeel van de enquêteresultaten van de afgelopen 30 dagen met een 2 of lager: dezelfde reacties als Klanttevredenheid, afgelopen 30 dagen (op een persoonlijk dashboard, net als daar, die op tickets die aan die persoon zijn toegewezen; de instelling days, standaard 30, kan de periode ruimer of krapper maken, die bij Klanttevredenheid, afgelopen 30 dagen op 30 blijft). Elk daarvan is een klant om binnen 24 uur terug te bellen; stijgt het aandeel, dan gaat het mis bij een team, een klant of een soort ticket. Met SmileBack gekoppeld het aandeel negatieve beoordelingen van de SmileBack-beoordelingen met een score in de periode: dezelfde beoordelingen die Klanttevredenheid, afgelopen 30 dagen dan telt (een verwijderde beoordeling of een zonder score telt nergens mee).',
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
  personal: true,
  reachDays: 30,
  about: {
    population: {
      en: 'Survey results with a rating, completed in the last 30 days (days), whatever the ticket, as for csat_positive_30d; negative = 2 or less (maxNegative). On a personal dashboard, the results on tickets assigned to that person.',
      nl: 'Enquêteresultaten met een score, voltooid in de afgelopen 30 dagen (days), ongeacht het ticket, zoals bij csat_positive_30d; negatief = 2 of lager (maxNegative). Op een persoonlijk dashboard de resultaten op tickets die aan die persoon zijn toegewezen.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.ticket_id',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "D2: negative responses / all responses; about 1-3% is the catalog's guess, one MSP reports 0.7% negative [SNS].",
      nl: 'D2: negatieve reacties / alle reacties; ongeveer 1-3% is een schatting in de catalogus, één MSP meldt 0,7% negatief [SNS].',
    },
  },
  queries: ({ db, now, tz, params, me }) => ({
    ...ratingQueries(db, lastDays(now, tz, params.days), me),
  }),
  compute: ({ surveys, reviews, smileBack }, { params }) => {
    if (smileBack.length > 0) {
      const negative = reviews.filter((r) => r.rating === -1).length
      return {
        value: percent(negative, reviews.length),
        facts: { source: 'smileback', negative, responses: reviews.length },
      }
    }
    const negative = surveys.filter((s) => s.rating <= params.maxNegative).length
    return {
      value: percent(negative, surveys.length),
      facts: { source: 'psa', negative, responses: surveys.length },
    }
  },
  context: ({ value, facts }, { params, me }) =>
    bothLanguages((lang) => {
      const { responses, negative } = facts
      const whose = onYourTickets(me)
      if (facts.source === 'smileback') {
        if (responses === 0) return noReviews(params.days, whose)[lang]
        return lang === 'en'
          ? `${negative} of ${reviewCount(responses).en}${whose.en} in the last ${params.days} days negative (${percentText(value, lang)}%).`
          : `${negative} van de ${reviewCount(responses).nl}${whose.nl} van de afgelopen ${params.days} dagen negatief (${percentText(value, lang)}%).`
      }
      if (responses === 0) return noSurveys(lastPeriod(params.days), lang, whose)
      return lang === 'en'
        ? `${negative} of ${countOf(responses, 'response', 'responses')}${whose.en} in the last ${params.days} days rated ${params.maxNegative} or lower (${percentText(value, lang)}%).`
        : `${negative} van de ${countOf(responses, 'reactie', 'reacties')}${whose.nl} van de afgelopen ${params.days} dagen gaf een ${numberText(params.maxNegative, lang)} of lager (${percentText(value, lang)}%).`
    }),
})
