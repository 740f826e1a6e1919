import { agedOver30d } from './aged-over-30d.js'
import { highPriorityIdle2h } from './high-priority-idle-2h.js'
import { myDueToday } from './my-due-today.js'
import { myNextTickets } from './my-next-tickets.js'
import { onHoldPastDue } from './on-hold-past-due.js'
import { ticketsStale } from './tickets-stale.js'
import { waitingCustomerOver5d } from './waiting-customer-over-5d.js'

export const HYGIENE_KPIS = [
  ticketsStale,
  waitingCustomerOver5d,
  myDueToday,
  myNextTickets,
  highPriorityIdle2h,
  onHoldPastDue,
  agedOver30d,
]
