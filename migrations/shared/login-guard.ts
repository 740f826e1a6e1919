import type { Kysely } from 'kysely'

// The login guard's tables, the same in a tenant database and in the hosted registry: both have
// accounts whose logins are throttled. Kept beside the migrations (not in the app) so the schema
// they create stays as it was written.

export async function createLoginGuardTables(db: Kysely<any>): Promise<void> {
  // One row per throttled key ("account:admin", "address:203.0.113.9", "device:<hash>"): the
  // times (epoch ms, JSON array, oldest first) of its attempts in the last window, so the window
  // slides instead of resetting all at once.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('attempts_at', 'text', (col) => col.notNull())
    .addColumn('last_at', 'integer', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('login_throttle_last_at').on('login_throttle').column('last_at').execute()

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
