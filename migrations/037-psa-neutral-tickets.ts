import { type Kysely, sql } from 'kysely'
import { dropRetiredParams, type RetiredParams } from './shared/retired-params.js'

// The PSA-neutral model (issue 16, db/psa-model.ts): a ticket carries what its PSA's codes mean, so the
// KPI library reads one vocabulary on every PSA.
// - state: open, waiting_customer, on_hold, resolved or complete (a status id means nothing across PSAs);
// - kind: service_request, incident, problem, change or alert;
// - urgency: 1 critical to 4 low (Autotask numbers its priorities 4, 1, 2, 3; ConnectWise by board).
// Rows synced before this migration are Autotask's; they get the meanings of Autotask's standard values,
// which the connector's next pass refines by the tenant's own labels and the MSP's settings.
// The KPI parameters that named those codes (waitingStatuses, priorities ...) are gone: stored tiles and
// goals drop them, as migration 023 did for its parameters. The lists are written out: a migration stays
// as it was written.

const RETIRED: RetiredParams = {
  my_next_tickets: ['waitingStatuses', 'holdStatuses'],
  waiting_customer_over_5d: ['waitingStatuses'],
  on_hold_past_due: ['waitingStatuses', 'holdStatuses'],
  high_priority_idle_2h: ['waitingStatuses', 'holdStatuses', 'priorities'],
  tickets_stale: ['waitingStatuses'],
  alert_ticket_share: ['alertTypes'],
  reopen_rate: ['resolvedStatuses'],
  resolved_not_closed: ['resolvedStatuses'],
  reopened_this_week: ['resolvedStatuses'],
  recurring_issue_clients: ['ticketTypes', 'problemTicketType'],
  rhem: ['reactiveTypes'],
  open_workload_per_engineer: ['urgentPriorities'],
  workload_imbalance: ['urgentPriorities'],
  breach_rate_7d: ['waitingStatuses'],
  resolution_plan_overdue: ['waitingStatuses'],
  sla_at_risk_2h: ['waitingStatuses'],
  sla_breached_open: ['waitingStatuses'],
  critical_not_picked_up_15m: ['priorities'],
  mttr_incidents: ['incidentTypes'],
  resolution_p90: ['ticketTypes'],
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ticket')
    .addColumn('state', 'text', (col) => col.notNull().defaultTo('open'))
    .execute()
  await db.schema.alterTable('ticket').addColumn('kind', 'text').execute()
  await db.schema.alterTable('ticket').addColumn('urgency', 'integer').execute()
  await sql`update ticket set
    state = case when status = 5 then 'complete' when status = 7 then 'waiting_customer'
      when status in (16, 20) then 'resolved' when status in (9, 12, 13, 17) then 'on_hold' else 'open' end,
    kind = case ticket_type when 1 then 'service_request' when 2 then 'incident' when 3 then 'problem'
      when 4 then 'change' when 5 then 'alert' end,
    urgency = case priority when 4 then 1 when 1 then 2 when 2 then 3 when 3 then 4 end`.execute(db)

  // The open-ticket and completed-in-window access paths, on the state instead of Autotask's Complete (5).
  await db.schema.dropIndex('ticket_open_idx').ifExists().execute()
  await db.schema.dropIndex('ticket_status_completed_at_idx').ifExists().execute()
  await db.schema.createIndex('ticket_state_completed_at_idx').on('ticket').columns(['state', 'completed_at']).execute()
  await db.schema
    .createIndex('ticket_open_idx')
    .on('ticket')
    .columns(['resolved_at', 'state'])
    .where(sql.raw<boolean>(`state != 'complete'`))
    .execute()

  await dropRetiredParams(db, RETIRED)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ticket_open_idx').ifExists().execute()
  await db.schema.dropIndex('ticket_state_completed_at_idx').ifExists().execute()
  await db.schema
    .createIndex('ticket_status_completed_at_idx')
    .on('ticket')
    .columns(['status', 'completed_at'])
    .execute()
  await db.schema
    .createIndex('ticket_open_idx')
    .on('ticket')
    .columns(['resolved_at', 'status'])
    .where(sql.raw<boolean>('status != 5'))
    .execute()
  for (const column of ['urgency', 'kind', 'state']) await db.schema.alterTable('ticket').dropColumn(column).execute()
}
