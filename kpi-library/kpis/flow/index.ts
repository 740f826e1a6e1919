import { ticketsOpen } from './tickets-open.js'

export const FLOW_KPIS = [ticketsOpen]
