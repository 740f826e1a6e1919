import type { Generated, Insertable, Selectable } from 'kysely'
import type { OpportunityOutcome, TicketKind, TicketState } from './psa-model.js'

// Row types of the raw tables. Timestamps are UTC ISO-8601 strings (`2025-03-03T14:21:07.613Z`,
// always three fractional digits, so they compare as text); calendar dates are `YYYY-MM-DD`;
// flags are 0 | 1; ids are the PSA's own ids.

export interface PsaSourceTable {
  psa: string
  kind: string
  zone_url: string | null
  /** The zone's web UI (`https://ww3.autotask.net/`); null when the zone lookup gave none and it could not be derived. */
  web_url: string | null
  created_at: string
}

export interface CompanyTable {
  id: number
  psa: string
  name: string
  number: string | null
  company_type: number | null
  classification: number | null
  is_active: 0 | 1
  owner_resource_id: number | null
  parent_company_id: number | null
  phone: string | null
  city: string | null
  postal_code: string | null
  country_id: number | null
  market_segment_id: number | null
  territory_id: number | null
  created_at: string | null
  last_activity_at: string | null
  last_modified_at: string | null
  udf: string | null // JSON object { name: value } of user-defined fields
  synced_at: string
}

export interface ContactTable {
  id: number
  psa: string
  company_id: number | null
  first_name: string | null
  last_name: string | null
  email: string | null
  phone: string | null
  mobile_phone: string | null
  extension: string | null
  title: string | null
  is_active: 0 | 1
  is_primary: 0 | 1
  created_at: string | null
  last_activity_at: string | null
  last_modified_at: string | null
  synced_at: string
}

export interface ResourceTable {
  id: number
  psa: string
  first_name: string | null
  last_name: string | null
  email: string | null
  user_name: string | null
  title: string | null
  resource_type: string | null
  is_active: 0 | 1
  hire_date: string | null
  internal_cost: number | null
  location_id: number | null
  office_phone: string | null
  mobile_phone: string | null
  synced_at: string
}

export interface ContractTable {
  id: number
  psa: string
  company_id: number | null
  contact_id: number | null
  name: string | null
  number: string | null
  contract_type: number | null
  contract_category: number | null
  status: number | null
  start_date: string | null
  end_date: string | null
  estimated_revenue: number | null
  estimated_hours: number | null
  estimated_cost: number | null
  setup_fee: number | null
  sla_id: number | null
  is_default: 0 | 1
  udf: string | null
  synced_at: string
}

export interface TicketTable {
  id: number
  psa: string
  number: string
  title: string
  /** The PSA's own status value (its label in `picklist_value`); what it means is `state`. */
  status: number
  /** What the status means, whichever PSA (db/psa-model.ts TicketState). */
  state: Generated<TicketState>
  /** The kind of work (db/psa-model.ts TicketKind); null when the PSA says nothing we recognise. */
  kind: TicketKind | null
  /** 1 critical, 2 high, 3 medium, 4 low (db/psa-model.ts URGENCY); null when unknown. */
  urgency: number | null
  /** The PSA's own priority value (its label in `picklist_value`); how urgent it is, is `urgency`. */
  priority: number | null
  queue_id: number | null
  issue_type: number | null
  sub_issue_type: number | null
  source: number | null
  ticket_type: number | null
  ticket_category: number | null
  company_id: number | null
  contact_id: number | null
  contract_id: number | null
  assigned_resource_id: number | null
  assigned_role_id: number | null
  creator_resource_id: number | null
  completed_by_resource_id: number | null
  created_at: string
  due_at: string | null
  first_response_at: string | null
  first_response_due_at: string | null
  resolution_plan_at: string | null
  resolution_plan_due_at: string | null
  resolved_at: string | null
  resolved_due_at: string | null
  completed_at: string | null
  last_activity_at: string | null
  last_customer_visible_at: string | null
  last_modified_at: string | null
  estimated_hours: number | null
  sla_id: number | null
  sla_met: 0 | 1 | null
  udf: string | null
  synced_at: string
}

export interface TicketNoteTable {
  id: number
  psa: string
  ticket_id: number
  title: string | null
  description: string | null
  note_type: number | null
  publish: number | null
  creator_resource_id: number | null
  creator_contact_id: number | null
  created_at: string
  last_activity_at: string | null
  synced_at: string
}

