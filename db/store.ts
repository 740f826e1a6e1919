import type { RawTable } from './schema.js'

/** Rows for one raw table, already mapped to its columns (all rows share the same keys). */
export interface TableUpsert {
  table: RawTable
  rows: Record<string, unknown>[]
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

export interface SyncStatePatch {
  psa: string
  entity: string
  watermark?: string | null
  pass_since?: string | null
  pass_max?: string | null
  last_id?: number | null
  full_done?: 0 | 1
  last_run_at?: string | null
  last_success_at?: string | null
  last_reconcile_at?: string | null
  records?: number
  requests?: number
  last_error?: string | null
}

/** Everything one sync page changes, written in a single transaction. */
export interface PageWrite {
  upserts?: TableUpsert[]
  deletes?: Array<{ table: RawTable; ids: number[] }>
  deletedLog?: DeletedLogEntry[]
  state?: SyncStatePatch
}

export interface PageWriteResult {
  /** Rows inserted or actually changed (unchanged re-reads do not count). */
  changed: number
  deleted: number
}

/** The dialect-specific bulk writer used by connectors. */
export interface RawStore {
  writePage(page: PageWrite): Promise<PageWriteResult>
}
