import type { ApiRecord, FieldInfo, SimEntity, UdfInfo, UserDefinedField } from '../store.js'
import { addBusinessDays, compactDate, HOUR, iso, localDay, localToUtc } from './clock.js'
import { TYPE_INCIDENT } from './catalogue.js'
import { CATEGORY, COMPANY_TYPE, NOTE_TYPE, PRIORITY, PUBLISH, QUEUE, SOURCE, STATUS } from './picklists.js'
import { NO_UDFS } from './roster.js'
import type { Patch } from './types.js'

// Records changed by hand (tests, the benchmark, another process) rather than by the world's plan: the input is
// checked against the entity's field list, and the stamps Autotask moves on a save are moved with it.

/** Stamps Autotask moves when a company or contact is edited (by the world's plan or by hand). */
export const EDIT_STAMPS: Partial<Record<SimEntity, readonly string[]>> = {
  Companies: ['lastActivityDate', 'lastTrackedModifiedDateTime'],
  Contacts: ['lastActivityDate', 'lastModifiedDate'],
}

/** Entities the simulator lets a caller edit, with the stamps a save moves (so a polling sync sees the edit). */
export const MANUAL_STAMPS: Partial<Record<SimEntity, readonly string[]>> = {
  ...EDIT_STAMPS,
  Tickets: ['lastActivityDate', 'lastTrackedModificationDateTime'],
  TicketNotes: ['lastActivityDate'],
  ConfigurationItems: ['lastModifiedTime'],
  // A resource has no modification stamp; editing one (e.g. switching it off) is for webhook owners' sake.
  Resources: [],
}

/** Manual tickets are numbered from here within their day, clear of the planned ones (`.0001` upwards). */
const MANUAL_TICKET_NUMBER = 9001

/**
 * The patch `input` asks for, with field names resolved case-insensitively to the entity's REST names and each value
 * checked against the field's type, length and picklist; `userDefinedFields` (`[{name, value}]`, as REST writes them)
 * are merged into the record's `current` ones. Throws one line naming the first bad field.
 */
export function checkedPatch(
  entity: SimEntity,
  fields: readonly FieldInfo[],
  input: Record<string, unknown>,
  udfs: { known: readonly UdfInfo[]; current: readonly UserDefinedField[] },
): Patch {
  const byName = new Map(fields.map((field) => [field.name.toLowerCase(), field]))
  const patch: Patch = {}
  for (const [given, value] of Object.entries(input)) {
    if (given.toLowerCase() === 'userdefinedfields') {
      patch.userDefinedFields = checkedUdfs(entity, udfs.known, udfs.current, value)
      continue
    }
    const field = byName.get(given.toLowerCase())
    if (!field || field.name === 'id') throw new Error(`${entity} has no field "${given}" that can be set`)
    if (field.isReadOnly) throw new Error(`${entity}.${field.name} is read-only`)
    patch[field.name] = checkedValue(entity, field, value)
  }
  return patch
}

function checkedUdfs(
  entity: SimEntity,
  known: readonly UdfInfo[],
  current: readonly UserDefinedField[],
  input: unknown,
): UserDefinedField[] {
  if (!Array.isArray(input)) throw new Error(`${entity}.userDefinedFields must be a list of {name, value}`)
  const values = new Map(current.map((udf) => [udf.name, udf.value]))
  for (const item of input as { name?: unknown; value?: unknown }[]) {
    const udf = known.find((candidate) => candidate.name.toLowerCase() === String(item?.name).toLowerCase())
    if (!udf) throw new Error(`${entity} has no user-defined field "${String(item?.name)}"`)
    if (item.value !== null && typeof item.value !== 'string') {
      throw new Error(`${entity} UDF ${udf.name} must be a string or null`)
    }
    values.set(udf.name, item.value)
  }
  return [...values].map(([name, value]) => ({ name, value }))
}

