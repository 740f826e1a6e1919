import { sql } from 'kysely'
import { includeAlertsParam, URGENT } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { nameOf, openPerAssignee, sentence, sortItems } from './shared.js'
import { ago, MINUTE } from '../../time.js'
import { countOf, pluralWord } from '../../format.js'

/** Unassigned tickets' default age: the unassigned tickets younger than this are not on that tile. */
const UNASSIGNED_MINUTES = 30

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
    includeAlerts: includeAlertsParam(true),
  },
  band: null,
  freshnessMinutes: 10,
  personal: false,
  backfill: false,
  about: {
    population: {
      en: 'Open tickets (not complete) with an assigned resource, active or not, alerts included unless includeAlerts is off; urgent = urgency critical or high. Unassigned open tickets are counted in the sentence, not in a bar. The engineers are the people holding open tickets (the sentence says "assigned to N engineers"), not the billable technicians of the per-technician figures.',
      nl: 'Open tickets (niet afgerond) met een behandelaar, actief of niet, alerts meegeteld tenzij includeAlerts uit staat; urgent = urgentie kritiek of hoog. Open tickets zonder behandelaar worden in de zin geteld, niet in een balk. De engineers zijn de mensen met open tickets (de zin zegt "toegewezen aan N engineers"), niet de declarabele technici van de cijfers per technicus.',
    },
    sources: ['ticket.state', 'ticket.assigned_resource_id', 'ticket.urgency', 'ticket.kind'],
    industry: {
      en: 'E17: open tickets per engineer with High/Critical shown; flag imbalances such as 15 open against 3 [MCP-DISP]. No target: a balanced spread.',
      nl: 'E17: open tickets per engineer met Hoog/Kritiek apart; signaleer scheve verdelingen zoals 15 open tegen 3 [MCP-DISP]. Geen norm: een evenwichtige verdeling.',
    },
  },
  queries: ({ db, now, params }) => ({
    open: openPerAssignee(db, params.includeAlerts)
      .select((eb) => [
        'ticket.urgency as urgency',
        eb.fn.countAll<number>().as('n'),
        // Of the unassigned: the alerts, and the other tickets too new for Unassigned tickets (30 minutes, its default).
        sql<number>`sum(case when ticket.kind = 'alert' then 1 else 0 end)`.as('alerts'),
        sql<number>`sum(case when (ticket.kind is null or ticket.kind != 'alert') and ticket.created_at >= ${ago(now, UNASSIGNED_MINUTES * MINUTE)} then 1 else 0 end)`.as(
          'young',
        ),
      ])
      .groupBy('ticket.urgency'),
  }),
  compute: ({ open }) => {
    const people = new Map<number, { resourceId: number; resourceName: string | null; open: number; urgent: number }>()
    let unassigned = 0
    let alerts = 0
    let young = 0
    for (const row of open) {
      const n = Number(row.n)
      if (row.resourceId === null) {
        unassigned += n
        alerts += Number(row.alerts)
        young += Number(row.young)
        continue
      }
      const id = Number(row.resourceId)
      const person = people.get(id) ?? { resourceId: id, resourceName: row.resourceName, open: 0, urgent: 0 }
      person.open += n
      if (row.urgency !== null && row.urgency <= URGENT) person.urgent += n
      people.set(id, person)
    }
    const items = sortItems(
      [...people.values()].map((p) => ({
        key: String(p.resourceId),
        label: nameOf(p),
        value: p.open,
        highCritical: p.urgent,
      })),
    )
    const assigned = items.reduce((total, item) => total + (item.value ?? 0), 0)
    return {
      value: assigned,
      items,
      facts: {
        engineers: items.length,
        unassigned,
        alerts,
        young,
        waiting: unassigned - alerts - young,
        most: items[0]?.label ?? null,
        mostOpen: items[0]?.value ?? 0,
        fewest: items.at(-1)?.value ?? 0,
      },
    }
  },
  context: ({ value, facts }) =>
    sentence((lang) => {
      const engineers = Number(facts?.engineers ?? 0)
      const unassigned = Number(facts?.unassigned ?? 0)
      // The unassigned split so the wall adds up: Open tickets = the bars + these; Unassigned tickets shows the waiting ones.
      const parts = [
        [
          Number(facts?.waiting ?? 0),
          `waiting over ${UNASSIGNED_MINUTES} minutes`,
          `langer dan ${UNASSIGNED_MINUTES} minuten wachtend`,
        ],
        [
          Number(facts?.alerts ?? 0),
          pluralWord(Number(facts?.alerts), 'monitoring alert', 'monitoring alerts'),
          pluralWord(Number(facts?.alerts), 'monitoringalert', 'monitoringalerts'),
        ],
        [
          Number(facts?.young ?? 0),
          `under ${UNASSIGNED_MINUTES} minutes old`,
          `jonger dan ${UNASSIGNED_MINUTES} minuten`,
        ],
      ] as const
      const split = parts.filter(([n]) => n > 0).map(([n, en, nl]) => `${n} ${lang === 'en' ? en : nl}`)
      const scope = split.length > 0 ? ` (${split.join(', ')})` : ''
      if (engineers === 0)
        return lang === 'en'
          ? `No open ticket is assigned; ${unassigned} unassigned${scope}.`
          : `Er is geen open ticket toegewezen; ${unassigned} niet toegewezen${scope}.`
      return lang === 'en'
        ? `${value} open ${pluralWord(value, 'ticket', 'tickets')} assigned to ${countOf(engineers, 'engineer', 'engineers')} (${facts?.mostOpen} for ${facts?.most}, fewest ${facts?.fewest}); not in the bars: ${unassigned} unassigned${scope}.`
        : `${value} open ${pluralWord(value, 'ticket', 'tickets')} toegewezen aan ${countOf(engineers, 'engineer', 'engineers')} (${facts?.mostOpen} bij ${facts?.most}, minste ${facts?.fewest}); niet in de balken: ${unassigned} niet toegewezen${scope}.`
    }),
})
