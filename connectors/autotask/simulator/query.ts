import type { FastifyRequest } from 'fastify'
import { apiError, MESSAGES } from './errors.js'
import type { FieldCatalog, FilterOptions, RecordPredicate } from './filter.js'
import { compileFilter } from './filter.js'
import type { ApiRecord } from './store.js'

/** The QueryModel (GET `search=` or POST body), IncludeFields, MaxRecords, and the id-keyed paging cursor. */

export const MAX_PAGE_SIZE = 500

export interface QueryModel {
  filter: unknown
  includeFields: unknown
  maxRecords: unknown
}

/** What the query routes serve: a world entity, or one of the simulator's webhook resources, in ascending id order. */
export interface Collection {
  /** The REST name under `V1.0/`. */
  name: string
  rows: () => readonly ApiRecord[]
  catalog: FieldCatalog
}

/** The answers of `query`, `query/next` and `query/count` for any collection. */
export interface CollectionQueries {
  first(request: FastifyRequest, collection: Collection): object
  next(request: FastifyRequest, collection: Collection): object
  count(request: FastifyRequest, collection: Collection): object
}

export interface CompiledQuery {
  predicate: RecordPredicate
  project: (record: ApiRecord) => ApiRecord
  pageSize: number
}

/** Clients spell the keys `filter`/`Filter`, `IncludeFields`/`includeFields`, `MaxRecords`/`maxRecords`. */
export function parseQueryModel(body: unknown): QueryModel {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw apiError('The query body must be a JSON object with a filter.')
  }
  const byLower = new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), value] as const))
  return {
    filter: byLower.get('filter'),
    includeFields: byLower.get('includefields'),
    maxRecords: byLower.get('maxrecords'),
  }
}

export function parseSearch(search: unknown): QueryModel {
  if (typeof search !== 'string' || search.trim() === '') throw apiError('The search parameter is required.')
  let body: unknown
  try {
    body = JSON.parse(search)
  } catch {
    throw apiError('The search parameter is not valid JSON.')
  }
  return parseQueryModel(body)
}

export function compileQuery(model: QueryModel, catalog: FieldCatalog, options: FilterOptions): CompiledQuery {
  const pageSize = parsePageSize(model.maxRecords)
  const predicate = compileFilter(model.filter, catalog, options)
  return { pageSize, predicate, project: projection(model.includeFields, catalog) }
}

function parsePageSize(maxRecords: unknown): number {
  if (maxRecords == null) return MAX_PAGE_SIZE
  const size = typeof maxRecords === 'string' && maxRecords.trim() !== '' ? Number(maxRecords) : maxRecords
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw apiError(MESSAGES.maxRecords)
  }
  return size
}

const ALWAYS_INCLUDED = ['id', 'userDefinedFields']

function projection(includeFields: unknown, catalog: FieldCatalog): (record: ApiRecord) => ApiRecord {
  if (includeFields == null || (Array.isArray(includeFields) && includeFields.length === 0)) return (record) => record
  if (!Array.isArray(includeFields)) throw apiError('IncludeFields must be an array of field names.')
  const names = new Set(ALWAYS_INCLUDED)
  for (const requested of includeFields) {
    const name = typeof requested === 'string' ? requested.trim() : ''
    if (name.toLowerCase() === 'userdefinedfields') continue
    const info = catalog.fields.get(name.toLowerCase())
    if (!info) throw apiError(`Unable to find IncludeFields field "${String(requested)}" on entity ${catalog.entity}.`)
    names.add(info.name)
  }
  return (record) => {
    const projected: Record<string, unknown> = {}
    for (const key of Object.keys(record)) if (names.has(key)) projected[key] = record[key]
    for (const name of names) if (!(name in projected)) projected[name] = name === 'userDefinedFields' ? [] : null
    return projected as ApiRecord
  }
}

/** Index of the first record whose id is greater than `afterId`; records are in ascending id order. */
export function firstIndexAfter(records: readonly ApiRecord[], afterId: number): number {
  let low = 0
  let high = records.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (records[middle]!.id <= afterId) low = middle + 1
    else high = middle
  }
  return low
}

/** Up to `size` matches after `afterId`, scanning one match further to know whether another page exists. */
export function scanPage(
  records: readonly ApiRecord[],
  afterId: number,
  predicate: RecordPredicate,
  size: number,
): { items: ApiRecord[]; hasMore: boolean } {
  const items: ApiRecord[] = []
  for (let index = firstIndexAfter(records, afterId); index < records.length; index++) {
    const record = records[index]!
    if (!predicate(record)) continue
    if (items.length === size) return { items, hasMore: true }
    items.push(record)
  }
  return { items, hasMore: false }
}

export function countMatches(records: readonly ApiRecord[], predicate: RecordPredicate): number {
  let count = 0
  for (const record of records) if (predicate(record)) count++
  return count
}

/**
 * Autotask's cursor, `{"pageSize":N,"previousIds":[...],"nextIds":[...]}`. Here `nextIds` holds the last id served, so
 * the next page is "ids greater than it" and stays right when records appear meanwhile; `previousIds` holds the
 * boundary the serving page started after, which is enough for a one-step `prevPageUrl`.
 */
export interface PagingCursor {
  pageSize: number
  previousIds: number[]
  nextIds: number[]
}

export function parseCursor(paging: unknown): PagingCursor {
  let cursor: unknown
  try {
    cursor = typeof paging === 'string' ? JSON.parse(paging) : undefined
  } catch {
    cursor = undefined
  }
  const candidate = (cursor ?? {}) as Partial<Record<keyof PagingCursor, unknown>>
  const ids = (value: unknown) => Array.isArray(value) && value.every((id) => Number.isInteger(id))
  const { pageSize, previousIds, nextIds } = candidate
  if (
    typeof pageSize !== 'number' ||
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_PAGE_SIZE ||
    !ids(previousIds) ||
    !ids(nextIds) ||
    (nextIds as number[]).length === 0
  ) {
    throw apiError('The paging parameter is missing or invalid.')
  }
  return { pageSize, previousIds: previousIds as number[], nextIds: nextIds as number[] }
}

export function cursorUrl(entityBase: string, cursor: PagingCursor, search: string | null): string {
  const paging = `paging=${encodeURIComponent(JSON.stringify(cursor))}`
  return `${entityBase}/query/next?${paging}${search === null ? '' : `&search=${encodeURIComponent(search)}`}`
}
