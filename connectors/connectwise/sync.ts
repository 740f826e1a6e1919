import type { Kysely } from 'kysely'
import type { DbHandle } from '../../db/index.js'
import { compileMeanings } from '../../db/psa-model.js'
import type { Database } from '../../db/schema.js'
import type { DeletedLogEntry, PageWrite, PicklistRow, SyncStatePatch, TableUpsert } from '../../db/store.js'
import { SyncError } from '../autotask/errors.js'
import type { EntityProgress, SyncSummary } from '../autotask/sync.js'
import { guardMassDeletion } from '../deletion-guard.js'
import { loadTicketMeanings } from '../ticket-meanings.js'
import {
  isDue,
  newCounts,
  resultOf,
  type RunOptions,
  syncRun,
  type SyncTask,
  syncStateOf,
  type TaskCounts,
} from '../sync-run.js'
import type { ConnectWiseClient } from './client.js'
import type { Page } from './paging.js'
import { where } from './conditions.js'
import { CONNECTWISE_ENTITIES, type ConnectWiseEntity, TICKET_NOTES, TICKETS } from './entities.js'
import type { ConnectWiseGovernor } from './governor.js'
import { lastUpdatedOf, type MapContext, noteRow, openRecord, PSA } from './map.js'
import { TicketDueTimes } from './sla.js'

// One ConnectWise sync: every entity read by `lastUpdated` since its watermark less an overlap, a page at a time,
// each page's rows written with the pass's position so a crash resumes after the last stored page; a changed
// ticket's notes read with it; deletions found by an hourly id scan that refuses to empty a table.

export interface ConnectWiseSyncOptions extends RunOptions {
  handle: DbHandle
  client: ConnectWiseClient
  governor: ConnectWiseGovernor
  /** Re-read everything (every ticket's notes too) and scan for deletions now, without the mass-deletion guard. */
  full?: boolean
  /** Limit the run to these entities (CONNECTWISE_ENTITIES names); default all. */
  entities?: readonly string[]
  /** How far back each incremental pass re-reads, against clock skew and whole-second stamps (default 10 min). */
  overlapMs?: number
  /** How often the id scans look for records deleted at ConnectWise (default 1 h). */
  reconcileEveryMs?: number
  /** How far back the time entries' id scan looks (default 62 days); other entities are scanned whole. */
  reconcileWindowDays?: number
  /** Seconds between syncs of particular entities (`{ Members: 900 }`); others sync every run. */
  entityIntervals?: Readonly<Record<string, number>>
  onProgress?: (progress: EntityProgress) => void
  /** Credential values no error message may carry. */
  secrets?: readonly string[]
  /** Records a page (default and most 1,000). */
  pageSize?: number
  /** The MSP's time zone: a time entry's date worked is the local date of its start (default Europe/Amsterdam). */
  timeZone?: string
}

interface Counts extends TaskCounts {
  /** The notes read along with the tickets, reported as their own entity. */
  notes?: NoteCounts
}

/** The notes' counts: their requests are told apart by what they are counted under, their time by the clock. */
export interface NoteCounts extends Counts {
  noteRequestsAtStart: number
  ms: number
}

export function newNoteCounts(governor: ConnectWiseGovernor): NoteCounts {
  return { ...newCounts(governor), noteRequestsAtStart: governor.requestsFor(TICKET_NOTES), ms: 0 }
}

