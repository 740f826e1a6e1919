import type { Kysely } from 'kysely'
import { WITHOUT_ROWID } from '../db/sqlite.js'

// The history store (issue 15): what each KPI on a dashboard or the strip said, per local day and per hour of
// the last eight days. A series is one KPI with one set of parameters (what a tile or goal asks for); its days
// are kept for years, so the rows are narrow and keyed without a rowid (about 30 bytes a day a series).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kpi_series')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    // The parameters as the tile gives them, keys sorted: `{}` for the KPI's defaults.
    .addColumn('params', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    // The earliest local date the backfill has reached (null: not started); it goes back from there.
    .addColumn('backfilled_to', 'text')
    // The local date its recent days were last computed again with the data that came in late.
    .addColumn('settled_on', 'text')
    .addUniqueConstraint('kpi_series_kpi_params_unique', ['kpi_id', 'params'])
    .execute()
  await db.schema
    .createTable('kpi_day')
    .addColumn('series_id', 'integer', (col) => col.notNull().references('kpi_series.id').onDelete('cascade'))
    .addColumn('day', 'text', (col) => col.notNull())
    .addColumn('value', 'real')
    .addPrimaryKeyConstraint('kpi_day_pk', ['series_id', 'day'])
    .modifyEnd(WITHOUT_ROWID)
    .execute()
  await db.schema
    .createTable('kpi_hour')
    .addColumn('series_id', 'integer', (col) => col.notNull().references('kpi_series.id').onDelete('cascade'))
    // The local hour it ends, `YYYY-MM-DDTHH` (the value as of HH:59:59.999).
    .addColumn('hour', 'text', (col) => col.notNull())
    .addColumn('value', 'real')
    .addPrimaryKeyConstraint('kpi_hour_pk', ['series_id', 'hour'])
    .modifyEnd(WITHOUT_ROWID)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kpi_hour').execute()
  await db.schema.dropTable('kpi_day').execute()
  await db.schema.dropTable('kpi_series').execute()
}
