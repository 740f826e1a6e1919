import type { Kysely } from 'kysely'
import type { DbHandle } from '../../db/index.js'
import type { Database } from '../../db/schema.js'
import type { DeletedLogEntry, PageWrite, PicklistRow, SyncStatePatch, TableUpsert } from '../../db/store.js'
import type { AutotaskClient, Filter } from './client.js'
import {
  ENTITY_SPECS,
  type EntitySpec,
  includeFields,
  mapValues,
  namesOf,
  NO_VOCABULARY,
  rowShape,
  stampOf,
} from './entities.js'
import { loadTicketVocabulary, type TicketVocabulary } from '../ticket-meanings.js'
import { guardMassDeletion } from '../deletion-guard.js'
import { isDue, newCounts, type RunOptions, syncRun, type SyncTask, syncStateOf, type TaskCounts } from '../sync-run.js'
import { SyncError } from './errors.js'
import type { BudgetGovernor } from './governor.js'
import { RecordReader } from './parse.js'

export { asSyncError } from './errors.js'

export const PSA = 'autotask'
const PAGE_SIZE = 500

export interface SyncOptions extends RunOptions {
  handle: DbHandle
  client: AutotaskClient
  governor: BudgetGovernor
  /** Re-read everything, reconcile deletions and refresh picklists. */
  full?: boolean
  /** Limit the run to these entities (Autotask names); default all. */
  entities?: readonly string[]
  /** How far back each incremental pass re-reads, against clock skew and coarse stamps (default 10 min). */
  overlapMs?: number
  /** Picklist labels are refreshed when older than this (default 6 h). */
  picklistMaxAgeMs?: number
  /** Records deleted at the source without a deletion log are found by an id scan this often (default 1 h). */
  reconcileEveryMs?: number
  /** How far back that scan looks for time entries and notes (default 62 days); other entities are scanned whole. */
  reconcileWindowDays?: number
  /**
   * Seconds between syncs of particular entities (e.g. `{ Resources: 900 }`): an entity synced
   * successfully more recently than that is skipped in this run. Others sync every run.
   */
  entityIntervals?: Readonly<Record<string, number>>
  onProgress?: (progress: EntityProgress) => void
  /** Credential values no error message may carry (the connector passes the secret and integration code). */
  secrets?: readonly string[]
}

export interface EntityProgress {
  entity: string
  phase: 'page' | 'done' | 'failed' | 'skipped'
  records: number
  changed: number
  deleted: number
  requests: number
  budget: { own: number; ownLimit: number; tenant: number; limit: number }
  error?: string
}

export interface EntityResult {
  entity: string
  records: number
  /** Query requests for this entity's records (budget checks and retries not included). */
  queries: number
  changed: number
  deleted: number
  requests: number
  ms: number
  /** Time spent outside the HTTP calls: mapping, validation and the SQLite writes. */
  localMs: number
  error?: SyncError
}

export interface SyncSummary {
  ok: boolean
  kind: 'full' | 'initial' | 'incremental'
  startedAt: string
  finishedAt: string
  requests: number
  results: EntityResult[]
  /** The first error that stopped the whole run (credentials, reachability, budget), if any. */
  error?: SyncError
}

export async function runSync(options: SyncOptions): Promise<SyncSummary> {
  forgetVocabulary(options)
  return syncRun(PSA, options, {
    plan: async (startedAt) => {
      const { db } = options.handle
      await ensureSource(db, await options.client.zoneUrl(), await options.client.webUrl(), startedAt)
      await readThreshold(options)
      const wanted = (entity: string) => !options.entities || options.entities.includes(entity)
      const tasks: Array<SyncTask<TaskCounts>> = []
      if (wanted('Picklists')) tasks.push(['Picklists', () => syncPicklists(options)])
      for (const spec of ENTITY_SPECS) {
        if (wanted(spec.entity)) tasks.push([spec.entity, () => syncEntity(options, spec)])
      }
      if (wanted('DeletedTicketLogs')) tasks.push(['DeletedTicketLogs', () => syncDeletedTickets(options)])
      for (const spec of ENTITY_SPECS.filter((s) => s.deletionScan)) {
        if (wanted(spec.entity)) tasks.push([`${spec.entity}:deletions`, () => reconcileDeletions(options, spec)])
      }
      return tasks
    },
    report: (entity, phase, result, error) => report(options, entity, phase, result, error),
  })
}

