import type { CwPredicate, CwRecord } from './conditions.js'
import { compileConditions, firstPath, readPath } from './conditions.js'
import { invalidParameter } from './errors.js'

/**
 * Query-string handling shared by every list endpoint: conditions, childConditions, customFieldConditions, orderBy,
 * fields, and both paging forms (reference §5, §6).
 */

export const DEFAULT_PAGE_SIZE = 25
export const MAX_PAGE_SIZE = 1000

/** Query parameters by lower-cased name (ConnectWise reads them case-insensitively), first value of each. */
export type QueryParams = ReadonlyMap<string, string>

export function queryParams(raw: Record<string, unknown>): QueryParams {
  const params = new Map<string, string>()
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value
    if (first !== undefined) params.set(key.toLowerCase(), String(first))
  }
  return params
}

/** The records matching the request's conditions, childConditions and customFieldConditions. */
export function matching(rows: readonly CwRecord[], params: QueryParams): readonly CwRecord[] {
  const predicates: CwPredicate[] = []
  const sample = rows[0]
  const conditions = params.get('conditions')
  if (conditions) predicates.push(compileConditions(conditions, sample))
  const child = params.get('childconditions')
  if (child) predicates.push(childPredicate(child, sample))
  const custom = params.get('customfieldconditions')
  if (custom) {
    const test = compileConditions(custom, { caption: null, value: null }, 'customFieldConditions')
    predicates.push((record) => ((record.customFields as CwRecord[] | undefined) ?? []).some(test))
  }
  if (predicates.length === 0) return rows
  return rows.filter((record) => predicates.every((predicate) => predicate(record)))
}

/** childConditions hold for one element of the array their paths point into (e.g. communicationItems). */
function childPredicate(text: string, sample: CwRecord | undefined): CwPredicate {
  const arrayKey = firstPath(text, 'childConditions')?.split('/')[0]
  if (!arrayKey) throw invalidParameter('childConditions', 'no field named')
  const key = sample ? Object.keys(sample).find((name) => name.toLowerCase() === arrayKey.toLowerCase()) : arrayKey
  if (!key || (sample && !Array.isArray(sample[key]))) {
    throw invalidParameter('childConditions', `"${arrayKey}" is not a list on this record`)
  }
  const test = compileConditions(text, { [key]: {} }, 'childConditions')
  return (record) => ((record[key] as unknown[] | undefined) ?? []).some((element) => test({ [key]: element }))
}

/** Sorts by `orderBy` (`field asc|desc`, comma separated, `/` paths); id ascending breaks ties and is the default. */
export function ordered(rows: readonly CwRecord[], orderBy: string | undefined): readonly CwRecord[] {
  if (!orderBy || orderBy.trim() === '') return rows
  const keys = orderBy.split(',').map((part) => {
    const [path, direction = 'asc', ...rest] = part.trim().split(/\s+/)
    const lower = direction.toLowerCase()
    if (!path || rest.length > 0 || (lower !== 'asc' && lower !== 'desc')) {
      throw invalidParameter('orderBy', `cannot read "${part.trim()}"`)
    }
    if (rows[0] && readPath(rows[0], path) === undefined && !hasPath(rows, path)) {
      throw invalidParameter('orderBy', `unknown field "${path}"`)
    }
    return { path, sign: lower === 'desc' ? -1 : 1 }
  })
  return [...rows].sort((a, b) => {
    for (const { path, sign } of keys) {
      const order = compareValues(readPath(a, path), readPath(b, path))
      if (order !== 0) return order * sign
    }
    return (a.id as number) - (b.id as number)
  })
}

function hasPath(rows: readonly CwRecord[], path: string): boolean {
  return rows.some((row) => readPath(row, path) !== undefined)
}

/** SQL order: nulls first, numbers and booleans by value, text case-insensitively (ISO date-times sort as text). */
function compareValues(a: unknown, b: unknown): number {
  if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  const left = String(a).toLowerCase()
  const right = String(b).toLowerCase()
  return left < right ? -1 : left > right ? 1 : 0
}

