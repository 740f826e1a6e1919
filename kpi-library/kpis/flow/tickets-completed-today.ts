import { completedIn, creditedToMe, includeAlertsParam, withAlerts } from '../../sql.js'
import { today } from '../../time.js'
import { defineKpi } from '../../types.js'
import { sinceMidnight } from './shared.js'

export const ticketsCompletedToday = defineKpi({
  id: 'tickets_completed_today',
  title: { en: 'Tickets completed today', nl: 'Tickets vandaag afgerond' },
  description: {
    en: 'Tickets completed since local midnight, monitoring alerts included. Read it next to the tickets created today: the desk keeps up when this number is at least as high.',
    nl: 'Tickets die sinds middernacht zijn afgerond, monitoringalerts meegeteld. Lees het naast de tickets die vandaag zijn aangemaakt: de servicedesk houdt het bij als dit getal minstens zo hoog is.',
  },
  group: 'flow',
  kind: 'number',
  roles: ['service-manager', 'integrator', 'team-lead', 'engineer', 'owner'],
  unit: 'count',
  direction: 'higher',
  window: { en: 'today', nl: 'vandaag' },
  params: { includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 10,
  personal: true,
  reachDays: 1,
  about: {
    population: {
      en: 'Complete tickets whose completion time falls since local midnight, monitoring alerts included unless includeAlerts is off; for one person, the tickets credited to them as in Tickets completed per technician: completed by them, or assigned to them when the PSA records no completer (a workflow rule or an RMM closed it).',
      nl: 'Afgeronde tickets met een afrondingstijd sinds middernacht (lokale tijd), monitoringalerts meegeteld tenzij includeAlerts uit staat; voor één persoon, de tickets die hem of haar worden toegerekend zoals bij Afgeronde tickets per technicus: door hem of haar afgerond, of aan hem of haar toegewezen als de PSA geen afronder vastlegt (een workflowregel of RMM sloot het).',
    },
    sources: [
      'ticket.completed_at',
      'ticket.state',
      'ticket.kind',
      'ticket.completed_by_resource_id',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: 'A2 tickets completed, over today; the catalog gives no benchmark: read it against A1, the tickets created today.',
      nl: 'A2 afgeronde tickets, over vandaag; de catalogus noemt geen norm: zet het af tegen A1, de tickets die vandaag zijn aangemaakt.',
    },
  },
  queries: ({ db, now, tz, me, params }) => ({
    completed: creditedToMe(
      withAlerts(
        db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(completedIn(today(now, tz))),
        params.includeAlerts,
      ),
      me,
    ),
  }),
  compute: ({ completed }) => ({ value: Number(completed[0]?.n ?? 0) }),
  context: ({ value }, { me }) =>
    sinceMidnight(
      value,
      { en: 'completed', nl: 'afgerond' },
      me === null ? undefined : { en: ' by you', nl: ' door jou' },
    ),
})
