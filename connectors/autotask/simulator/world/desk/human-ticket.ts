import { DAY, MINUTE, addBusinessTime, businessTimeBetween, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { BILLING_CODE, NOTE_TYPE, PUBLISH, STATUS } from '../picklists.js'
import { FIRST_NOTES, NOTE_TITLES, RESOLUTION_SUMMARIES, TEXTS, WORK_SUMMARIES } from '../texts.js'
import { book } from './dispatch.js'
import { planResolution } from './milestones.js'
import { resolve } from './resolution.js'
import { sendSurvey } from './survey.js'
import type { TicketLife } from './ticket-life.js'
import { logTime } from './time-entries.js'
import { triage } from './triage.js'
import { pauseAfterSession, waitForCustomer } from './waiting.js'

/**
 * A ticket raised by a person: triage and first response, then pieces of work (on site now and then) with waits
 * between them, planned to finish within the SLA or not, then resolution and perhaps a survey.
 */
export function workHumanTicket(life: TicketLife): void {
  const rng = life.rng
  const { t0, targets, dueAt } = life.timing
  const tpl = life.draft.template
  let sessions =
    tpl.effort === 1
      ? rng.int(2, 4)
      : tpl.effort === 2
        ? rng.int(4, 9)
        : tpl.effort === 3
          ? rng.int(6, 14)
          : rng.int(14, 34)
  const scale = tpl.effort === 4 ? 2.5 : 1
  const noTime = rng.chance(ODDS.ticketWithoutTime)
  const stale = tpl.effort > 1 && rng.chance(ODDS.customerGoesSilent)
  const allowed = life.plan.sla ? targets[2]! : businessTimeBetween(t0, dueAt)
  life.budget = rng.chance(ODDS.onTimeByPriority[life.plan.rec.priority as number]!)
    ? allowed * rng.range(0.3, 0.92)
    : allowed * rng.range(1.03, 1.35)
  const minutes = life.minutes(scale)
  const urgent = life.urgent()
  const fr = triage(life, minutes, urgent)
  let end = fr
  /** A quick fix gets no resolution plan; one that turns out to take longer gets it after the first session. */
  let planAt = 0
  for (let i = 0; i < sessions; i++) {
    let desired = fr
    if (i > 0) {
      const left = life.budget - life.used(end)
      // Planned to finish on time: fewer, closer sessions as the deadline nears.
      const per = (urgent ? 90 : 45) * MINUTE
      if (left < Infinity) sessions = Math.min(sessions, i + Math.max(1, Math.floor(left / per)))
      const room = left * (urgent ? 0.1 : 0.25)
      desired = quantize(addBusinessTime(end, Math.min(life.gap(tpl.effort), Math.max(2 * MINUTE, room))))
    }
    const last = i === sessions - 1
    const onsite = i > 0 && tpl.effort >= 2 && rng.chance(ODDS.sessionOnSite)
    const travel = onsite ? rng.pick([20, 30, 45]) : 0
    const length = i === 0 ? minutes : life.minutes(scale)
    const summary = i === 0 ? rng.pick(FIRST_NOTES) : last ? rng.pick(RESOLUTION_SUMMARIES) : rng.pick(WORK_SUMMARIES)
    const code = onsite ? BILLING_CODE.onsite : tpl.effort === 4 ? BILLING_CODE.project : BILLING_CODE.remote
    let start: number
    if (noTime) {
      start = desired
      end = start + (travel + length) * MINUTE
    } else {
      let from = desired
      start = desired
      if (onsite) {
        start = book(life.desk, life.engineer, life.slot(desired, travel + length, i > 0), travel, false, desired)
        from = logTime(life.desk, life.plan, life.engineer, start, travel, {
          summary: TEXTS.travel,
          billingCode: BILLING_CODE.travel,
          contract: life.contract,
          nonBillable: rng.chance(ODDS.travelNonBillable),
        })
      }
      const [at, to] = life.session(from, length, summary, code, false, i > 0 && !onsite)
      if (!onsite) start = at
      end = to
    }
    if (i > 0 && life.status !== STATUS.inProgress) life.setStatus(quantize(start), STATUS.inProgress)
    if (i === 0 && life.plan.sla) {
      planAt = quantize(Math.max(fr + MINUTE, Math.min(end, fr + rng.range(5, 40) * MINUTE)))
      if (tpl.effort > 1 || sessions > 2) {
        if (rng.chance(ODDS.resolutionPlanRecorded)) planResolution(life, planAt)
        planAt = 0
      }
    }
    if (last) break
    if (rng.chance(ODDS.progressNote))
      life.note(
        quantize(end + MINUTE),
        NOTE_TITLES.progress,
        rng.pick(WORK_SUMMARIES),
        rng.chance(ODDS.progressNotePublic) ? PUBLISH.all : PUBLISH.internal,
        NOTE_TYPE.notes,
      )
    if (stale && i === sessions - 2) {
      end = waitForCustomer(life, end, rng.range(10, 35) * DAY, false)
      continue
    }
    end = pauseAfterSession(life, end, urgent)
  }
  const tookLonger = planAt > 0 && businessTimeBetween(fr, end) > 45 * MINUTE
  if (tookLonger && rng.chance(ODDS.lateResolutionPlanRecorded)) planResolution(life, planAt)
  const { done, reopened } = resolve(life, end, stale, noTime)
  sendSurvey(life, done, reopened || stale || life.frMet === false)
}
