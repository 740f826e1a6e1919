import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Per entity: how far the sync got. A pass in progress keeps its `pass_since` and `last_id`, so a
  // crashed run resumes exactly where its last committed page ended.
  await db.schema
    .createTable('sync_state')
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('watermark', 'text')
    .addColumn('pass_since', 'text')
    .addColumn('pass_max', 'text')
    .addColumn('last_id', 'integer')
    .addColumn('full_done', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_run_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_reconcile_at', 'text')
    .addColumn('records', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('requests', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('sync_state_pk', ['psa', 'entity'])
    .execute()

  await db.schema
    .createTable('sync_run')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('ok', 'integer')
    .addColumn('error', 'text')
    .addColumn('requests', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('records', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (col) => col.notNull().defaultTo(0))
    .execute()

  // roleboard's own API calls per minute, kept across processes so the hourly budget holds when
  // the CLI and the server both sync.
  await db.schema
    .createTable('api_usage')
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('minute', 'text', (col) => col.notNull())
    .addColumn('requests', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('api_usage_pk', ['psa', 'minute'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_usage').execute()
  await db.schema.dropTable('sync_run').execute()
  await db.schema.dropTable('sync_state').execute()
}
