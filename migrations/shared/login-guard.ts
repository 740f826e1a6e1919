import type { Kysely } from 'kysely'

// The login guard's tables, the same in a tenant database and in the hosted registry: both have
// accounts whose logins are throttled. Kept beside the migrations (not in the app) so the schema
// they create stays as it was written.

export async function createLoginGuardTables(db: Kysely<any>): Promise<void> {
  // One row per throttled key ("account:admin", "address:203.0.113.9", "device:<hash>"): the
  // attempts of its current window and when the last one was made.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('window_start', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('last_at', 'text', (col) => col.notNull())
    .execute()

  // Browsers that logged in to an account before: their own budget, so guesses by somebody else
  // never lock the rightful user out. Only a hash of the cookie is stored.
  await db.schema
    .createTable('login_device')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_used_at', 'text', (col) => col.notNull())
    .execute()
}

export async function dropLoginGuardTables(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_device').execute()
  await db.schema.dropTable('login_throttle').execute()
}
