import { includeAlertsParam } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { ticketsPerDay } from './shared.js'
import { daysParam } from '../../params.js'

export const ticketsCreated = defineKpi({
  id: 'tickets_created',
  title: { en: 'Tickets created, last 30 calendar days', nl: 'Aangemaakte tickets, afgelopen 30 kalenderdagen' },
  description: {
    en: 'Tickets created (monitoring alerts included) per local calendar day, over the last 30 calendar days with today so far; the number is their sum. Learn your own baseline; look into the days and clients that stand out above it.',
    nl: 'Aangemaakte tickets (monitoringalerts meegeteld) per kalenderdag, over de afgelopen 30 kalenderdagen met vandaag tot nu toe; het getal is hun som. Leer je eigen basislijn kennen en zoek uit welke dagen en klanten daar bovenuit steken.',
  },
  group: 'flow',
  kind: 'trend',
  roles: ['service-manager', 'integrator', 'owner'],
  unit: 'count',
  direction: 'neutral',
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
      en: 'Tickets created on each local calendar day of the last 30, today so far included, monitoring alerts included unless includeAlerts is off; the number is the sum over those days.',
      nl: 'Tickets aangemaakt per kalenderdag (lokale tijd) over de afgelopen 30 dagen, vandaag tot nu toe inbegrepen, monitoringalerts meegeteld tenzij includeAlerts uit staat; het getal is de som over die dagen.',
    },
    sources: ['ticket.created_at', 'ticket.kind'],
    industry: {
      en: 'A1 tickets created, as a daily trend over 30 calendar days (the catalog also names 7 days, a month and a 12-month trend): learn your own baseline and act on the outliers [SCALEPAD-G].',
      nl: 'A1 aangemaakte tickets, als dagtrend over 30 kalenderdagen (de catalogus noemt ook 7 dagen, een maand en een trend over 12 maanden): leer je eigen basislijn kennen en grijp in bij uitschieters [SCALEPAD-G].',
    },
  },
  ...ticketsPerDay('created', { en: 'created', nl: 'aangemaakt' }),
})
