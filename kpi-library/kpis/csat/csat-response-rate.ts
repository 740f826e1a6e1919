import { completedIn, notAlert, percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, countOf, percentText } from '../../format.js'
import { daysParam } from '../../params.js'
import { ratedReviews, reviewCount, ratingSource, smileBackConnected } from './smileback.js'

// Crewhu's conversion rate (catalog D3): survey results completed in the window over tickets completed in
// the window. Only tickets with a contact can be surveyed, and alerts are not surveyed, so those are left
// out of the denominator. A survey may belong to a ticket completed just before the window; over a month
// that evens out.

export const csatResponseRate = defineKpi({
  id: 'csat_response_rate',
  title: { en: 'Survey response rate', nl: 'Responspercentage enquête' },
  description: {
    en: 'Survey results received in the last 30 days per ticket completed with a contact in the same period (monitoring alerts left out: they are not surveyed). A low rate makes the CSAT figures fragile: check that surveys go out on completion and ask engineers to mention them. With SmileBack connected, the SmileBack reviews rated in that time instead (deleted ones count nowhere), for the same completed tickets.',
    nl: 'Ontvangen enquêteresultaten van de afgelopen 30 dagen per afgerond ticket met een contactpersoon in dezelfde periode (zonder monitoringalerts: die krijgen geen enquête). Bij een lage respons zijn de tevredenheidscijfers wankel: controleer of de enquête bij afsluiten verstuurd wordt en laat engineers haar noemen. Met SmileBack gekoppeld de SmileBack-beoordelingen die in die tijd een score kregen (verwijderde tellen nergens mee), op dezelfde afgeronde tickets.',
  },
  group: 'csat',
  kind: 'number',
  roles: ['service-manager', 'account-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 365) },
  // E-mail surveys typically get 10-30% (catalog D3).
  band: { target: 20, warn: 10 },
  freshnessMinutes: 120,
  personal: false,
  reachDays: 30,
  about: {
    population: {
      en: 'Numerator: every survey result completed in the last 30 days, rated or not, whatever its ticket. Denominator: tickets completed (closed in the PSA) in the same 30 days that have a contact, alerts left out.',
      nl: 'Teller: elk enquêteresultaat dat de afgelopen 30 dagen is voltooid, met of zonder score, ongeacht het ticket. Noemer: tickets die in dezelfde 30 dagen zijn afgerond (gesloten in de PSA) en een contactpersoon hebben, zonder alerts.',
    },
    sources: ['survey_result.completed_at', 'ticket.state', 'ticket.completed_at', 'ticket.contact_id', 'ticket.kind'],
    industry: {
      en: "D3, Crewhu's conversion rate: responses / resolved tickets [CREWHU]; e-mail surveys typically get 10-30% [OVERSAI]. Completed tickets with a contact in every queue stand in for resolved tickets in surveyed queues, as the survey rules are not synced.",
      nl: 'D3, de conversieratio van Crewhu: reacties / opgeloste tickets [CREWHU]; e-mailenquêtes halen meestal 10-30% [OVERSAI]. Afgeronde tickets met een contactpersoon in alle wachtrijen staan in voor opgeloste tickets in wachtrijen met een enquête, omdat de enquêteregels niet worden gesynchroniseerd.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const window = lastDays(now, tz, params.days)
    return {
      surveys: db
        .selectFrom('survey_result')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('completed_at', '>', window.after)
        .where('completed_at', '<=', window.until),
      reviews: ratedReviews(db, window),
      smileBack: smileBackConnected(db),
      tickets: db
        .selectFrom('ticket')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(completedIn(window))
        .where('ticket.contact_id', 'is not', null)
        .where(notAlert),
    }
  },
  compute: ({ surveys, reviews, smileBack, tickets }) => {
    const responses = smileBack.length > 0 ? reviews.length : Number(surveys[0]?.n ?? 0)
    const completed = Number(tickets[0]?.n ?? 0)
    return {
      value: percent(responses, completed),
      facts: { responses, completed, source: ratingSource(smileBack) },
    }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const completed = Number(facts?.completed ?? 0)
      const responses = Number(facts?.responses ?? 0)
      if (completed === 0)
        return lang === 'en'
          ? `No tickets with a contact were completed in the last ${params.days} days.`
          : `De afgelopen ${params.days} dagen is geen ticket met een contactpersoon afgerond.`
      if (facts?.source === 'smileback')
        return lang === 'en'
          ? `${reviewCount(responses).en} came back for ${countOf(completed, 'completed ticket', 'completed tickets')} in the last ${params.days} days (${percentText(value, lang)}%).`
          : `De afgelopen ${params.days} dagen kwamen er ${reviewCount(responses).nl} terug op ${completed} afgeronde tickets (${percentText(value, lang)}%).`
      return lang === 'en'
        ? `${countOf(responses, 'survey result', 'survey results')} came back for ${countOf(completed, 'completed ticket', 'completed tickets')} in the last ${params.days} days (${percentText(value, lang)}%).`
        : `De afgelopen ${params.days} dagen kwamen er ${responses} enquêteresultaten terug op ${completed} afgeronde tickets (${percentText(value, lang)}%).`
    }),
})
