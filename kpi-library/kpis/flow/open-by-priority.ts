import { forMe, includeAlertsParam, isOpen, labelOf, URGENT, urgencyRank, withAlerts } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, yours } from '../../format.js'
import { priorityName } from '../../lists.js'

export const openByPriority = defineKpi({
  id: 'open_by_priority',
  title: { en: 'Open tickets by priority', nl: 'Open tickets per prioriteit' },
  description: {
    en: 'Open tickets (not complete, monitoring alerts included, as in Open tickets) per priority, the most urgent first. The higher the priority, the fewer should be open: work the critical and high tickets before anything else.',
    nl: 'Open tickets (niet afgerond, monitoringalerts meegeteld, zoals bij Open tickets) per prioriteit, de urgentste eerst. Hoe hoger de prioriteit, hoe minder er open horen te staan: pak de kritieke en hoge tickets als eerste op.',
  },
  group: 'flow',
  kind: 'breakdown',
  roles: ['service-manager', 'engineer', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: { includeAlerts: includeAlertsParam(true) },
  band: null,
  freshnessMinutes: 10,
  personal: true,
  backfill: false,
  about: {
    population: {
      en: "Tickets open now (not complete), monitoring alerts included unless includeAlerts is off, per priority (the PSA's own, by urgency: critical, high, medium, low, then the rest); for one person, the tickets assigned to them.",
      nl: 'Tickets die nu open staan (niet afgerond), monitoringalerts meegeteld tenzij includeAlerts uit staat, per prioriteit (die van de PSA, naar urgentie: kritiek, hoog, normaal, laag, dan de rest); voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: ['ticket.state', 'ticket.priority', 'ticket.urgency', 'ticket.kind', 'ticket.assigned_resource_id'],
    industry: {
      en: 'A8 without its queue axis (the catalog splits by priority × queue): the higher the priority, the fewer tickets should be open [CIBER].',
      nl: 'A8 zonder de uitsplitsing naar wachtrij (de catalogus toont prioriteit × wachtrij): hoe hoger de prioriteit, hoe minder tickets er open horen te staan [CIBER].',
    },
  },
  queries: ({ db, me, params }) => ({
    open: forMe(
      withAlerts(
        db
          .selectFrom('ticket')
          .select([
            'ticket.priority',
            (eb) => eb.fn.max('ticket.urgency').as('urgency'),
            labelOf('ticketPriority', 'ticket.priority').as('label'),
            (eb) => eb.fn.countAll<number>().as('n'),
          ])
          .where(isOpen)
          .groupBy('ticket.priority'),
        params.includeAlerts,
      ),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ open }) => {
    const items = open
      .map((row) => ({
        key: row.priority === null ? 'none' : String(row.priority),
        label: priorityName(row),
        value: Number(row.n),
        rank: urgencyRank(row.urgency),
      }))
      .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key))
      .map(({ key, label, value }) => ({ key, label, value }))
    const total = items.reduce((n, item) => n + item.value, 0)
    const urgent = open
      .filter((row) => row.urgency !== null && row.urgency <= URGENT)
      .reduce((n, row) => n + Number(row.n), 0)
    return { value: total, items, facts: { total, urgent } }
  },
  context: ({ facts }, { me }) =>
    bothLanguages((lang) => {
      const { total, urgent } = facts
      const mine = yours(me)[lang]
      return lang === 'en'
        ? `${total} tickets${mine} are open; ${urgent} of them are Critical or High.`
        : `Er staan ${total} tickets${mine} open; ${urgent} daarvan zijn kritiek of hoog.`
    }),
})
