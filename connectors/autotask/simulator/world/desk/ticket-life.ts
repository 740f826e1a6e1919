import { HOUR, MINUTE, businessTimeBetween, iso, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { BILLING_CODE, NOTE_TYPE, PRIORITY, PUBLISH, STATUS } from '../picklists.js'
import type { Rng } from '../random.js'
import { NOTE_TITLES } from '../texts.js'
import type { ContractInfo, Patch, Staff, TicketPlan } from '../types.js'
import type { DeskDay } from './day.js'
import { book, freeAt, pickEngineer } from './dispatch.js'
import type { Draft } from './intake.js'
import { addNote } from './notes.js'
import { logTime } from './time-entries.js'

/** The ticket's clock: when it came in and when its SLA milestones fall due. */
export interface Timing {
  t0: number
  /** Business time allowed to the first response, the resolution plan and the resolution. */
  targets: number[]
  frDue: number
  resDue: number
  /** The ticket's due time: the resolution due time under an SLA. */
  dueAt: number
  /** Who took the call, for a ticket raised by phone or at the desk. */
  taker: Staff | null
}

/**
 * One ticket played forward from its creation: who has it, its status, the SLA clock, and the moves every kind of
 * ticket makes (status changes, notes, booked and logged work). Each kind of ticket's course is planned elsewhere.
 */
export class TicketLife {
  readonly rng: Rng
  engineer: Staff
  status: number = STATUS.new
  /** Business time the SLA clock stood still while the customer was asked something. */
  paused = 0
  frMet: boolean | null = null
  /** Business time the work may take, pauses excluded: the plan to finish on time, or none for a ticket that slips. */
  budget = Infinity

  constructor(
    readonly desk: DeskDay,
    readonly plan: TicketPlan,
    readonly draft: Draft,
    readonly contract: ContractInfo | null,
    readonly timing: Timing,
  ) {
    this.rng = desk.rng
    this.engineer = timing.taker ?? desk.pool.workers[0]!
  }

  /** The ticket (and its SLA result) changes at `t`. */
  step(t: number, patch: Patch, sla: Patch | null = null): void {
    const s = iso(t)
    patch.lastActivityDate = s
    patch.lastTrackedModificationDateTime = s
    this.desk.emit({ kind: 'step', at: t, plan: this.plan, ticket: patch, sla })
  }

  setStatus(t: number, status: number, extra: Patch = {}): void {
    if (status === this.status && Object.keys(extra).length === 0) return
    this.status = status
    this.step(t, { status, ...extra })
  }

  assign(t: number, who: Staff, status: number): void {
    this.engineer = who
    this.status = status
    this.step(t, { status, assignedResourceID: who.id, assignedResourceRoleID: who.roleID })
  }

  /** A note by the assigned engineer. */
  note(
    t: number,
    title: string,
    description: string,
    publish: number = PUBLISH.all,
    type: number = NOTE_TYPE.detail,
  ): void {
    addNote(this.desk, t, this.plan, { type, publish, title, description, resource: this.engineer.id, contact: null })
  }

  customerNote(t: number, description: string): void {
    const contact = this.draft.contact?.id ?? null
    addNote(this.desk, t, this.plan, {
      type: NOTE_TYPE.portal,
      publish: PUBLISH.all,
      title: NOTE_TITLES.customerReply,
      description,
      resource: null,
      contact,
    })
  }

  /**
   * Where the assignee's next piece of work fits in their day; when they have no room for hours, a colleague who
   * has takes the ticket over.
   */
  slot(desired: number, minutes: number, handOver = true): number {
    const desk = this.desk
    let at = freeAt(desk, this.engineer, desired, minutes)
    const wait = this.urgent() ? HOUR : 3 * HOUR
    if (handOver && at - desired > wait && businessTimeBetween(desired, at) > wait) {
      const other = pickEngineer(desk, this.engineer.role !== 'l1', desired, minutes * MINUTE, false, this.urgent())
      const otherAt = freeAt(desk, other, desired, minutes)
      if (other !== this.engineer && businessTimeBetween(otherAt, at) > 2 * HOUR) {
        this.assign(quantize(otherAt - MINUTE), other, this.status)
        at = otherAt
      }
    }
    return at
  }

  /** Books and logs a piece of work starting at or after `desired`; returns its [start, end]. */
  session(
    desired: number,
    minutes: number,
    summary: string,
    billingCode: number = BILLING_CODE.remote,
    anyTime = false,
    handOver = true,
  ): [number, number] {
    const at = anyTime ? desired : this.slot(desired, minutes, handOver)
    const start = book(this.desk, this.engineer, at, minutes, anyTime, desired)
    const nonBillable = this.rng.chance(ODDS.sessionNonBillable) || this.contract === null
    const end = logTime(this.desk, this.plan, this.engineer, start, minutes, {
      summary,
      billingCode,
      contract: this.contract,
      nonBillable,
    })
    return [start, end]
  }

  urgent(): boolean {
    const p = this.plan.rec.priority
    return p === PRIORITY.critical || p === PRIORITY.high
  }

  /** Business time the SLA (or due date) clock has run by `t`. */
  used(t: number): number {
    return businessTimeBetween(this.timing.t0, t) - (this.plan.sla ? this.paused : 0)
  }

  /** Caps a wait that does not stop the SLA clock so a ticket planned to finish on time still can. */
  capWait(end: number, ms: number): number {
    if (this.budget === Infinity) return ms
    return Math.min(ms, Math.max(10 * MINUTE, (this.budget - this.used(end)) * 0.4))
  }

  /** How long a piece of work takes, in minutes. */
  minutes(scale = 1): number {
    return Math.round(this.rng.choose(ODDS.sessionMinutes) * scale)
  }

  /** How long until the next piece of work, by how much work the ticket is. */
  gap(effort: number): number {
    const rng = this.rng
    if (effort === 1) return rng.range(5, 90) * MINUTE
    if (effort === 2) return rng.range(10, 240) * MINUTE
    if (effort === 3) return rng.range(0.5, 12) * HOUR
    return rng.range(2, 30) * HOUR
  }
}
