import { includeAlertsParam } from '../../sql.js'
import { URGENCY } from '../../../db/psa-model.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, pluralWord } from '../../format.js'
import { listRow, nextSlaDue, openLongerThan } from './shared.js'
import { FIELD, unassigned } from '../../lists.js'
import { minutesSince } from '../../time.js'

// Clock minutes, not business minutes: a critical ticket is urgent at night too.

// What a row still lacks, in both languages (a result carries the one of its own).
const MISSING = {
  both: { en: 'assignee, first response', nl: 'behandelaar, eerste reactie' },
  assignee: { en: 'assignee', nl: 'behandelaar' },
  response: { en: 'first response', nl: 'eerste reactie' },
}

export const criticalNotPickedUp15m = defineKpi({
  id: 'critical_not_picked_up_15m',
  title: { en: 'Critical tickets not picked up within 15 minutes', nl: 'Kritieke tickets na 15 minuten niet opgepakt' },
  description: {
    en: 'Open Critical tickets older than 15 minutes that still have no assignee or no first response, monitoring alerts left out. Assign one now and acknowledge it to the customer at once.',
    nl: 'Open kritieke tickets ouder dan 15 minuten die nog geen behandelaar of geen eerste reactie hebben, monitoringalerts niet meegeteld. Wijs ze direct toe en bevestig ze meteen aan de klant.',
  },
  group: 'sla',
  kind: 'list',
  roles: ['service-manager', 'team-lead', 'engineer'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    minutes: {
      type: 'integer',
      default: 15,
      min: 1,
      max: 240,
      description: {
        en: 'Minutes after creation before a ticket counts as not picked up.',
        nl: 'Minuten na aanmaken voordat een ticket als niet opgepakt telt.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  // 0: a critical ticket still new after 15 minutes is already late [MCP-DISP].
  band: { target: 0, warn: 0 },
  freshnessMinutes: 5,
  personal: false,
  action: {
    verb: { en: 'Assign and acknowledge at once', nl: 'Direct toewijzen en bevestigen' },
    leavesWhen: {
      en: 'the ticket has an assignee and a first response, or it is completed',
      nl: 'het ticket een behandelaar én een eerste reactie heeft, of is afgerond',
    },
    owner: { en: 'the dispatcher or team lead', nl: 'de dispatcher of teamleider' },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      FIELD.contactName,
      FIELD.contactPhone,
      { key: 'minutesOpen', label: { en: 'Minutes open', nl: 'Minuten open' }, type: 'minutes' },
      { key: 'missing', label: { en: 'Missing', nl: 'Ontbreekt' }, type: 'text' },
      FIELD.assignee,
      FIELD.dueAt,
    ],
    sort: { en: 'oldest first', nl: 'oudste eerst' },
    ack: 'none',
  },
  about: {
    population: {
      en: 'Open tickets of urgency critical created more than 15 clock minutes ago (minutes) that have no assigned resource or no first response; alerts left out unless includeAlerts.',
      nl: 'Open tickets met urgentie kritiek die meer dan 15 klokminuten geleden zijn aangemaakt (minutes) en geen behandelaar of geen eerste reactie hebben; alerts tellen niet mee tenzij includeAlerts.',
    },
    sources: [
      'ticket.state',
      'ticket.urgency',
      'ticket.kind',
      'ticket.created_at',
      'ticket.assigned_resource_id',
      'ticket.first_response_at',
    ],
    industry: {
      en: 'B11: a critical ticket still new after 15 minutes is already past its expected response [MCP-DISP][HACKDASH]; target 0. Clock minutes, as the catalog has it, since a critical ticket is urgent at night too.',
      nl: "B11: een kritiek ticket dat na 15 minuten nog nieuw is, zit al over de verwachte reactietijd [MCP-DISP][HACKDASH]; norm 0. Klokminuten, zoals in de catalogus, want een kritiek ticket is ook 's nachts urgent.",
    },
  },
  queries: (ctx) => ({
    tickets: openLongerThan(ctx, ctx.params.minutes, ctx.params.includeAlerts)
      .where('ticket.urgency', '=', URGENCY.critical)
      .where((eb) =>
        eb.or([eb('ticket.assigned_resource_id', 'is', null), eb('ticket.first_response_at', 'is', null)]),
      ),
  }),
  compute: ({ tickets }, { now }) => {
    const rows = tickets.map((t) => ({
      ...listRow(t),
      minutesOpen: minutesSince(t.createdAt, now),
      missing:
        t.resourceId === null ? (t.firstResponseAt === null ? MISSING.both : MISSING.assignee) : MISSING.response,
      // The next SLA deadline (first response, then resolution), when the ticket has one.
      dueAt: nextSlaDue(t)?.dueAt ?? null,
    }))
    return { rows, facts: { n: rows.length, unassigned: unassigned(rows) } }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const { n, unassigned } = facts
      if (n === 0)
        return lang === 'en'
          ? `Every critical ticket was picked up within ${params.minutes} minutes.`
          : `Elk kritiek ticket is binnen ${params.minutes} minuten opgepakt.`
      return lang === 'en'
        ? `${n} critical ${pluralWord(n, 'ticket has', 'tickets have')} not been picked up after ${params.minutes} minutes; ${unassigned} ${pluralWord(unassigned, 'has', 'have')} nobody assigned.`
        : // "een kritiek ticket", "twee kritieke tickets": the adjective follows the noun's number.
          `${n} ${pluralWord(n, 'kritiek ticket is', 'kritieke tickets zijn')} na ${params.minutes} minuten nog niet opgepakt; bij ${unassigned} is niemand toegewezen.`
    }),
})
