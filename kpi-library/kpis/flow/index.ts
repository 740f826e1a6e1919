import { alertTicketShare } from './alert-ticket-share.js'
import { backlogAgeBuckets } from './backlog-age-buckets.js'
import { backlogPctDailyVolume } from './backlog-pct-daily-volume.js'
import { killRate } from './kill-rate.js'
import { openByPriority } from './open-by-priority.js'
import { queueHealthAvgDaysOpen } from './queue-health-avg-days-open.js'
import { sameDayCloseRate } from './same-day-close-rate.js'
import { ticketSourceMix } from './ticket-source-mix.js'
import { ticketsClosedPerTech } from './tickets-closed-per-tech.js'
import { ticketsCompleted } from './tickets-completed.js'
import { ticketsCompletedToday } from './tickets-completed-today.js'
import { ticketsCreated } from './tickets-created.js'
import { ticketsCreatedToday } from './tickets-created-today.js'
import { ticketsOpen } from './tickets-open.js'

export const FLOW_KPIS = [
  ticketsOpen,
  ticketsCreatedToday,
  ticketsCompletedToday,
  ticketsCreated,
  ticketsCompleted,
  killRate,
  backlogPctDailyVolume,
  backlogAgeBuckets,
  queueHealthAvgDaysOpen,
  openByPriority,
  sameDayCloseRate,
  ticketSourceMix,
  alertTicketShare,
  ticketsClosedPerTech,
]
