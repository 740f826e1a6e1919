import { exact, pluralWord } from '../../format.js'
import { forMe, includeAlertsParam, URGENT } from '../../sql.js'
import { businessHoursBetween } from '../../time.js'
import { defineKpi } from '../../types.js'
import { largestFirst, openTicketRows, TICKET_ASSIGNEE_FIELDS, tickets } from './shared.js'
import { FIELD, unassigned } from '../../lists.js'

// Beyond the catalog's NOT WAIT, on-hold tickets are skipped too: a critical ticket parked
// at a vendor needs a due-date review (on_hold_past_due), not a nudge every two hours.

export const highPriorityIdle2h = defineKpi({
  id: 'high_priority_idle_2h',
  title: { en: 'High-priority tickets idle > 2 hours', nl: 'Hoge prioriteit > 2 uur stil' },
  description: {
    en: 'Open Critical and High tickets, not waiting or on hold, with no activity for more than 2 business hours. Monitoring alerts are left out. Act on them now or escalate to the team lead.',
    nl: 'Open tickets met prioriteit Kritiek of Hoog, niet wachtend of on hold, zonder activiteit in meer dan 2 werkuren. Monitoringalerts tellen niet mee. Pak ze nu op of escaleer naar de teamleider.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['service-manager', 'team-lead', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now (business hours)', nl: 'nu (werkuren)' },
  params: {
    hours: {
      type: 'number',
      default: 2,
      min: 0.25,
      max: 40,
      description: {
        en: 'Business hours without activity before a ticket is listed.',
        nl: 'Kantooruren zonder activiteit voordat een ticket op de lijst komt.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  band: { target: 0, warn: 2 },
  freshnessMinutes: 10,
  personal: true,
  action: {
    verb: { en: 'Act or escalate', nl: 'Oppakken of escaleren' },
    leavesWhen: {
      en: 'activity is logged on the ticket, or it is completed or set to waiting',
      nl: 'er activiteit op het ticket komt, of het is afgerond of op wachten gezet',
    },
    owner: { en: 'the assignee, then the team lead', nl: 'de behandelaar, daarna de teamleider' },
    fields: [
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.priority,
      FIELD.status,
      { key: 'idleHours', label: { en: 'Idle (business h)', nl: 'Stil (werkuren)' }, type: 'hours' },
    ],
    sort: { en: 'longest idle first', nl: 'langst stil eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets of urgency critical or high, neither waiting on the customer nor on hold (the statuses the MSP's settings mark so), with more than 2 business hours (on the configured office hours) since their last activity, or creation time when there is none; monitoring alerts left out unless includeAlerts; for one person, the tickets assigned to them.",
      nl: 'Open tickets met urgentie kritiek of hoog, die niet op de klant wachten en niet on hold staan (de statussen die de instellingen van de MSP zo aanmerken), met meer dan 2 werkuren (volgens de ingestelde openingstijden) sinds de laatste activiteit, of de aanmaaktijd als die er niet is; monitoringalerts niet tenzij includeAlerts; voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: [
      'ticket.urgency',
      'ticket.state',
      'ticket.last_activity_at',
      'ticket.created_at',
      'ticket.kind',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "F6: an escalated ticket without activity for 2 hours is a process failure [MCP-DISP]; a critical/high-idle wall-board tile [HACKDASH]. Last activity is the ticket's last activity as the PSA records it; on-hold tickets are skipped too, beyond the catalog's NOT WAIT.",
      nl: 'F6: een geëscaleerd ticket zonder activiteit gedurende 2 uur is een procesfout [MCP-DISP]; een tegel voor stilliggende kritieke/hoge tickets op een wallboard [HACKDASH]. Laatste activiteit is de laatste activiteit op het ticket zoals de PSA die vastlegt; naast de wachtende tickets uit de catalogus vallen ook on-holdtickets af.',
    },
  },
  queries: ({ db, params, me }) => ({
    high: forMe(
      openTicketRows(db, params.includeAlerts)
        .where('ticket.urgency', '<=', URGENT)
        .where('ticket.state', 'not in', ['waiting_customer', 'on_hold']),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ high }, { now, tz, hours, params }) => {
    const idle = high
      .map((t) => ({ t, hours: businessHoursBetween(new Date(t.lastActivityAt), now, tz, hours) }))
      .filter((x) => x.hours > params.hours)
    const rows = largestFirst(
      idle.map((x) => ({ ...x.t, idleHours: exact(x.hours), idle: x.hours })),
      (t) => t.idle,
    ).map(({ idle: _, ...t }) => t)
    return { rows, facts: { count: rows.length, unassigned: unassigned(rows) } }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: `Every high-priority ticket had activity in the last ${params.hours} business hours.`,
        nl: `Elk ticket met hoge prioriteit had activiteit in de afgelopen ${params.hours} werkuren.`,
      }
    const t = tickets(n)
    const unassigned = Number(facts?.unassigned ?? 0)
    return {
      en: `${t.en} with high priority ${pluralWord(n, 'has', 'have')} been idle for more than ${params.hours} business hours; ${unassigned} unassigned.`,
      nl: `${t.nl} met hoge prioriteit ${pluralWord(n, 'staat', 'staan')} al meer dan ${params.hours} werkuren stil; ${unassigned} zonder behandelaar.`,
    }
  },
})
