import type { Kysely } from 'kysely'
import { httpUrl, ticketUrl as autotaskTicketUrl } from '../../connectors/autotask/links.js'
import { connectWiseTicketUrl } from '../../connectors/connectwise/web-links.js'
import type { Database } from '../../db/schema.js'
import { PSA_NAMES, type PsaName } from '../psa.js'
import { psaInfo } from './psa-info.js'

/** Where tickets open: the PSA (for "Open in {psa}") and a ticket's address in its own web UI. */
export interface TicketLinker {
  psa: PsaName
  urlOf: (ticketId: number) => string
}

/**
 * How to open a ticket in the PSA the data comes from (the newest sync's): Autotask's ticket detail, or
 * ConnectWise's service ticket page; null when that PSA's web UI is not known (no links rather than wrong ones).
 */
export async function ticketLinker(db: Kysely<Database>): Promise<TicketLinker | null> {
  const sources = await db.selectFrom('psa_source').select(['psa', 'web_url']).where('psa', 'in', PSA_NAMES).execute()
  // The PSA the newest sync read; a file that was only ever filled by one PSA has just its row.
  const { psa } = sources.length === 1 ? { psa: sources[0]!.psa } : await psaInfo(db)
  const webUrl = httpUrl(sources.find((source) => source.psa === psa)?.web_url)
  if (!webUrl) return null
  return psa === 'connectwise'
    ? { psa, urlOf: (ticketId) => connectWiseTicketUrl(webUrl, ticketId) }
    : { psa: 'autotask', urlOf: (ticketId) => autotaskTicketUrl(webUrl, ticketId) }
}
