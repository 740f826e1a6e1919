import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 in Amsterdam; the 30-day window is (2026-02-02T10:00Z, NOW]
const EDGE = '2026-02-02T10:00:00.000Z'

// Resolution work: which tickets were completed in the last 30 days, by whom, and the time logged on them.
const work = {
  resources: [{ id: 7 }, { id: 8 }, { id: 9 }], // 9 logged nothing and resolved nothing
  tickets: [
    {
      id: 1,
      state: 'complete',
      completed_by_resource_id: 7,
      assigned_resource_id: 7,
      completed_at: '2026-03-02T10:00:00.000Z',
      resolved_at: '2026-03-02T10:00:00.000Z',
    },
    {
      id: 2,
      state: 'complete',
      completed_by_resource_id: 7,
      assigned_resource_id: 7,
      completed_at: '2026-03-01T10:00:00.000Z',
      resolved_at: '2026-03-01T10:00:00.000Z',
    },
    {
      id: 3,
      state: 'complete',
      completed_by_resource_id: 8,
      assigned_resource_id: 8,
      completed_at: '2026-02-20T10:00:00.000Z',
      resolved_at: '2026-02-20T10:00:00.000Z',
    },
    {
      id: 4,
      state: 'complete',
      completed_by_resource_id: 8,
      assigned_resource_id: 8,
      completed_at: '2026-02-25T10:00:00.000Z',
      resolved_at: '2026-02-25T10:00:00.000Z',
    },
    {
      id: 5,
      state: 'complete',
      kind: 'alert',
      completed_by_resource_id: 8,
      completed_at: '2026-03-03T10:00:00.000Z',
      resolved_at: '2026-03-03T10:00:00.000Z',
    }, // alert
    { id: 6, state: 'complete', completed_by_resource_id: 7, completed_at: EDGE, resolved_at: EDGE }, // on the open edge: out
    { id: 7, status: 1, state: 'open', assigned_resource_id: 7 }, // still open
    // reopened: resolved, then back to In Progress
    {
      id: 8,
      status: 8,
      state: 'open',
      assigned_resource_id: 7,
      resolved_at: '2026-02-27T12:00:00.000Z',
      last_activity_at: '2026-03-03T15:00:00.000Z',
      company_id: 10,
      contact_id: 20,
    },
    // resolved and waiting to be closed (Work Complete)
    { id: 9, status: 16, state: 'resolved', assigned_resource_id: 8, resolved_at: '2026-02-26T12:00:00.000Z' },
    // reopened, but three weeks ago
    { id: 10, status: 19, state: 'open', assigned_resource_id: 8, resolved_at: '2026-02-10T12:00:00.000Z' },
    // RMM Resolved without a resolution time: waits since its last activity, Monday 13:00
    { id: 11, status: 20, state: 'resolved', assigned_resource_id: 7, last_activity_at: '2026-03-02T12:00:00.000Z' },
  ],
  entries: [
    { id: 101, ticket_id: 1, resource_id: 7, hours_worked: 0.5 },
    { id: 102, ticket_id: 2, resource_id: 7, hours_worked: 1 },
    { id: 103, ticket_id: 2, resource_id: 7, hours_worked: 0.5 },
    { id: 104, ticket_id: 3, resource_id: 7, hours_worked: 1 },
    { id: 105, ticket_id: 3, resource_id: 8, hours_worked: 2 },
    { id: 106, ticket_id: 5, resource_id: 8, hours_worked: 0.25 },
    { id: 107, ticket_id: 6, resource_id: 7, hours_worked: 4 },
    { id: 108, ticket_id: 7, resource_id: 7, hours_worked: 3 },
    // on the reopened ticket: logged late for work before the resolution (started before it), then new work
    {
      id: 109,
      ticket_id: 8,
      resource_id: 8,
      hours_worked: 1,
      start_at: '2026-02-27T10:00:00.000Z',
      created_at: '2026-02-27T16:00:00.000Z',
    },
    {
      id: 110,
      ticket_id: 8,
      resource_id: 7,
      hours_worked: 1,
      start_at: '2026-03-02T09:00:00.000Z',
      created_at: '2026-03-02T10:00:00.000Z',
    },
  ],
  notes: [
    {
      id: 201,
      ticket_id: 8,
      note_type: 31,
      description: 'Slecht',
      created_at: '2026-02-28T09:00:00.000Z',
      creator_contact_id: 20,
    }, // survey comment: no reopen
    {
      id: 202,
      ticket_id: 8,
      note_type: 18,
      description: 'Het probleem is terug.',
      created_at: '2026-03-02T08:00:00.000Z',
      creator_contact_id: 20,
    },
    {
      id: 203,
      ticket_id: 10,
      note_type: 18,
      description: 'Weer kapot.',
      created_at: '2026-02-20T08:00:00.000Z',
      creator_contact_id: 20,
    },
  ],
  sla: [{ id: 301, ticket_id: 8, resolution_resource_id: 8 }],
  surveys: [
    { id: 401, ticket_id: 8, company_id: 10, contact_id: 20, rating: 2, completed_at: '2026-02-28T09:00:00.000Z' },
  ],
  companies: [{ id: 10, name: 'Bakker Installatietechniek B.V.' }],
  contacts: [{ id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries', phone: '+31 20 123 4567' }],
  picklists: [
    { entity: 'Tickets', field: 'status', value: '8', label: 'In Progress' },
    { entity: 'Tickets', field: 'status', value: '16', label: 'Work Complete' },
  ],
}

describe('first_touch_resolution', () => {
  // A first touch is one sitting: every time entry of the ticket by one resource, all on one date worked.
  const sittings = {
    resources: [{ id: 7 }, { id: 8 }],
    tickets: [
      { id: 1, state: 'complete', completed_by_resource_id: 7, completed_at: '2026-03-02T12:00:00.000Z' }, // one entry
      { id: 2, state: 'complete', completed_by_resource_id: 7, completed_at: '2026-03-01T12:00:00.000Z' }, // one sitting in two entries
      { id: 3, state: 'complete', completed_by_resource_id: 7, completed_at: '2026-03-02T15:00:00.000Z' }, // one person, two days
      { id: 4, state: 'complete', completed_by_resource_id: 8, completed_at: '2026-03-03T12:00:00.000Z' }, // two people, one day
      {
        id: 5,
        state: 'complete',
        kind: 'alert',
        completed_by_resource_id: 8,
        completed_at: '2026-03-03T12:00:00.000Z',
      }, // alert, one entry
      { id: 6, state: 'complete', completed_by_resource_id: 8, completed_at: '2026-03-03T12:00:00.000Z' }, // no time at all
      { id: 7, state: 'complete', completed_by_resource_id: 7, completed_at: EDGE }, // on the window's open edge
      { id: 8, status: 8, state: 'open', completed_by_resource_id: 7, completed_at: '2026-03-02T12:00:00.000Z' }, // reopened: not complete now
    ],
    entries: [
      { id: 11, ticket_id: 1, resource_id: 7, date_worked: '2026-03-02', hours_worked: 0.5 },
      { id: 21, ticket_id: 2, resource_id: 7, date_worked: '2026-03-01', hours_worked: 0.25 },
      { id: 22, ticket_id: 2, resource_id: 7, date_worked: '2026-03-01', hours_worked: 0.5 },
      { id: 31, ticket_id: 3, resource_id: 7, date_worked: '2026-02-27', hours_worked: 1 },
      { id: 32, ticket_id: 3, resource_id: 7, date_worked: '2026-03-02', hours_worked: 1 },
      { id: 41, ticket_id: 4, resource_id: 7, date_worked: '2026-03-03', hours_worked: 1 },
      { id: 42, ticket_id: 4, resource_id: 8, date_worked: '2026-03-03', hours_worked: 1 },
      { id: 51, ticket_id: 5, resource_id: 8, date_worked: '2026-03-03', hours_worked: 0.25 },
      { id: 71, ticket_id: 7, resource_id: 7, date_worked: '2026-02-02', hours_worked: 1 },
      { id: 81, ticket_id: 8, resource_id: 7, date_worked: '2026-03-02', hours_worked: 1 },
    ],
  }

  test('the share of worked, completed non-alert tickets solved in one sitting: one resource, one date worked', async () => {
    // Completed in (EDGE, NOW], status Complete, not alerts: 1, 2, 3, 4, 6 (7 is on the edge, 8 is open again, 5 is an
    // alert). With time logged: 1, 2, 3, 4 (6 has none). One resource on one date: 1 and 2. => 2 / 4 = 50%.
    // The old reading (at most one time entry and one technician) counted only 1: 25%.
    const db = await kpiDb(sittings)
    const result = await evaluateAt(db, 'first_touch_resolution', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 50, unit: 'percent', status: 'bad' })
    expect(result.context).toBe(
      '50% of the 4 tickets completed in the last 30 days with time logged (alerts left out) were solved in one sitting, by one technician on one day (2).',
    )
    expect((await evaluateAt(db, 'first_touch_resolution', NOW, { lang: 'nl' })).context).toBe(
      '50% van de 4 tickets die de afgelopen 30 dagen zijn afgerond met geschreven tijd (zonder alerts) is in één keer opgelost, door één engineer op één dag (2).',
    )
  })

  test('with alerts counted, the alert solved in one entry joins', async () => {
    // Adds 5 (one entry by 8 on one day): 3 / 5 = 60%.
    const db = await kpiDb(sittings)
    expect(await evaluateAt(db, 'first_touch_resolution', NOW, { params: { includeAlerts: true } })).toMatchObject({
      value: 60,
    })
  })

  test('for one engineer counts the tickets they completed; a resource with nothing logged gets no value', async () => {
    // Engineer 7 completed 1, 2, 3 (all worked): 1 and 2 in one sitting => 2 / 3 = 66.67%. Engineer 8 completed 4
    // (two people) and 6 (no time) => 0 / 1 = 0%.
    const db = await kpiDb(sittings)
    expect(await evaluateAt(db, 'first_touch_resolution', NOW, { me: 7 })).toMatchObject({ value: 66.67 })
    expect(await evaluateAt(db, 'first_touch_resolution', NOW, { me: 8 })).toMatchObject({ value: 0 })
    const none = await evaluateAt(db, 'first_touch_resolution', NOW, { me: 9 })
    expect(none).toMatchObject({
      value: null,
      status: 'none',
      context: 'No worked tickets were completed in the last 30 days.',
    })
  })

  test('on the shared work fixture', async () => {
    // Worked, completed, not alerts: 1 (one entry), 2 (two entries by 7, both on the default date), 3 (two people).
    // => 1 and 2: 2 / 3 = 66.67%.
    const db = await kpiDb(work)
    expect(await evaluateAt(db, 'first_touch_resolution', NOW)).toMatchObject({ value: 66.67 })
  })
})

describe('single_tech_resolution and escalation_rate', () => {
  test('split the worked tickets by the number of technicians', async () => {
    // Worked tickets 1, 2, 3: techs 1, 1, 2. Single: 2 / 3 = 66.67%; escalated: 1 / 3 = 33.33%.
    const db = await kpiDb(work)
    expect(await evaluateAt(db, 'single_tech_resolution', NOW)).toMatchObject({ value: 66.67, status: 'none' })
    const escalation = await evaluateAt(db, 'escalation_rate', NOW)
    expect(escalation).toMatchObject({ value: 33.33 })
    expect(escalation.context).toBe(
      '1 of the 3 tickets completed in the last 30 days with time logged (alerts left out) needed more than one technician (33.3%).',
    )
  })

  test('with no data at all there is no value', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'escalation_rate', NOW)).toMatchObject({
      value: null,
      context: 'No worked tickets were completed in the last 30 days.',
    })
  })

  test('for one engineer both count the tickets they resolved, so the two still add up to 100%', async () => {
    // Engineer 7 resolved 1 and 2 (one technician each): single 2 / 2 = 100%, escalated 0 / 2 = 0%.
    // Engineer 8 resolved 3 (7 and 8 logged time) and 4 (no time; 5 is an alert): single 0 / 1 = 0%, escalated 1 / 1 = 100%.
    // Engineer 9 resolved nothing: no value. The old escalation_rate ignored the person: 33.33% for everyone.
    const db = await kpiDb(work)
    expect(await evaluateAt(db, 'single_tech_resolution', NOW, { me: 7 })).toMatchObject({ value: 100 })
    expect(await evaluateAt(db, 'escalation_rate', NOW, { me: 7 })).toMatchObject({ value: 0 })
    expect(await evaluateAt(db, 'single_tech_resolution', NOW, { me: 8 })).toMatchObject({ value: 0 })
    const mine = await evaluateAt(db, 'escalation_rate', NOW, { me: 8 })
    expect(mine).toMatchObject({
      value: 100,
      context:
        '1 of the 1 ticket completed in the last 30 days with time logged (alerts left out) needed more than one technician (100%).',
    })
    expect(await evaluateAt(db, 'escalation_rate', NOW, { me: 9 })).toMatchObject({ value: null })
  })
})

