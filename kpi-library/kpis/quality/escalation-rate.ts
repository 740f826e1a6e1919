import { percent } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { both, count, daysBefore, daysParam, excludeTypesParam, fmt, noneCompleted, resolvedWorkQueries, workPerTicket } from './shared.js'

// Proxy (catalog C7): a ticket counts as escalated when more than one technician logged time on it. The
// exact figure needs queue and status history, which the PSA sync does not hold.

export const escalationRate = defineKpi({
  id: 'escalation_rate',
  title: { en: 'Escalation rate', nl: 'Escalatiegraad' },
  description: {
    en: 'Share of tickets completed in the last 30 days on which more than one technician worked (a proxy for escalations). A rising rate means the first line hands more on: find the issue types behind it and train or document them.',
    nl: 'Aandeel van de tickets die de afgelopen 30 dagen zijn afgerond waaraan meer dan één engineer werkte (benadering van escalaties). Stijgt het, dan draagt de eerste lijn meer over: zoek welke soorten meldingen erachter zitten en leg ze vast of train erop.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['team-lead', 'service-manager'],
  unit: 'percent',
  direction: 'lower',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: { days: daysParam(30), excludeTicketTypes: excludeTypesParam() },
  // No benchmark in the catalog; a coaching figure to compare with your own history.
  band: null,
  freshnessMinutes: 60,
  personal: false,
  queries: ({ db, now, tz, params }) => resolvedWorkQueries(db, daysBefore(now, tz, params.days), now.toISOString(), params.excludeTicketTypes, null),
  compute: ({ tickets, entries }) => {
    const worked = workPerTicket(tickets, entries).filter((t) => t.touches > 0)
    const escalated = worked.filter((t) => t.techs > 1).length
    return { value: percent(escalated, worked.length), facts: { escalated, worked: worked.length } }
  },
  context: ({ value, facts }, { params }) =>
    both((lang) => {
      const worked = Number(facts?.worked ?? 0)
      const escalated = Number(facts?.escalated ?? 0)
      if (worked === 0) return noneCompleted(params.days, lang)
      return lang === 'en'
        ? `${count(escalated, ['ticket', 'tickets'])} of ${worked} completed in the last ${params.days} days needed more than one technician (${fmt(value, lang)}%).`
        : `${escalated} van de ${worked} afgeronde tickets van de afgelopen ${params.days} dagen had meer dan één engineer nodig (${fmt(value, lang)}%).`
    }),
})
