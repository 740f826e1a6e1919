/**
 * The contract between the simulator's data (a seeded, clock-driven world of a Dutch MSP) and its
 * HTTP layer. The HTTP layer knows Autotask's protocol; the world knows the MSP. Neither reaches
 * into the other's files.
 */

/** Canonical Autotask entity names the simulator serves (paths match them case-insensitively). */
export const SIM_ENTITIES = [
  'Companies',
  'Contacts',
  'Resources',
  'Contracts',
  'Tickets',
  'TicketNotes',
  'TimeEntries',
  'Surveys',
  'SurveyResults',
  'ServiceLevelAgreementResults',
  'DeletedTicketLogs',
  'DeletedTicketActivityLogs',
  'ConfigurationItems',
  'Opportunities',
  'Quotes',
  'Invoices',
  'Projects',
  'Tasks',
] as const
export type SimEntity = (typeof SIM_ENTITIES)[number]

export interface UserDefinedField {
  name: string
  value: string | null
}

/**
 * One record exactly as Autotask's REST API serialises it: camelCase keys, UTC ISO date strings
 * (with 0 to 7 fractional digits, as the real service varies them), date-only fields at
 * `T00:00:00Z`, decimals as JSON numbers, booleans as booleans, absent values as null, and a
 * `userDefinedFields` array on every record.
 */
export interface ApiRecord {
  id: number
  userDefinedFields: UserDefinedField[]
  [field: string]: unknown
}

export interface PicklistValue {
  value: string // always a string, even for integer fields
  label: string
  isDefaultValue: boolean
  sortOrder: number
  parentValue: string | null
  isActive: boolean
  isSystem: boolean
}

export interface FieldInfo {
  name: string
  dataType: 'integer' | 'long' | 'string' | 'datetime' | 'decimal' | 'double' | 'boolean' | 'short'
  length: number
  isRequired: boolean
  isReadOnly: boolean
  isQueryable: boolean
  isReference: boolean
  referenceEntityType: string
  isPickList: boolean
  picklistValues: PicklistValue[] | null
  picklistParentValueField: string
  isSupportedWebhookField: boolean
}

export interface UdfInfo {
  name: string
  label: string
  type: 'string' | 'integer' | 'decimal' | 'datetime' | 'boolean' | 'list'
  description: string
  defaultValue: string | null
  isRequired: boolean
}

export interface EntityInfo {
  name: SimEntity
  canCreate: boolean
  canDelete: boolean
  canQuery: boolean
  canUpdate: boolean
  userAccessForCreate: string
  userAccessForDelete: string
  userAccessForQuery: string
  userAccessForUpdate: string
  hasUserDefinedFields: boolean
  supportsWebhookCallouts: boolean
}

/** What one clock advance changed, per entity, so tests can assert an incremental sync exactly. */
export interface AdvanceSummary {
  from: string // ISO instant
  to: string
  created: Partial<Record<SimEntity, number[]>> // ids that became visible
  updated: Partial<Record<SimEntity, number[]>> // ids whose visible fields changed
  deleted: Partial<Record<SimEntity, number[]>> // ids that disappeared
}

export type SimSize = 'tiny' | 'small' | 'medium' | 'large'

export interface SimWorldOptions {
  size: SimSize
  seed: number
  /** The simulator's clock at start (an ISO instant). History is generated up to it. */
  now: string
}

export interface SimWorld {
  readonly options: SimWorldOptions
  /** The simulator's current clock. */
  now(): Date
  /** Records visible at the current clock, in ascending id order. Never mutate the returned array. */
  records(entity: SimEntity): readonly ApiRecord[]
  get(entity: SimEntity, id: number): ApiRecord | undefined
  fields(entity: SimEntity): readonly FieldInfo[]
  udfs(entity: SimEntity): readonly UdfInfo[]
  info(entity: SimEntity): EntityInfo
  /**
   * Moves the clock forward: new tickets, time entries, notes and surveys appear, open tickets
   * progress (status, assignment, first response, completion), some records are edited later and
   * some tickets are deleted (logged in DeletedTicketLogs). Deterministic for a given seed and
   * target instant, whatever the step sizes used to get there.
   */
  advance(ms: number): AdvanceSummary
}

/** One save of one record: what a webhook sees. `before` is null on Create, `after` null on Delete. */
export interface WorldChange {
  entity: SimEntity
  action: 'Create' | 'Update' | 'Delete'
  id: number
  before: ApiRecord | null
  after: ApiRecord | null
  /** The world's clock at the save (ms since the epoch). */
  at: number
  /** The resource that made the change, where the world knows it (deletions, manual edits); null otherwise. */
  by: number | null
}

/** Entities `create` can add a record to. */
export type ManualEntity = 'Tickets' | 'TicketNotes'

/**
 * A world that can be changed by hand and watched, as the generated world can. Manual changes happen at the current
 * clock and count in the next `advance()` summary; the world's plan goes on afterwards, so a later planned step of the
 * same ticket may overwrite a field set by hand (as a colleague's save would in Autotask).
 */
export interface EditableWorld extends SimWorld {
  /**
   * Sets fields of one record (REST names, case-insensitive; UDFs as `userDefinedFields: [{name, value}]`) as `by`
   * saving it, at the current clock; throws one line on bad input, leaving the record as it was.
   */
  edit(entity: SimEntity, id: number, fields: Record<string, unknown>, by: number): ApiRecord
  /** Adds a ticket or a note (on `fields.ticketID`) as `by`; its id is the entity's next one. */
  create(entity: ManualEntity, fields: Record<string, unknown>, by: number): ApiRecord
  /** Calls `listener` synchronously on every save from now on; returns the function that stops it. */
  watch(listener: (change: WorldChange) => void): () => void
}

export function isEditableWorld(world: SimWorld): world is EditableWorld {
  return 'edit' in world && 'watch' in world
}
