import { quantile } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, numberText, pluralWord } from '../../format.js'
import { businessHoursFor, resolvedTickets } from './shared.js'

export const resolutionP90 = defineKpi({
  id: 'resolution_p90',
  title: { en: '90th-percentile resolution time in business hours', nl: 'Oplostijd in werkuren, 90e percentiel' },
  description: {
    en: 'Nine in ten tickets resolved in the last 30 days (service requests, incidents and problems; monitoring alerts and changes left out) were resolved within this many business hours. An average hides the slow tail; when this rises, review the slowest tickets for stuck hand-offs and waiting.',
    nl: 'Negen op de tien tickets die de afgelopen 30 dagen zijn opgelost (serviceverzoeken, incidenten en problemen; monitoringalerts en wijzigingen niet meegeteld), waren binnen dit aantal werkuren opgelost. Een gemiddelde verbergt de trage staart; stijgt dit getal, bekijk dan de traagste tickets op blijven hangen bij overdrachten en wachten.',
  },
  group: 'sla',
  kind: 'number',
  roles: ['service-manager', 'integrator'],
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
      en: 'Service requests, incidents and problems (tickets of those kinds) with a resolution time in the last 30 days, completed or not; alerts, changes and tickets of no known kind are left out. Waiting time is not taken off.',
      nl: 'Serviceverzoeken, incidenten en problemen (tickets van die soorten) met een oplostijdstip in de afgelopen 30 dagen, afgerond of niet; alerts, wijzigingen en tickets zonder bekende soort tellen niet mee. Wachttijd gaat er niet af.',
    },
    sources: ['ticket.kind', 'ticket.created_at', 'ticket.resolved_at'],
    industry: {
      en: "B5: 90th percentile of the business hours from creation to resolution, because an average hides the slow tail [KPITREE]. Narrower than the catalog's all tickets: alerts and changes would skew the tail. No target in the catalog.",
      nl: 'B5: 90e percentiel van de werkuren van aanmaken tot oplossen, omdat een gemiddelde de trage staart verbergt [KPITREE]. Smaller dan de catalogus (alle tickets): alerts en wijzigingen zouden de staart vertekenen. De catalogus noemt geen norm.',
    },
  },
  queries: (ctx) => ({
    resolved: resolvedTickets(ctx, ctx.params.days, ['service_request', 'incident', 'problem']),
  }),
  compute: ({ resolved }, ctx) => ({
    value: quantile(
      resolved.map((t) => businessHoursFor(t.createdAt, t.resolvedAt, ctx)),
      0.9,
    ),
    facts: { n: resolved.length },
  }),
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const n = facts.n
      if (n === 0)
        return lang === 'en'
          ? `No tickets were resolved in the last ${params.days} days.`
          : `In de afgelopen ${params.days} dagen is geen ticket opgelost.`
      return lang === 'en'
        ? `9 in 10 of the ${n} tickets resolved in the last ${params.days} days took at most ${numberText(value, lang, 1, 'unknown')} business hours.`
        : `9 op de 10 van de ${n} tickets die de afgelopen ${params.days} dagen zijn opgelost, duurden hoogstens ${numberText(value, lang, 1, 'unknown')} ${pluralWord(value, 'werkuur', 'werkuren')}.`
    }),
})
