import { percent } from '../../sql.js'
import { addDays, dateStart, localDate, mondayOf, periodFinder, periodsUpTo } from '../../time.js'
import { historyDays, historyStart } from '../../history.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, percentText } from '../../format.js'

export const alertTicketShare = defineKpi({
  id: 'alert_ticket_share',
  title: { en: 'Alert ticket share', nl: 'Aandeel alert-tickets' },
  description: {
    en: 'The share of new tickets that are monitoring alerts, per ISO week over the last 8 weeks. A rising share means noise: tune the monitoring thresholds or fix the devices that keep alerting.',
    nl: 'Het aandeel nieuwe tickets dat een monitoringalert is, per ISO-week over de afgelopen 8 weken. Stijgt het, dan is dat ruis: stel de drempels van de monitoring bij of los de apparaten op die steeds alarm slaan.',
  },
  group: 'flow',
  kind: 'trend',
  roles: ['service-manager', 'integrator'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 8 ISO weeks, this week included', nl: 'afgelopen 8 ISO-weken, deze week inbegrepen' },
  params: {
    weeks: {
      type: 'integer',
      default: 8,
      min: 1,
      max: 104,
      description: { en: 'How many ISO weeks to show.', nl: 'Hoeveel ISO-weken te tonen.' },
    },
  },
  band: null,
  freshnessMinutes: 60,
  personal: false,
  reachDays: 63,
  about: {
    population: {
      en: 'Tickets created from Monday of the ISO week 7 weeks back up to now, per ISO week (local time); alerts are the monitoring alerts (tickets of kind alert). The value is the alert share over all 8 weeks together.',
      nl: 'Tickets aangemaakt vanaf maandag van de ISO-week 7 weken terug tot nu, per ISO-week (lokale tijd); alerts zijn de monitoringalerts (tickets van de soort alert). De waarde is het aandeel alerts over alle 8 weken samen.',
    },
    sources: ['ticket.created_at', 'ticket.kind'],
    industry: {
      en: 'A15, alert tickets ÷ all new tickets, in weekly points rather than per month; the catalog sets no target (the type mix it cites, [PROXUMA-TYPE], is low confidence).',
      nl: 'A15, alerttickets ÷ alle nieuwe tickets, per week in plaats van per maand; de catalogus noemt geen norm (de verdeling naar type die hij aanhaalt, [PROXUMA-TYPE], is onzeker).',
    },
  },
  queries: ({ db, now, tz, params }) => ({
    created: db
      .selectFrom('ticket')
      .select(['created_at as createdAt', 'kind'])
      .where('created_at', '>=', dateStart(addDays(mondayOf(localDate(now, tz)), -7 * (params.weeks - 1)), tz))
      .where('created_at', '<=', now.toISOString()),
    first: historyStart(db, 'tickets'),
  }),
  compute: ({ created, first }, { now, tz, params }) => {
    const thisMonday = mondayOf(localDate(now, tz))
    const weeks = periodsUpTo(thisMonday, params.weeks, 'week')
    const tally = new Map(weeks.map((week) => [week, { all: 0, alerts: 0 }]))
    const weekOf = periodFinder(weeks, 'week', tz)
    for (const row of created) {
      const i = weekOf(row.createdAt)
      if (i === null) continue
      const week = tally.get(weeks[i]!)!
      week.all++
      if (row.kind === 'alert') week.alerts++
    }
    const all = [...tally.values()].reduce((n, w) => n + w.all, 0)
    const alerts = [...tally.values()].reduce((n, w) => n + w.alerts, 0)
    return {
      value: percent(alerts, all),
      points: weeks.map((t) => ({ t, value: percent(tally.get(t)!.alerts, tally.get(t)!.all) })),
      facts: { all, alerts, history: historyDays(first[0]?.first, weeks[0]!, now, tz) },
    }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { all, alerts } = facts
      if (all === 0)
        return lang === 'en'
          ? `No tickets were created in the last ${params.weeks} weeks.`
          : `In de afgelopen ${params.weeks} weken is geen ticket aangemaakt.`
      return lang === 'en'
        ? `${alerts} of ${all} tickets in the last ${params.weeks} weeks were monitoring alerts (${percentText(value, lang, 'unknown')}%).`
        : `${alerts} van de ${all} tickets in de afgelopen ${params.weeks} weken waren monitoringalerts (${percentText(value, lang, 'unknown')}%).`
    }),
})
