import type { Lang, Role, Text } from '../kpi-library/types.js'

// The dashboards roleboard ships with, drawn from the catalog's per-role suggestions (§3). KPI ids
// the library does not hold are skipped when the defaults are installed.

export interface DefaultRole {
  id: Role
  name: Text
  /** Stored in English; a wall shows it in its own language while nobody has retyped it (`wallTitle`). */
  title: Text
  tiles: string[]
}

export const DEFAULT_ROLES: DefaultRole[] = [
  {
    id: 'owner',
    name: { en: 'Owner', nl: 'Eigenaar' },
    title: { en: 'Owner: is the business healthy?', nl: 'Eigenaar: is het bedrijf gezond?' },
    tiles: [
      'mrr_trend',
      'net_revenue_retention',
      'revenue_per_tech',
      'effective_hourly_rate',
      'billable_utilization',
      'csat_score',
      'sla_compliance',
      'client_concentration_top3',
      'rhem',
      'mrr_at_risk',
      'clients_csat_dropped',
      'agreements_over_budget',
      'contracts_expiring_90d',
      'service_without_contract',
      'tickets_created',
      'arpu_client',
      'client_health_score',
      'sales_pipeline',
      'dso',
    ],
  },
  {
    id: 'integrator',
    name: { en: 'Integrator / GM', nl: 'Integrator / algemeen directeur' },
    title: { en: 'Integrator: weekly scorecard', nl: 'Integrator: wekelijkse scorecard' },
    tiles: [
      'kill_rate',
      'tickets_open',
      'backlog_age_buckets',
      'first_response_median',
      'sla_compliance',
      'sla_compliance_trend',
      'first_touch_resolution',
      'reopen_rate',
      'csat_score',
      'billable_utilization',
      'time_entries_late_7d',
      'unbilled_billable_time',
      'tickets_stale',
      'high_priority_idle_2h',
      'aged_over_30d',
      'clients_csat_dropped',
      'timesheet_gaps_yesterday',
      'agreements_over_budget',
      'sla_by_company',
      'win_rate_90d',
      'projects_over_budget',
    ],
  },
  {
    id: 'service-manager',
    name: { en: 'Service manager', nl: 'Servicemanager' },
    title: { en: 'Service desk: keep the flow moving', nl: 'Servicedesk: houd de stroom op gang' },
    tiles: [
      'tickets_open',
      'tickets_created_today',
      'tickets_completed_today',
      'kill_rate',
      'first_response_median',
      'first_response_sla_7d',
      'breach_rate_7d',
      'critical_not_picked_up_15m',
      'tickets_unassigned',
      'no_first_response',
      'sla_at_risk_2h',
      'sla_breached_open',
      'high_priority_idle_2h',
      'waiting_customer_over_5d',
      'tickets_stale',
      'on_hold_past_due',
      'resolved_not_closed',
      'workload_imbalance',
      'csat_low_callback',
      'open_workload_per_engineer',
      'open_by_priority',
      'queue_health_avg_days_open',
    ],
  },
  {
    id: 'team-lead',
    name: { en: 'Team lead', nl: 'Teamleider' },
    title: { en: 'Team lead: coach with facts', nl: 'Teamleider: coachen met feiten' },
    tiles: [
      'billable_utilization',
      'logged_utilization',
      'billable_hours_last_week',
      'first_touch_resolution',
      'reopen_rate',
      'csat_by_engineer',
      'hours_per_ticket',
      'tickets_closed_per_tech',
      'overtime_hours',
      'open_workload_per_engineer',
      'reopened_this_week',
      'csat_low_callback',
      'timesheet_gaps_yesterday',
      'overlapping_entries',
      'tickets_completed_without_time',
      'resolved_not_closed',
      'recurring_issue_clients',
      'time_entries_late_7d',
    ],
  },
  {
    id: 'engineer',
    name: { en: 'Engineer', nl: 'Engineer' },
    title: { en: 'Service desk wall', nl: 'Servicedeskscherm' },
    tiles: [
      'tickets_created_today',
      'tickets_completed_today',
      'kill_rate',
      'tickets_open',
      'open_by_priority',
      'critical_not_picked_up_15m',
      'sla_at_risk_2h',
      'sla_breached_open',
      'tickets_unassigned',
      'csat_positive_30d',
      'kudos_feed',
      'billable_hours_wtd',
      'csat_low_callback',
      'tickets_stale',
    ],
  },
  {
    id: 'finance',
    name: { en: 'Finance', nl: 'Financiën' },
    title: { en: 'Finance: bill everything billable', nl: 'Financiën: factureer alles wat declarabel is' },
    tiles: [
      'realization_rate',
      'billable_hours_last_week',
      'new_mrr',
      'churned_mrr',
      'agreement_efficiency_ratio',
      'agreement_hours_burn',
      'unbilled_billable_time',
      'unbilled_time_by_client',
      'time_entry_coding_errors',
      'nonbillable_on_tm_clients',
      'tickets_completed_without_time',
      'block_hours_low',
      'service_without_contract',
      'contracts_expiring_90d',
      'effective_hourly_rate',
      'client_gross_margin',
      'dso',
      'invoices_overdue',
    ],
  },
  {
    id: 'account-manager',
    name: { en: 'Account manager', nl: 'Accountmanager' },
    title: { en: 'Accounts: protect and grow each client', nl: 'Klanten: behoud elke klant en groei mee' },
    tiles: [
      'client_health_score',
      'csat_by_company',
      'sla_by_company',
      'effective_hourly_rate',
      'mrr_per_seat',
      'clients_csat_dropped',
      'csat_low_callback',
      'noisy_client_spike',
      'agreements_over_budget',
      'block_hours_low',
      'contracts_expiring_90d',
      'service_without_contract',
      'waiting_customer_over_5d',
      'recurring_issue_clients',
    ],
  },
]

/**
 * A dashboard's title as a wall in `lang` shows it: a built-in role's own title (in either language,
 * as installed or as a package carries it) in the wall's language; a title someone typed, as typed.
 */
export function wallTitle(role: string, title: string, lang: Lang): string {
  const builtin = DEFAULT_ROLES.find((r) => r.id === role)?.title
  return builtin && (title === builtin.en || title === builtin.nl) ? builtin[lang] : title
}

/** The company strip: the few goals every role sees, identical everywhere. */
export const DEFAULT_STRIP: Array<{ kpi: string; target?: number; warn?: number }> = [
  { kpi: 'csat_positive_30d' },
  { kpi: 'sla_compliance' },
  { kpi: 'billable_utilization' },
  { kpi: 'mrr_total' },
]
