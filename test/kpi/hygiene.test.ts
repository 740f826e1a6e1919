import { describe, expect, test } from 'vitest'
import type { KpiResult } from '../../kpi-library/types.js'
import { evaluateAt, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 in Amsterdam (CET, UTC+1)

function rows(result: KpiResult): Array<Record<string, unknown>> {
  if (result.kind !== 'list') throw new Error(`${result.id} is not a list`)
  return result.rows
}

const ids = (result: KpiResult) => rows(result).map((row) => row.ticketId)

describe('tickets_stale', () => {
  const fixture = {
    companies: [{ id: 10, name: 'Bakker Installatietechniek B.V.' }],
    resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }],
    tickets: [
      {
        id: 1,
        status: 1,
        state: 'open',
        company_id: 10,
        assigned_resource_id: 7,
        last_activity_at: '2026-02-28T10:00:00.000Z',
      }, // 96 h idle
      {
        id: 2,
        status: 7,
        state: 'waiting_customer',
        company_id: 10,
        assigned_resource_id: 7,
        last_activity_at: '2026-02-20T10:00:00.000Z',
      }, // waiting customer
      {
        id: 3,
        status: 8,
        state: 'open',
        company_id: 10,
        assigned_resource_id: 7,
        last_activity_at: '2026-03-01T10:00:00.000Z',
      }, // exactly 72 h
      {
        id: 4,
        state: 'complete',
        company_id: 10,
        last_activity_at: '2026-01-01T10:00:00.000Z',
        completed_at: '2026-01-01T10:00:00.000Z',
      },
      { id: 5, status: 12, state: 'on_hold', company_id: 10, created_at: '2026-02-25T10:00:00.000Z' }, // never touched: 7 days since creation
      {
        id: 6,
        status: 1,
        state: 'open',
        company_id: 10,
        assigned_resource_id: 7,
        last_activity_at: '2026-03-01T09:59:59.999Z',
      }, // 72 h + 1 ms
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.ticketNumber))(
    'lists open, non-waiting tickets idle for more than 72 hours, oldest activity first',
    async () => {
      // 2 waits on the customer, 4 is complete, 3 sits exactly on the 72-hour edge (not "more than").
      // Left: 5 (idle since 02-25, 7 days), 1 (4 days), 6 (72 h + 1 ms). 5 has no assignee.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'tickets_stale', NOW)
      expect(ids(result)).toEqual([5, 1, 6])
      expect(rows(result)[1]).toMatchObject({
        ticketNumber: 'T2026.1',
        companyName: 'Bakker Installatietechniek B.V.',
        resourceName: 'Daan Visser',
        daysIdle: 4,
        lastActivityAt: '2026-02-28T10:00:00.000Z',
      })
      expect(rows(result)[0]).toMatchObject({
        resourceId: null,
        lastActivityAt: '2026-02-25T10:00:00.000Z',
        daysIdle: 7,
      })
      expect(result.context).toBe('3 tickets had no activity for more than 3 days; 1 unassigned.')
      expect((await evaluateAt(db, 'tickets_stale', NOW, { lang: 'nl' })).context).toBe(
        '3 tickets staan al meer dan 3 dagen stil; 1 zonder behandelaar.',
      )
    },
  )

  test('for one engineer lists only their tickets', async () => {
    // Engineer 7 owns 1 and 6 among the stale ones; 5 is unassigned.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'tickets_stale', NOW, { me: 7 })
    expect(ids(result)).toEqual([1, 6])
    expect(result.context).toBe('2 tickets of yours had no activity for more than 3 days.')
  })

  test('with no tickets the list is empty and green', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'tickets_stale', NOW)).toMatchObject({
      count: 0,
      status: 'good',
      context: 'No open ticket has been idle for more than 3 days.',
    })
  })
})

