import { describe, expect, test } from 'vitest'
import { findKpi } from '../../kpi-library/engine.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { evaluateAt, type Fixture, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

// The rules every service-desk KPI shares, each in one helper (kpi-library/sql.ts, time.ts): monitoring
// alerts, "open", "completed" and "the last N days". Expected values are worked out by hand in the comments.

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 CET

const ids = (result: KpiResult) => (result.kind === 'list' ? result.rows.map((row) => row.ticketId) : null)

describe('monitoring alerts (kind alert)', () => {
  // Every ticket here qualifies for the lists below by its own fields; the ones of kind alert are alerts.
  const alert = { kind: 'alert' as const }
  // Assigned to 8, answered, active an hour ago: on none of the lists unless a line below says otherwise.
  const quiet = {
    assigned_resource_id: 8,
    first_response_at: '2026-01-05T09:30:00.000Z',
    last_activity_at: '2026-03-04T09:00:00.000Z',
  }
  const fixture: Fixture = {
    resources: [
      { id: 7, first_name: 'Daan', last_name: 'Visser' },
      { id: 8, first_name: 'Eva', last_name: 'Mulder' },
    ],
    tickets: [
      // open, unassigned for 3 hours, no first response, Critical, idle 4 days, due today
      {
        id: 1,
        status: 1,
        state: 'open',
        priority: 4,
        urgency: 1,
        created_at: '2026-03-04T07:00:00.000Z',
        last_activity_at: '2026-02-28T10:00:00.000Z',
      },
      {
        id: 2,
        status: 1,
        state: 'open',
        priority: 4,
        urgency: 1,
        created_at: '2026-03-04T07:00:00.000Z',
        last_activity_at: '2026-02-28T10:00:00.000Z',
        ...alert,
      },
      // assigned to 7, past its SLA, no resolution plan, due today, idle 4 days
      {
        id: 3,
        status: 8,
        state: 'open',
        priority: 1,
        urgency: 2,
        assigned_resource_id: 7,
        created_at: '2026-03-02T09:00:00.000Z',
        first_response_at: '2026-03-02T09:30:00.000Z',
        resolved_due_at: '2026-03-03T16:00:00.000Z',
        resolution_plan_due_at: '2026-03-03T12:00:00.000Z',
        due_at: '2026-03-04T15:00:00.000Z',
        last_activity_at: '2026-02-28T10:00:00.000Z',
      },
      {
        id: 4,
        status: 8,
        state: 'open',
        priority: 1,
        urgency: 2,
        assigned_resource_id: 7,
        created_at: '2026-03-02T09:00:00.000Z',
        first_response_at: '2026-03-02T09:30:00.000Z',
        resolved_due_at: '2026-03-03T16:00:00.000Z',
        resolution_plan_due_at: '2026-03-03T12:00:00.000Z',
        due_at: '2026-03-04T15:00:00.000Z',
        last_activity_at: '2026-02-28T10:00:00.000Z',
        ...alert,
      },
      // Daan's, resolution due in one business hour
      {
        id: 5,
        status: 8,
        state: 'open',
        ...quiet,
        assigned_resource_id: 7,
        resolved_due_at: '2026-03-04T11:00:00.000Z',
      },
      {
        id: 6,
        status: 8,
        state: 'open',
        ...quiet,
        assigned_resource_id: 7,
        resolved_due_at: '2026-03-04T11:00:00.000Z',
        ...alert,
      },
      // RMM Resolved for a week
      { id: 7, status: 20, state: 'resolved', ...quiet, resolved_at: '2026-02-25T10:00:00.000Z' },
      { id: 8, status: 20, state: 'resolved', ...quiet, resolved_at: '2026-02-25T10:00:00.000Z', ...alert },
      // on hold past its due date; waiting on the customer for 10 business days
      { id: 9, status: 9, state: 'on_hold', ...quiet, due_at: '2026-03-02T10:00:00.000Z' },
      { id: 10, status: 9, state: 'on_hold', ...quiet, due_at: '2026-03-02T10:00:00.000Z', ...alert },
      { id: 11, status: 7, state: 'waiting_customer', ...quiet, last_activity_at: '2026-02-18T10:00:00.000Z' },
      {
        id: 12,
        status: 7,
        state: 'waiting_customer',
        ...quiet,
        last_activity_at: '2026-02-18T10:00:00.000Z',
        ...alert,
      },
      // resolved, then back in progress since Monday
      {
        id: 13,
        status: 8,
        state: 'open',
        ...quiet,
        resolved_at: '2026-02-27T10:00:00.000Z',
        last_activity_at: '2026-03-02T10:00:00.000Z',
      },
      {
        id: 14,
        status: 8,
        state: 'open',
        ...quiet,
        resolved_at: '2026-02-27T10:00:00.000Z',
        last_activity_at: '2026-03-02T10:00:00.000Z',
        ...alert,
      },
      // completed yesterday without any time entry
      { id: 15, state: 'complete', completed_at: '2026-03-03T10:00:00.000Z' },
      { id: 16, state: 'complete', completed_at: '2026-03-03T10:00:00.000Z', ...alert },
    ],
  }

  // Human action lists: alerts left out unless includeAlerts; with it, the alert twin joins.
  type ListCase = [id: string, person: number[], both: number[], me?: number]
  const lists: ListCase[] = [
    ['tickets_unassigned', [1], [1, 2]],
    ['no_first_response', [1], [1, 2]],
    ['critical_not_picked_up_15m', [1], [1, 2]],
    ['tickets_stale', [1, 3], [1, 2, 3, 4]],
    ['high_priority_idle_2h', [1, 3], [1, 2, 3, 4]],
    ['resolved_not_closed', [7], [7, 8]],
    ['on_hold_past_due', [9], [9, 10]],
    ['waiting_customer_over_5d', [11], [11, 12]],
    ['reopened_this_week', [13], [13, 14]],
    ['tickets_completed_without_time', [15], [15, 16]],
    ['my_due_today', [3], [3, 4], 7],
    ['my_next_tickets', [3, 5], [3, 4, 5, 6], 7],
  ]

  // The SLA lists read the tickets' SLA due times.
  const slaLists: ListCase[] = [
    ['sla_breached_open', [3], [3, 4]],
    ['resolution_plan_overdue', [3], [3, 4]],
    ['sla_at_risk_2h', [5], [5, 6]],
  ]

  const leavesAlertsOut = async (...[id, person, both, me]: ListCase) => {
    const db = await kpiDb(fixture)
    const options = me === undefined ? {} : { me }
    const kpi = findKpi(id)!
    expect(kpi.params.includeAlerts).toMatchObject({ type: 'boolean', default: false })
    expect(`${kpi.description.en} ${kpi.description.nl}`).toMatch(/alerts[^]*alerts/)
    expect(ids(await evaluateAt(db, id, NOW, options))).toEqual(person)
    expect(ids(await evaluateAt(db, id, NOW, { ...options, params: { includeAlerts: true } }))).toEqual(both)
  }
  test.each(lists)('%s leaves alerts out by default and counts them with includeAlerts', leavesAlertsOut)
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes)).each(slaLists)(
    '%s leaves alerts out by default and counts them with includeAlerts',
    leavesAlertsOut,
  )

  test('counts of tickets count alerts by default (as Open tickets does) and can leave them out', async () => {
    // Open (status not Complete): 1-14 = 14, 7 of them alerts. Completed today: none. Created today: 1, 2.
    const db = await kpiDb(fixture)
    for (const [id, all, people] of [
      ['tickets_open', 14, 7],
      ['open_by_priority', 14, 7],
      ['tickets_created_today', 2, 1],
      ['tickets_completed_today', 0, 0],
    ] as const) {
      expect(findKpi(id)!.params.includeAlerts).toMatchObject({ default: true })
      expect(await evaluateAt(db, id, NOW)).toMatchObject({ value: all })
      expect(await evaluateAt(db, id, NOW, { params: { includeAlerts: false } })).toMatchObject({ value: people })
    }
  })
})

