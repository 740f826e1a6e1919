import { defineKpi } from '../../types.js'
import { COMPLETE, forMe } from '../../sql.js'

export const ticketsOpen = defineKpi({
  id: 'tickets_open',
  title: { en: 'Open tickets', nl: 'Open tickets' },
  description: {
    en: 'Tickets not yet complete, right now. A growing number means the desk closes less than comes in.',
    nl: 'Tickets die nu nog niet afgerond zijn. Stijgt het aantal, dan sluit de servicedesk minder dan er binnenkomt.',
  },
  group: 'flow',
  kind: 'number',
  roles: ['owner', 'integrator', 'service-manager', 'team-lead', 'engineer'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {},
  band: { target: 60, warn: 90 },
  freshnessMinutes: 10,
  personal: true,
  queries: ({ db, me }) => ({
    open: forMe(db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', COMPLETE), 'assigned_resource_id', me),
  }),
  compute: ({ open }) => ({ value: Number(open[0]?.n ?? 0) }),
  context: ({ value }, { me }) =>
    me === null
      ? { en: `${value} tickets are open right now.`, nl: `Er staan nu ${value} tickets open.` }
      : { en: `${value} of your tickets are open right now.`, nl: `Er staan nu ${value} van jouw tickets open.` },
})