/** Keeps only the `fields` asked for (comma list, `/` paths kept as nested objects); everything when absent. */
export function projection(fields: string | undefined): (record: CwRecord) => CwRecord {
  const paths = (fields ?? '')
    .split(',')
    .map((field) => field.trim())
    .filter((field) => field !== '')
  if (paths.length === 0) return (record) => record
  return (record) => {
    const out: CwRecord = {}
    for (const path of paths) {
      const value = readPath(record, path)
      if (value === undefined) continue
      const segments = path.split('/')
      let target = out
      for (const segment of segments.slice(0, -1)) {
        if (typeof target[segment] !== 'object' || target[segment] === null) target[segment] = {}
        target = target[segment] as CwRecord
      }
      target[segments[segments.length - 1]!] = value
    }
    return out
  }
}

export function pageSize(params: QueryParams): number {
  const raw = params.get('pagesize')
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE
  const size = Number(raw)
  if (!Number.isInteger(size) || size < 1) throw invalidParameter('pageSize', `"${raw}" is not a positive whole number`)
  // Larger sizes are served as the maximum (whether the service clamps or refuses is not documented).
  return Math.min(size, MAX_PAGE_SIZE)
}

function positiveInteger(params: QueryParams, name: string, fallback: number): number {
  const raw = params.get(name.toLowerCase())
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 0) throw invalidParameter(name, `"${raw}" is not a whole number`)
  return value
}

export interface Page {
  rows: readonly CwRecord[]
  /** `Link` header value, or null for none. */
  link: string | null
}

/** Navigable paging: `page` from 1; `Link` with first/prev when past page 1, next/last when more pages follow. */
export function navigablePage(rows: readonly CwRecord[], params: QueryParams, selfUrl: URL): Page {
  const size = pageSize(params)
  const page = Math.max(1, positiveInteger(params, 'page', 1))
  const last = Math.max(1, Math.ceil(rows.length / size))
  const linkTo = (target: number, rel: string) => `<${withParam(selfUrl, 'page', String(target))}>; rel="${rel}"`
  const links: string[] = []
  if (page > 1) links.push(linkTo(1, 'first'), linkTo(Math.min(page - 1, last), 'prev'))
  if (page < last) links.push(linkTo(page + 1, 'next'), linkTo(last, 'last'))
  return { rows: rows.slice((page - 1) * size, page * size), link: links.length > 0 ? links.join(', ') : null }
}

/**
 * Forward-only paging: rows in id order after `pageId`; the `Link` names the next page by the last id served, and the
 * last page has no next link (an empty header, or none when `lastPageLink` says so).
 */
export function forwardOnlyPage(
  rows: readonly CwRecord[],
  params: QueryParams,
  selfUrl: URL,
  lastPageLink: 'empty' | 'omit',
): Page {
  if (params.get('orderby')) throw invalidParameter('orderBy', 'orderBy is not supported with forward-only pagination')
  const size = pageSize(params)
  // No pageId: the first page, from the lowest id (the MSP's own company has id 0 in the world).
  const after = positiveInteger(params, 'pageId', -1)
  const start = rows.findIndex((row) => (row.id as number) > after)
  const slice = start < 0 ? [] : rows.slice(start, start + size + 1)
  const more = slice.length > size
  const served = more ? slice.slice(0, size) : slice
  if (!more) return { rows: served, link: lastPageLink === 'empty' ? '' : null }
  const next = withParam(selfUrl, 'pageId', String(served[served.length - 1]!.id))
  return { rows: served, link: `<${next}>; rel="next"` }
}

/** The request's URL with one query parameter set (case-insensitively replaced), keeping conditions and the rest. */
function withParam(url: URL, name: string, value: string): string {
  const copy = new URL(url)
  for (const key of [...copy.searchParams.keys()]) {
    if (key.toLowerCase() === name.toLowerCase()) copy.searchParams.delete(key)
  }
  copy.searchParams.set(name, value)
  return copy.toString()
}
