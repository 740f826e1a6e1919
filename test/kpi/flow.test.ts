import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { DEFAULT_BUSINESS_HOURS } from '../../kpi-library/time.js'
import { evaluateAt, kpiDb } from './fixture.js'

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 in Amsterdam

describe('tickets_open', () => {
  test('counts every ticket whose status is not Complete (5)', async () => {
    // 1 New, 2 In Progress, 3 Waiting Customer: open. 4 Complete: not open. => 3
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, state: 'open' },
        { id: 2, status: 8, state: 'open' },
        { id: 3, status: 7, state: 'waiting_customer' },
        { id: 4, state: 'complete', completed_at: '2026-03-03T10:00:00.000Z' },
      ],
    })
    const result = await evaluateAt(db, 'tickets_open', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 3, unit: 'count', status: 'good' })
    expect(result.context).toBe('3 tickets are open right now.')
    expect((await evaluateAt(db, 'tickets_open', NOW, { lang: 'nl' })).context).toBe('Er staan nu 3 tickets open.')
  })

  test('for one engineer counts only their tickets', async () => {
    // Engineer 7 has tickets 1 (open) and 3 (complete); engineer 8 has ticket 2. => 1
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, state: 'open', assigned_resource_id: 7 },
        { id: 2, status: 1, state: 'open', assigned_resource_id: 8 },
        { id: 3, state: 'complete', assigned_resource_id: 7 },
      ],
    })
    expect(await evaluateAt(db, 'tickets_open', NOW, { me: 7 })).toMatchObject({ value: 1 })
  })

  test('with no data at all the value is 0, and the data age is unknown before the first sync', async () => {
    const db = await kpiDb({}, { synced: false })
    expect(await evaluateAt(db, 'tickets_open', NOW)).toMatchObject({ value: 0, asOf: null })
  })
})

const SD = 29682833
const MON = 29682969
const L2 = 29683354
const PICKLISTS = [
  { entity: 'Tickets', field: 'queueID', value: String(SD), label: 'Service Desk' },
  { entity: 'Tickets', field: 'queueID', value: String(MON), label: 'Monitoring Alerts' },
  { entity: 'Tickets', field: 'queueID', value: String(L2), label: 'Level 2' },
  { entity: 'Tickets', field: 'priority', value: '4', label: 'Critical' },
  { entity: 'Tickets', field: 'priority', value: '1', label: 'High' },
  { entity: 'Tickets', field: 'priority', value: '2', label: 'Medium' },
  { entity: 'Tickets', field: 'priority', value: '3', label: 'Low' },
  { entity: 'Tickets', field: 'source', value: '1', label: 'Phone' },
  { entity: 'Tickets', field: 'source', value: '2', label: 'Email' },
  { entity: 'Tickets', field: 'source', value: '3', label: 'Client Portal' },
  { entity: 'Tickets', field: 'source', value: '4', label: 'Monitoring Alert' },
]

