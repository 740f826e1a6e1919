import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { type Fixture, kpiDb } from '../kpi/fixture.js'

// What a shortfall against a goal's path costs, per KPI that can say (utilization: test/goals/goal-path.test.ts).
// Now Wed 18 March 2026, 11:00 in Amsterdam: the last full month is February.
const NOW = '2026-03-18T10:00:00.000Z'
const udf = (fields: Record<string, string | null>) => JSON.stringify(fields)

// Bakker pays € 2,000 a month under recurring contract k1; in February 25 hours were worked on its ticket 100, and
// 1 internal hour on 1 February says the synced history covers the whole month.
const BAKKER: Fixture = {
  companies: [{ id: 10, name: 'Bakker' }],
  resources: [{ id: 7, first_name: 'Daan', last_name: 'Visser' }],
  contracts: [
    {
      id: 1,
      company_id: 10,
      name: 'Managed Services Werkplek',
      contract_type: 7,
      status: 1,
      start_date: '2025-01-01',
      end_date: '2027-12-31',
      udf: udf({ 'Monthly Value': '2000.00' }),
    },
  ],
  tickets: [{ id: 100, company_id: 10, contract_id: 1, issue_type: 1 }],
  entries: [
    { id: 1, resource_id: 7, date_worked: '2026-02-01', hours_worked: 1, non_billable: 1 },
    { id: 2, ticket_id: 100, resource_id: 7, date_worked: '2026-02-10', hours_worked: 25 },
  ],
}

async function priced(id: string, params: Record<string, unknown>, gap: number, lang: 'en' | 'nl' = 'en') {
  const db = await kpiDb(BAKKER)
  const engine = createKpiEngine({ db, now: () => new Date(NOW), cacheSize: 0 })
  const evaluation = { params, lang }
  return { result: await engine.evaluate(id, evaluation), cost: await engine.consequence(id, evaluation, gap) }
}

describe('what a gap costs', () => {
  test('effective hourly rate: euros an hour short times the hours worked under the agreement', async () => {
    // February: 2,000 / 25 h = € 80 an hour. A path expecting € 95 is € 15 short: 15 x 25 h = € 375 -> € 380.
    const { result, cost } = await priced('effective_hourly_rate', { months: 1 }, 15)
    expect(result).toMatchObject({ value: 80 })
    expect(cost).toEqual({ amount: '€380', text: '€380 less revenue last full month' })
    // Dutch, over 3 months at the same 25 hours: 12.40 x 25 = € 310.
    const nl = await priced('effective_hourly_rate', { months: 3 }, 12.4, 'nl')
    expect(nl.cost).toEqual({ amount: '€ 310', text: '€ 310 minder omzet over de afgelopen 3 volle maanden' })
  })

  test('MRR: the gap is euros a month; from € 1.000 on it is said to the hundred', async () => {
    expect((await priced('mrr_total', {}, 4_130, 'nl')).cost).toEqual({
      amount: '€ 4.100',
      text: '€ 4.100 terugkerende omzet per maand tekort',
    })
    expect((await priced('mrr_total', {}, 64, 'en')).cost?.text).toBe('€60 of recurring revenue a month short')
  })

  test('nothing short, or a KPI that cannot price a gap, says nothing', async () => {
    expect((await priced('mrr_total', {}, 0)).cost).toBeNull()
    expect((await priced('mrr_total', {}, -500)).cost).toBeNull()
    expect((await priced('tickets_open', {}, 5)).cost).toBeNull()
  })
})
