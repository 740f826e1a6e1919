import type { ApiRecord, UserDefinedField } from '../../store.js'
import { HOUR, MINUTE, addBusinessTime, iso, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { BILLING_CODE, NOTE_TYPE, PUBLISH } from '../picklists.js'
import { NO_UDFS } from '../roster.js'
import {
  FOLLOW_UP_NOTES,
  HIGH_CSAT_COMMENTS,
  LOW_CSAT_COMMENTS,
  MID_CSAT_COMMENTS,
  NOTE_TITLES,
  TEXTS,
} from '../texts.js'
import { book } from './dispatch.js'
import { addNote } from './notes.js'
import type { TicketLife } from './ticket-life.js'
import { logTime } from './time-entries.js'

/**
 * After completion some contacts answer the satisfaction survey, lower when the ticket was `troubled` (reopened,
 * closed unanswered, first response late); a comment now and then, and a low score is often followed up by a call.
 */
export function sendSurvey(life: TicketLife, done: number, troubled: boolean): void {
  const rng = life.rng
  const desk = life.desk
  const contact = life.draft.contact
  if (!contact || contact.optOut || !rng.chance(ODDS.surveyAnswered)) return
  const sent = quantize(done + rng.range(2, 20) * MINUTE)
  const completed = quantize(
    sent + (rng.chance(ODDS.surveyAnsweredSoon) ? rng.range(5, 240) * MINUTE : rng.range(4, 96) * HOUR),
  )
  const score = rng.choose(troubled ? ODDS.troubledScore : ODDS.smoothScore)
  const surveyRating = score < 5 && rng.chance(ODDS.scoreHalfPointUp) ? score + 0.5 : score
  const r: ApiRecord = {
    id: 0,
    companyID: life.draft.company.id,
    companyRating: rng.chance(ODDS.companyRatingSkipped)
      ? null
      : Math.min(5, Math.max(1, score + rng.pick([-1, 0, 0, 0, 1]))),
    completeDate: iso(completed),
    contactID: contact.id,
    contactRating: rng.chance(ODDS.contactRatingSkipped) ? null : score,
    resourceRating: rng.chance(ODDS.resourceRatingSkipped)
      ? null
      : Math.min(5, Math.max(1, score + rng.pick([-1, 0, 0, 0, 0, 1]))),
    sendDate: iso(sent),
    surveyID: contact.english ? 2 : 1,
    surveyRating,
    ticketID: 0,
    userDefinedFields: NO_UDFS as UserDefinedField[],
  }
  desk.emit({ kind: 'survey', at: completed, plan: life.plan, record: r })
  const comment =
    score <= 2
      ? rng.chance(ODDS.lowScoreComment) && rng.pick(LOW_CSAT_COMMENTS)
      : score === 3
        ? rng.chance(ODDS.midScoreComment) && rng.pick(MID_CSAT_COMMENTS)
        : rng.chance(ODDS.highScoreComment) && rng.pick(HIGH_CSAT_COMMENTS)
  if (comment) {
    addNote(desk, completed, life.plan, {
      type: NOTE_TYPE.survey,
      publish: PUBLISH.internal,
      title: NOTE_TITLES.surveyComment,
      description: comment,
      resource: null,
      contact: contact.id,
    })
  }
  if (score <= 2 && rng.chance(ODDS.lowScoreFollowedUp)) followUp(life, completed)
}

/** A low score: the engineer (sometimes their team lead) calls the customer back and notes what was agreed. */
function followUp(life: TicketLife, completed: number): void {
  const rng = life.rng
  const lead = life.desk.pool.leads
  if (lead.length > 0 && rng.chance(ODDS.followUpByLead)) life.engineer = rng.pick(lead)
  let t = quantize(addBusinessTime(completed, rng.range(1, 20) * HOUR))
  if (rng.chance(ODDS.followUpLogged)) {
    const start = book(life.desk, life.engineer, t, 15)
    t = logTime(life.desk, life.plan, life.engineer, start, 15, {
      summary: TEXTS.surveyCallBack,
      billingCode: BILLING_CODE.remote,
      contract: life.contract,
      nonBillable: true,
    })
  }
  life.note(t, NOTE_TITLES.surveyFollowUp, rng.pick(FOLLOW_UP_NOTES), PUBLISH.internal, NOTE_TYPE.notes)
}