describe('waiting_customer_over_5d', () => {
  // Tuesday 31 March 00:30 in Amsterdam, two days after the switch to summer time (UTC+2). With the
  // winter offset it would still be Monday the 30th and every count below would be one lower.
  const AFTER_DST = '2026-03-30T22:30:00.000Z'
  const fixture = {
    companies: [
      { id: 10, name: 'Bakker', owner_resource_id: 7 },
      { id: 11, name: 'Smit' },
    ],
    resources: [{ id: 7, first_name: 'Eva', last_name: 'de Jong' }, { id: 8 }],
    tickets: [
      {
        id: 1,
        status: 7,
        state: 'waiting_customer',
        company_id: 11,
        assigned_resource_id: 7,
        last_activity_at: '2026-03-23T10:00:00.000Z',
      }, // Mon 23
      {
        id: 2,
        status: 7,
        state: 'waiting_customer',
        company_id: 11,
        assigned_resource_id: 7,
        last_activity_at: '2026-03-24T10:00:00.000Z',
      }, // Tue 24
      {
        id: 3,
        status: 7,
        state: 'waiting_customer',
        company_id: 10,
        assigned_resource_id: 8,
        last_activity_at: '2026-03-20T10:00:00.000Z',
      }, // Fri 20
      {
        id: 4,
        status: 8,
        state: 'open',
        company_id: 10,
        assigned_resource_id: 8,
        last_activity_at: '2026-03-01T10:00:00.000Z',
      }, // not waiting
      {
        id: 5,
        status: 7,
        state: 'waiting_customer',
        company_id: 11,
        assigned_resource_id: 8,
        last_activity_at: '2026-03-22T23:30:00.000Z',
      }, // Mon 23 00:30 local
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'counts business days in local dates across the daylight-saving switch',
    async () => {
      // Business days after the activity date up to Tue 31: ticket 1 (Mon 23) 24,25,26,27,30,31 = 6 > 5;
      // ticket 2 (Tue 24) = 5, not more than 5; ticket 3 (Fri 20) = 7; ticket 5 is Monday 23 locally = 6.
      // Longest first: 3 (7), then 1 and 5 (6 each, by id).
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'waiting_customer_over_5d', AFTER_DST)
      expect(ids(result)).toEqual([3, 1, 5])
      expect(rows(result).map((row) => row.daysWaiting)).toEqual([7, 6, 6])
      expect(rows(result)[0]).toMatchObject({ accountManagerName: 'Eva de Jong', companyName: 'Bakker' })
      expect(result.context).toBe(
        '3 tickets waiting on the customer have had no activity for more than 5 business days; the longest for 7 business days.',
      )
      expect((await evaluateAt(db, 'waiting_customer_over_5d', AFTER_DST, { lang: 'nl' })).context).toBe(
        '3 tickets wachten op de klant en staan al meer dan 5 werkdagen stil; het langste 7 werkdagen.',
      )
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    '"me" is the assignee or the account manager of the client',
    async () => {
      // Resource 7 is assigned ticket 1 and is account manager of company 10 (ticket 3). Resource 8: 3 and 5.
      const db = await kpiDb(fixture)
      expect(ids(await evaluateAt(db, 'waiting_customer_over_5d', AFTER_DST, { me: 7 }))).toEqual([3, 1])
      expect(ids(await evaluateAt(db, 'waiting_customer_over_5d', AFTER_DST, { me: 8 }))).toEqual([3, 5])
    },
  )
})

describe('my_due_today', () => {
  // Today in Amsterdam is [2026-03-03T23:00Z, 2026-03-04T23:00Z).
  const fixture = {
    tickets: [
      { id: 1, status: 8, state: 'open', assigned_resource_id: 7, due_at: '2026-03-04T09:00:00.000Z' }, // passed an hour ago
      { id: 2, status: 1, state: 'open', assigned_resource_id: 7, due_at: '2026-03-04T22:59:59.999Z' }, // last instant of today
      { id: 3, status: 1, state: 'open', assigned_resource_id: 7, due_at: '2026-03-04T23:00:00.000Z' }, // tomorrow's midnight
      { id: 4, status: 1, state: 'open', assigned_resource_id: 7, due_at: '2026-03-03T23:00:00.000Z' }, // today's midnight
      { id: 5, status: 1, state: 'open', assigned_resource_id: 8, due_at: '2026-03-04T12:00:00.000Z' },
      {
        id: 6,
        state: 'complete',
        assigned_resource_id: 7,
        due_at: '2026-03-04T12:00:00.000Z',
        completed_at: '2026-03-04T08:00:00.000Z',
      },
    ],
  }

  test('lists my open tickets due on the local calendar day, earliest first', async () => {
    // Mine and open: 1, 2, 4 (3 is due at the start of tomorrow). Minutes left from 10:00Z:
    // 4: 23:00Z the day before = -660; 1: -60; 2: 12 h 59 m 59.999 s = 780 after rounding.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'my_due_today', NOW, { me: 7 })
    expect(ids(result)).toEqual([4, 1, 2])
    expect(rows(result).map((row) => row.minutesLeft)).toEqual([-660, -60, 780])
    expect(result.context).toBe('3 tickets of yours are due today; 2 already past the due time.')
    expect((await evaluateAt(db, 'my_due_today', NOW, { me: 7, lang: 'nl' })).context).toBe(
      '3 tickets van jou moeten vandaag af; bij 2 is de deadline al verstreken.',
    )
  })

  test('for the whole team includes everyone', async () => {
    // Adds ticket 5 (engineer 8, +120 min) between 1 and 2.
    const db = await kpiDb(fixture)
    expect(ids(await evaluateAt(db, 'my_due_today', NOW))).toEqual([4, 1, 5, 2])
  })
})

describe('my_next_tickets', () => {
  const fixture = {
    tickets: [
      {
        id: 1,
        status: 1,
        state: 'open',
        priority: 3,
        urgency: 4,
        assigned_resource_id: 7,
        due_at: '2026-03-05T10:00:00.000Z',
      },
      {
        id: 2,
        status: 8,
        state: 'open',
        priority: 4,
        urgency: 1,
        assigned_resource_id: 7,
        created_at: '2026-03-01T09:00:00.000Z',
      }, // critical, no due
      {
        id: 3,
        status: 1,
        state: 'open',
        priority: 1,
        urgency: 2,
        assigned_resource_id: 7,
        due_at: '2026-03-06T10:00:00.000Z',
      },
      {
        id: 4,
        status: 1,
        state: 'open',
        priority: 1,
        urgency: 2,
        assigned_resource_id: 7,
        due_at: '2026-03-05T10:00:00.000Z',
        created_at: '2026-03-02T09:00:00.000Z',
      },
      { id: 5, status: 7, state: 'waiting_customer', priority: 4, urgency: 1, assigned_resource_id: 7 }, // waiting customer
      { id: 6, status: 17, state: 'on_hold', priority: 4, urgency: 1, assigned_resource_id: 7 }, // on hold
      {
        id: 7,
        status: 1,
        state: 'open',
        priority: 1,
        urgency: 2,
        assigned_resource_id: 7,
        due_at: '2026-03-05T10:00:00.000Z',
        created_at: '2026-02-27T09:00:00.000Z',
      },
      { id: 8, status: 1, state: 'open', priority: 4, urgency: 1, assigned_resource_id: 8 },
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.ticketNumber))(
    'ranks my workable tickets by priority, due time, then age',
    async () => {
      // Workable and mine: 1, 2, 3, 4, 7. Critical 2 first; High 7 and 4 share a due time, 7 is older;
      // then High 3 (later due), then Low 1.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'my_next_tickets', NOW, { me: 7 })
      expect(ids(result)).toEqual([2, 7, 4, 3, 1])
      expect(rows(result).map((row) => row.rank)).toEqual([1, 2, 3, 4, 5])
      expect(result.context).toBe('You have 5 tickets to work on; start with T2026.2.')
      const top2 = await evaluateAt(db, 'my_next_tickets', NOW, { me: 7, params: { limit: 2 }, lang: 'nl' })
      expect(ids(top2)).toEqual([2, 7])
      expect(top2.context).toBe('Je hebt 5 tickets om op te pakken; begin met T2026.2.')
    },
  )

  test('an engineer with no tickets gets an empty list', async () => {
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'my_next_tickets', NOW, { me: 99 })).toMatchObject({
      count: 0,
      context: 'You have no open ticket to work on right now.',
    })
  })
})