export async function readThreshold(options: Pick<SyncOptions, 'client' | 'governor'>): Promise<void> {
  if (options.governor.needsReading()) options.governor.applyReading(await options.client.threshold())
}

async function report(
  options: SyncOptions,
  entity: string,
  phase: EntityProgress['phase'],
  counts: Omit<EntityResult, 'entity' | 'ms' | 'localMs'> | TaskCounts,
  error?: string,
): Promise<void> {
  if (!options.onProgress) return
  const { governor } = options
  const requests = 'requestsAtStart' in counts ? governor.requestsMade - counts.requestsAtStart : counts.requests
  options.onProgress({
    entity,
    phase,
    records: counts.records,
    changed: counts.changed,
    deleted: counts.deleted,
    requests,
    budget: {
      own: await governor.ownLastHour(),
      ownLimit: governor.ownLimit,
      tenant: governor.tenantCount,
      limit: governor.hourlyLimit,
    },
    ...(error ? { error } : {}),
  })
}

async function ensureSource(db: Kysely<Database>, zoneUrl: string, webUrl: string | null, at: string): Promise<void> {
  await db
    .insertInto('psa_source')
    .values({ psa: PSA, kind: 'autotask', zone_url: zoneUrl, web_url: webUrl, created_at: at })
    .onConflict((oc) => oc.column('psa').doUpdateSet({ zone_url: zoneUrl, web_url: webUrl }))
    .execute()
}

function stateOf(db: Kysely<Database>, entity: string) {
  return syncStateOf(db, PSA, entity)
}

/**
 * Walks one entity in id order from `lastId`, a page at a time. Each page's rows and the pass's
 * position are committed together, so a crash resumes after the last committed page.
 */
async function walk(
  options: SyncOptions,
  entity: string,
  counts: TaskCounts,
  query: { filter: (lastId: number) => Filter[]; fields: string[]; startAfter: number },
  onPage: (items: unknown[], lastId: number, done: boolean) => PageWrite | Promise<PageWrite>,
): Promise<void> {
  let lastId = options.full ? -1 : query.startAfter
  for (;;) {
    await readThreshold(options)
    const page = await options.client.query(entity, {
      filter: query.filter(lastId),
      IncludeFields: query.fields,
      MaxRecords: PAGE_SIZE,
    })
    counts.queries += 1
    const local = performance.now()
    const items = page.items
    let pageLast = lastId
    for (const item of items) {
      const id = (item as { id?: unknown } | null)?.id
      if (typeof id === 'number' && id > pageLast) pageLast = id
    }
    if (items.length > 0 && pageLast <= lastId) {
      throw new SyncError(
        'not_autotask',
        `${entity}: the page did not advance past id ${lastId}; results must come in ascending id order`,
      )
    }
    const done = items.length < PAGE_SIZE
    const write = await onPage(items, pageLast, done)
    const result = await options.handle.store.writePage(write)
    counts.records += items.length
    counts.changed += result.changed
    counts.deleted += result.deleted
    counts.localMs += performance.now() - local
    await report(options, entity, 'page', counts)
    if (done) return
    lastId = pageLast
  }
}

function idAfter(lastId: number): Filter {
  return { op: 'gt', field: 'id', value: lastId }
}

