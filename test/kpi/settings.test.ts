import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { easterSunday, publicHolidays } from '../../kpi-library/holidays.js'
import type { MspSettings } from '../../kpi-library/settings.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { saveSettings } from '../../server/services/settings.js'
import { evaluateAt, type Fixture, kpiDb, listRows } from './fixture.js'

// The MSP settings as KPIs read them (issue 12): parameter defaults (standard rate, weekly hours), each
// person's own hours and leave, and public holidays in business-hour maths. Expected values by hand.

const save = (db: Awaited<ReturnType<typeof kpiDb>>, change: Partial<MspSettings>) =>
  saveSettings(db, change, '2026-01-01T00:00:00.000Z')
const value = (result: KpiResult) => ('value' in result ? result.value : null)
const items = (result: KpiResult) => (result.kind === 'breakdown' ? result.items.map((i) => [i.label, i.value]) : [])

describe('public holidays', () => {
  test('Easter and the days that follow it', () => {
    expect([2024, 2025, 2026, 2027].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28'])
  })

  test('NL 2026: Easter Monday, King’s Day, Ascension, Whit Monday, Christmas; no Liberation Day outside lustrum years', () => {
    const nl = publicHolidays('NL', 2026).map((h) => h.date)
    expect(nl).toEqual([
      '2026-01-01',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ])
    // 27 April 2025 is a Sunday: King's Day is the 26th; 2025 is a lustrum year.
    expect(publicHolidays('NL', 2025).map((h) => h.date)).toEqual(expect.arrayContaining(['2025-04-26', '2025-05-05']))
  })

  test('BE 2026: the ten legal holidays, no King’s Day', () => {
    const be = publicHolidays('BE', 2026).map((h) => h.date)
    expect(be).toEqual([
      '2026-01-01',
      '2026-04-05',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-07-21',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ])
    expect(publicHolidays('none', 2026)).toEqual([])
  })
})

describe('business-hour durations skip the settings’ holidays', () => {
  // resolution_p90 of one ticket is that ticket's business hours from creation to resolution.
  test('across King’s Day: in NL, not in BE', async () => {
    // Created Fri 24 Apr 15:30 CEST, resolved Tue 28 Apr 10:30 CEST. Fri 15:30-17:30 = 2 h, Mon 27 Apr
    // 9 h unless it is a holiday, Tue 08:30-10:30 = 2 h. NL: 4 h; BE: 13 h.
    const db = await kpiDb({
      tickets: [
        {
          id: 1,
          kind: 'service_request',
          created_at: '2026-04-24T13:30:00.000Z',
          resolved_at: '2026-04-28T08:30:00.000Z',
        },
      ],
    })
    const now = '2026-04-29T10:00:00.000Z'
    expect(value(await evaluateAt(db, 'resolution_p90', now))).toBe(4) // NL is the default
    await save(db, { holidays: { country: 'BE', extra: [] } })
    expect(value(await evaluateAt(db, 'resolution_p90', now))).toBe(13)
    // An extra day the MSP closes counts like a holiday.
    await save(db, { holidays: { country: 'BE', extra: ['2026-04-27'] } })
    expect(value(await evaluateAt(db, 'resolution_p90', now))).toBe(4)
  })

  test('across Easter Monday: a holiday in NL and BE, not with none', async () => {
    // Created Thu 2 Apr 16:30 CEST, resolved Tue 7 Apr 09:30 CEST: Thu 1 h + Good Friday 9 h (a working
    // day in both) + Easter Monday 9 h unless a holiday + Tue 1 h. NL and BE: 11 h; none: 20 h.
    const db = await kpiDb({
      tickets: [
        {
          id: 1,
          kind: 'service_request',
          created_at: '2026-04-02T14:30:00.000Z',
          resolved_at: '2026-04-07T07:30:00.000Z',
        },
      ],
    })
    const now = '2026-04-08T10:00:00.000Z'
    expect(value(await evaluateAt(db, 'resolution_p90', now))).toBe(11)
    await save(db, { holidays: { country: 'BE', extra: [] } })
    expect(value(await evaluateAt(db, 'resolution_p90', now))).toBe(11)
    await save(db, { holidays: { country: 'none', extra: [] } })
    expect(value(await evaluateAt(db, 'resolution_p90', now))).toBe(20)
  })

  test('business hours of the settings replace the environment’s', async () => {
    // Same King's Day ticket with 09:00-17:00 and no holidays: Fri 1.5 h + Mon 8 h + Tue 1.5 h = 11 h.
    const db = await kpiDb({
      tickets: [
        {
          id: 1,
          kind: 'service_request',
          created_at: '2026-04-24T13:30:00.000Z',
          resolved_at: '2026-04-28T08:30:00.000Z',
        },
      ],
    })
    await save(db, {
      holidays: { country: 'none', extra: [] },
      businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    })
    expect(value(await evaluateAt(db, 'resolution_p90', '2026-04-29T10:00:00.000Z'))).toBe(11)
  })
})

describe('utilization from the settings’ weekly hours, per person and with leave', () => {
  // Now Wed 4 Mar 2026; last week is Mon 23 Feb - Sun 1 Mar, 5 business days. Daan logged 30 billable hours.
  const NOW = '2026-03-04T10:00:00.000Z'
  const fixture: Fixture = {
    resources: [{ id: 1, first_name: 'Daan', last_name: 'Visser' }],
    entries: [
      { id: 1, resource_id: 1, date_worked: '2026-02-23', hours_worked: 8 },
      { id: 2, resource_id: 1, date_worked: '2026-02-24', hours_worked: 8 },
      { id: 3, resource_id: 1, date_worked: '2026-02-25', hours_worked: 8 },
      { id: 4, resource_id: 1, date_worked: '2026-02-26', hours_worked: 6 },
    ],
  }

  test('36 weekly hours instead of 40, a person’s own 32, a day of leave, and a tile that sets its own', async () => {
    const db = await kpiDb(fixture)
    // 30 / 40 = 75%.
    expect(value(await evaluateAt(db, 'billable_utilization', NOW))).toBe(75)
    // 30 / 36 = 83.333% -> 83.33.
    await save(db, { weeklyHours: 36 })
    expect(value(await evaluateAt(db, 'billable_utilization', NOW))).toBe(83.33)
    // Daan's own 32 h: 30 / 32 = 93.75%.
    await save(db, { personHours: [{ resourceId: 1, weeklyHours: 32 }] })
    expect(value(await evaluateAt(db, 'billable_utilization', NOW))).toBe(93.75)
    expect(items(await evaluateAt(db, 'logged_utilization', NOW))).toEqual([['Daan Visser', 93.75]])
    // A tile that sets 40 sets it for everyone: 75% again.
    expect(value(await evaluateAt(db, 'billable_utilization', NOW, { params: { weeklyHours: 40 } }))).toBe(75)
    // Friday off with 36 h: 36 / 5 x 4 = 28.8 h; 30 / 28.8 = 104.1667% -> 104.17.
    await save(db, { personHours: [], leave: [{ resourceId: 1, from: '2026-02-27', to: '2026-03-01' }] })
    expect(value(await evaluateAt(db, 'billable_utilization', NOW))).toBe(104.17)
    // Overtime: 30 - 28.8 = 1.2 h above capacity.
    expect(value(await evaluateAt(db, 'overtime_hours', NOW))).toBe(1.2)
  })

  test('a week with a holiday has less capacity: Easter Monday 2026', async () => {
    // Now Wed 15 Apr; last week Mon 6 Apr (Easter Monday) - Sun 12 Apr: 4 business days in NL, 32 h of 40.
    const db = await kpiDb({
      resources: fixture.resources,
      entries: [{ id: 1, resource_id: 1, date_worked: '2026-04-07', hours_worked: 24 }],
    })
    // 24 / 32 = 75%; without holidays 24 / 40 = 60%.
    expect(value(await evaluateAt(db, 'billable_utilization', '2026-04-15T10:00:00.000Z'))).toBe(75)
    await save(db, { holidays: { country: 'none', extra: [] } })
    expect(value(await evaluateAt(db, 'billable_utilization', '2026-04-15T10:00:00.000Z'))).toBe(60)
  })
})

describe('rates from the settings’ standard rate', () => {
  // Now Wed 18 Mar 2026; last full month February. Bakker pays 2,000 a month under a recurring
  // agreement and took 20 agreement hours in February; history starts 1 Dec (an internal entry).
  const NOW = '2026-03-18T10:00:00.000Z'
  const fixture: Fixture = {
    companies: [
      { id: 0, name: 'MSP' },
      { id: 10, name: 'Bakker' },
    ],
    resources: [{ id: 7, first_name: 'Eva', last_name: 'de Jong', internal_cost: 50 }],
    contracts: [
      {
        id: 1,
        company_id: 10,
        contract_type: 7,
        status: 1,
        start_date: '2025-01-01',
        end_date: '2027-12-31',
        udf: JSON.stringify({ 'Monthly Value': '2000.00' }),
      },
    ],
    tickets: [{ id: 100, company_id: 10, contract_id: 1, issue_type: 1 }],
    entries: [
      {
        id: 1,
        resource_id: 7,
        date_worked: '2025-12-01',
        hours_worked: 1,
        non_billable: 1,
        approved_at: '2025-12-02T08:00:00.000Z',
      },
      {
        id: 2,
        ticket_id: 100,
        resource_id: 7,
        date_worked: '2026-02-10',
        hours_worked: 20,
        approved_at: '2026-02-17T08:00:00.000Z',
      },
    ],
  }

  test('a €110 standard rate: Bakker’s €100 an hour falls below it', async () => {
    const db = await kpiDb(fixture)
    // Effective rate 2,000 / 20 = 100 per hour: above the default 95, below 110.
    const before = await evaluateAt(db, 'effective_hourly_rate', NOW, { params: { months: 1 } })
    expect(items(before)).toEqual([['Bakker', 100]])
    expect(before.context).toMatch(/0 of 1 .*€95/)
    // Efficiency ratio: 2,000 / (20 x 95 = 1,900) = 1.0526 -> 1.05.
    expect(value(await evaluateAt(db, 'agreement_efficiency_ratio', NOW))).toBe(1.05)
    await save(db, { standardRate: 110 })
    const after = await evaluateAt(db, 'effective_hourly_rate', NOW, { params: { months: 1 } })
    expect(after.context).toMatch(/1 of 1 .*€110/)
    // 2,000 / (20 x 110 = 2,200) = 0.909 -> 0.91.
    expect(value(await evaluateAt(db, 'agreement_efficiency_ratio', NOW))).toBe(0.91)
    // A tile's own rate still wins: 2,000 / (20 x 100) = 1.
    expect(value(await evaluateAt(db, 'agreement_efficiency_ratio', NOW, { params: { standardRate: 100 } }))).toBe(1)
  })

  test('a cached engine shows a settings change at its next evaluation', async () => {
    const db = await kpiDb(fixture)
    const engine = createKpiEngine({ db, now: () => new Date(NOW) })
    expect(value(await engine.evaluate('agreement_efficiency_ratio'))).toBe(1.05)
    const before = (await engine.generation()).key
    await save(db, { standardRate: 110 })
    expect((await engine.generation()).key).not.toBe(before)
    expect(value(await engine.evaluate('agreement_efficiency_ratio'))).toBe(0.91)
  })
})

describe('hours billed by the hour at the settings’ contract-type rates', () => {
  // Now Wed 18 Mar 2026; last full month February. Eva logged 2 h to bill under Bakker's Time and
  // Materials contract (type 1) and 3 h on a Jansen ticket under no contract; neither is approved.
  // The standard rate is €100; the settings price Time and Materials at €120.
  const NOW = '2026-03-18T10:00:00.000Z'
  const fixture: Fixture = {
    companies: [
      { id: 0, name: 'MSP' },
      { id: 10, name: 'Bakker' },
      { id: 11, name: 'Jansen' },
    ],
    resources: [{ id: 7, first_name: 'Eva', last_name: 'de Jong' }],
    contracts: [
      { id: 2, company_id: 10, contract_type: 1, status: 1, start_date: '2025-01-01', end_date: '2027-12-31' },
    ],
    tickets: [{ id: 101, company_id: 11, issue_type: 1 }],
    entries: [
      { id: 1, contract_id: 2, resource_id: 7, date_worked: '2026-02-20', hours_worked: 2, hours_to_bill: 2 },
      { id: 2, ticket_id: 101, resource_id: 7, date_worked: '2026-02-24', hours_worked: 3, hours_to_bill: 3 },
    ],
  }

  test('2 h at €120 plus 3 h at €100 is €540; without contract-type rates €500', async () => {
    const db = await kpiDb(fixture)
    await save(db, { standardRate: 100 })
    // Without contract-type rates: 5 h x 100 = 500, at the standard rate.
    const standard = await evaluateAt(db, 'unbilled_billable_time', NOW)
    expect(value(standard)).toBe(5)
    expect(standard.context).toContain('(€500 at the standard rate)')
    expect(value(await evaluateAt(db, 'revenue_per_tech', NOW))).toBe(500)

    await save(db, { standardRate: 100, contractTypeRates: [{ contractType: 1, rate: 120 }] })
    // 2 x 120 + 3 x 100 = 540, at the MSP's own rates.
    const own = await evaluateAt(db, 'unbilled_billable_time', NOW)
    expect(value(own)).toBe(5)
    expect(own.context).toContain('(€540 at your rates)')
    expect((await evaluateAt(db, 'unbilled_billable_time', NOW, { lang: 'nl' })).context).toContain(
      '(€ 540 tegen jouw tarieven)',
    )
    const byClient = await evaluateAt(db, 'unbilled_time_by_client', NOW)
    expect(listRows(byClient).map((r) => [r.companyName, r.hoursToBill, r.value])).toEqual([
      ['Bakker', 2, 240],
      ['Jansen', 3, 300],
    ])
    expect(byClient.context).toContain('(€540 at your rates)')
    // Revenue per technician: no recurring contract, €540 billed by the hour, one technician (Eva).
    expect(value(await evaluateAt(db, 'revenue_per_tech', NOW))).toBe(540)
  })

  test('a rate for a type none of the waiting hours fall under leaves the standard rate', async () => {
    const db = await kpiDb(fixture)
    // Block Hours (4) at €150: neither entry is under a Block Hours contract, so 5 x 100 = 500.
    await save(db, { standardRate: 100, contractTypeRates: [{ contractType: 4, rate: 150 }] })
    const result = await evaluateAt(db, 'unbilled_billable_time', NOW)
    expect(result.context).toContain('(€500 at the standard rate)')
  })
})