// NOW is Wednesday 2026-03-04 11:00 CET; local midnight is 2026-03-03T23:00Z; 7 days back is 2026-02-25T10:00Z,
// 10 days back 2026-02-22T10:00Z, 30 days back 2026-02-02T10:00Z (no DST switch in between).
const FLOW = {
  resources: [
    { id: 7, first_name: 'Daan', last_name: 'Visser' },
    { id: 8 },
    { id: 9, first_name: 'Noor', last_name: 'Bakker' }, // completed nothing
  ],
  tickets: [
    // created exactly at local midnight: today
    {
      id: 1,
      status: 1,
      state: 'open',
      created_at: '2026-03-03T23:00:00.000Z',
      queue_id: SD,
      priority: 2,
      urgency: 3,
      source: 2,
      kind: 'incident',
      assigned_resource_id: 7,
    },
    {
      id: 2,
      state: 'complete',
      created_at: '2026-03-04T08:00:00.000Z',
      completed_at: '2026-03-04T09:30:00.000Z',
      completed_by_resource_id: 7,
      assigned_resource_id: 7,
      queue_id: SD,
      priority: 4,
      urgency: 1,
      source: 1,
      kind: 'incident',
    },
    // one millisecond before local midnight: yesterday
    {
      id: 3,
      status: 1,
      state: 'open',
      created_at: '2026-03-03T22:59:59.999Z',
      queue_id: MON,
      priority: 1,
      urgency: 2,
      source: 4,
      kind: 'alert',
      assigned_resource_id: 7,
    },
    {
      id: 4,
      status: 7,
      state: 'waiting_customer',
      created_at: '2026-02-20T10:00:00.000Z',
      queue_id: SD,
      priority: 3,
      urgency: 4,
      source: 3,
      kind: 'service_request',
    },
    {
      id: 5,
      status: 1,
      state: 'open',
      created_at: '2026-01-20T10:00:00.000Z',
      queue_id: L2,
      priority: 2,
      urgency: 3,
      source: 2,
      kind: 'service_request',
    },
    {
      id: 6,
      state: 'complete',
      created_at: '2026-03-02T09:00:00.000Z',
      completed_at: '2026-03-02T15:00:00.000Z',
      completed_by_resource_id: 8,
      assigned_resource_id: 8,
      queue_id: SD,
      priority: 2,
      urgency: 3,
      source: 1,
      kind: 'incident',
    },
    {
      id: 7,
      state: 'complete',
      created_at: '2026-03-01T10:00:00.000Z',
      completed_at: '2026-03-03T10:00:00.000Z',
      completed_by_resource_id: 7,
      assigned_resource_id: 7,
      queue_id: SD,
      priority: 3,
      urgency: 4,
      source: 2,
      kind: 'incident',
    },
    // exactly 10 local days old
    {
      id: 8,
      status: 1,
      state: 'open',
      created_at: '2026-02-22T10:00:00.000Z',
      queue_id: SD,
      priority: 2,
      urgency: 3,
      source: 3,
      kind: 'service_request',
    },
  ],
  picklists: PICKLISTS,
}

describe('tickets_created_today and tickets_completed_today', () => {
  test('count from local midnight on', async () => {
    // Created today: 1 (exactly 23:00Z = 00:00 local) and 2; 3 is one millisecond earlier. => 2
    // Completed today: 2 only (6 and 7 were completed on earlier days). => 1
    const db = await kpiDb(FLOW)
    const created = await evaluateAt(db, 'tickets_created_today', NOW)
    expect(created).toMatchObject({ value: 2, context: '2 tickets were created since midnight.' })
    expect((await evaluateAt(db, 'tickets_created_today', NOW, { lang: 'nl' })).context).toBe(
      'Sinds middernacht zijn 2 tickets aangemaakt.',
    )
    expect(await evaluateAt(db, 'tickets_completed_today', NOW)).toMatchObject({
      value: 1,
      context: '1 ticket was completed since midnight.',
    })
  })

  test('completed today for one engineer counts what they completed', async () => {
    // Ticket 2 was completed by 7; nothing by 8 today.
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'tickets_completed_today', NOW, { me: 7 })).toMatchObject({
      value: 1,
      context: '1 ticket was completed by you since midnight.',
    })
    expect(await evaluateAt(db, 'tickets_completed_today', NOW, { me: 8 })).toMatchObject({ value: 0 })
  })

  // Completed today (after local midnight, 2026-03-03T23:00Z): who gets the credit.
  const CREDIT = {
    resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }, { id: 8 }],
    tickets: [
      {
        id: 1,
        state: 'complete',
        completed_at: '2026-03-04T08:00:00.000Z',
        completed_by_resource_id: 7,
        assigned_resource_id: 7,
      },
      {
        id: 2,
        state: 'complete',
        completed_at: '2026-03-04T08:30:00.000Z',
        completed_by_resource_id: 7,
        assigned_resource_id: 8,
      }, // 8's ticket, 7 closed it
      { id: 3, state: 'complete', completed_at: '2026-03-04T09:00:00.000Z', assigned_resource_id: 8 }, // closed by a workflow rule: no completer
      { id: 4, state: 'complete', completed_at: '2026-03-04T09:15:00.000Z' }, // nobody's
    ],
  }

  test("a person's completed tickets: completed by them, else assigned to them when nobody is recorded as completer", async () => {
    // 7: tickets 1 and 2 (completed by 7; 2 is not 8's although assigned to 8) = 2. 8: ticket 3 (no completer, assigned
    // to 8) = 1; the old reading (completed by only) gave 8 nothing. The team: 1-4 = 4.
    // tickets_closed_per_tech credits the same way over 30 days: 7 -> 2, 8 -> 1, Nobody -> 1.
    const db = await kpiDb(CREDIT)
    expect(await evaluateAt(db, 'tickets_completed_today', NOW, { me: 7 })).toMatchObject({ value: 2 })
    expect(await evaluateAt(db, 'tickets_completed_today', NOW, { me: 8 })).toMatchObject({
      value: 1,
      context: '1 ticket was completed by you since midnight.',
    })
    expect(await evaluateAt(db, 'tickets_completed_today', NOW)).toMatchObject({ value: 4 })
    expect(await evaluateAt(db, 'tickets_closed_per_tech', NOW)).toMatchObject({
      items: [
        { key: '7', value: 2 },
        { key: '8', value: 1 },
        { key: 'none', label: 'Nobody', value: 1 },
      ],
    })
  })
})

