import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday; the window is (2026-02-25T10:00Z, NOW]

describe('csat_low_callback', () => {
  const fixture = {
    companies: [{ id: 10, name: 'Bakker Installatietechniek B.V.' }],
    contacts: [
      { id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries', phone: '+31 20 123 4567' },
      { id: 21, company_id: 10, first_name: 'Joost', last_name: 'Smit', phone: null, mobile_phone: '06-12345678' },
    ],
    resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }],
    tickets: [
      {
        id: 1,
        number: 'T20260301.0001',
        title: 'Outlook start niet op',
        assigned_resource_id: 7,
        company_id: 10,
        contact_id: 20,
      },
      {
        id: 2,
        number: 'T20260302.0004',
        title: 'VPN valt weg',
        assigned_resource_id: 7,
        company_id: 10,
        contact_id: 21,
      },
      {
        id: 3,
        number: 'T20260302.0005',
        title: 'Printer offline',
        assigned_resource_id: 7,
        company_id: 10,
        contact_id: 20,
      },
      { id: 4, number: 'T20260220.0001', title: 'Oud ticket', assigned_resource_id: 7, company_id: 10, contact_id: 20 },
      { id: 5, number: 'T20260303.0002', title: 'Blij', assigned_resource_id: 7, company_id: 10, contact_id: 20 },
      {
        id: 6,
        number: 'T20260303.0007',
        title: 'Laptop traag',
        assigned_resource_id: 7,
        company_id: 10,
        contact_id: 21,
      },
    ],
    surveys: [
      { id: 101, ticket_id: 1, company_id: 10, contact_id: 20, rating: 2, completed_at: '2026-03-02T15:00:00.000Z' }, // low, in window
      { id: 102, ticket_id: 2, company_id: 10, contact_id: 21, rating: 1, completed_at: '2026-03-01T09:00:00.000Z' }, // lowest, in window
      { id: 103, ticket_id: 3, company_id: 10, contact_id: 20, rating: 2, completed_at: '2026-03-03T08:00:00.000Z' }, // low, but called back
      { id: 104, ticket_id: 4, company_id: 10, contact_id: 20, rating: 1, completed_at: '2026-02-25T10:00:00.000Z' }, // exactly on the window's open edge: out
      { id: 105, ticket_id: 5, company_id: 10, contact_id: 20, rating: 4, completed_at: '2026-03-03T12:00:00.000Z' }, // not low
      { id: 106, ticket_id: 6, company_id: 10, contact_id: 21, rating: 1, completed_at: '2026-03-03T09:00:00.000Z' }, // low, but worked on since
    ],
    notes: [
      {
        id: 201,
        ticket_id: 1,
        note_type: 31,
        description: 'Duurde 3 dagen voordat iemand reageerde',
        created_at: '2026-03-02T15:00:00.000Z',
        creator_contact_id: 20,
      },
      {
        id: 202,
        ticket_id: 3,
        note_type: 2,
        description: 'Klant teruggebeld',
        created_at: '2026-03-03T11:00:00.000Z',
        creator_resource_id: 7,
      },
    ],
    entries: [
      // A time entry on ticket 2 from before the survey is no follow-up.
      {
        id: 301,
        ticket_id: 2,
        resource_id: 7,
        start_at: '2026-02-28T15:00:00.000Z',
        created_at: '2026-02-28T16:00:00.000Z',
      },
      // Typed in the day after the survey on ticket 1, for work done the morning before it: no follow-up either.
      {
        id: 302,
        ticket_id: 1,
        resource_id: 7,
        start_at: '2026-03-02T09:00:00.000Z',
        created_at: '2026-03-03T08:00:00.000Z',
      },
      // Work on ticket 6 that started after its survey: a follow-up.
      {
        id: 303,
        ticket_id: 6,
        resource_id: 7,
        start_at: '2026-03-03T14:00:00.000Z',
        created_at: '2026-03-03T15:00:00.000Z',
      },
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.ticketNumber))(
    'lists the low scores of the last 7 days not yet called back, lowest first, with who to call',
    async () => {
      // In window and <= 2: 101 (2), 102 (1), 103 (2), 106 (1). 103 has a resource note after the survey and 106 work that
      // started after it: followed up. 101's only entry after the survey was typed in later for work before it: still
      // open (the old reading took the entry's creation time and dropped 101). Left: 102 (rating 1) then 101 (rating 2).
      // 104 sits exactly at now - 7 days, outside (now - 7d, now].
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'csat_low_callback', NOW)
      expect(result.kind).toBe('list')
      if (result.kind !== 'list') return
      expect(result.rows.map((row) => row.surveyId)).toEqual([102, 101])
      expect(result.rows[0]).toMatchObject({
        rating: 1,
        ticketNumber: 'T20260302.0004',
        ticketTitle: 'VPN valt weg',
        companyName: 'Bakker Installatietechniek B.V.',
        contactName: 'Joost Smit',
        contactPhone: '06-12345678',
        resourceId: 7,
        resourceName: 'Daan Visser',
        comment: null,
        completedAt: '2026-03-01T09:00:00.000Z',
      })
      expect(result.rows[1]).toMatchObject({
        contactName: 'Sanne de Vries',
        contactPhone: '+31 20 123 4567',
        comment: 'Duurde 3 dagen voordat iemand reageerde',
      })
      expect(result.count).toBe(2)
      // Led by the tile's number (2 to call), the followed-up ones (103, 106) after it.
      expect(result.context).toBe(
        '2 to call back; 2 of the 4 low scores (2 or lower) of the last 7 days were followed up.',
      )
      expect(result.status).toBe('warn')
    },
  )

  test('the sentence leads with the number the tile shows, in both languages', async () => {
    const db = await kpiDb(fixture)
    // Rated 1 in the last 2 days (after 2026-03-02T10:00Z): only 106, followed up. The tile shows 0.
    const none = { params: { maxRating: 1, days: 2 } }
    const en = await evaluateAt(db, 'csat_low_callback', NOW, none)
    expect(en.kind === 'list' && en.count).toBe(0)
    expect(en.context).toBe('0 to call back; the 1 low score (1 or lower) of the last 2 days was followed up.')
    expect((await evaluateAt(db, 'csat_low_callback', NOW, { ...none, lang: 'nl' })).context).toBe(
      '0 terug te bellen; de 1 lage score (1 of lager) van de afgelopen 2 dagen is opgevolgd.',
    )
    // Rated 2 or lower in the last 2 days: 101 (open), 103 and 106 (followed up).
    const nl = await evaluateAt(db, 'csat_low_callback', NOW, { params: { days: 2 }, lang: 'nl' })
    expect(nl.context).toBe(
      '1 terug te bellen; 2 van de 3 lage scores (2 of lager) van de afgelopen 2 dagen zijn opgevolgd.',
    )
    // Rated 1 in the last 4 days (after 2026-02-28T10:00Z): 102 (open) and 106 (followed up).
    expect((await evaluateAt(db, 'csat_low_callback', NOW, { params: { maxRating: 1, days: 4 } })).context).toBe(
      '1 to call back; 1 of the 2 low scores (1 or lower) of the last 4 days was followed up.',
    )
    // Followed-up rows listed too: the tile counts all 4.
    expect((await evaluateAt(db, 'csat_low_callback', NOW, { params: { includeFollowedUp: true } })).context).toBe(
      '4 low scores (2 or lower) in the last 7 days; 2 not called back yet.',
    )
  })

  test('with followed-up rows included, ties on score go newest first', async () => {
    // rating 1: 106 (03-03) before 102 (03-01); rating 2: 103 (03-03) before 101 (03-02).
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'csat_low_callback', NOW, { params: { includeFollowedUp: true } })
    expect(result.kind === 'list' && result.rows.map((row) => [row.surveyId, row.followedUpAt])).toEqual([
      [106, '2026-03-03T14:00:00.000Z'],
      [102, null],
      [103, '2026-03-03T11:00:00.000Z'],
      [101, null],
    ])
  })

  test('seven days back across the spring switch opens at the same local time, 167 hours ago', async () => {
    // NOW Tue 2026-03-31 12:00 CEST (10:00Z); the window opens Tue 03-24 12:00 CET = 11:00Z. The 1 at 10:30Z (11:30 CET)
    // is out, though a fixed 168 h would list it; the 2 at 11:30Z is in.
    const db = await kpiDb({
      surveys: [
        { id: 1, rating: 1, completed_at: '2026-03-24T10:30:00.000Z' },
        { id: 2, rating: 2, completed_at: '2026-03-24T11:30:00.000Z' },
      ],
    })
    const result = await evaluateAt(db, 'csat_low_callback', '2026-03-31T10:00:00.000Z')
    expect(result.kind === 'list' && result.rows.map((row) => row.surveyId)).toEqual([2])
  })

  test('says so plainly when nobody scored low', async () => {
    const db = await kpiDb({})
    const result = await evaluateAt(db, 'csat_low_callback', NOW, { lang: 'nl' })
    expect(result).toMatchObject({
      count: 0,
      status: 'good',
      context: 'Geen klant gaf ons de afgelopen 7 dagen een 2 of lager.',
    })
  })
})

