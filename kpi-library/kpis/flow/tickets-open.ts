import { defineKpi } from '../../types.js'
import { forMe, includeAlertsParam, isOpen, withAlerts } from '../../sql.js'

export const ticketsOpen = defineKpi({
  id: 'tickets_open',
  title: { en: 'Open tickets', nl: 'Open tickets' },
  description: {
    en: 'Tickets not yet complete, right now: every state but complete, so also the tickets resolved but not yet closed, which the quality KPIs count as resolved. Monitoring alerts included. A growing number means the desk closes less than comes in.',
    nl: "Tickets die nu nog niet afgerond zijn, dus ook tickets die opgelost maar nog niet gesloten zijn (de kwaliteits-KPI's tellen die als opgelost). Monitoringalerts tellen mee. Stijgt het aantal, dan sluit de servicedesk minder dan er binnenkomt.",
  },
  group: 'flow',
  kind: 'number',
  roles: ['owner', 'integrator', 'service-manager', 'team-lead', 'engineer'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: { includeAlerts: includeAlertsParam(true) },
  band: { target: 60, warn: 90 },
  freshnessMinutes: 10,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: 'Tickets not complete, right now: every state but complete counts as open, waiting on the customer, on hold and resolved but not closed included; monitoring alerts included unless includeAlerts is off; for one person, the tickets assigned to them.',
      nl: 'Tickets die nu niet afgerond zijn: al het andere telt als open, ook wachten op de klant, on hold en opgelost maar niet gesloten; monitoringalerts tellen mee tenzij includeAlerts uit staat; voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: ['ticket.state', 'ticket.kind', 'ticket.assigned_resource_id'],
    industry: {
      en: "A4 open backlog: set a maximum and watch the trend [BSM]. Wider than the catalog's OPEN, which also treats closed and cancelled statuses as done; no nightly snapshot yet, so no trend. The band (60/90) is roleboard's own default, not a benchmark.",
      nl: 'A4 openstaande tickets: stel een maximum vast en volg de trend [BSM]. Ruimer dan OPEN in de catalogus, die ook gesloten en geannuleerde statussen als klaar telt; nog geen nachtelijke momentopname, dus geen trend. De band (60/90) is een standaardwaarde van roleboard zelf, geen benchmark.',
    },
  },
  queries: ({ db, me, params }) => ({
    open: forMe(
      withAlerts(
        db
          .selectFrom('ticket')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(isOpen),
        params.includeAlerts,
      ),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ open }) => ({ value: Number(open[0]?.n ?? 0) }),
  context: ({ value }, { me }) =>
    me === null
      ? { en: `${value} tickets are open right now.`, nl: `Er staan nu ${value} tickets open.` }
      : { en: `${value} of your tickets are open right now.`, nl: `Er staan nu ${value} van jouw tickets open.` },
})