describe('hours_per_ticket', () => {
  test('all hours on the completed tickets over those tickets, including one without time', async () => {
    // Tickets 1-4: 0.5 + 1.5 + 3 + 0 = 5 h over 4 tickets = 1.25 h exactly, between 1 (target) and 1.75 (amber line);
    // the sentence rounds to one decimal: 1.3.
    const db = await kpiDb(work)
    const result = await evaluateAt(db, 'hours_per_ticket', NOW)
    expect(result).toMatchObject({ value: 1.25, unit: 'hours', status: 'warn' })
    expect(result.context).toBe('4 tickets completed in the last 30 days (alerts left out) took 5 h, 1.3 h per ticket.')
  })

  test('for one engineer: the tickets they completed', async () => {
    // Engineer 8 completed 3 (3 h, including 7's hour) and 4 (0 h): 1.5 h.
    const db = await kpiDb(work)
    expect(await evaluateAt(db, 'hours_per_ticket', NOW, { me: 8 })).toMatchObject({ value: 1.5 })
  })

  test('a window across the spring clock change opens at the same local time 30 days back', async () => {
    // NOW 2026-04-02T09:00Z is 11:00 summer time; 30 days back is 2026-03-03 11:00 winter time = 10:00Z, not 09:00Z.
    // Completed 09:30Z (local 10:30, out) with 2 h; completed 10:30Z (in) with 1 h => 1 h per ticket.
    const db = await kpiDb({
      tickets: [
        { id: 1, state: 'complete', completed_at: '2026-03-03T09:30:00.000Z' },
        { id: 2, state: 'complete', completed_at: '2026-03-03T10:30:00.000Z' },
      ],
      entries: [
        { id: 1, ticket_id: 1, hours_worked: 2 },
        { id: 2, ticket_id: 2, hours_worked: 1 },
      ],
    })
    expect(await evaluateAt(db, 'hours_per_ticket', '2026-04-02T09:00:00.000Z')).toMatchObject({ value: 1 })
  })
})

