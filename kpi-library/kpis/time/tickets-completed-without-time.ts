import type { NotNull } from 'kysely'
import { completedIn, includeAlertsParam, resourceName, ticketRows, withAlerts } from '../../sql.js'
import { DAY, lastDays } from '../../time.js'
import { defineKpi } from '../../types.js'
import { sentence } from './shared.js'
import { daysParam } from '../../params.js'
import { pluralWord } from '../../format.js'
import { FIELD, unassigned } from '../../lists.js'

// Any time entry counts, whatever its hours: the list is about tickets nobody booked on at all.
// Monitoring alerts are left out: the RMM tool opens and closes them by itself, with nobody's time on them.

export const ticketsCompletedWithoutTime = defineKpi({
  id: 'tickets_completed_without_time',
  title: { en: 'Completed tickets without time, last 7 days', nl: 'Afgeronde tickets zonder uren, afgelopen 7 dagen' },
  description: {
    en: 'Tickets completed in the last 7 days with no time entry at all, monitoring alerts left out. Work that is not logged cannot be billed or measured: add the time entry on the ticket today.',
    nl: 'Tickets die de afgelopen 7 dagen zijn afgerond zonder één tijdregistratie, monitoringalerts niet meegeteld. Werk dat niet geschreven is, kan niet gefactureerd of gemeten worden: schrijf de uren vandaag nog op het ticket.',
  },
  group: 'time',
  kind: 'list',
  roles: ['engineer', 'team-lead', 'finance', 'service-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'last 7 days', nl: 'afgelopen 7 dagen' },
  params: {
    days: daysParam(7, 90),
    includeAlerts: includeAlertsParam(false),
  },
  band: { target: 0, warn: 3 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Add the time entry', nl: 'Tijdregistratie toevoegen' },
    leavesWhen: { en: 'a time entry is added to the ticket', nl: 'er een tijdregistratie op het ticket staat' },
    owner: { en: 'the assigned engineer', nl: 'de toegewezen engineer' },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      { key: 'resourceName', label: { en: 'Engineer', nl: 'Engineer' }, type: 'text' },
      { key: 'completedByName', label: { en: 'Completed by', nl: 'Afgerond door' }, type: 'text' },
      { key: 'completedAt', label: { en: 'Completed', nl: 'Afgerond' }, type: 'datetime' },
    ],
    sort: { en: 'oldest completion first', nl: 'oudste afronding eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Tickets completed (closed in the PSA) in the last 7 days (days) with no time entry at all, whatever its hours; alerts left out unless includeAlerts. On a personal dashboard, the tickets assigned to or completed by that person.',
      nl: 'Tickets die de afgelopen 7 dagen (days) zijn afgerond (gesloten in de PSA) zonder één tijdregistratie, ongeacht de uren; alerts tellen niet mee tenzij includeAlerts. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen of door die persoon zijn afgerond.',
    },
    sources: [
      'ticket.state',
      'ticket.completed_at',
      'ticket.kind',
      'ticket.assigned_resource_id',
      'ticket.completed_by_resource_id',
      'time_entry.ticket_id',
    ],
    industry: {
      en: "E11, looser on the entry: any entry, even one of 0 hours, takes a ticket off the list, where the catalog asks for hours worked above 0; an MSP's reminder workflow that checks time entries are done [GEEKGIRLS].",
      nl: 'E11, ruimer wat de registratie betreft: elke registratie, ook een van 0 uur, haalt een ticket van de lijst, waar de catalogus gewerkte uren boven 0 vraagt; de herinneringsworkflow van een MSP die controleert of de uren geschreven zijn [GEEKGIRLS].',
    },
  },
  drill: { query: 'tickets', date: 'completedAt', recompute: true },
  queries: ({ db, now, tz, params, me, window }) => {
    let query = withAlerts(
      ticketRows(db)
        .leftJoin('resource as completer', 'completer.id', 'ticket.completed_by_resource_id')
        .select([
          'ticket.completed_at as completedAt',
          'ticket.completed_by_resource_id as completedById',
          resourceName('completer').as('completedByName'),
        ])
        .where(completedIn(window ?? lastDays(now, tz, params.days)))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('time_entry').select('time_entry.id').whereRef('time_entry.ticket_id', '=', 'ticket.id'),
            ),
          ),
        )
        .$narrowType<{ completedAt: NotNull }>(),
      params.includeAlerts,
    )
    if (me !== null)
      query = query.where((eb) =>
        eb.or([eb('ticket.assigned_resource_id', '=', me), eb('ticket.completed_by_resource_id', '=', me)]),
      )
    return { tickets: query }
  },
  compute: ({ tickets }, { now }) => {
    const rows = tickets
      .map((row) => ({
        ...row,
        completedByName: row.completedByName || null,
        daysSince: Math.floor((now.getTime() - Date.parse(row.completedAt)) / DAY),
      }))
      .sort((a, b) =>
        a.completedAt < b.completedAt ? -1 : a.completedAt > b.completedAt ? 1 : a.ticketId - b.ticketId,
      )
    return { rows, facts: { tickets: rows.length, unassigned: unassigned(rows) } }
  },
  context: ({ facts }, { params }) => {
    const count = Number(facts?.tickets ?? 0)
    const unassigned = Number(facts?.unassigned ?? 0)
    return sentence((lang) => {
      if (count === 0)
        return lang === 'en'
          ? `Every ticket completed in the last ${params.days} days has time on it.`
          : `Op elk ticket dat de afgelopen ${params.days} dagen is afgerond, staan uren.`
      const tail =
        unassigned === 0
          ? ''
          : lang === 'en'
            ? `; ${unassigned} without an engineer`
            : `; ${unassigned} zonder engineer`
      return lang === 'en'
        ? `${count} ${pluralWord(count, 'ticket was', 'tickets were')} completed in the last ${params.days} days without any time logged${tail}.`
        : `${count} ${pluralWord(count, 'ticket is', 'tickets zijn')} de afgelopen ${params.days} dagen afgerond zonder geschreven uren${tail}.`
    })
  },
})
