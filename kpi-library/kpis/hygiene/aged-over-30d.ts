import { exact, pluralWord } from '../../format.js'
import { forMe, includeAlertsParam } from '../../sql.js'
import { DAY, lastDays } from '../../time.js'
import { formatDays } from '../../time-text.js'
import { defineKpi } from '../../types.js'
import { largestFirst, openTicketRows, TICKET_ASSIGNEE_FIELDS, tickets } from './shared.js'
import { FIELD } from '../../lists.js'

export const agedOver30d = defineKpi({
  id: 'aged_over_30d',
  title: { en: 'Tickets open > 30 days', nl: 'Tickets > 30 dagen open' },
  description: {
    en: 'Tickets that have been open for more than 30 days (created before this time 30 days ago), monitoring alerts included: the same tickets as the oldest bucket of the backlog age mix. After a month a ticket has usually lost its purpose: close it, convert it into a project, or escalate it.',
    nl: 'Tickets die al meer dan 30 dagen open staan (aangemaakt vóór dit tijdstip 30 dagen geleden), monitoringalerts meegeteld: dezelfde tickets als de oudste groep van de leeftijd van de achterstand. Na een maand heeft een ticket meestal zijn doel verloren: sluit het, maak er een project van of escaleer het.',
  },
  group: 'hygiene',
  kind: 'list',
  roles: ['service-manager', 'team-lead', 'account-manager', 'integrator'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  params: {
    days: {
      type: 'integer',
      default: 30,
      min: 1,
      max: 3650,
      description: {
        en: 'Age in days before a ticket is listed.',
        nl: 'Leeftijd in dagen waarna een ticket op de lijst komt.',
      },
    },
    includeAlerts: includeAlertsParam(true),
  },
  band: { target: 0, warn: 5 },
  freshnessMinutes: 60,
  personal: true,
  action: {
    verb: { en: 'Close, convert or escalate', nl: 'Sluiten, omzetten of escaleren' },
    leavesWhen: { en: 'the ticket is completed', nl: 'het ticket is afgerond' },
    owner: { en: 'the team lead', nl: 'de teamleider' },
    fields: [
      ...TICKET_ASSIGNEE_FIELDS,
      FIELD.status,
      { key: 'createdAt', label: { en: 'Opened', nl: 'Geopend' }, type: 'datetime' },
      { key: 'ageDays', label: { en: 'Age (days)', nl: 'Leeftijd (dagen)' }, type: 'days' },
    ],
    sort: { en: 'oldest first', nl: 'oudste eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: 'Open tickets (not complete) created before this time 30 days ago, monitoring alerts included unless includeAlerts is off; for one person, the tickets assigned to them.',
      nl: 'Open tickets (niet afgerond) die vóór dit tijdstip 30 dagen geleden zijn aangemaakt, monitoringalerts meegeteld tenzij includeAlerts uit staat; voor één persoon, de tickets die aan hem of haar zijn toegewezen.',
    },
    sources: ['ticket.state', 'ticket.created_at', 'ticket.kind', 'ticket.assigned_resource_id'],
    industry: {
      en: 'F8: after 30 days a ticket has most likely lost its purpose [CIBER]; the > 30-day bucket of the backlog [HDI-BL] (A6) as a list.',
      nl: 'F8: na 30 dagen heeft een ticket waarschijnlijk zijn doel verloren [CIBER]; de groep > 30 dagen uit de achterstand [HDI-BL] (A6) als lijst.',
    },
  },
  queries: ({ db, now, tz, params, me }) => ({
    aged: forMe(
      openTicketRows(db, params.includeAlerts).where('ticket.created_at', '<', lastDays(now, tz, params.days).after),
      'ticket.assigned_resource_id',
      me,
    ),
  }),
  compute: ({ aged }, { now }) => {
    const rows = largestFirst(
      aged.map((t) => ({ ...t, ageDays: exact((now.getTime() - Date.parse(t.createdAt)) / DAY) })),
      (t) => now.getTime() - Date.parse(t.createdAt),
    )
    return { rows, facts: { count: rows.length, oldest: rows[0]?.ageDays ?? 0 } }
  },
  context: ({ facts }, { params }) => {
    const n = Number(facts?.count ?? 0)
    if (n === 0)
      return {
        en: `No ticket has been open for more than ${params.days} days.`,
        nl: `Geen ticket staat langer dan ${params.days} dagen open.`,
      }
    const t = tickets(n)
    return {
      en: `${t.en} ${pluralWord(n, 'has', 'have')} been open for more than ${params.days} days; the oldest for ${formatDays(Number(facts?.oldest), 'clock', 'en')}.`,
      nl: `${t.nl} ${pluralWord(n, 'staat', 'staan')} al meer dan ${params.days} dagen open; het oudste ${formatDays(Number(facts?.oldest), 'clock', 'nl')}.`,
    }
  },
})
