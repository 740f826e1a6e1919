import type { ApiRecord, UserDefinedField } from '../../store.js'
import { MINUTE, iso, quantize } from '../clock.js'
import { ODDS } from '../odds.js'
import { NO_UDFS } from '../roster.js'
import type { TicketPlan } from '../types.js'
import type { DeskDay } from './day.js'

export interface NoteDraft {
  type: number
  publish: number
  title: string
  description: string
  /** The engineer who wrote it, or null for the customer. */
  resource: number | null
  contact: number | null
}

/** A note on the ticket at `t`; now and then an engineer deletes one of their own notes later. */
export function addNote(desk: DeskDay, t: number, plan: TicketPlan, n: NoteDraft): ApiRecord {
  const s = iso(t)
  const r: ApiRecord = {
    id: 0,
    createDateTime: s,
    createdByContactID: n.contact,
    creatorResourceID: n.resource,
    description: n.description,
    lastActivityDate: s,
    noteType: n.type,
    publish: n.publish,
    ticketID: 0,
    title: n.title,
    userDefinedFields: NO_UDFS as UserDefinedField[],
  }
  plan.children?.push(r)
  desk.emit({ kind: 'note', at: t, plan, record: r })
  const factor = desk.ctx.size.rareFactor
  if (!plan.children && n.resource !== null && desk.rng.chance(ODDS.noteDeleted * factor)) {
    const at = quantize(t + desk.rng.int(5, 600) * MINUTE)
    desk.emit({ kind: 'childDelete', at, plan, record: r, deletedBy: n.resource })
  }
  return r
}
