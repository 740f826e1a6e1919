import type { Kysely } from 'kysely'

// KPI library 2.0 dropped some parameters (issue 10). Tiles and company goals saved with them would
// now be refused at evaluation, so their stored parameters are rewritten once, here, with the
// meaning they had: a ticket-type exclusion without Alert (5) meant "alerts in", which is now
// `includeAlerts: true`; the other dropped parameters have no counterpart and are removed.
// The lists are written out, not read from the library: a migration stays as it was written.

const ALERT = 5
const HAD_TYPE_EXCLUSION = new Set([
  'no_first_response',
  'first_touch_resolution',
  'single_tech_resolution',
  'reopen_rate',
  'reopened_this_week',
  'hours_per_ticket',
  'escalation_rate',
  'csat_response_rate',
  'tickets_completed_without_time',
])
/** KPIs among those that now take includeAlerts. */
const TAKES_INCLUDE_ALERTS = new Set([...HAD_TYPE_EXCLUSION].filter((id) => id !== 'csat_response_rate'))
const DROPPED: Record<string, string[]> = {
  first_touch_resolution: ['maxTouches'],
  unbilled_billable_time: ['days'],
  nonbillable_on_tm_clients: ['tmTypes'],
}

export function rewriteParams(kpi: string, params: Record<string, unknown>): Record<string, unknown> | null {
  const out = { ...params }
  let changed = false
  if (HAD_TYPE_EXCLUSION.has(kpi) && 'excludeTicketTypes' in out) {
    const excluded = out.excludeTicketTypes
    delete out.excludeTicketTypes
    if (TAKES_INCLUDE_ALERTS.has(kpi) && Array.isArray(excluded) && !excluded.includes(ALERT)) out.includeAlerts = true
    changed = true
  }
  for (const name of DROPPED[kpi] ?? []) {
    if (name in out) {
      delete out[name]
      changed = true
    }
  }
  return changed ? out : null
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['dashboard_tile', 'company_goal']) {
    const rows: Array<{ id: number; kpi_id: string; params: string }> = await db
      .selectFrom(table)
      .select(['id', 'kpi_id', 'params'])
      .execute()
    for (const row of rows) {
      const rewritten = rewriteParams(row.kpi_id, JSON.parse(row.params) as Record<string, unknown>)
      if (rewritten)
        await db
          .updateTable(table)
          .set({ params: JSON.stringify(rewritten) })
          .where('id', '=', row.id)
          .execute()
    }
  }
}

// The dropped parameters cannot be restored: down leaves the rewritten values as they are.
export async function down(): Promise<void> {}
