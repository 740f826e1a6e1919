import type { NotNull } from 'kysely'
import { includeAlertsParam } from '../../sql.js'
import { bothLanguages, exact, pluralWord, yours } from '../../format.js'
import { defineKpi } from '../../types.js'
import { businessHoursFor, listRow, runningSlaRows, DEADLINES_NOT_MOVED } from './shared.js'
import { FIELD } from '../../lists.js'

// The PSA's third SLA event: the resolution plan (ticket.resolution_plan_due_at). It does not feed the
// ticket's overall SLA verdict here, so it gets its own list rather than a place in sla_breached_open.

export const resolutionPlanOverdue = defineKpi({
  id: 'resolution_plan_overdue',
  title: { en: 'Resolution plan overdue', nl: 'Oplosplan te laat' },
  description: {
    en: 'Open, unresolved tickets whose SLA resolution-plan time has passed without a plan, most overdue first; tickets waiting on the customer are left out, as the PSA stops their SLA clock while they wait, and so are monitoring alerts. Write the plan on the ticket and share it with the customer: what you will do and by when.',
    nl: 'Open, nog niet opgeloste tickets waarvan de SLA-tijd voor het oplosplan verstreken is zonder plan, langst over tijd eerst; tickets die op de klant wachten tellen niet mee, want de PSA zet hun SLA-klok stil zolang ze wachten, en monitoringalerts ook niet. Zet het plan op het ticket en deel het met de klant: wat je gaat doen en wanneer.',
  },
  group: 'sla',
  kind: 'list',
  roles: ['service-manager', 'engineer', 'team-lead'],
  unit: 'count',
  direction: 'lower',
  window: { en: 'now', nl: 'nu' },
  differs: DEADLINES_NOT_MOVED,
  params: { includeAlerts: includeAlertsParam(false) },
  band: { target: 0, warn: 3 },
  freshnessMinutes: 15,
  personal: true,
  action: {
    verb: { en: 'Write and share the resolution plan', nl: 'Oplosplan opstellen en delen' },
    leavesWhen: {
      en: 'a resolution plan is recorded, the ticket is resolved or completed, or it moves to a waiting status',
      nl: 'er een oplosplan is vastgelegd, het ticket is opgelost of afgerond, of het op een wachtstatus komt',
    },
    owner: { en: 'the assignee, else the service manager', nl: 'de behandelaar, anders de servicemanager' },
    fields: [
      FIELD.ticketNumber,
      FIELD.ticketTitle,
      FIELD.companyName,
      FIELD.priority,
      FIELD.assignee,
      { key: 'overdueHours', label: { en: 'Overdue (business h)', nl: 'Over tijd (werkuren)' }, type: 'hours' },
      FIELD.dueAt,
      FIELD.status,
      FIELD.contactName,
      FIELD.contactPhone,
    ],
    sort: { en: 'most overdue first', nl: 'langst over tijd eerst' },
    ack: 'take',
  },
  about: {
    population: {
      en: "Open tickets, not resolved and not waiting on the customer (the statuses the MSP's settings mark as waiting on the customer), whose resolution-plan due time has passed with no resolution plan recorded; alerts left out unless includeAlerts. On a personal dashboard, the tickets assigned to that person.",
      nl: 'Open tickets, nog niet opgelost en niet wachtend op de klant (de statussen die de instellingen van de MSP als wachten op de klant aanmerken), waarvan de deadline voor het oplosplan verstreken is zonder vastgelegd oplosplan; alerts tellen niet mee tenzij includeAlerts. Op een persoonlijk dashboard de tickets die aan die persoon zijn toegewezen.',
    },
    sources: [
      'ticket.state',
      'ticket.kind',
      'ticket.resolution_plan_due_at',
      'ticket.resolution_plan_at',
      'ticket.resolved_at',
      'ticket.assigned_resource_id',
    ],
    industry: {
      en: "No catalog id of its own: the third SLA event of a PSA, the resolution plan [TOPLEFT] (ConnectWise's Plan [CW-KANBAN]), listed the way B7 lists the other two; the catalog names the resolution-plan due time as a gap, now synced.",
      nl: 'Geen eigen nummer in de catalogus: het derde SLA-moment van een PSA, het oplosplan [TOPLEFT] (Plan bij ConnectWise [CW-KANBAN]), als lijst zoals B7 de andere twee toont; de catalogus noemt de deadline voor het oplosplan als ontbrekend veld, dat nu wordt gesynchroniseerd.',
    },
  },
  queries: ({ db, now, params, me }) => ({
    tickets: runningSlaRows(db, me, params.includeAlerts)
      .select('ticket.resolution_plan_due_at as dueAt')
      .where('ticket.resolution_plan_at', 'is', null)
      .where('ticket.resolved_at', 'is', null)
      .where('ticket.resolution_plan_due_at', '<', now.toISOString())
      .$narrowType<{ dueAt: NotNull }>()
      .orderBy('ticket.resolution_plan_due_at')
      .orderBy('ticket.id'),
  }),
  compute: ({ tickets }, ctx) => {
    // The query already orders by due time, i.e. most overdue first, ties by id.
    const rows = tickets.map((t) => ({ ...listRow(t), overdueHours: exact(businessHoursFor(t.dueAt, ctx.now, ctx)) }))
    return { rows, facts: { n: rows.length } }
  },
  context: ({ facts }, { me }) =>
    bothLanguages((lang) => {
      const n = facts.n
      const mine = yours(me)[lang]
      if (n === 0)
        return lang === 'en'
          ? `No open ticket${mine} is waiting for an overdue resolution plan.`
          : `Geen open ticket${mine} wacht op een oplosplan dat te laat is.`
      return lang === 'en'
        ? `${n} open ${pluralWord(n, 'ticket', 'tickets')}${mine} passed the SLA time for a resolution plan without one.`
        : `${n} open ${pluralWord(n, 'ticket', 'tickets')}${mine} ${pluralWord(n, 'heeft', 'hebben')} de SLA-tijd voor een oplosplan overschreden zonder plan.`
    }),
})