export async function runConnectWiseSync(options: ConnectWiseSyncOptions): Promise<SyncSummary> {
  return syncRun<Counts>(PSA, options, {
    plan: async (startedAt) => {
      // The company lookup comes first: an unknown company or an unreachable site stops the run here.
      await ensureSource(options.handle.db, await options.client.apiBase(), await options.client.webUrl(), startedAt)
      const wanted = CONNECTWISE_ENTITIES.filter(
        (entity) => !options.entities || options.entities.includes(entity.name),
      )
      return [
        ...wanted.map((entity): SyncTask<Counts> => [entity.name, () => syncEntity(options, entity)]),
        ...wanted
          .filter((entity) => entity.deletionScan)
          .map((entity): SyncTask<Counts> => [`${entity.name}:deletions`, () => scanDeletions(options, entity)]),
      ]
    },
    // The tickets' result leaves out the requests and time of the notes read with them: those are the notes' own.
    resultsOf: (name, counts, ms) => {
      const notes = counts.notes
      const noteRequests = notes ? options.governor.requestsFor(TICKET_NOTES) - notes.noteRequestsAtStart : 0
      const requests = options.governor.requestsMade - counts.requestsAtStart - noteRequests
      const result = resultOf(name, counts, requests, ms - (notes?.ms ?? 0))
      return notes ? [result, resultOf(TICKET_NOTES, notes, noteRequests, notes.ms)] : [result]
    },
    report: (entity, phase, result, error) => report(options, entity, phase, result, error),
  })
}

function report(
  options: ConnectWiseSyncOptions,
  entity: string,
  phase: EntityProgress['phase'],
  counts: { records: number; changed: number; deleted: number; requests: number },
  error?: string,
): void {
  const { governor } = options
  // ConnectWise's limit is per minute and has no tenant-wide reading: the budget shows roleboard's own pace.
  options.onProgress?.({
    entity,
    phase,
    records: counts.records,
    changed: counts.changed,
    deleted: counts.deleted,
    requests: counts.requests,
    budget: {
      own: governor.requestsMade,
      ownLimit: governor.ownLimit,
      tenant: governor.requestsMade,
      limit: governor.limitPerMinute,
    },
    ...(error ? { error } : {}),
  })
}

async function ensureSource(db: Kysely<Database>, apiBase: string, webUrl: string | null, at: string): Promise<void> {
  await db
    .insertInto('psa_source')
    .values({ psa: PSA, kind: PSA, zone_url: apiBase, web_url: webUrl, created_at: at })
    .onConflict((oc) => oc.column('psa').doUpdateSet({ zone_url: apiBase, web_url: webUrl }))
    .execute()
}

function stateOf(db: Kysely<Database>, entity: string) {
  return syncStateOf(db, PSA, entity)
}

/** What mapping needs, read when an entity's pass starts (the members as the pass before stored them). */
export async function mapContext(options: Pick<ConnectWiseSyncOptions, 'handle' | 'timeZone'>): Promise<MapContext> {
  const members = await options.handle.db
    .selectFrom('resource')
    .select(['id', 'user_name'])
    .where('psa', '=', PSA)
    .execute()
  return {
    meanings: compileMeanings(await loadTicketMeanings(options.handle.db)),
    memberIds: new Map(members.filter((m) => m.user_name !== null).map((m) => [m.user_name!.toLowerCase(), m.id])),
    timeZone: options.timeZone ?? 'Europe/Amsterdam',
  }
}

/**
 * One pass over an entity: everything (the first pass, a full sync) or what changed since the watermark less the
 * overlap, resumed after the last stored page when the previous pass stopped half-way.
 */
