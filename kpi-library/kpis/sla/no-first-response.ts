import { forMe, includeAlertsParam, labelOf } from '../../sql.js'
import { formatDuration } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, pluralWord, yours } from '../../format.js'
import { businessHoursFor, listRow, openTicketListRows } from './shared.js'
import { FIELD, labelOr } from '../../lists.js'

export const noFirstResponse = defineKpi({
  id: 'no_first_response',
  title: { en: 'Tickets without a first response', nl: 'Tickets zonder eerste reactie' },
  description: {
    en: 'Open tickets nobody has responded to yet, oldest first (monitoring alerts left out). Make human contact and set expectations; an automatic reply does not count.',
    nl: 'Open tickets waarop nog niemand heeft gereageerd, oudste eerst (monitoringalerts niet meegeteld). Neem persoonlijk contact op en schep verwachtingen; een automatisch antwoord telt niet.',
  },
  group: 'sla',
  kind: 'list',
  roles: ['service-manager', 'engineer'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: { includeAlerts: includeAlertsParam(false) },
  // No ticket should sit without a response [BG-EXC].
  band: { target: 0, warn: 3 },
  freshnessMinutes: 5,
  personal: true,
  action: {
    verb: {
      en: 'Contact the customer and set expectations',
      nl: 'Neem contact op met de klant en schep verwachtingen',
    },
    leavesWhen: {
      en: 'a first response is recorded on the ticket, or it is completed',
      nl: 'er een eerste reactie op het ticket staat, of het is afgerond',
    },
    owner: { en: 'the service manager or the engineer on duty', nl: 'de servicemanager of de dienstdoende engineer' },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      FIELD.contactName,
      FIELD.contactPhone,
      {
        key: 'ageBusinessMinutes',
        label: { en: 'Waiting (business min)', nl: 'Wacht (werkminuten)' },
        type: 'minutes',
      },
      { key: 'sourceLabel', label: { en: 'Source', nl: 'Bron' }, type: 'text' },
      FIELD.priority,
      FIELD.assignee,
      FIELD.dueAt,
    ],
    sort: { en: 'oldest first', nl: 'oudste eerst' },
    ack: 'none',
  },
  about: {
    population: {
      en: 'Open tickets (not complete) without a first-response time, whatever their status, waiting ones included; alerts left out unless includeAlerts. On a personal dashboard, the tickets assigned to that person.',
      nl: 'Open tickets (niet afgerond) zonder tijdstip van eerste reactie, ongeacht hun status, wachtende tickets inbegrepen; alerts tellen niet mee tenzij includeAlerts. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen.',
    },
    sources: [
      'ticket.state',
      'ticket.kind',
      'ticket.first_response_at',
      'ticket.created_at',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "B9: no ticket should sit in New without a response [BG-EXC][BG-POP]; an automatic reply is no response [EVOLVED], so the list relies on the PSA setting its first-response time on a person's reply.",
      nl: 'B9: geen ticket hoort zonder reactie in New te blijven staan [BG-EXC][BG-POP]; een automatisch antwoord is geen reactie [EVOLVED], dus de lijst gaat ervan uit dat de PSA het eerste-reactietijdstip pas bij een antwoord van een mens zet.',
    },
  },
  queries: ({ db, params, me }) => ({
    tickets: forMe(
      openTicketListRows(db, params.includeAlerts)
        .select(['ticket.source as source', labelOf('ticketSource', 'ticket.source').as('sourceLabel')])
        .where('ticket.first_response_at', 'is', null)
        .orderBy('ticket.created_at')
        .orderBy('ticket.id'),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ tickets }, ctx) => {
    const rows = tickets.map((t) => ({
      ...listRow(t),
      sourceLabel: labelOr(t.sourceLabel, t.source, { en: 'Unknown', nl: 'Onbekend' }),
      ageBusinessMinutes: Math.round(businessHoursFor(t.createdAt, ctx.now, ctx) * 60),
      // The first response's SLA deadline, when the ticket has one.
      dueAt: t.firstResponseDueAt,
    }))
    return { rows, facts: { n: rows.length, oldest: rows[0]?.ageBusinessMinutes ?? null } }
  },
  context: ({ facts }, { me }) =>
    bothLanguages((lang) => {
      const { n, oldest } = facts
      const mine = yours(me)[lang]
      if (n === 0)
        return lang === 'en'
          ? `Every open ticket${mine} has had a first response.`
          : `Elk open ticket${mine} heeft een eerste reactie gehad.`
      return lang === 'en'
        ? `${n} open ${pluralWord(n, 'ticket', 'tickets')}${mine} still ${pluralWord(n, 'has', 'have')} no first response; the oldest has waited ${formatDuration(Number(oldest), 'business', lang)}.`
        : `${n} open ${pluralWord(n, 'ticket', 'tickets')}${mine} ${pluralWord(n, 'heeft', 'hebben')} nog geen eerste reactie; het oudste wacht al ${formatDuration(Number(oldest), 'business', lang)}.`
    }),
})
