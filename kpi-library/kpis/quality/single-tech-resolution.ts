import { percent } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { both, count, daysBefore, daysParam, excludeTypesParam, fmt, noneCompleted, resolvedWorkQueries, workPerTicket } from './shared.js'

// Technicians on a ticket = distinct resources with time entries on it (catalog C2). Tickets without any
// time logged are left out: they show no technician at all.

export const singleTechResolution = defineKpi({
  id: 'single_tech_resolution',
  title: { en: 'Resolved by one technician', nl: 'Opgelost door één engineer' },
  description: {
    en: 'Share of tickets completed in the last 30 days on which only one technician logged time. A falling share means more hand-overs: check whether the first line lacks knowledge or rights, or whether dispatch assigns the wrong person.',
    nl: 'Aandeel van de tickets die de afgelopen 30 dagen zijn afgerond waarop maar één engineer tijd schreef. Daalt het, dan wordt er vaker overgedragen: kijk of de eerste lijn kennis of rechten mist, of dat de planning de verkeerde persoon inzet.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30), excludeTicketTypes: excludeTypesParam() },
  // The catalog gives no benchmark ("baseline"): compare with your own history.
  band: null,
  freshnessMinutes: 60,
  personal: true,
  queries: ({ db, now, tz, params, me }) => resolvedWorkQueries(db, daysBefore(now, tz, params.days), now.toISOString(), params.excludeTicketTypes, me),
  compute: ({ tickets, entries }) => {
    const worked = workPerTicket(tickets, entries).filter((t) => t.touches > 0)
    const single = worked.filter((t) => t.techs === 1).length
    return { value: percent(single, worked.length), facts: { single, worked: worked.length } }
  },
  context: ({ value, facts }, { params }) =>
    both((lang) => {
      const worked = Number(facts?.worked ?? 0)
      if (worked === 0) return noneCompleted(params.days, lang)
      return lang === 'en'
        ? `${fmt(value, lang)}% of ${count(worked, ['completed ticket', 'completed tickets'])} in the last ${params.days} days had one technician (${facts?.single}).`
        : `${fmt(value, lang)}% van de ${worked} afgeronde tickets van de afgelopen ${params.days} dagen had één engineer (${facts?.single}).`
    }),
})
