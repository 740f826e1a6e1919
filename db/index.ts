import { type Kysely, Migrator } from 'kysely'
import { migrations } from '../migrations/index.js'
import type { Database } from './schema.js'
import { createKysely, openSqlite, SqliteRawStore } from './sqlite.js'
import type { RawStore } from './store.js'

export { StorageError } from './storage.js'

export interface DbHandle {
  path: string
  db: Kysely<Database>
  store: RawStore
  close(): Promise<void>
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

/**
 * Opens (creating if needed, readable by this user only) the SQLite file at `path` and migrates it to
 * the latest schema. A file that cannot serve as the database is a StorageError, and is left as it was.
 */
export async function openDatabase(path: string): Promise<DbHandle> {
  const raw = openSqlite(path)
  const db = createKysely(raw)
  try {
    await migrateToLatest(db)
  } catch (error) {
    await db.destroy()
    throw error
  }
  const store = new SqliteRawStore(raw)
  // Indexes a crashed bulk load set aside are built again before anyone reads the tables.
  await store.endBulkLoad()
  return { path, db, store, close: () => db.destroy() }
}

/**
 * Another connection to a database `openDatabase` has already opened and migrated in this process (a worker
 * thread's own): no migration, no repair, so it never races the first connection for the schema; a file that is
 * not there (removed meanwhile) is an error, never created empty.
 */
export function connectDatabase(path: string): DbHandle {
  const raw = openSqlite(path, true)
  const db = createKysely(raw)
  return { path, db, store: new SqliteRawStore(raw), close: () => db.destroy() }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((result) => result.status === 'Error')
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error')
    throw new MigrationError(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`.replace('  ', ' '))
  }
}