/** Changed since `since` by any of the stamp fields, or one of the open rows `openIds`. */
function changedSince(fields: readonly string[], since: string, openIds: number[] = []): Filter {
  const leaves: Filter[] = fields.map((field) => ({ op: 'gte', field, value: since }))
  if (openIds.length > 0) leaves.push({ op: 'in', field: 'id', value: openIds })
  return leaves.length === 1 ? leaves[0]! : { op: 'or', items: leaves }
}

export function mapPage(
  spec: EntitySpec,
  items: unknown[],
  syncedAt: string,
  vocabulary: TicketVocabulary = NO_VOCABULARY,
): TableUpsert {
  return {
    table: spec.table,
    columns: rowShape(spec).columns,
    rows: items.map((item) => mapValues(spec, PSA, item, vocabulary)),
    syncedAt,
  }
}

const vocabularies = new WeakMap<object, Promise<TicketVocabulary>>()

/**
 * The tenant's ticket vocabulary for a spec that derives from it, read once per pass (after the pass's
 * picklists; `forgetVocabulary` starts a pass afresh).
 */
export function vocabularyFor(options: Pick<SyncOptions, 'handle'>, spec: EntitySpec): Promise<TicketVocabulary> {
  if (!spec.derived) return Promise.resolve(NO_VOCABULARY)
  let vocabulary = vocabularies.get(options)
  if (!vocabulary) {
    vocabulary = loadTicketVocabulary(options.handle.db, PSA)
    vocabularies.set(options, vocabulary)
  }
  return vocabulary
}

export function forgetVocabulary(options: object): void {
  vocabularies.delete(options)
}

async function syncEntity(options: SyncOptions, spec: EntitySpec): Promise<TaskCounts> {
  const counts = newCounts(options.governor)
  if (spec.mode === 'watermark') await syncByWatermark(options, spec, counts)
  else if (spec.mode === 'snapshot') await syncSnapshot(options, spec, counts)
  else await syncByTicket(options, spec, counts)
  return counts
}

async function syncByWatermark(options: SyncOptions, spec: EntitySpec, counts: TaskCounts): Promise<void> {
  const now = options.now ?? (() => new Date())
  const overlapMs = options.overlapMs ?? 10 * 60_000
  const state = await stateOf(options.handle.db, spec.entity)
  const resuming = !options.full && state?.last_id !== null && state?.last_id !== undefined
  const fullPass = options.full || (resuming ? state!.pass_since === null : !state?.full_done || !state.watermark)
  const since = fullPass
    ? null
    : resuming
      ? state!.pass_since
      : new Date(Date.parse(state!.watermark!) - overlapMs).toISOString()
  let passMax = resuming ? state!.pass_max : null
  const started = performance.now()
  if (fullPass && !resuming) {
    const setAside = performance.now()
    await options.handle.store.beginBulkLoad(spec.table)
    counts.localMs += performance.now() - setAside
  }
  const fields = await fieldsToAsk(options, spec)
  const stampFields = await knownFields(options, spec, spec.watermarkFields!)
  // Rows the PSA changes without a stamp: the first chunk rides along with the changed-since query,
  // so an incremental pass still costs one request; more open rows than that cost one more per chunk.
  const [openIds = [], ...moreOpenIds] = since ? chunked(await openRowIds(options, spec), OPEN_IDS_PER_QUERY) : []
  const changed = since && stampFields.length > 0 ? changedSince(stampFields, since, openIds) : null

  const vocabulary = await vocabularyFor(options, spec)
  try {
    await walk(
      options,
      spec.entity,
      counts,
      {
        filter: (lastId) => (changed ? [idAfter(lastId), changed] : [idAfter(lastId)]),
        fields,
        startAfter: resuming ? state!.last_id! : -1,
      },
      (items, lastId, done) => {
        const syncedAt = now().toISOString()
        const upsert = mapPage(spec, items, syncedAt, vocabulary)
        for (const item of items) {
          const stamp = stampOf(spec, item as Record<string, unknown>)
          if (stamp && (!passMax || stamp > passMax)) passMax = stamp
        }
        const patch: SyncStatePatch = { psa: PSA, entity: spec.entity, last_run_at: syncedAt, last_error: null }
        if (done) {
          // A long full pass can miss edits made to rows it already passed; stepping the watermark back
          // by the pass's own duration makes the next incremental pass pick those up.
          const stepBack = fullPass ? performance.now() - started : 0
          const reached = passMax ? new Date(Date.parse(passMax) - stepBack).toISOString() : null
          const watermark =
            [state?.watermark ?? null, reached]
              .filter((v): v is string => !!v)
              .sort()
              .pop() ?? null
          Object.assign(patch, {
            watermark: fullPass ? (reached ?? state?.watermark ?? null) : watermark,
            last_id: null,
            pass_since: null,
            pass_max: null,
            full_done: 1,
            last_success_at: syncedAt,
            records: counts.records + items.length,
            requests: options.governor.requestsMade - counts.requestsAtStart,
          })
        } else {
          Object.assign(patch, { last_id: lastId, pass_since: since, pass_max: passMax })
        }
        return { upserts: [upsert], state: patch }
      },
    )
  } finally {
    // Also after a failed page: the tables are never left without their indexes for readers.
    const rebuild = performance.now()
    await options.handle.store.endBulkLoad(spec.table)
    counts.localMs += performance.now() - rebuild // index building is part of the ingest's cost
  }
  for (const ids of moreOpenIds) await rereadByIds(options, spec, counts, ids, fields)
}

