import { SyncError } from './errors.js'

// Field readers for Autotask records. Each names the entity, record id and field when a value is
// not what Autotask sends, so a malformed record fails its page with a reason instead of being
// written half-right.

export type Item = Record<string, unknown>

export class RecordReader {
  constructor(
    readonly entity: string,
    readonly item: Item,
    readonly id: number,
  ) {}

  static open(entity: string, item: unknown): RecordReader {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw malformed(entity, undefined, 'item', `is not an object (${describe(item)})`)
    }
    const id = (item as Item).id
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      throw malformed(entity, undefined, 'id', `is not a whole number (${describe(id)})`)
    }
    return new RecordReader(entity, item as Item, id)
  }

  /**
   * The first of `names` the record carries (a field whose name sources disagree on, or that newer
   * tenants renamed), else the first name: reading it then gives null, or "is missing" if required.
   */
  present(names: readonly string[]): string {
    for (const name of names) if (this.item[name] !== undefined) return name
    return names[0]!
  }

  #fail(field: string, problem: string): never {
    throw malformed(this.entity, this.id, field, problem)
  }

  #value(field: string, required: boolean): unknown {
    const value = this.item[field]
    if (value === undefined || value === null) {
      if (required) this.#fail(field, 'is missing')
      return null
    }
    return value
  }

  int(field: string, required = false): number | null {
    const value = this.#value(field, required)
    if (value === null) return null
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value
    // Some fields (picklists stored as strings, contract period types) arrive as digit strings.
    if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value)
    return this.#fail(field, `is not a whole number (${describe(value)})`)
  }

  decimal(field: string, required = false): number | null {
    const value = this.#value(field, required)
    if (value === null) return null
    if (typeof value === 'number' && Number.isFinite(value)) return value
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
    return this.#fail(field, `is not a number (${describe(value)})`)
  }

  text(field: string, required = false): string | null {
    const value = this.#value(field, required)
    if (value === null) return null
    if (typeof value === 'string') return value
    if (typeof value === 'number') return String(value)
    return this.#fail(field, `is not text (${describe(value)})`)
  }

  flag(field: string, required = false): 0 | 1 | null {
    const value = this.#value(field, required)
    if (value === null) return null
    if (value === true || value === 1 || value === '1' || value === 'true') return 1
    if (value === false || value === 0 || value === '0' || value === 'false') return 0
    return this.#fail(field, `is not a boolean (${describe(value)})`)
  }

  /** An instant, normalised to `YYYY-MM-DDTHH:MM:SS.sssZ` so that stored timestamps compare as text. */
  instant(field: string, required = false): string | null {
    const value = this.#value(field, required)
    if (value === null) return null
    const normalised = typeof value === 'string' ? normaliseInstant(value) : null
    return normalised ?? this.#fail(field, `is not an ISO date-time (${describe(value)})`)
  }

  /** A calendar date (`dateWorked`, contract dates): Autotask sends midnight UTC and never shifts it. */
  date(field: string, required = false): string | null {
    const value = this.#value(field, required)
    if (value === null) return null
    if (typeof value === 'string') {
      const match = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]00:?00)?)?$/.exec(value)
      if (match && !Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) return match[1]!
    }
    return this.#fail(field, `is not a date (${describe(value)})`)
  }

  /** User-defined fields as a JSON object `{ name: value }`, or null when there are none. */
  udf(): string | null {
    const list = this.item.userDefinedFields
    if (list === undefined || list === null) return null
    if (!Array.isArray(list)) return this.#fail('userDefinedFields', 'is not a list')
    const entries: Record<string, string | null> = {}
    for (const entry of list) {
      if (entry === null || typeof entry !== 'object' || typeof (entry as Item).name !== 'string') {
        return this.#fail('userDefinedFields', 'holds an entry without a name')
      }
      const value = (entry as Item).value
      entries[(entry as Item).name as string] = value === null || value === undefined ? null : String(value)
    }
    return Object.keys(entries).length > 0 ? JSON.stringify(entries) : null
  }
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses the date-times Autotask sends (0 to 7 fractional digits, `Z` or no zone: the REST API is
 * UTC throughout) into a fixed-width UTC string. Returns null when the text is no date-time.
 */
export function normaliseInstant(text: string): string | null {
  const match = INSTANT.exec(text)
  if (!match) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = match
  const millis = (fraction + '000').slice(0, 3)
  if (zone === 'Z' && validClock(y!, mo!, d!, h, mi, s)) {
    // The common case (UTC, as the REST API always sends) is rebuilt as text: no Date per field.
    return `${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}Z`
  }
  const offset = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone
  if (offset === 'Z' || !validClock(y!, mo!, d!, h, mi, s)) return null // a UTC time that failed validClock
  const time = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${millis}${offset}`)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function validClock(y: string, mo: string, d: string, h: string, mi: string, s: string): boolean {
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]!) return false
  if (month === 2 && day === 29 && !isLeapYear(Number(y))) return false
  return Number(h) < 24 && Number(mi) < 60 && Number(s) < 60
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function malformed(entity: string, id: number | undefined, field: string, problem: string): SyncError {
  const where = id === undefined ? `${entity} record` : `${entity} ${id}`
  return new SyncError('malformed_record', `${where}: field ${field} ${problem}`)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
