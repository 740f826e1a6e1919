import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

// NOW is Wednesday 2026-03-04 11:00 CET; business hours Mon-Fri 08:30-17:30 local (07:30-16:30Z in winter).
// 7 days back is 2026-02-25T10:00Z, 30 days back 2026-02-02T10:00Z, 90 days back 2025-12-04T10:00Z.
const NOW = '2026-03-04T10:00:00.000Z'

describe('first_response_sla_7d', () => {
  const fixture = {
    tickets: [
      // responded exactly at the due time: met
      {
        id: 1,
        created_at: '2026-03-03T08:00:00.000Z',
        first_response_due_at: '2026-03-03T09:00:00.000Z',
        first_response_at: '2026-03-03T09:00:00.000Z',
      },
      // responded after the due time: missed
      {
        id: 2,
        created_at: '2026-03-03T08:00:00.000Z',
        first_response_due_at: '2026-03-03T09:00:00.000Z',
        first_response_at: '2026-03-03T09:30:00.000Z',
      },
      // past due, no response: missed
      { id: 3, created_at: '2026-03-03T12:00:00.000Z', first_response_due_at: '2026-03-03T13:00:00.000Z' },
      // not yet due, no response: not judged
      { id: 4, created_at: '2026-03-04T09:30:00.000Z', first_response_due_at: '2026-03-04T10:30:00.000Z' },
      // not yet due but already answered: met
      {
        id: 5,
        created_at: '2026-03-04T09:00:00.000Z',
        first_response_due_at: '2026-03-04T11:00:00.000Z',
        first_response_at: '2026-03-04T09:15:00.000Z',
      },
      // exactly on the window's open edge: out
      { id: 6, created_at: '2026-02-25T10:00:00.000Z', first_response_due_at: '2026-02-25T11:00:00.000Z' },
      // no SLA: not judged; answered overnight, Tue 17:00 CET -> Wed 09:00 CET
      { id: 7, created_at: '2026-03-03T16:00:00.000Z', first_response_at: '2026-03-04T08:00:00.000Z' },
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'share answered at or before the due time among those due or answered',
    async () => {
      // Judged: 1, 2, 3, 5. Met: 1, 5. => 2 / 4 = 50%.
      const db = await kpiDb(fixture)
      expect(await evaluateAt(db, 'first_response_sla_7d', NOW)).toMatchObject({
        value: 50,
        status: 'bad',
        context: '2 of 4 tickets from the last 7 days got their first response in time (50%); 2 missed it.',
      })
    },
  )

  test('no tickets: no share', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'first_response_sla_7d', NOW)).toMatchObject({
      value: null,
      context: 'No first-response deadline has come up yet for tickets created in the last 7 days.',
    })
  })

  test('first_response_median counts business hours, overnight included', async () => {
    // 1: Tue 09:00 -> 10:00 CET = 1.0; 2: 09:00 -> 10:30 = 1.5; 5: Wed 10:00 -> 10:15 = 0.25;
    // 7: Tue 17:00 -> Wed 09:00 CET = 0.5 (to 17:30) + 0.5 (from 08:30) = 1.0. 3 has no response; 6 is out.
    // Sorted 0.25, 1, 1, 1.5: median 1.0 (<= 1: good).
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'first_response_median', NOW)).toMatchObject({
      value: 1,
      status: 'good',
      context: 'Half of the 4 tickets answered from the last 7 days got a first response within 1 business hour.',
    })
  })
})