async function syncEntity(options: ConnectWiseSyncOptions, entity: ConnectWiseEntity): Promise<Counts> {
  const now = options.now ?? (() => new Date())
  const { store, db } = options.handle
  const counts: Counts = newCounts(options.governor)
  const state = await stateOf(db, entity.name)
  // A pass over one list resumes after its last stored page; one over many parents' lists starts again from its
  // watermark, which loses and doubles nothing either (rows are upserted).
  const resuming = !entity.parents && !options.full && state?.last_id !== null && state?.last_id !== undefined
  const fullPass = options.full || (resuming ? state!.pass_since === null : !state?.full_done || !state.watermark)
  const since = fullPass
    ? null
    : resuming
      ? state!.pass_since
      : new Date(Date.parse(state!.watermark!) - (options.overlapMs ?? 10 * 60_000)).toISOString()
  let passMax = resuming ? state!.pass_max : null
  const started = performance.now()
  if (fullPass && !resuming) await store.beginBulkLoad(entity.table)
  const context = await mapContext(options)
  const dueTimes =
    entity.name === TICKETS
      ? new TicketDueTimes(options.client, options.handle, context.timeZone, options.full ?? false)
      : null
  if (entity.name === TICKETS) counts.notes = newNoteCounts(options.governor)
  const complete = entity.related?.({ client: options.client, db, full: options.full === true })
  try {
    for await (const page of pagesOf(options, entity, since, resuming ? state!.last_id : null)) {
      counts.queries += 1
      const local = performance.now()
      const notesMsBefore = counts.notes?.ms ?? 0
      const syncedAt = now().toISOString()
      const pageContext = dueTimes ? { ...context, slaDue: await dueTimes.forPage(page.records) } : context
      const mapped = mapPage(entity, page.records, pageContext, syncedAt)
      if (complete) counts.queries += await complete(page.records, mapped.write.upserts[0]!)
      if (mapped.newest && (!passMax || mapped.newest > passMax)) passMax = mapped.newest
      if (counts.notes) await readNotes(options, mapped.write, counts.notes, syncedAt)
      const patch: SyncStatePatch = {
        psa: PSA,
        entity: entity.name,
        last_run_at: syncedAt,
        last_error: null,
        ...(entity.parents ? {} : { last_id: page.cursor, pass_since: since, pass_max: passMax }),
      }
      const result = await store.writePage({ ...mapped.write, state: patch })
      counts.records += page.records.length
      counts.changed += result.changed
      counts.deleted += result.deleted
      counts.localMs += performance.now() - local - (counts.notes ? counts.notes.ms - notesMsBefore : 0)
      report(options, entity.name, 'page', {
        ...counts,
        requests: options.governor.requestsMade - counts.requestsAtStart,
      })
    }
    const syncedAt = now().toISOString()
    // A long full pass can miss edits made to rows it already passed; stepping the watermark back by the
    // pass's own duration makes the next incremental pass pick those up.
    const stepBack = fullPass ? performance.now() - started : 0
    const reached = passMax ? new Date(Date.parse(passMax) - stepBack).toISOString() : null
    const newest =
      [state?.watermark ?? null, reached]
        .filter((v): v is string => !!v)
        .sort()
        .pop() ?? null
    await store.writePage({
      state: {
        psa: PSA,
        entity: entity.name,
        watermark: fullPass ? (reached ?? state?.watermark ?? null) : newest,
        last_id: null,
        pass_since: null,
        pass_max: null,
        full_done: 1,
        last_run_at: syncedAt,
        last_success_at: syncedAt,
        last_error: null,
        records: counts.records,
        requests: options.governor.requestsMade - counts.requestsAtStart,
      },
    })
  } finally {
    // Also after a failed page: the table is never left without its indexes for readers.
    await store.endBulkLoad(entity.table)
  }
  return counts
}

/** The pass's pages: of the entity's list, or of each stored parent's list in turn. */
async function* pagesOf(
  options: ConnectWiseSyncOptions,
  entity: ConnectWiseEntity,
  since: string | null,
  after: number | null,
): AsyncGenerator<Page> {
  const parents = entity.parents
    ? await options.handle.db
        .selectFrom(entity.parents as 'survey')
        .select('id')
        .where('psa', '=', PSA)
        .orderBy('id')
        .execute()
    : null
  const paths = parents ? parents.map(({ id }) => entity.path.replace('{parent}', String(id))) : [entity.path]
  const conditions = since ? where('lastUpdated', '>=', since) : null
  for (const path of paths) {
    yield* options.client.pages(path, { conditions, after, pageSize: options.pageSize, entity: entity.name })
  }
}