// Ratings on the tickets of engineers 7 and 8 at two clients; NOW is Wednesday 2026-03-04 11:00 in Amsterdam.
const EDGE_30 = '2026-02-02T10:00:00.000Z' // 30 days back at the same local time: the window's open edge
const ratings = {
  companies: [
    { id: 10, name: 'Bakker B.V.' },
    { id: 11, name: 'Smit Logistiek' },
  ],
  resources: [
    { id: 7, first_name: 'Daan', last_name: 'Visser' },
    { id: 8, first_name: 'Eva', last_name: 'Jansen' },
    { id: 9, first_name: 'Nog', last_name: 'Niemand' }, // no tickets, no ratings
  ],
  tickets: [
    { id: 1, assigned_resource_id: 7, company_id: 10, sla_met: 1 as const },
    { id: 2, assigned_resource_id: 7, company_id: 10, sla_met: 0 as const },
    { id: 3, assigned_resource_id: 8, company_id: 11, sla_met: 1 as const },
    { id: 4, assigned_resource_id: 8, company_id: 11 }, // no SLA
    { id: 5, assigned_resource_id: 7, company_id: 10, sla_met: 0 as const },
  ],
  surveys: [
    { id: 1, ticket_id: 1, company_id: 10, rating: 5, completed_at: '2026-03-03T12:00:00.000Z' },
    { id: 2, ticket_id: 2, company_id: 10, rating: 2, completed_at: '2026-03-02T12:00:00.000Z' },
    { id: 3, ticket_id: 3, company_id: 11, rating: 4, completed_at: '2026-02-20T12:00:00.000Z' },
    { id: 4, ticket_id: 4, company_id: 11, rating: 4, completed_at: '2026-02-10T12:00:00.000Z' },
    { id: 5, ticket_id: 5, company_id: 10, rating: 4.5, completed_at: EDGE_30 }, // on the 30-day edge: out of 30 days
    { id: 6, ticket_id: 1, company_id: 10, rating: null, completed_at: '2026-03-01T12:00:00.000Z' }, // no rating: nowhere
    { id: 7, ticket_id: 2, company_id: 10, rating: 3.5, completed_at: '2026-02-15T12:00:00.000Z' }, // neutral
  ],
}

