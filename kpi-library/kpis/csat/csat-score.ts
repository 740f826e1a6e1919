import { firstOfMonth, localDate, periodFinder, periodsUpTo, sinceDate } from '../../time.js'
import { historyDays, historyStart } from '../../history.js'
import { defineKpi } from '../../types.js'
import { lastPeriod, noSurveys, positiveParam, positiveShare, positiveText, ratings } from './shared.js'
import { bothLanguages, percentText } from '../../format.js'
import { onSurveyScale, ratedReviews, ratingSource, reviewCount, smileBackConnected } from './smileback.js'

// Months are local calendar months in the context's time zone; the value is the current month so far.

export const csatScore = defineKpi({
  id: 'csat_score',
  title: {
    en: 'CSAT per calendar month, this month so far',
    nl: 'Klanttevredenheid per kalendermaand, deze maand tot nu toe',
  },
  description: {
    en: 'Share of positive survey ratings (4 or 5 on 1-5) per calendar month over the last 12 months; the number is this calendar month so far, so early in a month it rests on few responses. It differs from CSAT, last 30 days (the company strip) by its window: that one counts the 30 days back from now. A downward line over two months is the early warning: find which clients and engineers drive it. With SmileBack connected, SmileBack’s reviews by the month they were rated in, positive when the face is (deleted and unrated reviews count nowhere), as CSAT, last 30 days counts them.',
    nl: 'Aandeel positieve enquêtescores (4 of 5 op 1-5) per kalendermaand over de afgelopen 12 maanden; het getal is deze kalendermaand tot nu toe, dus vroeg in de maand rust het op weinig reacties. Het verschilt door de periode van Klanttevredenheid, afgelopen 30 dagen (de bedrijfsbalk): die telt de 30 dagen terug vanaf nu. Daalt de lijn twee maanden op rij, zoek dan uit welke klanten en engineers erachter zitten. Met SmileBack gekoppeld de SmileBack-beoordelingen per maand waarin ze zijn gegeven, positief als het gezicht dat is (verwijderde beoordelingen en die zonder score tellen nergens mee), zoals Klanttevredenheid, afgelopen 30 dagen ze telt.',
  },
  group: 'csat',
  kind: 'trend',
  roles: ['owner', 'integrator', 'service-manager', 'team-lead', 'engineer', 'account-manager', 'finance'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 12 months, by month', nl: 'afgelopen 12 maanden, per maand' },
  params: {
    months: {
      type: 'integer',
      default: 12,
      min: 1,
      max: 60,
      description: { en: 'How many months the trend shows.', nl: 'Hoeveel maanden de trend toont.' },
    },
    minPositive: positiveParam(),
  },
  // Companies usually aim for 80-90% positive; SmileBack's IT-services average is about 95% (catalog D1).
  band: { target: 90, warn: 80 },
  freshnessMinutes: 120,
  personal: false,
  reachDays: 366,
  about: {
    population: {
      en: 'Survey results with a rating, completed in each local calendar month of the last 12 (months), this month so far included; positive = 4 or more (minPositive). All results, never narrowed to one person.',
      nl: 'Enquêteresultaten met een score, voltooid in elke lokale kalendermaand van de afgelopen 12 (months), deze maand tot nu toe inbegrepen; positief = 4 of hoger (minPositive). Alle resultaten, nooit beperkt tot één persoon.',
    },
    sources: ['survey_result.rating', 'survey_result.completed_at'],
    industry: {
      en: "D1 per calendar month, as its trend: positive / all responses [NICE]; companies aim for 80-90% [FRESHDESK], about 95% is SmileBack's IT-services average [SNS].",
      nl: 'D1 per kalendermaand, als trend: positieve / alle reacties [NICE]; bedrijven mikken op 80-90% [FRESHDESK], ongeveer 95% is het SmileBack-gemiddelde voor IT-dienstverlening [SNS].',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const window = sinceDate(periodsUpTo(firstOfMonth(localDate(now, tz)), params.months, 'month')[0]!, now, tz)
    return {
      surveys: ratings(db, window),
      reviews: ratedReviews(db, window),
      smileBack: smileBackConnected(db),
      first: historyStart(db, 'surveys'),
      firstReview: historyStart(db, 'reviews'),
    }
  },
  compute: ({ surveys: surveyRows, reviews, smileBack, first, firstReview }, { now, tz, params }) => {
    const surveys =
      smileBack.length > 0
        ? onSurveyScale(reviews).map((review) => ({ rating: review.rating, completedAt: review.ratedOn }))
        : surveyRows
    const current = firstOfMonth(localDate(now, tz))
    const months = periodsUpTo(current, params.months, 'month')
    const monthOf = periodFinder(months, 'month', tz)
    const byMonth = months.map((): Array<{ rating: number }> => [])
    for (const survey of surveys) {
      const i = monthOf(survey.completedAt)
      if (i !== null) byMonth[i]!.push(survey)
    }
    const points = months.map((month, i) => ({
      t: month.slice(0, 7),
      value: positiveShare(byMonth[i]!, params.minPositive),
    }))
    const value = points.at(-1)?.value ?? null
    return {
      value,
      points,
      facts: {
        responses: byMonth.at(-1)?.length ?? 0,
        previous: points.length > 1 ? points.at(-2)!.value : null,
        total: surveys.length,
        source: ratingSource(smileBack),
        // The history of the ratings read: SmileBack's once connected.
        history: historyDays((smileBack.length > 0 ? firstReview : first)[0]?.first, months[0]!, now, tz),
      },
    }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      if (Number(facts?.total ?? 0) === 0 && facts?.source === 'smileback')
        return lang === 'en'
          ? `No SmileBack review was rated in the last ${params.months} months.`
          : `De afgelopen ${params.months} maanden is er geen SmileBack-beoordeling gegeven.`
      if (Number(facts?.total ?? 0) === 0) return noSurveys(lastPeriod(params.months, 'months'), lang)
      const previous = facts?.previous === null || facts?.previous === undefined ? null : Number(facts.previous)
      const responses = Number(facts?.responses ?? 0)
      // SmileBack's reviews by name: "83.3% positive (78 SmileBack reviews)".
      const counted =
        facts?.source === 'smileback'
          ? `${percentText(value, lang)}% ${lang === 'en' ? 'positive' : 'positief'} (${reviewCount(responses)[lang]})`
          : positiveText(value, responses, lang)
      const now = responses > 0 ? counted : lang === 'en' ? 'no responses yet' : 'nog geen reacties'
      const before =
        previous === null
          ? lang === 'en'
            ? 'no responses last month'
            : 'vorige maand geen reacties'
          : lang === 'en'
            ? `${percentText(previous, lang)}% last month`
            : `vorige maand ${percentText(previous, lang)}%`
      return lang === 'en' ? `This month so far: ${now}; ${before}.` : `Deze maand tot nu toe: ${now}; ${before}.`
    }),
})
