import type { Kysely } from 'kysely'

// Nudges (server/services/nudges/): a new row of an action list posted to a Teams or Slack channel.
// - nudge_channel: a chat webhook; its URL is the secret (sealed, context `nudge-channel:<id>`), `host` is the part
//   the builder may show. The delivery state (failures since the last success, the last one-line error, when the
//   next attempt is due) is the channel's, since a failing webhook fails every post to it.
// - nudge_rule: one per dashboard tile (an action list as that tile evaluates it, with the tile's parameters): the
//   channel it posts to and whom the message addresses; `watching` is the tile's KPI and parameters (JSON) when
//   its rows were last taken as seen, so a tile changed to show other rows starts afresh instead of posting them.
// - nudge_seen: each row a rule has seen (row key as acknowledgements key rows), so a row is posted once; rows on
//   the list when the rule was made are seen without a post (posted_at null).
// - nudge_outbox: posts waiting to go out, one per rule per burst; `rows` is the rows' JSON as the list showed
//   them. A post is deleted once delivered; one that kept failing for a day is kept, given up, for the builder.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('nudge_channel')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url_sealed', 'text', (col) => col.notNull())
    .addColumn('host', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('failures', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('failing_since', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_ok_at', 'text')
    .execute()
  await db.schema
    .createTable('nudge_rule')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('tile_id', 'integer', (col) =>
      col.notNull().unique().references('dashboard_tile.id').onDelete('cascade'),
    )
    .addColumn('channel_id', 'integer', (col) => col.notNull().references('nudge_channel.id').onDelete('cascade'))
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('watching', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('nudge_seen')
    .addColumn('rule_id', 'integer', (col) => col.notNull().references('nudge_rule.id').onDelete('cascade'))
    .addColumn('row_key', 'text', (col) => col.notNull())
    .addColumn('first_seen_at', 'text', (col) => col.notNull())
    .addColumn('posted_at', 'text')
    .addPrimaryKeyConstraint('nudge_seen_pk', ['rule_id', 'row_key'])
    .execute()
  await db.schema
    .createTable('nudge_outbox')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('rule_id', 'integer', (col) => col.notNull().references('nudge_rule.id').onDelete('cascade'))
    .addColumn('rows', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('send_after', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('given_up_at', 'text')
    .execute()
  await db.schema.createIndex('nudge_outbox_rule').on('nudge_outbox').column('rule_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['nudge_outbox', 'nudge_seen', 'nudge_rule', 'nudge_channel'])
    await db.schema.dropTable(table).execute()
}
