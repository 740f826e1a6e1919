import { atHours } from '../business.js'
import { EventLog, firstOrderOf } from '../events.js'
import type { PlannedEvent, WorldEvent } from '../events.js'
import { Rng, mix } from '../random.js'
import type { Roster } from '../roster.js'
import type { Schedule } from '../schedule.js'
import type { SizeProfile } from '../sizes.js'
import type { CompanyInfo, Staff } from '../types.js'
import { dutyPool } from './dispatch.js'
import type { Pool } from './dispatch.js'

export interface DayContext {
  seed: number
  size: SizeProfile
  roster: Roster
  startDay: number
  schedule: Schedule
}

/**
 * One Amsterdam calendar day of the service desk being planned: its own random stream (so days can be made in any
 * order), who is on duty, and the events it plans, numbered in the order they are made.
 */
export class DeskDay {
  readonly rng: Rng
  readonly pool: Pool
  readonly manager: Staff
  readonly finance: Staff
  private readonly log: EventLog

  constructor(
    readonly ctx: DayContext,
    readonly day: number,
  ) {
    this.rng = new Rng(mix(ctx.seed, day, 0xda7))
    this.log = new EventLog(firstOrderOf(day, ctx.startDay))
    const staff = ctx.roster.staff
    this.pool = dutyPool(staff, day)
    this.manager = staff.find((s) => s.role === 'manager')!
    this.finance = staff.find((s) => s.role === 'finance')!
  }

  emit(event: PlannedEvent): void {
    this.log.push(event)
  }

  /** The events planned so far, handed over once. */
  take(): WorldEvent[] {
    return this.log.take()
  }

  /** A random instant between two wall-clock hours of `day` (this day by default). */
  at(fromHour: number, toHour: number, day = this.day): number {
    return atHours(this.rng, day, fromHour, toHour)
  }

  /** Companies that exist by this day. */
  visibleCompanies(): CompanyInfo[] {
    return this.ctx.roster.companies.filter((c) => c.createdDay < this.day)
  }
}