describe('open and completed: one status rule', () => {
  const fixture: Fixture = {
    tickets: [
      { id: 1, status: 1, state: 'open' },
      { id: 2, status: 16, state: 'resolved' }, // Work Complete: resolved, not closed, still open
      { id: 3, status: 20, state: 'resolved' }, // RMM Resolved: the same
      { id: 4, state: 'complete', completed_at: '2026-03-04T08:00:00.000Z' }, // completed today
      { id: 5, status: 8, state: 'open', completed_at: '2026-03-04T08:30:00.000Z' }, // reopened after completing today: open, not completed
    ],
  }

  test('open = not complete; completed = complete with its completion in the window', async () => {
    // Open: 1, 2, 3, 5 = 4. Completed today: 4 only (5 is open again, whatever its old completion time says).
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'tickets_open', NOW)).toMatchObject({ value: 4 })
    expect(await evaluateAt(db, 'tickets_completed_today', NOW)).toMatchObject({ value: 1 })
    // The quality KPIs read resolved tickets that are not closed yet as resolved, and say so: Open tickets counts them as open.
    for (const id of ['resolved_not_closed', 'reopen_rate', 'reopened_this_week', 'tickets_open']) {
      expect(findKpi(id)!.description.en).toMatch(/resolved[^]*not (yet )?closed/)
      expect(findKpi(id)!.description.nl).toMatch(/opgelost[^]*niet gesloten/)
    }
  })
})

