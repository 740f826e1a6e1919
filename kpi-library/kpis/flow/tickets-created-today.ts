import { createdIn, includeAlertsParam, withAlerts } from '../../sql.js'
import { today } from '../../time.js'
import { defineKpi } from '../../types.js'
import { texts } from './shared.js'

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
  queries: ({ db, now, tz, params }) => ({
    created: withAlerts(db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).where(createdIn(today(now, tz))), params.includeAlerts),
  }),
  compute: ({ created }) => ({ value: Number(created[0]?.n ?? 0) }),
  context: ({ value }) =>
    texts((lang) =>
      lang === 'en'
        ? `${value} ${value === 1 ? 'ticket was' : 'tickets were'} created since midnight.`
        : `Sinds middernacht ${value === 1 ? 'is 1 ticket' : `zijn ${value} tickets`} aangemaakt.`,
    ),
})