describe('tickets_created and tickets_completed (per local day)', () => {
  // NOW is Monday 2026-03-30 12:00 CEST. Sunday 2026-03-29 is 23 hours long: 2026-03-28T23:00Z to 2026-03-29T22:00Z.
  const DST_NOW = '2026-03-30T10:00:00.000Z'
  const at = [
    '2026-03-27T22:59:00.000Z',
    '2026-03-28T22:59:59.999Z',
    '2026-03-28T23:00:00.000Z',
    '2026-03-29T21:59:59.999Z',
    '2026-03-29T22:00:00.000Z',
  ]
  const fixture = {
    tickets: at.map((created_at, i) => ({
      id: i + 1,
      state: 'complete' as const,
      created_at,
      completed_at: created_at,
    })),
  }

  test('buckets by local date across the spring switch', async () => {
    // Window (days 3): 28, 29, 30 March local. 27T22:59Z is 27 March 23:59 CET: out.
    // 28T22:59:59.999Z = 28 Mar 23:59:59 CET -> 28; 28T23:00Z = 29 Mar 00:00 CET -> 29;
    // 29T21:59:59.999Z = 29 Mar 23:59:59 CEST -> 29; 29T22:00Z = 30 Mar 00:00 CEST -> 30. => 1, 2, 1; total 4, 4/3 = 1.3 a day.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'tickets_created', DST_NOW, { params: { days: 3 } })
    expect(result).toMatchObject({
      kind: 'trend',
      value: 4,
      points: [
        { t: '2026-03-28', value: 1 },
        { t: '2026-03-29', value: 2 },
        { t: '2026-03-30', value: 1 },
      ],
      context: '4 tickets were created on the last 3 calendar days (alerts included), 1.3 a day; 1 so far today.',
    })
    const completed = await evaluateAt(db, 'tickets_completed', DST_NOW, { params: { days: 3 }, lang: 'nl' })
    expect(completed).toMatchObject({
      value: 4,
      context:
        'Op de afgelopen 3 kalenderdagen zijn 4 tickets afgerond (alerts meegeteld), 1,3 per dag; vandaag tot nu toe 1.',
    })
  })

  test('default 30 days with no data: 30 zero points', async () => {
    const db = await kpiDb({})
    const result = await evaluateAt(db, 'tickets_created', NOW)
    expect(result.kind === 'trend' && result.points.length).toBe(30)
    expect(result).toMatchObject({
      value: 0,
      context: '0 tickets were created on the last 30 calendar days (alerts included), 0 a day; 0 so far today.',
    })
  })
})

