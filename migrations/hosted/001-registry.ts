import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Autotask credentials are stored sealed (AES-256-GCM, key from ROLEBOARD_SECRET_KEY); a demo tenant
  // on the built-in simulator has none.
  await db.schema
    .createTable('tenant')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('db_path', 'text', (col) => col.notNull().unique())
    .addColumn('source', 'text', (col) => col.notNull()) // 'autotask' or 'simulator'
    .addColumn('credentials', 'text')
    .addColumn('sim_seed', 'integer')
    .addColumn('sim_size', 'text')
    .addColumn('sync_interval_seconds', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('consultant')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('all_tenants', 'integer', (col) => col.notNull()) // 0: only the tenants in consultant_tenant
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('consultant_tenant')
    .addColumn('consultant_id', 'integer', (col) => col.notNull().references('consultant.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (col) => col.notNull().references('tenant.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('consultant_tenant_pk', ['consultant_id', 'tenant_id'])
    .execute()

  await db.schema
    .createTable('consultant_session')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('consultant_id', 'integer', (col) => col.notNull().references('consultant.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('hosted_meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['hosted_meta', 'consultant_session', 'consultant_tenant', 'consultant', 'tenant'])
    await db.schema.dropTable(table).execute()
}
