import { fixtureDb } from '../kpi/fixture.js'

// A desk on Thursday 3 December 2026, 13:00 in Amsterdam, with tickets completed over the weeks, months and
// quarters before it, each met or missed its SLA: the drill-down tests work their windows out by hand from these.

export const DRILL_NOW = '2026-12-03T12:00:00.000Z'

export const BAKKERIJ = 1
export const GARAGE = 2
export const NOTARIS = 3
export const SANNE = 1
export const DAAN = 2
export const SERVICE_DESK = 8
export const PROJECTS = 9

const done = (
  id: number,
  completedAt: string,
  met: 0 | 1 | null,
  company: number,
  resource: number,
  queue: number,
  state = 'complete',
) => ({
  id,
  state,
  completed_at: completedAt,
  created_at: '2026-06-01T08:00:00.000Z',
  sla_met: met,
  company_id: company,
  assigned_resource_id: resource,
  queue_id: queue,
  title: `Ticket ${id}`,
})

/**
 * This week (Mon 30 Nov on): 1 met, 2 missed, 3 met, 9 without a verdict. Last week (23-29 Nov): 4 met, 5 missed, 8
 * missed (Sunday 23:30 local, 22:30 UTC). Earlier in November: 6 met. October: 11 met. Last quarter: 7 missed,
 * 12 met (1 July 12:00). 13 was completed at 23:30 local on 30 June: the quarter before. 10 is open.
 */
export function drillDb() {
  return fixtureDb({
    companies: [
      { id: BAKKERIJ, name: 'Bakkerij Jansen' },
      { id: GARAGE, name: 'Garage De Vries' },
      { id: NOTARIS, name: 'Notaris Bos' },
    ],
    resources: [
      { id: SANNE, first_name: 'Sanne', last_name: 'Visser' },
      { id: DAAN, first_name: 'Daan', last_name: 'Smit' },
    ],
    picklists: [
      { entity: 'Tickets', field: 'queueID', value: String(SERVICE_DESK), label: 'Service Desk' },
      { entity: 'Tickets', field: 'queueID', value: String(PROJECTS), label: 'Projects' },
    ],
    tickets: [
      done(1, '2026-12-01T09:00:00.000Z', 1, BAKKERIJ, SANNE, SERVICE_DESK),
      done(2, '2026-12-02T10:00:00.000Z', 0, GARAGE, DAAN, SERVICE_DESK),
      done(3, '2026-11-30T08:00:00.000Z', 1, GARAGE, SANNE, PROJECTS),
      done(4, '2026-11-25T10:00:00.000Z', 1, BAKKERIJ, DAAN, PROJECTS),
      done(5, '2026-11-27T10:00:00.000Z', 0, GARAGE, SANNE, SERVICE_DESK),
      done(6, '2026-11-10T10:00:00.000Z', 1, BAKKERIJ, SANNE, SERVICE_DESK),
      done(7, '2026-09-10T10:00:00.000Z', 0, GARAGE, DAAN, SERVICE_DESK),
      done(8, '2026-11-29T22:30:00.000Z', 0, BAKKERIJ, DAAN, SERVICE_DESK),
      done(9, '2026-11-29T23:30:00.000Z', null, BAKKERIJ, SANNE, SERVICE_DESK),
      done(10, '2026-12-02T09:00:00.000Z', 1, BAKKERIJ, SANNE, SERVICE_DESK, 'open'),
      done(11, '2026-10-15T10:00:00.000Z', 1, NOTARIS, DAAN, PROJECTS),
      done(12, '2026-07-01T10:00:00.000Z', 1, NOTARIS, SANNE, SERVICE_DESK),
      done(13, '2026-06-30T21:30:00.000Z', 1, NOTARIS, SANNE, SERVICE_DESK),
    ],
    // This week's survey results: 71 scored 5 on ticket 1; 72 scored 2, on no ticket, from Garage De Vries.
    surveys: [
      { id: 71, rating: 5, completed_at: '2026-12-01T10:00:00.000Z', ticket_id: 1, company_id: BAKKERIJ },
      { id: 72, rating: 2, completed_at: '2026-12-02T10:00:00.000Z', company_id: GARAGE },
    ],
  })
}
