import { createdIn, includeAlertsParam, withAlerts } from '../../sql.js'
import { today } from '../../time.js'
import { defineKpi } from '../../types.js'
import { sinceMidnight } from './shared.js'

export const ticketsCreatedToday = defineKpi({
  id: 'tickets_created_today',
  title: { en: 'Tickets created today', nl: 'Tickets vandaag aangemaakt' },
  description: {
    en: 'Tickets created since local midnight, monitoring alerts included. Compare with the tickets completed today: when more come in than go out, plan extra hands or push back on non-urgent work.',
    nl: 'Tickets die sinds middernacht zijn aangemaakt, monitoringalerts meegeteld. Vergelijk met de tickets die vandaag zijn afgerond: komt er meer binnen dan er uitgaat, zet dan extra handen in of schuif niet-urgent werk door.',
  },
  group: 'flow',
  kind: 'number',
  roles: ['service-manager', 'integrator', 'owner', 'engineer', 'team-lead'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'today', nl: 'vandaag' },
  params: { includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 10,
  personal: false,
  reachDays: 1,
  about: {
    population: {
      en: 'Tickets created since local midnight, monitoring alerts included unless includeAlerts is off; the whole desk, never narrowed to one person.',
      nl: 'Tickets die sinds middernacht (lokale tijd) zijn aangemaakt, monitoringalerts meegeteld tenzij includeAlerts uit staat; de hele servicedesk, nooit per persoon.',
    },
    sources: ['ticket.created_at', 'ticket.kind'],
    industry: {
      en: 'A1 tickets created, over today: learn your own baseline and act on the outliers [SCALEPAD-G].',
      nl: 'A1 aangemaakte tickets, over vandaag: leer je eigen basislijn kennen en grijp in bij uitschieters [SCALEPAD-G].',
    },
  },
  queries: ({ db, now, tz, params }) => ({
    created: withAlerts(
      db
        .selectFrom('ticket')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(createdIn(today(now, tz))),
      params.includeAlerts,
    ),
  }),
  compute: ({ created }) => ({ value: Number(created[0]?.n ?? 0) }),
  context: ({ value }) => sinceMidnight(value, { en: 'created', nl: 'aangemaakt' }),
})
