import { HOUR, MINUTE, addBusinessTime, businessTimeBetween, iso, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { QUEUE, STATUS } from '../picklists.js'
import { CUSTOMER_REPLIES, NOTE_TITLES, WAITING_NOTES } from '../texts.js'
import { pickEngineer } from './dispatch.js'
import type { TicketLife } from './ticket-life.js'

/** Waits for the customer; returns when they answered (the SLA clock stops meanwhile). */
export function waitForCustomer(life: TicketLife, from: number, waitMs: number, businessWait: boolean): number {
  const rng = life.rng
  const t = quantize(from + rng.int(1, 5) * MINUTE)
  if (rng.chance(ODDS.waitingNote)) life.note(t, NOTE_TITLES.waitingForCustomer, rng.pick(WAITING_NOTES))
  life.setStatus(t, STATUS.waitingCustomer)
  const reply = quantize(businessWait ? addBusinessTime(t, waitMs) : t + waitMs)
  life.paused += businessTimeBetween(t, reply)
  life.customerNote(reply, rng.pick(CUSTOMER_REPLIES))
  const due = life.plan.sla
    ? { resolvedDueDateTime: iso(quantize(addBusinessTime(life.timing.resDue, life.paused))) }
    : {}
  life.setStatus(reply, STATUS.customerNoteAdded, due)
  return reply
}

/**
 * Between two pieces of work a ticket may wait: for the customer, a vendor or materials, on hold, or for second
 * line after an escalation. Returns when work can go on.
 */
export function pauseAfterSession(life: TicketLife, end: number, urgent: boolean): number {
  const rng = life.rng
  const l2 = life.desk.pool.l2
  const roll = rng.next()
  const below = ODDS.pauseBelow
  if (roll < below.customer) return waitForCustomer(life, end, rng.range(0.5, 14) * HOUR, true)
  if (roll < below.vendor) {
    const t = quantize(end + 2 * MINUTE)
    life.setStatus(t, rng.chance(ODDS.waitingForVendor) ? STATUS.waitingVendor : STATUS.waitingMaterials)
    return quantize(addBusinessTime(t, life.capWait(t, rng.range(1, 4) * 9 * HOUR)))
  }
  if (roll < below.onHold && life.draft.template.effort >= 3) {
    const t = quantize(end + 2 * MINUTE)
    life.setStatus(t, STATUS.onHold)
    return quantize(addBusinessTime(t, life.capWait(t, rng.range(2, 8) * 9 * HOUR)))
  }
  if (roll < below.escalation && life.engineer.role === 'l1' && l2.length > 0) {
    const t = quantize(end + 2 * MINUTE)
    life.setStatus(t, STATUS.escalate, { queueID: QUEUE.level2 })
    const back = quantize(addBusinessTime(t, rng.range(10, 90) * MINUTE))
    const specialist = pickEngineer(life.desk, true, back, 30 * MINUTE, false, urgent)
    life.assign(back, specialist.role === 'l1' ? rng.pick(l2) : specialist, STATUS.inProgress)
    return back
  }
  return end
}