describe('kill_rate', () => {
  test('completed over created in the last 7 days', async () => {
    // Created in (02-25T10:00Z, NOW]: 1, 2, 3, 6, 7 = 5. Completed in it: 2, 6, 7 = 3. 3 / 5 = 0.6 (< 0.9: bad).
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'kill_rate', NOW)).toMatchObject({
      value: 0.6,
      status: 'bad',
      context: '3 tickets were completed against 5 created in the last 7 days: a kill rate of 0.6.',
    })
  })

  test('seven local days back across the DST switch is 167 hours, not 168', async () => {
    // NOW 2026-03-30T10:00Z = 12:00 CEST; 7 local days back = 23 March 12:00 CET = 2026-03-23T11:00Z.
    // Ticket 1 at 10:30Z (11:30 CET) is outside; ticket 2 at 11:30Z is inside and completed. => 1 / 1 = 1.
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, state: 'open', created_at: '2026-03-23T10:30:00.000Z' },
        { id: 2, state: 'complete', created_at: '2026-03-23T11:30:00.000Z', completed_at: '2026-03-24T09:00:00.000Z' },
      ],
    })
    expect(await evaluateAt(db, 'kill_rate', '2026-03-30T10:00:00.000Z')).toMatchObject({ value: 1, status: 'good' })
  })

  test('no tickets: no rate, and a sentence that says so', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'kill_rate', NOW, { lang: 'nl' })).toMatchObject({
      value: null,
      status: 'none',
      context: 'In de afgelopen 7 dagen is geen ticket aangemaakt; er zijn er 0 afgerond.',
    })
  })
})

