import { includeAlertsParam, URGENT } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, pluralWord } from '../../format.js'
import { listRow, nextSlaDue, openLongerThan } from './shared.js'
import { FIELD } from '../../lists.js'
import { minutesSince } from '../../time.js'

// Age in clock minutes, as asked for this list; the catalog's B10 variant counts business minutes.

export const ticketsUnassigned = defineKpi({
  id: 'tickets_unassigned',
  title: { en: 'Unassigned tickets', nl: 'Tickets zonder behandelaar' },
  description: {
    en: 'Open tickets created more than 30 minutes ago that nobody is assigned to, oldest first; monitoring alerts left out (the RMM queue handles those). Triage and assign them: a ticket without an owner is a dispatch failure.',
    nl: 'Open tickets die langer dan 30 minuten geleden zijn aangemaakt en aan niemand zijn toegewezen, oudste eerst; monitoringalerts niet meegeteld (die handelt de RMM-wachtrij af). Beoordeel en wijs ze toe: een ticket zonder eigenaar is een fout in de planning.',
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
      default: 30,
      min: 0,
      max: 1440,
      description: {
        en: 'Minutes after creation before an unassigned ticket is listed.',
        nl: 'Minuten na aanmaken voordat een ticket zonder behandelaar op de lijst komt.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  // 0: unassigned for more than 30 minutes is a dispatch failure [MCP-DISP].
  band: { target: 0, warn: 2 },
  freshnessMinutes: 5,
  personal: false,
  action: {
    verb: { en: 'Triage and assign', nl: 'Beoordelen en toewijzen' },
    leavesWhen: {
      en: 'a resource is assigned, or the ticket is completed',
      nl: 'er een behandelaar is toegewezen, of het ticket is afgerond',
    },
    owner: { en: 'the dispatcher', nl: 'de dispatcher' },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      FIELD.priority,
      FIELD.queue,
      { key: 'ageMinutes', label: { en: 'Age (min)', nl: 'Leeftijd (min)' }, type: 'minutes' },
      FIELD.contactName,
      FIELD.contactPhone,
      FIELD.status,
      FIELD.dueAt,
    ],
    sort: { en: 'oldest first', nl: 'oudste eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Open tickets (not complete) with no assigned resource, created more than 30 clock minutes ago (minutes); a ticket that only sits in a queue counts as unassigned; alerts left out unless includeAlerts.',
      nl: 'Open tickets (niet afgerond) zonder behandelaar, meer dan 30 klokminuten geleden aangemaakt (minutes); een ticket dat alleen in een wachtrij staat, telt als niet toegewezen; alerts tellen niet mee tenzij includeAlerts.',
    },
    sources: ['ticket.state', 'ticket.kind', 'ticket.created_at', 'ticket.assigned_resource_id'],
    industry: {
      en: 'B10: a new ticket left unworked for more than 30 minutes is a dispatch failure [MCP-DISP]; triage takes 8-12 minutes in practice [GRS-TRIAGE]. Counted in clock minutes where the catalog counts business minutes, so tickets that come in outside business hours show after 30 minutes too.',
      nl: 'B10: een nieuw ticket dat langer dan 30 minuten blijft liggen, is een fout in de planning [MCP-DISP]; beoordelen kost in de praktijk 8-12 minuten [GRS-TRIAGE]. Geteld in klokminuten waar de catalogus werkminuten telt, dus ook tickets die buiten kantoortijd binnenkomen staan er na 30 minuten op.',
    },
  },
  queries: (ctx) => ({
    tickets: openLongerThan(ctx, ctx.params.minutes, ctx.params.includeAlerts).where(
      'ticket.assigned_resource_id',
      'is',
      null,
    ),
  }),
  compute: ({ tickets }, { now }) => {
    // dueAt: the next SLA deadline (first response, then resolution), when the ticket has one.
    const rows = tickets.map((t) => ({
      ...listRow(t),
      ageMinutes: minutesSince(t.createdAt, now),
      dueAt: nextSlaDue(t)?.dueAt ?? null,
    }))
    return {
      rows,
      facts: { n: rows.length, urgent: rows.filter((r) => r.urgency !== null && r.urgency <= URGENT).length },
    }
  },
  context: ({ facts }, { params }) =>
    bothLanguages((lang) => {
      const { n, urgent } = facts
      if (n === 0)
        return lang === 'en'
          ? `Every ticket older than ${params.minutes} minutes has someone assigned.`
          : `Elk ticket ouder dan ${params.minutes} minuten heeft een behandelaar.`
      return lang === 'en'
        ? `${n} open ${pluralWord(n, 'ticket has', 'tickets have')} had nobody assigned for over ${params.minutes} minutes; ${urgent} ${pluralWord(urgent, 'is', 'are')} Critical or High.`
        : `${n} open ${pluralWord(n, 'ticket heeft', 'tickets hebben')} al meer dan ${params.minutes} minuten geen behandelaar; ${urgent} daarvan ${pluralWord(urgent, 'is', 'zijn')} kritiek of hoog.`
    }),
})
