import { forMe, includeAlertsParam, urgencyRank } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { openTicketRows, TICKET_ASSIGNEE_FIELDS } from './shared.js'
import { FIELD } from '../../lists.js'
import { countOf } from '../../format.js'

export const myNextTickets = defineKpi({
  id: 'my_next_tickets',
  title: { en: 'My next tickets', nl: 'Mijn volgende tickets' },
  description: {
    en: 'Your open tickets you can work on now (not waiting on the customer or on hold), most urgent first: priority, then due time, then age. Monitoring alerts are left out. Start with the top one.',
    nl: 'Jouw open tickets waar je nu mee verder kunt (niet wachtend op de klant of on hold), urgentste eerst: prioriteit, dan deadline, dan leeftijd. Monitoringalerts tellen niet mee. Begin bovenaan.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['engineer'],
  unit: 'count',
  direction: 'neutral',
  window: { en: 'now', nl: 'nu' },
  params: {
    limit: {
      type: 'integer',
      default: 5,
      min: 1,
      max: 50,
      description: { en: 'How many tickets to show.', nl: 'Hoeveel tickets te tonen.' },
    },
    includeAlerts: includeAlertsParam(false),
  },
  band: null,
  freshnessMinutes: 10,
  personal: true,
  action: {
    verb: { en: 'Work the top one', nl: 'Pak de bovenste op' },
    leavesWhen: {
      en: 'the ticket is completed, set to waiting, or overtaken by a more urgent one',
      nl: 'het ticket is afgerond, op wachten gezet of ingehaald door een urgenter ticket',
    },
    owner: { en: 'me (the assignee)', nl: 'ikzelf (de behandelaar)' },
    fields: [
      { key: 'rank', label: { en: '#', nl: '#' }, type: 'number' },
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.priority,
      FIELD.status,
      FIELD.dueAt,
    ],
    sort: {
      en: 'priority, then due time (none last), then oldest',
      nl: 'prioriteit, dan deadline (zonder deadline achteraan), dan oudste',
    },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets (not complete), neither waiting on the customer nor on hold (the statuses the MSP's settings mark so), monitoring alerts left out unless includeAlerts, assigned to the person (the whole desk's when nobody is chosen); ranked by urgency (critical, high, medium, low), then due time (none last), then creation time. The top 5 (limit) are listed; the sentence counts all workable ones.",
      nl: 'Open tickets (niet afgerond) die niet op de klant wachten en niet on hold staan (de statussen die de instellingen van de MSP zo aanmerken), monitoringalerts niet tenzij includeAlerts, toegewezen aan de persoon (die van de hele servicedesk als er niemand is gekozen); gerangschikt op urgentie (kritiek, hoog, normaal, laag), dan deadline (zonder deadline achteraan), dan aanmaaktijd. De bovenste 5 (limit) staan op de lijst; de zin telt alle tickets die opgepakt kunnen worden.',
    },
    sources: [
      'ticket.state',
      'ticket.urgency',
      'ticket.due_at',
      'ticket.created_at',
      'ticket.kind',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "F5: NextTicket ranks by priority, importance and time criticality [MSPB-NT]; on-hold tickets are left out as well as the catalog's waiting ones.",
      nl: 'F5: NextTicket rangschikt op prioriteit, belang en tijdsdruk [MSPB-NT]; naast de wachtende tickets uit de catalogus vallen ook on-holdtickets af.',
    },
  },
  queries: ({ db, params, me }) => ({
    workable: forMe(
      openTicketRows(db, params.includeAlerts).where('ticket.state', 'not in', ['waiting_customer', 'on_hold']),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ workable }, { params }) => {
    const due = (t: { dueAt: string | null }) => t.dueAt ?? '9999'
    const ranked = [...workable].sort(
      (a, b) =>
        urgencyRank(a.urgency) - urgencyRank(b.urgency) ||
        due(a).localeCompare(due(b)) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.ticketId - b.ticketId,
    )
    const rows = ranked.slice(0, params.limit).map((t, i) => ({ ...t, rank: i + 1 }))
    return { rows, facts: { workable: workable.length, top: rows[0]?.ticketNumber ?? null } }
  },
  context: ({ facts }, { me }) => {
    const n = Number(facts?.workable ?? 0)
    const whose = me === null ? { en: 'The team has', nl: 'Het team heeft' } : { en: 'You have', nl: 'Je hebt' }
    if (n === 0)
      return {
        en: `${whose.en} no open ticket to work on right now.`,
        nl: `${whose.nl} nu geen open ticket om op te pakken.`,
      }
    return {
      en: `${whose.en} ${countOf(n, 'ticket', 'tickets')} to work on; start with ${facts?.top}.`,
      nl: `${whose.nl} ${countOf(n, 'ticket', 'tickets')} om op te pakken; begin met ${facts?.top}.`,
    }
  },
})
