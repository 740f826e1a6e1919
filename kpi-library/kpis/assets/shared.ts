import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { sqlList } from '../../sql.js'
import type { ParamSpec } from '../../types.js'

// Endpoints under management: the active configuration items (Autotask ConfigurationItems) of the
// clients, not of the MSP itself. Which types count is a parameter: some MSPs count only workstations
// and servers, others every managed device.

export const CI_TYPES = {
  type: 'integers',
  default: [] as number[],
  description: {
    en: 'Configuration item types that count as endpoints (the tenant\'s configurationItemType values); empty: every type.',
    nl: 'Typen configuratie-items die als endpoint tellen (de configurationItemType-waarden van de tenant); leeg: elk type.',
  },
} satisfies ParamSpec

export const OWN_COMPANIES = {
  type: 'integers',
  default: [0] as number[],
  description: { en: 'Company ids of the MSP itself, whose own devices do not count.', nl: 'Bedrijfs-id’s van de MSP zelf, waarvan de eigen apparaten niet meetellen.' },
} satisfies ParamSpec

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

export const ENDPOINT_SOURCES = ['ConfigurationItems.isActive', 'ConfigurationItems.companyID', 'ConfigurationItems.configurationItemType'] as const
