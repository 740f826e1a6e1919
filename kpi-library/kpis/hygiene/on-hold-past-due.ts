import { exact, pluralWord } from '../../format.js'
import { forMe, includeAlertsParam } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { largestFirst, openTicketRows, TICKET_ASSIGNEE_FIELDS, tickets } from './shared.js'
import { FIELD } from '../../lists.js'
import { DAY } from '../../time.js'

export const onHoldPastDue = defineKpi({
  id: 'on_hold_past_due',
  title: { en: 'On hold past the due date', nl: 'On hold met verlopen deadline' },
  description: {
    en: 'Open tickets on hold or waiting (customer, vendor, materials, approval) whose due time has passed. Monitoring alerts are left out. Set a realistic new due date or resume the work.',
    nl: 'Open tickets die on hold staan of wachten (op klant, leverancier, materiaal of goedkeuring) en waarvan de deadline verstreken is. Monitoringalerts tellen niet mee. Plan een haalbare nieuwe deadline of pak het werk weer op.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['service-manager', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: { includeAlerts: includeAlertsParam(false) },
  band: { target: 0, warn: 3 },
  freshnessMinutes: 30,
  personal: true,
  action: {
    verb: { en: 'Re-plan or resume', nl: 'Opnieuw plannen of hervatten' },
    leavesWhen: {
      en: 'the due time is moved into the future, the ticket resumes, or it is completed',
      nl: 'de deadline in de toekomst ligt, het werk wordt hervat of het ticket is afgerond',
    },
    owner: { en: 'the assignee', nl: 'de behandelaar' },
    fields: [
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.status,
      { key: 'dueAt', label: { en: 'Was due', nl: 'Deadline was' }, type: 'datetime' },
      { key: 'daysPastDue', label: { en: 'Days past due', nl: 'Dagen over deadline' }, type: 'days' },
    ],
    sort: { en: 'most overdue first', nl: 'langst over de deadline eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets on hold or waiting on the customer (the statuses the MSP's settings mark so) whose due date and time (the ticket's own) lies before now; monitoring alerts left out unless includeAlerts; for one person, the tickets assigned to them.",
      nl: 'Open tickets die on hold staan of op de klant wachten (de statussen die de instellingen van de MSP zo aanmerken) waarvan de deadline (die van het ticket zelf) vóór nu ligt; monitoringalerts niet tenzij includeAlerts; voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: ['ticket.state', 'ticket.due_at', 'ticket.kind', 'ticket.assigned_resource_id'],
    industry: {
      en: "F7: a report of on-hold tickets past their due dates [AGMSP-ONE]; the due time is the ticket's own (ticket.due_at, the catalog's §6b proposal), not the SLA resolution due time.",
      nl: 'F7: een rapport van on-holdtickets met een verstreken deadline [AGMSP-ONE]; de deadline is die van het ticket zelf (ticket.due_at, voorstel in §6b van de catalogus), niet de SLA-deadline voor oplossing.',
    },
  },
  queries: ({ db, now, params, me }) => ({
    parked: forMe(
      openTicketRows(db, params.includeAlerts)
        .where('ticket.state', 'in', ['on_hold', 'waiting_customer'])
        .where('ticket.due_at', '<', now.toISOString()),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ parked }, { now }) => {
    const rows = largestFirst(
      parked.map((t) => ({ ...t, daysPastDue: exact((now.getTime() - Date.parse(t.dueAt!)) / DAY) })),
      (t) => now.getTime() - Date.parse(t.dueAt!),
    )
    return { rows, facts: { count: rows.length } }
  },
  context: ({ facts }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: 'No ticket on hold or waiting is past its due date.',
        nl: 'Geen wachtend of geparkeerd ticket is over de deadline.',
      }
    const t = tickets(n)
    return {
      en: `${t.en} on hold or waiting ${pluralWord(n, 'is', 'are')} past the due date.`,
      nl: `${t.nl} in de wacht ${pluralWord(n, 'is', 'zijn')} over de deadline.`,
    }
  },
})
