import { describe, expect, test } from 'vitest'
import { agreementHourTypes, billingModel, typesBilled } from '../../kpi-library/billing.js'
import { CONTRACT_KIND } from '../../db/psa-model.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { evaluateAt, type Fixture, kpiDb } from './fixture.js'

// Golden tests for the billing rule (kpi-library/billing.ts) and the KPIs that count people or
// clients by it: billable staff and managed clients (revenue_per_tech is in revenue.test.ts). Expected values are worked out by
// hand next to each. Amsterdam is UTC+1 in winter, UTC+2 from 2026-03-29.

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

function items(result: KpiResult) {
  if (result.kind !== 'breakdown') throw new Error(`${result.id} is not a breakdown`)
  return result.items.map((i) => [i.label, i.value])
}

describe('the billing rule', () => {
  test('each contract type decides how its time is paid; no contract, or an unknown type, is per hour', () => {
    expect([1, 3, 4, 6, 7, 8].map(billingModel)).toEqual(['hourly', 'fee', 'prepaid', 'fee', 'fee', 'fee'])
    expect([null, undefined, 99].map(billingModel)).toEqual(['hourly', 'hourly', 'hourly'])
    expect(typesBilled('fee')).toEqual([
      CONTRACT_KIND.fixedPrice,
      CONTRACT_KIND.retainer,
      CONTRACT_KIND.recurringService,
      CONTRACT_KIND.perTicket,
    ])
    expect(typesBilled('prepaid')).toEqual([CONTRACT_KIND.blockHours])
    // An agreement's revenue pays for the hours under its fee-covered types only.
    expect(agreementHourTypes([7, 6, 4, 1])).toEqual([7, 6])
  })
})

describe('billable staff: billable_utilization and billable_utilization_last_week', () => {
  // Wednesday 2026-03-04 11:00: last week is 02-23 to 03-01 (5 business days, so 40 h a person at 40 h a
  // week). Billable staff = active people with a billable entry on one of the 30 dates 02-03 to 03-04:
  // Daan, Sanne and Bram (whose only billable entry is on 02-03, the first of those dates). Not Joost,
  // the service manager, who logs only non-billable time; not Lotte (her billable entry is on 02-02);
  // not Eva (inactive, though she billed 10 h last week).
  const WED = '2026-03-04T10:00:00.000Z'
  const fixture: Fixture = {
    resources: [
      { id: 1, first_name: 'Daan', last_name: 'Visser' },
      { id: 2, first_name: 'Sanne', last_name: 'Bakker' },
      { id: 3, first_name: 'Joost', last_name: 'Smit' },
      { id: 4, first_name: 'Eva', last_name: 'Jansen', is_active: 0 },
      { id: 5, first_name: 'Lotte', last_name: 'de Boer' },
      { id: 6, first_name: 'Bram', last_name: 'Kok' },
    ],
    entries: [
      // Daan: 30 billable hours last week, and 4 not.
      ...['2026-02-23', '2026-02-24', '2026-02-25'].map((date, i) => entry(1 + i, 1, date, 8)),
      entry(4, 1, '2026-02-26', 6),
      entry(5, 1, '2026-02-27', 4, NON_BILLABLE),
      // Sanne: 20 billable hours last week, one of them on the Sunday.
      entry(6, 2, '2026-02-23', 10),
      entry(7, 2, '2026-03-01', 10),
      // Joost: only non-billable time.
      entry(8, 3, '2026-02-24', 8, NON_BILLABLE),
      entry(9, 3, '2026-03-02', 4, NON_BILLABLE),
      entry(10, 4, '2026-02-24', 10),
      entry(11, 5, '2026-02-02', 3),
      entry(12, 6, '2026-02-03', 2),
    ],
  }

  test('billable_utilization counts only billable staff as capacity', async () => {
    // Billable hours of the billable staff last week: Daan 30 + Sanne 20 + Bram 0 = 50 of 3 x 40 = 120
    // -> 41.667% -> 41.67 (red). Eva's 10 h stay out with her capacity. (Counting everyone who logged any
    // time on 02-02 to 03-04 as capacity, Joost and Lotte too, gave 50 / 200 = 25%.)
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'billable_utilization', WED)
    expect(result).toMatchObject({ value: 41.67, status: 'bad' })
    expect(result.context).toBe('The team worked 50 billable hours of 120 available last week (41.7%).')
    // Joost alone is no capacity at all.
    expect(await evaluateAt(db, 'billable_utilization', WED, { me: 3 })).toMatchObject({
      value: null,
      context: 'No capacity last week: nobody logged billable time in the last 30 days.',
    })
  })

  test('billable_utilization_last_week: every billable hour over the billable staff weekly hours', async () => {
    // Every billable hour of last week: Daan 30 + Sanne 20 + Eva 10 = 60, over 3 x 40 = 120 -> 50% (red).
    // At 32 h a week: 60 / 96 = 62.5%. Daan alone: 30 / 40 = 75% (green).
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'billable_utilization_last_week', WED)
    expect(result).toMatchObject({ kind: 'number', unit: 'percent', value: 50, status: 'bad' })
    expect(result.context).toBe('60 billable hours last week against 120 hours of 3 billable staff (50%).')
    expect(await evaluateAt(db, 'billable_utilization_last_week', WED, { params: { weeklyHours: 32 } })).toMatchObject({
      value: 62.5,
    })
    const mine = await evaluateAt(db, 'billable_utilization_last_week', WED, { me: 1, lang: 'nl' })
    expect(mine).toMatchObject({
      value: 75,
      status: 'good',
      context: 'Vorige week 30 declarabele uren tegenover 40 uur van 1 declarabele medewerker (75%).',
    })
  })
})

