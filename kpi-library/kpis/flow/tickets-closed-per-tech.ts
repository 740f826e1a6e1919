import { alertsNote, completedIn, creditedTo, includeAlertsParam, resourceName, withAlerts } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { daysParam, fmt, texts } from './shared.js'

// Credited to the resource who completed the ticket (Autotask's completedByResourceID), else to its assignee:
// sql.ts's one rule for a person's completed tickets, as Tickets completed today and the quality KPIs read it.

export const ticketsClosedPerTech = defineKpi({
  id: 'tickets_closed_per_tech',
  title: { en: 'Tickets completed per technician, last 30 days', nl: 'Afgeronde tickets per technicus, afgelopen 30 dagen' },
  description: {
    en: 'Tickets each technician completed in the last 30 days, monitoring alerts included (the same tickets as Tickets completed). Read it with the quality and CSAT figures, not as a race: a low count may mean hard tickets, a high one quick wins.',
    nl: 'Tickets die elke technicus de afgelopen 30 dagen heeft afgerond, monitoringalerts meegeteld (dezelfde tickets als bij Afgeronde tickets). Lees het samen met de kwaliteits- en CSAT-cijfers, niet als wedstrijd: een laag aantal kan op lastige tickets wijzen, een hoog aantal op snelle klussen.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['team-lead', 'service-manager'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30), includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 60,
  personal: false,
  about: {
    population: {
      en: 'Tickets in status Complete with a completion time in the last 30 days counted from this time, alerts (ticket type 5) included unless includeAlerts is off, credited to the resource who completed them, else to the assignee; tickets with neither go to "Nobody". The value is the average over the technicians with at least one ticket, Nobody left out.',
      nl: 'Tickets met status Afgerond en een afrondingstijd in de afgelopen 30 dagen gerekend vanaf dit tijdstip, alerts (tickettype 5) meegeteld tenzij includeAlerts uit staat, toegerekend aan wie ze afrondde, anders aan de behandelaar; tickets zonder beide gaan naar "Nobody". De waarde is het gemiddelde over de technici met minstens één ticket, zonder Nobody.',
    },
    sources: ['Tickets.completedDate', 'Tickets.status', 'Tickets.ticketType', 'Tickets.completedByResourceID', 'Tickets.assignedResourceID'],
    industry: {
      en: 'A16, tickets per technician [METRICNET-TPT], credited to who completed the ticket rather than to the catalog\'s assigned resource; context to read with the quality KPIs, no target.',
      nl: 'A16, tickets per technicus [METRICNET-TPT], toegerekend aan wie het ticket afrondde in plaats van aan de behandelaar zoals in de catalogus; context om naast de kwaliteits-KPI\'s te lezen, geen norm.',
    },
  },
  queries: (ctx) => ({
    completed: withAlerts(
      ctx.db
        .selectFrom('ticket')
        .select((eb) => creditedTo(eb).as('resourceId'))
        .where(completedIn(lastDays(ctx.now, ctx.tz, ctx.params.days))),
      ctx.params.includeAlerts,
    ),
    resources: ctx.db.selectFrom('resource').select(['id', resourceName().as('name')]),
  }),
  compute: ({ completed, resources }) => {
    const names = new Map(resources.map((r) => [r.id, r.name]))
    const counts = new Map<string, number>()
    for (const row of completed) {
      const key = row.resourceId === null ? 'none' : String(row.resourceId)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    const items = [...counts.entries()]
      .map(([key, value]) => ({ key, label: key === 'none' ? 'Nobody' : (names.get(Number(key)) ?? `#${key}`), value }))
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    const people = items.filter((item) => item.key !== 'none')
    const average = people.length === 0 ? null : people.reduce((n, item) => n + item.value, 0) / people.length
    return { value: average, items, facts: { total: completed.length, people: people.length, top: people[0]?.label ?? null, topCount: people[0]?.value ?? 0 } }
  },
  context: ({ value, facts }, { params }) =>
    texts((lang) => {
      const { total, people, top, topCount } = facts
      if (people === 0) return lang === 'en' ? `Nobody completed a ticket in the last ${params.days} days.` : `Niemand heeft de afgelopen ${params.days} dagen een ticket afgerond.`
      const which = alertsNote(params.includeAlerts, lang)
      return lang === 'en'
        ? `${total} tickets were completed in the last ${params.days} days${which}; ${people} technicians completed ${fmt(value, lang)} each on average, ${top} the most (${topCount}).`
        : `In de afgelopen ${params.days} dagen zijn ${total} tickets afgerond${which}; ${people} technici rondden er gemiddeld ${fmt(value, lang)} af, ${top} de meeste (${topCount}).`
    }),
})