describe('reopen_rate', () => {
  test('share of the tickets resolved in the window that are open again', async () => {
    // Resolved in (EDGE, NOW], no alerts: 1, 2, 3, 4 (complete), 8 (In Progress again), 9 (Work Complete),
    // 10 (Customer Note Added, resolved 02-10) = 7; 5 is an alert, 6 sits on the edge.
    // Reopened: 8 and 10 (9 is resolved, waiting to close). => 2 / 7 = 28.571% -> 28.57 (the sentence: 28.6%)
    const db = await kpiDb(work)
    const result = await evaluateAt(db, 'reopen_rate', NOW)
    expect(result).toMatchObject({ value: 28.57, status: 'bad' })
    expect(result.context).toBe('2 of 7 tickets resolved in the last 30 days are open again (28.6%).')
  })
})

describe('reopened_this_week', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.noteType, CONNECTWISE_LACKS.ticketNumber))(
    'lists tickets reopened in the last 7 days with the original resolver and the CSAT',
    async () => {
      // Ticket 8: resolved 02-27 12:00; the first activity after that which is not a survey comment is the
      // customer's note at 03-02 08:00 (entry 109 started before the resolution). 2 days 2 h ago => 2 days.
      // Ticket 10 came back on 02-20: before the window (2026-02-25T10:00Z, NOW].
      const db = await kpiDb(work)
      const result = await evaluateAt(db, 'reopened_this_week', NOW)
      expect(result.kind === 'list' && result.rows).toEqual([
        expect.objectContaining({
          ticketId: 8,
          ticketNumber: 'T2026.8',
          companyName: 'Bakker Installatietechniek B.V.',
          contactName: 'Sanne de Vries',
          contactPhone: '+31 20 123 4567',
          resourceId: 7,
          resourceName: 'Engineer 7',
          resolverId: 8,
          resolverName: 'Engineer 8',
          statusLabel: 'In Progress',
          resolvedAt: '2026-02-27T12:00:00.000Z',
          reopenedAt: '2026-03-02T08:00:00.000Z',
          daysSinceReopen: 2,
          rating: 2,
        }),
      ])
      expect(result).toMatchObject({
        count: 1,
        status: 'warn',
        context: '1 ticket came back in the last 7 days and is open again.',
      })
    },
  )

  test('for one engineer shows reopens they resolved or now hold', async () => {
    const db = await kpiDb(work)
    expect(await evaluateAt(db, 'reopened_this_week', NOW, { me: 8 })).toMatchObject({ count: 1 }) // original resolver
    expect(await evaluateAt(db, 'reopened_this_week', NOW, { me: 7 })).toMatchObject({ count: 1 }) // assignee
    const none = await evaluateAt(db, 'reopened_this_week', NOW, { me: 9, lang: 'nl' })
    expect(none).toMatchObject({ count: 0, status: 'good', context: 'De afgelopen 7 dagen is geen ticket heropend.' })
  })
})

