import { describe, expect, test } from 'vitest'
import type { KpiResult } from '../../kpi-library/types.js'
import { evaluateAt, kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

const NOW = '2026-03-18T10:00:00.000Z' // Wednesday 11:00 in Amsterdam; last full month = February

function rows(result: KpiResult): Array<Record<string, unknown>> {
  if (result.kind !== 'list') throw new Error(`${result.id} is not a list`)
  return result.rows
}

function items(result: KpiResult) {
  if (result.kind !== 'breakdown') throw new Error(`${result.id} is not a breakdown`)
  return result.items.map((i) => [i.label, i.value])
}

const udf = (fields: Record<string, string | null>) => JSON.stringify(fields)

// Two agreement clients, one T&M client, one client whose contract has ended.
//   Bakker (10, AM 7): recurring k1 EUR 2,000/month; block k4 of 20 h.
//   Visser (11, AM 8): recurring k2 EUR 950 (ends 30 April) + retainer k3 EUR 720 (ends 31 March,
//     already followed by k8 from 1 April).
//   Jansen (12, AM 7): T&M contracts only (k5; k10 ends exactly 90 days from today, k11 one day later).
//   De Boer (13, AM 8): its recurring contract k6 ended on 31 December.
// MRR = 2,000 + 950 + 720 = 3,670 over two clients. k7 (Bakker, starts 1 April) is not in force yet.
// How each hour is billed (billing.ts: the entry's contract, else its ticket's, decides):
//   fee (agreement): tickets 100 and 101 under k1 (Bakker), 102 under k2 (Visser);
//   prepaid: entries booked to block k4, and ticket 106 under k4;
//   per hour: ticket 103 under T&M k5 (Jansen), tickets 104 (De Boer) and 105 (Bakker) under no contract.
const fixture = {
  companies: [
    { id: 0, name: 'Roleboard Demo MSP B.V.' },
    { id: 10, name: 'Bakker', owner_resource_id: 7, udf: udf({ Seats: '20', Endpoints: '30' }) },
    { id: 11, name: 'Visser', owner_resource_id: 8, udf: udf({ Seats: '10', Endpoints: '12' }) },
    { id: 12, name: 'Jansen', owner_resource_id: 7, udf: udf({ Seats: '5', Endpoints: null }) },
    { id: 13, name: 'De Boer', owner_resource_id: 8, udf: udf({ Seats: null, Endpoints: null }) },
  ],
  resources: [
    { id: 7, first_name: 'Eva', last_name: 'de Jong', internal_cost: 50 },
    { id: 8, first_name: 'Sem', last_name: 'Bos', internal_cost: 40 },
    { id: 9, first_name: 'Tim', last_name: 'Kok', internal_cost: null },
    { id: 10, first_name: 'Noa', last_name: 'Mulder', internal_cost: 45 }, // logs no time at all
  ],
  contracts: [
    {
      id: 1,
      company_id: 10,
      name: 'Managed Services Werkplek',
      contract_type: 7,
      status: 1,
      start_date: '2025-01-01',
      end_date: '2027-12-31',
      udf: udf({ 'Monthly Value': '2000.00', 'Hours Purchased': null }),
    },
    {
      id: 2,
      company_id: 11,
      name: 'Managed Services Premium',
      contract_type: 7,
      status: 1,
      start_date: '2025-06-01',
      end_date: '2026-04-30',
      udf: udf({ 'Monthly Value': '950.00', 'Hours Purchased': null }),
    },
    {
      id: 3,
      company_id: 11,
      name: 'Retainer 8 uur per maand',
      contract_type: 6,
      status: 1,
      start_date: '2025-04-01',
      end_date: '2026-03-31',
      udf: udf({ 'Monthly Value': '720.00', 'Hours Purchased': '96' }),
    },
    {
      id: 4,
      company_id: 10,
      name: 'Strippenkaart 20 uur',
      contract_type: 4,
      status: 1,
      start_date: '2025-09-01',
      end_date: '2026-08-31',
      udf: udf({ 'Monthly Value': null, 'Hours Purchased': '20' }),
    },
    {
      id: 5,
      company_id: 12,
      name: 'Support op nacalculatie',
      contract_type: 1,
      status: 1,
      start_date: '2024-01-01',
      end_date: '2036-01-01',
    },
    {
      id: 6,
      company_id: 13,
      name: 'Managed Services Werkplek',
      contract_type: 7,
      status: 0,
      start_date: '2024-01-01',
      end_date: '2025-12-31',
      udf: udf({ 'Monthly Value': '500.00' }),
    },
    {
      id: 7,
      company_id: 10,
      name: 'Uitbreiding',
      contract_type: 7,
      status: 1,
      start_date: '2026-04-01',
      end_date: '2027-12-31',
      udf: udf({ 'Monthly Value': '300.00' }),
    },
    {
      id: 8,
      company_id: 11,
      name: 'Retainer 8 uur per maand',
      contract_type: 6,
      status: 1,
      start_date: '2026-04-01',
      end_date: '2027-03-31',
      udf: udf({ 'Monthly Value': '720.00', 'Hours Purchased': '96' }),
    },
    {
      id: 10,
      company_id: 12,
      name: 'Project uren',
      contract_type: 1,
      status: 1,
      start_date: '2025-06-17',
      end_date: '2026-06-16',
    },
    {
      id: 11,
      company_id: 12,
      name: 'Project uren 2',
      contract_type: 1,
      status: 1,
      start_date: '2025-06-18',
      end_date: '2026-06-17',
    },
  ],
  tickets: [
    { id: 100, company_id: 10, contract_id: 1, issue_type: 1 },
    { id: 101, company_id: 10, contract_id: 1, issue_type: 2 },
    { id: 102, company_id: 11, contract_id: 2, issue_type: 1 },
    { id: 103, company_id: 12, contract_id: 5, issue_type: 2 },
    { id: 104, company_id: 13, issue_type: 1, created_at: '2026-03-10T09:00:00.000Z' },
    { id: 105, company_id: 10, issue_type: 1 },
    { id: 106, company_id: 10, contract_id: 4, issue_type: 1 },
  ],
  entries: [
    // Internal time on the first day of the 3-month window: the synced history covers the whole window.
    {
      id: 13,
      resource_id: 9,
      date_worked: '2025-12-01',
      hours_worked: 1,
      non_billable: 1,
      approved_at: '2025-12-02T08:00:00.000Z',
    },
    // T&M work from December, never approved: more than 90 days old, still waiting to be billed.
    { id: 19, ticket_id: 103, resource_id: 8, date_worked: '2025-12-10', hours_worked: 0.5, hours_to_bill: 0.5 },
    // January and February (all approved except e12)
    {
      id: 4,
      ticket_id: 100,
      resource_id: 7,
      date_worked: '2026-01-31',
      hours_worked: 4,
      approved_at: '2026-02-03T08:00:00.000Z',
    },
    {
      id: 1,
      ticket_id: 100,
      resource_id: 7,
      date_worked: '2026-02-10',
      hours_worked: 25,
      approved_at: '2026-02-17T08:00:00.000Z',
    },
    {
      id: 21,
      ticket_id: 101,
      resource_id: 9,
      date_worked: '2026-02-12',
      hours_worked: 2,
      approved_at: '2026-02-17T08:00:00.000Z',
    },
    {
      id: 2,
      ticket_id: 102,
      resource_id: 8,
      date_worked: '2026-02-28',
      hours_worked: 5,
      approved_at: '2026-03-03T08:00:00.000Z',
    },
    {
      id: 3,
      contract_id: 4,
      resource_id: 9,
      date_worked: '2026-02-01',
      hours_worked: 2,
      approved_at: '2026-02-03T08:00:00.000Z',
    },
    {
      id: 14,
      ticket_id: 105,
      resource_id: 8,
      date_worked: '2026-02-16',
      hours_worked: 3,
      hours_to_bill: 3,
      approved_at: '2026-02-17T08:00:00.000Z',
    },
    { id: 12, contract_id: 4, resource_id: 7, date_worked: '2026-02-20', hours_worked: 12, hours_to_bill: 12 },
    // March to date
    { id: 5, ticket_id: 100, resource_id: 7, date_worked: '2026-03-02', hours_worked: 12, hours_to_bill: 12 },
    // Booked to block k4 on a ticket under k1: the entry's own contract decides.
    {
      id: 6,
      ticket_id: 101,
      contract_id: 4,
      resource_id: 7,
      date_worked: '2026-03-10',
      hours_worked: 4.5,
      hours_to_bill: 5,
    },
    { id: 7, ticket_id: 102, resource_id: 8, date_worked: '2026-03-18', hours_worked: 2 },
    {
      id: 8,
      ticket_id: 103,
      resource_id: 8,
      date_worked: '2026-03-05',
      hours_worked: 1.5,
      non_billable: 1,
      billing_code_id: 29682801,
    },
    {
      id: 9,
      ticket_id: 103,
      resource_id: 8,
      date_worked: '2026-03-06',
      hours_worked: 0.5,
      non_billable: 1,
      billing_code_id: 29682804,
    },
    {
      id: 10,
      ticket_id: 100,
      resource_id: 8,
      date_worked: '2026-03-06',
      hours_worked: 1,
      non_billable: 1,
      billing_code_id: 29682801,
    },
    {
      id: 22,
      ticket_id: 105,
      resource_id: 7,
      date_worked: '2026-03-09',
      hours_worked: 0.75,
      non_billable: 1,
      billing_code_id: 29682801,
    },
    {
      id: 20,
      ticket_id: 106,
      resource_id: 9,
      date_worked: '2026-03-11',
      hours_worked: 0.5,
      hours_to_bill: 0.5,
      approved_at: '2026-03-12T08:00:00.000Z',
    },
    { id: 11, ticket_id: 104, resource_id: 8, date_worked: '2026-03-12', hours_worked: 3, hours_to_bill: 3 },
    { id: 15, ticket_id: 103, resource_id: 9, date_worked: '2026-03-16', hours_worked: 2.25, hours_to_bill: 2.25 },
    { id: 16, ticket_id: 105, resource_id: 7, date_worked: '2026-03-17', hours_worked: 1.5, hours_to_bill: 1.75 },
    { id: 18, ticket_id: 103, resource_id: 9, date_worked: '2026-03-18', hours_worked: 1, hours_to_bill: 1 },
  ] as Array<Record<string, unknown> & { id: number }>,
  surveys: [
    { id: 1, company_id: 10, rating: 1, completed_at: '2026-03-10T10:00:00.000Z' },
    { id: 2, company_id: 10, rating: 5, completed_at: '2026-03-11T10:00:00.000Z' },
  ],
  picklists: [
    { entity: 'Tickets', field: 'issueType', value: '1', label: 'Hardware' },
    { entity: 'Tickets', field: 'issueType', value: '2', label: 'Software' },
    { entity: 'TimeEntries', field: 'billingCodeID', value: '29682801', label: 'Remote Support' },
    { entity: 'Contracts', field: 'contractType', value: '7', label: 'Recurring Service' },
  ],
}

describe('revenue', () => {
  test('mrr_total adds the monthly value of recurring and retainer contracts in force', async () => {
    // k1 2,000 + k2 950 + k3 720 = 3,670. k4/k5 have no monthly value, k6 is inactive, k7 and k8 start later.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'mrr_total', NOW)
    expect(result).toMatchObject({
      kind: 'number',
      value: 3670,
      unit: 'euro',
      context: 'Recurring contracts bring in €3,670 a month from 2 clients.',
    })
    expect((await evaluateAt(db, 'mrr_total', NOW, { lang: 'nl' })).context).toBe(
      'Abonnementscontracten leveren € 3.670 per maand op bij 2 klanten.',
    )
  })

  test('arpu_client divides MRR by the clients that pay it', async () => {
    // 3,670 / 2 = 1,835
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'arpu_client', NOW)).toMatchObject({
      value: 1835,
      context: 'The 2 clients with a recurring contract pay €1,835 a month on average.',
    })
  })

  test('with no contracts MRR is 0 and ARPU has no value', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'mrr_total', NOW)).toMatchObject({
      value: 0,
      context: 'No recurring contract is in force today, so MRR is €0.',
    })
    expect(await evaluateAt(db, 'arpu_client', NOW)).toMatchObject({ value: null })
  })

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'mrr_per_seat per client and for the portfolio, narrowed to my accounts',
    async () => {
      // Bakker 2,000 / 20 = 100; Visser 1,670 / 10 = 167; portfolio 3,670 / 30 = 122.33. Jansen has no MRR.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'mrr_per_seat', NOW)
      expect(result).toMatchObject({ value: 122.33 })
      expect(items(result)).toEqual([
        ['Bakker', 100],
        ['Visser', 167],
      ])
      expect(result.context).toBe(
        'Clients pay €122 per seat a month on average over 30 seats at 2 clients; Bakker pays the least.',
      )
      expect(await evaluateAt(db, 'mrr_per_seat', NOW, { me: 8 })).toMatchObject({ value: 167 })
    },
  )

  test('client_concentration_top3 with the top 1', async () => {
    // 2,000 / 3,670 = 54.5% > 45%: red.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'client_concentration_top3', NOW, { params: { top: 1 } })).toMatchObject({
      value: 54.5,
      status: 'bad',
      context: 'The top 1 of 2 clients (Bakker) bring in 54.5% of MRR.',
    })
  })
})