export interface MappedPage {
  write: PageWrite & { upserts: TableUpsert[] }
  /** The newest `lastUpdated` on the page. */
  newest: string | null
}

/** Every record of a page mapped and checked before anything is written: a malformed one fails the page whole. */
export function mapPage(
  entity: ConnectWiseEntity,
  records: readonly unknown[],
  context: MapContext,
  syncedAt: string,
): MappedPage {
  const rows: Array<Record<string, unknown>> = []
  const leftOut: number[] = []
  const labels: PicklistRow[] = [...(entity.fixedLabels?.() ?? [])]
  let newest: string | null = null
  for (const item of records) {
    const record = openRecord(entity.name, item)
    const stamp = lastUpdatedOf(record)
    if (!newest || stamp > newest) newest = stamp
    const row = entity.row(record, context)
    if (row === null) leftOut.push(record.id)
    else rows.push(row)
    if (entity.labels) labels.push(...entity.labels(record))
  }
  return {
    write: {
      upserts: [upsertOf(entity.table, rows, syncedAt)],
      // A record left out now (a member made an API member) goes if it was stored before.
      deletes: leftOut.length > 0 ? [{ table: entity.table, ids: leftOut }] : [],
      ...(labels.length > 0 ? { picklists: { rows: distinctLabels(labels), syncedAt } } : {}),
    },
    newest,
  }
}

function upsertOf(table: TableUpsert['table'], rows: Array<Record<string, unknown>>, syncedAt: string): TableUpsert {
  // Every row of one mapper has its columns in the same order.
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : []
  return { table, columns, rows: rows.map((row) => columns.map((column) => row[column])), syncedAt }
}

function distinctLabels(rows: PicklistRow[]): PicklistRow[] {
  const byKey = new Map<string, PicklistRow>()
  for (const row of rows) byKey.set(`${row.entity}\u0000${row.field}\u0000${row.value}`, row)
  return [...byKey.values()]
}

/**
 * Reads the notes of the page's tickets that changed (new, or another `lastUpdated` than stored; every ticket on a
 * full sync) and writes them, with the deletion of notes those tickets no longer have, in one transaction before
 * the page itself: a crash in between leaves the tickets' old stamps, so the rerun reads their notes again. A ticket
 * deleted since it was listed is dropped from the page and deleted.
 */
export async function readNotes(
  options: Pick<ConnectWiseSyncOptions, 'handle' | 'client' | 'full' | 'pageSize'>,
  page: MappedPage['write'],
  counts: NoteCounts,
  syncedAt: string,
): Promise<void> {
  const started = performance.now()
  const { db } = options.handle
  const tickets = page.upserts[0]!
  const idColumn = tickets.columns.indexOf('id')
  const stampColumn = tickets.columns.indexOf('last_modified_at')
  const ids = tickets.rows.map((row) => row[idColumn] as number)
  if (ids.length === 0) return
  const stored = options.full
    ? new Map<number, string | null>()
    : new Map(
        (await db.selectFrom('ticket').select(['id', 'last_modified_at']).where('id', 'in', ids).execute()).map(
          (row) => [row.id, row.last_modified_at],
        ),
      )
  const changed = tickets.rows
    .filter((row) => options.full || stored.get(row[idColumn] as number) !== row[stampColumn])
    .map((row) => row[idColumn] as number)
  if (changed.length === 0) {
    counts.ms += performance.now() - started
    return
  }
  const storedNotes = await db
    .selectFrom('ticket_note')
    .select(['id', 'ticket_id'])
    .where('ticket_id', 'in', changed)
    .execute()
  const notes: Array<Record<string, unknown>> = []
  const gone: number[] = []
  const vanished: number[] = []
  for (const ticketId of changed) {
    const seen = new Set<number>()
    try {
      for await (const notePage of options.client.pages(`service/tickets/${ticketId}/notes`, {
        pageSize: options.pageSize,
        entity: TICKET_NOTES,
      })) {
        counts.queries += 1
        for (const item of notePage.records) {
          const note = openRecord(TICKET_NOTES, item)
          notes.push(noteRow(note, ticketId))
          seen.add(note.id)
        }
      }
    } catch (error) {
      // Deleted at ConnectWise since the list was read: it goes now, not at the next id scan.
      if (error instanceof SyncError && error.status === 404) {
        vanished.push(ticketId)
        continue
      }
      throw error
    }
    for (const note of storedNotes) if (note.ticket_id === ticketId && !seen.has(note.id)) gone.push(note.id)
  }
  const result = await options.handle.store.writePage({
    upserts: [upsertOf('ticket_note', notes, syncedAt)],
    deletes: [{ table: 'ticket_note', ids: gone }],
  })
  counts.records += notes.length
  counts.changed += result.changed
  counts.deleted += result.deleted
  if (vanished.length > 0) {
    tickets.rows = tickets.rows.filter((row) => !vanished.includes(row[idColumn] as number))
    page.deletes = [...(page.deletes ?? []), { table: 'ticket', ids: vanished }]
    page.deleteTicketDependents = vanished
    page.deletedLog = vanished.map((id) => deletedEntry(TICKETS, id, syncedAt))
  }
  counts.ms += performance.now() - started
}