describe('"completed in the last 30 days" is one number on every tile', () => {
  // NOW Thursday 2026-04-02 11:00 CEST; 30 days back at the same local time is 2026-03-03 11:00 CET = 10:00Z (not
  // 09:00Z, which a fixed 720 h would give).
  const AT = '2026-04-02T09:00:00.000Z'
  const fixture: Fixture = {
    resources: [{ id: 7 }],
    tickets: [
      { id: 1, state: 'complete', completed_by_resource_id: 7, completed_at: '2026-03-03T09:30:00.000Z' }, // 10:30 CET: out
      { id: 2, state: 'complete', completed_by_resource_id: 7, completed_at: '2026-03-03T10:30:00.000Z' }, // in
      { id: 3, state: 'complete', completed_by_resource_id: 7, completed_at: '2026-03-20T10:00:00.000Z' }, // in
      {
        id: 4,
        state: 'complete',
        completed_by_resource_id: 7,
        completed_at: '2026-04-01T10:00:00.000Z',
        kind: 'alert',
      }, // in, an alert
      { id: 5, status: 8, state: 'open', completed_by_resource_id: 7, completed_at: '2026-03-25T10:00:00.000Z' }, // reopened: not completed
    ],
    entries: [
      { id: 1, ticket_id: 2, resource_id: 7, hours_worked: 1 },
      { id: 2, ticket_id: 4, resource_id: 7, hours_worked: 0.5 },
    ],
  }

  test('per technician, hours per ticket and the quality shares count the same tickets', async () => {
    // Completed in (03-03T10:00Z, AT]: 2, 3, 4 = 3 (alerts included); 2 and 3 without alerts; worked: 2 (and 4).
    const db = await kpiDb(fixture)
    expect((await evaluateAt(db, 'tickets_closed_per_tech', AT)).context).toMatch(
      /^3 tickets were completed in the last 30 days \(alerts included\)/,
    )
    // All completed tickets, alerts in: (1 + 0 + 0.5) / 3 = 0.5 h.
    const hours = await evaluateAt(db, 'hours_per_ticket', AT, { params: { includeAlerts: true } })
    expect(hours).toMatchObject({
      value: 0.5,
      context: '3 tickets completed in the last 30 days (alerts included) took 1.5 h, 0.5 h per ticket.',
    })
    // Without alerts: 2 and 3, 1 h over 2 = 0.5 h; with time logged, 2 only.
    expect(await evaluateAt(db, 'hours_per_ticket', AT)).toMatchObject({
      value: 0.5,
      context: '2 tickets completed in the last 30 days (alerts left out) took 1 h, 0.5 h per ticket.',
    })
    expect((await evaluateAt(db, 'single_tech_resolution', AT)).context).toBe(
      '100% of the 1 ticket completed in the last 30 days with time logged (alerts left out) had one technician (1).',
    )
  })

  test('the daily trend counts whole calendar days and says so', async () => {
    // Calendar days 03-04 .. 04-02 (local): 3 and 4 = 2; 2 was completed on 03-03, the day before the first. Its title
    // and window name calendar days, so the 2 here and the 3 "in the last 30 days" are not the same quantity.
    const db = await kpiDb(fixture)
    const trend = await evaluateAt(db, 'tickets_completed', AT)
    expect(trend).toMatchObject({ value: 2, title: 'Tickets completed, last 30 calendar days' })
    expect(trend.context).toBe(
      '2 tickets were completed on the last 30 calendar days (alerts included), 0.1 a day; 0 so far today.',
    )
  })
})

