import { describe, expect, test } from 'vitest'
import type { KpiResult } from '../../kpi-library/types.js'
import { evaluateAt, type Fixture, kpiDb } from './fixture.js'

// Golden tests for revenue read from contract start and end dates: new_mrr, churned_mrr,
// net_revenue_retention, mrr_trend, and revenue_per_tech. Worked out by hand next to each.

const NOW = '2026-03-18T10:00:00.000Z' // Wednesday; last full month = February 2026
const udf = (fields: Record<string, string | null>) => JSON.stringify(fields)

/** A time entry: who worked on which day for how long, plus what the test is about (ticket, billing). */
const entry = (
  id: number,
  resource_id: number,
  date_worked: string,
  hours_worked: number,
  extra: Record<string, unknown> = {},
) => ({ id, resource_id, date_worked, hours_worked, ...extra })
const NON_BILLABLE = { non_billable: 1 }

function points(result: KpiResult) {
  if (result.kind !== 'trend') throw new Error(`${result.id} is not a trend`)
  return result.points.map((p) => [p.t, p.value])
}

// Recurring contracts (type 7 unless noted), monthly value in euros:
//   Anker (10):  k1 1,000, 2024 - 2027.
//   Bos (11):    k2 500, 2025-01-01 - 2026-01-31, deactivated since: churned in February.
//   Cox (12):    k3 800 from 2026-02-10: won in February. k12 is a block (type 4) with a monthly
//                value, which is not recurring revenue.
//   Dekker (13): k4 600 since 2023, plus retainer (type 6) k5 300 from 2026-02-01: upgraded in February.
//   Eik (14):    k6 400 to 2026-02-14 (still marked active), renewed by k7 at 250 from 2026-02-15:
//                downgraded in February.
//   Fok (15):    k8 700, deactivated before its end date (2028): never counts.
//   Groen (16):  k9 350 2025-03-01 - 2026-02-19, renewed at the same price by k10 the next day: no movement.
//   Haven (17):  k13 450 from 2025-06-01.
//   The MSP itself (0): k14 5,000, never a client. Anker's T&M contract k11 has no monthly value.
const contract = (
  id: number,
  company_id: number,
  value: number | null,
  start_date: string,
  end_date: string,
  extra: Record<string, unknown> = {},
) => ({
  id,
  company_id,
  contract_type: 7,
  status: 1,
  start_date,
  end_date,
  udf: udf({ 'Monthly Value': value === null ? null : String(value) }),
  ...extra,
})
const fixture: Fixture = {
  companies: [
    { id: 0, name: 'Eigen IT B.V.' },
    { id: 10, name: 'Anker' },
    { id: 11, name: 'Bos' },
    { id: 12, name: 'Cox' },
    { id: 13, name: 'Dekker' },
    { id: 14, name: 'Eik' },
    { id: 15, name: 'Fok' },
    { id: 16, name: 'Groen' },
    { id: 17, name: 'Haven' },
  ],
  contracts: [
    contract(1, 10, 1000, '2024-01-01', '2027-12-31'),
    contract(2, 11, 500, '2025-01-01', '2026-01-31', { status: 0 }),
    contract(3, 12, 800, '2026-02-10', '2027-02-09'),
    contract(12, 12, 999, '2026-02-10', '2027-02-09', { contract_type: 4 }),
    contract(4, 13, 600, '2023-01-01', '2027-12-31'),
    contract(5, 13, 300, '2026-02-01', '2026-12-31', { contract_type: 6 }),
    contract(6, 14, 400, '2023-01-01', '2026-02-14'),
    contract(7, 14, 250, '2026-02-15', '2027-02-14'),
    contract(8, 15, 700, '2024-01-01', '2028-01-01', { status: 0 }),
    contract(9, 16, 350, '2025-03-01', '2026-02-19'),
    contract(10, 16, 350, '2026-02-20', '2027-02-19'),
    contract(11, 10, null, '2024-01-01', '2030-12-31', { contract_type: 1 }),
    contract(13, 17, 450, '2025-06-01', '2027-05-31'),
    contract(14, 0, 5000, '2024-01-01', '2030-12-31'),
  ],
}