describe('resolved_not_closed', () => {
  test('resolved tickets waiting more than 2 business days', async () => {
    // 9 (Work Complete) resolved Thu 02-26: business days after it up to Wed 03-04 are Fri, Mon, Tue, Wed = 4 > 2: in.
    // 11 (RMM Resolved) waits since Mon 03-02: Tue, Wed = 2, not more than 2: out. 8 is reopened, not resolved.
    const db = await kpiDb(work)
    const result = await evaluateAt(db, 'resolved_not_closed', NOW)
    expect(
      result.kind === 'list' &&
        result.rows.map((r) => [r.ticketId, r.businessDaysSinceResolved, r.statusLabel, r.resourceId]),
    ).toEqual([[9, 4, 'Work Complete', 8]])
    expect(result.context).toBe(
      '1 resolved ticket has waited more than 2 business days to be closed; the oldest 4 business days.',
    )
    expect(await evaluateAt(db, 'resolved_not_closed', NOW, { me: 7 })).toMatchObject({
      count: 0,
      context: 'Every resolved ticket was closed within 2 business days.',
    })
  })

  test('with a 1-day threshold the RMM-resolved alert joins, oldest first', async () => {
    const db = await kpiDb(work)
    const result = await evaluateAt(db, 'resolved_not_closed', NOW, { params: { businessDays: 1 } })
    expect(result.kind === 'list' && result.rows.map((r) => r.ticketId)).toEqual([9, 11])
  })
})

