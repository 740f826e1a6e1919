import { BILLABLE_STAFF_DAYS, billableStaff } from '../../billing.js'
import { alertsNote, completedIn, creditedTo, includeAlertsParam, resourceName, withAlerts } from '../../sql.js'
import { lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, countOf, numberText, pluralWord } from '../../format.js'

// Credited to the resource who completed the ticket (the ticket's completed_by_resource_id), else to its assignee:
// sql.ts's one rule for a person's completed tickets, as Tickets completed today and the quality KPIs read it.
// The technicians are billing.ts's billable staff, the people revenue_per_tech and endpoints_per_tech divide
// by, so the owner's and the team lead's walls count the same heads; a bar shows anyone who completed tickets.

export const ticketsClosedPerTech = defineKpi({
  id: 'tickets_closed_per_tech',
  title: {
    en: 'Tickets completed per technician, last 30 days',
    nl: 'Afgeronde tickets per technicus, afgelopen 30 dagen',
  },
  description: {
    en: 'Tickets each person completed in the last 30 days, monitoring alerts included (the same tickets as Tickets completed); the number is the average per technician, the billable staff that revenue and endpoints per technician count too. Read it with the quality and CSAT figures, not as a race: a low count may mean hard tickets, a high one quick wins.',
    nl: 'Tickets die elke medewerker de afgelopen 30 dagen heeft afgerond, monitoringalerts meegeteld (dezelfde tickets als bij Afgeronde tickets); het getal is het gemiddelde per technicus, de declarabele medewerkers die ook omzet en endpoints per technicus tellen. Lees het samen met de kwaliteits- en CSAT-cijfers, niet als wedstrijd: een laag aantal kan op lastige tickets wijzen, een hoog aantal op snelle klussen.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['team-lead', 'service-manager'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30, 366), includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 60,
  personal: false,
  reachDays: 30,
  about: {
    population: {
      en: 'Complete tickets with a completion time in the last 30 days counted from this time, monitoring alerts included unless includeAlerts is off, credited to the resource who completed them, else to the assignee; tickets with neither go to "Nobody". A bar per person credited. Technicians: billable staff, active resources with a billable entry in the last 30 days (as in revenue_per_tech and endpoints_per_tech). The value is the tickets credited to technicians over the number of technicians, those who completed none included.',
      nl: 'Afgeronde tickets met een afrondingstijd in de afgelopen 30 dagen gerekend vanaf dit tijdstip, monitoringalerts meegeteld tenzij includeAlerts uit staat, toegerekend aan wie ze afrondde, anders aan de behandelaar; tickets zonder beide gaan naar "Niemand". Een balk per medewerker met tickets. Technici: declarabele medewerkers, actieve medewerkers met een declarabele registratie in de afgelopen 30 dagen (zoals bij revenue_per_tech en endpoints_per_tech). De waarde is het aantal tickets van technici gedeeld door het aantal technici, ook wie er geen afrondde.',
    },
    sources: [
      'ticket.completed_at',
      'ticket.state',
      'ticket.kind',
      'ticket.completed_by_resource_id',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "A16, tickets per technician [METRICNET-TPT], credited to who completed the ticket rather than to the catalog's assigned resource; context to read with the quality KPIs, no target.",
      nl: "A16, tickets per technicus [METRICNET-TPT], toegerekend aan wie het ticket afrondde in plaats van aan de behandelaar zoals in de catalogus; context om naast de kwaliteits-KPI's te lezen, geen norm.",
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
    technicians: billableStaff(ctx.db, ctx.now, ctx.tz, BILLABLE_STAFF_DAYS, null),
  }),
  compute: ({ completed, resources, technicians }) => {
    const names = new Map(resources.map((r) => [r.id, r.name]))
    const counts = new Map<string, number>()
    for (const row of completed) {
      const key = row.resourceId === null ? 'none' : String(row.resourceId)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    // Most first; Nobody after the people with as many, then by name.
    const items = [...counts.entries()]
      .map(([key, value]) => ({ key, label: names.get(Number(key)) ?? `#${key}`, value }))
      .sort(
        (a, b) =>
          b.value - a.value || Number(a.key === 'none') - Number(b.key === 'none') || a.label.localeCompare(b.label),
      )
      .map((item) => (item.key === 'none' ? { ...item, label: { en: 'Nobody', nl: 'Niemand' } } : item))
    const techs = new Set(technicians.map((t) => String(t.resourceId)))
    const byTechs = items.filter((item) => techs.has(item.key))
    const credited = byTechs.reduce((n, item) => n + item.value, 0)
    return {
      value: techs.size === 0 ? null : credited / techs.size,
      items,
      facts: {
        total: completed.length,
        technicians: techs.size,
        others: completed.length - credited,
        top: byTechs[0]?.label ?? null,
        topCount: byTechs[0]?.value ?? 0,
      },
    }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { total, technicians, others, top, topCount } = facts
      const which = alertsNote(params.includeAlerts, lang)
      // Who the average is over, said each time: the owner's wall divides revenue by the same people.
      const who =
        lang === 'en'
          ? `${countOf(technicians, 'technician', 'technicians')} (billable time in the last ${BILLABLE_STAFF_DAYS} days)`
          : `${countOf(technicians, 'technicus', 'technici')} (declarabele tijd in de afgelopen ${BILLABLE_STAFF_DAYS} dagen)`
      if (total === 0)
        return lang === 'en'
          ? `Nobody completed a ticket in the last ${params.days} days.`
          : `Niemand heeft de afgelopen ${params.days} dagen een ticket afgerond.`
      if (technicians === 0)
        return lang === 'en'
          ? `${total} tickets were completed in the last ${params.days} days${which}, but nobody logged billable time in the last ${BILLABLE_STAFF_DAYS} days: no technician to divide by.`
          : `In de afgelopen ${params.days} dagen zijn ${total} tickets afgerond${which}, maar niemand schreef de afgelopen ${BILLABLE_STAFF_DAYS} dagen declarabele tijd: geen technicus om door te delen.`
      const most =
        top === null ? '' : lang === 'en' ? `, ${top} the most (${topCount})` : `, ${top} de meeste (${topCount})`
      const rest =
        others === 0 ? '' : lang === 'en' ? `; ${others} by others or nobody` : `; ${others} door anderen of niemand`
      return lang === 'en'
        ? `${total} tickets were completed in the last ${params.days} days${which}; the ${who} completed ${numberText(value, lang, 1, 'unknown')} each on average${most}${rest}.`
        : `In de afgelopen ${params.days} dagen zijn ${total} tickets afgerond${which}; de ${who} ${pluralWord(technicians, 'rondde', 'rondden')} er gemiddeld ${numberText(value, lang, 1, 'unknown')} af${most}${rest}.`
    }),
})
