import type { SimSize } from '../store.js'

export interface SizeProfile {
  historyDays: number
  engineers: number
  companies: number
  /** Tickets raised by people per engineer per business day. */
  ticketsPerEngineer: number
  /** Monitoring alerts per engineer per calendar day. */
  alertsPerEngineer: number
  deletionsPerBusinessDay: number
  /** Scales rare events (deleted time entries, edits) up where the world is too small to show them. */
  rareFactor: number
}

export const SIZES: Readonly<Record<SimSize, SizeProfile>> = {
  tiny: {
    historyDays: 7,
    engineers: 3,
    companies: 10,
    ticketsPerEngineer: 3.4,
    alertsPerEngineer: 0.8,
    deletionsPerBusinessDay: 0.6,
    rareFactor: 6,
  },
  small: {
    historyDays: 31,
    engineers: 10,
    companies: 40,
    ticketsPerEngineer: 3.4,
    alertsPerEngineer: 0.8,
    deletionsPerBusinessDay: 0.15,
    rareFactor: 2,
  },
  medium: {
    historyDays: 365,
    engineers: 25,
    companies: 120,
    ticketsPerEngineer: 3.4,
    alertsPerEngineer: 0.8,
    deletionsPerBusinessDay: 0.2,
    rareFactor: 1,
  },
  large: {
    historyDays: 1826,
    // Sequential working days hold about 20 entries per engineer-day; 66 engineers keep 5 years above 1.5M.
    engineers: 66,
    companies: 300,
    ticketsPerEngineer: 3.1,
    alertsPerEngineer: 0.8,
    deletionsPerBusinessDay: 0.3,
    rareFactor: 1,
  },
}