/** At most this many ids in one `in` condition: the documented limit is 500 OR conditions per query. */
export const OPEN_IDS_PER_QUERY = 400

/** Ids of the local rows that `spec.openWhen` calls open, ascending. */
async function openRowIds(options: SyncOptions, spec: EntitySpec): Promise<number[]> {
  if (!spec.openWhen) return []
  let query = options.handle.db.selectFrom(spec.table).select('id').where('psa', '=', PSA)
  for (const [column, value] of Object.entries(spec.openWhen)) {
    query = value === null ? query.where(column as 'id', 'is', null) : query.where(column as 'id', '=', value)
  }
  return (await query.orderBy('id').execute()).map((row) => row.id)
}

export function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

/** Reads these records again (one page: fewer than 500 ids), asking for the pass's `fields`, and upserts them. */
async function rereadByIds(
  options: SyncOptions,
  spec: EntitySpec,
  counts: TaskCounts,
  ids: number[],
  fields: string[],
): Promise<void> {
  const now = options.now ?? (() => new Date())
  await readThreshold(options)
  const page = await options.client.query(spec.entity, {
    filter: [{ op: 'in', field: 'id', value: ids }],
    IncludeFields: fields,
    MaxRecords: PAGE_SIZE,
  })
  counts.queries += 1
  const local = performance.now()
  const result = await options.handle.store.writePage({
    upserts: [mapPage(spec, page.items, now().toISOString(), await vocabularyFor(options, spec))],
  })
  counts.records += page.items.length
  counts.changed += result.changed
  counts.localMs += performance.now() - local
}

async function syncSnapshot(options: SyncOptions, spec: EntitySpec, counts: TaskCounts): Promise<void> {
  const now = options.now ?? (() => new Date())
  const seen = new Set<number>()
  const { db } = options.handle
  await walk(
    options,
    spec.entity,
    counts,
    { filter: (lastId) => [idAfter(lastId)], fields: await fieldsToAsk(options, spec), startAfter: -1 },
    async (items, _lastId, done) => {
      const syncedAt = now().toISOString()
      const upsert = mapPage(spec, items, syncedAt, await vocabularyFor(options, spec))
      for (const row of upsert.rows) seen.add(row[0] as number)
      const write: PageWrite = { upserts: [upsert] }
      if (done) {
        // Only a complete read in this run may delete: rows the PSA no longer returns are gone there.
        const local = await db.selectFrom(spec.table).select('id').where('psa', '=', PSA).execute()
        const gone = local.map((row) => row.id).filter((id) => !seen.has(id))
        write.deletes = [{ table: spec.table, ids: gone }]
        write.deletedLog = gone.map((id) =>
          deletedEntry(spec.entity, id, null, null, 'no longer returned by the PSA', syncedAt),
        )
        write.state = {
          psa: PSA,
          entity: spec.entity,
          last_run_at: syncedAt,
          last_success_at: syncedAt,
          full_done: 1,
          last_error: null,
          records: seen.size,
          requests: options.governor.requestsMade - counts.requestsAtStart,
        }
      }
      return write
    },
  )
}