export function deletedEntry(entity: string, id: number, recordedAt: string): DeletedLogEntry {
  return {
    psa: PSA,
    entity,
    recordId: id,
    deletedAt: null,
    deletedByResourceId: null,
    detail: 'no longer returned by ConnectWise',
    recordedAt,
  }
}

/**
 * ConnectWise keeps no log of deleted records: an id-only scan (a page per 1,000 ids) finds the stored rows it no
 * longer lists, hourly by default. A ticket takes its notes and time along. The first sync has just read
 * everything, so its scan only starts the clock.
 */
async function scanDeletions(options: ConnectWiseSyncOptions, entity: ConnectWiseEntity): Promise<Counts> {
  const now = options.now ?? (() => new Date())
  const key = `${entity.name}:deletions`
  const counts = newCounts(options.governor)
  const { db, store } = options.handle
  const state = await stateOf(db, key)
  const at = now().toISOString()
  if (!state) {
    await store.writePage({ state: { psa: PSA, entity: key, last_run_at: at, last_success_at: at, full_done: 1 } })
    return { ...counts, skipped: true }
  }
  if (!options.full && !isDue(state.last_success_at, options.reconcileEveryMs ?? 3_600_000, now())) {
    return { ...counts, skipped: true }
  }
  const scan = entity.deletionScan!
  const windowStart =
    scan === 'all' ? null : new Date(now().getTime() - (options.reconcileWindowDays ?? 62) * 86_400_000).toISOString()
  const listed = new Set(
    await options.client.getIds(
      entity.path,
      scan !== 'all' && windowStart ? where(scan.field, '>=', windowStart) : null,
      entity.name,
    ),
  )
  counts.queries = options.governor.requestsMade - counts.requestsAtStart
  let stored = db.selectFrom(entity.table).select('id').where('psa', '=', PSA)
  if (scan !== 'all' && windowStart) stored = stored.where(scan.column as 'id', '>=', windowStart as never)
  const local = (await stored.execute()).map((row) => row.id)
  const gone = local.filter((id) => !listed.has(id))
  if (!options.full) guardMassDeletion(entity.name, gone.length, local.length)
  const syncedAt = now().toISOString()
  const result = await store.writePage({
    deletes: [{ table: entity.table, ids: gone }],
    ...(entity.name === TICKETS ? { deleteTicketDependents: gone } : {}),
    deletedLog: gone.map((id) => deletedEntry(entity.name, id, syncedAt)),
    state: { psa: PSA, entity: key, last_run_at: syncedAt, last_success_at: syncedAt, full_done: 1, last_error: null },
  })
  counts.deleted = result.deleted
  return counts
}