describe('high_priority_idle_2h', () => {
  test('measures idle time in business hours and skips waiting and on-hold tickets', async () => {
    // Business hours 08:30-17:30 local. Ticket 1: since 08:30 today = 2.5 h. Ticket 2: since 09:00 =
    // exactly 2 h, not more. Ticket 3: Tue 17:00-17:30 (0.5) + Wed 08:30-11:00 (2.5) = 3 h.
    // 4 is Medium; 5 waits on the customer; 6 is on hold. Longest idle first: 3, 1.
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, state: 'open', priority: 4, urgency: 1, last_activity_at: '2026-03-04T07:30:00.000Z' },
        {
          id: 2,
          status: 8,
          state: 'open',
          priority: 1,
          urgency: 2,
          assigned_resource_id: 7,
          last_activity_at: '2026-03-04T08:00:00.000Z',
        },
        {
          id: 3,
          status: 8,
          state: 'open',
          priority: 1,
          urgency: 2,
          assigned_resource_id: 7,
          last_activity_at: '2026-03-03T16:00:00.000Z',
        },
        {
          id: 4,
          status: 8,
          state: 'open',
          priority: 2,
          urgency: 3,
          assigned_resource_id: 7,
          last_activity_at: '2026-02-01T16:00:00.000Z',
        },
        {
          id: 5,
          status: 7,
          state: 'waiting_customer',
          priority: 4,
          urgency: 1,
          assigned_resource_id: 7,
          last_activity_at: '2026-02-01T16:00:00.000Z',
        },
        {
          id: 6,
          status: 17,
          state: 'on_hold',
          priority: 4,
          urgency: 1,
          assigned_resource_id: 7,
          last_activity_at: '2026-02-01T16:00:00.000Z',
        },
      ],
    })
    const result = await evaluateAt(db, 'high_priority_idle_2h', NOW)
    expect(ids(result)).toEqual([3, 1])
    expect(rows(result).map((row) => row.idleHours)).toEqual([3, 2.5])
    expect(result.context).toBe(
      '2 tickets with high priority have been idle for more than 2 business hours; 1 unassigned.',
    )
    expect(ids(await evaluateAt(db, 'high_priority_idle_2h', NOW, { me: 7 }))).toEqual([3])
  })
})

