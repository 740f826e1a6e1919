import { ratio, sum } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { lastPeriod, noSurveys, onYourTickets } from './shared.js'
import { currentRatings, noReviews, ratingQueries, ratingSource, reviewCount } from './smileback.js'
import { bothLanguages, countOf, numberText } from '../../format.js'
import { daysParam } from '../../params.js'

export const csatAverage = defineKpi({
  id: 'csat_average',
  title: { en: 'Average rating, last 30 days', nl: 'Gemiddelde score, afgelopen 30 dagen' },
  description: {
    en: 'Mean survey rating (1-5) of the last 30 days, over the same responses as CSAT, last 30 days (on a personal dashboard, as there, those on tickets assigned to that person; the days setting, 30 by default, can widen or narrow the window, which CSAT, last 30 days keeps at 30). It moves with every low score, so it shows a slide earlier than the positive share does; when it drops, read the recent low scores. With SmileBack connected, the same SmileBack reviews as CSAT, last 30 days, a positive face counting as 5, a neutral one as 3 and a negative one as 1.',
    nl: 'Gemiddelde enquêtescore (1-5) van de afgelopen 30 dagen, over dezelfde reacties als Klanttevredenheid, afgelopen 30 dagen (op een persoonlijk dashboard, net als daar, die op tickets die aan die persoon zijn toegewezen; de instelling days, standaard 30, kan de periode ruimer of krapper maken, die bij Klanttevredenheid, afgelopen 30 dagen op 30 blijft). Elke lage score telt mee, dus een daling is hier eerder te zien dan in het aandeel positief; zakt het, lees dan de recente lage scores. Met SmileBack gekoppeld dezelfde SmileBack-beoordelingen als Klanttevredenheid, afgelopen 30 dagen, waarbij een positief gezicht telt als 5, een neutraal als 3 en een negatief als 1.',
  },
  group: 'csat',
  kind: 'number',
  roles: ['owner', 'service-manager', 'team-lead', 'engineer'],
  unit: 'score',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 365) },
  // HDI's study of 257k surveys averaged in the mid-to-high 4s on 1-5 (catalog §4).
  band: { target: 4.5, warn: 4 },
  freshnessMinutes: 60,
  personal: true,
  reachDays: 30,
  about: {
    population: {
      en: 'Survey results with a rating, completed in the last 30 days (days), whatever the ticket, as for csat_positive_30d. On a personal dashboard, the results on tickets assigned to that person.',
      nl: 'Enquêteresultaten met een score, voltooid in de afgelopen 30 dagen (days), ongeacht het ticket, zoals bij csat_positive_30d. Op een persoonlijk dashboard de resultaten op tickets die aan die persoon zijn toegewezen.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.ticket_id',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "No catalog KPI of its own: the mean rating beside D1's positive share; an HDI study of 257,000 surveys averaged in the mid-to-high 4s on 1-5 [HDI-CSAT], hence the 4.5 target.",
      nl: 'Geen eigen KPI in de catalogus: de gemiddelde score naast het aandeel positief van D1; een HDI-onderzoek over 257.000 enquêtes kwam gemiddeld hoog in de 4 uit op 1-5 [HDI-CSAT], vandaar de norm van 4,5.',
    },
  },
  queries: ({ db, now, tz, params, me }) => ({
    ...ratingQueries(db, lastDays(now, tz, params.days), me),
  }),
  compute: (rows) => {
    const ratings = currentRatings(rows)
    return {
      value: ratio(sum(ratings.map((r) => Number(r.rating))), ratings.length),
      facts: { responses: ratings.length, source: ratingSource(rows.smileBack) },
    }
  },
  context: ({ value, facts }, { params, me }) =>
    bothLanguages((lang) => {
      const { responses } = facts
      if (responses === 0 && facts.source === 'smileback') return noReviews(params.days, onYourTickets(me))[lang]
      if (responses === 0)
        return noSurveys(
          lastPeriod(params.days),
          lang,
          me === null ? undefined : { en: ' on your tickets', nl: ' op jouw tickets' },
        )
      const counted =
        facts.source === 'smileback'
          ? reviewCount(responses)
          : { en: countOf(responses, 'response', 'responses'), nl: countOf(responses, 'reactie', 'reacties') }
      return lang === 'en'
        ? `Customers rated us ${numberText(value, lang)} out of 5 on average over ${counted.en} in the last ${params.days} days.`
        : `Klanten gaven ons de afgelopen ${params.days} dagen gemiddeld een ${numberText(value, lang)} van 5 (${counted.nl}).`
    }),
})