describe('CSAT: two different quantities say how they differ', () => {
  test('the strip’s rolling 30 days and the monthly trend name their windows, in both languages', async () => {
    // NOW 2026-03-04: the last 30 days hold the 2 of 02-20 and the 5 of 03-02 => 50%; this calendar month holds the 5 only
    // => 100%. Different numbers, and the titles and descriptions say why.
    const db = await kpiDb({
      surveys: [
        { id: 1, rating: 2, completed_at: '2026-02-20T12:00:00.000Z' },
        { id: 2, rating: 5, completed_at: '2026-03-02T12:00:00.000Z' },
      ],
    })
    const strip = await evaluateAt(db, 'csat_positive_30d', NOW)
    const monthly = await evaluateAt(db, 'csat_score', NOW)
    expect([strip.title, strip.kind !== 'list' && strip.value]).toEqual(['CSAT, last 30 days', 50])
    expect([monthly.title, monthly.kind !== 'list' && monthly.value]).toEqual([
      'CSAT per calendar month, this month so far',
      100,
    ])
    expect(findKpi('csat_score')!.description.en).toContain('CSAT, last 30 days')
    expect(findKpi('csat_score')!.description.nl).toContain('Klanttevredenheid, afgelopen 30 dagen')
    expect(findKpi('csat_positive_30d')!.description.en).toContain('CSAT per calendar month')
    expect(findKpi('csat_positive_30d')!.description.nl).toContain('Klanttevredenheid per kalendermaand')
  })
})

describe('"the last N days" is (the same local time N days ago, now], also in a DST week', () => {
  // NOW Tuesday 2026-03-31 12:00 CEST (10:00Z). Seven local days back is Tuesday 03-24 12:00 CET = 11:00Z; a fixed 168 h
  // would open at 10:00Z. Each fixture puts one record at 10:30Z (out) and one at 11:30Z (in).
  const AT = '2026-03-31T10:00:00.000Z'

  test('time_entry_lag counts only work that ended after 11:00Z', async () => {
    // In: the entry ending 11:30Z, entered 2 h later => 2 h. The one ending 10:30Z (entered 10 h later) is out.
    const db = await kpiDb({
      resources: [{ id: 1 }],
      entries: [
        { id: 1, resource_id: 1, end_at: '2026-03-24T10:30:00.000Z', created_at: '2026-03-24T20:30:00.000Z' },
        { id: 2, resource_id: 1, end_at: '2026-03-24T11:30:00.000Z', created_at: '2026-03-24T13:30:00.000Z' },
      ],
    })
    expect(await evaluateAt(db, 'time_entry_lag', AT)).toMatchObject({ value: 2 })
  })

  test('aged_over_30d and the backlog age mix agree on "older than 30 days" across the switch', async () => {
    // NOW 2026-04-02T09:00Z (11:00 CEST); 30 local days back is 03-03 11:00 CET = 10:00Z (720 h would be 09:00Z).
    // Created 09:30Z: more than 30 local days old (in both); created 10:30Z: not yet.
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, state: 'open', created_at: '2026-03-03T09:30:00.000Z' },
        { id: 2, status: 1, state: 'open', created_at: '2026-03-03T10:30:00.000Z' },
      ],
    })
    expect(ids(await evaluateAt(db, 'aged_over_30d', '2026-04-02T09:00:00.000Z'))).toEqual([1])
    expect(await evaluateAt(db, 'backlog_age_buckets', '2026-04-02T09:00:00.000Z')).toMatchObject({ value: 1 })
  })
})