describe('agreement economics', () => {
  // Agreement hours: those worked under a client's own fee-covered contracts (k1, k2). February: Bakker
  // e1 25 + e21 2 (Tim, no internal cost) = 27; Visser e2 5 (worked on the 28th, the month's last day).
  // Not agreement hours, though at Bakker: e3 and e12 on block k4 (prepaid), e14 on ticket 105 (no
  // contract, billed per hour). December-February adds e4 (4 h on 31 January) to Bakker: 31.
  test('effective_hourly_rate over the last full month divides by agreement hours only', async () => {
    // Bakker 2,000 / 27 = 74.074 -> 74.07 (below 95); Visser 1,670 / 5 = 334; portfolio 3,670 / 32 = 114.6875
    // -> 114.69. (Counting every Bakker hour, 27 + 2 + 12 + 3 = 44, would give 45.45 and 74.90.)
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'effective_hourly_rate', NOW, { params: { months: 1 } })
    expect(result).toMatchObject({ value: 114.69, status: 'good' })
    expect(items(result)).toEqual([
      ['Bakker', 74.07],
      ['Visser', 334],
    ])
    expect(result.context).toBe('Agreement clients paid €115 per hour worked; 1 of 2 are below the standard €95.')
  })

  test('effective_hourly_rate over three months counts three months of MRR', async () => {
    // Bakker 6,000 / 31 = 193.548 -> 193.55; Visser 5,010 / 5 = 1,002; portfolio 11,010 / 36 = 305.833 -> 305.83.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'effective_hourly_rate', NOW)
    expect(result).toMatchObject({ value: 305.83 })
    expect(items(result)).toEqual([
      ['Bakker', 193.55],
      ['Visser', 1002],
    ])
  })

  test('effective_hourly_rate counts revenue only for the part of the window the synced history covers', async () => {
    // Without entries 13 and 19 the history starts 2026-01-31: it covers 29 of the window's 90 days
    // (Dec 1 - Feb 28), so 3 x 29 / 90 = 0.96667 months of MRR. Bakker 2,000 x 0.96667 = 1,933.33 / 31 h
    // = 62.366 -> 62.37; Visser 1,670 x 0.96667 = 1,614.33 / 5 h = 322.867 -> 322.87;
    // portfolio 3,547.67 / 36 h = 98.546 -> 98.55.
    const db = await kpiDb({ ...fixture, entries: fixture.entries.filter((e) => e.id !== 13 && e.id !== 19) })
    const result = await evaluateAt(db, 'effective_hourly_rate', NOW)
    expect(result).toMatchObject({ value: 98.55 })
    expect(items(result)).toEqual([
      ['Bakker', 62.37],
      ['Visser', 322.87],
    ])
  })

  test('agreement_efficiency_ratio for February, on agreement hours', async () => {
    // Bakker 2,000 / (27 x 95 = 2,565) = 0.7797 -> 0.78 (below 0.8); Visser 1,670 / 475 = 3.5158 -> 3.52;
    // portfolio 3,670 / (32 x 95 = 3,040) = 1.2072 -> 1.21.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'agreement_efficiency_ratio', NOW)
    expect(result).toMatchObject({ value: 1.21, status: 'good' })
    expect(items(result)).toEqual([
      ['Bakker', 0.78],
      ['Visser', 3.52],
    ])
    expect(result.context).toBe(
      'Agreement clients paid 1.21× the standard-rate value of their hours last month; 1 of 2 are below 0.8 and 1 above 1.5.',
    )
  })

  test('client_gross_margin uses internal cost, and a fallback where there is none', async () => {
    // Bakker: 25 h x 50 + 2 h x 45 (Tim has no cost) = 1,340 -> (2,000 - 1,340) / 2,000 = 33%.
    // Visser: 5 h x 40 = 200 -> 1,470 / 1,670 = 88.024% -> 88.02. Portfolio: (3,670 - 1,540) / 3,670
    // = 2,130 / 3,670 = 58.038% -> 58.04: amber.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'client_gross_margin', NOW)
    expect(result).toMatchObject({ value: 58.04, status: 'warn' })
    expect(items(result)).toEqual([
      ['Bakker', 33],
      ['Visser', 88.02],
    ])
    expect(result.context).toBe(
      'After labour, agreement clients left a margin of 58% last month; 1 of 2 are below 50%.',
    )
  })

  test('agreement_hours_burn month to date, on agreement hours', async () => {
    // March 1-18 under k1: Bakker e5 12 + e10 1 = 13 (not e6 on block k4, e16 and e22 on ticket 105
    // without a contract, e20 on ticket 106 under k4) of 2,000 / 95 = 21.05 h -> 13 x 95 / 2,000 = 61.75%;
    // Visser e7 2 (today counts) of 1,670 / 95 = 17.58 h -> 190 / 1,670 = 11.377% -> 11.38;
    // portfolio 15 x 95 / 3,670 = 38.828% -> 38.83.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'agreement_hours_burn', NOW)
    expect(result).toMatchObject({ value: 38.83, status: 'good' })
    expect(items(result)).toEqual([
      ['Bakker', 61.75],
      ['Visser', 11.38],
    ])
    // Each bar is judged by its month-end pace, as agreements_over_budget projects it (13 of March's 22 business
    // days gone): Bakker 61.75 x 22 / 13 = 104.5% -> amber (over 100, within 120) and listed there; Visser 19.3% -> green.
    expect(result.kind === 'breakdown' && result.items.map((i) => [i.label, i.judged, i.status])).toEqual([
      ['Bakker', 104.5, 'warn'],
      ['Visser', 19.25, 'good'],
    ])
    expect(result.context).toBe(
      'Agreement clients used 15 of 39 budgeted hours this month (38.8%); 0 of 2 are over budget, 1 more heading over at this pace.',
    )
  })

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'agreements_over_budget lists clients projected over budget, with what drives the hours',
    async () => {
      // March has 22 business days, 13 of them up to and including Wednesday the 18th.
      // Bakker: 61.75% x 22 / 13 = 104.5% projected -> listed. Visser: 11.377% x 22 / 13 = 19.3% -> not.
      // Budget 2,000 / 95 = 21.0526 -> 21.05 h. Bakker's agreement hours by category: Hardware (ticket 100)
      // 13 h; its Software hours (e6, ticket 101) went to the block, so Software is not among them.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'agreements_over_budget', NOW)
      expect(rows(result)).toEqual([
        expect.objectContaining({
          companyName: 'Bakker',
          mrr: 2000,
          hoursMtd: 13,
          budgetHours: 21.05,
          burnPct: 61.75,
          projectedPct: 104.5,
          topCategories: 'Hardware',
          accountManagerId: 7,
        }),
      ])
      expect(result.context).toBe(
        '1 agreement client is over or heading over their hour budget this month, together €2,000 MRR.',
      )
      // Before 14 business days the projection counts 14: 61.75% x 22 / 14 = 97.0%, within budget.
      expect(await evaluateAt(db, 'agreements_over_budget', NOW, { params: { minDays: 14 } })).toMatchObject({
        count: 0,
      })
      expect(await evaluateAt(db, 'agreements_over_budget', NOW, { me: 8 })).toMatchObject({ count: 0 })
    },
  )

  test('mrr_at_risk adds the MRR of clients with any churn signal', async () => {
    // Visser: k2 (recurring) ends 30 April, within 60 days, no successor (k3 has one, k8). Bakker: projected
    // over budget. One low rating at Bakker is below the 2 needed. At risk: 2,000 + 1,670 = 3,670.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'mrr_at_risk', NOW)).toMatchObject({
      value: 3670,
      context: '€3,670 of MRR sits with 2 of 2 clients at risk (contract ending: 1, over budget: 1, low CSAT: 0).',
    })
    // Without the projection only Visser is left: 1,670.
    expect(await evaluateAt(db, 'mrr_at_risk', NOW, { params: { minDays: 14 } })).toMatchObject({ value: 1670 })
  })
})

