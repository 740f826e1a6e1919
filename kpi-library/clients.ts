import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { resourceName } from './sql.js'

// The MSP's clients as every group that lists or narrows by them reads them (finance, account,
// invoices): company 0 is the MSP itself and never counts as a client; a client's account manager is
// the company's owner resource, and an account manager's dashboard shows their own clients.

export const MSP_COMPANY = 0

/**
 * A client and its account manager, under the row field names the front end knows. For a query that
 * joins `company` and `resource as owner` (on company.owner_resource_id).
 */
export const CLIENT_COLUMNS = [
  'company.id as companyId',
  'company.name as companyName',
  'company.owner_resource_id as accountManagerId',
  resourceName('owner').as('accountManagerName'),
] as const

/** Clients (not the MSP) with their seat and endpoint counts and account manager. */
export function clientRows(db: Kysely<Database>) {
  return db
    .selectFrom('company')
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select(['company.udf as udf', ...CLIENT_COLUMNS])
    .where('company.id', '!=', MSP_COMPANY)
}

/** Keeps a client row when the dashboard is for the whole team, or `me` is its account manager. */
export function ownedBy(me: number | null) {
  return (row: { accountManagerId: number | null }) => me === null || row.accountManagerId === me
}