// Per client MRR at the end of January (31st) -> end of February (28th):
//   Anker 1,000 -> 1,000; Bos 500 -> 0; Cox 0 -> 800; Dekker 600 -> 900; Eik 400 -> 250;
//   Groen 350 -> 350; Haven 450 -> 450.

describe('MRR movements from contract dates', () => {
  test('new_mrr adds the rises per client over last month', async () => {
    // Cox +800 (new client) + Dekker +300 (retainer added) = 1,100. Groen's renewal is no movement.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'new_mrr', NOW)
    expect(result).toMatchObject({ kind: 'number', unit: 'euro', value: 1100 })
    expect(result.context).toBe('€1,100 of MRR was added in February 2026: 1 new client, 1 client taking on more.')
    expect((await evaluateAt(db, 'new_mrr', NOW, { lang: 'nl' })).context).toBe(
      'In februari 2026 kwam er € 1.100 MRR bij: 1 nieuwe klant, 1 klant met meer afname.',
    )
  })

  test('churned_mrr adds the falls per client over last month', async () => {
    // Bos -500 (left) + Eik -150 (renewed for less) = 650. End of January MRR 3,300 + 1,100 - 650 = 3,750
    // at the end of February, as mrr_trend shows.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'churned_mrr', NOW)
    expect(result).toMatchObject({ kind: 'number', unit: 'euro', value: 650 })
    expect(result.context).toBe('€650 of MRR was lost in February 2026: 1 client left, 1 kept less.')
  })

  test('net_revenue_retention follows the clients of a year ago', async () => {
    // Paying on 2025-02-28: Anker 1,000, Bos 500, Dekker 600, Eik 400 = 2,500 (Groen starts 1 March,
    // Haven in June, Cox in 2026: new business, not retention). The same four on 2026-02-28:
    // 1,000 + 0 + 900 + 250 = 2,150 -> 2,150 / 2,500 = 86%.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'net_revenue_retention', NOW)
    expect(result).toMatchObject({ kind: 'number', unit: 'percent', value: 86 })
    expect(result.context).toBe(
      'The 4 clients paying €2,500 MRR on 28 Feb 2025 paid €2,150 on 28 Feb 2026 (86%); 1 of them left.',
    )
  })

  test("mrr_trend shows each month end and ends on today's MRR, the number of mrr_total", async () => {
    // Month ends: April and May 2025: Anker 1,000 + Bos 500 + Dekker 600 + Eik 400 + Groen 350 = 2,850;
    // from June + Haven 450 = 3,300 up to January 2026; February 3,750 (see above); March (today) the
    // same: Bos's deactivated k2 and Fok's k8 do not count, nor the MSP's own k14.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'mrr_trend', NOW)
    expect(points(result)).toEqual([
      ['2025-04', 2850],
      ['2025-05', 2850],
      ['2025-06', 3300],
      ['2025-07', 3300],
      ['2025-08', 3300],
      ['2025-09', 3300],
      ['2025-10', 3300],
      ['2025-11', 3300],
      ['2025-12', 3300],
      ['2026-01', 3300],
      ['2026-02', 3750],
      ['2026-03', 3750],
    ])
    expect(result).toMatchObject({
      value: 3750,
      context: 'MRR is €3,750 today, against €2,850 at the end of April 2025.',
    })
    expect(await evaluateAt(db, 'mrr_total', NOW)).toMatchObject({ value: 3750 })
  })

  test('with no contracts there is nothing to move or retain', async () => {
    const db = await kpiDb({})
    expect(await evaluateAt(db, 'new_mrr', NOW)).toMatchObject({
      value: 0,
      context: 'No MRR was added in February 2026.',
    })
    expect(await evaluateAt(db, 'churned_mrr', NOW)).toMatchObject({
      value: 0,
      context: 'No MRR was lost in February 2026.',
    })
    expect(await evaluateAt(db, 'net_revenue_retention', NOW)).toMatchObject({
      value: null,
      context: 'No client paid MRR on 28 Feb 2025, so there is nothing to retain yet.',
    })
  })
})

