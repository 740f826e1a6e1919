import { HOUR, MINUTE, addBusinessTime, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { STATUS } from '../picklists.js'
import { RESOLUTION_SUMMARIES, TEXTS, WORK_SUMMARIES } from '../texts.js'
import { complete } from './milestones.js'
import type { TicketLife } from './ticket-life.js'

/**
 * Resolves a person's ticket at `end` (one whose customer went silent is closed for lack of an answer); now and then
 * the problem comes back and the ticket is worked and completed again. `noTime`: its work is never logged.
 */
export function resolve(
  life: TicketLife,
  end: number,
  stale: boolean,
  noTime: boolean,
): { done: number; reopened: boolean } {
  const rng = life.rng
  const resolution = stale ? TEXTS.closedUnanswered : rng.pick(RESOLUTION_SUMMARIES)
  const done = complete(life, end, resolution)
  if (stale || !rng.chance(ODDS.ticketReopens)) return { done, reopened: false }
  return { done: reopen(life, done, noTime), reopened: true }
}

/** The customer reports the problem back: one or two more pieces of work, then completed again. */
function reopen(life: TicketLife, done: number, noTime: boolean): number {
  const rng = life.rng
  const back = quantize(addBusinessTime(done, rng.range(1, 20) * HOUR))
  life.customerNote(back, TEXTS.problemBack)
  life.status = STATUS.customerNoteAdded
  life.step(back, {
    status: STATUS.customerNoteAdded,
    completedDate: null,
    completedByResourceID: null,
    serviceLevelAgreementHasBeenMet: null,
  })
  let end = back
  for (let i = rng.int(1, 2); i > 0; i--) {
    const desired = quantize(addBusinessTime(end, life.gap(2)))
    const length = life.minutes()
    const [start, to] = noTime
      ? [desired, desired + length * MINUTE]
      : life.session(desired, length, rng.pick(WORK_SUMMARIES))
    life.setStatus(quantize(start), STATUS.inProgress)
    end = to
  }
  return complete(life, end, rng.pick(RESOLUTION_SUMMARIES))
}