/** SLA results have no stamp: re-read those of the tickets whose local row changed since the last pass. */
async function syncByTicket(options: SyncOptions, spec: EntitySpec, counts: TaskCounts): Promise<void> {
  const now = options.now ?? (() => new Date())
  const { db } = options.handle
  const state = await stateOf(db, spec.entity)
  if (options.full || !state?.full_done || !state.watermark) {
    const mark = await db
      .selectFrom('ticket')
      .select((eb) => eb.fn.max('synced_at').as('mark'))
      .executeTakeFirst()
    await syncSnapshot(options, spec, counts)
    await options.handle.store.writePage({
      state: { psa: PSA, entity: spec.entity, watermark: (mark?.mark as string | null) ?? now().toISOString() },
    })
    return
  }
  const changed = await db
    .selectFrom('ticket')
    .select(['id', 'synced_at'])
    .where('psa', '=', PSA)
    .where('synced_at', '>', state.watermark)
    .orderBy('synced_at')
    .orderBy('id')
    .execute()
  const fields = await fieldsToAsk(options, spec)
  for (let start = 0; start < changed.length; start += 200) {
    const chunk = changed.slice(start, start + 200)
    const ids = chunk.map((row) => row.id)
    // 200 tickets have at most 200 results, so one page always holds them.
    await readThreshold(options)
    const page = await options.client.query(spec.entity, {
      filter: [{ op: 'in', field: 'ticketID', value: ids }],
      IncludeFields: fields,
      MaxRecords: PAGE_SIZE,
    })
    counts.queries += 1
    const local = performance.now()
    const syncedAt = now().toISOString()
    const upsert = mapPage(spec, page.items, syncedAt, await vocabularyFor(options, spec))
    const result = await options.handle.store.writePage({
      upserts: [upsert],
      state: {
        psa: PSA,
        entity: spec.entity,
        watermark: chunk.at(-1)!.synced_at,
        last_run_at: syncedAt,
        last_success_at: syncedAt,
        last_error: null,
      },
    })
    counts.records += page.items.length
    counts.changed += result.changed
    counts.localMs += performance.now() - local
  }
}

/** Removes deleted tickets (and what hangs off them) from the DeletedTicketLogs. */
async function syncDeletedTickets(options: SyncOptions): Promise<TaskCounts> {
  const now = options.now ?? (() => new Date())
  const entity = 'DeletedTicketLogs'
  const counts = newCounts(options.governor)
  const state = await stateOf(options.handle.db, entity)
  const overlapMs = options.overlapMs ?? 10 * 60_000
  const since =
    state?.watermark && !options.full ? new Date(Date.parse(state.watermark) - overlapMs).toISOString() : null
  let newest = state?.watermark ?? null
  await walk(
    options,
    entity,
    counts,
    {
      filter: (lastId) =>
        since ? [idAfter(lastId), { op: 'gte', field: 'deletedDateTime', value: since }] : [idAfter(lastId)],
      fields: ['id', 'ticketID', 'ticketNumber', 'ticketTitle', 'deletedByResourceID', 'deletedDateTime'],
      startAfter: -1,
    },
    (items, _lastId, done) => {
      const syncedAt = now().toISOString()
      const ticketIds: number[] = []
      const log: DeletedLogEntry[] = []
      for (const item of items) {
        const reader = RecordReader.open(entity, item)
        const ticketId = reader.int('ticketID', true)!
        const deletedAt = reader.instant('deletedDateTime', true)!
        if (!newest || deletedAt > newest) newest = deletedAt
        ticketIds.push(ticketId)
        const detail = JSON.stringify({ number: reader.text('ticketNumber'), title: reader.text('ticketTitle') })
        log.push(deletedEntry('Tickets', ticketId, deletedAt, reader.int('deletedByResourceID'), detail, syncedAt))
      }
      const write: PageWrite = {
        deletes: [{ table: 'ticket', ids: ticketIds }],
        deleteTicketDependents: ticketIds,
        deletedLog: log,
      }
      if (done)
        write.state = {
          psa: PSA,
          entity,
          watermark: newest,
          last_run_at: syncedAt,
          last_success_at: syncedAt,
          full_done: 1,
          last_error: null,
        }
      return write
    },
  )
  return counts
}

