import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { resourceName, sqlList } from '../../sql.js'
import type { ListField } from '../../types.js'
import { integersParam } from '../../params.js'

// Opportunity statuses are a tenant picklist; the defaults are the values public clients use
// (docs/autotask-entities.md: UNCERTAIN), so each KPI takes them as parameters.

export const OPEN_STATUSES = integersParam(
  [1],
  'Opportunity statuses that count as open pipeline (1 Active).',
  'Statussen van verkoopkansen die als open pijplijn tellen (1 Active).',
)

export const WON_STATUSES = integersParam(
  [3, 4],
  'Opportunity statuses that mean won (3 Closed, 4 Implemented).',
  'Statussen van verkoopkansen die gewonnen betekenen (3 Closed, 4 Implemented).',
)

export const LOST_STATUSES = integersParam(
  [2],
  'Opportunity statuses that mean lost (2 Lost).',
  'Statussen van verkoopkansen die verloren betekenen (2 Lost).',
)

/** Open opportunities with their client and owner (the account manager, or whoever owns the deal). */
export function openOpportunities(db: Kysely<Database>, open: readonly number[]) {
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
    .where('opportunity.status', 'in', sqlList(open))
}

/** The expected value of a deal: its amount times its chance of winning (a percentage, clamped to 0-100). */
export function weighted(amount: number | null, probability: number | null): number {
  return (Number(amount ?? 0) * Math.min(100, Math.max(0, Number(probability ?? 0)))) / 100
}

export const OWNER_FIELD: ListField = { key: 'ownerName', label: { en: 'Owner', nl: 'Eigenaar' }, type: 'text' }

export const OPPORTUNITY_SOURCES = [
  'opportunity.status',
  'opportunity.amount',
  'opportunity.probability',
  'opportunity.owner_resource_id',
] as const