describe('on_hold_past_due', () => {
  test('lists waiting or on-hold tickets whose due time has passed, most overdue first', async () => {
    // 1 (Waiting Materials) is 2 days past due; 2 (Waiting Customer) 12 h = 0.5 day; 3 is due exactly
    // now (not yet past); 4 is in progress; 5 has no due time.
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 9, state: 'on_hold', due_at: '2026-03-02T10:00:00.000Z' },
        { id: 2, status: 7, state: 'waiting_customer', due_at: '2026-03-03T22:00:00.000Z' },
        { id: 3, status: 17, state: 'on_hold', due_at: '2026-03-04T10:00:00.000Z' },
        { id: 4, status: 8, state: 'open', due_at: '2026-03-01T10:00:00.000Z' },
        { id: 5, status: 12, state: 'on_hold' },
      ],
      picklists: [{ entity: 'Tickets', field: 'status', value: '9', label: 'Waiting Materials' }],
    })
    const result = await evaluateAt(db, 'on_hold_past_due', NOW)
    expect(ids(result)).toEqual([1, 2])
    expect(rows(result)[0]).toMatchObject({ statusLabel: 'Waiting Materials', daysPastDue: 2 })
    expect(rows(result)[1]).toMatchObject({ daysPastDue: 0.5 })
    expect(result.context).toBe('2 tickets on hold or waiting are past the due date.')
  })
})

describe('aged_over_30d', () => {
  test('lists tickets open for more than 30 days, oldest first', async () => {
    // Cut-off: 2026-02-02T10:00Z. 1 is 62 days old; 3 is 30.5 days; 2 was created exactly at the
    // cut-off (not more than 30 days); 4 is complete.
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, state: 'open', created_at: '2026-01-01T10:00:00.000Z' },
        { id: 2, status: 1, state: 'open', created_at: '2026-02-02T10:00:00.000Z' },
        { id: 3, status: 8, state: 'open', created_at: '2026-02-01T22:00:00.000Z' },
        { id: 4, state: 'complete', created_at: '2025-12-01T10:00:00.000Z', completed_at: '2026-01-01T10:00:00.000Z' },
      ],
    })
    const result = await evaluateAt(db, 'aged_over_30d', NOW)
    expect(ids(result)).toEqual([1, 3])
    expect(rows(result).map((row) => row.ageDays)).toEqual([62, 30.5])
    expect(result.context).toBe('2 tickets have been open for more than 30 days; the oldest for 62 days.')
    expect((await evaluateAt(db, 'aged_over_30d', NOW, { lang: 'nl' })).context).toBe(
      '2 tickets staan al meer dan 30 dagen open; het oudste 62 dagen.',
    )
  })
})