describe('SLA verdicts: sla_compliance, sla_by_priority, sla_by_company', () => {
  const fixture = {
    companies: [
      { id: 10, name: 'Bakker Installatietechniek B.V.' },
      { id: 11, name: 'Kompas Architecten' },
    ],
    tickets: [
      {
        id: 1,
        state: 'complete',
        completed_at: '2026-03-03T10:00:00.000Z',
        sla_met: 1 as const,
        assigned_resource_id: 7,
        priority: 4,
        urgency: 1,
        company_id: 10,
      },
      {
        id: 2,
        state: 'complete',
        completed_at: '2026-03-03T12:00:00.000Z',
        sla_met: 0 as const,
        assigned_resource_id: 8,
        priority: 2,
        urgency: 3,
        company_id: 10,
      },
      {
        id: 3,
        state: 'complete',
        completed_at: '2026-03-02T10:00:00.000Z',
        sla_met: 1 as const,
        assigned_resource_id: 7,
        priority: 2,
        urgency: 3,
        company_id: 11,
      },
      {
        id: 4,
        state: 'complete',
        completed_at: '2026-03-01T10:00:00.000Z',
        sla_met: null,
        assigned_resource_id: 7,
        priority: 2,
        urgency: 3,
        company_id: 11,
      },
      {
        id: 5,
        state: 'complete',
        completed_at: '2026-02-20T10:00:00.000Z',
        sla_met: 0 as const,
        assigned_resource_id: 7,
        priority: 4,
        urgency: 1,
        company_id: 11,
      },
      {
        id: 6,
        state: 'complete',
        completed_at: '2026-02-10T10:00:00.000Z',
        sla_met: 1 as const,
        assigned_resource_id: 7,
        priority: 3,
        urgency: 4,
        company_id: 11,
      },
    ],
  }

  test('sla_compliance over the last 7 days, and for one engineer', async () => {
    // In 7 days with a verdict: 1 (met), 2 (missed), 3 (met); 4 has no SLA. => 2 / 3 = 66.67% (the sentence: 66.7%).
    // Engineer 7: 1, 3 => 2 / 2 = 100%.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'sla_compliance', NOW)).toMatchObject({
      value: 66.67,
      status: 'bad',
      context: '2 of 3 tickets completed in the last 7 days met their SLA (66.7%).',
    })
    expect(await evaluateAt(db, 'sla_compliance', NOW, { me: 7, lang: 'nl' })).toMatchObject({
      value: 100,
      status: 'good',
      context: '2 van de 2 tickets van jou die de afgelopen 7 dagen zijn afgerond, haalden hun SLA (100%).',
    })
  })

  test('sla_by_priority over 30 days, Critical first', async () => {
    // 1 Critical met, 5 Critical missed -> 50; 2 Medium missed, 3 Medium met -> 50; 6 Low met -> 100. All 3 / 5 = 60.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'sla_by_priority', NOW)).toMatchObject({
      value: 60,
      items: [
        { key: '4', label: 'Critical', value: 50 },
        { key: '2', label: 'Medium', value: 50 },
        { key: '3', label: 'Low', value: 100 },
      ],
      context: '3 of 5 tickets completed in the last 30 days met their SLA (60%); Critical at 50%.',
    })
  })

  test('sla_by_company over 90 days, worst first', async () => {
    // Bakker: 1 met, 2 missed -> 50. Kompas: 3 met, 5 missed, 6 met -> 2 / 3 = 66.67. All 3 / 5 = 60.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'sla_by_company', NOW)).toMatchObject({
      value: 60,
      status: 'bad',
      items: [
        { key: '10', label: 'Bakker Installatietechniek B.V.', value: 50 },
        { key: '11', label: 'Kompas Architecten', value: 66.67 },
      ],
      // Every ticket was created on 5 January (the fixture's default): 27 + 28 + 4 = 59 of the 90 days hold data.
      context:
        '2 of 2 clients are below 95% SLA over the last 90 days (overall 60%); lowest is Bakker Installatietechniek B.V. at 50%.',
      window: 'completed in the last 90 days (59 days of data)',
    })
  })

  test('no data: no compliance, still a sentence', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'sla_compliance', NOW)).toMatchObject({
      value: null,
      context: 'No ticket with an SLA was completed in the last 7 days.',
    })
    expect(await evaluateAt(db, 'sla_by_company', NOW)).toMatchObject({ value: null, items: [] })
  })
})

