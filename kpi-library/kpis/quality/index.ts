import { escalationRate } from './escalation-rate.js'
import { firstTouchResolution } from './first-touch-resolution.js'
import { hoursPerTicket } from './hours-per-ticket.js'
import { recurringIssueClients } from './recurring-issue-clients.js'
import { reopenRate } from './reopen-rate.js'
import { reopenedThisWeek } from './reopened-this-week.js'
import { resolvedNotClosed } from './resolved-not-closed.js'
import { singleTechResolution } from './single-tech-resolution.js'

export const QUALITY_KPIS = [
  firstTouchResolution,
  singleTechResolution,
  reopenRate,
  reopenedThisWeek,
  recurringIssueClients,
  hoursPerTicket,
  escalationRate,
  resolvedNotClosed,
]
