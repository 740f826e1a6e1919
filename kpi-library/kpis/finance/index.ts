import { agreementEfficiencyRatio } from './agreement-efficiency-ratio.js'
import { agreementHoursBurn } from './agreement-hours-burn.js'
import { agreementsOverBudget } from './agreements-over-budget.js'
import { arpuClient } from './arpu-client.js'
import { blockHoursLow } from './block-hours-low.js'
import { churnedMrr } from './churned-mrr.js'
import { clientConcentrationTop3 } from './client-concentration-top3.js'
import { clientGrossMargin } from './client-gross-margin.js'
import { contractsExpiring90d } from './contracts-expiring-90d.js'
import { effectiveHourlyRate } from './effective-hourly-rate.js'
import { mrrAtRisk } from './mrr-at-risk.js'
import { mrrPerSeat } from './mrr-per-seat.js'
import { mrrTotal } from './mrr-total.js'
import { mrrTrend } from './mrr-trend.js'
import { netRevenueRetention } from './net-revenue-retention.js'
import { newMrr } from './new-mrr.js'
import { nonbillableOnTmClients } from './nonbillable-on-tm-clients.js'
import { revenuePerTech } from './revenue-per-tech.js'
import { serviceWithoutContract } from './service-without-contract.js'
import { unbilledBillableTime } from './unbilled-billable-time.js'
import { unbilledTimeByClient } from './unbilled-time-by-client.js'

export const FINANCE_KPIS = [
  mrrTotal,
  mrrTrend,
  newMrr,
  churnedMrr,
  netRevenueRetention,
  revenuePerTech,
  arpuClient,
  mrrPerSeat,
  effectiveHourlyRate,
  agreementHoursBurn,
  agreementEfficiencyRatio,
  clientGrossMargin,
  clientConcentrationTop3,
  mrrAtRisk,
  agreementsOverBudget,
  unbilledBillableTime,
  unbilledTimeByClient,
  nonbillableOnTmClients,
  blockHoursLow,
  contractsExpiring90d,
  serviceWithoutContract,
]
