import { type Kysely, sql } from 'kysely'

// Acknowledgements get a meaning (issue: a "Done" hid a row from every wall for good, risk rows too):
// - mode: 'take' ("I'm on it": the row stays, marked as taken) or 'resolve' (a note, and the KPI itself
//   drops the row); undone_at / undone_by: an undo keeps the record in the log;
// - by_resource_id: the person who acked (a person may undo only their own acks; resource_id stays the
//   row's person, and an unassigned row has none);
// - one *active* acknowledgement per (kpi, row): the old unique constraint over all rows would block a
//   second ack after an undo. SQLite cannot drop a table constraint, so the table is rebuilt.
// Existing rows: the call-back list's become resolves (keyed by their survey alone, as the KPI now keys
// its rows), rows of the risk lists nobody may tap away are undone here, the rest become takes.
// The lists are written out, not read from the library: a migration stays as it was written.

const RESOLVE_KPIS = ['csat_low_callback']
const NO_ACK_KPIS = [
  'sla_breached_open',
  'sla_at_risk_2h',
  'critical_not_picked_up_15m',
  'no_first_response',
  'kudos_feed',
]
const MIGRATION_ACTOR = 'migration 025'
const ACTIVE_ACK_INDEX = 'acknowledgement_active_unique'

const OLD_COLUMNS = [
  'id',
  'kpi_id',
  'row_key',
  'action',
  'note',
  'by_kind',
  'by_name',
  'resource_id',
  'row',
  'created_at',
] as const

async function createTable(db: Kysely<any>, name: string, withModes: boolean): Promise<void> {
  let table = db.schema
    .createTable(name)
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('kpi_id', 'text', (col) => col.notNull())
    .addColumn('row_key', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('note', 'text')
    .addColumn('by_kind', 'text', (col) => col.notNull())
    .addColumn('by_name', 'text', (col) => col.notNull())
    .addColumn('resource_id', 'integer')
    .addColumn('row', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
  table = withModes
    ? table
        .addColumn('mode', 'text', (col) => col.notNull())
        .addColumn('by_resource_id', 'integer')
        .addColumn('undone_at', 'text')
        .addColumn('undone_by', 'text')
    : table.addUniqueConstraint('acknowledgement_kpi_row_unique', ['kpi_id', 'row_key'])
  await table.execute()
}

export async function up(db: Kysely<any>): Promise<void> {
  const at = new Date().toISOString()
  await createTable(db, 'acknowledgement_025', true)
  await db
    .insertInto('acknowledgement_025')
    .columns([...OLD_COLUMNS, 'mode', 'by_resource_id', 'undone_at', 'undone_by'])
    .expression(
      db.selectFrom('acknowledgement').select((eb) => [
        ...OLD_COLUMNS,
        eb.case().when('kpi_id', 'in', RESOLVE_KPIS).then(eb.val('resolve')).else(eb.val('take')).end().as('mode'),
        // Until now a person could only ack their own rows: the row's person is who acked.
        eb.case().when('by_kind', '=', 'person').then(eb.ref('resource_id')).end().as('by_resource_id'),
        eb.case().when('kpi_id', 'in', NO_ACK_KPIS).then(eb.val(at)).end().as('undone_at'),
        eb.case().when('kpi_id', 'in', NO_ACK_KPIS).then(eb.val(MIGRATION_ACTOR)).end().as('undone_by'),
      ]),
    )
    .execute()
  await rekeyCallBacks(db, at)
  await db.schema.dropTable('acknowledgement').execute()
  await db.schema.alterTable('acknowledgement_025').renameTo('acknowledgement').execute()
  await db.schema
    .createIndex(ACTIVE_ACK_INDEX)
    .on('acknowledgement')
    .columns(['kpi_id', 'row_key'])
    .unique()
    .where(sql.raw<boolean>('undone_at is null'))
    .execute()
}

/**
 * The call-back list keys its rows by survey alone ("surveyId=12"), not by survey, ticket and engineer:
 * a reassigned ticket stays called back. Should two old acks now share a key, the later is undone.
 */
async function rekeyCallBacks(db: Kysely<any>, at: string): Promise<void> {
  const rows: Array<{ id: number; row_key: string; undone_at: string | null }> = await db
    .selectFrom('acknowledgement_025')
    .select(['id', 'row_key', 'undone_at'])
    .where('kpi_id', 'in', RESOLVE_KPIS)
    .orderBy('id')
    .execute()
  const active = new Set<string>()
  for (const row of rows) {
    const key = /^surveyId=\d+/.exec(row.row_key)?.[0] ?? row.row_key
    const duplicate = row.undone_at === null && active.has(key)
    if (row.undone_at === null) active.add(key)
    if (key === row.row_key && !duplicate) continue
    await db
      .updateTable('acknowledgement_025')
      .set(duplicate ? { row_key: key, undone_at: at, undone_by: MIGRATION_ACTOR } : { row_key: key })
      .where('id', '=', row.id)
      .execute()
  }
}

// Back to one acknowledgement per (kpi, row), each hiding its row: only the active ones can go back.
export async function down(db: Kysely<any>): Promise<void> {
  await createTable(db, 'acknowledgement_024', false)
  await db
    .insertInto('acknowledgement_024')
    .columns([...OLD_COLUMNS])
    .expression(
      db
        .selectFrom('acknowledgement')
        .select([...OLD_COLUMNS])
        .where('undone_at', 'is', null),
    )
    .execute()
  await db.schema.dropTable('acknowledgement').execute()
  await db.schema.alterTable('acknowledgement_024').renameTo('acknowledgement').execute()
}