describe('rhem counts managed clients only', () => {
  // Thursday 2026-04-02: last month is March 2026. Managed = a recurring-service contract in force on
  // some day of March: Bakker (to 2027), Kok (ended 15 March, since deactivated) and Vos (no endpoint
  // count). Not Smit (T&M), Jansen (block hours) or De Wit (recurring from 1 April).
  const NOW = '2026-04-02T10:00:00.000Z'
  const company = (id: number, name: string, endpoints: string | null) => ({
    id,
    name,
    udf: udf({ Endpoints: endpoints }),
  })
  const contract = (
    id: number,
    company_id: number,
    contract_type: number,
    start_date: string,
    end_date: string,
    status = 1,
  ) => ({ id, company_id, contract_type, status, start_date, end_date })
  const fixture: Fixture = {
    companies: [
      company(10, 'Bakker', '30'),
      company(11, 'Smit', '20'),
      company(12, 'Jansen', '10'),
      company(13, 'Kok', '40'),
      company(14, 'Vos', null),
      company(15, 'De Wit', '25'),
    ],
    contracts: [
      contract(1, 10, 7, '2025-01-01', '2027-12-31'),
      contract(2, 11, 1, '2024-01-01', '2030-12-31'),
      contract(3, 12, 4, '2025-09-01', '2026-08-31'),
      contract(4, 13, 7, '2024-03-16', '2026-03-15', 0),
      contract(5, 14, 7, '2025-01-01', '2027-12-31'),
      contract(6, 15, 7, '2026-04-01', '2027-03-31'),
    ],
    tickets: [
      { id: 1, company_id: 10, kind: 'incident' }, // Incident
      { id: 2, company_id: 11, kind: 'problem' }, // Problem
      { id: 3, company_id: 12, kind: 'alert' }, // Alert
      { id: 4, company_id: 13, kind: 'incident' },
      { id: 5, company_id: 14, kind: 'incident' },
      { id: 6, company_id: 15, kind: 'incident' },
      { id: 7, company_id: 10, kind: 'service_request' }, // Service Request: not reactive
    ],
    // One entry per ticket, all in March: [ticket, date, hours].
    entries: (
      [
        [1, '2026-03-02', 6],
        [2, '2026-03-10', 10],
        [3, '2026-03-11', 4],
        [4, '2026-03-20', 2],
        [5, '2026-03-12', 1],
        [6, '2026-03-13', 3],
        [7, '2026-03-16', 5],
      ] as const
    ).map(([ticket, date, hours]) => entry(ticket, 1, date, hours, { ticket_id: ticket })),
  }

  test('reactive hours of T&M and block clients stay out', async () => {
    // Bakker 6 h x 60 / 30 endpoints = 12 min; Kok 2 h x 60 / 40 = 3 min; portfolio 8 h x 60 / 70 = 6.857
    // -> 6.86 min. Vos has no endpoint count. (Every client with endpoints: 25 h x 60 / 125 = 12 min.)
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'rhem', NOW)
    expect(result).toMatchObject({ value: 6.86, unit: 'minutes', status: 'good' })
    expect(items(result)).toEqual([
      ['Bakker', 12],
      ['Kok', 3],
    ])
    expect(result.context).toBe(
      '8 reactive hours at managed clients over 70 endpoints last month: 7 min per endpoint; highest Bakker (12 min).',
    )
  })
})
