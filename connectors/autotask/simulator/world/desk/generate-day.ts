import { compactDate, isBusinessDay } from '../clock.js'
import type { WorldEvent } from '../events.js'
import { alertTicket } from './alert-ticket.js'
import { DeskDay } from './day.js'
import type { DayContext } from './day.js'
import { deleteTicket } from './deleted-ticket.js'
import { workHumanTicket } from './human-ticket.js'
import { fillTimesheets } from './internal-time.js'
import { draftTickets } from './intake.js'
import { openTicket } from './open-ticket.js'
import { editCustomerRecords } from './record-edits.js'

/**
 * Makes everything that starts on one Amsterdam calendar day: the roster's changes, customers' edits, its tickets
 * with their whole future, and its internal time.
 */
export function generateDay(ctx: DayContext, day: number): WorldEvent[] {
  const desk = new DeskDay(ctx, day)
  ctx.schedule.prune(day)
  for (const change of ctx.roster.changes.get(day) ?? []) {
    const { t: at, record } = change
    desk.emit(
      change.edit
        ? { kind: 'edit', at, record, ...change.edit }
        : { kind: 'insert', at, record, entity: change.entity },
    )
  }
  if (isBusinessDay(day)) editCustomerRecords(desk)
  const drafts = draftTickets(desk)
  drafts.sort((a, b) => a.t0 - b.t0)
  const prefix = `T${compactDate(day)}.`
  drafts.forEach((d, i) => {
    const life = openTicket(desk, d, [prefix, String(i + 1).padStart(4, '0')].join(''))
    if (d.deletion) deleteTicket(life, desk.manager)
    else if (d.alert) alertTicket(life)
    else workHumanTicket(life)
  })
  if (isBusinessDay(day)) fillTimesheets(desk)
  return desk.take()
}
