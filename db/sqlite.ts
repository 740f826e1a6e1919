import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, sql, SqliteDialect } from 'kysely'
import type { Database, RawTable } from './schema.js'
import { prepareDatabaseFile, READ_ONLY, SQLITE_SUFFIXES, StorageError } from './storage.js'
import type { LockHolder, PageWrite, PageWriteResult, RawStore } from './store.js'

// Everything SQLite-specific lives here: connection pragmas, the conditional upsert, id-list
// deletes. A PostgreSQL dialect implements the same RawStore with `INSERT ... ON CONFLICT` and
// `= ANY($1)`; the rest of roleboard talks Kysely or RawStore only.

const SQLITE_HEADER = 'SQLite format 3\0'

/**
 * Opens (creating, readable by this user only) the SQLite file at `path`. A file SQLite cannot use
 * (a directory, another format, read-only) is a StorageError naming it, and is left as it was.
 * `existing`: the file must be there already (another connection's, e.g. a worker thread's): never created.
 */
export function openSqlite(path: string, existing = false): BetterSqlite3.Database {
  let raw: BetterSqlite3.Database | undefined
  try {
    if (path !== ':memory:' && !existing) prepareDatabaseFile(path, SQLITE_HEADER)
    raw = new BetterSqlite3(path, { fileMustExist: existing })
    configure(raw)
    return raw
  } catch (error) {
    raw?.close()
    throw asStorageError(path, error)
  }
}

/** The one translation of engine and file-system failures into a reason a person can act on; other errors pass unchanged. */
export function asStorageError(path: string, error: unknown): unknown {
  if (error instanceof StorageError) return error
  const reason = storageReason((error as { code?: unknown } | null)?.code)
  return reason ? new StorageError(path, reason) : error
}

const STORAGE_REASONS: Array<[RegExp, string]> = [
  [/^SQLITE_NOTADB$/, 'not a SQLite database'],
  [/^SQLITE_CORRUPT/, 'the file is damaged (not a valid SQLite database)'],
  [/^(SQLITE_READONLY|SQLITE_PERM$|EACCES$|EPERM$|EROFS$)/, READ_ONLY],
  [/^(SQLITE_FULL|ENOSPC)$/, 'the disk is full'],
  [/^EISDIR$/, 'it is a directory'],
  [/^SQLITE_CANTOPEN/, 'SQLite cannot open it (check that the file and its folder exist and are writable)'],
  [/^(SQLITE_IOERR|EIO$)/, 'the disk reported an error'],
]

function storageReason(code: unknown): string | null {
  if (typeof code !== 'string') return null
  return STORAGE_REASONS.find(([pattern]) => pattern.test(code))?.[1] ?? null
}

/** Deletes a database file with the journal files SQLite keeps next to it. */
export function removeSqliteFiles(path: string): void {
  for (const suffix of SQLITE_SUFFIXES) rmSync(`${path}${suffix}`, { force: true })
}

/** Moves a database with its -wal, -shm and -journal files (those that exist) to `to`. */
export function moveSqliteFiles(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 })
  for (const suffix of SQLITE_SUFFIXES)
    if (existsSync(`${from}${suffix}`)) renameSync(`${from}${suffix}`, `${to}${suffix}`)
}

/** Changes whenever another connection (another process) commits to the file: a cheap "did anything change?". */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database (a tenant's, the registry): only a pragma is read
export async function dataVersion(db: Kysely<any>): Promise<number> {
  const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db)
  return rows[0]!.data_version
}

/**
 * Ends a CREATE TABLE of narrow rows read by their primary key only (a KPI's history): SQLite then keeps the
 * rows in the key's B-tree itself, half the size of a table with a rowid and an index beside it.
 */
export const WITHOUT_ROWID = sql`without rowid`

