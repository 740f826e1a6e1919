import { includeAlertsParam, percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { both, daysParam, fmt, noneCompleted, resolvedWorkQueries, workedPopulation, workedTickets, workPerTicket } from './shared.js'

// Technicians on a ticket = distinct resources with time entries on it (catalog C2). Tickets without any
// time logged are left out: they show no technician at all.

export const singleTechResolution = defineKpi({
  id: 'single_tech_resolution',
  title: { en: 'Resolved by one technician', nl: 'Opgelost door één engineer' },
  description: {
    en: 'Of the tickets completed in the last 30 days that are not monitoring alerts and have time logged, the share on which only one technician logged time (on any number of days; first-touch resolution also asks for one day). A falling share means more hand-overs: check whether the first line lacks knowledge or rights, or whether dispatch assigns the wrong person.',
    nl: 'Van de tickets die de afgelopen 30 dagen zijn afgerond, geen monitoringalert zijn en geschreven tijd hebben, het deel waarop maar één engineer tijd schreef (op hoeveel dagen ook; opgelost bij eerste contact vraagt ook één dag). Daalt het, dan wordt er vaker overgedragen: kijk of de eerste lijn kennis of rechten mist, of dat de planning de verkeerde persoon inzet.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30), includeAlerts: includeAlertsParam(false) },
  // The catalog gives no benchmark ("baseline"): compare with your own history.
  band: null,
  freshnessMinutes: 60,
  personal: true,
  queries: ({ db, now, tz, params, me }) => resolvedWorkQueries(db, lastDays(now, tz, params.days), params.includeAlerts, me),
  compute: ({ tickets, entries }) => {
    const worked = workedTickets(workPerTicket(tickets, entries))
    const single = worked.filter((t) => t.techs === 1).length
    return { value: percent(single, worked.length), facts: { single, worked: worked.length } }
  },
  context: ({ value, facts }, { params }) =>
    both((lang) => {
      const worked = Number(facts?.worked ?? 0)
      if (worked === 0) return noneCompleted(params.days, lang)
      const population = workedPopulation(worked, params.days, params.includeAlerts, lang)
      return lang === 'en'
        ? `${fmt(value, lang)}% of ${population} had one technician (${facts?.single}).`
        : `${fmt(value, lang)}% van ${population} had één engineer (${facts?.single}).`
    }),
})
