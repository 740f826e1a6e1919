import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { PSA_NAMES } from '../psa.js'
import type { PsaInfo } from '../wire/psa.js'

/**
 * The PSA the newest sync read (a sync_run row is written as a sync starts, so the first one counts at once), and
 * the host of its web UI or API from its psa_source row. A file that changed PSA shows the one it syncs from now.
 */
export async function psaInfo(db: Kysely<Database>): Promise<PsaInfo> {
  const run = await db
    .selectFrom('sync_run')
    .select('psa')
    .where('psa', 'in', PSA_NAMES)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!run) return { psa: null, host: null }
  const source = await db
    .selectFrom('psa_source')
    .select(['web_url', 'zone_url'])
    .where('psa', '=', run.psa)
    .executeTakeFirst()
  return { psa: run.psa as PsaInfo['psa'], host: hostOf(source?.web_url ?? source?.zone_url ?? null) }
}

// The host alone: a stored URL's path, query or user part never reaches the browser.
function hostOf(url: string | null): string | null {
  try {
    return url ? new URL(url).host : null
  } catch {
    return null
  }
}
