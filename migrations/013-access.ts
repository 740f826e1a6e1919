import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('admin_user')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  // Only hashes of session ids and tokens are stored: a copied database file opens no screen.
  await db.schema
    .createTable('admin_session')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('admin_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('access_token')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull()) // 'wall' (one role's dashboard) or 'person' (one resource's lists)
    .addColumn('role', 'text')
    .addColumn('resource_id', 'integer')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('acknowledgement')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('row_key', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('by_kind', 'text', (col) => col.notNull()) // 'admin' or 'person'
    .addColumn('by_name', 'text', (col) => col.notNull())
    .addColumn('resource_id', 'integer')
    .addColumn('row', 'text', (col) => col.notNull()) // the row as it was shown, for the log
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('acknowledgement_kpi_row_unique', ['kpi_id', 'row_key'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('acknowledgement').execute()
  await db.schema.dropTable('access_token').execute()
  await db.schema.dropTable('admin_session').execute()
  await db.schema.dropTable('admin_user').execute()
}
