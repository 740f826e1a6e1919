import { describe, expect, test } from 'vitest'
import type { KpiResult } from '../../kpi-library/types.js'
import { evaluateAt, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

const NOW = '2026-03-18T10:00:00.000Z' // Wednesday 11:00 in Amsterdam

function rows(result: KpiResult): Array<Record<string, unknown>> {
  if (result.kind !== 'list') throw new Error(`${result.id} is not a list`)
  return result.rows
}

const udf = (fields: Record<string, string | null>) => JSON.stringify(fields)

describe('client_health_score', () => {
  // Bakker (10, AM 7): recurring EUR 2,000 to 2027. Visser (11, AM 8): recurring EUR 950 ending 30 April.
  const fixture = {
    companies: [
      { id: 10, name: 'Bakker', owner_resource_id: 7 },
      { id: 11, name: 'Visser', owner_resource_id: 8 },
      { id: 12, name: 'Stil B.V.' }, // no contract, no tickets: not scored
    ],
    contracts: [
      {
        id: 1,
        company_id: 10,
        contract_type: 7,
        status: 1,
        start_date: '2025-01-01',
        end_date: '2027-12-31',
        udf: udf({ 'Monthly Value': '2000' }),
      },
      {
        id: 2,
        company_id: 11,
        contract_type: 7,
        status: 1,
        start_date: '2025-05-01',
        end_date: '2026-04-30',
        udf: udf({ 'Monthly Value': '950' }),
      },
    ],
    tickets: [
      // Bakker: A in the last 30 days; B and C in the 60 days before (one per 30 days on average).
      {
        id: 1,
        company_id: 10,
        state: 'complete',
        created_at: '2026-03-01T09:00:00.000Z',
        completed_at: '2026-03-02T09:00:00.000Z',
        sla_met: 1 as const,
      },
      {
        id: 2,
        company_id: 10,
        state: 'complete',
        created_at: '2026-01-20T09:00:00.000Z',
        completed_at: '2026-01-21T09:00:00.000Z',
        sla_met: 1 as const,
      },
      { id: 3, company_id: 10, status: 1, state: 'open', created_at: '2026-02-01T09:00:00.000Z' },
      // Visser: four recent tickets, three within SLA.
      {
        id: 4,
        company_id: 11,
        state: 'complete',
        created_at: '2026-03-05T09:00:00.000Z',
        completed_at: '2026-03-05T12:00:00.000Z',
        sla_met: 1 as const,
      },
      {
        id: 5,
        company_id: 11,
        state: 'complete',
        created_at: '2026-03-06T09:00:00.000Z',
        completed_at: '2026-03-06T12:00:00.000Z',
        sla_met: 1 as const,
      },
      {
        id: 6,
        company_id: 11,
        state: 'complete',
        created_at: '2026-03-09T09:00:00.000Z',
        completed_at: '2026-03-09T12:00:00.000Z',
        sla_met: 1 as const,
      },
      {
        id: 7,
        company_id: 11,
        state: 'complete',
        created_at: '2026-03-10T09:00:00.000Z',
        completed_at: '2026-03-12T12:00:00.000Z',
        sla_met: 0 as const,
      },
    ],
    surveys: [
      { id: 1, company_id: 10, rating: 5, completed_at: '2026-03-02T10:00:00.000Z' },
      { id: 2, company_id: 10, rating: 4, completed_at: '2026-02-10T10:00:00.000Z' },
      { id: 3, company_id: 10, rating: 2, completed_at: '2026-01-10T10:00:00.000Z' },
      { id: 4, company_id: 10, rating: 5, completed_at: '2026-01-05T10:00:00.000Z' },
    ],
    entries: [{ id: 1, ticket_id: 1, resource_id: 7, date_worked: '2026-03-02', hours_worked: 30 }],
  }

  test('weights the parts that have data and averages the clients', async () => {
    // Bakker: CSAT 3 of 4 positive = 75 (w30); SLA 2/2 = 100% -> (100-75) x 5 = 125, capped 100 (w20);
    //   trend 1 recent vs 2/2 = 1 before -> 100 (w15); no rate: its 30 h of 2 March lie outside the rate
    //   window (the last 3 full months, December-February) and on a ticket without a contract;
    //   contract to 2027 -> 100 (w15). (30 x 75 + 50 x 100) / 80 = 7,250 / 80 = 90.625 -> 90.63.
    // Visser: no CSAT; SLA 3/4 = 75% -> 0 (w20); no earlier tickets, no trend; no hours, no rate;
    //   contract ends within 90 days -> 60 (w15). (0 + 15 x 60) / 35 = 900 / 35 = 25.714 -> 25.71.
    // Mean (90.625 + 25.714) / 2 = 58.170 -> 58.17: below the amber line of 60.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'client_health_score', NOW)
    expect(result).toMatchObject({ kind: 'breakdown', value: 58.17, status: 'bad' })
    expect(result.kind === 'breakdown' && result.items.map((i) => [i.label, i.value])).toEqual([
      ['Visser', 25.71],
      ['Bakker', 90.63],
    ])
    expect(result.context).toBe('The 2 clients average 58 out of 100; 1 below 60, the lowest is Visser at 26.')
    expect((await evaluateAt(db, 'client_health_score', NOW, { lang: 'nl' })).context).toBe(
      'De 2 klanten scoren gemiddeld 58 van de 100; 1 onder de 60, het laagst scoort Visser met 26.',
    )
  })

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'an account manager sees only their own clients',
    async () => {
      const db = await kpiDb(fixture)
      expect(await evaluateAt(db, 'client_health_score', NOW, { me: 7 })).toMatchObject({
        value: 90.63,
        status: 'good',
      })
    },
  )

  // A database whose time history starts 16 February: Bakker pays EUR 2,000 a month and took 60 h under
  // its agreement in the second half of February, from Eva at `cost` an hour.
  const young = (cost: number) =>
    kpiDb({
      companies: [{ id: 10, name: 'Bakker', owner_resource_id: 7 }],
      resources: [{ id: 7, first_name: 'Eva', last_name: 'de Jong', internal_cost: cost }],
      contracts: [
        {
          id: 1,
          company_id: 10,
          contract_type: 7,
          status: 1,
          start_date: '2025-01-01',
          end_date: '2027-12-31',
          udf: udf({ 'Monthly Value': '2000' }),
        },
      ],
      tickets: [{ id: 1, company_id: 10, contract_id: 1, created_at: '2026-02-10T09:00:00.000Z' }],
      entries: ['2026-02-16', '2026-02-20', '2026-02-25'].map((date, i) => ({
        id: i + 1,
        ticket_id: 1,
        resource_id: 7,
        date_worked: date,
        hours_worked: 20,
      })),
      surveys: [5, 5, 4, 2].map((rating, i) => ({
        id: i + 1,
        company_id: 10,
        rating,
        completed_at: `2026-02-2${i}T10:00:00.000Z`,
      })),
    })

  test('the rate part corrects for a young history exactly as effective_hourly_rate does', async () => {
    // Rate window Dec 1 - Feb 28 (90 days), history from Feb 16: 13 days -> 3 x 13 / 90 = 0.4333 months
    // of MRR = 866.67; 866.67 / 60 h = 14.44 per hour (effective_hourly_rate shows the same).
    // Parts: CSAT 3 of 4 positive = 75 (w30); no SLA; trend: no ticket in the last 30 days, 1 in the 60
    // before -> 200, capped 100 (w15); rate 100 x 14.444 / 95 = 15.20 (w20); contract to 2027 -> 100 (w15).
    // (2,250 + 1,500 + 20 x 15.2047 = 304.09 + 1,500) / 80 = 5,554.09 / 80 = 69.43: amber.
    // (Three months of MRR against the hours, 6,000 / 60 = 100 per hour, gave 90.63: green.)
    // At EUR 10 an hour the 600 of labour stays below the 866.67 of revenue: no loss.
    const db = await young(10)
    expect(await evaluateAt(db, 'effective_hourly_rate', NOW)).toMatchObject({ value: 14.44 })
    expect(await evaluateAt(db, 'client_health_score', NOW)).toMatchObject({ value: 69.43, status: 'warn' })
  })

  test('a client whose agreement does not cover its labour scores at most the amber line', async () => {
    // At EUR 50 an hour: 60 h x 50 = 3,000 of labour against 866.67 of revenue: a loss, so 69.43 -> 60.
    const db = await young(50)
    expect(await evaluateAt(db, 'client_health_score', NOW)).toMatchObject({
      value: 60,
      status: 'warn',
      context:
        'The 1 client averages 60 out of 100; 0 below 60, the lowest is Bakker at 60; 1 loses money on the agreement (at most 60).',
    })
  })

  test('with no clients there is no score', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'client_health_score', NOW)).toMatchObject({
      value: null,
      status: 'none',
      context: 'No client has enough data for a health score yet.',
    })
  })
})

