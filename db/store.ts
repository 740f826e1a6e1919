import type { Updateable } from 'kysely'
import type { PicklistValueTable, RawTable, SyncStateTable } from './schema.js'

/** Rows for one raw table: each row's values in `columns` order (the first column is the id). */
export interface TableUpsert {
  table: RawTable
  columns: string[]
  rows: unknown[][]
  syncedAt: string
}

export interface DeletedLogEntry {
  psa: string
  entity: string
  recordId: number
  deletedAt: string | null
  deletedByResourceId: number | null
  detail: string | null
  recordedAt: string
}

/** The sync_state columns one page sets for one entity (the key plus any others). */
export type SyncStatePatch = Pick<SyncStateTable, 'psa' | 'entity'> & Omit<Updateable<SyncStateTable>, 'psa' | 'entity'>

/** A picklist value as a sync writes it (the store stamps `synced_at`). */
export type PicklistRow = Omit<PicklistValueTable, 'synced_at'>

/** Everything one sync page changes, written in a single transaction. */
export interface PageWrite {
  upserts?: TableUpsert[]
  deletes?: Array<{ table: RawTable; ids: number[] }>
  /** Tickets deleted at the source: their time entries, notes and SLA results go with them. */
  deleteTicketDependents?: number[]
  picklists?: { rows: PicklistRow[]; syncedAt: string }
  /** The complete field list of these entities, replacing what was stored for them. */
  fields?: {
    psa: string
    entities: string[]
    rows: Array<{ entity: string; field: string; dataType: string | null; isPicklist: 0 | 1 }>
    syncedAt: string
  }
  deletedLog?: DeletedLogEntry[]
  state?: SyncStatePatch
}

export interface PageWriteResult {
  /** Rows inserted or actually changed (unchanged re-reads do not count). */
  changed: number
  deleted: number
}

/** Who holds a database-wide lock (such as the sync lock): which process on which host, since when, last seen when. */
export interface LockHolder {
  token: string
  pid: number
  host: string
  startedAt: string
  heartbeatAt: string
}

/** The dialect-specific bulk writer used by connectors. */
export interface RawStore {
  writePage(page: PageWrite): Promise<PageWriteResult>
  /**
   * Sets an empty table's secondary indexes aside for a bulk load (a first full sync): rows go in
   * several times faster and the indexes are built once afterwards. Does nothing on a non-empty table.
   */
  beginBulkLoad(table: RawTable): Promise<void>
  /** Builds every index set aside (for one table, or all), e.g. at the end of the pass or after a crash. */
  endBulkLoad(table?: RawTable): Promise<void>
  /**
   * Takes the lock `name` for `claim` unless its current holder `isLive`, in one write transaction,
   * so two processes never both take it. Answers the holder afterwards: `claim` itself when taken.
   */
  takeLock(name: string, claim: LockHolder, isLive: (holder: LockHolder) => boolean): Promise<LockHolder>
  /** Moves the heartbeat of a lock `token` still holds; false when another took it over meanwhile. */
  renewLock(name: string, token: string, at: string): Promise<boolean>
  /** Lets go of a lock `token` holds; one taken over by another is left alone. */
  releaseLock(name: string, token: string): Promise<void>
}
