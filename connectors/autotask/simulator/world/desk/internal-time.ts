import { HOUR, MINUTE, localToUtc } from '../clock.js'
import { ODDS } from '../odds.js'
import { BILLING_CODE } from '../picklists.js'
import { DAY_KIND } from '../schedule.js'
import { INTERNAL_WORK, TEXTS } from '../texts.js'
import type { DeskDay } from './day.js'
import { logTime } from './time-entries.js'

/**
 * Tops each person's day up with internal time (meetings, documentation, training) towards a normal working day.
 * It runs after the day's tickets are planned: no later day books into this one, so the diary is final.
 */
export function fillTimesheets(desk: DeskDay): void {
  const rng = desk.rng
  const day = desk.day
  const schedule = desk.ctx.schedule
  const factor = desk.ctx.size.rareFactor
  const staff = desk.ctx.roster.staff.filter(
    (s) =>
      (s.role === 'l1' || s.role === 'l2' || s.role === 'lead' || s.role === 'manager') &&
      s.hireDay <= day &&
      (s.leftDay === null || s.leftDay > day),
  )
  const internal = { billingCode: BILLING_CODE.internal, contract: null, nonBillable: true }
  for (const s of staff) {
    const w = schedule.get(s.id, day)
    if (w.open === w.close) continue
    // Some days the timesheet is left half empty (forgotten, left early): only the ticket time stands.
    const hours =
      w.kind === DAY_KIND.half
        ? rng.range(3.2, 4.2)
        : w.kind === DAY_KIND.long
          ? rng.range(8, 9.3)
          : rng.range(6.5, 8.1)
    const target = rng.chance(ODDS.timesheetLeftEmpty) ? 0 : hours * HOUR
    let need = target - w.booked
    for (let tries = 0; need >= 15 * MINUTE && tries < 16; tries++) {
      let minutes = Math.min(rng.pick([15, 30, 30, 45, 60, 60, 90, 120]), Math.floor(need / (15 * MINUTE)) * 15)
      let at = schedule.findOn(s.id, day, w.open + rng.next() * (w.close - w.open), minutes * MINUTE)
      if (at < 0) at = schedule.findOn(s.id, day, w.open, minutes * MINUTE)
      while (at < 0 && minutes > 15) {
        minutes -= 15
        at = schedule.findOn(s.id, day, w.open, minutes * MINUTE)
      }
      if (at < 0) break
      schedule.reserve(s.id, at, minutes * MINUTE, rng.int(0, 2) * 5 * MINUTE)
      logTime(desk, null, s, at, minutes, { summary: rng.pick(INTERNAL_WORK), ...internal })
      need -= minutes * MINUTE
    }
    // A timer left running overnight: one entry of over ten hours, ending before the next working day starts.
    if (rng.chance(ODDS.timerLeftRunning * factor)) {
      const start = Math.max(schedule.lastEnd(s.id, day), w.close)
      const limit = Math.floor((localToUtc(day + 1, 7.5 * HOUR) - start) / MINUTE)
      const minutes = Math.min(rng.int(41, 54) * 15, limit)
      if (minutes > 10.25 * 60 && schedule.isFree(s.id, start, start + minutes * MINUTE)) {
        schedule.reserve(s.id, start, minutes * MINUTE)
        logTime(desk, null, s, start, minutes, { summary: TEXTS.overnightTimer, ...internal })
      }
    }
  }
}