describe('billing lists', () => {
  // Billed by the hour, not approved, not non-billable, worked before 18 March: e11 (De Boer, no
  // contract) 3 h to bill, e15 (Jansen, T&M) 2.25, e16 (Bakker, ticket 105 without a contract) 1.75 (not
  // its 1.5 worked), e19 (Jansen, December: no 90-day limit) 0.5. Left out: e12, e6 and e5 (block and
  // agreement time, paid already), e7 and e18 (today), e8, e9, e10, e22 (non-billable), the rest approved.
  test('unbilled_billable_time is the hours to bill of unapproved time billed by the hour', async () => {
    // 3 + 2.25 + 1.75 + 0.5 = 7.5 h at 3 clients; 7.5 x 95 = 712.50 -> €713; the oldest from 2025-12-10.
    // Amber: above the target of 0, within 40 h. (The old reading, every unapproved billable hour at any
    // contract within 90 days, was 12 + 12 + 5 + 3 + 2.25 + 1.75 = 36 h.)
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'unbilled_billable_time', NOW)
    expect(result).toMatchObject({ kind: 'number', unit: 'hours', value: 7.5, status: 'warn' })
    expect(result.context).toBe(
      '7.5 hours billed by the hour (€713 at the standard rate) at 3 clients wait for approval and posting; the oldest is from 10 Dec 2025.',
    )
    // Sem's own: e11 3 + e19 0.5 = 3.5.
    expect(await evaluateAt(db, 'unbilled_billable_time', NOW, { me: 8 })).toMatchObject({ value: 3.5 })
  })

  test('unbilled_billable_time for a resource who logged nothing is 0', async () => {
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'unbilled_billable_time', NOW, { me: 10, lang: 'nl' })
    expect(result).toMatchObject({
      value: 0,
      status: 'good',
      context: 'Alle uren op nacalculatie van vóór vandaag zijn goedgekeurd voor facturatie.',
    })
  })

  test('unbilled_time_by_client lists the same entries per client and engineer', async () => {
    // Bakker/Eva e16 1.75 h x 95 = 166.25; De Boer/Sem e11 3 h = 285; Jansen/Tim e15 2.25 h = 213.75;
    // Jansen/Sem e19 0.5 h = 47.50. By company, then value: Jansen's Tim before Sem. Total 7.5 h, as the headline.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'unbilled_time_by_client', NOW)
    expect(rows(result)).toEqual([
      {
        companyId: 10,
        companyName: 'Bakker',
        resourceId: 7,
        resourceName: 'Eva de Jong',
        entries: 1,
        oldestDate: '2026-03-17',
        hoursToBill: 1.75,
        value: 166.25,
      },
      {
        companyId: 13,
        companyName: 'De Boer',
        resourceId: 8,
        resourceName: 'Sem Bos',
        entries: 1,
        oldestDate: '2026-03-12',
        hoursToBill: 3,
        value: 285,
      },
      {
        companyId: 12,
        companyName: 'Jansen',
        resourceId: 9,
        resourceName: 'Tim Kok',
        entries: 1,
        oldestDate: '2026-03-16',
        hoursToBill: 2.25,
        value: 213.75,
      },
      {
        companyId: 12,
        companyName: 'Jansen',
        resourceId: 8,
        resourceName: 'Sem Bos',
        entries: 1,
        oldestDate: '2025-12-10',
        hoursToBill: 0.5,
        value: 47.5,
      },
    ])
    expect(result.context).toBe(
      '7.5 hours billed by the hour (€713 at the standard rate) at 3 clients wait for approval and posting.',
    )
  })

  test('the unbilled headline is the exact sum of the entries, not of rounded rows', async () => {
    // Three engineers each logged 20 minutes (0.3333 h to bill) on a ticket without a contract: each row
    // shows 0.33 h (0.99 together), the exact sum is 0.9999 -> 1.00 h.
    const db = await kpiDb({
      companies: [{ id: 20, name: 'Kleine Klant' }],
      tickets: [{ id: 1, company_id: 20 }],
      entries: [1, 2, 3].map((id) => ({
        id,
        ticket_id: 1,
        resource_id: id,
        date_worked: '2026-03-16',
        hours_worked: 0.3333,
        hours_to_bill: 0.3333,
      })),
    })
    expect(rows(await evaluateAt(db, 'unbilled_time_by_client', NOW)).map((r) => r.hoursToBill)).toEqual([
      0.33, 0.33, 0.33,
    ])
    const headline = await evaluateAt(db, 'unbilled_billable_time', NOW)
    expect(headline).toMatchObject({
      value: 1,
      context:
        '1 hour billed by the hour (€95 at the standard rate) at 1 client waits for approval and posting; the oldest is from 16 Mar 2026.',
    })
  })

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.ticketNumber))(
    'nonbillable_on_tm_clients lists write-offs on work billed by the hour',
    async () => {
      // e8 (Jansen, T&M k5, Remote Support) 1.5 h and e22 (Bakker, ticket 105 without a contract) 0.75 h count;
      // Bakker's recurring contract does not cover e22. e9 is Internal-coded; e10 is under Bakker's agreement k1.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'nonbillable_on_tm_clients', NOW)
      expect(rows(result)).toEqual([
        expect.objectContaining({
          entryId: 8,
          companyName: 'Jansen',
          resourceName: 'Sem Bos',
          ticketNumber: 'T2026.103',
          hoursWorked: 1.5,
          billingCode: 'Remote Support',
        }),
        expect.objectContaining({
          entryId: 22,
          companyName: 'Bakker',
          resourceName: 'Eva de Jong',
          ticketNumber: 'T2026.105',
          hoursWorked: 0.75,
          billingCode: 'Remote Support',
        }),
      ])
      expect(result.context).toBe(
        '2 non-billable entries (2.25 h) on hourly-billed work at 2 clients this month need a check.',
      )
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'block_hours_low compares billable hours booked to the block with the hours bought',
    async () => {
      // k4 (20 h): booked to it e3 2 + e12 12 + e6 5 (hours to bill), and through ticket 106 (under k4) e20
      // 0.5 = 19.5 used, 0.5 left = 2.5% < 20%; used 97.5%.
      // Last 28 days (after 18 Feb): e12 12 + e6 5 + e20 0.5 = 17.5 -> 4.375 -> 4.38 h/week;
      // 0.5 / 4.375 = 0.114 -> 0.11 weeks left. The retainer k3 has nothing booked (and is renewed by k8).
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'block_hours_low', NOW)
      expect(rows(result)).toEqual([
        expect.objectContaining({
          companyName: 'Bakker',
          contractId: 4,
          hoursPurchased: 20,
          hoursLeft: 0.5,
          usedPct: 97.5,
          burnPerWeek: 4.38,
          weeksLeft: 0.11,
          accountManagerId: 7,
        }),
      ])
      // Each contract counted once: none used up, k4 below 20%.
      expect(result.context).toBe('0 used up; 1 below 20% of its hours.')
    },
  )

  test('block_hours_low counts a used-up contract once, with the hours it went over', async () => {
    // 2 more hours to bill on k4: 19.5 + 2 = 21.5 of 20 -> 1.5 h over, used up, not also "below 20%".
    const extra = {
      id: 90,
      contract_id: 4,
      resource_id: 7,
      date_worked: '2026-03-16',
      hours_worked: 2,
      hours_to_bill: 2,
    }
    const db = await kpiDb({ ...fixture, entries: [...fixture.entries, extra] })
    const result = await evaluateAt(db, 'block_hours_low', NOW)
    expect(result).toMatchObject({
      title: 'Prepaid hours low or used up',
      count: 1,
      context: '1 used up (1.5 h over); 0 below 20% of their hours.',
    })
    expect(await evaluateAt(db, 'block_hours_low', NOW, { lang: 'nl' })).toMatchObject({
      title: 'Strippenkaart bijna of helemaal op',
      context: '1 helemaal op (1,5 u eroverheen); 0 onder 20% van hun uren.',
    })
  })
})