describe('resolution times: mttr_incidents and resolution_p90', () => {
  const fixture = {
    tickets: [
      // Mon 09:30 -> 13:30 CET: 4 h
      {
        id: 1,
        state: 'complete',
        kind: 'incident',
        priority: 4,
        urgency: 1,
        created_at: '2026-03-02T08:30:00.000Z',
        resolved_at: '2026-03-02T12:30:00.000Z',
      },
      // Fri 16:30 CET -> Mon 10:30 CET: 1 h Friday + 2 h Monday = 3 h
      {
        id: 2,
        state: 'complete',
        kind: 'incident',
        priority: 2,
        urgency: 3,
        created_at: '2026-02-27T15:30:00.000Z',
        resolved_at: '2026-03-02T09:30:00.000Z',
      },
      // Tue 09:30 -> 16:30 CET: 7 h
      {
        id: 3,
        state: 'complete',
        kind: 'incident',
        priority: 2,
        urgency: 3,
        created_at: '2026-03-03T08:30:00.000Z',
        resolved_at: '2026-03-03T15:30:00.000Z',
      },
      // a service request: 1 h, not an incident
      {
        id: 4,
        state: 'complete',
        kind: 'service_request',
        priority: 2,
        urgency: 3,
        created_at: '2026-03-03T08:30:00.000Z',
        resolved_at: '2026-03-03T09:30:00.000Z',
      },
      // an alert: left out of both
      {
        id: 5,
        state: 'complete',
        kind: 'alert',
        priority: 2,
        urgency: 3,
        created_at: '2026-03-03T08:30:00.000Z',
        resolved_at: '2026-03-03T08:35:00.000Z',
      },
    ],
  }

  test('mttr_incidents: mean business hours per priority', async () => {
    // Incidents 1, 2, 3: (4 + 3 + 7) / 3 = 4.667 -> 4.67 (the sentence: 4.7). Critical: 4. Medium: (3 + 7) / 2 = 5.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'mttr_incidents', NOW)).toMatchObject({
      value: 4.67,
      items: [
        { key: '4', label: 'Critical', value: 4 },
        { key: '2', label: 'Medium', value: 5 },
      ],
      context: '3 incidents resolved in the last 30 days took 4.7 business hours on average.',
    })
  })

  test('resolution_p90 interpolates the 90th percentile', async () => {
    // Types 1-3: 1, 3, 4, 7. Position (4 - 1) x 0.9 = 2.7: 4 + 0.7 x (7 - 4) = 6.1.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'resolution_p90', NOW, { lang: 'nl' })).toMatchObject({
      value: 6.1,
      context: '9 op de 10 van de 4 tickets die de afgelopen 30 dagen zijn opgelost, duurden hoogstens 6,1 werkuren.',
    })
  })

  test('business hours across the spring DST switch', async () => {
    // Fri 27 Mar 16:30 CET (15:30Z) -> Mon 30 Mar 09:30 CEST (07:30Z): 1 h + 1 h = 2 h.
    // (Counting Monday with the winter offset would give 08:30 local: 0 h.)
    const db = await kpiDb({
      tickets: [
        {
          id: 1,
          state: 'complete',
          kind: 'incident',
          priority: 2,
          urgency: 3,
          created_at: '2026-03-27T15:30:00.000Z',
          resolved_at: '2026-03-30T07:30:00.000Z',
        },
      ],
    })
    expect(await evaluateAt(db, 'mttr_incidents', '2026-03-30T10:00:00.000Z')).toMatchObject({ value: 2 })
  })

  test('nothing resolved: no value', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'resolution_p90', NOW)).toMatchObject({
      value: null,
      context: 'No tickets were resolved in the last 30 days.',
    })
    expect(await evaluateAt(db, 'mttr_incidents', NOW)).toMatchObject({ value: null, items: [] })
  })
})

describe('breach_rate_7d', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'due in the last 7 days: resolved late or not resolved',
    async () => {
      // 1 resolved exactly at due: in time. 2 resolved an hour late: breached. 3 open past due: breached.
      // 4 open past due but Waiting Customer: left out. 5 due tomorrow: out. 6 completed (no resolved time) before due: in time.
      // => 2 / 4 = 50%.
      const db = await kpiDb({
        tickets: [
          {
            id: 1,
            state: 'complete',
            resolved_due_at: '2026-03-03T10:00:00.000Z',
            resolved_at: '2026-03-03T10:00:00.000Z',
          },
          {
            id: 2,
            state: 'complete',
            resolved_due_at: '2026-03-03T10:00:00.000Z',
            resolved_at: '2026-03-03T11:00:00.000Z',
          },
          { id: 3, status: 1, state: 'open', resolved_due_at: '2026-03-04T09:00:00.000Z' },
          { id: 4, status: 7, state: 'waiting_customer', resolved_due_at: '2026-03-04T09:00:00.000Z' },
          { id: 5, status: 1, state: 'open', resolved_due_at: '2026-03-05T09:00:00.000Z' },
          {
            id: 6,
            state: 'complete',
            resolved_due_at: '2026-03-02T09:00:00.000Z',
            completed_at: '2026-03-02T08:00:00.000Z',
          },
        ],
      })
      expect(await evaluateAt(db, 'breach_rate_7d', NOW)).toMatchObject({
        value: 50,
        status: 'bad',
        context: '2 of 4 tickets due in the last 7 days breached their SLA (50%).',
      })
    },
  )
})

