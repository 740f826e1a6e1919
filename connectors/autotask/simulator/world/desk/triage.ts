import { HOUR, MINUTE, addBusinessTime, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { STATUS } from '../picklists.js'
import { FIRST_NOTES, NOTE_TITLES } from '../texts.js'
import { pickEngineer } from './dispatch.js'
import { respond } from './milestones.js'
import type { TicketLife } from './ticket-life.js'

/**
 * Triage of a person's ticket: whoever took the call answers within minutes; an e-mail or portal ticket is
 * dispatched to an engineer who answers within its first-response target (a few late, a few forgotten for a day or
 * more). `minutes` is the first piece of work, for finding someone with room. Returns when the first response was.
 */
export function triage(life: TicketLife, minutes: number, urgent: boolean): number {
  const rng = life.rng
  const { t0, targets } = life.timing
  const tpl = life.draft.template
  let fr: number
  if (life.timing.taker !== null) {
    fr = quantize(t0 + rng.range(1, 6) * MINUTE)
  } else {
    const frac = rng.chance(ODDS.firstResponseLate) ? rng.range(1.1, 3.5) : rng.range(0.05, 0.85)
    fr = quantize(addBusinessTime(t0, Math.max(2 * MINUTE, frac * targets[0]!)))
    const forgotten = rng.chance(ODDS.ticketForgotten)
    if (forgotten) fr = quantize(addBusinessTime(t0, rng.range(1, 3) * 9 * HOUR))
    life.engineer = pickEngineer(life.desk, tpl.effort >= 3, fr, minutes * MINUTE, false, urgent)
    const assignAt = forgotten ? fr : quantize(Math.min(fr, addBusinessTime(t0, rng.range(2, 40) * MINUTE)))
    if (assignAt < fr) {
      life.assign(assignAt, life.engineer, rng.chance(ODDS.assignedAsDispatched) ? STATUS.dispatched : STATUS.new)
    }
  }
  respond(life, fr)
  life.note(quantize(fr + MINUTE), NOTE_TITLES.firstResponse, rng.pick(FIRST_NOTES))
  return fr
}
