import type { Kysely } from 'kysely'

// Dashboard packages: what was installed is kept whole, so an upgrade can merge three ways
// (installed version, the client's dashboards, the new version). `package_key` is `<package>:<key>`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installed_package')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('package', 'text', (col) => col.notNull())
    .addColumn('installed_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.alterTable('dashboard_tile').addColumn('package_key', 'text').execute()
  await db.schema.alterTable('company_goal').addColumn('package_key', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('company_goal').dropColumn('package_key').execute()
  await db.schema.alterTable('dashboard_tile').dropColumn('package_key').execute()
  await db.schema.dropTable('installed_package').execute()
}
