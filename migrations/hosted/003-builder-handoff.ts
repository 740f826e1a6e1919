import type { Kysely } from 'kysely'

// A consultant opening a tenant's builder without its admin password: a one-time code (only its
// hash), and afterwards the log of who opened which tenant's builder when. The consultant's name is
// copied so the log still reads after the account is gone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('builder_handoff')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('code_hash', 'text', (col) => col.notNull().unique())
    .addColumn('tenant_id', 'text', (col) => col.notNull())
    .addColumn('consultant_id', 'integer', (col) => col.notNull())
    .addColumn('consultant', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('used_at', 'text')
    .addColumn('used_from', 'text')
    .execute()
  await db.schema
    .createIndex('builder_handoff_tenant')
    .on('builder_handoff')
    .columns(['tenant_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('builder_handoff').execute()
}
