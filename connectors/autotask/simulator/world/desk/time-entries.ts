import type { ApiRecord, UserDefinedField } from '../../store.js'
import {
  DAY,
  HOUR,
  MINUTE,
  addBusinessDays,
  iso,
  isoDate,
  localDay,
  localToUtc,
  quantize,
  round2,
  weekday,
} from '../clock.js'
import { ODDS } from '../odds.js'
import { TIME_ENTRY_TYPE } from '../picklists.js'
import { coin, mix } from '../random.js'
import { NO_UDFS } from '../roster.js'
import { amendedSummary } from '../texts.js'
import type { ContractInfo, Staff, TicketPlan } from '../types.js'
import type { DeskDay } from './day.js'

export interface TimeDraft {
  summary: string
  billingCode: number
  contract: ContractInfo | null
  nonBillable: boolean
  internal?: string | null
}

/**
 * A time entry for work from `start`; returns when the work ended. `plan` null means internal (non-ticket) time.
 * The entry is written when the engineer gets to it (at once, that evening, days later), may be edited or deleted,
 * and ticket time is approved by finance.
 */
export function logTime(
  desk: DeskDay,
  plan: TicketPlan | null,
  who: Staff,
  start: number,
  minutes: number,
  o: TimeDraft,
): number {
  const rng = desk.rng
  const seed = desk.ctx.seed
  const begin = Math.floor(start / MINUTE) * MINUTE
  const end = begin + minutes * MINUTE
  const worked = round2(minutes / 60)
  const workDay = localDay(begin)
  let created: number
  if (coin(ODDS.timesheetDayLate, seed, who.id, workDay)) {
    const late = addBusinessDays(workDay, 1 + (mix(seed, who.id, workDay) % 3 === 0 ? 1 : 0))
    created = localToUtc(late, rng.range(8.6, 10) * HOUR)
  } else if (rng.chance(ODDS.timeWrittenDaysLate)) {
    created = localToUtc(addBusinessDays(workDay, rng.int(1, 4)), rng.range(15.5, 18.5) * HOUR)
  } else {
    created = end + rng.range(0.5, 20) * MINUTE
  }
  created = quantize(Math.max(created, end))
  const cs = iso(created)
  const billable = !o.nonBillable
  const factor = desk.ctx.size.rareFactor
  // Most time is billed as worked; some engineers round up to the quarter hour, a few write time down.
  const policy = rng.next()
  const { asWorked, writtenDown } = ODDS.billingBelow
  const writeDown = policy >= asWorked && policy < writtenDown ? rng.pick([0, 0.5, 0.75]) : 1
  const toBill = (h: number) =>
    !billable ? 0 : policy >= asWorked ? (writeDown < 1 ? round2(h * writeDown) : Math.ceil(h * 4) / 4) : h
  const slip = plan?.children ? 1 : rng.next()
  const noCode = slip < ODDS.slipBelow.noBillingCode * factor
  const overBilled = billable && !noCode && slip < ODDS.slipBelow.overBilled * factor
  const r: ApiRecord = {
    id: 0,
    billingApprovalDateTime: null,
    billingApprovalLevelMostRecent: null,
    billingApprovalResourceID: null,
    billingCodeID: noCode ? null : o.billingCode,
    contractID: o.contract?.id ?? null,
    createDateTime: cs,
    dateWorked: isoDate(workDay),
    endDateTime: iso(end),
    hoursToBill: overBilled ? round2(worked + rng.pick([0.5, 0.75, 1])) : toBill(worked),
    hoursWorked: worked,
    internalNotes: o.internal ?? null,
    isNonBillable: !billable,
    lastModifiedDateTime: cs,
    offsetHours: 0,
    resourceID: who.id,
    roleID: who.roleID,
    showOnInvoice: billable,
    startDateTime: iso(begin),
    summaryNotes: o.summary,
    taskID: null,
    ticketID: null,
    timeEntryType: plan ? TIME_ENTRY_TYPE.ticket : TIME_ENTRY_TYPE.regular,
    userDefinedFields: NO_UDFS as UserDefinedField[],
  }
  plan?.children?.push(r)
  desk.emit({ kind: 'time', at: created, plan, record: r })
  if (plan?.children) return end
  if (rng.chance(ODDS.timeEntryDeleted * factor)) {
    const at = quantize(created + rng.int(10, 1440) * MINUTE)
    desk.emit({ kind: 'childDelete', at, plan, record: r, deletedBy: who.id })
    return end
  }
  const approval = plan ? approvalTime(desk, created, workDay) : null
  if (rng.chance(ODDS.timeEntryEdited * factor)) {
    const limit = approval ?? created + 7 * DAY
    const edited = quantize(created + rng.range(0.02, 0.9) * (limit - created))
    const es = iso(edited)
    const longer = rng.chance(ODDS.timeEditLonger) && desk.ctx.schedule.extend(who.id, end, 15 * MINUTE)
    desk.emit({
      kind: 'timeEdit',
      at: edited,
      record: r,
      patch: {
        summaryNotes: amendedSummary(o.summary),
        ...(longer
          ? {
              hoursWorked: round2(worked + 0.25),
              hoursToBill: overBilled ? (r.hoursToBill as number) + 0.25 : toBill(round2(worked + 0.25)),
              endDateTime: iso(end + 15 * MINUTE),
            }
          : {}),
        lastModifiedDateTime: es,
      },
    })
  }
  if (approval !== null) {
    const s = iso(approval)
    desk.emit({
      kind: 'timeEdit',
      at: approval,
      record: r,
      patch: {
        billingApprovalDateTime: s,
        billingApprovalLevelMostRecent: 1,
        billingApprovalResourceID: desk.finance.id,
        lastModifiedDateTime: s,
      },
    })
  }
  return end
}

/** Finance approves the previous weeks' ticket time on Tuesday mornings; a few entries slip a week or stay open. */
function approvalTime(desk: DeskDay, created: number, workDay: number): number | null {
  const rng = desk.rng
  if (rng.chance(ODDS.timeNeverApproved)) return null
  const weekEnd = workDay + ((7 - weekday(workDay)) % 7)
  let d = Math.max(weekEnd, localDay(created)) + 1
  while (weekday(d) !== 2) d++
  if (rng.chance(ODDS.approvalSlipsAWeek)) d += 7
  return quantize(Math.max(localToUtc(d, rng.range(9.5, 12) * HOUR), created + HOUR))
}
