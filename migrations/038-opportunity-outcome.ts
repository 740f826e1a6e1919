import { type Kysely, sql } from 'kysely'
import { dropRetiredParams, type RetiredParams } from './shared/retired-params.js'

// The PSA-neutral model (db/psa-model.ts): an opportunity carries what its status means, open, won or lost, so the
// sales KPIs read one vocabulary on every PSA (an opportunity status is the tenant's own id on ConnectWise).
// Rows synced before this migration get the meaning of Autotask's standard statuses: 1 Active open; 3 Closed and
// 4 Implemented won; 2 Lost and 0 Not Ready To Buy (shelved, never counted as pipeline) lost. Any other status, and
// a ConnectWise row, reads its won or lost date (each connector sets them only for a won or lost status), else open;
// the connector's next read of the opportunity refines it.
// The KPI parameters that named Autotask's status codes are gone: stored tiles and goals drop them, as 037 did.
// The lists are written out: a migration stays as it was written.

const RETIRED: RetiredParams = {
  sales_pipeline: ['openStatuses'],
  quotes_expiring: ['openStatuses'],
  win_rate_90d: ['wonStatuses', 'lostStatuses'],
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('opportunity')
    .addColumn('outcome', 'text', (col) => col.notNull().defaultTo('open'))
    .execute()
  await sql`update opportunity set outcome = case
    when psa = 'autotask' and status = 1 then 'open'
    when psa = 'autotask' and status in (3, 4) then 'won'
    when psa = 'autotask' and status in (0, 2) then 'lost'
    when closed_at is not null then 'won'
    when lost_at is not null then 'lost'
    else 'open' end`.execute(db)

  // The pipeline reads open opportunities by their outcome instead of Autotask's Active (1).
  await db.schema.dropIndex('opportunity_status_idx').ifExists().execute()
  await db.schema
    .createIndex('opportunity_outcome_idx')
    .on('opportunity')
    .columns(['outcome', 'amount', 'probability'])
    .execute()

  await dropRetiredParams(db, RETIRED)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('opportunity_outcome_idx').ifExists().execute()
  await db.schema
    .createIndex('opportunity_status_idx')
    .on('opportunity')
    .columns(['status', 'amount', 'probability'])
    .execute()
  await db.schema.alterTable('opportunity').dropColumn('outcome').execute()
}