describe('backlog_pct_daily_volume', () => {
  test('open now against the average intake of the last 20 business days', async () => {
    // 20 business days before Wed 4 March: 3, 2 Mar; 27-23 Feb; 20-16 Feb; 13-9 Feb; 6, 5, 4 Feb.
    // Created on those days: 3 (Tue 3 Mar 23:59 local), 4 (Fri 20 Feb), 6 (Mon 2 Mar) = 3; 7 (Sun 1 Mar) and 8
    // (Sun 22 Feb) fall on a weekend, 1 and 2 today, 5 before 4 Feb. 3 / 20 = 0.15 a day.
    // Open: 1, 3, 4, 5, 8 = 5 (alerts included). 5 / 0.15 = 3333.33%.
    // The old reading counted every ticket from 4 Feb up to today, weekends included: 5 / 20 = 0.25 a day, 2000%.
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'backlog_pct_daily_volume', NOW)).toMatchObject({
      value: 3333.33,
      status: 'bad',
      context: "5 open tickets are 3333% of a day's intake (0.2 tickets per business day).",
    })
  })

  // A weekend of alerts: Friday 27 Feb, Saturday 28 Feb, Sunday 1 Mar and Monday 2 Mar, NOW Wednesday 4 March.
  const WEEKEND_INTAKE = {
    tickets: [
      { id: 1, state: 'complete', created_at: '2026-02-27T09:00:00.000Z', completed_at: '2026-02-27T12:00:00.000Z' }, // Fri
      {
        id: 2,
        state: 'complete',
        created_at: '2026-02-28T09:00:00.000Z',
        completed_at: '2026-02-28T12:00:00.000Z',
        kind: 'alert',
      }, // Sat
      {
        id: 3,
        state: 'complete',
        created_at: '2026-03-01T09:00:00.000Z',
        completed_at: '2026-03-01T12:00:00.000Z',
        kind: 'alert',
      }, // Sun
      { id: 4, status: 1, state: 'open', created_at: '2026-03-01T20:00:00.000Z', kind: 'alert' }, // Sun 21:00 local, still open
      { id: 5, status: 1, state: 'open', created_at: '2026-03-02T09:00:00.000Z' }, // Mon
      { id: 6, status: 1, state: 'open', created_at: '2026-03-03T09:00:00.000Z' }, // Tue
      { id: 7, status: 1, state: 'open', created_at: '2026-03-04T08:00:00.000Z' }, // today: not part of the volume
    ],
  }

  test('weekend tickets are not intake of a business day; the divisor is the business days', async () => {
    // businessDays 3: Tue 3, Mon 2 and Fri 27 Feb. Created on them: 6, 5, 1 = 3 -> 3 / 3 = 1 a day.
    // Open now: 4, 5, 6, 7 = 4 -> 4 / 1 = 400%. The old reading counted from Fri 27 Feb 00:00 to today's midnight,
    // the weekend's 2, 3 and 4 too: 6 / 3 = 2 a day, 200%.
    const db = await kpiDb(WEEKEND_INTAKE)
    expect(await evaluateAt(db, 'backlog_pct_daily_volume', NOW, { params: { businessDays: 3 } })).toMatchObject({
      value: 400,
    })
  })

  test('a public holiday is no business day: the window reaches one day further back', async () => {
    // Monday 2 March a holiday: the 3 business days are Tue 3 Mar, Fri 27 Feb and Thu 26 Feb. Created on them: 6, 1 = 2
    // (5, on the holiday, is out) -> 2 / 3 a day; 4 open / (2 / 3) = 600%.
    const db = await kpiDb(WEEKEND_INTAKE)
    const engine = createKpiEngine({
      db,
      now: () => new Date(NOW),
      cacheSize: 0,
      hours: { ...DEFAULT_BUSINESS_HOURS, holidays: ['2026-03-02'] },
    })
    expect(await engine.evaluate('backlog_pct_daily_volume', { params: { businessDays: 3 } })).toMatchObject({
      value: 600,
    })
  })
})

describe('backlog_age_buckets', () => {
  test('splits the open tickets at 10 and 30 local days', async () => {
    // Open: 1 and 3 (hours old) young; 8 exactly 10 days old -> 10-30; 4 (12 days) -> 10-30; 5 (43 days) -> over 30.
    const db = await kpiDb(FLOW)
    const result = await evaluateAt(db, 'backlog_age_buckets', NOW)
    expect(result).toMatchObject({
      value: 1,
      status: 'warn',
      items: [
        { key: 'young', label: '< 10 d', value: 2 },
        { key: 'middle', label: '10-30 d', value: 2 },
        { key: 'old', label: '> 30 d', value: 1 },
      ],
      context: '1 of 5 open tickets are older than 30 days; 2 are younger than 10 days.',
    })
  })
})

describe('queue_health_avg_days_open', () => {
  test('average days open per queue label, slowest first', async () => {
    // Days open: 1 = 11 h = 0.4583, 3 = 0.4583 (+1 ms), 4 = 12, 5 = 43, 8 = 10.
    // Service Desk (1, 4, 8): 22.4583 / 3 = 7.4861 -> 7.49; Monitoring Alerts (3): 0.4583 -> 0.46; Level 2 (5): 43.
    // All: 65.9167 / 5 = 13.1833 -> 13.18 (the sentence rounds to 13.2).
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'queue_health_avg_days_open', NOW)).toMatchObject({
      value: 13.18,
      items: [
        { key: String(L2), label: 'Level 2', value: 43 },
        { key: String(SD), label: 'Service Desk', value: 7.49 },
        { key: String(MON), label: 'Monitoring Alerts', value: 0.46 },
      ],
      context: 'Open tickets have been open 13.2 days on average; Level 2 is slowest at 43 days.',
    })
  })

  test('no open tickets: no average', async () => {
    const db = await kpiDb({ tickets: [{ id: 1, state: 'complete', completed_at: '2026-03-01T10:00:00.000Z' }] })
    expect(await evaluateAt(db, 'queue_health_avg_days_open', NOW)).toMatchObject({
      value: null,
      items: [],
      context: 'No tickets are open in any queue.',
    })
  })
})

