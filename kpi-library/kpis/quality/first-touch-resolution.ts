import { percent } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { both, count, daysBefore, daysParam, excludeTypesParam, fmt, noneCompleted, resolvedWorkQueries, workPerTicket } from './shared.js'

// A touch is a time entry on the ticket (catalog C1). The PSA syncs no reopen history, so "net of reopens"
// cannot be applied to tickets that were reopened and completed again; a reopened ticket that is open
// again is not completed and so is not counted anyway. Tickets with no time logged at all are left out:
// they say nothing about touches (completed_no_time lists them).

export const firstTouchResolution = defineKpi({
  id: 'first_touch_resolution',
  title: { en: 'First-touch resolution', nl: 'Opgelost bij eerste contact' },
  description: {
    en: 'Share of tickets completed in the last 30 days that one technician solved in a single time entry. Low means tickets bounce between people or need repeated visits: look at which issue types take several touches and move that knowledge to the first line.',
    nl: 'Aandeel van de tickets die de afgelopen 30 dagen zijn afgerond en die één engineer in één tijdregistratie heeft opgelost. Is het laag, dan gaan tickets van hand tot hand of zijn er meerdere sessies nodig: kijk welke soorten meldingen vaker terugkomen en breng die kennis naar de eerste lijn.',
  },
  group: 'quality',
  kind: 'number',
  roles: ['service-manager', 'team-lead', 'engineer', 'integrator'],
  unit: 'percent',
  direction: 'higher',
  window: { en: 'last 30 days', nl: 'afgelopen 30 dagen' },
  params: {
    days: daysParam(30),
    maxTouches: { type: 'integer', default: 1, min: 1, max: 10, description: { en: 'Time entries a ticket may have and still count as first-touch.', nl: 'Aantal tijdregistraties waarbij een ticket nog als eerste contact telt.' } },
    excludeTicketTypes: excludeTypesParam(),
  },
  // MetricNet: first-contact resolution averages 74%; the PSA proxy reads lower (catalog C1), so amber from 55%.
  band: { target: 70, warn: 55 },
  freshnessMinutes: 60,
  personal: true,
  queries: ({ db, now, tz, params, me }) => resolvedWorkQueries(db, daysBefore(now, tz, params.days), now.toISOString(), params.excludeTicketTypes, me),
  compute: ({ tickets, entries }, { params }) => {
    const worked = workPerTicket(tickets, entries).filter((t) => t.touches > 0)
    const first = worked.filter((t) => t.touches <= params.maxTouches && t.techs === 1).length
    return { value: percent(first, worked.length), facts: { first, worked: worked.length } }
  },
  context: ({ value, facts }, { params }) =>
    both((lang) => {
      const worked = Number(facts?.worked ?? 0)
      const first = Number(facts?.first ?? 0)
      if (worked === 0) return noneCompleted(params.days, lang)
      return lang === 'en'
        ? `${fmt(value, lang)}% of ${count(worked, ['completed ticket', 'completed tickets'])} in the last ${params.days} days were solved at the first touch (${first}).`
        : `${fmt(value, lang)}% van de ${worked} afgeronde tickets van de afgelopen ${params.days} dagen is bij het eerste contact opgelost (${first}).`
    }),
})
