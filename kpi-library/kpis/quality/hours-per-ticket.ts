import { alertsNote, includeAlertsParam, ratio, sum } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { noneCompleted, resolvedWorkQueries, workPerTicket, RESOLVED_WORK_SOURCES } from './shared.js'
import { bothLanguages, countOf, numberText } from '../../format.js'
import { daysParam } from '../../params.js'

// Catalog C6: all hours worked on the tickets completed in the window, whenever they were logged, divided by
// those tickets (a ticket without time counts with 0 hours, as in the catalog's formula).

export const hoursPerTicket = defineKpi({
  id: 'hours_per_ticket',
  title: { en: 'Hours per completed ticket, last 30 days', nl: 'Uren per afgerond ticket, afgelopen 30 dagen' },
  description: {
    en: 'Average hours technicians worked on the tickets completed in the last 30 days, monitoring alerts left out; a ticket without time counts with 0 h. When it rises with the same ticket mix, look for tickets that drag on, repeat work or missing standard procedures.',
    nl: 'Gemiddeld aantal uren dat engineers werkten aan de tickets die de afgelopen 30 dagen zijn afgerond, zonder monitoringalerts; een ticket zonder tijd telt met 0 uur. Stijgt het bij dezelfde mix van tickets, zoek dan naar tickets die blijven slepen, dubbel werk of ontbrekende werkinstructies.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager', 'integrator'],
  unit: 'hours',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 400), includeAlerts: includeAlertsParam(false) },
  // One MSP community brought effort under 1 h per ticket, down from about 1.75 h (catalog C6).
  band: { target: 1, warn: 1.75 },
  freshnessMinutes: 60,
  personal: true,
  reachDays: 30,
  about: {
    population: {
      en: 'Complete tickets with a completion time in the last 30 days counted from this time, monitoring alerts left out unless includeAlerts, with every hour ever logged on them by anyone, whenever worked; a ticket without time counts with 0 h. For one person, the tickets they resolved (completed by, else assigned to).',
      nl: 'Afgeronde tickets met een afrondingstijd in de afgelopen 30 dagen gerekend vanaf dit tijdstip, monitoringalerts niet tenzij includeAlerts, met alle uren die iemand er ooit op schreef, wanneer ook gewerkt; een ticket zonder tijd telt met 0 uur. Voor één persoon, de tickets die hij of zij oploste (afgerond door, anders toegewezen aan).',
    },
    sources: [...RESOLVED_WORK_SOURCES, 'time_entry.hours_worked'],
    industry: {
      en: 'C6 as the catalog writes it; one MSP community brought effort under 1 h per ticket, from about 1.75 h [AGMSP-WASTE], hence green to 1 h and amber to 1.75 h. Compare only with the same ticket mix.',
      nl: 'C6 zoals de catalogus het beschrijft; één MSP-community kreeg de inzet onder 1 uur per ticket, vanaf ongeveer 1,75 uur [AGMSP-WASTE], dus groen tot 1 uur en oranje tot 1,75 uur. Vergelijk alleen bij dezelfde mix van tickets.',
    },
  },
  queries: ({ db, now, tz, params, me }) =>
    resolvedWorkQueries(db, lastDays(now, tz, params.days), params.includeAlerts, me),
  compute: ({ tickets, entries }) => {
    const work = workPerTicket(tickets, entries)
    const hours = sum(work.map((t) => t.hours))
    return { value: ratio(hours, work.length), facts: { hours, tickets: work.length } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const tickets = Number(facts?.tickets ?? 0)
      if (tickets === 0) return noneCompleted(params.days, lang, false)
      return lang === 'en'
        ? `${countOf(tickets, 'ticket', 'tickets')} completed in the last ${params.days} days${alertsNote(params.includeAlerts, lang)} took ${numberText(Number(facts?.hours), lang)} h, ${numberText(value, lang)} h per ticket.`
        : `${tickets} afgeronde tickets van de afgelopen ${params.days} dagen${alertsNote(params.includeAlerts, lang)} kostten ${numberText(Number(facts?.hours), lang)} uur, ${numberText(value, lang)} uur per ticket.`
    }),
})
