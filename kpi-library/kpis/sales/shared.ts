import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { resourceName } from '../../sql.js'
import type { ListField } from '../../types.js'

// An opportunity's outcome (open, won, lost) is what its PSA's status means (db/psa-model.ts), so these KPIs
// read the same on every PSA.

/** Open opportunities with their client and owner (the account manager, or whoever owns the deal). */
export function openOpportunities(db: Kysely<Database>) {
  return db
    .selectFrom('opportunity')
    .leftJoin('company', 'company.id', 'opportunity.company_id')
    .leftJoin('resource', 'resource.id', 'opportunity.owner_resource_id')
    .select([
      'opportunity.id as opportunityId',
      'opportunity.title as title',
      'opportunity.amount as amount',
      'opportunity.probability as probability',
      'opportunity.projected_close_date as projectedClose',
      'opportunity.owner_resource_id as ownerId',
      'company.name as companyName',
      resourceName().as('ownerName'),
    ])
    .where('opportunity.outcome', '=', 'open')
}

/** The expected value of a deal: its amount times its chance of winning (a percentage, clamped to 0-100). */
export function weighted(amount: number | null, probability: number | null): number {
  return (Number(amount ?? 0) * Math.min(100, Math.max(0, Number(probability ?? 0)))) / 100
}

export const OWNER_FIELD: ListField = { key: 'ownerName', label: { en: 'Owner', nl: 'Eigenaar' }, type: 'text' }

export const OPPORTUNITY_SOURCES = [
  'opportunity.outcome',
  'opportunity.amount',
  'opportunity.probability',
  'opportunity.owner_resource_id',
] as const
