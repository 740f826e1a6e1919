import { includeAlertsParam, percent } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import {
  noneCompleted,
  resolvedWorkQueries,
  workDrill,
  workedPopulation,
  workedTickets,
  workPerTicket,
  RESOLVED_WORK_SOURCES,
} from './shared.js'
import { bothLanguages, percentText } from '../../format.js'
import { daysParam } from '../../params.js'

// Proxy (catalog C7): a ticket counts as escalated when more than one technician logged time on it. The
// exact figure needs queue and status history, which the PSA sync does not hold. The same tickets as
// single_tech_resolution, split the other way, for the team and for one person alike (both narrow to the
// tickets credited to `me`, completed by, else assigned to): the two add up to 100% on every view.

export const escalationRate = defineKpi({
  id: 'escalation_rate',
  title: { en: 'Escalation rate', nl: 'Escalatiegraad' },
  description: {
    en: 'Of the tickets completed in the last 30 days that are not monitoring alerts and have time logged, the share on which more than one technician worked (a proxy for escalations; with Resolved by one technician it makes 100%, for the team and on a personal dashboard, where both count the tickets that person resolved). A rising rate means the first line hands more on: find the issue types behind it and train or document them.',
    nl: 'Van de tickets die de afgelopen 30 dagen zijn afgerond, geen monitoringalert zijn en geschreven tijd hebben, het deel waaraan meer dan één engineer werkte (benadering van escalaties; samen met Opgelost door één engineer 100%, voor het team en op een persoonlijk dashboard, waar beide de tickets tellen die die persoon oploste). Stijgt het, dan draagt de eerste lijn meer over: zoek welke soorten meldingen erachter zitten en leg ze vast of train erop.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 400), includeAlerts: includeAlertsParam(false) },
  // No benchmark in the catalog; a coaching figure to compare with your own history.
  band: null,
  freshnessMinutes: 60,
  personal: true,
  reachDays: 30,
  about: {
    population: {
      en: 'The tickets of single_tech_resolution: complete, with a completion time in the last 30 days, monitoring alerts left out unless includeAlerts, with time logged; escalated when two or more distinct resources logged time on it. For one person, the tickets they resolved (completed by, else assigned to), as single_tech_resolution counts them.',
      nl: 'De tickets van single_tech_resolution: afgerond, met een afrondingstijd in de afgelopen 30 dagen, monitoringalerts niet tenzij includeAlerts, met geschreven tijd; geëscaleerd als twee of meer verschillende medewerkers er tijd op schreven. Voor één persoon, de tickets die hij of zij oploste (afgerond door, anders toegewezen aan), zoals single_tech_resolution ze telt.',
    },
    sources: [...RESOLVED_WORK_SOURCES, 'time_entry.resource_id'],
    industry: {
      en: "C7 as the catalog's own proxy, 1 − C2 (more than one technician); the exact rate needs queue and status history, which is not synced. Named an under-tracked metric [SCALEPAD-T] and a coaching report [AGMSP-ONE]; no benchmark, so no band.",
      nl: 'C7 volgens de benadering van de catalogus zelf, 1 − C2 (meer dan één engineer); het exacte cijfer vraagt wachtrij- en statushistorie, die niet wordt gesynchroniseerd. Genoemd als te weinig gevolgde maatstaf [SCALEPAD-T] en als coachingsrapport [AGMSP-ONE]; geen norm, dus geen band.',
    },
  },
  drill: workDrill(
    (t) => t.techs > 1,
    { en: 'more than one technician', nl: 'meer dan één engineer' },
    { en: 'one technician', nl: 'één engineer' },
    true,
  ),
  queries: ({ db, now, tz, params, me, window }) =>
    resolvedWorkQueries(db, window ?? lastDays(now, tz, params.days), params.includeAlerts, me),
  compute: ({ tickets, entries }) => {
    const worked = workedTickets(workPerTicket(tickets, entries))
    const escalated = worked.filter((t) => t.techs > 1).length
    return { value: percent(escalated, worked.length), facts: { escalated, worked: worked.length } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { worked, escalated } = facts
      if (worked === 0) return noneCompleted(params.days, lang)
      const population = workedPopulation(worked, params.days, params.includeAlerts, lang)
      return lang === 'en'
        ? `${escalated} of ${population} needed more than one technician (${percentText(value, lang)}%).`
        : `${escalated} van ${population} had meer dan één engineer nodig (${percentText(value, lang)}%).`
    }),
})