describe('csat_positive_30d', () => {
  test('share of the ratings of the last 30 days that are 4 or more', async () => {
    // In (EDGE_30, NOW] with a rating: 1 (5), 2 (2), 3 (4), 4 (4), 7 (3.5). Positive: 1, 3, 4 => 3 / 5 = 60%.
    const db = await kpiDb(ratings)
    const result = await evaluateAt(db, 'csat_positive_30d', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 60, unit: 'percent', status: 'bad' })
    expect(result.context).toBe('60% positive (5 responses) in the last 30 days.')
    expect((await evaluateAt(db, 'csat_positive_30d', NOW, { lang: 'nl' })).context).toBe(
      '60% positief (5 reacties) in de afgelopen 30 dagen.',
    )
  })

  test('for one engineer: the ratings on their tickets', async () => {
    // Engineer 7: 1 (5), 2 (2), 7 (3.5) => 1 / 3 = 33.33%. Engineer 8: 3 (4), 4 (4) => 100%. Engineer 9: none.
    const db = await kpiDb(ratings)
    expect(await evaluateAt(db, 'csat_positive_30d', NOW, { me: 7 })).toMatchObject({ value: 33.33 })
    expect(await evaluateAt(db, 'csat_positive_30d', NOW, { me: 8 })).toMatchObject({ value: 100, status: 'good' })
    expect(await evaluateAt(db, 'csat_positive_30d', NOW, { me: 9 })).toMatchObject({
      value: null,
      context: 'No survey results came in on your tickets in the last 30 days.',
    })
  })

  test('a window across the spring clock change opens at the same local time 30 days back', async () => {
    // NOW 2026-04-02T09:00Z is 11:00 summer time; the window opens 2026-03-03 11:00 winter time = 10:00Z.
    // The 1 at 09:30Z (local 10:30) is out; the 5 at 10:30Z is in => 100%.
    const db = await kpiDb({
      surveys: [
        { id: 1, rating: 1, completed_at: '2026-03-03T09:30:00.000Z' },
        { id: 2, rating: 5, completed_at: '2026-03-03T10:30:00.000Z' },
      ],
    })
    expect(await evaluateAt(db, 'csat_positive_30d', '2026-04-02T09:00:00.000Z')).toMatchObject({ value: 100 })
  })

  test('with no data at all there is no value and a plain sentence', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'csat_positive_30d', NOW, { lang: 'nl' })).toMatchObject({
      value: null,
      status: 'none',
      context: 'De afgelopen 30 dagen kwamen er geen enquêteresultaten binnen.',
    })
  })
})