describe('recurring_issue_clients', () => {
  const created = (day: string) => `2026-${day}T09:00:00.000Z`
  const fixture = {
    resources: [{ id: 7, first_name: 'Eva', last_name: 'Jansen' }],
    companies: [
      { id: 10, name: 'Bakker B.V.', owner_resource_id: 7 },
      { id: 11, name: 'Smit Logistiek' },
      { id: 12, name: 'Visser & Zn' },
    ],
    tickets: [
      // Bakker: four mailbox incidents, one exactly on the window's edge => 3
      { id: 1, company_id: 10, kind: 'incident', issue_type: 5, sub_issue_type: 501, created_at: EDGE },
      { id: 2, company_id: 10, kind: 'incident', issue_type: 5, sub_issue_type: 501, created_at: created('02-10') },
      {
        id: 3,
        company_id: 10,
        kind: 'incident',
        issue_type: 5,
        sub_issue_type: 501,
        created_at: created('02-20'),
        state: 'complete',
      },
      {
        id: 4,
        company_id: 10,
        kind: 'incident',
        issue_type: 5,
        sub_issue_type: 501,
        created_at: created('03-03'),
        title: 'Mailbox vol',
      },
      // Bakker: three service requests (new users) do not count
      {
        id: 5,
        company_id: 10,
        kind: 'service_request',
        issue_type: 4,
        sub_issue_type: 402,
        created_at: created('02-11'),
      },
      {
        id: 6,
        company_id: 10,
        kind: 'service_request',
        issue_type: 4,
        sub_issue_type: 402,
        created_at: created('02-12'),
      },
      {
        id: 7,
        company_id: 10,
        kind: 'service_request',
        issue_type: 4,
        sub_issue_type: 402,
        created_at: created('02-13'),
      },
      // Smit: three printer incidents, but a problem ticket is open for printers
      { id: 8, company_id: 11, kind: 'incident', issue_type: 6, sub_issue_type: 601, created_at: created('02-11') },
      { id: 9, company_id: 11, kind: 'incident', issue_type: 6, sub_issue_type: 601, created_at: created('02-12') },
      { id: 10, company_id: 11, kind: 'incident', issue_type: 6, sub_issue_type: 601, created_at: created('02-13') },
      {
        id: 11,
        company_id: 11,
        kind: 'problem',
        issue_type: 6,
        created_at: '2026-01-05T09:00:00.000Z',
        status: 1,
        state: 'open',
      },
      // Visser: two only
      { id: 12, company_id: 12, kind: 'incident', issue_type: 3, sub_issue_type: 302, created_at: created('02-11') },
      { id: 13, company_id: 12, kind: 'incident', issue_type: 3, sub_issue_type: 302, created_at: created('02-12') },
    ],
    picklists: [
      { entity: 'Tickets', field: 'issueType', value: '5', label: 'E-mail & Microsoft 365' },
      { entity: 'Tickets', field: 'subIssueType', value: '501', label: 'Mailbox' },
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'client and issue type with 3+ incidents in 30 days, unless a problem ticket covers it',
    async () => {
      // Bakker mailbox: 2, 3, 4 = 3 (1 is on the edge), 2 still open (3 is complete). Smit is covered, Visser has 2.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'recurring_issue_clients', NOW)
      expect(result.kind === 'list' && result.rows).toEqual([
        expect.objectContaining({
          companyId: 10,
          companyName: 'Bakker B.V.',
          categoryLabel: 'E-mail & Microsoft 365',
          subIssueLabels: 'Mailbox',
          ticketCount: 3,
          openCount: 2,
          ticketId: 4,
          ticketTitle: 'Mailbox vol',
          resourceId: 7,
          resourceName: 'Eva Jansen',
        }),
      ])
      expect(result.context).toBe('1 client had 1 recurring issue in the last 30 days; the largest is 3 tickets.')
      expect(await evaluateAt(db, 'recurring_issue_clients', NOW, { me: 8 })).toMatchObject({ count: 0 })
    },
  )

  // One client, one issue type, three different sub-issue types (and one without): the same recurring problem.
  const SUB_TYPES = {
    companies: [
      { id: 13, name: 'Jansen Tandartsen' },
      { id: 14, name: 'De Vries Advocaten' },
    ],
    tickets: [
      { id: 21, company_id: 13, kind: 'incident', issue_type: 5, sub_issue_type: 501, created_at: created('02-16') },
      { id: 22, company_id: 13, kind: 'incident', issue_type: 5, sub_issue_type: 502, created_at: created('02-23') },
      {
        id: 23,
        company_id: 13,
        kind: 'incident',
        issue_type: 5,
        sub_issue_type: 502,
        created_at: created('02-25'),
        state: 'complete',
      },
      {
        id: 24,
        company_id: 13,
        kind: 'incident',
        issue_type: 5,
        created_at: created('03-02'),
        title: 'Mail komt niet aan',
      },
      // De Vries: two e-mail incidents and one printer incident: no issue type reaches 3
      { id: 25, company_id: 14, kind: 'incident', issue_type: 5, sub_issue_type: 501, created_at: created('02-16') },
      { id: 26, company_id: 14, kind: 'incident', issue_type: 5, sub_issue_type: 502, created_at: created('02-17') },
      { id: 27, company_id: 14, kind: 'incident', issue_type: 6, sub_issue_type: 601, created_at: created('02-18') },
    ],
    picklists: [
      { entity: 'Tickets', field: 'issueType', value: '5', label: 'E-mail & Microsoft 365' },
      { entity: 'Tickets', field: 'subIssueType', value: '501', label: 'Mailbox' },
      { entity: 'Tickets', field: 'subIssueType', value: '502', label: 'Outlook' },
    ],
  }

  test('one issue type over different sub-issue types is one recurring issue', async () => {
    // Jansen, issue type 5: 21 (Mailbox), 22 and 23 (Outlook), 24 (none) = 4 tickets, 3 still open (23 is complete);
    // last raised 24. Sub-issue types by count: Outlook (2), Mailbox (1). De Vries: 2 of type 5, 1 of type 6: not listed.
    // The old reading grouped by sub-issue type too (1 + 2 + 1) and listed nobody.
    const db = await kpiDb(SUB_TYPES)
    const result = await evaluateAt(db, 'recurring_issue_clients', NOW)
    expect(result.kind === 'list' && result.rows).toEqual([
      expect.objectContaining({
        companyId: 13,
        issueType: 5,
        categoryLabel: 'E-mail & Microsoft 365',
        subIssueLabels: 'Outlook, Mailbox',
        ticketCount: 4,
        openCount: 3,
        ticketId: 24,
        ticketTitle: 'Mail komt niet aan',
      }),
    ])
    expect(result.context).toBe('1 client had 1 recurring issue in the last 30 days; the largest is 4 tickets.')
  })
})
