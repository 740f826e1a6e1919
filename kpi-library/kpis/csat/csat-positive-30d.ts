import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { lastPeriod, noSurveys, onYourTickets, positiveParam, positiveShare, positiveText } from './shared.js'
import { bothLanguages, percentText } from '../../format.js'
import { noReviews, positiveReviewShare, ratingDrill, ratingQueries, reviewCount } from './smileback.js'

export const csatPositive30d = defineKpi({
  id: 'csat_positive_30d',
  title: { en: 'CSAT, last 30 days', nl: 'Klanttevredenheid, afgelopen 30 dagen' },
  description: {
    en: 'Share of the survey results completed in the last 30 days (from this time 30 days ago; every rated result) with a rating of 4 or 5 (on 1-5). On a personal dashboard, the results on tickets assigned to that person; Negative ratings and Average rating count the same responses. CSAT per calendar month counts whole calendar months instead, and its number is this month so far. Below target, read the low scores and their comments, call those customers back and fix what keeps coming up. With SmileBack connected, this tile reads SmileBack instead: its positive reviews out of those rated in the last 30 days (a deleted or unrated review counts nowhere), as every CSAT tile then does.',
    nl: 'Aandeel van de enquêteresultaten van de afgelopen 30 dagen (vanaf dit tijdstip 30 dagen geleden; elk resultaat met een score) met een 4 of 5 (op 1-5). Op een persoonlijk dashboard de resultaten op tickets die aan die persoon zijn toegewezen; Negatieve beoordelingen en Gemiddelde score tellen dezelfde reacties. Klanttevredenheid per kalendermaand telt hele kalendermaanden, en het getal daar is deze maand tot nu toe. Zit het onder de norm, lees dan de lage scores en hun opmerkingen, bel die klanten terug en pak aan wat steeds terugkomt. Met SmileBack gekoppeld leest deze tegel SmileBack: de positieve beoordelingen van alle beoordelingen met een score van de afgelopen 30 dagen (een verwijderde beoordeling of een zonder score telt nergens mee), zoals elke CSAT-tegel dan doet.',
  },
  group: 'csat',
  kind: 'number',
  roles: ['owner', 'integrator', 'service-manager', 'team-lead', 'engineer', 'account-manager', 'finance'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { minPositive: positiveParam() },
  // Companies usually aim for 80-90% positive; SmileBack's IT-services average is about 95% (catalog D1).
  band: { target: 90, warn: 80 },
  freshnessMinutes: 60,
  personal: true,
  reachDays: 30,
  about: {
    population: {
      en: 'Survey results with a rating, completed in the last 30 days (from this time 30 days ago), whatever the ticket; positive = 4 or more (minPositive). On a personal dashboard, the results on tickets assigned to that person.',
      nl: 'Enquêteresultaten met een score, voltooid in de afgelopen 30 dagen (vanaf dit tijdstip 30 dagen geleden), ongeacht het ticket; positief = 4 of hoger (minPositive). Op een persoonlijk dashboard de resultaten op tickets die aan die persoon zijn toegewezen.',
    },
    sources: [
      'survey_result.rating',
      'survey_result.completed_at',
      'survey_result.ticket_id',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "D1: positive responses / all responses, 4-5 positive on a 5-point scale [NICE]; companies aim for 80-90% [FRESHDESK], SmileBack's average for IT services is about 95% [SNS]. The rating is the result's overall rating, taken as 1-5 (the scale depends on the survey set-up).",
      nl: 'D1: positieve reacties / alle reacties, 4-5 positief op een 5-puntsschaal [NICE]; bedrijven mikken op 80-90% [FRESHDESK], het SmileBack-gemiddelde voor IT-dienstverlening is ongeveer 95% [SNS]. De score is de totaalscore van het resultaat, gelezen als 1-5 (de schaal hangt af van de instelling van de enquête).',
    },
  },
  drill: (rows) => ratingDrill(rows, (rating, { params }) => rating >= Number(params.minPositive)),
  queries: ({ db, now, tz, me, window }) => ({
    ...ratingQueries(db, window ?? lastDays(now, tz, 30), me),
  }),
  compute: ({ surveys, reviews, smileBack }, { params }) =>
    smileBack.length > 0
      ? {
          value: positiveReviewShare(reviews),
          facts: {
            source: 'smileback',
            responses: reviews.length,
            positive: reviews.filter((r) => r.rating === 1).length,
          },
        }
      : {
          value: positiveShare(surveys, params.minPositive),
          facts: {
            source: 'psa',
            responses: surveys.length,
            positive: surveys.filter((s) => s.rating >= params.minPositive).length,
          },
        },
  context: ({ value, facts }, { me }) =>
    bothLanguages((lang) => {
      const { responses } = facts
      const whose = onYourTickets(me)
      if (facts.source === 'smileback') {
        if (responses === 0) return noReviews(30, whose)[lang]
        return lang === 'en'
          ? `${percentText(value, lang)}% positive (${reviewCount(responses).en})${whose.en} in the last 30 days.`
          : `${percentText(value, lang)}% positief (${reviewCount(responses).nl})${whose.nl} in de afgelopen 30 dagen.`
      }
      if (responses === 0) return noSurveys(lastPeriod(30), lang, whose)
      return lang === 'en'
        ? `${positiveText(value, responses, lang)}${whose.en} in the last 30 days.`
        : `${positiveText(value, responses, lang)}${whose.nl} in de afgelopen 30 dagen.`
    }),
})