export interface TimeEntryTable {
  id: number
  psa: string
  resource_id: number
  ticket_id: number | null
  task_id: number | null
  contract_id: number | null
  date_worked: string
  start_at: string | null
  end_at: string | null
  hours_worked: number
  hours_to_bill: number | null
  offset_hours: number | null
  non_billable: 0 | 1
  show_on_invoice: 0 | 1 | null
  billing_code_id: number | null
  role_id: number | null
  entry_type: number | null
  summary: string | null
  approved_at: string | null
  approval_level: number | null
  approved_by_resource_id: number | null
  created_at: string
  last_modified_at: string | null
  synced_at: string
}

export interface SurveyTable {
  id: number
  psa: string
  name: string | null
  display_name: string | null
  synced_at: string
}

export interface SurveyResultTable {
  id: number
  psa: string
  survey_id: number | null
  ticket_id: number | null
  company_id: number | null
  contact_id: number | null
  rating: number | null
  company_rating: number | null
  contact_rating: number | null
  resource_rating: number | null
  sent_at: string | null
  completed_at: string | null
  synced_at: string
}

export interface SlaResultTable {
  id: number
  psa: string
  ticket_id: number
  sla_name: string | null
  first_response_met: 0 | 1 | null
  resolution_plan_met: 0 | 1 | null
  resolution_met: 0 | 1 | null
  first_response_hours: number | null
  resolution_plan_hours: number | null
  resolution_hours: number | null
  first_response_resource_id: number | null
  resolution_resource_id: number | null
  synced_at: string
}

/** An asset (ConfigurationItems): a managed endpoint is an active one. */
export interface ConfigurationItemTable {
  id: number
  psa: string
  company_id: number
  contact_id: number | null
  product_id: number | null
  ci_type: number | null
  category_id: number | null
  name: string | null
  serial_number: string | null
  is_active: 0 | 1
  install_date: string | null
  warranty_expires: string | null
  created_at: string | null
  last_modified_at: string | null
  synced_at: string
}

export interface OpportunityTable {
  id: number
  psa: string
  company_id: number
  contact_id: number | null
  owner_resource_id: number | null
  title: string
  status: number
  /** What the status means, whichever PSA (db/psa-model.ts OpportunityOutcome). */
  outcome: Generated<OpportunityOutcome>
  stage: number | null
  category_id: number | null
  amount: number | null
  /** Chance of winning, in percent (0-100). */
  probability: number | null
  monthly_revenue: number | null
  onetime_revenue: number | null
  projected_close_date: string | null
  created_at: string | null
  /** Set when won. */
  closed_at: string | null
  lost_at: string | null
  loss_reason: number | null
  win_reason: number | null
  last_activity_at: string | null
  synced_at: string
}

export interface QuoteTable {
  id: number
  psa: string
  opportunity_id: number | null
  company_id: number | null
  contact_id: number | null
  creator_resource_id: number | null
  name: string | null
  number: string | null
  is_active: 0 | 1
  is_primary: 0 | 1
  effective_date: string | null
  expiration_date: string | null
  created_at: string | null
  last_activity_at: string | null
  synced_at: string
}

export interface InvoiceTable {
  id: number
  psa: string
  company_id: number | null
  number: string | null
  invoice_date: string
  due_date: string | null
  paid_date: string | null
  /** The amount invoiced, tax included. */
  total: number | null
  tax: number | null
  payment_term: number | null
  is_voided: 0 | 1
  voided_at: string | null
  created_at: string | null
  synced_at: string
}

export interface ProjectTable {
  id: number
  psa: string
  company_id: number | null
  contract_id: number | null
  lead_resource_id: number | null
  name: string
  number: string | null
  project_type: number | null
  status: number | null
  /** The hour budget (Autotask's estimatedTime). */
  estimated_hours: number | null
  start_date: string | null
  end_date: string | null
  completed_at: string | null
  created_at: string | null
  last_activity_at: string | null
  synced_at: string
}

export interface TaskTable {
  id: number
  psa: string
  project_id: number
  title: string | null
  number: string | null
  status: number | null
  assigned_resource_id: number | null
  estimated_hours: number | null
  remaining_hours: number | null
  is_billable: 0 | 1 | null
  start_at: string | null
  end_at: string | null
  completed_at: string | null
  created_at: string | null
  last_activity_at: string | null
  synced_at: string
}

export interface PicklistValueTable {
  psa: string
  entity: string
  field: string
  value: string
  label: string
  is_active: 0 | 1
  is_default: 0 | 1
  sort_order: number | null
  parent_value: string | null
  synced_at: string
}

