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