/**
 * Entities without a deletion log that gives their ids (time entries, notes, assets, opportunities,
 * projects...): an id-only scan finds the ones deleted at the source, over a recent window where the
 * spec names a field, else over every record. Costs one request per 500 records scanned.
 */
async function reconcileDeletions(options: SyncOptions, spec: EntitySpec): Promise<TaskCounts> {
  const now = options.now ?? (() => new Date())
  const key = `${spec.entity}:deletions`
  const counts = newCounts(options.governor)
  const state = await stateOf(options.handle.db, key)
  if (!state) {
    // The first sync has just read every record, so there is nothing to reconcile yet.
    const at = now().toISOString()
    await options.handle.store.writePage({
      state: { psa: PSA, entity: key, last_run_at: at, last_success_at: at, full_done: 1 },
    })
    counts.skipped = true
    return counts
  }
  if (!options.full && !isDue(state.last_success_at, options.reconcileEveryMs ?? 3_600_000, now())) {
    counts.skipped = true
    return counts
  }
  const scan = spec.deletionScan!
  const windowStart = new Date(now().getTime() - (options.reconcileWindowDays ?? 62) * 86_400_000)
  const window =
    scan === 'all'
      ? null
      : { ...scan, value: scan.kind === 'date' ? windowStart.toISOString().slice(0, 10) : windowStart.toISOString() }
  const seen = new Set<number>()
  const { table } = spec
  await walk(
    options,
    spec.entity,
    counts,
    {
      filter: (lastId) =>
        window ? [idAfter(lastId), { op: 'gte', field: window.field, value: window.value }] : [idAfter(lastId)],
      fields: ['id'],
      startAfter: -1,
    },
    async (items, _lastId, done) => {
      for (const item of items) seen.add(RecordReader.open(spec.entity, item).id)
      if (!done) return {}
      const syncedAt = now().toISOString()
      let localRows = options.handle.db.selectFrom(table).select('id').where('psa', '=', PSA)
      if (window) localRows = localRows.where(window.column as 'id', '>=', window.value as never)
      const local = await localRows.execute()
      const gone = local.map((row) => row.id).filter((id) => !seen.has(id))
      if (!options.full) guardMassDeletion(spec.entity, gone.length, local.length)
      return {
        deletes: [{ table, ids: gone }],
        deletedLog: gone.map((id) =>
          deletedEntry(spec.entity, id, null, null, 'no longer returned by the PSA', syncedAt),
        ),
        state: {
          psa: PSA,
          entity: key,
          last_run_at: syncedAt,
          last_success_at: syncedAt,
          full_done: 1,
          last_error: null,
        },
      }
    },
  )
  counts.records = 0 // an id scan reads no records, it only checks which still exist
  return counts
}

/**
 * Field metadata of every synced entity: picklist labels, so KPIs show "Waiting Customer" instead
 * of 7, and the list of fields the tenant has, so queries never ask for one it lacks.
 */
