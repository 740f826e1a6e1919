import { forMe } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { bothLanguages, yours } from '../../format.js'
import { slaPercent, slaSentence, SLA_VERDICT_DRILL, slaVerdicts } from './shared.js'

export const slaCompliance = defineKpi({
  id: 'sla_compliance',
  title: { en: 'SLA compliance, completed in last 7 days', nl: 'SLA-naleving, afgerond in afgelopen 7 dagen' },
  description: {
    en: "The share of tickets completed in the last 7 days that met their SLA, by the PSA's own verdict (tickets without an SLA left out; monitoring alerts counted when they carry one). The by-priority and by-client tiles use the same rule over 30 and 90 days, the weekly trend per calendar week. It counts the tickets completed in the window, where SLA breach rate counts the tickets whose deadline fell in it. Best in class is above 95%; look at the misses per priority and per client to see where it slips.",
    nl: 'Het deel van de tickets die de afgelopen 7 dagen zijn afgerond dat binnen de SLA bleef, volgens het oordeel van de PSA (tickets zonder SLA tellen niet mee; monitoringalerts wel als ze een SLA hebben). De tegels per prioriteit en per klant gebruiken dezelfde regel over 30 en 90 dagen, de weektrend per kalenderweek. Het telt de in de periode afgeronde tickets, waar SLA-overschrijdingen de tickets telt waarvan de deadline in de periode viel. De beste servicedesks zitten boven 95%; bekijk de missers per prioriteit en per klant om te zien waar het misgaat.',
  },
  group: 'sla',
  kind: 'number',
  roles: ['service-manager', 'integrator', 'owner', 'account-manager', 'engineer'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'completed in the last 7 days', nl: 'afgerond in de afgelopen 7 dagen' },
  params: { days: daysParam(7, 366) },
  // Best in class > 95% [LOGMEIN]; 92-95% is often the profitable spot [JOSYS], so amber down to 92.
  band: { target: 95, warn: 92 },
  freshnessMinutes: 30,
  personal: true,
  reachDays: 7,
  about: {
    population: {
      en: "Tickets completed (closed in the PSA) in the last 7 days that carry the PSA's SLA verdict; tickets without an SLA are left out, alerts count when they carry one. On a personal dashboard, the tickets assigned to that person.",
      nl: 'Tickets die de afgelopen 7 dagen zijn afgerond (gesloten in de PSA) en een SLA-oordeel van de PSA hebben; tickets zonder SLA tellen niet mee, alerts wel als ze een SLA hebben. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen.',
    },
    sources: ['ticket.sla_met', 'ticket.state', 'ticket.completed_at', 'ticket.assigned_resource_id'],
    industry: {
      en: "B3: tickets resolved within SLA / all tickets with an SLA [LOGMEIN]; best in class above 95% [LOGMEIN], 92-95% is often more profitable than 100% [JOSYS]. The verdict is the ticket's own SLA-met flag (ticket.sla_met, catalog §6b), over 7 days instead of a month.",
      nl: 'B3: tickets binnen de SLA opgelost / alle tickets met een SLA [LOGMEIN]; de beste servicedesks zitten boven 95% [LOGMEIN], 92-95% is vaak winstgevender dan 100% [JOSYS]. Het oordeel is de vlag SLA gehaald op het ticket zelf (ticket.sla_met, catalogus §6b), over 7 dagen in plaats van een maand.',
    },
  },
  drill: SLA_VERDICT_DRILL,
  queries: (ctx) => ({ tickets: forMe(slaVerdicts(ctx, ctx.params.days), 'ticket.assigned_resource_id', ctx.me) }),
  compute: ({ tickets }) => {
    const { met, total, pct } = slaPercent(tickets)
    return { value: pct, facts: { met, total } }
  },
  context: ({ value, facts }, { params, me }) =>
    bothLanguages((lang) => slaSentence(facts.met, facts.total, value ?? null, params.days, lang, yours(me)[lang])),
})
