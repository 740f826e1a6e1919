import { completedIn, createdIn, includeAlertsParam, ratio, withAlerts } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, numberText } from '../../format.js'

export const killRate = defineKpi({
  id: 'kill_rate',
  title: { en: 'Kill rate, last 7 days', nl: 'Afhandelratio, afgelopen 7 dagen' },
  description: {
    en: 'Tickets completed divided by tickets created over the last 7 days, monitoring alerts included on both sides. At 1.0 or above the backlog is not growing; below it, find out which queue falls behind and add capacity or triage there.',
    nl: 'Afgeronde tickets gedeeld door aangemaakte tickets over de afgelopen 7 dagen, monitoringalerts aan beide kanten meegeteld. Vanaf 1,0 groeit de achterstand niet; daaronder zoek je uit welke wachtrij achterloopt en zet je daar capaciteit of triage in.',
  },
  group: 'flow',
  kind: 'number',
  roles: ['service-manager', 'engineer', 'integrator'],
  unit: 'ratio',
  direction: 'higher',
  window: { en: 'last 7 days', nl: 'afgelopen 7 dagen' },
  params: { days: daysParam(7, 90), includeAlerts: includeAlertsParam(true) },
  // 1.0 over a week means the backlog is not growing (catalog A3, a guess); 0.9 lets one slow week pass as amber.
  band: { target: 1, warn: 0.9 },
  freshnessMinutes: 30,
  personal: false,
  reachDays: 7,
  about: {
    population: {
      en: 'Tickets completed (closed in the PSA, completion time in the window) against tickets created, both over the last 7 days counted from this time; monitoring alerts on both sides unless includeAlerts is off. Not the same tickets: what is closed may have come in earlier.',
      nl: 'Afgeronde tickets (gesloten in de PSA, afrondingstijd in de periode) tegenover aangemaakte tickets, beide over de afgelopen 7 dagen gerekend vanaf dit tijdstip; monitoringalerts aan beide kanten meegeteld tenzij includeAlerts uit staat. Niet dezelfde tickets: wat gesloten wordt, kan eerder zijn binnengekomen.',
    },
    sources: ['ticket.created_at', 'ticket.completed_at', 'ticket.state', 'ticket.kind'],
    industry: {
      en: "A3 kill rate, closed ÷ opened [BG-CALC][CAMPAI-KR], over a rolling 7 days; the 1.0 line (backlog not growing) is the catalog's own guess, amber from 0.9 is roleboard's.",
      nl: 'A3 kill rate, gesloten ÷ geopend [BG-CALC][CAMPAI-KR], over 7 doorlopende dagen; de grens van 1,0 (achterstand groeit niet) is een inschatting van de catalogus zelf, oranje vanaf 0,9 komt van roleboard.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const window = lastDays(now, tz, params.days)
    const count = (filter: ReturnType<typeof createdIn>) =>
      withAlerts(
        db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(filter),
        params.includeAlerts,
      )
    return { created: count(createdIn(window)), completed: count(completedIn(window)) }
  },
  compute: ({ created, completed }) => {
    const opened = Number(created[0]?.n ?? 0)
    const closed = Number(completed[0]?.n ?? 0)
    return { value: ratio(closed, opened), facts: { opened, closed } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { opened, closed } = facts
      if (lang === 'en') {
        return value === null || value === undefined
          ? `No tickets were created in the last ${params.days} days; ${closed} were completed.`
          : `${closed} tickets were completed against ${opened} created in the last ${params.days} days: a kill rate of ${numberText(value, lang, 2, 'unknown')}.`
      }
      return value === null || value === undefined
        ? `In de afgelopen ${params.days} dagen is geen ticket aangemaakt; er zijn er ${closed} afgerond.`
        : `In de afgelopen ${params.days} dagen zijn ${closed} tickets afgerond tegenover ${opened} aangemaakt: een kill rate van ${numberText(value, lang, 2, 'unknown')}.`
    }),
})
