// Builds the `conditions` query parameter of ConnectWise's REST API from values, so a value can never break out
// of its literal: strings in double quotes with `"` and `\` escaped, date-times in square brackets (UTC, whole
// seconds, `Z`), booleans as True/False. Field names are written by roleboard's own code and checked here.

export type ConditionValue = string | number | boolean | Date | null

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like' | 'contains' | 'not like' | 'not contains'

// `id`, `board/name`, `_info/lastUpdated`: a field or a path into a reference object.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/

/** `[2026-01-01T00:00:00Z]`: a moment in ConnectWise's date-time literal, cut to the second (never rounded up). */
export function dateLiteral(value: Date | string): string {
  const time = typeof value === 'string' ? Date.parse(value) : value.getTime()
  if (Number.isNaN(time)) throw new Error(`not a date-time for a ConnectWise condition: ${String(value)}`)
  return `[${new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')}]`
}

/** `"Waiting \"customer\""`: a string literal with its quotes and backslashes escaped. */
export function stringLiteral(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

export function literal(value: ConditionValue): string {
  if (value === null) return 'null'
  if (value instanceof Date) return dateLiteral(value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number for a ConnectWise condition: ${value}`)
    return String(value)
  }
  return stringLiteral(value)
}

/** `lastUpdated >= [2026-01-01T00:00:00Z]`, `status/name = "New"`, `closedFlag = False`. */
export function where(field: string, operator: Operator, value: ConditionValue): string {
  return `${fieldName(field)} ${operator} ${literal(value)}`
}

/** `id in (1,2,3)`. An empty list matches nothing, which ConnectWise cannot say: callers skip that query. */
export function oneOf(field: string, values: readonly (string | number)[]): string {
  if (values.length === 0) throw new Error(`an empty list for ${field} in (...): skip the query instead`)
  return `${fieldName(field)} in (${values.map(literal).join(',')})`
}

/** Joins conditions with `and`, leaving out empty ones; a part that joins others is bracketed, so it keeps its meaning. */
export function and(...parts: ReadonlyArray<string | null | undefined | false>): string {
  return join('and', parts)
}

export function or(...parts: ReadonlyArray<string | null | undefined | false>): string {
  return join('or', parts)
}

function join(word: 'and' | 'or', parts: ReadonlyArray<string | null | undefined | false>): string {
  const given = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '')
  if (given.length === 1) return given[0]!
  return given.map((part) => (isCompound(part) ? `(${part})` : part)).join(` ${word} `)
}

/** True when `and`/`or` joins parts of the condition (outside its string literals). */
function isCompound(condition: string): boolean {
  return /\b(?:and|or)\b/i.test(condition.replace(/"(?:[^"\\]|\\.)*"/g, '""'))
}

function fieldName(field: string): string {
  if (!FIELD.test(field)) throw new Error(`not a ConnectWise field name: ${field}`)
  return field
}
