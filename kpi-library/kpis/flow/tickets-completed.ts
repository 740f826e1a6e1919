import { includeAlertsParam } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { ticketsPerDay } from './shared.js'
import { daysParam } from '../../params.js'

export const ticketsCompleted = defineKpi({
  id: 'tickets_completed',
  title: { en: 'Tickets completed, last 30 calendar days', nl: 'Afgeronde tickets, afgelopen 30 kalenderdagen' },
  description: {
    en: 'Tickets completed (closed in the PSA, monitoring alerts included) per local calendar day, over the last 30 calendar days with today so far; the number is their sum. Tiles that say "the last 30 days" count from this time 30 days ago instead, a few hours more. Set it against the tickets created: a gap that stays open means the backlog grows and needs capacity or triage.',
    nl: 'Afgeronde tickets (gesloten in de PSA, monitoringalerts meegeteld) per kalenderdag, over de afgelopen 30 kalenderdagen met vandaag tot nu toe; het getal is hun som. Tegels die "de afgelopen 30 dagen" zeggen, tellen vanaf dit tijdstip 30 dagen geleden, een paar uur meer. Zet het af tegen de aangemaakte tickets: blijft er een gat, dan groeit de achterstand en is er capaciteit of betere triage nodig.',
  },
  group: 'flow',
  kind: 'trend',
  roles: ['service-manager', 'integrator', 'team-lead'],
  unit: 'count',
  direction: 'higher',
  window: {
    en: 'last 30 calendar days, today so far included, per day',
    nl: 'afgelopen 30 kalenderdagen, vandaag tot nu toe inbegrepen, per dag',
  },
  params: { days: daysParam(30, 400), includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 30,
  personal: false,
  reachDays: 30,
  about: {
    population: {
      en: 'Complete tickets, per local calendar day of their completion time, over the last 30 calendar days with today so far, monitoring alerts included unless includeAlerts is off; the number is the sum over those days.',
      nl: 'Afgeronde tickets, per kalenderdag (lokale tijd) van hun afrondingstijd, over de afgelopen 30 kalenderdagen met vandaag tot nu toe, monitoringalerts meegeteld tenzij includeAlerts uit staat; het getal is de som over die dagen.',
    },
    sources: ['ticket.completed_at', 'ticket.state', 'ticket.kind'],
    industry: {
      en: 'A2 tickets completed, as a daily trend; the catalog gives no benchmark: read it against A1 (created).',
      nl: 'A2 afgeronde tickets, als dagtrend; de catalogus noemt geen norm: zet het af tegen A1 (aangemaakt).',
    },
  },
  ...ticketsPerDay('completed', { en: 'completed', nl: 'afgerond' }),
})
