import { type Kysely, sql } from 'kysely'

// Projects and their tasks; time entries reach a project through their task.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('project')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('company_id', 'integer')
    .addColumn('contract_id', 'integer')
    .addColumn('lead_resource_id', 'integer')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('number', 'text')
    .addColumn('project_type', 'integer')
    .addColumn('status', 'integer')
    .addColumn('estimated_hours', 'real')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('project_completed_at_idx').on('project').column('completed_at').execute()

  await db.schema
    .createTable('task')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('psa', 'text', (col) => col.notNull())
    .addColumn('project_id', 'integer', (col) => col.notNull())
    .addColumn('title', 'text')
    .addColumn('number', 'text')
    .addColumn('status', 'integer')
    .addColumn('assigned_resource_id', 'integer')
    .addColumn('estimated_hours', 'real')
    .addColumn('remaining_hours', 'real')
    .addColumn('is_billable', 'integer')
    .addColumn('start_at', 'text')
    .addColumn('end_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text')
    .addColumn('last_activity_at', 'text')
    .addColumn('synced_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('task_project_id_idx').on('task').columns(['project_id', 'estimated_hours']).execute()
  // Hours per task for project actuals: a covering index over the few entries that carry a task.
  await db.schema
    .createIndex('time_entry_task_id_idx')
    .on('time_entry')
    .columns(['task_id', 'hours_worked'])
    .where(sql.raw<boolean>('task_id is not null'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('time_entry_task_id_idx').execute()
  await db.schema.dropTable('task').execute()
  await db.schema.dropTable('project').execute()
}