describe('action lists', () => {
  const fixture = {
    companies: [{ id: 10, name: 'Bakker Installatietechniek B.V.' }],
    contacts: [{ id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries', phone: '+31 20 123 4567' }],
    resources: [
      { id: 7, first_name: 'Daan', last_name: 'Visser' },
      { id: 8, first_name: 'Eva', last_name: 'Mulder' },
    ],
    tickets: [
      // Critical, unassigned, no first response (due 10:00 CET, 1 business hour ago)
      {
        id: 21,
        status: 1,
        state: 'open',
        priority: 4,
        urgency: 1,
        company_id: 10,
        contact_id: 20,
        title: 'Server plat',
        created_at: '2026-03-04T08:00:00.000Z',
        first_response_due_at: '2026-03-04T09:00:00.000Z',
        resolved_due_at: '2026-03-04T13:00:00.000Z',
      },
      // resolution due Tue 17:00 CET: 0.5 h Tuesday + 2.5 h Wednesday = 3 business hours overdue; plan due Tue 13:00 CET
      {
        id: 22,
        status: 8,
        state: 'open',
        priority: 2,
        urgency: 3,
        assigned_resource_id: 7,
        created_at: '2026-03-02T09:00:00.000Z',
        first_response_at: '2026-03-02T09:30:00.000Z',
        resolved_due_at: '2026-03-03T16:00:00.000Z',
        resolution_plan_due_at: '2026-03-03T12:00:00.000Z',
      },
      // waiting on the customer: clock stopped, on no SLA list
      {
        id: 23,
        status: 7,
        state: 'waiting_customer',
        priority: 2,
        urgency: 3,
        assigned_resource_id: 7,
        created_at: '2026-02-26T09:00:00.000Z',
        first_response_at: '2026-02-26T09:30:00.000Z',
        resolved_due_at: '2026-03-01T09:00:00.000Z',
        resolution_plan_due_at: '2026-02-26T12:00:00.000Z',
      },
      // resolution due 13:00 CET: exactly 2 business hours left, at risk (within 2 hours includes 2 hours)
      {
        id: 24,
        status: 8,
        state: 'open',
        priority: 2,
        urgency: 3,
        assigned_resource_id: 8,
        created_at: '2026-03-04T07:00:00.000Z',
        first_response_at: '2026-03-04T07:30:00.000Z',
        resolved_due_at: '2026-03-04T12:00:00.000Z',
      },
      // first response due 11:30 CET: 30 minutes left, unassigned
      {
        id: 25,
        status: 1,
        state: 'open',
        priority: 1,
        urgency: 2,
        created_at: '2026-03-04T09:30:00.000Z',
        first_response_due_at: '2026-03-04T10:30:00.000Z',
        resolved_due_at: '2026-03-05T09:30:00.000Z',
      },
      // resolution due 12:30 CET: 90 minutes left; plan due 10:30 CET: half a business hour overdue
      {
        id: 26,
        status: 8,
        state: 'open',
        priority: 2,
        urgency: 3,
        assigned_resource_id: 7,
        created_at: '2026-03-04T07:00:00.000Z',
        first_response_at: '2026-03-04T07:10:00.000Z',
        resolved_due_at: '2026-03-04T11:30:00.000Z',
        resolution_plan_due_at: '2026-03-04T09:30:00.000Z',
      },
      // resolution due exactly now: at risk with 0 minutes, not yet breached
      {
        id: 27,
        status: 8,
        state: 'open',
        priority: 3,
        urgency: 4,
        assigned_resource_id: 8,
        created_at: '2026-03-03T07:00:00.000Z',
        first_response_at: '2026-03-03T07:10:00.000Z',
        resolved_due_at: '2026-03-04T10:00:00.000Z',
      },
      // same overdue time as 22: the tie goes by id; its plan was given
      {
        id: 28,
        status: 8,
        state: 'open',
        priority: 2,
        urgency: 3,
        assigned_resource_id: 8,
        created_at: '2026-03-02T09:00:00.000Z',
        first_response_at: '2026-03-02T11:30:00.000Z',
        resolved_due_at: '2026-03-03T16:00:00.000Z',
        resolution_plan_due_at: '2026-03-03T12:00:00.000Z',
        resolution_plan_at: '2026-03-03T11:00:00.000Z',
      },
      // a monitoring alert without a response: no human first response needed; unassigned 3 hours, on no human list
      {
        id: 29,
        status: 1,
        state: 'open',
        priority: 2,
        urgency: 3,
        kind: 'alert',
        created_at: '2026-03-04T07:00:00.000Z',
      },
      // no SLA, no response, created Friday 18:00 CET (after hours): Mon 9 h + Tue 9 h + Wed 2.5 h = 20.5 h = 1230 business minutes
      {
        id: 30,
        status: 1,
        state: 'open',
        priority: 3,
        urgency: 4,
        assigned_resource_id: 8,
        created_at: '2026-02-27T17:00:00.000Z',
      },
      // Critical, created exactly 15 minutes ago: not yet late; 15 business minutes without response
      { id: 31, status: 1, state: 'open', priority: 4, urgency: 1, created_at: '2026-03-04T09:45:00.000Z' },
      // Critical, assigned but no first response for 60 minutes
      {
        id: 32,
        status: 1,
        state: 'open',
        priority: 4,
        urgency: 1,
        assigned_resource_id: 7,
        created_at: '2026-03-04T09:00:00.000Z',
      },
      // completed: on no list
      {
        id: 33,
        state: 'complete',
        priority: 4,
        urgency: 1,
        created_at: '2026-03-04T08:00:00.000Z',
        completed_at: '2026-03-04T09:00:00.000Z',
        resolved_due_at: '2026-03-04T09:30:00.000Z',
      },
    ],
  }
  const ids = (result: Awaited<ReturnType<typeof evaluateAt>>) =>
    result.kind === 'list' ? result.rows.map((row) => row.ticketId) : null

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'sla_breached_open: most overdue first, with who and what',
    async () => {
      // 21: first response 1 business hour late; 22 and 28: resolution 3 business hours late (tie by id). 23 waits on
      // the customer; 27 is due exactly now (not past); 33 is complete.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'sla_breached_open', NOW)
      expect(ids(result)).toEqual([22, 28, 21])
      expect(result).toMatchObject({
        count: 3,
        status: 'bad',
        context: '3 open tickets are past the SLA; 1 unassigned.',
      })
      if (result.kind !== 'list') return
      expect(result.rows[0]).toMatchObject({
        slaEvent: 'resolution',
        dueAt: '2026-03-03T16:00:00.000Z',
        overdueHours: 3,
        resourceName: 'Daan Visser',
        priorityLabel: 'Medium',
      })
      expect(result.rows[2]).toMatchObject({
        ticketNumber: 'T2026.21',
        ticketTitle: 'Server plat',
        companyName: 'Bakker Installatietechniek B.V.',
        contactName: 'Sanne de Vries',
        contactPhone: '+31 20 123 4567',
        resourceId: null,
        resourceName: null,
        priorityLabel: 'Critical',
        slaEvent: 'first response',
        overdueHours: 1,
      })
      // On a Dutch wall our own words are Dutch; without picklist labels, so are the priorities.
      const dutch = await evaluateAt(await kpiDb({ ...fixture, picklists: [] }), 'sla_breached_open', NOW, {
        lang: 'nl',
      })
      expect(
        dutch.kind === 'list' && dutch.rows.map((row) => [row.ticketNumber, row.slaEvent, row.priorityLabel]),
      ).toEqual([
        ['T2026.22', 'oplossing', 'Gemiddeld'],
        ['T2026.28', 'oplossing', 'Gemiddeld'],
        ['T2026.21', 'eerste reactie', 'Kritiek'],
      ])
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))('sla_breached_open for one engineer', async () => {
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'sla_breached_open', NOW, { me: 7, lang: 'nl' })
    expect(ids(result)).toEqual([22])
    expect(result.context).toBe('1 open ticket van jou is over de SLA heen; 0 zonder behandelaar.')
  })

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'sla_at_risk_2h: next SLA deadline within 2 business hours (2 h included), least time left first',
    async () => {
      // 27: 0 min; 25: first response in 30 min; 26: resolution in 90 min; 24: resolution due 13:00 CET, now 11:00 CET,
      // exactly 120 business minutes: in (the old strict "<" left it out). 21 and 22 are past due (breached list).
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'sla_at_risk_2h', NOW)
      expect(ids(result)).toEqual([27, 25, 26, 24])
      expect(result.kind === 'list' && result.rows.map((row) => [row.slaEvent, row.minutesLeft])).toEqual([
        ['resolution', 0],
        ['first response', 30],
        ['resolution', 90],
        ['resolution', 120],
      ])
      expect(result.context).toBe('4 tickets breach their SLA within 2 business hours; 1 is unassigned.')
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'sla_at_risk_2h: a deadline a minute beyond 2 business hours is not at risk yet',
    async () => {
      // Now 11:00 CET; due 13:01 CET = 121 business minutes away: out. Due 13:00 CET = 120: in.
      const db = await kpiDb({
        tickets: [
          {
            id: 1,
            status: 8,
            state: 'open',
            first_response_at: '2026-03-04T08:00:00.000Z',
            resolved_due_at: '2026-03-04T12:01:00.000Z',
          },
          {
            id: 2,
            status: 8,
            state: 'open',
            first_response_at: '2026-03-04T08:00:00.000Z',
            resolved_due_at: '2026-03-04T12:00:00.000Z',
          },
        ],
      })
      expect(ids(await evaluateAt(db, 'sla_at_risk_2h', NOW))).toEqual([2])
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'sla_at_risk_2h counts business time: Friday evening sees Monday morning as close',
    async () => {
      // Fri 6 Mar 18:00 CET; due Mon 9 Mar 09:30 CET = 1 business hour away. Clock time is 63.5 hours.
      const db = await kpiDb({
        tickets: [
          {
            id: 1,
            status: 8,
            state: 'open',
            first_response_at: '2026-03-06T09:00:00.000Z',
            resolved_due_at: '2026-03-09T08:30:00.000Z',
          },
        ],
      })
      const result = await evaluateAt(db, 'sla_at_risk_2h', '2026-03-06T17:00:00.000Z')
      expect(result.kind === 'list' && result.rows.map((row) => row.minutesLeft)).toEqual([60])
    },
  )

  test('no_first_response: oldest first, alerts left out (includeAlerts adds them), age in business minutes', async () => {
    // 30 (1230), 21 (Wed 09:00 -> 11:00 CET = 120), 32 (60), 25 (30), 31 (15). 29 is an alert.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'no_first_response', NOW)
    expect(ids(result)).toEqual([30, 21, 32, 25, 31])
    expect(result.kind === 'list' && result.rows.map((row) => row.ageBusinessMinutes)).toEqual([1230, 120, 60, 30, 15])
    expect(result.context).toBe('5 open tickets still have no first response; the oldest has waited 20.5 business h.')
    expect(ids(await evaluateAt(db, 'no_first_response', NOW, { me: 8 }))).toEqual([30])
    // With alerts: 29 was created Wed 07:00Z = 08:00 CET, before 21 (09:00 CET); it has waited 150 business minutes
    // (from 08:30), so it comes second.
    const withAlerts = await evaluateAt(db, 'no_first_response', NOW, { params: { includeAlerts: true } })
    expect(ids(withAlerts)).toEqual([30, 29, 21, 32, 25, 31])
    expect(withAlerts.kind === 'list' && withAlerts.rows[1]!.ageBusinessMinutes).toBe(150)
  })

  test('critical_not_picked_up_15m: critical, older than 15 minutes, unassigned or unanswered', async () => {
    // 21: 120 min, nobody and no response; 32: 60 min, no response. 31 is exactly 15 minutes old: not yet.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'critical_not_picked_up_15m', NOW)
    expect(ids(result)).toEqual([21, 32])
    expect(result.kind === 'list' && result.rows.map((row) => [row.minutesOpen, row.missing])).toEqual([
      [120, 'assignee, first response'],
      [60, 'first response'],
    ])
    expect(result).toMatchObject({
      status: 'bad',
      context: '2 critical tickets have not been picked up after 15 minutes; 1 has nobody assigned.',
    })
    expect((await evaluateAt(db, 'critical_not_picked_up_15m', NOW, { lang: 'nl' })).context).toBe(
      '2 kritieke tickets zijn na 15 minuten nog niet opgepakt; bij 1 is niemand toegewezen.',
    )
    // One ticket: "kritiek", not "kritieke" (32 is only 60 minutes old: a 90-minute threshold leaves 21).
    expect(
      (await evaluateAt(db, 'critical_not_picked_up_15m', NOW, { lang: 'nl', params: { minutes: 90 } })).context,
    ).toBe('1 kritiek ticket is na 90 minuten nog niet opgepakt; bij 1 is niemand toegewezen.')
  })

  test('tickets_unassigned: open, nobody assigned, created more than 30 minutes ago, oldest first, alerts left out', async () => {
    // 21 (120 min). 29 (180 min) is a monitoring alert: not a dispatcher's job (the old list showed it first).
    // 25 is exactly 30 minutes old: not yet; 31 is 15 minutes old.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'tickets_unassigned', NOW)
    expect(ids(result)).toEqual([21])
    expect(result.kind === 'list' && result.rows.map((row) => row.ageMinutes)).toEqual([120])
    expect(result.context).toBe('1 open ticket has had nobody assigned for over 30 minutes; 1 is Critical or High.')
    // With alerts counted, 29 comes first again.
    expect(ids(await evaluateAt(db, 'tickets_unassigned', NOW, { params: { includeAlerts: true } }))).toEqual([29, 21])
  })

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'resolution_plan_overdue: no plan by its SLA time, most overdue first',
    async () => {
      // 22: plan due Tue 13:00 CET -> 4.5 + 2.5 = 7 business hours; 26: due 10:30 CET -> 0.5. 23 waits; 28 has a plan.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'resolution_plan_overdue', NOW)
      expect(ids(result)).toEqual([22, 26])
      expect(result.kind === 'list' && result.rows.map((row) => row.overdueHours)).toEqual([7, 0.5])
      expect(result.context).toBe('2 open tickets passed the SLA time for a resolution plan without one.')
    },
  )

  test('with no tickets every list is empty, green, and says so', async () => {
    const db = await kpiDb({})
    for (const [id, context] of [
      ['sla_breached_open', 'No open ticket is past its SLA.'],
      ['sla_at_risk_2h', 'No ticket breaches its SLA within 2 business hours.'],
      ['no_first_response', 'Every open ticket has had a first response.'],
      ['critical_not_picked_up_15m', 'Every critical ticket was picked up within 15 minutes.'],
      ['tickets_unassigned', 'Every ticket older than 30 minutes has someone assigned.'],
      ['resolution_plan_overdue', 'No open ticket is waiting for an overdue resolution plan.'],
    ] as const) {
      expect(await evaluateAt(db, id, NOW)).toMatchObject({ count: 0, status: 'good', context })
    }
  })
})

