import { defineKpi } from '../../types.js'
import { daysParam, ticketsPerDay } from './shared.js'

export const ticketsCreated = defineKpi({
  id: 'tickets_created',
  title: { en: 'Tickets created (daily trend)', nl: 'Aangemaakte tickets (dagtrend)' },
  description: {
    en: 'Tickets created per local day over the last 30 days. Learn your own baseline; look into the days and clients that stand out above it.',
    nl: 'Aangemaakte tickets per dag over de afgelopen 30 dagen. Leer je eigen basislijn kennen en zoek uit welke dagen en klanten daar bovenuit steken.',
  },
  group: 'flow',
  kind: 'trend',
  roles: ['service-manager', 'integrator', 'owner'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'last 30 days, per day', nl: 'afgelopen 30 dagen, per dag' },
  params: { days: daysParam(30, 400) },
  band: null,
  freshnessMinutes: 30,
  personal: false,
  ...ticketsPerDay('created_at', { en: 'created', nl: 'aangemaakt' }),
})