async function syncPicklists(options: SyncOptions): Promise<TaskCounts> {
  const now = options.now ?? (() => new Date())
  const counts = newCounts(options.governor)
  const state = await stateOf(options.handle.db, 'Picklists')
  if (!options.full && !isDue(state?.last_success_at, options.picklistMaxAgeMs ?? 6 * 3_600_000, now())) {
    counts.skipped = true
    return counts
  }
  const syncedAt = now().toISOString()
  const rows: PicklistRow[] = []
  const fieldRows: Array<{ entity: string; field: string; dataType: string | null; isPicklist: 0 | 1 }> = []
  for (const spec of ENTITY_SPECS) {
    await readThreshold(options)
    const fields = await options.client.fields(spec.entity)
    counts.queries += 1
    for (const field of fields) {
      if (field === null || typeof field !== 'object' || typeof field.name !== 'string') {
        throw new SyncError('not_autotask', `${spec.entity} field information holds an entry without a name`)
      }
      fieldRows.push({
        entity: spec.entity,
        field: field.name,
        dataType: typeof field.dataType === 'string' ? field.dataType : null,
        isPicklist: field.isPickList ? 1 : 0,
      })
      if (!field.isPickList || !spec.picklists?.some((name) => name.toLowerCase() === field.name.toLowerCase()))
        continue
      for (const value of field.picklistValues ?? []) {
        if (
          value === null ||
          typeof value !== 'object' ||
          value.value === undefined ||
          typeof value.label !== 'string'
        ) {
          throw new SyncError(
            'malformed_record',
            `${spec.entity} picklist ${field.name}: a value without value or label`,
          )
        }
        rows.push({
          psa: PSA,
          entity: spec.entity,
          field: field.name,
          value: String(value.value),
          label: value.label,
          is_active: value.isActive === false ? 0 : 1,
          is_default: value.isDefaultValue ? 1 : 0,
          sort_order: typeof value.sortOrder === 'number' ? value.sortOrder : null,
          parent_value: value.parentValue === undefined || value.parentValue === '' ? null : value.parentValue,
        })
      }
    }
  }
  await options.handle.store.writePage({
    picklists: { rows, syncedAt },
    fields: { psa: PSA, entities: ENTITY_SPECS.map((spec) => spec.entity), rows: fieldRows, syncedAt },
    state: {
      psa: PSA,
      entity: 'Picklists',
      last_run_at: syncedAt,
      last_success_at: syncedAt,
      full_done: 1,
      last_error: null,
      records: rows.length,
    },
  })
  counts.records = rows.length
  return counts
}

/**
 * Keeps the fields (and their aliases) the tenant's metadata lists for the entity; before that is
 * known, every wanted field under its first name.
 */
async function knownFields(
  options: Pick<SyncOptions, 'handle'>,
  spec: EntitySpec,
  wanted: readonly string[],
): Promise<string[]> {
  const known = await options.handle.db
    .selectFrom('entity_field')
    .select('field')
    .where('psa', '=', PSA)
    .where('entity', '=', spec.entity)
    .execute()
  if (known.length === 0) return [...wanted]
  const names = new Set(known.map((row) => row.field.toLowerCase()))
  return wanted
    .flatMap((field) => namesOf(spec, field))
    .filter((field) => field === 'id' || names.has(field.toLowerCase()))
}

export function fieldsToAsk(options: Pick<SyncOptions, 'handle'>, spec: EntitySpec): Promise<string[]> {
  return knownFields(options, spec, includeFields(spec))
}

export function deletedEntry(
  entity: string,
  id: number,
  deletedAt: string | null,
  by: number | null,
  detail: string | null,
  recordedAt: string,
): DeletedLogEntry {
  return { psa: PSA, entity, recordId: id, deletedAt, deletedByResourceId: by, detail, recordedAt }
}
