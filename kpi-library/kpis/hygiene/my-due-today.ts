import { forMe, includeAlertsParam } from '../../sql.js'
import { addDays, dateStart, localDate, MINUTE } from '../../time.js'
import { defineKpi } from '../../types.js'
import { openTicketRows, TICKET_ASSIGNEE_FIELDS, tickets } from './shared.js'
import { FIELD } from '../../lists.js'
import { pluralWord, yours } from '../../format.js'

export const myDueToday = defineKpi({
  id: 'my_due_today',
  title: { en: 'My tickets due today', nl: 'Mijn tickets met deadline vandaag' },
  description: {
    en: 'Your open tickets whose due time falls today (local time), including those whose time has already passed. Monitoring alerts are left out. Finish them, or agree a new due time with the customer before it passes.',
    nl: 'Jouw open tickets met een deadline vandaag (lokale tijd), ook als het tijdstip al voorbij is. Monitoringalerts tellen niet mee. Rond ze af, of spreek met de klant een nieuwe deadline af voordat die verstrijkt.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['engineer', 'team-lead', 'service-manager'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'today', nl: 'vandaag' },
  params: { includeAlerts: includeAlertsParam(false) },
  band: { target: 0, warn: 3 },
  freshnessMinutes: 10,
  personal: true,
  action: {
    verb: { en: 'Finish or renegotiate', nl: 'Afronden of deadline verzetten' },
    leavesWhen: {
      en: 'the ticket is completed or its due time moves past today',
      nl: 'het ticket is afgerond of de deadline na vandaag komt te liggen',
    },
    owner: { en: 'me (the assignee)', nl: 'ikzelf (de behandelaar)' },
    fields: [
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.priority,
      FIELD.status,
      FIELD.dueAt,
      { key: 'minutesLeft', label: { en: 'Minutes left', nl: 'Minuten over' }, type: 'minutes' },
    ],
    sort: { en: 'earliest due time first', nl: 'vroegste deadline eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets (not complete) whose due date and time (the ticket's own, not an SLA due time) falls on today's local date, passed or not; monitoring alerts left out unless includeAlerts; the tickets assigned to the person, the whole desk's when nobody is chosen.",
      nl: 'Open tickets (niet afgerond) waarvan de deadline (die van het ticket zelf, geen SLA-deadline) op de datum van vandaag valt (lokale tijd), verstreken of niet; monitoringalerts niet tenzij includeAlerts; de tickets die aan de persoon zijn toegewezen, die van de hele servicedesk als er niemand is gekozen.',
    },
    sources: ['ticket.due_at', 'ticket.state', 'ticket.kind', 'ticket.assigned_resource_id'],
    industry: {
      en: "F4: run the day from the dashboard [AT-DASH], a daily view of scheduled tickets [MSPB-NT]; the due time is the ticket's own (ticket.due_at), as the catalog's field mapping (§6b) proposes for F4.",
      nl: 'F4: werk de dag af vanaf het dashboard [AT-DASH], een dagoverzicht van ingeplande tickets [MSPB-NT]; de deadline is die van het ticket zelf (ticket.due_at), zoals de veldtoewijzing van de catalogus (§6b) voor F4 voorstelt.',
    },
  },
  queries: ({ db, now, tz, me, params }) => {
    const today = localDate(now, tz)
    return {
      due: forMe(
        openTicketRows(db, params.includeAlerts)
          .where('ticket.due_at', '>=', dateStart(today, tz))
          .where('ticket.due_at', '<', dateStart(addDays(today, 1), tz)),
        'ticket.assigned_resource_id',
        me,
      ),
    }
  },
  compute: ({ due }, { now }) => {
    const rows = due
      .map((t) => ({ ...t, minutesLeft: Math.round((Date.parse(t.dueAt!) - now.getTime()) / MINUTE) }))
      .sort((a, b) => a.minutesLeft - b.minutesLeft || a.ticketId - b.ticketId)
    return { rows, facts: { count: rows.length, passed: rows.filter((t) => t.minutesLeft < 0).length } }
  },
  context: ({ facts }, { me }) => {
    const n = Number(facts?.count ?? 0)
    const passed = Number(facts?.passed ?? 0)
    const whose = yours(me)
    if (n === 0)
      return {
        en: `No open ticket${whose.en} is due today.`,
        nl: `Er staat vandaag geen open ticket${whose.nl} op de planning.`,
      }
    const t = tickets(n)
    return {
      en: `${t.en}${whose.en} ${pluralWord(n, 'is', 'are')} due today; ${passed} already past the due time.`,
      nl: `${t.nl}${whose.nl} ${pluralWord(n, 'moet', 'moeten')} vandaag af; bij ${passed} is de deadline al verstreken.`,
    }
  },
})
