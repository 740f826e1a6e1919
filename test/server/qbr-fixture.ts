import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { fixtureDb, type Fixture } from '../kpi/fixture.js'

// Bakkerij Jansen (company 12), the client of the QBR tests: a handful of tickets over 2026-Q2 and 2026-Q3, their
// SLA results, surveys with comments, time entries and a block of 40 prepaid hours. Company 13 (Slagerij Pieters)
// has one of each too, which must never show in Bakkerij Jansen's review. Amsterdam is on summer time (UTC+2)
// throughout: 2026-06-30T22:30Z is 1 July 00:30 local, in Q3.

export const QBR_NOW = '2026-10-05T08:00:00.000Z'
export const JANSEN = 12

const udf = (fields: Record<string, string>) => JSON.stringify(fields)

export const QBR_FIXTURE: Fixture = {
  companies: [
    { id: 12, name: 'Bakkerij Jansen' },
    { id: 13, name: 'Slagerij Pieters' },
  ],
  contacts: [{ id: 40, company_id: 12, first_name: 'Anna', last_name: 'Jansen' }],
  contracts: [
    {
      id: 501,
      company_id: 12,
      name: 'Strippenkaart 40 uur',
      contract_type: 4,
      status: 1,
      start_date: '2026-05-01',
      end_date: '2027-04-30',
      udf: udf({ 'Hours Purchased': '40' }),
    },
    { id: 502, company_id: 12, name: 'Managed Werkplek', contract_type: 7, status: 1, start_date: '2026-01-01' },
  ],
  tickets: [
    // Q3: created 101-105 and 109; completed 101, 102, 103, 106, 109.
    {
      id: 101,
      company_id: 12,
      contact_id: 40,
      priority: 1,
      urgency: 2,
      issue_type: 10,
      sub_issue_type: 100,
      contract_id: 501,
      created_at: '2026-07-06T08:00:00.000Z',
      state: 'complete',
      completed_at: '2026-07-07T10:00:00.000Z',
      sla_met: 1,
    },
    {
      id: 102,
      company_id: 12,
      contact_id: 40,
      priority: 2,
      urgency: 3,
      issue_type: 10,
      sub_issue_type: 100,
      contract_id: 501,
      created_at: '2026-07-20T09:00:00.000Z',
      state: 'complete',
      completed_at: '2026-07-21T09:00:00.000Z',
      sla_met: 0,
    },
    {
      id: 103,
      company_id: 12,
      priority: 2,
      urgency: 3,
      issue_type: 10,
      sub_issue_type: 100,
      created_at: '2026-08-10T09:00:00.000Z',
      state: 'complete',
      completed_at: '2026-08-12T09:00:00.000Z',
      sla_met: 1,
    },
    {
      id: 104,
      company_id: 12,
      priority: 4,
      urgency: 1,
      issue_type: 20,
      created_at: '2026-09-15T09:00:00.000Z',
      status: 1,
      state: 'open',
    },
    {
      id: 105,
      company_id: 12,
      priority: 3,
      urgency: 4,
      issue_type: 20,
      created_at: '2026-09-30T21:30:00.000Z', // 23:30 local on the quarter's last day
      state: 'complete',
      completed_at: '2026-10-02T08:00:00.000Z',
      sla_met: 1,
    },
    {
      id: 106,
      company_id: 12,
      contact_id: 40,
      priority: 2,
      urgency: 3,
      issue_type: 10,
      sub_issue_type: 100,
      created_at: '2026-06-10T09:00:00.000Z',
      state: 'complete',
      completed_at: '2026-07-02T09:00:00.000Z',
      sla_met: 1,
    },
    {
      id: 109,
      company_id: 12,
      priority: 3,
      urgency: 4,
      issue_type: 30,
      created_at: '2026-06-30T22:30:00.000Z', // 1 July 00:30 local
      state: 'complete',
      completed_at: '2026-07-01T09:00:00.000Z',
    },
    // Q2: created 106-108; completed 107, 108.
    {
      id: 107,
      company_id: 12,
      priority: 2,
      urgency: 3,
      issue_type: 20,
      created_at: '2026-05-04T09:00:00.000Z',
      state: 'complete',
      completed_at: '2026-05-05T09:00:00.000Z',
      sla_met: 0,
    },
    {
      id: 108,
      company_id: 12,
      priority: 1,
      urgency: 2,
      issue_type: 10,
      sub_issue_type: 100,
      created_at: '2026-04-14T09:00:00.000Z',
      state: 'complete',
      completed_at: '2026-04-15T09:00:00.000Z',
      sla_met: 1,
    },
    {
      id: 201,
      company_id: 13,
      priority: 4,
      urgency: 1,
      issue_type: 10,
      created_at: '2026-07-06T08:00:00.000Z',
      state: 'complete',
      completed_at: '2026-07-06T12:00:00.000Z',
      sla_met: 0,
    },
  ],
  sla: [
    { id: 1, ticket_id: 101, first_response_met: 1, resolution_met: 1 },
    { id: 2, ticket_id: 102, first_response_met: 1, resolution_met: 0 },
    { id: 3, ticket_id: 103, first_response_met: 1, resolution_met: 1 },
    { id: 4, ticket_id: 106, first_response_met: 1, resolution_met: 1 },
    { id: 5, ticket_id: 201, first_response_met: 0, resolution_met: 0 },
  ],
  surveys: [
    { id: 1, company_id: 12, ticket_id: 101, contact_id: 40, rating: 5, completed_at: '2026-07-08T10:00:00.000Z' },
    { id: 2, company_id: 12, ticket_id: 102, contact_id: 40, rating: 2, completed_at: '2026-07-22T10:00:00.000Z' },
    { id: 3, company_id: 12, ticket_id: 103, rating: 4, completed_at: '2026-08-13T10:00:00.000Z' },
    { id: 4, company_id: 12, ticket_id: 106, contact_id: 40, rating: 1, completed_at: '2026-07-03T10:00:00.000Z' },
    { id: 5, company_id: 12, ticket_id: 108, rating: 5, completed_at: '2026-04-16T10:00:00.000Z' },
    { id: 6, company_id: 12, ticket_id: 107, rating: 4, completed_at: '2026-05-06T10:00:00.000Z' },
    { id: 7, company_id: 13, ticket_id: 201, rating: 1, completed_at: '2026-07-07T10:00:00.000Z' },
  ],
  notes: [
    {
      id: 1,
      ticket_id: 101,
      note_type: 31,
      description: 'Snel opgelost, dank!',
      created_at: '2026-07-08T10:01:00.000Z',
    },
    {
      id: 2,
      ticket_id: 102,
      note_type: 31,
      description: 'Took two days to fix our mail.',
      created_at: '2026-07-22T10:01:00.000Z',
    },
    {
      id: 3,
      ticket_id: 106,
      note_type: 31,
      description: 'Nobody called us back.',
      created_at: '2026-07-03T10:01:00.000Z',
    },
    {
      id: 4,
      ticket_id: 201,
      note_type: 31,
      description: 'Pieters is unhappy.',
      created_at: '2026-07-07T10:01:00.000Z',
    },
  ],
  entries: [
    { id: 1, ticket_id: 101, contract_id: 501, date_worked: '2026-07-06', hours_worked: 2, hours_to_bill: 2 },
    // Billed under 501 through its ticket.
    { id: 2, ticket_id: 102, date_worked: '2026-07-20', hours_worked: 3, hours_to_bill: 2.5 },
    { id: 3, ticket_id: 103, contract_id: 502, date_worked: '2026-08-10', hours_worked: 1.5, non_billable: 1 },
    // No ticket: the client is the contract's.
    { id: 4, contract_id: 501, date_worked: '2026-09-01', hours_worked: 4 },
    { id: 5, ticket_id: 108, contract_id: 501, date_worked: '2026-05-10', hours_worked: 6, hours_to_bill: 6 },
    { id: 6, contract_id: 501, date_worked: '2026-10-02', hours_worked: 5 },
    { id: 7, ticket_id: 201, date_worked: '2026-07-06', hours_worked: 8 },
    { id: 8, ticket_id: 104, date_worked: '2026-09-15', hours_worked: 0.5 },
  ],
  picklists: [
    { entity: 'Tickets', field: 'issueType', value: '10', label: 'Email' },
    { entity: 'Tickets', field: 'issueType', value: '20', label: 'Network' },
    { entity: 'Tickets', field: 'issueType', value: '30', label: 'Printing' },
    { entity: 'Tickets', field: 'subIssueType', value: '100', label: 'Outlook' },
    { entity: 'Contracts', field: 'contractType', value: '4', label: 'Block Hours' },
    { entity: 'Contracts', field: 'contractType', value: '7', label: 'Recurring Service' },
  ],
}

export async function qbrDb() {
  return fixtureDb(QBR_FIXTURE)
}

/** SmileBack connected (its first sync done) with three reviews of Bakkerij Jansen in August 2026. */
export async function connectSmileBack(db: Kysely<Database>): Promise<void> {
  await db.insertInto('sync_state').values({ psa: 'smileback', entity: 'Reviews', full_done: 1 }).execute()
  const review = (id: number, rating: -1 | 0 | 1, comment: string | null, ratedOn: string) => ({
    id,
    psa: 'smileback',
    rating,
    comment,
    status: null,
    rated_on: ratedOn,
    last_modified: ratedOn,
    ticket_id: 103,
    company_id: JANSEN,
    contact_name: 'Anna Jansen',
    synced_at: ratedOn,
  })
  await db
    .insertInto('smileback_review')
    .values([
      review(1, -1, 'Slow answer on the printer.', '2026-08-01T10:00:00.000Z'),
      review(2, 1, 'Great help, thanks.', '2026-08-02T10:00:00.000Z'),
      review(3, 0, null, '2026-08-03T10:00:00.000Z'),
    ])
    .execute()
}
