import type { ApiRecord } from '../store.js'

export type Patch = Record<string, unknown>

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
