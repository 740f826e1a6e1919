import type { Kysely } from 'kysely'

// What the builder's budget view reads. api_entity_usage: roleboard's Autotask requests per minute by what made
// them (an entity's pass, a deletion scan, the budget checks), so the view shows measured numbers per entity, not
// only expected ones; api_usage keeps the total the governor enforces. api_threshold: the tenant's limit and
// count as ThresholdInformation last reported them (the governor reads it on the sync thread).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_entity_usage')
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('minute', 'text', (col) => col.notNull())
    .addColumn('requests', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('api_entity_usage_pk', ['psa', 'entity', 'minute'])
    .execute()
  await db.schema
    .createTable('api_threshold')
    .addColumn('psa', 'text', (col) => col.primaryKey())
    .addColumn('hourly_limit', 'integer', (col) => col.notNull())
    .addColumn('tenant_count', 'integer', (col) => col.notNull())
    .addColumn('read_at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_threshold').execute()
  await db.schema.dropTable('api_entity_usage').execute()
}