describe('open_by_priority', () => {
  test('open tickets per priority label, Critical first', async () => {
    // Open: 1 Medium, 3 High, 4 Low, 5 Medium, 8 Medium. => High 1, Medium 3, Low 1; no Critical row.
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'open_by_priority', NOW)).toMatchObject({
      value: 5,
      items: [
        { key: '1', label: 'High', value: 1 },
        { key: '2', label: 'Medium', value: 3 },
        { key: '3', label: 'Low', value: 1 },
      ],
    })
  })

  test("for one engineer, without picklists the built-in names are used, in the wall's language", async () => {
    // Engineer 7's open tickets: 1 (Medium) and 3 (High).
    const db = await kpiDb({ ...FLOW, picklists: [] })
    const result = await evaluateAt(db, 'open_by_priority', NOW, { me: 7, lang: 'nl' })
    expect(result).toMatchObject({
      value: 2,
      items: [
        { key: '1', label: 'Hoog', value: 1 },
        { key: '2', label: 'Gemiddeld', value: 1 },
      ],
      context: 'Er staan 2 tickets van jou open; 1 daarvan zijn kritiek of hoog.',
    })
    const english = await evaluateAt(db, 'open_by_priority', NOW, { me: 7 })
    expect(english.kind === 'breakdown' && english.items.map((item) => item.label)).toEqual(['High', 'Medium'])
  })
})

describe('same_day_close_rate', () => {
  test('share of the last 7 full days closed on their local creation date', async () => {
    // Window [25 Feb 00:00 local, 4 Mar 00:00 local): 3 (3 Mar 23:59:59), 6 (2 Mar), 7 (1 Mar); 1 is today: out.
    // 6 was completed on 2 Mar (same day); 7 on 3 Mar; 3 is open. => 1 / 3 = 33.33%.
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'same_day_close_rate', NOW)).toMatchObject({
      value: 33.33,
      context: '1 of 3 tickets from the last 7 full days were closed the day they came in (33.3%).',
    })
  })
})

describe('ticket_source_mix', () => {
  test('shares by source label over the last 30 days, largest first', async () => {
    // In (2 Feb 10:00Z, NOW]: all but 5. Email 1, 7; Phone 2, 6; Client Portal 4, 8; Monitoring Alert 3. 7 tickets.
    // 2 / 7 = 28.571% -> 28.57 each, 1 / 7 = 14.286% -> 14.29; ties by label.
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'ticket_source_mix', NOW)).toMatchObject({
      value: null,
      items: [
        { key: '3', label: 'Client Portal', value: 28.57 },
        { key: '2', label: 'Email', value: 28.57 },
        { key: '1', label: 'Phone', value: 28.57 },
        { key: '4', label: 'Monitoring Alert', value: 14.29 },
      ],
      context: 'Of 7 tickets in the last 30 days, 28.6% came in by Client Portal, the largest source.',
    })
  })
})