describe('revenue_per_tech', () => {
  // Wednesday 2026-03-18: last full month February (28 days). Recurring revenue, pro rata to the days
  // each recurring contract ran: Anker 1,000 (all month) + Cox 800 x 19 / 28 (from the 10th) = 542.86 +
  // Dekker 600 (all month) + Bos 0 (ended 31 January) = 2,142.86. Hourly: billable entries billed by the
  // hour worked in February: e1 4 h to bill (T&M k4) + e2 2.5 h to bill (ticket without contract) = 6.5 h
  // x 95 = 617.50. Not e3 (under Dekker's agreement), e4 (non-billable), e5 (March).
  // Billable technicians: Daan (e5, 2 March) and Sanne (e2, 20 February); Joost logs only non-billable time.
  const fixture: Fixture = {
    companies: [
      { id: 10, name: 'Anker' },
      { id: 11, name: 'Bos' },
      { id: 12, name: 'Cox' },
      { id: 13, name: 'Dekker' },
    ],
    resources: [
      { id: 1, first_name: 'Daan', last_name: 'Visser' },
      { id: 2, first_name: 'Sanne', last_name: 'Bakker' },
      { id: 3, first_name: 'Joost', last_name: 'Smit' },
    ],
    contracts: [
      {
        id: 1,
        company_id: 10,
        contract_type: 7,
        status: 1,
        start_date: '2024-01-01',
        end_date: '2027-12-31',
        udf: udf({ 'Monthly Value': '1000' }),
      },
      {
        id: 2,
        company_id: 11,
        contract_type: 7,
        status: 0,
        start_date: '2024-01-01',
        end_date: '2026-01-31',
        udf: udf({ 'Monthly Value': '500' }),
      },
      {
        id: 3,
        company_id: 12,
        contract_type: 7,
        status: 1,
        start_date: '2026-02-10',
        end_date: '2027-02-09',
        udf: udf({ 'Monthly Value': '800' }),
      },
      { id: 4, company_id: 10, contract_type: 1, status: 1, start_date: '2024-01-01', end_date: '2030-12-31' },
      {
        id: 5,
        company_id: 13,
        contract_type: 7,
        status: 1,
        start_date: '2024-01-01',
        end_date: '2027-12-31',
        udf: udf({ 'Monthly Value': '600' }),
      },
    ],
    tickets: [
      { id: 1, company_id: 10, contract_id: 4 },
      { id: 2, company_id: 12 },
      { id: 3, company_id: 13, contract_id: 5 },
    ],
    entries: [
      entry(6, 3, '2026-01-15', 1, NON_BILLABLE),
      entry(1, 1, '2026-02-10', 4, { ticket_id: 1, hours_to_bill: 4 }),
      entry(2, 2, '2026-02-20', 2, { ticket_id: 2, hours_to_bill: 2.5 }),
      entry(3, 1, '2026-02-12', 3, { ticket_id: 3, hours_to_bill: 3 }),
      entry(4, 2, '2026-02-11', 1, { ticket_id: 1, ...NON_BILLABLE }),
      entry(5, 1, '2026-03-02', 1, { ticket_id: 1, hours_to_bill: 1 }),
      entry(7, 3, '2026-03-05', 2, { ticket_id: 3, ...NON_BILLABLE }),
    ],
  }

  test("last month's recurring and hourly revenue per billable technician", async () => {
    // (2,142.857 + 617.50) / 2 = 1,380.18.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'revenue_per_tech', NOW)
    expect(result).toMatchObject({ kind: 'number', unit: 'euro', value: 1380.18, status: 'none' })
    expect(result.context).toBe(
      '€1,380 per billable technician in February 2026: €2,143 recurring and €618 billed by the hour, over 2 technicians.',
    )
  })

  test('says so when the synced time history starts inside the month', async () => {
    // Without e6 the first entry is e1 on 10 February.
    const db = await kpiDb({ ...fixture, entries: fixture.entries!.filter((e) => e.id !== 6) })
    expect((await evaluateAt(db, 'revenue_per_tech', NOW)).context).toBe(
      '€1,380 per billable technician in February 2026: €2,143 recurring and €618 billed by the hour (time is synced from 10 Feb 2026 only), over 2 technicians.',
    )
  })
})
