import { includeAlertsParam } from '../../sql.js'
import { defineKpi } from '../../types.js'
import { bothLanguages, countOf, pluralWord, yours } from '../../format.js'
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

// "Within 2 hours" is counted in business hours: a ticket due at 09:00 on Monday is at risk on
// Friday evening. The next SLA event is the first response until it is given, then the resolution.

export const slaAtRisk2h = defineKpi({
  id: 'sla_at_risk_2h',
  title: {
    en: 'Tickets breaching SLA within 2 business hours',
    nl: 'Tickets die binnen 2 werkuren hun SLA overschrijden',
  },
  description: {
    en: 'Open tickets, not waiting on the customer, whose next SLA deadline (first response or resolution) falls within the next 2 business hours; monitoring alerts left out. Start on them now or hand them over before they breach.',
    nl: 'Open tickets, niet wachtend op de klant, waarvan de volgende SLA-deadline (eerste reactie of oplossing) binnen de komende 2 werkuren valt; monitoringalerts niet meegeteld. Begin er nu aan of draag ze over voordat de SLA verloopt.',
  },
  group: 'sla',
  kind: 'list',
  roles: ['service-manager', 'engineer', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  differs: DEADLINES_NOT_MOVED,
  params: {
    riskHours: {
      type: 'number',
      default: 2,
      min: 0.25,
      max: 24,
      description: {
        en: 'Business hours ahead that count as at risk.',
        nl: 'Aantal werkuren vooruit dat als risico telt.',
      },
    },
    includeAlerts: includeAlertsParam(false),
  },
  // 0 unless an owner is actively working it (catalog B8).
  band: { target: 0, warn: 3 },
  freshnessMinutes: 5,
  personal: true,
  action: {
    verb: { en: 'Start or hand over before the breach', nl: 'Oppakken of overdragen vóór de overschrijding' },
    leavesWhen: {
      en: 'the first response or resolution is given, the ticket moves to a waiting status, or the deadline passes (then it is on the breached list)',
      nl: 'de eerste reactie of oplossing is gegeven, het ticket op een wachtstatus komt, of de deadline verstrijkt (dan staat het op de lijst met overschrijdingen)',
    },
    owner: {
      en: 'the assignee, or the service manager when unassigned',
      nl: 'de behandelaar, of de servicemanager als niemand is toegewezen',
    },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      FIELD.priority,
      FIELD.assignee,
      { key: 'minutesLeft', label: { en: 'Business minutes left', nl: 'Werkminuten over' }, type: 'minutes' },
      SLA_EVENT_FIELD,
      FIELD.dueAt,
      FIELD.status,
    ],
    sort: { en: 'least time left first', nl: 'minste tijd over eerst' },
    ack: 'none',
  },
  about: {
    population: {
      en: "Open tickets not waiting on the customer (the statuses the MSP's settings mark as waiting on the customer) whose next SLA event (the first response until it is given, then the resolution) is due within the next 2 business hours (riskHours) and has not passed yet; alerts left out unless includeAlerts. On a personal dashboard, the tickets assigned to that person.",
      nl: 'Open tickets die niet op de klant wachten (de statussen die de instellingen van de MSP als wachten op de klant aanmerken) en waarvan het volgende SLA-moment (de eerste reactie tot die gegeven is, daarna de oplossing) binnen de komende 2 werkuren valt (riskHours) en nog niet verstreken is; alerts tellen niet mee tenzij includeAlerts. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen.',
    },
    sources: [...RUNNING_SLA_SOURCES],
    industry: {
      en: 'B8: SLA due within 2 hours [MCP-DISP], like a PSA board filter "SLA event due in 2h" [TOPLEFT]; the hours are business hours. 0 unless someone is actively working it.',
      nl: 'B8: SLA-deadline binnen 2 uur [MCP-DISP], zoals het PSA-filter "SLA event due in 2h" [TOPLEFT]; het zijn werkuren. 0, tenzij iemand er actief aan werkt.',
    },
  },
  queries: ({ db, now, params, me }) => {
    const at = now.toISOString()
    return {
      tickets: runningSlaRows(db, me, params.includeAlerts).where((eb) =>
        eb.or([eb('ticket.first_response_due_at', '>=', at), eb('ticket.resolved_due_at', '>=', at)]),
      ),
    }
  },
  compute: ({ tickets }, ctx) => {
    const at = ctx.now.toISOString()
    const rows = tickets
      .flatMap((t) => {
        const next = nextSlaDue(t)
        if (next === null || next.dueAt < at) return []
        const left = businessHoursFor(ctx.now, next.dueAt, ctx)
        // A deadline exactly 2 business hours away is at risk too (within means <=).
        return left <= ctx.params.riskHours ? [{ ...dueRow(t, next), minutesLeft: Math.round(left * 60) }] : []
      })
      .sort((a, b) => a.minutesLeft - b.minutesLeft || a.dueAt.localeCompare(b.dueAt) || a.ticketId - b.ticketId)
    return { rows, facts: { n: rows.length, unassigned: unassigned(rows) } }
  },
  context: ({ facts }, { params, me }) =>
    bothLanguages((lang) => {
      const { n, unassigned } = facts
      const mine = yours(me)[lang]
      const h = String(params.riskHours).replace('.', lang === 'nl' ? ',' : '.')
      if (n === 0)
        return lang === 'en'
          ? `No ticket${mine} breaches its SLA within ${h} business hours.`
          : `Geen ticket${mine} overschrijdt binnen ${h} ${pluralWord(params.riskHours, 'werkuur', 'werkuren')} de SLA.`
      return lang === 'en'
        ? `${countOf(n, 'ticket', 'tickets')}${mine} ${pluralWord(n, 'breaches its', 'breach their')} SLA within ${h} business hours; ${unassigned} ${pluralWord(unassigned, 'is', 'are')} unassigned.`
        : `${countOf(n, 'ticket', 'tickets')}${mine} ${pluralWord(n, 'overschrijdt', 'overschrijden')} binnen ${h} ${pluralWord(params.riskHours, 'werkuur', 'werkuren')} de SLA; ${unassigned} zonder behandelaar.`
    }),
})
