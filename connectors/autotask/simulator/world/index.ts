import { SIM_ENTITIES } from '../store.js'
import type {
  AdvanceSummary,
  ApiRecord,
  EditableWorld,
  FieldInfo,
  SimEntity,
  SimWorldOptions,
  UdfInfo,
  WorldChange,
} from '../store.js'
import { DAY, iso, localDay, localToUtc } from './clock.js'
import { generateDay } from './desk/generate-day.js'
import type { DayContext } from './desk/day.js'
import { FIELDS, UDFS, entityInfo } from './fields.js'
import { makeBusiness } from './business.js'
import {
  checkedPatch,
  EDIT_STAMPS,
  MANUAL_STAMPS,
  manualNote,
  manualTicket,
  saveStamps,
  ticketActivity,
} from './manual.js'
import { DELETED_ACTIVITY_TYPE, PUBLISH } from './picklists.js'
import { makeRoster } from './roster.js'
import { Schedule } from './schedule.js'
import { NO_UDFS } from './roster.js'
import { SIZES } from './sizes.js'
import type { WorldEvent } from './events.js'
import type { Patch, TicketPlan } from './types.js'

export { SIZES } from './sizes.js'

const FIRST_ID: Partial<Record<SimEntity, number>> = {
  Tickets: 10001,
  TicketNotes: 20001,
  TimeEntries: 40001,
  SurveyResults: 1001,
  ServiceLevelAgreementResults: 5001,
  DeletedTicketLogs: 1,
  DeletedTicketActivityLogs: 1,
}

class Table {
  rows: ApiRecord[] = []
  /** Set once `rows` has been handed out: from then on changes go to a copy, so a reader's array never shifts. */
  shared = false

  writable(): ApiRecord[] {
    if (this.shared) {
      this.rows = this.rows.slice()
      this.shared = false
    }
    return this.rows
  }

  indexOf(id: number): number {
    const rows = this.rows
    let lo = 0
    let hi = rows.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const v = rows[mid]!.id
      if (v === id) return mid
      if (v < id) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }
}

class Changes {
  readonly created = new Map<SimEntity, Set<number>>()
  readonly updated = new Map<SimEntity, Set<number>>()
  readonly deleted = new Map<SimEntity, Set<number>>()

  private set(map: Map<SimEntity, Set<number>>, entity: SimEntity): Set<number> {
    let s = map.get(entity)
    if (!s) map.set(entity, (s = new Set()))
    return s
  }

  create(entity: SimEntity, id: number): void {
    this.set(this.created, entity).add(id)
  }

  update(entity: SimEntity, id: number): void {
    if (!this.created.get(entity)?.has(id)) this.set(this.updated, entity).add(id)
  }

  delete(entity: SimEntity, id: number): void {
    if (this.created.get(entity)?.delete(id)) return
    this.updated.get(entity)?.delete(id)
    this.set(this.deleted, entity).add(id)
  }

  summary(from: number, to: number): AdvanceSummary {
    const out = (map: Map<SimEntity, Set<number>>) => {
      const result: Partial<Record<SimEntity, number[]>> = {}
      for (const entity of SIM_ENTITIES) {
        const ids = map.get(entity)
        if (ids && ids.size > 0) result[entity] = [...ids].sort((a, b) => a - b)
      }
      return result
    }
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      created: out(this.created),
      updated: out(this.updated),
      deleted: out(this.deleted),
    }
  }
}

interface Bucket {
  events: WorldEvent[]
  sorted: boolean
}

const byTime = (a: WorldEvent, b: WorldEvent) => a.at - b.at || a.order - b.order

/**
 * A seeded, clock-driven Dutch MSP. Each Amsterdam calendar day's tickets are planned whole (every status change,
 * note, time entry and survey as a timed event) from that day's own random stream; events are revealed in
 * (time, generation order), and ids are handed out at reveal, so ids ascend with creation time and the world at an
 * instant does not depend on how the clock got there.
 */