describe('contract lists', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'contracts_expiring_90d buckets unrenewed contracts ending by today + 90 days',
    async () => {
      // Today 18 March + 90 = 16 June. k2 ends 30 April: 43 days, 31-60. k10 ends 16 June: 90 days (the count
      // crosses the switch to summer time and still comes out whole), 61-90. k11 ends a day later: out.
      // k3 ends 31 March but k8 follows it. k4 ends in August.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'contracts_expiring_90d', NOW)
      expect(rows(result).map((r) => [r.contractId, r.daysLeft, r.bucket, r.mrr])).toEqual([
        [2, 43, '31-60', 950],
        [10, 90, '61-90', 0],
      ])
      expect(rows(result)[0]).toMatchObject({
        companyName: 'Visser',
        contractTypeLabel: 'Recurring Service',
        renewed: false,
      })
      expect(result.context).toBe('2 contracts end in the next 90 days (0 within 30), carrying €950 MRR.')
      const all = await evaluateAt(db, 'contracts_expiring_90d', NOW, { params: { includeRenewed: true } })
      expect(rows(all).map((r) => [r.contractId, r.renewed])).toEqual([
        [3, true],
        [2, false],
        [10, false],
      ])
      expect(rows(await evaluateAt(db, 'contracts_expiring_90d', NOW, { me: 7 })).map((r) => r.contractId)).toEqual([
        10,
      ])
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'service_without_contract lists served clients with no contract in force',
    async () => {
      // De Boer: ticket 104 (10 March) and e11 3 h in the last 30 days; its last contract ended 31 Dec.
      // Bakker, Visser and Jansen all have a contract in force.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'service_without_contract', NOW)
      expect(rows(result)).toEqual([
        expect.objectContaining({
          companyName: 'De Boer',
          tickets: 1,
          hours: 3,
          lastContractEnd: '2025-12-31',
          accountManagerName: 'Sem Bos',
        }),
      ])
      expect(result.context).toBe('1 client was served without a contract in the last 30 days (3 h of work).')
      expect((await evaluateAt(db, 'service_without_contract', NOW, { me: 7 })).context).toBe(
        'Every client served in the last 30 days has a contract in force.',
      )
    },
  )
})
