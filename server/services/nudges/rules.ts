import type { Insertable, Kysely } from 'kysely'
import type { Database, NudgeRuleTable } from '../../../db/schema.js'
import { isUniqueViolation } from '../../../db/sqlite.js'
import type { KpiEngine } from '../../../kpi-library/engine.js'
import { loadSettings } from '../../../kpi-library/settings.js'
import { badRequest, conflict, notFound } from '../../errors.js'
import type { RuleInput, RuleView } from '../../wire/nudges.js'
import { rulesWithTiles, tileRows, watchedTile, watchingOf } from './tile-list.js'
import { markSeen } from './watch.js'

// A tile's nudge rule: which channel its new rows go to and whom the post addresses. A new rule sees the rows on
// the list at that moment without posting them: the owner asked about rows from now on, not for a flood of old ones.

export async function listRules(db: Kysely<Database>): Promise<RuleView[]> {
  const rules = await rulesWithTiles(db)
    .select((eb) => [
      'nudge_rule.id',
      'nudge_rule.tile_id',
      'nudge_rule.channel_id',
      'nudge_rule.audience',
      'nudge_rule.created_at',
      'dashboard_tile.kpi_id',
      'dashboard.role',
      eb
        .selectFrom('nudge_seen')
        .select((seen) => seen.fn.countAll<number>().as('n'))
        .whereRef('nudge_seen.rule_id', '=', 'nudge_rule.id')
        .where('nudge_seen.posted_at', 'is', null)
        .as('seen'),
      eb
        .selectFrom('nudge_seen')
        .select((seen) => seen.fn.countAll<number>().as('n'))
        .whereRef('nudge_seen.rule_id', '=', 'nudge_rule.id')
        .where('nudge_seen.posted_at', 'is not', null)
        .as('posted'),
    ])
    .orderBy('nudge_rule.id')
    .execute()
  return rules.map((rule) => ({
    id: rule.id,
    tileId: rule.tile_id,
    role: rule.role,
    kpi: rule.kpi_id,
    channel: rule.channel_id,
    audience: rule.audience,
    createdAt: rule.created_at,
    seen: rule.seen ?? 0,
    posted: rule.posted ?? 0,
  }))
}

/** Sets a tile's rule: a new one starts with the list's current rows seen; a changed one keeps what it saw. */
export async function setRule(
  db: Kysely<Database>,
  engine: KpiEngine,
  tileId: number,
  input: RuleInput,
  now: string,
): Promise<RuleView> {
  const audience = input.audience.trim()
  if (!audience) throw badRequest('say whom the post is for, like "Service desk" or a person’s name')
  const tile = await watchedTile(db, tileId)
  const channel = await db.selectFrom('nudge_channel').select('id').where('id', '=', input.channel).executeTakeFirst()
  if (!channel) throw badRequest(`there is no channel ${input.channel}: add it first`)
  const existing = await db.selectFrom('nudge_rule').select('id').where('tile_id', '=', tileId).executeTakeFirst()
  if (existing) {
    await db
      .updateTable('nudge_rule')
      .set({ channel_id: input.channel, audience })
      .where('id', '=', existing.id)
      .execute()
  } else {
    // Evaluated before the transaction: SQLite has one writer, and an evaluation may take a while.
    const { settings } = await loadSettings(db)
    const list = await tileRows(engine, tile, settings.language)
    try {
      await insertRule(
        db,
        { tile_id: tileId, channel_id: input.channel, audience, watching: watchingOf(tile), created_at: now },
        list?.rows ?? [],
      )
    } catch (error) {
      // Two saves of a new rule for one tile raced: the unique tile_id let one in.
      if (isUniqueViolation(error)) throw conflict('another change to this tile’s nudge came first: try again')
      throw error
    }
  }
  return (await listRules(db)).find((rule) => rule.tileId === tileId)!
}

/** A new rule with the rows its list shows now, seen: in one transaction, so a rule never starts blind. */
async function insertRule(
  db: Kysely<Database>,
  values: Insertable<NudgeRuleTable>,
  rows: ReadonlyArray<{ key: string }>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const rule = await trx.insertInto('nudge_rule').values(values).returning('id').executeTakeFirstOrThrow()
    await markSeen(trx, rule.id, rows, values.created_at)
  })
}

/** Stops a tile's nudges; what it saw and its waiting posts go with it. */
export async function deleteRule(db: Kysely<Database>, tileId: number): Promise<void> {
  const result = await db.deleteFrom('nudge_rule').where('tile_id', '=', tileId).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw notFound(`tile ${tileId} has no nudge`)
}
