import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database, RawTable } from './schema.js'
import type { PageWrite, PageWriteResult, RawStore } from './store.js'

// Everything SQLite-specific lives here: connection pragmas, the conditional upsert, id-list
// deletes. A PostgreSQL dialect implements the same RawStore with `INSERT ... ON CONFLICT` and
// `= ANY($1)`; the rest of roleboard talks Kysely or RawStore only.

export function openSqlite(path: string): BetterSqlite3.Database {
  const raw = new BetterSqlite3(path)
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
  return raw
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
        this.#raw.prepare('insert or replace into deferred_index (name, table_name, definition) values (?, ?, ?)').run(name, table, sql)
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
        deleted += this.#statement(`delete from ${table} where ticket_id in (select value from json_each(?))`).run([ids]).changes
      }
    }
    for (const row of page.picklists?.rows ?? []) {
      this.#statement(
        `insert into picklist_value (psa, entity, field, value, label, is_active, is_default, sort_order, parent_value, synced_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (psa, entity, field, value) do update set label = excluded.label, is_active = excluded.is_active,
           is_default = excluded.is_default, sort_order = excluded.sort_order, parent_value = excluded.parent_value,
           synced_at = excluded.synced_at`,
      ).run([row.psa, row.entity, row.field, row.value, row.label, row.is_active, row.is_default, row.sort_order, row.parent_value, page.picklists!.syncedAt])
    }
    if (page.fields) {
      const { psa, entities, rows, syncedAt } = page.fields
      this.#statement('delete from entity_field where psa = ? and entity in (select value from json_each(?))').run([psa, JSON.stringify(entities)])
      const insert = this.#statement('insert into entity_field (psa, entity, field, data_type, is_picklist, synced_at) values (?, ?, ?, ?, ?, ?)')
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