export interface DeletedRecordTable {
  psa: string
  entity: string
  record_id: number
  deleted_at: string | null
  deleted_by_resource_id: number | null
  detail: string | null
  recorded_at: string
}

export interface SyncStateTable {
  psa: string
  entity: string
  watermark: string | null
  pass_since: string | null
  pass_max: string | null
  last_id: number | null
  full_done: Generated<0 | 1>
  last_run_at: string | null
  last_success_at: string | null
  last_reconcile_at: string | null
  records: Generated<number>
  requests: Generated<number>
  last_error: string | null
}

/** A database-wide lock (migrations/018-sync-lock.ts); written through RawStore.takeLock. */
export interface SyncLockTable {
  name: string
  token: string
  pid: number
  host: string
  started_at: string
  heartbeat_at: string
}

export interface SyncRunTable {
  id: Generated<number>
  psa: string
  kind: string
  started_at: string
  finished_at: string | null
  ok: 0 | 1 | null
  error: string | null
  requests: Generated<number>
  records: Generated<number>
  changed: Generated<number>
}

export interface ApiUsageTable {
  psa: string
  minute: string
  requests: number
}

/** roleboard's Autotask requests per minute by what made them (migration 033): `Tickets`, `TimeEntries:deletions`... */
export interface ApiEntityUsageTable {
  psa: string
  entity: string
  minute: string
  requests: number
}

/** The tenant's hourly limit and count at the last ThresholdInformation reading (migration 033). */
export interface ApiThresholdTable {
  psa: string
  hourly_limit: number
  tenant_count: number
  read_at: string
}

export interface EntityFieldTable {
  psa: string
  entity: string
  field: string
  data_type: string | null
  is_picklist: 0 | 1
  synced_at: string
}

export interface RoleTable {
  id: string
  name_en: string
  name_nl: string
  builtin: 0 | 1
  created_at: string
}

export interface DashboardTable {
  id: Generated<number>
  role: string
  title: string
  version: Generated<number>
  updated_at: string
}

export interface DashboardTileTable {
  id: Generated<number>
  dashboard_id: number
  position: number
  kpi_id: string
  params: Generated<string>
  target: number | null
  warn: number | null
  size: Generated<string>
  package_key: Generated<string | null>
  /** The title the owner typed (migration 027); null: the KPI's own. */
  title: Generated<string | null>
}

/** The MSP's settings (migration 027): one row, id 1; `settings` is kpi-library/settings.ts MspSettings as JSON. */
export interface MspSettingsTable {
  id: number
  settings: string
  /** Raised by every save: part of the KPI engine's cache key. */
  version: number
  updated_at: string
}

export interface CompanyGoalTable {
  id: Generated<number>
  position: number
  kpi_id: string
  params: Generated<string>
  target: number | null
  warn: number | null
  package_key: Generated<string | null>
  /** The goal's period, '2026-Q2' or '2026', along which it runs from `path_start` to `target`; null: a fixed target. */
  path_period: Generated<string | null>
  path_start: Generated<number | null>
}

/** A dashboard package as installed: the whole file, the base of the next upgrade's merge. */
export interface InstalledPackageTable {
  name: string
  version: string
  package: string
  installed_at: string
}

export interface AdminUserTable {
  id: Generated<number>
  username: string
  password_hash: string
  created_at: string
}

export interface AdminSessionTable {
  id_hash: string
  user_id: number
  created_at: string
  expires_at: string
}

export interface AccessTokenTable {
  id: Generated<number>
  token_hash: string
  kind: 'wall' | 'person'
  role: string | null
  resource_id: number | null
  name: string
  created_at: string
  last_seen_at: string | null
  revoked_at: string | null
  /** The language the link was made for; null: English (links from before migration 028). */
  lang: 'en' | 'nl' | null
}

export interface AcknowledgementTable {
  id: Generated<number>
  kpi_id: string
  row_key: string
  action: string
  note: string | null
  by_kind: 'admin' | 'person'
  by_name: string
  /** The row's person (null: a row of nobody's). */
  resource_id: number | null
  row: string
  created_at: string
  /** 'take': the row stays, marked as taken; 'resolve': the KPI leaves the row out while this is active. */
  mode: 'take' | 'resolve'
  /** The person who acked (null: the admin). */
  by_resource_id: number | null
  /** Set by an undo; the record stays in the log. Only one active (not undone) ack per (kpi, row). */
  undone_at: string | null
  undone_by: string | null
}