describe('csat_negative_rate and csat_average', () => {
  test('over the same five ratings', async () => {
    // Negative (<= 2): rating 2 only => 1 / 5 = 20%. Mean: (5 + 2 + 4 + 4 + 3.5) / 5 = 18.5 / 5 = 3.7.
    const db = await kpiDb(ratings)
    const negative = await evaluateAt(db, 'csat_negative_rate', NOW)
    expect(negative).toMatchObject({ value: 20, status: 'bad' })
    expect(negative.context).toBe('1 of 5 responses in the last 30 days rated 2 or lower (20%).')
    const average = await evaluateAt(db, 'csat_average', NOW)
    expect(average).toMatchObject({ value: 3.7, unit: 'score', status: 'bad' })
    expect((await evaluateAt(db, 'csat_average', NOW, { lang: 'nl' })).context).toBe(
      'Klanten gaven ons de afgelopen 30 dagen gemiddeld een 3,7 van 5 (5 reacties).',
    )
  })

  test('for one engineer: the same ratings as CSAT, last 30 days, on their tickets', async () => {
    // Engineer 7 (tickets 1, 2, 5): in the window 1 (5), 2 (2), 7 (3.5); 5 is on the edge. Negative: 1 / 3 = 33.33%;
    // mean 10.5 / 3 = 3.5; positive (csat_positive_30d) 1 / 3 = 33.33%: 33.33 + 33.33 + the 3.5's 33.33 = 100.
    // Engineer 8 (tickets 3, 4): 4, 4 -> 0% negative, mean 4. The old csat_negative_rate ignored the person: 20%.
    const db = await kpiDb(ratings)
    const mine = await evaluateAt(db, 'csat_negative_rate', NOW, { me: 7 })
    expect(mine).toMatchObject({
      value: 33.33,
      context: '1 of 3 responses on your tickets in the last 30 days rated 2 or lower (33.3%).',
    })
    expect(await evaluateAt(db, 'csat_average', NOW, { me: 7 })).toMatchObject({ value: 3.5 })
    expect(await evaluateAt(db, 'csat_positive_30d', NOW, { me: 7 })).toMatchObject({ value: 33.33 })
    expect(await evaluateAt(db, 'csat_negative_rate', NOW, { me: 8 })).toMatchObject({ value: 0, status: 'good' })
    expect(await evaluateAt(db, 'csat_average', NOW, { me: 8 })).toMatchObject({ value: 4 })
    expect(await evaluateAt(db, 'csat_negative_rate', NOW, { me: 9, lang: 'nl' })).toMatchObject({
      value: null,
      context: 'De afgelopen 30 dagen kwamen er geen enquêteresultaten binnen op jouw tickets.',
    })
  })
})

