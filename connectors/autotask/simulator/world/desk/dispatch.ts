import { MINUTE } from '../clock.js'
import { ODDS } from '../odds.js'
import { BREATHER_MAX } from '../schedule.js'
import type { Staff } from '../types.js'
import type { DeskDay } from './day.js'

/** Who takes tickets on a day, with how likely each is to be handed one. */
export interface Pool {
  l1: Staff[]
  l2: Staff[]
  leads: Staff[]
  workers: Staff[]
  weights: number[]
}

/** The engineers and leads on the payroll on `day` who are not about to leave. */
export function dutyPool(staff: readonly Staff[], day: number): Pool {
  const active = staff.filter((s) => s.hireDay <= day && (s.leftDay === null || s.leftDay > day + 45))
  const workers = active.filter((s) => s.role === 'l1' || s.role === 'l2' || s.role === 'lead')
  return {
    l1: workers.filter((s) => s.role === 'l1'),
    l2: workers.filter((s) => s.role === 'l2'),
    leads: workers.filter((s) => s.role === 'lead'),
    workers,
    weights: workers.map((s) => (s.role === 'lead' ? ODDS.leadWorkWeight : 1)),
  }
}

/** A dispatcher gives work to whoever of a few likely colleagues has room first. */
export function pickEngineer(
  desk: DeskDay,
  preferL2: boolean,
  earliest: number,
  ms: number,
  anyTime = false,
  urgent = false,
): Staff {
  const { l2, workers, weights } = desk.pool
  const rng = desk.rng
  let best: Staff | null = null
  let bestAt = Infinity
  // Urgent work goes to whoever is free first; the rest to the first free of a few likely colleagues.
  const offset = rng.int(0, workers.length - 1)
  for (let i = 0, n = urgent ? workers.length : 3; i < n; i++) {
    const s = urgent
      ? workers[(offset + i) % workers.length]!
      : preferL2 && l2.length > 0 && rng.chance(ODDS.specialistToL2)
        ? rng.pick(l2)
        : rng.weighted(workers, weights)
    const at = desk.ctx.schedule.find(s.id, earliest, ms, anyTime)
    if (at < bestAt) {
      best = s
      bestAt = at
    }
  }
  return best!
}

/** When `who` could start `minutes` of work at or after `earliest`. */
export function freeAt(desk: DeskDay, who: Staff, earliest: number, minutes: number, anyTime = false): number {
  return desk.ctx.schedule.find(who.id, earliest, minutes * MINUTE, anyTime)
}

/**
 * Books `minutes` of `who`'s time at the first free moment at or after `earliest`; returns the start. `wanted` is
 * when the work became possible, if earlier.
 */
export function book(
  desk: DeskDay,
  who: Staff,
  earliest: number,
  minutes: number,
  anyTime = false,
  wanted = earliest,
): number {
  const rng = desk.rng
  const schedule = desk.ctx.schedule
  const ms = minutes * MINUTE
  const at = schedule.find(who.id, earliest, ms, anyTime)
  // Starting a little before the previous work ended only overlaps when there was previous work, and never
  // moves work before the moment it became possible.
  if (at - wanted >= 20 * MINUTE && rng.chance(ODDS.bookedOverOtherWork)) {
    const early = at - rng.int(1, 4) * 5 * MINUTE
    schedule.reserve(who.id, early, ms)
    return early
  }
  return schedule.book(who.id, earliest, ms, anyTime, rng.int(0, BREATHER_MAX / MINUTE) * MINUTE)
}
