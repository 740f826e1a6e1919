import type { Kysely } from 'kysely'

// One dashboard per role, enforced by the schema: `dashboard.role` is unique.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('role')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('name_nl', 'text', (col) => col.notNull())
    .addColumn('builtin', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('dashboard')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('role', 'text', (col) => col.notNull().unique().references('role.id').onDelete('cascade'))
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute()

  await db.schema
    .createTable('dashboard_tile')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('dashboard_id', 'integer', (col) => col.notNull().references('dashboard.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('params', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('target', 'real')
    .addColumn('warn', 'real')
    .addColumn('size', 'text', (col) => col.notNull().defaultTo('m'))
    .execute()
  await db.schema
    .createIndex('dashboard_tile_dashboard_id_position_idx')
    .on('dashboard_tile')
    .columns(['dashboard_id', 'position'])
    .execute()

  // The company strip: the same few goals on every role's dashboard.
  await db.schema
    .createTable('company_goal')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('params', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('target', 'real')
    .addColumn('warn', 'real')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('company_goal').execute()
  await db.schema.dropTable('dashboard_tile').execute()
  await db.schema.dropTable('dashboard').execute()
  await db.schema.dropTable('role').execute()
}
