import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb } from './fixture.js'

const NOW = '2026-03-18T10:00:00.000Z' // Wednesday 11:00 in Amsterdam; billable staff: work on 17 Feb - 18 Mar

// Bakker (10) has 3 active items (two laptops, a server) and a retired laptop; Visser (11) two laptops
// and a printer; the MSP (0) one device of its own. Client endpoints: 3 + 3 = 6.
const companies = [
  { id: 0, name: 'Demo MSP' },
  { id: 10, name: 'Bakker' },
  { id: 11, name: 'Visser' },
  { id: 12, name: 'Stil B.V.' },
]
const configurationItems = [
  { id: 1, company_id: 10, ci_type: 1 },
  { id: 2, company_id: 10, ci_type: 1 },
  { id: 3, company_id: 10, ci_type: 2 },
  { id: 4, company_id: 10, ci_type: 1, is_active: 0 as const },
  { id: 5, company_id: 11, ci_type: 1 },
  { id: 6, company_id: 11, ci_type: 1 },
  { id: 7, company_id: 11, ci_type: 4 },
  { id: 8, company_id: 0, ci_type: 1 },
]

describe('endpoints_per_tech', () => {
  // Billable technicians: 1 and 2 (billable work in the last 30 days). Not 3 (left), not 4 (only
  // non-billable time), not 5 (last billable work on 10 February, before 17 February).
  const fixture = {
    companies,
    configurationItems,
    resources: [{ id: 1 }, { id: 2 }, { id: 3, is_active: 0 as const }, { id: 4 }, { id: 5 }],
    entries: [
      { id: 1, resource_id: 1, date_worked: '2026-03-10' },
      { id: 2, resource_id: 2, date_worked: '2026-02-17' },
      { id: 3, resource_id: 3, date_worked: '2026-03-10' },
      { id: 4, resource_id: 4, date_worked: '2026-03-10', non_billable: 1 as const },
      { id: 5, resource_id: 5, date_worked: '2026-02-10' },
    ],
  }

  test("the clients' active items over the billable technicians", async () => {
    // 6 endpoints / 2 technicians = 3: far below the amber line of 180.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'endpoints_per_tech', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 3, status: 'bad', target: 230 })
    expect(result.context).toBe(
      '6 endpoints at 2 clients over 2 billable technicians: 3 each (230-280 is often quoted as healthy).',
    )
    expect((await evaluateAt(db, 'endpoints_per_tech', NOW, { lang: 'nl' })).context).toBe(
      '6 endpoints bij 2 klanten over 2 declarabele technici: 3 per technicus (230-280 wordt vaak als gezond genoemd).',
    )
  })

  test('only the chosen types count', async () => {
    // Laptops (type 1) only: Bakker 2, Visser 2 = 4 / 2 = 2.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'endpoints_per_tech', NOW, { params: { ciTypes: [1] } })).toMatchObject({ value: 2 })
  })

  test('without billable technicians there is nothing to divide by', async () => {
    const db = await kpiDb({ companies, configurationItems })
    const result = await evaluateAt(db, 'endpoints_per_tech', NOW)
    expect(result).toMatchObject({ value: null, status: 'none' })
    expect(result.context).toBe('6 endpoints at 2 clients, but nobody logged billable time in the last 30 days.')
  })
})

describe('tickets_per_endpoint_month', () => {
  // Last month is February in Amsterdam: from 2026-01-31T23:00Z up to, not including, 2026-02-28T23:00Z.
  const fixture = {
    companies,
    configurationItems,
    tickets: [
      { id: 1, company_id: 10, created_at: '2026-02-03T09:00:00.000Z' },
      { id: 2, company_id: 10, created_at: '2026-02-27T10:00:00.000Z' },
      { id: 3, company_id: 10, created_at: '2026-02-10T03:00:00.000Z', kind: 'alert' }, // an alert
      { id: 4, company_id: 10, created_at: '2026-01-31T23:30:00.000Z' }, // 1 February 00:30 local: February
      { id: 5, company_id: 10, created_at: '2026-02-28T23:30:00.000Z' }, // 1 March 00:30 local: March
      { id: 6, company_id: 11, created_at: '2026-02-15T12:00:00.000Z', kind: 'incident' },
      { id: 7, company_id: 11, created_at: '2026-03-02T09:00:00.000Z' },
      { id: 8, company_id: 12, created_at: '2026-02-11T09:00:00.000Z' }, // a client without endpoints
    ],
  }

  test('per client and for the portfolio, alerts left out', async () => {
    // Bakker: tickets 1, 2, 4 = 3 over 3 endpoints = 1. Visser: ticket 6 = 1 over 3 = 0.333 -> 0.33.
    // Portfolio: (3 + 1) / (3 + 3) = 0.667 -> 0.67, between the target 0.5 and the amber line 2.
    // Stil B.V.'s ticket 8 is not counted: it has no endpoints.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'tickets_per_endpoint_month', NOW)
    expect(result).toMatchObject({ kind: 'breakdown', value: 0.67, status: 'warn' })
    expect(result.kind === 'breakdown' && result.items.map((i) => [i.label, i.value])).toEqual([
      ['Bakker', 1],
      ['Visser', 0.33],
    ])
    expect(result.context).toBe(
      '4 tickets (alerts left out) over 6 endpoints in February 2026: 0.67 per endpoint; highest Bakker (1); 1 ticket of clients without endpoints is not counted.',
    )
    expect((await evaluateAt(db, 'tickets_per_endpoint_month', NOW, { lang: 'nl' })).context).toBe(
      '4 tickets (zonder alerts) over 6 endpoints in februari 2026: 0,67 per endpoint; het hoogst bij Bakker (1); 1 ticket van klanten zonder endpoints telt niet mee.',
    )
  })

  test('with alerts counted', async () => {
    // Bakker 4 / 3 = 1.333 -> 1.33; portfolio (4 + 1) / 6 = 0.833 -> 0.83.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'tickets_per_endpoint_month', NOW, { params: { includeAlerts: true } })
    expect(result).toMatchObject({ value: 0.83 })
    expect(result.kind === 'breakdown' && result.items[0]).toMatchObject({ label: 'Bakker', value: 1.33 })
  })
})
