import { includeAlertsParam, percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import {
  noneCompleted,
  resolvedWorkQueries,
  workedPopulation,
  workedTickets,
  workPerTicket,
  RESOLVED_WORK_SOURCES,
} from './shared.js'
import { bothLanguages, percentText } from '../../format.js'
import { daysParam } from '../../params.js'

// Technicians on a ticket = distinct resources with time entries on it (catalog C2). Tickets without any
// time logged are left out: they show no technician at all.

export const singleTechResolution = defineKpi({
  id: 'single_tech_resolution',
  title: { en: 'Resolved by one technician', nl: 'Opgelost door één engineer' },
  description: {
    en: 'Of the tickets completed in the last 30 days that are not monitoring alerts and have time logged, the share on which only one technician logged time (on any number of days; first-touch resolution also asks for one day). With Escalation rate it makes 100%, for the team and on a personal dashboard, where both count the tickets that person resolved. A falling share means more hand-overs: check whether the first line lacks knowledge or rights, or whether dispatch assigns the wrong person.',
    nl: 'Van de tickets die de afgelopen 30 dagen zijn afgerond, geen monitoringalert zijn en geschreven tijd hebben, het deel waarop maar één engineer tijd schreef (op hoeveel dagen ook; opgelost bij eerste behandeling vraagt ook één dag). Samen met Escalatiegraad 100%, voor het team en op een persoonlijk dashboard, waar beide de tickets tellen die die persoon oploste. Daalt het, dan wordt er vaker overgedragen: kijk of de eerste lijn kennis of rechten mist, of dat de planning de verkeerde persoon inzet.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 400), includeAlerts: includeAlertsParam(false) },
  // The catalog gives no benchmark ("baseline"): compare with your own history.
  band: null,
  freshnessMinutes: 60,
  personal: true,
  reachDays: 30,
  about: {
    population: {
      en: 'The tickets of first_touch_resolution: complete, with a completion time in the last 30 days, monitoring alerts left out unless includeAlerts, with time logged; single when one distinct resource logged all the time, on any number of days. For one person, the tickets they resolved (completed by, else assigned to).',
      nl: 'De tickets van first_touch_resolution: afgerond, met een afrondingstijd in de afgelopen 30 dagen, monitoringalerts niet tenzij includeAlerts, met geschreven tijd; één engineer als één en dezelfde medewerker alle tijd schreef, op hoeveel dagen ook. Voor één persoon, de tickets die hij of zij oploste (afgerond door, anders toegewezen aan).',
    },
    sources: [...RESOLVED_WORK_SOURCES, 'time_entry.resource_id'],
    industry: {
      en: "C2, ScalePad's Single Tech on Ticket [SCALEPAD-G], over the tickets with time only (the catalog divides by all completed tickets); no benchmark: compare with your own baseline.",
      nl: 'C2, Single Tech on Ticket van ScalePad [SCALEPAD-G], alleen over tickets met tijd (de catalogus deelt door alle afgeronde tickets); geen norm: vergelijk met je eigen basislijn.',
    },
  },
  queries: ({ db, now, tz, params, me }) =>
    resolvedWorkQueries(db, lastDays(now, tz, params.days), params.includeAlerts, me),
  compute: ({ tickets, entries }) => {
    const worked = workedTickets(workPerTicket(tickets, entries))
    const single = worked.filter((t) => t.techs === 1).length
    return { value: percent(single, worked.length), facts: { single, worked: worked.length } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { worked, single } = facts
      if (worked === 0) return noneCompleted(params.days, lang)
      const population = workedPopulation(worked, params.days, params.includeAlerts, lang)
      return lang === 'en'
        ? `${percentText(value, lang)}% of ${population} had one technician (${single}).`
        : `${percentText(value, lang)}% van ${population} had één engineer (${single}).`
    }),
})
