import { findKpi } from '../../../kpi-library/engine.js'
import type { DayValue } from './store.js'

/**
 * One number for a week of a KPI's day values, the same on the wall's line and in the weekly review: the value
 * of the week's last recorded day where the KPI's window spans a week or more (that value covers the week),
 * otherwise the mean of its days (a "today" KPI's Sunday says nothing about its week). Null without a value.
 */
export function weekValue(kpi: string, days: readonly DayValue[]): number | null {
  const known = days.filter((day): day is { day: string; value: number } => day.value !== null)
  if (known.length === 0) return null
  const reach = findKpi(kpi)?.reachDays
  // Present-state KPIs (no reach) are as of each day's end: the week ends as its last day stood.
  if (reach === undefined || reach >= 7) return known[known.length - 1]!.value
  return known.reduce((sum, day) => sum + day.value, 0) / known.length
}
