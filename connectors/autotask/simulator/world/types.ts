import type { ApiRecord, SimEntity } from '../store.js'

export type Patch = Record<string, unknown>

/** What an event does when the clock passes it. */
export const K = {
  insert: 1, // a prepared static record (company, contact, contract) with its id
  edit: 2, // a static record changes: x is an Edit
  ticket: 3, // a ticket (and its SLA result) is created: ids are given now
  step: 4, // a ticket moves on: x is a StepPatch
  note: 5,
  time: 6,
  timeEdit: 7, // x is a Patch for the time entry r
  childDelete: 8, // r (a note or time entry of ticket p) is deleted by resource x
  survey: 9,
  ticketDelete: 10, // x is the deleting resource
  create: 11, // a record that gets its id when revealed: x is a Creation
  remove: 12, // the record r of entity x is deleted (no deletion log)
} as const

/** A record that appears with the next id of its entity; `fill` sets what refers to records revealed before it. */
export interface Creation {
  entity: SimEntity
  fill?: (record: ApiRecord) => void
}

export interface WorldEvent {
  t: number
  /** Tie-break among events at the same instant: generation order. */
  o: number
  k: number
  /** The record created, or whose id the event targets. */
  r: ApiRecord | null
  p: TicketPlan | null
  x: unknown
}

export interface Edit {
  entity: SimEntity
  apply: (current: ApiRecord) => Patch
}

export interface StepPatch {
  ticket: Patch
  sla: Patch | null
}

export interface TicketPlan {
  id: number
  rec: ApiRecord
  sla: ApiRecord | null
  /** Children made so far, kept only for tickets that will be deleted (their notes and time go with them). */
  children: ApiRecord[] | null
}

export type StaffRole = 'l1' | 'l2' | 'lead' | 'manager' | 'owner' | 'am' | 'finance' | 'consultant'

export interface Staff {
  id: number
  role: StaffRole
  roleID: number
  hireDay: number
  leftDay: number | null
  rec: ApiRecord
}

export interface ContactInfo {
  id: number
  companyId: number
  createdDay: number
  leftDay: number | null
  optOut: boolean
  english: boolean
  rec: ApiRecord
}

export interface ContractInfo {
  id: number
  companyId: number
  type: number
  startDay: number
  endDay: number
  sla: number
  isDefault: boolean
  rec: ApiRecord
}

export interface CompanyInfo {
  id: number
  createdDay: number
  customer: boolean
  weight: number
  servers: readonly string[]
  contacts: ContactInfo[]
  contracts: ContractInfo[]
  rec: ApiRecord
}