/** Login throttling (server/services/login-guard.ts): in a tenant database and in the hosted registry alike. */
export interface LoginGuardTables {
  /** attempts_at: JSON array of epoch milliseconds, oldest first; last_at: the newest of them. */
  login_throttle: { key: string; attempts_at: string; last_at: number }
  login_device: { id_hash: string; account: string; created_at: string; last_used_at: string }
}

/** One registered Autotask webhook per entity (migrations/029-autotask-webhooks.ts). */
export interface AutotaskWebhookTable {
  /** The Autotask entity it watches: 'Tickets', 'TicketNotes', 'Companies' or 'Contacts'. */
  entity: string
  webhook_id: number
  guid: string | null
  name: string
  url: string
  deactivation_url: string
  /** Sealed with app.secretBox(), context `autotask-webhook:<entity>`. */
  secret_sealed: string
  is_active: 0 | 1
  registered_at: string
  deactivated_at: string | null
  deactivation_note: string | null
  last_callout_at: string | null
}

/** A verified Autotask callout, kept a week so a delivery sent again is recognised (migration 030). */
export interface WebhookCalloutTable {
  id: Generated<number>
  /** `<webhook GUID>:<action>:<sequence number>`, or `<entity type>:<id>:<action>:<event time>`. */
  delivery_key: string
  entity: string
  record_id: number | null
  action: string
  received_at: string
}

/** A SmileBack CSAT review (migrations/031-smileback-reviews.ts); `*_ref` as SmileBack holds them, `*_id` resolved. */
export interface SmileBackReviewTable {
  id: number
  psa: string
  /** 1 positive, 0 neutral, -1 negative, null unrated. */
  rating: -1 | 0 | 1 | null
  comment: string | null
  status: string | null
  /** JSON array of the MSP's tags. */
  tags: string | null
  has_marketing_permission: 0 | 1 | null
  viewed_on: string | null
  rated_on: string | null
  permalink: string | null
  last_modified: string
  ticket_ref: string | null
  ticket_title: string | null
  ticket_segment: string | null
  /** JSON array of the agents SmileBack names on the ticket. */
  ticket_agents: string | null
  ticket_closed_on: string | null
  contact_ref: string | null
  contact_name: string | null
  contact_email: string | null
  company_ref: string | null
  company_name: string | null
  ticket_id: number | null
  contact_id: number | null
  company_id: number | null
  synced_at: string
}

/** A Teams or Slack webhook nudges post to (migrations/032-nudges.ts), with its delivery state. */
export interface NudgeChannelTable {
  id: Generated<number>
  kind: 'teams' | 'slack'
  name: string
  /** The webhook URL, sealed with app.secretBox(), context `nudge-channel:<id>`: it alone lets anyone post. */
  url_sealed: string
  /** What the builder shows of the URL: its host (`hooks.slack.com`). */
  host: string
  created_at: string
  /** Failed attempts since the last delivered post (0: healthy). */
  failures: Generated<number>
  failing_since: string | null
  /** One line, never the URL. */
  last_error: string | null
  last_error_at: string | null
  /** When the sender may try this channel again (null: now). */
  next_attempt_at: string | null
  last_ok_at: string | null
}

/** One per dashboard tile of an action list: where its new rows are posted and whom the post addresses. */
export interface NudgeRuleTable {
  id: Generated<number>
  tile_id: number
  channel_id: number
  audience: string
  /** The tile's KPI and parameters (JSON) when the rule last took its list's rows as seen. */
  watching: string
  created_at: string
}

/** A row a rule has seen; posted_at null: seen without a post (on the list when the rule was made). */
export interface NudgeSeenTable {
  rule_id: number
  row_key: string
  first_seen_at: string
  posted_at: string | null
}

/** A post waiting to go out: one rule's burst of new rows (JSON, as the list showed them). */
export interface NudgeOutboxTable {
  id: Generated<number>
  rule_id: number
  rows: string
  created_at: string
  /** Rows arriving before this join the post (a burst); it goes out from then on. */
  send_after: string
  attempts: Generated<number>
  /** Set when it kept failing for a day; kept so the builder can say so. */
  given_up_at: string | null
}

/** One KPI with one set of parameters, as a tile or goal asks for it: what the history store records (migration 034). */
export interface KpiSeriesTable {
  id: Generated<number>
  kpi_id: string
  /** The parameters given, keys sorted (`{}`: the KPI's defaults). */
  params: string
  created_at: string
  /** The earliest local date the backfill has reached; null before it started. */
  backfilled_to: string | null
  /** The local date its recent days were last computed again with late data (recorder.ts SETTLE_DAYS). */
  settled_on: string | null
}