describe('csat_gap_on_breach', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.openSlaVerdict))(
    'positive share within SLA minus positive share on breached tickets, last 90 days',
    async () => {
      // Met (sla_met 1): 1 (5), 3 (4) => 100%. Breached (0): 2 (2), 7 (3.5), 5 (4.5, inside 90 days) => 1 / 3 = 33.3%.
      // Ticket 4 has no SLA. Gap: 100 - 33.333 = 66.667 -> 66.67 points (the sentence: 66.7).
      const db = await kpiDb(ratings)
      const result = await evaluateAt(db, 'csat_gap_on_breach', NOW)
      expect(result).toMatchObject({ value: 66.67, status: 'bad' })
      expect(result.context).toBe(
        'Tickets within SLA scored 100% positive (2), breached ones 33.3% (3): a gap of 66.7 points.',
      )
    },
  )
})

describe('csat_by_engineer and csat_by_company', () => {
  test('per engineer, lowest first, only with enough responses', async () => {
    // 90 days: engineer 7 has 1, 2, 5, 7: positive 1, 5 => 50%; engineer 8 has 3, 4 => 100%. All: 4 / 6 = 66.67%.
    const db = await kpiDb(ratings)
    const result = await evaluateAt(db, 'csat_by_engineer', NOW, { params: { minResponses: 2 } })
    expect(result.kind === 'breakdown' && result.items.map((i) => [i.key, i.label, i.value])).toEqual([
      ['7', 'Daan Visser', 50],
      ['8', 'Eva Jansen', 100],
    ])
    expect(result).toMatchObject({ value: 66.67 })
    // The first survey came back on 2 Feb (EDGE_30): of the 90 days, 2 Feb to 4 Mar hold data, 27 + 4 = 31 days.
    // The note stands on the window (a breakdown's bars show no sentence), not in the sentence too.
    expect(result.window).toBe('last 90 days (31 days of data)')
    expect(result.context).toBe(
      'Team: 66.7% positive (6 responses); 2 engineers with 2+ responses, lowest Daan Visser at 50%.',
    )
    // With the default of 10 responses nobody shows yet.
    expect(await evaluateAt(db, 'csat_by_engineer', NOW)).toMatchObject({ items: [] })
  })

  test('per client over 6 months, leaving out clients with fewer than 3 responses', async () => {
    // Bakker: 1, 2, 5, 7 => 50%. Smit: 2 responses < 3: left out.
    const db = await kpiDb(ratings)
    const result = await evaluateAt(db, 'csat_by_company', NOW)
    expect(result.kind === 'breakdown' && result.items.map((i) => [i.label, i.value])).toEqual([['Bakker B.V.', 50]])
  })
})

describe('csat_score', () => {
  test('per local calendar month; a rating at local midnight on the 1st belongs to the new month', async () => {
    // 2026-02-28T23:00Z is 00:00 on 1 March in Amsterdam, so it counts for March.
    // February: 4 (02-10) and 3 (02-27) => 1 / 2 = 50%; March: 5 (03-01 00:00 local) and 1 (03-03) => 50%; January: none.
    const db = await kpiDb({
      surveys: [
        { id: 1, rating: 4, completed_at: '2026-02-10T12:00:00.000Z' },
        { id: 2, rating: 3, completed_at: '2026-02-27T12:00:00.000Z' },
        { id: 3, rating: 5, completed_at: '2026-02-28T23:00:00.000Z' },
        { id: 4, rating: 1, completed_at: '2026-03-03T12:00:00.000Z' },
      ],
    })
    const result = await evaluateAt(db, 'csat_score', NOW, { params: { months: 3 } })
    expect(result.kind === 'trend' && result.points).toEqual([
      { t: '2026-01', value: null },
      { t: '2026-02', value: 50 },
      { t: '2026-03', value: 50 },
    ])
    // Three months from 1 January, but the first survey is of 10 February: 19 days of February and 4 of March.
    expect(result.context).toBe('This month so far: 50% positive (2 responses); 50% last month.')
    expect(result.window).toBe('last 12 months, by month (23 days of data)')
  })
})

