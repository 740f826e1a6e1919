import { includeAlertsParam } from '../../sql.js'
import { bothLanguages, exact, pluralWord, yours } from '../../format.js'
import { defineKpi } from '../../types.js'
import {
  businessHoursFor,
  dueRow,
  nextSlaDue,
  runningSlaRows,
  RUNNING_SLA_SOURCES,
  SLA_EVENT_FIELD,
  DEADLINES_NOT_MOVED,
} from './shared.js'
import { FIELD, unassigned } from '../../lists.js'

// SLA times are the PSA's first-response and resolution due times (first_response_due_at, resolved_due_at),
// not the ticket's own due date. A ticket waiting on the customer is left out: its SLA clock is stopped. Overdue time is
// counted in business hours, as the SLA itself is.

export const slaBreachedOpen = defineKpi({
  id: 'sla_breached_open',
  title: { en: 'Open tickets past their SLA', nl: 'Open tickets over hun SLA heen' },
  description: {
    en: 'Open tickets whose SLA first-response or resolution time has passed, most overdue first; tickets waiting on the customer are left out, as the PSA stops their SLA clock while they wait, and so are monitoring alerts. Work each one now or escalate it, and tell the client what happens next.',
    nl: 'Open tickets waarvan de SLA-tijd voor de eerste reactie of de oplossing verstreken is, langst over tijd eerst; tickets die op de klant wachten tellen niet mee, want de PSA zet hun SLA-klok stil zolang ze wachten, en monitoringalerts ook niet. Pak ze nu op of escaleer ze, en laat de klant weten wat er gaat gebeuren.',
  },
  group: 'sla',
  kind: 'list',
  roles: ['service-manager', 'engineer', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  differs: DEADLINES_NOT_MOVED,
  params: { includeAlerts: includeAlertsParam(false) },
  // Get to zero [BG-EXC].
  band: { target: 0, warn: 2 },
  freshnessMinutes: 10,
  personal: true,
  action: {
    verb: { en: 'Work it now or escalate; inform the client', nl: 'Nu oppakken of escaleren; klant informeren' },
    leavesWhen: {
      en: 'the missing first response or resolution is given, the ticket is completed or moves to a waiting status, or its SLA due time is moved',
      nl: 'de ontbrekende eerste reactie of oplossing er is, het ticket is afgerond of op een wachtstatus staat, of de SLA-deadline is verschoven',
    },
    owner: { en: 'the assignee, else the service manager', nl: 'de behandelaar, anders de servicemanager' },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      FIELD.priority,
      FIELD.assignee,
      { key: 'overdueHours', label: { en: 'Overdue (business h)', nl: 'Over tijd (werkuren)' }, type: 'hours' },
      SLA_EVENT_FIELD,
      FIELD.status,
      FIELD.lastActivityAt,
      FIELD.contactName,
      FIELD.contactPhone,
    ],
    sort: { en: 'most overdue first', nl: 'langst over tijd eerst' },
    ack: 'none',
  },
  about: {
    population: {
      en: "Open tickets (not complete) not waiting on the customer (the statuses the MSP's settings mark as waiting on the customer) whose first-response due time passed without a first response, or whose resolution due time passed without a resolution; alerts left out unless includeAlerts. On a personal dashboard, the tickets assigned to that person.",
      nl: 'Open tickets (niet afgerond) die niet op de klant wachten (de statussen die de instellingen van de MSP als wachten op de klant aanmerken) en waarvan de deadline voor de eerste reactie verstreek zonder eerste reactie, of de oplosdeadline zonder oplossing; alerts tellen niet mee tenzij includeAlerts. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen.',
    },
    sources: [...RUNNING_SLA_SOURCES],
    industry: {
      en: 'B7, "Breached open" [EZYTS][MCP-DISP], on the SLA due times (first response and resolution) instead of the ticket\'s own due date, and without waiting tickets, whose SLA clock stands still; drive it to 0 [BG-EXC].',
      nl: 'B7, "Breached open" [EZYTS][MCP-DISP], op de SLA-deadlines (eerste reactie en oplossing) in plaats van de eigen deadline van het ticket, en zonder wachtende tickets, waarvan de SLA-klok stilstaat; werk naar 0 [BG-EXC].',
    },
  },
  queries: ({ db, now, params, me }) => {
    const at = now.toISOString()
    return {
      tickets: runningSlaRows(db, me, params.includeAlerts).where((eb) =>
        eb.or([
          eb.and([eb('ticket.first_response_at', 'is', null), eb('ticket.first_response_due_at', '<', at)]),
          eb.and([eb('ticket.resolved_at', 'is', null), eb('ticket.resolved_due_at', '<', at)]),
        ]),
      ),
    }
  },
  compute: ({ tickets }, ctx) => {
    const rows = tickets
      .map((t) => {
        const next = nextSlaDue(t)!
        return {
          ...dueRow(t, next),
          overdueHours: exact(businessHoursFor(next.dueAt, ctx.now, ctx)),
          overdueMs: ctx.now.getTime() - Date.parse(next.dueAt),
        }
      })
      .sort((a, b) => b.overdueHours - a.overdueHours || b.overdueMs - a.overdueMs || a.ticketId - b.ticketId)
      .map(({ overdueMs: _, ...row }) => row)
    return { rows, facts: { n: rows.length, unassigned: unassigned(rows) } }
  },
  context: ({ facts }, { me }) =>
    bothLanguages((lang) => {
      const { n, unassigned } = facts
      const mine = yours(me)[lang]
      if (n === 0)
        return lang === 'en'
          ? `No open ticket${mine} is past its SLA.`
          : `Geen enkel open ticket${mine} is over de SLA heen.`
      return lang === 'en'
        ? `${n} open ${pluralWord(n, 'ticket', 'tickets')}${mine} ${pluralWord(n, 'is', 'are')} past the SLA; ${unassigned} unassigned.`
        : `${n} open ${pluralWord(n, 'ticket', 'tickets')}${mine} ${pluralWord(n, 'is', 'zijn')} over de SLA heen; ${unassigned} zonder behandelaar.`
    }),
})