/** A series' value as of the end of a local day (`YYYY-MM-DD`): a list's count, another KPI's headline. */
export interface KpiDayTable {
  series_id: number
  day: string
  value: number | null
}

/** A series' value as of the end of a local hour (`YYYY-MM-DDTHH`), kept for the last eight days. */
export interface KpiHourTable {
  series_id: number
  hour: string
  value: number | null
}

/** A mail to send, sending, sent or given up (migrations/036-mail.ts). */
export interface MailOutboxTable {
  id: Generated<number>
  /** JSON array of addresses. */
  recipients: string
  subject: string
  /** Plain text. */
  body: string
  /** JSON of the report to render into the attachment when it is sent (null: the attachment is stored). */
  report: string | null
  attachment_name: string | null
  attachment: Uint8Array | null
  /** What queued it, for the builder: `schedule:<role>`, `send-now:<role>`. */
  origin: string
  created_at: string
  next_attempt_at: string
  /** A sender holds the mail until then (another process leaves it alone). */
  claimed_until: string | null
  attempts: Generated<number>
  /** One line, with the server's host only. */
  last_error: string | null
  last_error_at: string | null
  sent_at: string | null
  given_up_at: string | null
}

/** A role's weekly report sent by mail, on a weekday at a local time. */
export interface ReportScheduleTable {
  id: Generated<number>
  role: string
  /** ISO weekday, 1 = Monday. */
  weekday: number
  /** `HH:MM`, local time. */
  time: string
  /** JSON array of addresses. */
  recipients: string
  lang: 'en' | 'nl'
  created_at: string
  /** The newest slot claimed (an ISO instant). */
  last_slot: string | null
}

export interface Database extends LoginGuardTables {
  psa_source: PsaSourceTable
  company: CompanyTable
  contact: ContactTable
  resource: ResourceTable
  contract: ContractTable
  ticket: TicketTable
  ticket_note: TicketNoteTable
  time_entry: TimeEntryTable
  survey: SurveyTable
  survey_result: SurveyResultTable
  sla_result: SlaResultTable
  configuration_item: ConfigurationItemTable
  opportunity: OpportunityTable
  quote: QuoteTable
  invoice: InvoiceTable
  project: ProjectTable
  task: TaskTable
  picklist_value: PicklistValueTable
  deleted_record: DeletedRecordTable
  sync_state: SyncStateTable
  sync_run: SyncRunTable
  sync_lock: SyncLockTable
  api_usage: ApiUsageTable
  api_entity_usage: ApiEntityUsageTable
  api_threshold: ApiThresholdTable
  entity_field: EntityFieldTable
  role: RoleTable
  dashboard: DashboardTable
  dashboard_tile: DashboardTileTable
  company_goal: CompanyGoalTable
  admin_user: AdminUserTable
  admin_session: AdminSessionTable
  access_token: AccessTokenTable
  acknowledgement: AcknowledgementTable
  installed_package: InstalledPackageTable
  msp_settings: MspSettingsTable
  autotask_webhook: AutotaskWebhookTable
  webhook_callout: WebhookCalloutTable
  smileback_review: SmileBackReviewTable
  nudge_channel: NudgeChannelTable
  nudge_rule: NudgeRuleTable
  nudge_seen: NudgeSeenTable
  nudge_outbox: NudgeOutboxTable
  kpi_series: KpiSeriesTable
  kpi_day: KpiDayTable
  kpi_hour: KpiHourTable
  mail_outbox: MailOutboxTable
  report_schedule: ReportScheduleTable
}

/** The raw PSA tables the connector fills (everything but bookkeeping). */
export type RawTable =
  | 'company'
  | 'contact'
  | 'resource'
  | 'contract'
  | 'ticket'
  | 'ticket_note'
  | 'time_entry'
  | 'survey'
  | 'survey_result'
  | 'sla_result'
  | 'configuration_item'
  | 'opportunity'
  | 'quote'
  | 'invoice'
  | 'project'
  | 'task'
  | 'smileback_review'

export type TicketRow = Selectable<TicketTable>
export type NewTicketRow = Insertable<TicketTable>
export type TimeEntryRow = Selectable<TimeEntryTable>
export type SurveyResultRow = Selectable<SurveyResultTable>
export type SyncStateRow = Selectable<SyncStateTable>
export type SyncRunRow = Selectable<SyncRunTable>