/** True when a write was refused by a unique index (two requests racing for one slot). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE'
}

function configure(raw: BetterSqlite3.Database): void {
  raw.pragma('journal_mode = WAL')
  // NORMAL in WAL mode never corrupts the file; a power cut may lose the last commits, which the
  // next sync reads again because their watermark went down with them.
  raw.pragma('synchronous = NORMAL')
  raw.pragma('busy_timeout = 5000')
  // 64 MiB of page cache keeps the index B-trees in memory while a sync writes pages of 500 rows.
  raw.pragma('cache_size = -65536')
  raw.pragma('temp_store = MEMORY')
  // Checkpoint every ~80 MB of WAL rather than every 4 MB: a sync rewrites the same index pages far
  // less often; the WAL file is cut back afterwards.
  raw.pragma('wal_autocheckpoint = 20000')
  raw.pragma('journal_size_limit = 67108864')
  raw.pragma('foreign_keys = ON')
}

export function createKysely(raw: BetterSqlite3.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) })
}

type Statement = BetterSqlite3.Statement<unknown[]>

export class SqliteRawStore implements RawStore {
  readonly #raw: BetterSqlite3.Database
  readonly #statements = new Map<string, Statement>()

  constructor(raw: BetterSqlite3.Database) {
    this.#raw = raw
  }

  async beginBulkLoad(table: RawTable): Promise<void> {
    this.#raw.transaction(() => {
      if (this.#raw.prepare(`select 1 from ${table} limit 1`).get()) return
      const indexes = this.#raw
        .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
        .all(table) as Array<{ name: string; sql: string }>
      for (const { name, sql } of indexes) {
        this.#raw
          .prepare('insert or replace into deferred_index (name, table_name, definition) values (?, ?, ?)')
          .run(name, table, sql)
        this.#raw.exec(`drop index ${name}`)
      }
    })()
  }

  async endBulkLoad(table?: RawTable): Promise<void> {
    const deferred = this.#raw
      .prepare('select name, definition from deferred_index where ? is null or table_name = ?')
      .all(table ?? null, table ?? null) as Array<{ name: string; definition: string }>
    if (deferred.length === 0) return
    this.#raw.transaction(() => {
      for (const { name, definition } of deferred) {
        this.#raw.exec(definition.replace(/^create index /i, 'create index if not exists '))
        this.#raw.prepare('delete from deferred_index where name = ?').run(name)
      }
    })()
    // Dropped index statements must be prepared again against the new schema.
    this.#statements.clear()
  }

  async takeLock(name: string, claim: LockHolder, isLive: (holder: LockHolder) => boolean): Promise<LockHolder> {
    // IMMEDIATE: the write lock is taken before the read, so a second process waits and then sees the first one's claim.
    return this.#raw
      .transaction(() => {
        const holder = this.#raw
          .prepare(
            'select token, pid, host, started_at as startedAt, heartbeat_at as heartbeatAt from sync_lock where name = ?',
          )
          .get(name) as LockHolder | undefined
        if (holder && isLive(holder)) return holder
        this.#raw
          .prepare(
            `insert into sync_lock (name, token, pid, host, started_at, heartbeat_at) values (?, ?, ?, ?, ?, ?)
             on conflict (name) do update set token = excluded.token, pid = excluded.pid, host = excluded.host,
               started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at`,
          )
          .run(name, claim.token, claim.pid, claim.host, claim.startedAt, claim.heartbeatAt)
        return claim
      })
      .immediate()
  }

  async renewLock(name: string, token: string, at: string): Promise<boolean> {
    return (
      this.#raw.prepare('update sync_lock set heartbeat_at = ? where name = ? and token = ?').run(at, name, token)
        .changes === 1
    )
  }

  async releaseLock(name: string, token: string): Promise<void> {
    this.#raw.prepare('delete from sync_lock where name = ? and token = ?').run(name, token)
  }

  async writePage(page: PageWrite): Promise<PageWriteResult> {
    return this.#raw.transaction(() => this.#writePage(page))()
  }

  #writePage(page: PageWrite): PageWriteResult {
    let changed = 0
    for (const { table, columns, rows, syncedAt } of page.upserts ?? []) {
      if (rows.length === 0) continue
      const statement = this.#upsertStatement(table, columns)
      for (const values of rows) {
        values.push(syncedAt)
        changed += statement.run(values).changes
      }
    }
    let deleted = 0
    for (const { table, ids } of page.deletes ?? []) {
      if (ids.length === 0) continue
      deleted += this.#statement(`delete from ${table} where id in (select value from json_each(?))`).run([
        JSON.stringify(ids),
      ]).changes
    }
    if (page.deleteTicketDependents?.length) {
      const ids = JSON.stringify(page.deleteTicketDependents)
      for (const table of ['time_entry', 'ticket_note', 'sla_result'] as const) {
        deleted += this.#statement(`delete from ${table} where ticket_id in (select value from json_each(?))`).run([
          ids,
        ]).changes
      }
    }
    for (const row of page.picklists?.rows ?? []) {
      this.#statement(
        `insert into picklist_value (psa, entity, field, value, label, is_active, is_default, sort_order, parent_value, synced_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (psa, entity, field, value) do update set label = excluded.label, is_active = excluded.is_active,
           is_default = excluded.is_default, sort_order = excluded.sort_order, parent_value = excluded.parent_value,
           synced_at = excluded.synced_at`,
      ).run([
        row.psa,
        row.entity,
        row.field,
        row.value,
        row.label,
        row.is_active,
        row.is_default,
        row.sort_order,
        row.parent_value,
        page.picklists!.syncedAt,
      ])
    }
    if (page.fields) {
      const { psa, entities, rows, syncedAt } = page.fields
      this.#statement('delete from entity_field where psa = ? and entity in (select value from json_each(?))').run([
        psa,
        JSON.stringify(entities),
      ])
      const insert = this.#statement(
        'insert into entity_field (psa, entity, field, data_type, is_picklist, synced_at) values (?, ?, ?, ?, ?, ?)',
      )
      for (const row of rows) insert.run([psa, row.entity, row.field, row.dataType, row.isPicklist, syncedAt])
    }
    for (const entry of page.deletedLog ?? []) {
      this.#statement(
        `insert into deleted_record (psa, entity, record_id, deleted_at, deleted_by_resource_id, detail, recorded_at)
         values (?, ?, ?, ?, ?, ?, ?)
         on conflict (psa, entity, record_id) do update set deleted_at = excluded.deleted_at, detail = excluded.detail`,
      ).run([
        entry.psa,
        entry.entity,
        entry.recordId,
        entry.deletedAt,
        entry.deletedByResourceId,
        entry.detail,
        entry.recordedAt,
      ])
    }
    if (page.state) {
      const { psa, entity, ...fields } = page.state
      const columns = Object.keys(fields)
      const assignments = columns.map((column) => `${column} = excluded.${column}`).join(', ')
      this.#statement(
        `insert into sync_state (psa, entity${columns.map((c) => `, ${c}`).join('')})
         values (?, ?${columns.map(() => ', ?').join('')})
         on conflict (psa, entity) do update set ${assignments || 'entity = excluded.entity'}`,
      ).run([psa, entity, ...columns.map((column) => (fields as Record<string, unknown>)[column])])
    }
    return { changed, deleted }
  }

  /**
   * Insert, or update only when a column really differs, so an overlap re-read of unchanged rows
   * writes nothing and reports nothing as changed.
   */
  #upsertStatement(table: RawTable, columns: string[]): Statement {
    const key = `${table}(${columns.join(',')})`
    let statement = this.#statements.get(key)
    if (!statement) {
      const compared = columns.filter((column) => column !== 'id')
      const sql = `insert into ${table} (${columns.join(', ')}, synced_at)
        values (${columns.map(() => '?').join(', ')}, ?)
        on conflict (id) do update set ${[...compared, 'synced_at'].map((c) => `${c} = excluded.${c}`).join(', ')}
        where (${compared.map((c) => `${table}.${c}`).join(', ')}) is not (${compared.map((c) => `excluded.${c}`).join(', ')})`
      statement = this.#raw.prepare(sql)
      this.#statements.set(key, statement)
    }
    return statement
  }

  #statement(sql: string): Statement {
    let statement = this.#statements.get(sql)
    if (!statement) {
      statement = this.#raw.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }
}
