import { MINUTE, addBusinessTime, isBusinessTime, nextBusinessTime, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { BILLING_CODE, NOTE_TYPE, PRIORITY, PUBLISH, STATUS } from '../picklists.js'
import { ALERT_SUMMARIES, NOTE_TITLES, TEXTS } from '../texts.js'
import { pickEngineer } from './dispatch.js'
import { complete } from './milestones.js'
import type { TicketLife } from './ticket-life.js'

/**
 * A monitoring alert: many clear by themselves and are only checked the next business moment; the rest are picked
 * up (at night by whoever is on call, for a high one) and fixed in one to three pieces of work.
 */
export function alertTicket(life: TicketLife): void {
  const rng = life.rng
  const { t0 } = life.timing
  const high = life.plan.rec.priority === PRIORITY.high
  if (rng.chance(ODDS.alertClearsItself)) {
    const auto = quantize(t0 + rng.range(5, 90) * MINUTE)
    life.setStatus(auto, STATUS.rmmResolved, { resolution: TEXTS.alertCleared })
    const review = quantize(addBusinessTime(nextBusinessTime(auto), rng.range(5, 150) * MINUTE))
    life.engineer = pickEngineer(life.desk, false, review, 5 * MINUTE)
    life.assign(review, life.engineer, STATUS.rmmResolved)
    const end = rng.chance(ODDS.clearedAlertChecked) ? life.session(review, 5, TEXTS.clearedAlertChecked)[1] : review
    complete(life, end, TEXTS.clearedAlertResolution)
    return
  }
  const night = !isBusinessTime(t0)
  const onCall = night && high && rng.chance(ODDS.nightAlertOnCall)
  const pickUp = quantize(onCall ? t0 + rng.range(10, 40) * MINUTE : addBusinessTime(t0, rng.range(5, 120) * MINUTE))
  life.engineer = pickEngineer(life.desk, false, pickUp, 15 * MINUTE, onCall)
  life.assign(pickUp, life.engineer, STATUS.inProgress)
  life.note(
    quantize(pickUp + MINUTE),
    NOTE_TITLES.alertPickedUp,
    rng.pick(ALERT_SUMMARIES),
    PUBLISH.internal,
    NOTE_TYPE.notes,
  )
  let end = pickUp
  for (let i = rng.int(1, 3); i > 0; i--) {
    const first = end === pickUp
    const start = first ? pickUp : quantize(addBusinessTime(end, rng.range(10, 300) * MINUTE))
    end = life.session(
      start,
      rng.pick([5, 10, 15, 20, 30]),
      rng.pick(ALERT_SUMMARIES),
      onCall && first ? BILLING_CODE.afterHours : BILLING_CODE.remote,
      onCall && first,
    )[1]
  }
  complete(life, end, rng.pick(ALERT_SUMMARIES))
}
