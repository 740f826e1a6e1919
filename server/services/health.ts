import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

/**
 * The last finished sync and the last one that succeeded; undefined where there was none yet. A webhook's re-read of
 * a few records is not a sync: its success must not hide a failing poll, nor its failure a working one.
 */
export async function lastSyncs(db: Kysely<Database>) {
  const finished = db
    .selectFrom('sync_run')
    .select(['finished_at', 'ok', 'error'])
    .where('finished_at', 'is not', null)
    .where('kind', '!=', 'webhook')
    // Nor is a SmileBack pass an Autotask poll: its freshness is its own sync_state row (psa smileback).
    .where('psa', '!=', 'smileback')
    .orderBy('id', 'desc')
    .limit(1)
  const [last, success] = await Promise.all([
    finished.executeTakeFirst(),
    finished.where('ok', '=', 1).executeTakeFirst(),
  ])
  return { last, success }
}
