import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { KpiEngine } from '../../../kpi-library/engine.js'
import type { Lang } from '../../../kpi-library/wire-types.js'
import { acknowledgedKeys, type KeyedRow, rulesWithTiles, tileRows, type WatchedTile, watchingOf } from './tile-list.js'

// Finds the rows each rule has not seen and queues them. A row is seen once per rule, for good: one that leaves
// the list and comes back (a ticket reopened under the same key) is not posted again. Acknowledged rows are
// never queued (someone is on them already); they stay unseen, so an undone take that is still on the list
// is posted then. Rows and their post are written in one transaction: a row is queued exactly once.

/** Each rule with the tile it watches. */
async function rulesToWatch(db: Kysely<Database>): Promise<Array<WatchedTile & { ruleId: number; watching: string }>> {
  const rows = await rulesWithTiles(db)
    .select([
      'nudge_rule.id as ruleId',
      'nudge_rule.watching',
      'dashboard_tile.id as tileId',
      'dashboard_tile.kpi_id',
      'dashboard_tile.params',
      'dashboard_tile.title',
      'dashboard.role',
    ])
    .execute()
  return rows.map((row) => ({
    ruleId: row.ruleId,
    watching: row.watching,
    tileId: row.tileId,
    kpi: row.kpi_id,
    role: row.role,
    params: JSON.parse(row.params) as Record<string, unknown>,
    title: row.title,
  }))
}

/** Records rows as seen by a rule (not posted yet: a post sets posted_at once delivered). */
export async function markSeen(
  db: Kysely<Database>,
  ruleId: number,
  rows: ReadonlyArray<{ key: string }>,
  at: string,
): Promise<void> {
  for (const { key } of rows)
    await db
      .insertInto('nudge_seen')
      .values({ rule_id: ruleId, row_key: key, first_seen_at: at, posted_at: null })
      .onConflict((oc) => oc.doNothing())
      .execute()
}

/**
 * Queues the new rows of every rule: one post per rule per burst. Rows found while the rule's last post still
 * waits out its burst window (`send_after` ahead, never tried) join that post; otherwise they start one that
 * goes out `burstMs` from now. Returns how many rows were queued.
 */
export async function queueNewRows(
  db: Kysely<Database>,
  engine: KpiEngine,
  options: { now: Date; burstMs: number; lang: Lang },
): Promise<number> {
  const at = options.now.toISOString()
  let queued = 0
  for (const rule of await rulesToWatch(db)) {
    const list = await tileRows(engine, rule, options.lang)
    // The owner changed the tile (another KPI, other parameters): its rows now are not news, as for a new rule.
    const watching = watchingOf(rule)
    if (watching !== rule.watching) {
      await db.transaction().execute(async (trx) => {
        await markSeen(trx, rule.ruleId, list?.rows ?? [], at)
        await trx.updateTable('nudge_rule').set({ watching }).where('id', '=', rule.ruleId).execute()
      })
      continue
    }
    if (!list || list.rows.length === 0) continue
    const seen = new Set(
      (await db.selectFrom('nudge_seen').select('row_key').where('rule_id', '=', rule.ruleId).execute()).map(
        (row) => row.row_key,
      ),
    )
    const acked = await acknowledgedKeys(db, rule.kpi)
    const fresh: KeyedRow[] = []
    for (const row of list.rows)
      if (!seen.has(row.key) && !acked.has(row.key) && !fresh.some((other) => other.key === row.key)) fresh.push(row)
    if (fresh.length === 0) continue
    await db.transaction().execute(async (trx) => {
      await markSeen(trx, rule.ruleId, fresh, at)
      const open = await trx
        .selectFrom('nudge_outbox')
        .select(['id', 'rows'])
        .where('rule_id', '=', rule.ruleId)
        .where('attempts', '=', 0)
        .where('given_up_at', 'is', null)
        .where('send_after', '>', at)
        .orderBy('id', 'desc')
        .executeTakeFirst()
      if (open) {
        const rows = [...(JSON.parse(open.rows) as KeyedRow[]), ...fresh]
        await trx
          .updateTable('nudge_outbox')
          .set({ rows: JSON.stringify(rows) })
          .where('id', '=', open.id)
          .execute()
      } else {
        await trx
          .insertInto('nudge_outbox')
          .values({
            rule_id: rule.ruleId,
            rows: JSON.stringify(fresh),
            created_at: at,
            send_after: new Date(options.now.getTime() + options.burstMs).toISOString(),
          })
          .execute()
      }
    })
    queued += fresh.length
  }
  return queued
}
