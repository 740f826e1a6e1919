import { defineKpi } from '../../types.js'
import { daysParam, ticketsPerDay } from './shared.js'

export const ticketsCompleted = defineKpi({
  id: 'tickets_completed',
  title: { en: 'Tickets completed (daily trend)', nl: 'Afgeronde tickets (dagtrend)' },
  description: {
    en: 'Tickets completed per local day over the last 30 days. Set it against the tickets created: a gap that stays open means the backlog grows and needs capacity or triage.',
    nl: 'Afgeronde tickets per dag over de afgelopen 30 dagen. Zet het af tegen de aangemaakte tickets: blijft er een gat, dan groeit de achterstand en is er capaciteit of betere triage nodig.',
  },
  group: 'flow',
  kind: 'trend',
  roles: ['service-manager', 'integrator', 'team-lead'],
  unit: 'count',
  direction: 'higher',
  window: { en: 'last 30 days, per day', nl: 'afgelopen 30 dagen, per dag' },
  params: { days: daysParam(30, 400) },
  band: null,
  freshnessMinutes: 30,
  personal: false,
  ...ticketsPerDay('completed_at', { en: 'completed', nl: 'afgerond' }),
})
