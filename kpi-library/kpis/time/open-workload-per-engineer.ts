import { includeAlertsParam, isOpen, resourceName, withAlerts } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { integersParam, nameOf, sentence, sortItems } from './shared.js'

export const openWorkloadPerEngineer = defineKpi({
  id: 'open_workload_per_engineer',
  title: { en: 'Open tickets per engineer', nl: 'Open tickets per engineer' },
  description: {
    en: 'Open tickets per assigned engineer right now (monitoring alerts included, as in Open tickets), with how many are High or Critical. Look for imbalances such as 15 against 3 and move tickets before they breach.',
    nl: 'Open tickets per toegewezen engineer op dit moment (monitoringalerts meegeteld, zoals bij Open tickets), met het aantal met prioriteit Hoog of Kritiek. Let op scheve verdelingen zoals 15 tegen 3 en verplaats tickets voordat ze de SLA overschrijden.',
  },
  group: 'time',
  kind: 'breakdown',
  roles: ['service-manager', 'team-lead', 'engineer'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'now', nl: 'nu' },
  params: {
    urgentPriorities: integersParam([4, 1], 'Priorities shown as urgent (4 Critical, 1 High).', 'Prioriteiten die als urgent gelden (4 Kritiek, 1 Hoog).'),
    includeAlerts: includeAlertsParam(true),
  },
  band: null,
  freshnessMinutes: 10,
  personal: false,
  about: {
    population: { en: 'Open tickets (status not Complete) with an assigned resource, active or not, alerts included unless includeAlerts is off; urgent = priority Critical or High (urgentPriorities). Unassigned open tickets are counted in the sentence, not in a bar. The engineers are the people holding open tickets (the sentence says "assigned to N engineers"), not the billable technicians of the per-technician figures.', nl: 'Open tickets (status niet Complete) met een behandelaar, actief of niet, alerts meegeteld tenzij includeAlerts uit staat; urgent = prioriteit Kritiek of Hoog (urgentPriorities). Open tickets zonder behandelaar worden in de zin geteld, niet in een balk. De engineers zijn de mensen met open tickets (de zin zegt "toegewezen aan N engineers"), niet de declarabele technici van de cijfers per technicus.' },
    sources: ['Tickets.status', 'Tickets.assignedResourceID', 'Tickets.priority', 'Tickets.ticketType'],
    industry: { en: 'E17: open tickets per engineer with High/Critical shown; flag imbalances such as 15 open against 3 [MCP-DISP]. No target: a balanced spread.', nl: 'E17: open tickets per engineer met Hoog/Kritiek apart; signaleer scheve verdelingen zoals 15 open tegen 3 [MCP-DISP]. Geen norm: een evenwichtige verdeling.' },
  },
  queries: ({ db, params }) => ({
    open: withAlerts(
      db
        .selectFrom('ticket')
        .leftJoin('resource', 'resource.id', 'ticket.assigned_resource_id')
        .select((eb) => ['ticket.assigned_resource_id as resourceId', resourceName().as('resourceName'), 'ticket.priority as priority', eb.fn.countAll<number>().as('n')])
        .where(isOpen)
        .groupBy(['ticket.assigned_resource_id', 'resource.first_name', 'resource.last_name', 'ticket.priority']),
      params.includeAlerts,
    ),
  }),
  compute: ({ open }, { params }) => {
    const people = new Map<number, { resourceId: number; resourceName: string | null; open: number; urgent: number }>()
    let unassigned = 0
    for (const row of open) {
      const n = Number(row.n)
      if (row.resourceId === null) {
        unassigned += n
        continue
      }
      const id = Number(row.resourceId)
      const person = people.get(id) ?? { resourceId: id, resourceName: row.resourceName, open: 0, urgent: 0 }
      person.open += n
      if (params.urgentPriorities.includes(Number(row.priority))) person.urgent += n
      people.set(id, person)
    }
    const items = sortItems([...people.values()].map((p) => ({ key: String(p.resourceId), label: nameOf(p), value: p.open, highCritical: p.urgent })))
    const assigned = items.reduce((total, item) => total + (item.value ?? 0), 0)
    return { value: assigned, items, facts: { engineers: items.length, unassigned, most: items[0]?.label ?? null, mostOpen: items[0]?.value ?? 0, fewest: items.at(-1)?.value ?? 0 } }
  },
  context: ({ value, facts }, { params }) =>
    sentence((lang) => {
      const engineers = Number(facts?.engineers ?? 0)
      const unassigned = Number(facts?.unassigned ?? 0)
      // Unlike Unassigned tickets, this count keeps tickets under 30 minutes old (and alerts, unless includeAlerts is off).
      const scope = lang === 'en'
        ? params.includeAlerts ? 'alerts and tickets under 30 minutes old included' : 'tickets under 30 minutes old included'
        : params.includeAlerts ? 'alerts en tickets jonger dan 30 minuten meegeteld' : 'tickets jonger dan 30 minuten meegeteld'
      if (engineers === 0) return lang === 'en' ? `No open ticket is assigned; ${unassigned} unassigned (${scope}).` : `Er is geen open ticket toegewezen; ${unassigned} niet toegewezen (${scope}).`
      return lang === 'en'
        ? `${value} open tickets assigned to ${engineers} ${engineers === 1 ? 'engineer' : 'engineers'} (${facts?.mostOpen} for ${facts?.most}, fewest ${facts?.fewest}); ${unassigned} unassigned (${scope}).`
        : `${value} open tickets toegewezen aan ${engineers} ${engineers === 1 ? 'engineer' : 'engineers'} (${facts?.mostOpen} bij ${facts?.most}, minste ${facts?.fewest}); ${unassigned} niet toegewezen (${scope}).`
    }),
})
