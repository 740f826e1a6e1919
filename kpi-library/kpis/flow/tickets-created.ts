import { includeAlertsParam } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { daysParam, ticketsPerDay } from './shared.js'

export const ticketsCreated = defineKpi({
  id: 'tickets_created',
  title: { en: 'Tickets created per day, last 30 calendar days', nl: 'Aangemaakte tickets per dag, afgelopen 30 kalenderdagen' },
  description: {
    en: 'Tickets created (monitoring alerts included) per local calendar day, over the last 30 calendar days with today so far; the number is their sum. Learn your own baseline; look into the days and clients that stand out above it.',
    nl: 'Aangemaakte tickets (monitoringalerts meegeteld) per kalenderdag, over de afgelopen 30 kalenderdagen met vandaag tot nu toe; het getal is hun som. Leer je eigen basislijn kennen en zoek uit welke dagen en klanten daar bovenuit steken.',
  },
  group: 'flow',
  kind: 'trend',
  roles: ['service-manager', 'integrator', 'owner'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'last 30 calendar days, today so far included, per day', nl: 'afgelopen 30 kalenderdagen, vandaag tot nu toe inbegrepen, per dag' },
  params: { days: daysParam(30, 400), includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 30,
  personal: false,
  ...ticketsPerDay('created', { en: 'created', nl: 'aangemaakt' }),
})