export function createSimWorld(options: SimWorldOptions): EditableWorld {
  const size = SIZES[options.size]
  if (!size) throw new Error(`unknown simulator size "${options.size}"`)
  const anchor = Date.parse(options.now)
  if (Number.isNaN(anchor)) throw new Error(`simulator clock "${options.now}" is not an ISO instant`)
  const seed = options.seed >>> 0
  const startDay = localDay(anchor) - size.historyDays
  const roster = makeRoster(seed, size, startDay, localDay(anchor))
  const ctx: DayContext = { seed, size, roster, startDay, schedule: new Schedule(seed) }
  const business = makeBusiness({ ...ctx, anchorDay: localDay(anchor) })

  const tables = new Map<SimEntity, Table>(SIM_ENTITIES.map((e) => [e, new Table()]))
  const table = (entity: SimEntity) => tables.get(entity)!
  for (const [entity, rows] of Object.entries({ ...roster.initial, ...business.initial }))
    table(entity as SimEntity).rows = rows
  const nextId = new Map<SimEntity, number>(
    Object.entries({ ...FIRST_ID, ...business.nextIds }) as [SimEntity, number][],
  )
  const buckets = new Map<number, Bucket>()
  let generatedThrough = startDay - 1
  let processedBucket = Math.floor(localToUtc(startDay, 0) / DAY)
  let clock = localToUtc(startDay, 0) - 1
  /** While the history is built nobody holds a record, so patches may be applied in place. */
  let live = false
  let changes: Changes | null = null
  const listeners = new Set<(change: WorldChange) => void>()
  /** When and by whom the save being applied was made, for watchers. */
  let saveAt = 0
  let saveBy: number | null = null
  const manualTicketsPerDay = new Map<number, number>()

  const notify = (
    entity: SimEntity,
    action: WorldChange['action'],
    before: ApiRecord | null,
    after: ApiRecord | null,
  ) => {
    if (!live || listeners.size === 0) return
    const change: WorldChange = { entity, action, id: (after ?? before)!.id, before, after, at: saveAt, by: saveBy }
    for (const listener of listeners) listener(change)
  }

  const allocate = (entity: SimEntity): number => {
    const id = nextId.get(entity)!
    nextId.set(entity, id + 1)
    return id
  }

  const insert = (entity: SimEntity, rec: ApiRecord): void => {
    table(entity).writable().push(rec)
    changes?.create(entity, rec.id)
    notify(entity, 'Create', null, rec)
  }

  const patch = (entity: SimEntity, id: number, p: Patch): ApiRecord | null => {
    const t = table(entity)
    const i = t.indexOf(id)
    if (i < 0) return null
    const cur = t.rows[i]!
    if (!live) return Object.assign(cur, p)
    const next = { ...cur, ...p }
    t.writable()[i] = next
    changes?.update(entity, id)
    notify(entity, 'Update', cur, next)
    return next
  }

  const remove = (entity: SimEntity, id: number): ApiRecord | null => {
    const t = table(entity)
    const i = t.indexOf(id)
    if (i < 0) return null
    const [gone] = t.writable().splice(i, 1)
    changes?.delete(entity, id)
    notify(entity, 'Delete', gone!, null)
    return gone!
  }

  const touchTicket = (plan: TicketPlan, child: ApiRecord, resource: number | null, customerVisible: boolean): void => {
    const stamp = String(child.createDateTime)
    const p: Patch = {
      lastActivityDate: stamp,
      lastActivityResourceID: resource,
      lastActivityPersonType: resource === null ? 2 : 1,
    }
    if (customerVisible) p.lastCustomerVisibleActivityDateTime = stamp
    patch('Tickets', plan.id, p)
  }

  const apply = (e: WorldEvent): void => {
    saveAt = e.at
    saveBy = e.kind === 'childDelete' || e.kind === 'ticketDelete' ? e.deletedBy : null
    switch (e.kind) {
      case 'insert':
        insert(e.entity, e.record)
        return
      case 'edit': {
        const cur = table(e.entity).rows[table(e.entity).indexOf(e.record.id)]
        if (!cur) return
        const p = e.apply(cur)
        const stamp = iso(e.at)
        for (const field of EDIT_STAMPS[e.entity] ?? []) p[field] = stamp
        patch(e.entity, cur.id, p)
        return
      }
      case 'ticket': {
        const plan = e.plan
        plan.id = allocate('Tickets')
        plan.rec.id = plan.id
        insert('Tickets', plan.rec)
        if (plan.sla) {
          plan.sla.id = allocate('ServiceLevelAgreementResults')
          plan.sla.ticketID = plan.id
          insert('ServiceLevelAgreementResults', plan.sla)
        }
        return
      }
      case 'step': {
        if (e.plan.id <= 0) return
        patch('Tickets', e.plan.id, e.ticket)
        if (e.sla && e.plan.sla) patch('ServiceLevelAgreementResults', e.plan.sla.id, e.sla)
        return
      }
      case 'note':
      case 'time': {
        const plan = e.plan
        if (plan && plan.id <= 0) return
        const entity = e.kind === 'note' ? 'TicketNotes' : 'TimeEntries'
        const r = e.record
        r.id = allocate(entity)
        if (plan) r.ticketID = plan.id
        const resource = (e.kind === 'note' ? r.creatorResourceID : r.resourceID) as number | null
        saveBy = resource
        insert(entity, r)
        if (plan) {
          touchTicket(plan, r, resource, e.kind === 'note' && r.publish === PUBLISH.all)
        }
        return
      }
      case 'timeEdit':
        if (e.record.id > 0) patch('TimeEntries', e.record.id, e.patch)
        return
      case 'childDelete': {
        const plan = e.plan
        const note = e.record.noteType !== undefined
        const gone = remove(note ? 'TicketNotes' : 'TimeEntries', e.record.id)
        if (!gone || !plan) return
        const ticket = table('Tickets').rows[table('Tickets').indexOf(plan.id)]
        const stamp = iso(e.at)
        insert('DeletedTicketActivityLogs', {
          id: allocate('DeletedTicketActivityLogs'),
          activityDateTime: note ? gone.createDateTime : gone.startDateTime,
          createdByResourceID: note ? gone.creatorResourceID : gone.resourceID,
          deletedByResourceID: e.deletedBy,
          deletedDateTime: stamp,
          endDateTime: note ? null : gone.endDateTime,
          hoursWorked: note ? null : gone.hoursWorked,
          noteOrAttachmentTitle: note ? gone.title : null,
          startDateTime: note ? null : gone.startDateTime,
          ticketID: plan.id,
          ticketNumber: ticket?.ticketNumber ?? plan.rec.ticketNumber,
          typeID: note ? DELETED_ACTIVITY_TYPE.note : DELETED_ACTIVITY_TYPE.timeEntry,
          userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
        })
        return
      }
      case 'survey': {
        if (e.plan.id <= 0) return
        const r = e.record
        r.id = allocate('SurveyResults')
        r.ticketID = e.plan.id
        insert('SurveyResults', r)
        return
      }
      case 'create': {
        const r = e.record
        r.id = allocate(e.entity)
        e.fill?.(r)
        insert(e.entity, r)
        return
      }
      case 'remove':
        if (e.record.id > 0) remove(e.entity, e.record.id)
        return
      case 'ticketDelete': {
        const plan = e.plan
        const gone = remove('Tickets', plan.id)
        if (!gone) return
        if (plan.sla) remove('ServiceLevelAgreementResults', plan.sla.id)
        for (const child of plan.children ?? []) {
          if (child.id > 0) remove(child.noteType !== undefined ? 'TicketNotes' : 'TimeEntries', child.id)
        }
        insert('DeletedTicketLogs', {
          id: allocate('DeletedTicketLogs'),
          deletedByResourceID: e.deletedBy,
          deletedDateTime: iso(e.at),
          ticketID: gone.id,
          ticketNumber: gone.ticketNumber,
          ticketTitle: gone.title,
          userDefinedFields: NO_UDFS as ApiRecord['userDefinedFields'],
        })
        plan.id = -plan.id
        return
      }
    }
  }

  const generate = (day: number): void => {
    // The desk's day first: project work is booked into the gaps its tickets left.
    for (const e of [...generateDay(ctx, day), ...business.eventsFor(day)]) {
      const key = Math.floor(e.at / DAY)
      const b = buckets.get(key)
      if (b) {
        b.events.push(e)
        b.sorted = false
      } else buckets.set(key, { events: [e], sorted: false })
    }
    generatedThrough = day
  }

  const revealThrough = (until: number): void => {
    const last = Math.floor(until / DAY)
    for (; processedBucket <= last; processedBucket++) {
      const b = buckets.get(processedBucket)
      if (!b) continue
      if (!b.sorted) {
        b.events.sort(byTime)
        b.sorted = true
      }
      let i = 0
      while (i < b.events.length && b.events[i]!.at <= until) apply(b.events[i++]!)
      if (i === b.events.length) buckets.delete(processedBucket)
      else {
        b.events = b.events.slice(i)
        break
      }
    }
    clock = until
  }

  /** Generates each day only once the clock reaches it, revealing what is due before making the next one. */
  const moveTo = (target: number): void => {
    const targetDay = localDay(target)
    while (generatedThrough < targetDay) {
      generate(generatedThrough + 1)
      revealThrough(Math.min(target, localToUtc(generatedThrough + 1, 0) - 1))
    }
    revealThrough(target)
  }

  moveTo(anchor)
  live = true

  const get = (entity: SimEntity, id: number): ApiRecord | undefined => {
    const t = table(entity)
    const i = t.indexOf(id)
    return i < 0 ? undefined : t.rows[i]
  }

  /** A save made by hand at the current clock: watchers see it, and the next advance's summary counts it. */
  const byHand = <T>(by: number, save: () => T): T => {
    if (!Number.isInteger(by) || !get('Resources', by)) throw new Error(`there is no resource ${by} to make the change`)
    saveAt = clock
    saveBy = by
    changes ??= new Changes()
    return save()
  }

  const checkRequired = (entity: SimEntity, record: ApiRecord): void => {
    for (const field of FIELDS[entity]) {
      if (field.isRequired && record[field.name] == null) throw new Error(`${entity}.${field.name} is required`)
    }
  }

  const touchByHand = (note: ApiRecord, by: number): void => {
    const stamp = iso(clock)
    const p = ticketActivity(stamp, by)
    if (note.publish === PUBLISH.all) p.lastCustomerVisibleActivityDateTime = stamp
    patch('Tickets', note.ticketID as number, p)
  }

  return {
    options,
    now: () => new Date(clock),
    records(entity) {
      const t = table(entity)
      t.shared = true
      return t.rows
    },
    get,
    fields: (entity): readonly FieldInfo[] => FIELDS[entity],
    udfs: (entity): readonly UdfInfo[] => UDFS[entity],
    info: (entity) => entityInfo(entity),
    advance(ms) {
      if (!(ms >= 0)) throw new Error(`advance needs a non-negative number of ms, got ${ms}`)
      const from = clock
      changes ??= new Changes()
      moveTo(clock + ms)
      const summary = changes.summary(from, clock)
      changes = null
      return summary
    },
    edit(entity, id, fields, by) {
      if (!MANUAL_STAMPS[entity]) {
        throw new Error(`the simulator edits ${Object.keys(MANUAL_STAMPS).join(', ')} by hand, not ${entity}`)
      }
      const current = get(entity, id)
      if (!current) throw new Error(`there is no ${entity} record ${id}`)
      const p = checkedPatch(entity, FIELDS[entity], fields, {
        known: UDFS[entity],
        current: current.userDefinedFields,
      })
      if (Object.keys(p).length === 0) throw new Error('nothing to change: no fields given')
      return byHand(by, () => {
        const next = patch(entity, id, { ...saveStamps(entity, current, p, clock, by), ...p })!
        if (entity === 'TicketNotes') touchByHand(next, by)
        return next
      })
    },
    create(entity, fields, by) {
      const p = checkedPatch(entity, FIELDS[entity], fields, { known: UDFS[entity], current: [] })
      const day = localDay(clock)
      let record: ApiRecord
      if (entity === 'Tickets') {
        if (p.companyID != null && !get('Companies', p.companyID as number)) {
          throw new Error(`there is no company ${String(p.companyID)}`)
        }
        const sameDay = manualTicketsPerDay.get(day) ?? 0
        record = manualTicket(FIELDS.Tickets, p, { at: clock, by, sameDay, companies: table('Companies').rows })
        checkRequired(entity, record)
      } else if (entity === 'TicketNotes') {
        if (!get('Tickets', p.ticketID as number)) throw new Error(`there is no ticket ${String(p.ticketID)}`)
        record = manualNote(FIELDS.TicketNotes, p, { at: clock, by })
        checkRequired(entity, record)
      } else {
        throw new Error(`the simulator creates Tickets and TicketNotes by hand, not ${String(entity)}`)
      }
      return byHand(by, () => {
        record.id = allocate(entity)
        if (entity === 'Tickets') manualTicketsPerDay.set(day, (manualTicketsPerDay.get(day) ?? 0) + 1)
        insert(entity, record)
        if (entity === 'TicketNotes') touchByHand(record, by)
        return record
      })
    },
    watch(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