describe('sla_compliance_trend', () => {
  // NOW Wednesday 2026-04-08 12:00 CEST; this ISO week starts Monday 04-06, so the last 3 full weeks are those of
  // Monday 03-16, 03-23 (with the spring switch on Sunday 03-29) and 03-30.
  const TREND_NOW = '2026-04-08T10:00:00.000Z'
  const done = (id: number, completed_at: string, sla_met: 0 | 1 | null, extra: Record<string, unknown> = {}) => ({
    id,
    state: 'complete' as const,
    completed_at,
    sla_met,
    ...extra,
  })
  const fixture = {
    tickets: [
      done(1, '2026-03-15T22:59:59.999Z', 0), // Sun 03-15 23:59:59 CET: the week before the first: out
      done(2, '2026-03-15T23:00:00.000Z', 1, { assigned_resource_id: 7 }), // Mon 03-16 00:00 CET: week 03-16, met
      done(3, '2026-03-17T10:00:00.000Z', 0), // week 03-16, missed
      done(4, '2026-03-24T10:00:00.000Z', 1, { kind: 'alert' }), // an alert with an SLA verdict: counts, week 03-23
      done(5, '2026-03-29T21:59:59.999Z', 1), // Sun 03-29 23:59:59 CEST: week 03-23, met
      done(6, '2026-03-29T22:00:00.000Z', 1, { assigned_resource_id: 7 }), // Mon 03-30 00:00 CEST: week 03-30, met
      done(7, '2026-03-31T10:00:00.000Z', 0, { assigned_resource_id: 7 }), // week 03-30, missed
      done(8, '2026-04-01T10:00:00.000Z', null), // no SLA: nowhere
      done(9, '2026-04-06T09:00:00.000Z', 0), // this week, under way: out
      { id: 10, status: 8, state: 'open', completed_at: '2026-03-31T12:00:00.000Z', sla_met: 0 as const }, // reopened, not complete: out
    ],
  }

  test('the SLA-met share per full ISO week; the number is last week', async () => {
    // Week 03-16: 2 met, 3 missed => 1 / 2 = 50%. Week 03-23: 4, 5 met => 100%. Week 03-30: 6 met, 7 missed => 50%.
    // Last week 50% (below 92: bad). Over the 3 weeks: 4 met of 6 = 66.67%.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'sla_compliance_trend', TREND_NOW, { params: { weeks: 3 } })
    expect(result).toMatchObject({
      kind: 'trend',
      value: 50,
      unit: 'percent',
      status: 'bad',
      points: [
        { t: '2026-03-16', value: 50 },
        { t: '2026-03-23', value: 100 },
        { t: '2026-03-30', value: 50 },
      ],
      context: 'Last week 1 of 2 tickets met their SLA (50%); 66.7% over the last 3 weeks.',
    })
    expect(
      (await evaluateAt(db, 'sla_compliance_trend', TREND_NOW, { params: { weeks: 3 }, lang: 'nl' })).context,
    ).toBe('Vorige week haalden 1 van de 2 tickets hun SLA (50%); 66,7% over de afgelopen 3 weken.')
  })

  test('a window reaching back before the first synced ticket says how much history there is', async () => {
    // The first ticket was created Tuesday 03-17: 12 weeks back from Monday 04-06 starts 01-12, so the data
    // covers 03-17 to today, Wednesday 04-08: 15 days of March and 8 of April, 23 days. Judged: 3 and 7 missed,
    // 4, 5 and 6 met: 3 of 5 = 60%; last week (03-30) 6 met, 7 missed.
    const db = await kpiDb({
      tickets: fixture.tickets.filter((t) => t.id >= 3).map((t) => ({ ...t, created_at: '2026-03-17T08:00:00.000Z' })),
    })
    // Said on the window, which every tile shows; not again in the sentence.
    expect(await evaluateAt(db, 'sla_compliance_trend', TREND_NOW)).toMatchObject({
      window: 'last full ISO week; line: last 12 full ISO weeks (23 days of data)',
      context: 'Last week 1 of 2 tickets met their SLA (50%); 60% over the last 12 weeks.',
    })
    expect(await evaluateAt(db, 'sla_compliance_trend', TREND_NOW, { lang: 'nl' })).toMatchObject({
      window: 'vorige volle ISO-week; lijn: afgelopen 12 volle ISO-weken (23 dagen gegevens)',
      context: 'Vorige week haalden 1 van de 2 tickets hun SLA (50%); 60% over de afgelopen 12 weken.',
    })
    // Three weeks back (from 03-16) the history nearly covers it, but not quite: it starts a day later.
    expect((await evaluateAt(db, 'sla_compliance_trend', TREND_NOW, { params: { weeks: 3 } })).window).toMatch(
      / \(23 days of data\)$/,
    )
    // Tickets created per day, over the last 30 calendar days (from 03-10): 8 tickets over the 23 days that hold data.
    expect(await evaluateAt(db, 'tickets_created', TREND_NOW)).toMatchObject({
      window: 'last 30 calendar days, today so far included, per day (23 days of data)',
      context: '8 tickets were created on the last 30 calendar days (alerts included), 0.3 a day; 0 so far today.',
    })
  })

  test('twelve weeks by default, a week without verdicts has no point value; for one engineer only their tickets', async () => {
    // 12 weeks back from Monday 04-06: from Monday 01-12. Weeks before 03-16 have no tickets: null.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'sla_compliance_trend', TREND_NOW)
    expect(result.kind === 'trend' && [result.points.length, result.points[0], result.points.at(-1)]).toEqual([
      12,
      { t: '2026-01-12', value: null },
      { t: '2026-03-30', value: 50 },
    ])
    // Engineer 7: 2 (week 03-16, met), 6 (met) and 7 (missed) in week 03-30 => last week 1 / 2 = 50%; all 2 / 3.
    const mine = await evaluateAt(db, 'sla_compliance_trend', TREND_NOW, { me: 7, params: { weeks: 3 } })
    expect(mine).toMatchObject({
      value: 50,
      context: 'Last week 1 of 2 tickets of yours met their SLA (50%); 66.7% over the last 3 weeks.',
    })
  })

  test('no verdicts at all: no value and a plain sentence', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'sla_compliance_trend', TREND_NOW)).toMatchObject({
      value: null,
      status: 'none',
      context: 'No ticket with an SLA was completed in the last 12 full weeks.',
    })
  })
})
