import { breachRate7d } from './breach-rate-7d.js'
import { criticalNotPickedUp15m } from './critical-not-picked-up-15m.js'
import { firstResponseMedian } from './first-response-median.js'
import { firstResponseSla7d } from './first-response-sla-7d.js'
import { mttrIncidents } from './mttr-incidents.js'
import { noFirstResponse } from './no-first-response.js'
import { resolutionP90 } from './resolution-p90.js'
import { resolutionPlanOverdue } from './resolution-plan-overdue.js'
import { slaAtRisk2h } from './sla-at-risk-2h.js'
import { slaBreachedOpen } from './sla-breached-open.js'
import { slaByCompany } from './sla-by-company.js'
import { slaByPriority } from './sla-by-priority.js'
import { slaCompliance } from './sla-compliance.js'
import { slaComplianceTrend } from './sla-compliance-trend.js'
import { ticketsUnassigned } from './tickets-unassigned.js'

export const SLA_KPIS = [
  firstResponseSla7d,
  firstResponseMedian,
  slaCompliance,
  slaComplianceTrend,
  mttrIncidents,
  resolutionP90,
  breachRate7d,
  slaByCompany,
  slaByPriority,
  slaBreachedOpen,
  slaAtRisk2h,
  noFirstResponse,
  criticalNotPickedUp15m,
  ticketsUnassigned,
  resolutionPlanOverdue,
]
