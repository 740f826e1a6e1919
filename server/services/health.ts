import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

/**
 * The newest finished Autotask poll. A webhook's re-read of a few records is not a sync: its success must not hide a
 * failing poll, nor its failure a working one; nor is a SmileBack pass (its freshness is its own sync_state row).
 */
export function lastPoll(db: Kysely<Database>) {
  return db
    .selectFrom('sync_run')
    .select(['started_at', 'finished_at', 'ok', 'error'])
    .where('finished_at', 'is not', null)
    .where('kind', '!=', 'webhook')
    .where('psa', '!=', 'smileback')
    .orderBy('id', 'desc')
    .limit(1)
}

/** The last finished sync and the last one that succeeded; undefined where there was none yet. */
export async function lastSyncs(db: Kysely<Database>) {
  const finished = lastPoll(db)
  const [last, success] = await Promise.all([
    finished.executeTakeFirst(),
    finished.where('ok', '=', 1).executeTakeFirst(),
  ])
  return { last, success }
}
