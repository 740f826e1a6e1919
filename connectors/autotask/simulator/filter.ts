import { apiError } from './errors.js'
import type { ApiRecord, FieldInfo, UdfInfo } from './store.js'

/** Autotask's filter grammar, parsed and validated once per query and compiled to a record predicate. */

export type RecordPredicate = (record: ApiRecord) => boolean

export interface FilterOptions {
  /** Accept `"true"`, `"false"`, `1`, `0` for boolean fields; the official docs say only true/false are valid. */
  lenientBooleans: boolean
  /** UDF conditions allowed per query (1 on SOAP; assumed for REST). */
  maxUdfConditions: number
  /** Items across all `or` groups. */
  maxOrConditions: number
}

export const DEFAULT_FILTER_OPTIONS: FilterOptions = {
  lenientBooleans: false,
  maxUdfConditions: 1,
  maxOrConditions: 500,
}

export type CatalogField = Pick<FieldInfo, 'name' | 'dataType' | 'isQueryable'>

/** Field and UDF descriptors of one entity, keyed by lower-cased name. */
export interface FieldCatalog {
  entity: string
  fields: ReadonlyMap<string, CatalogField>
  udfs: ReadonlyMap<string, UdfInfo>
}

const catalogs = new WeakMap<readonly FieldInfo[], WeakMap<readonly UdfInfo[], FieldCatalog>>()

export function fieldCatalog(entity: string, fields: readonly FieldInfo[], udfs: readonly UdfInfo[]): FieldCatalog {
  let byUdfs = catalogs.get(fields)
  if (!byUdfs) catalogs.set(fields, (byUdfs = new WeakMap()))
  let catalog = byUdfs.get(udfs)
  if (!catalog) {
    const fieldMap = new Map<string, CatalogField>(fields.map((field) => [field.name.toLowerCase(), field]))
    if (!fieldMap.has('id')) fieldMap.set('id', ID_FIELD)
    catalog = { entity, fields: fieldMap, udfs: new Map(udfs.map((udf) => [udf.name.toLowerCase(), udf])) }
    byUdfs.set(udfs, catalog)
  }
  return catalog
}

const ID_FIELD: CatalogField = { name: 'id', dataType: 'long', isQueryable: true }

const LEAF_OPS = [
  'eq',
  'noteq',
  'gt',
  'gte',
  'lt',
  'lte',
  'beginsWith',
  'endsWith',
  'contains',
  'exist',
  'notExist',
  'in',
  'notIn',
] as const
type LeafOp = (typeof LEAF_OPS)[number]
const OPS_BY_LOWER = new Map<string, LeafOp | 'and' | 'or'>([
  ...LEAF_OPS.map((op) => [op.toLowerCase(), op] as const),
  ['and', 'and'],
  ['or', 'or'],
])

type Kind = 'number' | 'datetime' | 'boolean' | 'string'
type Scalar = number | string | boolean

const KIND_BY_TYPE: Record<string, Kind> = {
  integer: 'number',
  long: 'number',
  short: 'number',
  decimal: 'number',
  double: 'number',
  datetime: 'datetime',
  boolean: 'boolean',
}

interface CompileState {
  catalog: FieldCatalog
  options: FilterOptions
  udfConditions: number
  orConditions: number
}

/** Throws a SimHttpError (500, `{errors}`) naming the first problem, as the real service rejects bad filters. */
export function compileFilter(raw: unknown, catalog: FieldCatalog, options: FilterOptions): RecordPredicate {
  const conditions = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []
  if (conditions.length === 0) {
    throw apiError('A query filter is required: provide at least one filter condition (for example id gte 0).')
  }
  const state: CompileState = { catalog, options, udfConditions: 0, orConditions: 0 }
  const predicate = all(conditions.map((condition) => compileNode(condition, state)))
  if (state.orConditions > options.maxOrConditions) {
    throw apiError(`The query has ${state.orConditions} OR conditions; at most ${options.maxOrConditions} are allowed.`)
  }
  return predicate
}

function all(predicates: RecordPredicate[]): RecordPredicate {
  if (predicates.length === 1) return predicates[0]!
  return (record) => predicates.every((predicate) => predicate(record))
}

function compileNode(node: unknown, state: CompileState): RecordPredicate {
  if (!node || typeof node !== 'object' || Array.isArray(node)) {
    throw apiError(`Invalid filter condition ${JSON.stringify(node)}: expected an object with op and field.`)
  }
  const condition = node as Record<string, unknown>
  const rawOp = typeof condition.op === 'string' ? condition.op : ''
  const op = OPS_BY_LOWER.get(rawOp.toLowerCase())
  if (!op) throw apiError(`Invalid filter operator "${rawOp}".`)
  if (op === 'and' || op === 'or') return compileGroup(op, condition.items, state)
  return compileLeaf(op, condition, state)
}

function compileGroup(op: 'and' | 'or', items: unknown, state: CompileState): RecordPredicate {
  if (!Array.isArray(items) || items.length === 0) {
    throw apiError(`A filter group with op "${op}" needs a non-empty items array.`)
  }
  const predicates = items.map((item) => compileNode(item, state))
  if (op === 'and') return all(predicates)
  state.orConditions += predicates.length
  return (record) => predicates.some((predicate) => predicate(record))
}