describe('csat_response_rate', () => {
  test('survey results over completed tickets with a contact, alerts left out', async () => {
    // Completed in the window with a contact, not alerts: 1, 2, 3, 4 = 4. Ticket 5 is an alert, 6 has no contact.
    // One survey came in => 1 / 4 = 25%.
    const done = { state: 'complete' as const, completed_at: '2026-03-01T10:00:00.000Z', contact_id: 20 }
    const db = await kpiDb({
      tickets: [
        { id: 1, ...done },
        { id: 2, ...done },
        { id: 3, ...done },
        { id: 4, ...done },
        { id: 5, ...done, kind: 'alert' },
        { id: 6, ...done, contact_id: null },
      ],
      surveys: [{ id: 1, ticket_id: 1, rating: 5, completed_at: '2026-03-01T12:00:00.000Z' }],
    })
    const result = await evaluateAt(db, 'csat_response_rate', NOW)
    expect(result).toMatchObject({
      value: 25,
      status: 'good',
      context: '1 survey result came back for 4 completed tickets in the last 30 days (25%).',
    })
  })
})

describe('kudos_feed', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.noteType))(
    'positive ratings with a comment from the last 24 hours, newest first',
    async () => {
      // 1: 5 two hours ago with a comment: in. 2: 4 at 25 h ago: out. 3: 5 without a comment: out. 4: 2 with a comment: out.
      // 5: 4 exactly 24 h ago: on the open edge, out.
      const db = await kpiDb({
        resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }],
        tickets: [1, 2, 3, 4, 5].map((id) => ({ id, assigned_resource_id: 7 })),
        surveys: [
          { id: 1, ticket_id: 1, rating: 5, completed_at: '2026-03-04T08:00:00.000Z' },
          { id: 2, ticket_id: 2, rating: 4, completed_at: '2026-03-03T09:00:00.000Z' },
          { id: 3, ticket_id: 3, rating: 5, completed_at: '2026-03-04T07:00:00.000Z' },
          { id: 4, ticket_id: 4, rating: 2, completed_at: '2026-03-04T06:00:00.000Z' },
          { id: 5, ticket_id: 5, rating: 4, completed_at: '2026-03-03T10:00:00.000Z' },
        ],
        notes: [1, 2, 4, 5].map((id) => ({
          id,
          ticket_id: id,
          note_type: 31,
          description: `Opmerking ${id}`,
          created_at: '2026-03-03T10:00:00.000Z',
        })),
      })
      const result = await evaluateAt(db, 'kudos_feed', NOW)
      expect(result.kind === 'list' && result.rows.map((r) => [r.surveyId, r.comment, r.resourceName])).toEqual([
        [1, 'Opmerking 1', 'Daan Visser'],
      ])
      expect(result).toMatchObject({
        status: 'none',
        context: '1 customer left a compliment in the last 24 hours, for 1 engineer.',
      })
    },
  )
})

