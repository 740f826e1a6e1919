import { includeAlertsParam, percent, withAlerts } from '../../sql.js'
import { addDays, dateStart, localDate } from '../../time.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, percentText } from '../../format.js'

// Today is left out: its tickets can still be closed before midnight.

export const sameDayCloseRate = defineKpi({
  id: 'same_day_close_rate',
  title: { en: 'Opened and closed the same day', nl: 'Dezelfde dag geopend en gesloten' },
  description: {
    en: 'Of the tickets created on the last 7 full days (monitoring alerts included), the share completed on the day they came in and still complete. Raise it by handling quick requests at once instead of queueing them.',
    nl: 'Van de tickets die de afgelopen 7 volle dagen zijn aangemaakt (monitoringalerts meegeteld), het deel dat nog op dezelfde dag is afgerond en nog steeds afgerond is. Verhoog het door korte verzoeken meteen af te handelen in plaats van ze in de wachtrij te zetten.',
  },
  group: 'flow',
  kind: 'number',
  roles: ['service-manager', 'team-lead', 'integrator'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 7 full days', nl: 'afgelopen 7 volle dagen' },
  params: { days: daysParam(7, 90), includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 60,
  personal: false,
  reachDays: 8,
  about: {
    population: {
      en: 'Tickets created on the last 7 full local calendar days (today left out), monitoring alerts included unless includeAlerts is off; same-day when the ticket is complete now and its completion time falls on the local date it was created.',
      nl: 'Tickets aangemaakt op de afgelopen 7 volle kalenderdagen (lokale tijd, vandaag niet), monitoringalerts meegeteld tenzij includeAlerts uit staat; een ticket telt als dezelfde dag als het nu afgerond is en de afrondingstijd op de datum van aanmaak valt.',
    },
    sources: ['ticket.created_at', 'ticket.completed_at', 'ticket.state', 'ticket.kind'],
    industry: {
      en: "A9, ScalePad's Open-Close Same Day Percent [SCALEPAD-G]; no benchmark, watch your own baseline. A ticket reopened and not yet completed again no longer counts as same-day.",
      nl: 'A9, het Open-Close Same Day Percent van ScalePad [SCALEPAD-G]; geen norm, volg je eigen basislijn. Een ticket dat is heropend en nog niet opnieuw is afgerond, telt niet meer als dezelfde dag.',
    },
  },
  queries: ({ db, now, tz, params }) => {
    const today = localDate(now, tz)
    return {
      created: withAlerts(
        db
          .selectFrom('ticket')
          .select(['ticket.created_at as createdAt', 'ticket.completed_at as completedAt', 'ticket.state as state'])
          .where('ticket.created_at', '>=', dateStart(addDays(today, -params.days), tz))
          .where('ticket.created_at', '<', dateStart(today, tz)),
        params.includeAlerts,
      ),
    }
  },
  compute: ({ created }, { tz }) => {
    // Completed as everywhere in the library: complete, with a completion time.
    const same = created.filter(
      (t) =>
        t.state === 'complete' &&
        t.completedAt !== null &&
        localDate(new Date(t.completedAt), tz) === localDate(new Date(t.createdAt), tz),
    ).length
    return { value: percent(same, created.length), facts: { same, created: created.length } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { same, created } = facts
      if (lang === 'en') {
        return created === 0
          ? `No tickets were created in the last ${params.days} full days.`
          : `${same} of ${created} tickets from the last ${params.days} full days were closed the day they came in (${percentText(value, lang, 'unknown')}%).`
      }
      return created === 0
        ? `In de afgelopen ${params.days} volle dagen is geen ticket aangemaakt.`
        : `${same} van de ${created} tickets uit de afgelopen ${params.days} volle dagen zijn afgerond op de dag van binnenkomst (${percentText(value, lang, 'unknown')}%).`
    }),
})