describe('noisy_client_spike', () => {
  // Window: (4 March 10:00Z, now]. Baseline: the 182 days before, but the oldest ticket on record is
  // from 4 December 10:00Z, so the baseline spans 90 days.
  const WINDOW_START = '2026-03-04T10:00:00.000Z'
  let id = 0
  const ticket = (company: number, created: string, extra: Record<string, unknown> = {}) => ({
    id: ++id,
    company_id: company,
    created_at: created,
    ...extra,
  })
  const many = (n: number, company: number, created: string, extra: Record<string, unknown> = {}) =>
    Array.from({ length: n }, () => ticket(company, created, extra))
  const fixture = {
    companies: [
      { id: 10, name: 'Bakker', owner_resource_id: 7 },
      { id: 11, name: 'Visser', owner_resource_id: 8 },
      { id: 12, name: 'Jansen' },
      { id: 13, name: 'De Boer' },
    ],
    contacts: [
      { id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries' },
      { id: 21, company_id: 10, first_name: 'Joost', last_name: 'Smit' },
    ],
    tickets: [
      ticket(11, '2025-12-04T10:00:00.000Z'), // the oldest ticket on record
      ...many(17, 11, '2026-01-15T09:00:00.000Z'),
      ...many(5, 11, '2026-03-10T09:00:00.000Z'),
      ...many(9, 10, '2026-02-01T09:00:00.000Z'),
      ...many(4, 10, '2026-03-11T09:00:00.000Z', { issue_type: 5, contact_id: 20 }),
      ...many(2, 10, '2026-03-12T09:00:00.000Z', { issue_type: 1, contact_id: 21 }),
      ticket(12, WINDOW_START), // on the window's open edge: baseline, not recent
      ...many(4, 12, '2026-03-16T09:00:00.000Z'),
      ...many(5, 13, '2026-03-17T09:00:00.000Z'),
    ],
    picklists: [
      { entity: 'Tickets', field: 'issueType', value: '1', label: 'Hardware' },
      { entity: 'Tickets', field: 'issueType', value: '5', label: 'E-mail & Microsoft 365' },
    ],
  }

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'lists clients above 1.5 times their normal pace with at least 5 tickets, largest spike first',
    async () => {
      // Normal per 14 days = baseline / 90 x 14.
      // Bakker: 6 recent; 9 before -> 9 / 90 x 14 = 1.4; 6 > 2.1 -> spike, 6 / 1.4 = 4.2857 -> 4.29.
      //   Top: E-mail (4), Sanne (4).
      // Visser: 5 recent; 18 before -> 18 / 90 x 14 = 2.8; 5 > 4.2 -> spike, 5 / 2.8 = 1.7857 -> 1.79
      //   (the sentence rounds it to 1.8).
      // Jansen: 4 recent (the edge ticket is baseline): fewer than 5. De Boer: 5 recent, nothing before:
      // a spike without a ratio, which sorts first.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'noisy_client_spike', NOW)
      expect(rows(result).map((r) => [r.companyName, r.tickets, r.normal, r.ratio])).toEqual([
        ['De Boer', 5, 0, null],
        ['Bakker', 6, 1.4, 4.29],
        ['Visser', 5, 2.8, 1.79],
      ])
      expect(rows(result)[1]).toMatchObject({
        topCategory: 'E-mail & Microsoft 365',
        contactName: 'Sanne de Vries',
        accountManagerId: 7,
      })
      expect(result.context).toBe(
        '3 clients show a ticket spike in the last 14 days; the largest is De Boer, which had no tickets before.',
      )
      const mine = await evaluateAt(db, 'noisy_client_spike', NOW, { me: 8, lang: 'nl' })
      expect(rows(mine).map((r) => r.companyName)).toEqual(['Visser'])
      expect(mine.context).toBe(
        '1 klant heeft de afgelopen 14 dagen een ticketpiek; de grootste is Visser met 1,8× normaal.',
      )
    },
  )

  test('does not judge clients before 14 days of history exist', async () => {
    // The oldest ticket is from 10 March, after the window opened: no baseline at all.
    const db = await kpiDb({
      companies: [{ id: 10, name: 'Bakker' }],
      tickets: Array.from({ length: 8 }, (_, i) => ({
        id: i + 1,
        company_id: 10,
        created_at: '2026-03-10T09:00:00.000Z',
      })),
    })
    expect(await evaluateAt(db, 'noisy_client_spike', NOW)).toMatchObject({
      count: 0,
      context: "Too little ticket history to know each client's normal pace yet.",
    })
  })
})
