import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { sqlList } from '../../sql.js'
import { integersParam } from '../../params.js'

// Endpoints under management: the active configuration items (`configuration_item`) of the
// clients, not of the MSP itself. Which types count is a parameter: some MSPs count only workstations
// and servers, others every managed device.

export const CI_TYPES = integersParam(
  [],
  "Configuration item types that count as endpoints (the tenant's configuration item type ids); empty: every type.",
  'Typen configuratie-items die als endpoint tellen (de id’s van de typen configuratie-items van de tenant); leeg: elk type.',
)

export const OWN_COMPANIES = integersParam(
  [0],
  'Company ids of the MSP itself, whose own devices do not count.',
  'Bedrijfs-id’s van de MSP zelf, waarvan de eigen apparaten niet meetellen.',
)

/** Active endpoints per client company. */
export function endpointsByCompany(db: Kysely<Database>, ciTypes: readonly number[], ownCompanyIds: readonly number[]) {
  let query = db
    .selectFrom('configuration_item')
    .select((eb) => ['configuration_item.company_id as companyId', eb.fn.countAll<number>().as('endpoints')])
    .where('configuration_item.is_active', '=', 1)
    .where('configuration_item.company_id', 'not in', sqlList(ownCompanyIds))
  if (ciTypes.length > 0) query = query.where('configuration_item.ci_type', 'in', [...ciTypes])
  return query.groupBy('configuration_item.company_id')
}

export const ENDPOINT_SOURCES = [
  'configuration_item.is_active',
  'configuration_item.company_id',
  'configuration_item.ci_type',
] as const
