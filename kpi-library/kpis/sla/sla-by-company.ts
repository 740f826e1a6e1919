import { bothLanguages, inLanguage, percentText, pluralWord } from '../../format.js'
import { historyInLastDays, historyStart } from '../../history.js'
import { defineKpi } from '../../types.js'
import { daysParam } from '../../params.js'
import { noSlaTickets, slaItems, slaPercent, SLA_VERDICT_DRILL, slaVerdicts } from './shared.js'
import { labelOr } from '../../lists.js'

export const slaByCompany = defineKpi({
  id: 'sla_by_company',
  title: { en: 'SLA compliance by client, last 90 days', nl: 'SLA-naleving per klant, afgelopen 90 dagen' },
  description: {
    en: 'SLA compliance of the tickets completed in the last 90 days, per client, worst first (as SLA compliance, completed in last 7 days, over 90 days; monitoring alerts counted when they carry an SLA). Aim above 95% for every client; raise the ones below it in the next client review and look for the cause.',
    nl: 'SLA-naleving van de tickets die de afgelopen 90 dagen zijn afgerond, per klant, slechtste eerst (als SLA-naleving, afgerond in afgelopen 7 dagen, maar over 90 dagen; monitoringalerts tellen mee als ze een SLA hebben). Streef voor elke klant naar meer dan 95%; bespreek de klanten daaronder in het volgende klantoverleg en zoek de oorzaak.',
  },
  group: 'sla',
  kind: 'breakdown',
  roles: ['account-manager', 'service-manager'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'completed in the last 90 days', nl: 'afgerond in de afgelopen 90 dagen' },
  params: { days: daysParam(90, 366) },
  // > 95% [LOGMEIN]; 92% as amber, as for sla_compliance.
  band: { target: 95, warn: 92 },
  bandPerItem: true,
  freshnessMinutes: 60,
  personal: false,
  reachDays: 90,
  about: {
    population: {
      en: "Tickets completed (closed in the PSA) in the last 90 days that carry the PSA's SLA verdict, per client of the ticket (tickets without a client form one group); tickets without an SLA are left out, alerts count when they carry one.",
      nl: 'Tickets die de afgelopen 90 dagen zijn afgerond (gesloten in de PSA) en een SLA-oordeel van de PSA hebben, per klant van het ticket (tickets zonder klant vormen één groep); tickets zonder SLA tellen niet mee, alerts wel als ze een SLA hebben.',
    },
    sources: ['ticket.sla_met', 'ticket.state', 'ticket.completed_at', 'ticket.company_id'],
    industry: {
      en: "B12: B3 per client over 90 days, above 95% for each [LOGMEIN]; the verdict is the ticket's SLA-met flag (ticket.sla_met).",
      nl: 'B12: B3 per klant over 90 dagen, boven 95% voor elke klant [LOGMEIN]; het oordeel is de vlag SLA gehaald op het ticket (ticket.sla_met).',
    },
  },
  drill: SLA_VERDICT_DRILL,
  queries: (ctx) => ({ tickets: slaVerdicts(ctx, ctx.params.days), first: historyStart(ctx.db, 'tickets') }),
  compute: ({ tickets, first }, { now, tz, params }) => {
    const { met, total, pct } = slaPercent(tickets)
    const items = slaItems(
      tickets,
      (t) => (t.companyId === null ? 'none' : String(t.companyId)),
      (t) => labelOr(t.companyName, t.companyId, { en: 'No company', nl: 'Geen bedrijf' }),
    )
    const below = items.filter((item) => item.value !== null && item.value < 95).length
    return {
      value: pct,
      items,
      facts: {
        met,
        total,
        clients: items.length,
        below,
        worst: items[0]?.label ?? null,
        worstPct: items[0]?.value ?? null,
        history: historyInLastDays(first[0]?.first, params.days, now, tz),
      },
    }
  },
  context: ({ value, facts }, { params }) =>
    bothLanguages((lang) => {
      const { total, clients, below, worstPct } = facts
      const worst = inLanguage(facts.worst, lang)
      if (total === 0) return noSlaTickets(params.days, lang)
      return lang === 'en'
        ? `${below} of ${clients} clients are below 95% SLA over the last ${params.days} days (overall ${percentText(value, lang, 'unknown')}%); lowest is ${worst} at ${percentText(worstPct, lang, 'unknown')}%.`
        : `${below} van de ${clients} klanten ${pluralWord(below, 'zit', 'zitten')} over de afgelopen ${params.days} dagen onder 95% SLA (totaal ${percentText(value, lang, 'unknown')}%); het laagst is ${worst} met ${percentText(worstPct, lang, 'unknown')}%.`
    }),
})
