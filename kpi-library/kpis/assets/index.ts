import { endpointsPerTech } from './endpoints-per-tech.js'
import { ticketsPerEndpointMonth } from './tickets-per-endpoint-month.js'

/** Assets under management (the `configuration_item` table): docs/psa-model.md. */
export const ASSET_KPIS = [endpointsPerTech, ticketsPerEndpointMonth]
