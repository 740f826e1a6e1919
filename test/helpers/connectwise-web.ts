import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

/** A ConnectWise PSA cloud login's web UI, as a ConnectWise sync stores it (codebase v2025_1, company acme). */
export const CONNECTWISE_WEB_URL = 'https://eu.myconnectwise.net/v2025_1/?companyName=acme'

/** What a ConnectWise sync records of the login: its web UI, which ticket links are built on. */
export async function storeConnectWiseWebUi(db: Kysely<Database>, at: string): Promise<void> {
  await db
    .insertInto('psa_source')
    .values({ psa: 'connectwise', kind: 'connectwise', zone_url: null, web_url: CONNECTWISE_WEB_URL, created_at: at })
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}