describe('clients_csat_dropped', () => {
  // The 90-day split is 2025-12-04T10:00Z; the earlier period starts 2025-09-05 11:00 summer time (09:00Z), across
  // the October clock change.
  const day = (date: string, hour = 12) => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`
  const fixture = {
    resources: [{ id: 7, first_name: 'Eva', last_name: 'Jansen' }],
    companies: [
      { id: 20, name: 'Groen Advocaten', owner_resource_id: 7 },
      { id: 21, name: 'Kaas & Co' },
      { id: 22, name: 'Tevreden B.V.' },
    ],
    contracts: [
      {
        id: 1,
        company_id: 20,
        contract_type: 7,
        status: 1,
        start_date: '2025-01-01',
        end_date: '2026-12-31',
        udf: '{"Monthly Value":"1000.00"}',
      },
      {
        id: 2,
        company_id: 20,
        contract_type: 7,
        status: 1,
        start_date: '2025-06-01',
        end_date: null,
        udf: '{"Monthly Value":"500"}',
      },
      {
        id: 3,
        company_id: 20,
        contract_type: 7,
        status: 1,
        start_date: '2024-01-01',
        end_date: '2025-12-31',
        udf: '{"Monthly Value":"9999"}',
      }, // ended
    ],
    contacts: [{ id: 30, company_id: 21, first_name: 'Piet', last_name: 'Kaas', phone: '010-1234567' }],
    tickets: [{ id: 1, title: 'Printer kapot', company_id: 21, contact_id: 30 }],
    surveys: [
      // Groen: before 5 x 5 (100%); now 5, 5, 5, 3, 3 (60%) => -40 points
      ...['2025-10-01', '2025-10-20', '2025-11-01', '2025-11-15', '2025-12-01'].map((d, i) => ({
        id: 100 + i,
        company_id: 20,
        rating: 5,
        completed_at: day(d),
      })),
      ...[5, 5, 5, 3, 3].map((rating, i) => ({
        id: 110 + i,
        company_id: 20,
        rating,
        completed_at: day(`2026-01-1${i}`),
      })),
      // Kaas: two negatives in the last 30 days, too few responses to compare
      { id: 120, company_id: 21, rating: 1, completed_at: day('2026-02-20'), ticket_id: 1, contact_id: 30 },
      { id: 121, company_id: 21, rating: 2, completed_at: day('2026-03-01'), ticket_id: 1, contact_id: 30 },
      // Tevreden: one negative only, and a score that held
      { id: 130, company_id: 22, rating: 2, completed_at: day('2026-02-20') },
      { id: 131, company_id: 22, rating: 5, completed_at: day('2026-02-21') },
    ],
    notes: [{ id: 1, ticket_id: 1, note_type: 31, description: 'Weer niet opgelost', created_at: day('2026-03-01') }],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager, CONNECTWISE_LACKS.noteType))(
    'flags a fall of 10+ points or repeated negatives, biggest MRR at stake first',
    async () => {
      // Groen: MRR 1000 + 500 (contract 3 ended) = 1500, drop 40 => risk 60000. Kaas: 2 negatives (1 and 2, so 0%
      // positive now), nothing before to compare => risk 0; its last negative is the 2 on 03-01 with the note of that day.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'clients_csat_dropped', NOW)
      expect(result.kind === 'list' && result.rows).toEqual([
        expect.objectContaining({
          companyId: 20,
          csatNow: 60,
          csatBefore: 100,
          dropPoints: -40,
          negatives: 0,
          mrr: 1500,
          resourceId: 7,
          resourceName: 'Eva Jansen',
        }),
        expect.objectContaining({
          companyId: 21,
          csatNow: 0,
          csatBefore: null,
          dropPoints: null,
          negatives: 2,
          mrr: null,
          lastNegativeComment: 'Weer niet opgelost',
          contactName: 'Piet Kaas',
          contactPhone: '010-1234567',
          lastNegativeTicketTitle: 'Printer kapot',
        }),
      ])
      expect(result.context).toBe('2 clients with falling satisfaction, together €1,500 MRR; call the decision-maker.')
      expect(await evaluateAt(db, 'clients_csat_dropped', NOW, { me: 7 })).toMatchObject({ count: 1 })
    },
  )

  test('the window names both rules; no "together €0 MRR" when the listed clients carry no MRR', async () => {
    // Without the contracts: Groen (the drop) and Kaas (2 negatives) are still listed, neither with MRR.
    const bare = await kpiDb({ ...fixture, contracts: [] })
    const result = await evaluateAt(bare, 'clients_csat_dropped', NOW)
    expect(result.window).toContain('2+ negative scores in the last 30 days')
    expect(result.window).toContain('10+ points below the 90 days before')
    expect(result.context).toBe('2 clients with falling satisfaction; call the decision-maker.')
    expect((await evaluateAt(bare, 'clients_csat_dropped', NOW, { lang: 'nl' })).context).toBe(
      '2 klanten met dalende tevredenheid; bel de beslisser.',
    )
    expect((await evaluateAt(bare, 'clients_csat_dropped', NOW, { lang: 'nl' })).window).toContain(
      '2+ negatieve scores in de afgelopen 30 dagen',
    )
  })
})

describe('csat_score without ratings this month', () => {
  test('says so instead of showing an empty percentage', async () => {
    // Only a 5 in February: February 100%, March (so far) none.
    const db = await kpiDb({ surveys: [{ id: 1, rating: 5, completed_at: '2026-02-10T12:00:00.000Z' }] })
    const result = await evaluateAt(db, 'csat_score', NOW, { params: { months: 2 }, lang: 'nl' })
    // History from 10 February, the window from 1 February: 19 + 4 = 23 days.
    expect(result).toMatchObject({
      value: null,
      status: 'none',
      context: 'Deze maand tot nu toe: nog geen reacties; vorige maand 100%.',
    })
    expect(result.window).toMatch(/ \(23 dagen gegevens\)$/)
  })
})
