import type { ApiRecord, SimEntity } from '../store.js'
import type { Patch, TicketPlan } from './types.js'

// What the world plans ahead: each event changes the tables when the clock passes `at`. Events stay in memory
// (never stored or sent), so their shape is free to change with the code that plans and applies them.

interface Timed {
  at: number
  /** Tie-break among events at the same instant: generation order. */
  order: number
}

/** A change to a static record (company, contact, ...), worked out from the record as it is then. */
export interface Edit {
  entity: SimEntity
  apply: (current: ApiRecord) => Patch
}

/** A prepared record that already has its id appears. */
export interface InsertEvent extends Timed {
  kind: 'insert'
  entity: SimEntity
  record: ApiRecord
}

export interface EditEvent extends Timed, Edit {
  kind: 'edit'
  record: ApiRecord
}

/** A record that gets the next id of its entity when revealed; `fill` sets what refers to records revealed earlier. */
export interface CreateEvent extends Timed {
  kind: 'create'
  entity: SimEntity
  record: ApiRecord
  fill?: (record: ApiRecord) => void
}

/** A record disappears without a deletion log. */
export interface RemoveEvent extends Timed {
  kind: 'remove'
  entity: SimEntity
  record: ApiRecord
}

/** A ticket (and its SLA result) is created: their ids are given now. */
export interface TicketEvent extends Timed {
  kind: 'ticket'
  plan: TicketPlan
}

/** A ticket moves on: its fields and its SLA result's fields change. */
export interface StepEvent extends Timed {
  kind: 'step'
  plan: TicketPlan
  ticket: Patch
  sla: Patch | null
}

export interface NoteEvent extends Timed {
  kind: 'note'
  plan: TicketPlan
  record: ApiRecord
}

/** A time entry; `plan` null is internal (non-ticket) time. */
export interface TimeEvent extends Timed {
  kind: 'time'
  plan: TicketPlan | null
  record: ApiRecord
}

export interface TimeEditEvent extends Timed {
  kind: 'timeEdit'
  record: ApiRecord
  patch: Patch
}

/** A note or time entry is deleted by a resource; on a ticket that leaves a deleted-activity log. */
export interface ChildDeleteEvent extends Timed {
  kind: 'childDelete'
  plan: TicketPlan | null
  record: ApiRecord
  deletedBy: number
}

export interface SurveyEvent extends Timed {
  kind: 'survey'
  plan: TicketPlan
  record: ApiRecord
}

/** A ticket is deleted with its SLA result, notes and time; a deleted-ticket log remains. */
export interface TicketDeleteEvent extends Timed {
  kind: 'ticketDelete'
  plan: TicketPlan
  deletedBy: number
}

export type WorldEvent =
  | InsertEvent
  | EditEvent
  | CreateEvent
  | RemoveEvent
  | TicketEvent
  | StepEvent
  | NoteEvent
  | TimeEvent
  | TimeEditEvent
  | ChildDeleteEvent
  | SurveyEvent
  | TicketDeleteEvent

type Unordered<E> = E extends WorldEvent ? Omit<E, 'order'> : never

/** An event as its planner writes it; the log numbers it. */
export type PlannedEvent = Unordered<WorldEvent>

/** Events in generation order: each gets the next number, which breaks ties among events at one instant. */
export class EventLog {
  private events: WorldEvent[] = []

  constructor(private order: number) {}

  push(event: PlannedEvent): void {
    this.events.push({ ...event, order: this.order++ })
  }

  /** Numbers the next events from `order` on. */
  restartAt(order: number): void {
    this.order = order
  }

  /** The events logged so far, handed over once. */
  take(): WorldEvent[] {
    const events = this.events
    this.events = []
    return events
  }
}

/** The first order number of the events planned while making `day`, so every day's events sort after the last's. */
export function firstOrderOf(day: number, startDay: number): number {
  return (day - startDay + 16) * 2 ** 22
}