function checkedValue(entity: SimEntity, field: FieldInfo, value: unknown): unknown {
  const where = `${entity}.${field.name}`
  if (value === null) {
    if (field.isRequired) throw new Error(`${where} is required and cannot be null`)
    return null
  }
  switch (field.dataType) {
    case 'integer':
    case 'long':
    case 'short': {
      const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value
      if (typeof number !== 'number' || !Number.isInteger(number)) throw new Error(`${where} must be an integer`)
      if (field.isPickList && !field.picklistValues?.some((choice) => choice.value === String(number))) {
        throw new Error(`${where} has no picklist value ${number}`)
      }
      return number
    }
    case 'decimal':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${where} must be a number`)
      return value
    case 'boolean':
      if (typeof value !== 'boolean') throw new Error(`${where} must be true or false`)
      return value
    case 'datetime': {
      const at = typeof value === 'string' ? Date.parse(value) : NaN
      if (Number.isNaN(at)) throw new Error(`${where} must be an ISO date-time`)
      return iso(at)
    }
    case 'string':
      if (typeof value !== 'string') throw new Error(`${where} must be a string`)
      if (value.length > field.length) throw new Error(`${where} must be at most ${field.length} characters`)
      return value
  }
}

/** What a person's save moves besides the fields they changed. */
export function saveStamps(entity: SimEntity, before: ApiRecord, patch: Patch, at: number, by: number): Patch {
  const stamp = iso(at)
  const stamps: Patch = {}
  for (const field of MANUAL_STAMPS[entity] ?? []) stamps[field] = stamp
  if (entity === 'Tickets') {
    Object.assign(stamps, ticketActivity(stamp, by))
    if (patch.status === STATUS.complete && before.status !== STATUS.complete) {
      Object.assign(stamps, { completedDate: stamp, completedByResourceID: by, resolvedDateTime: stamp })
    }
  }
  return stamps
}

/** The ticket's activity stamps for a save by a resource (also moved by a note on it). */
export function ticketActivity(stamp: string, by: number): Patch {
  return { lastActivityDate: stamp, lastActivityResourceID: by, lastActivityPersonType: 1 }
}

/**
 * A ticket raised by hand at `at`: the world's ticket shape with the caller's fields over defaults (a Medium incident
 * for the first customer, New, in the Service Desk queue, by phone, due in three business days), numbered
 * `T<date>.9001` upwards.
 */
export function manualTicket(
  fields: readonly FieldInfo[],
  input: Patch,
  context: { at: number; by: number; sameDay: number; companies: readonly ApiRecord[] },
): ApiRecord {
  const stamp = iso(context.at)
  const customer = context.companies.find((company) => company.companyType === COMPANY_TYPE.customer)
  const blank = Object.fromEntries(fields.map((field) => [field.name, null]))
  const day = localDay(context.at)
  return {
    ...blank,
    ...ticketActivity(stamp, context.by),
    assignedResourceID: null,
    companyID: customer?.id ?? context.companies[0]?.id ?? 0,
    createDate: stamp,
    creatorResourceID: context.by,
    creatorType: 1,
    description: null,
    // Due at the end of the third business day, as the world's tickets without an SLA are.
    dueDateTime: iso(localToUtc(addBusinessDays(day, 3), 17 * HOUR)),
    issueType: null,
    lastCustomerVisibleActivityDateTime: stamp,
    lastTrackedModificationDateTime: stamp,
    priority: PRIORITY.medium,
    queueID: QUEUE.serviceDesk,
    source: SOURCE.phone,
    status: STATUS.new,
    ticketCategory: CATEGORY.standard,
    ticketType: TYPE_INCIDENT,
    userDefinedFields: NO_UDFS as UserDefinedField[],
    ...input,
    id: 0,
    ticketNumber: `T${compactDate(day)}.${String(MANUAL_TICKET_NUMBER + context.sameDay).padStart(4, '0')}`,
  }
}

/** A note added by hand at `at`: an internal "Task Notes" note by `by` unless the caller says otherwise. */
export function manualNote(fields: readonly FieldInfo[], input: Patch, context: { at: number; by: number }): ApiRecord {
  const stamp = iso(context.at)
  const blank = Object.fromEntries(fields.map((field) => [field.name, null]))
  return {
    ...blank,
    createDateTime: stamp,
    creatorResourceID: context.by,
    lastActivityDate: stamp,
    noteType: NOTE_TYPE.notes,
    publish: PUBLISH.internal,
    title: null,
    userDefinedFields: NO_UDFS as UserDefinedField[],
    ...input,
    id: 0,
  }
}
