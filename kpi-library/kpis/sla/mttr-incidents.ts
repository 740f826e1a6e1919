import { mean, labelOf, urgencyRank } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, numberText, pluralWord } from '../../format.js'
import { businessHoursFor, resolvedTickets } from './shared.js'
import { groupBy, priorityName } from '../../lists.js'

// Business hours from creation to resolution; time spent waiting on the customer is not taken off,
// as no status history is synced.

export const mttrIncidents = defineKpi({
  id: 'mttr_incidents',
  title: { en: 'Mean business hours to resolve incidents', nl: 'Gemiddelde oplostijd incidenten in werkuren' },
  description: {
    en: 'The average business hours from creation to resolution of incidents (kind incident, so no monitoring alerts) resolved in the last 30 days, per priority. There is no universal target: set one per priority and act when the trend rises, starting with the slowest priority.',
    nl: 'Het gemiddelde aantal werkuren van aanmaken tot oplossen van incidenten (soort incident, dus geen monitoringalerts) die de afgelopen 30 dagen zijn opgelost, per prioriteit. Er is geen algemene norm: stel er per prioriteit een vast en grijp in als de trend stijgt, te beginnen bij de traagste prioriteit.',
  },
  group: 'sla',
  kind: 'breakdown',
  roles: ['service-manager', 'integrator', 'owner'],
  unit: 'hours',
  direction: 'lower',
  window: { en: 'resolved in the last 30 days', nl: 'opgelost in de afgelopen 30 dagen' },
  params: {
    days: daysParam(30, 366),
  },
  band: null,
  freshnessMinutes: 60,
  personal: false,
  reachDays: 30,
  about: {
    population: {
      en: 'Incidents (tickets of kind incident) with a resolution time in the last 30 days, completed or not; alerts, service requests, problems and changes are left out. Per priority; time spent waiting on the customer is not taken off.',
      nl: 'Incidenten (tickets van de soort incident) met een oplostijdstip in de afgelopen 30 dagen, afgerond of niet; alerts, serviceverzoeken, problemen en wijzigingen tellen niet mee. Per prioriteit; tijd in afwachting van de klant gaat er niet af.',
    },
    sources: ['ticket.kind', 'ticket.created_at', 'ticket.resolved_at', 'ticket.priority', 'ticket.urgency'],
    industry: {
      en: 'B4: mean business hours from creation to resolution of incidents, per priority [HDAA-MTTR][BMC-MTTR]; no universal target, set one per severity [BSM]. Waiting time stays in, as no status history is synced.',
      nl: 'B4: gemiddelde werkuren van aanmaken tot oplossen van incidenten, per prioriteit [HDAA-MTTR][BMC-MTTR]; geen algemene norm, stel er een per urgentie vast [BSM]. Wachttijd blijft erin, omdat er geen statushistorie wordt gesynchroniseerd.',
    },
  },
  queries: (ctx) => ({
    resolved: resolvedTickets(ctx, ctx.params.days, ['incident']).select([
      'priority',
      'urgency',
      labelOf('ticketPriority', 'ticket.priority').as('label'),
    ]),
  }),
  compute: ({ resolved }, ctx) => {
    const timed = resolved.map((t) => ({ ...t, hours: businessHoursFor(t.createdAt, t.resolvedAt, ctx) }))
    const items = [...groupBy(timed, (t) => (t.priority === null ? 'none' : String(t.priority))).entries()]
      .sort(([ka, a], [kb, b]) => urgencyRank(a[0]!.urgency) - urgencyRank(b[0]!.urgency) || ka.localeCompare(kb))
      .map(([key, list]) => ({
        key,
        label: priorityName(list[0]!),
        value: mean(list.map((t) => t.hours)),
      }))
    return { value: mean(timed.map((t) => t.hours)), items, facts: { n: timed.length } }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const n = facts.n
      if (n === 0)
        return lang === 'en'
          ? `No incidents were resolved in the last ${params.days} days.`
          : `In de afgelopen ${params.days} dagen is geen incident opgelost.`
      return lang === 'en'
        ? `${n} incidents resolved in the last ${params.days} days took ${numberText(value, lang, 1, 'unknown')} business hours on average.`
        : `${n} incidenten die de afgelopen ${params.days} dagen zijn opgelost, kostten gemiddeld ${numberText(value, lang, 1, 'unknown')} ${pluralWord(value, 'werkuur', 'werkuren')}.`
    }),
})
