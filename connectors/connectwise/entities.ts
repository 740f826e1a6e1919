import type { RawTable } from '../../db/schema.js'
import type { PicklistRow } from '../../db/store.js'
import type { RecordReader } from '../autotask/parse.js'
import {
  agreementRow,
  companyRow,
  contactRow,
  contractKindLabels,
  isApiMember,
  labelsOf,
  type MapContext,
  memberRow,
  surveyResultRow,
  surveyRow,
  TICKET_LABELS,
  TIME_ENTRY_LABELS,
  ticketRow,
  timeEntryRow,
} from './map.js'
import { BUSINESS_ENTITIES } from './entities-business.js'
import { companyTeams, type PageCompletion, type RelatedReads } from './related.js'

// What roleboard reads from ConnectWise, endpoint by endpoint: where each lands, how its labels are gathered and
// how deletions are found. Every entity is read incrementally by `lastUpdated`; a ticket's notes ride along with it.

export interface ConnectWiseEntity {
  /** The name in sync_state, sync results and request counts. */
  name: string
  /** The list endpoint under `apis/3.0/`; with `parents`, one parent's list, its id in place of `{parent}`. */
  path: string
  /** Read per row of this stored table (a survey's results), the parents read in an earlier pass. */
  parents?: RawTable
  table: RawTable
  /** The row of one record; null leaves the record out (an API member). */
  row: (record: RecordReader, context: MapContext) => Record<string, unknown> | null
  /** Labels named by one record's references. */
  labels?: (record: RecordReader) => PicklistRow[]
  /** Labels written with every pass, whatever the records. */
  fixedLabels?: () => PicklistRow[]
  /** Facts of its records read from other endpoints (a company's team), made once per pass. */
  related?: (reads: RelatedReads) => PageCompletion
  /**
   * Deletions are found by an id scan (ConnectWise has no deletion log): over every record, or over those whose
   * `field` lies in the recent window (`column` the local column holding it); absent, deletions are not looked for.
   */
  deletionScan?: 'all' | { field: string; column: string }
}

export const TICKETS = 'Tickets'
export const TICKET_NOTES = 'TicketNotes'

// Members first: tickets name their creator and closer by member identifier, read from the stored members.
export const CONNECTWISE_ENTITIES: readonly ConnectWiseEntity[] = [
  {
    name: 'Members',
    path: 'system/members',
    table: 'resource',
    row: (r) => (isApiMember(r) ? null : memberRow(r)),
    deletionScan: 'all',
  },
  {
    name: 'Companies',
    path: 'company/companies',
    table: 'company',
    row: companyRow,
    related: companyTeams,
    deletionScan: 'all',
  },
  { name: 'Contacts', path: 'company/contacts', table: 'contact', row: contactRow, deletionScan: 'all' },
  {
    name: 'Agreements',
    path: 'finance/agreements',
    table: 'contract',
    row: agreementRow,
    fixedLabels: contractKindLabels,
    deletionScan: 'all',
  },
  {
    name: TICKETS,
    path: 'service/tickets',
    table: 'ticket',
    row: ticketRow,
    labels: (r) => labelsOf(r, TICKET_LABELS),
    deletionScan: 'all',
  },
  {
    name: 'TimeEntries',
    path: 'time/entries',
    table: 'time_entry',
    row: timeEntryRow,
    labels: (r) => labelsOf(r, TIME_ENTRY_LABELS),
    // Time is deleted while it is recent (a wrong entry corrected); years of it are not scanned every hour.
    deletionScan: { field: 'timeStart', column: 'start_at' },
  },
  // ConnectWise's own surveys (an MSP using SmileBack has its reviews synced by the SmileBack connector instead).
  { name: 'Surveys', path: 'service/surveys', table: 'survey', row: surveyRow, deletionScan: 'all' },
  // Results are kept once given; there is no global list of them, only each survey's.
  {
    name: 'SurveyResults',
    path: 'service/surveys/{parent}/results',
    parents: 'survey',
    table: 'survey_result',
    row: surveyResultRow,
  },
  ...BUSINESS_ENTITIES,
]
