import { endpointsPerTech } from './endpoints-per-tech.js'
import { ticketsPerEndpointMonth } from './tickets-per-endpoint-month.js'

/** Assets under management (Autotask ConfigurationItems): docs/autotask-entities.md. */
export const ASSET_KPIS = [endpointsPerTech, ticketsPerEndpointMonth]