function compileLeaf(op: LeafOp, condition: Record<string, unknown>, state: CompileState): RecordPredicate {
  const fieldName = typeof condition.field === 'string' ? condition.field.trim() : ''
  if (!fieldName) throw apiError(`Filter condition with op "${op}" has no field.`)
  const { read, kind, label } = resolveField(fieldName, condition.udf === true, state)

  if (op === 'exist') return (record) => read(record) != null
  if (op === 'notExist') return (record) => read(record) == null

  const value = condition.value
  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value)) throw apiError(`The value of "${op}" on ${label} must be an array.`)
    const members = new Set(value.map((element) => filterValue(element, kind, label, state.options)))
    const inSet = (record: ApiRecord) => {
      const actual = recordValue(read(record), kind)
      return actual !== undefined && members.has(kind === 'string' ? (actual as string).trimEnd() : actual)
    }
    // SQL semantics: NOT IN never matches a null column.
    return op === 'in' ? inSet : (record) => read(record) != null && !inSet(record)
  }

  if (op === 'beginsWith' || op === 'endsWith' || op === 'contains') {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw apiError(`The value of "${op}" on ${label} must be a string.`)
    }
    const needle = String(value).toLowerCase()
    const test =
      op === 'beginsWith'
        ? (text: string) => text.startsWith(needle)
        : op === 'endsWith'
          ? (text: string) => text.endsWith(needle)
          : (text: string) => text.includes(needle)
    return (record) => {
      const actual = read(record)
      return actual != null && test(String(actual).toLowerCase())
    }
  }
  const expected = filterValue(value, kind, label, state.options)
  const accept = COMPARISONS[op]
  return (record) => {
    const actual = recordValue(read(record), kind)
    return actual !== undefined && accept(compare(actual, expected))
  }
}

const COMPARISONS: Record<'eq' | 'noteq' | 'gt' | 'gte' | 'lt' | 'lte', (order: number) => boolean> = {
  eq: (order) => order === 0,
  noteq: (order) => order !== 0,
  gt: (order) => order > 0,
  gte: (order) => order >= 0,
  lt: (order) => order < 0,
  lte: (order) => order <= 0,
}

function compare(actual: Scalar, expected: Scalar): number {
  // SQL Server ignores trailing spaces when comparing strings.
  const left = typeof actual === 'string' ? actual.trimEnd() : actual
  return left < expected ? -1 : left > expected ? 1 : 0
}

function resolveField(
  name: string,
  udf: boolean,
  state: CompileState,
): { read: (record: ApiRecord) => unknown; kind: Kind; label: string } {
  const { catalog, options } = state
  if (udf) {
    const info = catalog.udfs.get(name.toLowerCase())
    if (!info) throw apiError(`Unable to find user-defined field "${name}" on entity ${catalog.entity}.`)
    state.udfConditions += 1
    if (state.udfConditions > options.maxUdfConditions) {
      throw apiError(`Only ${options.maxUdfConditions} user-defined field condition is allowed per query.`)
    }
    const udfName = info.name
    const kind: Kind =
      info.type === 'integer' || info.type === 'decimal' ? 'number' : (KIND_BY_TYPE[info.type] ?? 'string')
    return {
      read: (record) => record.userDefinedFields?.find((entry) => entry.name === udfName)?.value,
      kind,
      label: `user-defined field "${udfName}"`,
    }
  }
  const info = catalog.fields.get(name.toLowerCase())
  if (!info) throw apiError(`Unable to find field "${name}" on entity ${catalog.entity}.`)
  if (!info.isQueryable) throw apiError(`Field "${info.name}" on entity ${catalog.entity} is not queryable.`)
  const fieldName = info.name
  return { read: (record) => record[fieldName], kind: KIND_BY_TYPE[info.dataType] ?? 'string', label: fieldName }
}

/** A filter's value, validated against the field's type; a mismatch is the client's error. */
function filterValue(value: unknown, kind: Kind, label: string, options: FilterOptions): Scalar {
  const parsed =
    value == null ? undefined : kind === 'boolean' ? filterBoolean(value, options) : recordValue(value, kind)
  if (parsed === undefined || (kind === 'string' && typeof value === 'object')) {
    throw apiError(`Invalid value ${JSON.stringify(value ?? null)} for ${label}: expected a ${kind}.`)
  }
  return typeof parsed === 'string' ? parsed.trimEnd() : parsed
}

function filterBoolean(value: unknown, options: FilterOptions): boolean | undefined {
  if (typeof value === 'boolean') return value
  return options.lenientBooleans ? looseBoolean(value) : undefined
}

function looseBoolean(value: unknown): boolean | undefined {
  const text = String(value).toLowerCase()
  return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : undefined
}

/** A stored value in comparable form: numbers, microsecond instants, booleans, lower-cased strings. */
function recordValue(value: unknown, kind: Kind): Scalar | undefined {
  if (value == null) return undefined
  switch (kind) {
    case 'number': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
      if (typeof value !== 'string' || value.trim() === '') return undefined
      const number = Number(value)
      return Number.isFinite(number) ? number : undefined
    }
    case 'datetime':
      return typeof value === 'string' ? parseInstant(value) : undefined
    case 'boolean':
      return typeof value === 'boolean' ? value : looseBoolean(value)
    case 'string':
      return String(value).toLowerCase()
  }
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Microseconds since the epoch for an ISO 8601 date or date-time (0 to 7 fractional digits, `Z`, an offset or none,
 * read as UTC), or undefined. Microseconds keep 6-digit client values exact and still fit a double.
 */
export function parseInstant(text: string): number | undefined {
  const match = INSTANT.exec(text.trim())
  if (!match) return undefined
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone = 'Z'] = match
  const ms = Date.UTC(+year!, +month! - 1, +day!, +hour, +minute, +second)
  const check = new Date(ms)
  const valid = check.getUTCDate() === +day! && check.getUTCHours() === +hour && check.getUTCMinutes() === +minute
  if (!valid || +second > 59) return undefined
  const offsetMinutes =
    zone.toUpperCase() === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2))
  const micros = +(fraction + '000000').slice(0, 6)
  return (ms - offsetMinutes * 60_000) * 1000 + micros
}
