import { MINUTE, addBusinessTime, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { BILLING_CODE, NOTE_TYPE, PUBLISH } from '../picklists.js'
import { NOTE_TITLES, TEXTS } from '../texts.js'
import type { Staff } from '../types.js'
import { book } from './dispatch.js'
import type { TicketLife } from './ticket-life.js'
import { logTime } from './time-entries.js'

/** Spam or a duplicate: `by` looks at it within the day, sometimes notes why and logs the minutes, and deletes it. */
export function deleteTicket(life: TicketLife, by: Staff): void {
  const rng = life.rng
  const { t0 } = life.timing
  const at = quantize(addBusinessTime(t0, rng.range(10, 400) * MINUTE))
  if (rng.chance(ODDS.deletionNoted)) {
    const t = quantize(at - rng.int(1, 5) * MINUTE)
    life.engineer = by
    life.note(
      quantize(Math.max(t, t0 + MINUTE)),
      NOTE_TITLES.deletion,
      life.draft.deletion === 'duplicate' ? TEXTS.duplicateDeleted : TEXTS.spamDeleted,
      PUBLISH.internal,
      NOTE_TYPE.notes,
    )
  }
  let gone = quantize(at + 10 * MINUTE)
  if (rng.chance(ODDS.deletionReviewLogged)) {
    const start = book(life.desk, by, Math.max(t0 + MINUTE, at - 10 * MINUTE), 5)
    const end = logTime(life.desk, life.plan, by, start, 5, {
      summary: TEXTS.deletionReviewed,
      billingCode: BILLING_CODE.internal,
      contract: null,
      nonBillable: true,
    })
    gone = Math.max(gone, quantize(end + 5 * MINUTE))
  }
  life.desk.emit({ kind: 'ticketDelete', at: gone, plan: life.plan, deletedBy: by.id })
}
