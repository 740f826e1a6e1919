import { bothLanguages, exact, pluralWord, yours } from '../../format.js'
import { forMe, includeAlertsParam } from '../../sql.js'
import { formatDuration } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { largestFirst, openTicketRows, TICKET_ASSIGNEE_FIELDS, tickets } from './shared.js'
import { FIELD, unassigned } from '../../lists.js'
import { ago, HOUR } from '../../time.js'

// Last activity is the PSA's own last-activity time (creation time when it is empty). Clock hours, not
// business hours: the id's meaning is "no activity for 72 hours", weekends included.

export const ticketsStale = defineKpi({
  id: 'tickets_stale',
  title: { en: 'Stale tickets', nl: 'Stilgevallen tickets' },
  description: {
    en: 'Open tickets with no activity for more than 72 hours that are not waiting on the customer. Monitoring alerts are left out. Update the customer or move the ticket on today.',
    nl: 'Open tickets zonder activiteit in de afgelopen 72 uur die niet op de klant wachten. Monitoringalerts tellen niet mee. Informeer de klant of breng het ticket vandaag verder.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['service-manager', 'team-lead', 'engineer', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    hours: {
      type: 'number',
      default: 72,
      min: 1,
      max: 2000,
      description: {
        en: 'Hours without activity before a ticket counts as stale.',
        nl: 'Uren zonder activiteit waarna een ticket als stilgevallen telt.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  band: { target: 0, warn: 5 },
  freshnessMinutes: 30,
  personal: true,
  action: {
    verb: { en: 'Update the customer or move it on', nl: 'Klant bijpraten of ticket verder brengen' },
    leavesWhen: {
      en: 'any activity is logged on the ticket, or it is completed or set to waiting on the customer',
      nl: 'er activiteit op het ticket komt, of het is afgerond of op wacht op klant gezet',
    },
    owner: { en: 'the assignee', nl: 'de behandelaar' },
    fields: [
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.status,
      FIELD.lastActivityAt,
      { key: 'daysIdle', label: { en: 'Days idle', nl: 'Dagen stil' }, type: 'days' },
      FIELD.dueAt,
    ],
    sort: { en: 'oldest activity first', nl: 'langst stil eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets (not complete) not waiting on the customer (the statuses the MSP's settings mark so; on-hold tickets do count) whose last activity, or creation time when there is none, lies more than 72 clock hours back, weekends included; monitoring alerts left out unless includeAlerts; for one person, the tickets assigned to them.",
      nl: 'Open tickets (niet afgerond) die niet op de klant wachten (de statussen die de instellingen van de MSP zo aanmerken; on-holdtickets tellen wel mee) waarvan de laatste activiteit, of de aanmaaktijd als die er niet is, meer dan 72 klokuren terug ligt, weekenden inbegrepen; monitoringalerts niet tenzij includeAlerts; voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: [
      'ticket.state',
      'ticket.last_activity_at',
      'ticket.created_at',
      'ticket.kind',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "F1 (no update for 3 business days), but in 72 clock hours, with the ticket's last activity as the PSA records it. The 3 days are the catalog's own guess; an open-source PSA report flags tickets idle over 7 days [SEANM].",
      nl: 'F1 (3 werkdagen geen update), maar in 72 klokuren, met de laatste activiteit op het ticket zoals de PSA die vastlegt. De 3 dagen zijn een inschatting van de catalogus zelf; een opensource-rapport voor een PSA markeert tickets die langer dan 7 dagen stilstaan [SEANM].',
    },
  },
  queries: ({ db, now, params, me }) => ({
    stale: forMe(
      openTicketRows(db, params.includeAlerts)
        .where('ticket.state', '!=', 'waiting_customer')
        .where((eb) =>
          eb(eb.fn.coalesce('ticket.last_activity_at', 'ticket.created_at'), '<', ago(now, params.hours * HOUR)),
        ),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ stale }, { now }) => {
    const rows = largestFirst(
      stale.map((t) => ({ ...t, daysIdle: exact((now.getTime() - Date.parse(t.lastActivityAt)) / (24 * HOUR)) })),
      (t) => now.getTime() - Date.parse(t.lastActivityAt),
    )
    return { rows, facts: { count: rows.length, unassigned: unassigned(rows) } }
  },
  context: ({ facts }, { params, me }) => {
    const n = Number(facts?.count ?? 0)
    const unassigned = Number(facts?.unassigned ?? 0)
    const whose = yours(me)
    // The threshold in the rows' own words: 72 hours read as 3 days, as each row's idle time does.
    const idle = bothLanguages((lang) => formatDuration(params.hours * 60, 'clock', lang))
    if (n === 0)
      return {
        en: `No open ticket${whose.en} has been idle for more than ${idle.en}.`,
        nl: `Geen enkel open ticket${whose.nl} staat langer dan ${idle.nl} stil.`,
      }
    const t = tickets(n)
    return {
      en: `${t.en}${whose.en} had no activity for more than ${idle.en}${unassigned > 0 ? `; ${unassigned} unassigned` : ''}.`,
      nl: `${t.nl}${whose.nl} ${pluralWord(n, 'staat', 'staan')} al meer dan ${idle.nl} stil${unassigned > 0 ? `; ${unassigned} zonder behandelaar` : ''}.`,
    }
  },
})
