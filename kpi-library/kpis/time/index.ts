import { afterHoursTime } from './after-hours-time.js'
import { billableHoursLastWeek } from './billable-hours-last-week.js'
import { billableHoursWtd } from './billable-hours-wtd.js'
import { billableMix } from './billable-mix.js'
import { billableUtilization } from './billable-utilization.js'
import { billableUtilizationLastWeek } from './billable-utilization-last-week.js'
import { hoursLoggedToday } from './hours-logged-today.js'
import { internalTimeShare } from './internal-time-share.js'
import { loggedUtilization } from './logged-utilization.js'
import { nonBillableByCode } from './non-billable-by-code.js'
import { openWorkloadPerEngineer } from './open-workload-per-engineer.js'
import { overlappingEntries } from './overlapping-entries.js'
import { overtimeHours } from './overtime-hours.js'
import { realizationRate } from './realization-rate.js'
import { rhem } from './rhem.js'
import { ticketsCompletedWithoutTime } from './tickets-completed-without-time.js'
import { timeEntriesLate7d } from './time-entries-late-7d.js'
import { timeEntryCodingErrors } from './time-entry-coding-errors.js'
import { timeEntryLag } from './time-entry-lag.js'
import { timesheetGapsYesterday } from './timesheet-gaps-yesterday.js'
import { workloadImbalance } from './workload-imbalance.js'

export const TIME_KPIS = [
  timesheetGapsYesterday,
  billableHoursLastWeek,
  ticketsCompletedWithoutTime,
  timeEntriesLate7d,
  billableUtilization,
  billableUtilizationLastWeek,
  loggedUtilization,
  billableMix,
  realizationRate,
  nonBillableByCode,
  internalTimeShare,
  timeEntryLag,
  hoursLoggedToday,
  billableHoursWtd,
  overtimeHours,
  afterHoursTime,
  openWorkloadPerEngineer,
  rhem,
  overlappingEntries,
  timeEntryCodingErrors,
  workloadImbalance,
]