describe('alert_ticket_share', () => {
  test('per ISO week (Monday first), over 8 weeks', async () => {
    // Weeks from Mon 12 Jan to Mon 2 Mar. Week of 2 Mar: 1, 2, 3, 6 (3 is an alert) -> 25%.
    // Week of 23 Feb: 7 (Sun 1 Mar) -> 0%. Week of 16 Feb: 4, 8 (Sun 22 Feb) -> 0%. Week of 19 Jan: 5 -> 0%.
    // Others: no tickets -> null. All: 1 / 8 = 12.5%.
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'alert_ticket_share', NOW)).toMatchObject({
      value: 12.5,
      points: [
        { t: '2026-01-12', value: null },
        { t: '2026-01-19', value: 0 },
        { t: '2026-01-26', value: null },
        { t: '2026-02-02', value: null },
        { t: '2026-02-09', value: null },
        { t: '2026-02-16', value: 0 },
        { t: '2026-02-23', value: 0 },
        { t: '2026-03-02', value: 25 },
      ],
      // The first ticket (5) came in on 20 January, after the window's 12 January: 12 + 28 + 4 = 44 days of data.
      context: '1 of 8 tickets in the last 8 weeks were monitoring alerts (12.5%).',
      window: 'last 8 ISO weeks, this week included (44 days of data)',
    })
  })
})

describe('tickets_closed_per_tech', () => {
  // The technicians are the billable staff, as revenue and endpoints per technician count them: Daan Visser (7)
  // and Noor Bakker (9) logged billable time in the last 30 days; Engineer 8, a dispatcher, only internal time.
  const STAFF = {
    ...FLOW,
    entries: [
      { id: 1, resource_id: 7, date_worked: '2026-03-02', hours_worked: 2, non_billable: 0 as const },
      { id: 2, resource_id: 9, date_worked: '2026-02-20', hours_worked: 1, non_billable: 0 as const },
      { id: 3, resource_id: 8, date_worked: '2026-03-02', hours_worked: 4, non_billable: 1 as const },
    ],
  }

  test('a bar per person who completed tickets; the number is per technician, the same people as revenue per technician', async () => {
    // Completed in the last 30 days: 2 and 7 by Daan Visser (7), 6 by Engineer 8. Noor Bakker (9): none, so no bar.
    // Per technician: Daan's 2 and Noor's 0 over the 2 technicians = 1; Engineer 8's ticket is by someone else.
    const db = await kpiDb(STAFF)
    expect(await evaluateAt(db, 'tickets_closed_per_tech', NOW)).toMatchObject({
      value: 1,
      items: [
        { key: '7', label: 'Daan Visser', value: 2 },
        { key: '8', label: 'Engineer 8', value: 1 },
      ],
      context:
        '3 tickets were completed in the last 30 days (alerts included); the 2 technicians (billable time in the last 30 days) completed 1 each on average, Daan Visser the most (2); 1 by others or nobody.',
    })
    expect((await evaluateAt(db, 'tickets_closed_per_tech', NOW, { lang: 'nl' })).context).toBe(
      'In de afgelopen 30 dagen zijn 3 tickets afgerond (alerts meegeteld); de 2 technici (declarabele tijd in de afgelopen 30 dagen) rondden er gemiddeld 1 af, Daan Visser de meeste (2); 1 door anderen of niemand.',
    )
    // revenue_per_tech and endpoints_per_tech divide by the same two people.
    expect((await evaluateAt(db, 'endpoints_per_tech', NOW)).context).toMatch(/ over 2 billable technicians/)
  })

  test('falls back to the assignee when the completer is unknown', async () => {
    const db = await kpiDb({
      resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }],
      tickets: [{ id: 1, state: 'complete', completed_at: '2026-03-03T10:00:00.000Z', assigned_resource_id: 7 }],
      entries: [{ id: 1, resource_id: 7, date_worked: '2026-03-03', hours_worked: 1, non_billable: 0 as const }],
    })
    expect(await evaluateAt(db, 'tickets_closed_per_tech', NOW)).toMatchObject({
      value: 1,
      items: [{ key: '7', label: 'Daan Visser', value: 1 }],
    })
  })

  test('without billable time in the last 30 days there is no technician to divide by', async () => {
    const db = await kpiDb(FLOW)
    expect(await evaluateAt(db, 'tickets_closed_per_tech', NOW)).toMatchObject({
      value: null,
      context:
        '3 tickets were completed in the last 30 days (alerts included), but nobody logged billable time in the last 30 days: no technician to divide by.',
    })
  })
})
