import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb, listRows } from './fixture.js'

const NOW = '2026-03-18T10:00:00.000Z' // Wednesday 11:00 in Amsterdam (CET)

// Each opportunity says what its status means (outcome): open, won or lost; #4 is shelved (not ready to buy), out of
// the pipeline without a win and with no lost date. Owners: Eva (7) and Jan (8).
const fixture = {
  companies: [
    { id: 10, name: 'Bakker' },
    { id: 11, name: 'Visser' },
  ],
  resources: [
    { id: 7, first_name: 'Eva', last_name: 'de Jong' },
    { id: 8, first_name: 'Jan', last_name: 'Smit' },
  ],
  opportunities: [
    {
      id: 1,
      company_id: 10,
      owner_resource_id: 7,
      outcome: 'open',
      amount: 10000,
      probability: 50,
      projected_close_date: '2026-04-15',
    },
    {
      id: 2,
      company_id: 11,
      owner_resource_id: 8,
      outcome: 'open',
      amount: 2400,
      probability: 25,
      projected_close_date: '2026-03-10',
    },
    { id: 3, company_id: 10, owner_resource_id: 7, outcome: 'open', amount: 1000, probability: null },
    { id: 4, company_id: 11, owner_resource_id: 8, outcome: 'lost', amount: 5000, probability: 40 },
    {
      id: 5,
      company_id: 10,
      owner_resource_id: 7,
      outcome: 'won',
      amount: 8000,
      probability: 100,
      closed_at: '2026-02-01T10:00:00.000Z',
    },
    // Won exactly 90 days ago at this time: outside (the window is after that instant).
    {
      id: 6,
      company_id: 11,
      owner_resource_id: 8,
      outcome: 'won',
      amount: 3000,
      probability: 100,
      closed_at: '2025-12-18T10:00:00.000Z',
    },
    {
      id: 7,
      company_id: 11,
      owner_resource_id: 8,
      outcome: 'lost',
      amount: 4000,
      probability: 0,
      lost_at: '2026-03-17T15:00:00.000Z',
    },
    {
      id: 8,
      company_id: 10,
      owner_resource_id: 8,
      outcome: 'lost',
      amount: 6500,
      probability: 0,
      lost_at: '2026-01-05T09:00:00.000Z',
    },
    // Won now: inside.
    {
      id: 9,
      company_id: 11,
      owner_resource_id: 8,
      outcome: 'won',
      amount: 2000,
      probability: 100,
      closed_at: '2026-03-18T10:00:00.000Z',
    },
    {
      id: 10,
      company_id: 10,
      owner_resource_id: 7,
      outcome: 'lost',
      amount: 9000,
      probability: 0,
      lost_at: '2025-12-01T09:00:00.000Z',
    },
  ],
  quotes: [
    { id: 1, opportunity_id: 1, name: 'Offerte A', number: '1001', expiration_date: '2026-03-25' },
    { id: 2, opportunity_id: 2, name: 'Offerte B', number: '1002', expiration_date: '2026-03-18' },
    {
      id: 3,
      opportunity_id: 1,
      name: 'Offerte A (oud)',
      expiration_date: '2026-03-20',
      is_active: 0 as const,
      is_primary: 0 as const,
    },
    { id: 4, opportunity_id: 5, name: 'Offerte gewonnen', expiration_date: '2026-03-22' },
    { id: 5, opportunity_id: 2, name: 'Offerte B2', expiration_date: '2026-04-02' },
    { id: 6, opportunity_id: 3, name: 'Offerte C (verlopen)', expiration_date: '2026-03-17' },
    { id: 7, opportunity_id: 3, name: 'Offerte C', number: '1007', expiration_date: '2026-04-01' },
  ],
}

describe('sales_pipeline', () => {
  test('open opportunities weighted by their chance', async () => {
    // Open: #1 10,000 x 50% = 5,000; #2 2,400 x 25% = 600; #3 1,000 without a chance = 0.
    // Weighted 5,600 of 13,400; #2's expected close (10 March) has passed.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'sales_pipeline', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 5600, unit: 'euro', status: 'none' })
    expect(result.context).toBe(
      '€5,600 weighted by chance of winning, from €13,400 in 3 open opportunities; 1 past its expected close date.',
    )
    expect((await evaluateAt(db, 'sales_pipeline', NOW, { lang: 'nl' })).context).toBe(
      '€ 5.600 gewogen naar de kans op winnen, uit € 13.400 in 3 open verkoopkansen; 1 over de verwachte sluitdatum heen.',
    )
  })

  test('one owner sees their own; a status counts by what it means, whatever its id', async () => {
    const db = await kpiDb(fixture)
    // Eva: #1 and #3 = 5,000 of 11,000, none late.
    const eva = await evaluateAt(db, 'sales_pipeline', NOW, { me: 7 })
    expect(eva).toMatchObject({ value: 5000 })
    expect(eva.context).toBe(
      '€5,000 weighted by chance of winning, from €11,000 in 2 open opportunities of yours; 0 past their expected close date.',
    )
    // A tenant's own status (id 7, say on ConnectWise) that means open: 800 x 25% = 200.
    const own = await kpiDb({ opportunities: [{ id: 1, status: 7, outcome: 'open', amount: 800, probability: 25 }] })
    expect(await evaluateAt(own, 'sales_pipeline', NOW)).toMatchObject({ value: 200 })
  })
})

describe('win_rate_90d', () => {
  test('won against won plus lost, each by its own date in the last 90 days', async () => {
    // Window (2025-12-18T10:00Z, now]. Won: #5 (8,000), #9 (2,000; now is inside); not #6 (exactly 90
    // days ago). Lost: #7 (4,000), #8 (6,500); not #10 (1 December). 2 / (2 + 2) = 50%.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'win_rate_90d', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 50, unit: 'percent' })
    expect(result.context).toBe('2 won and 2 lost in the last 90 days: 50% won, €10,000 won against €10,500 lost.')
    expect((await evaluateAt(db, 'win_rate_90d', NOW, { lang: 'nl' })).context).toBe(
      '2 gewonnen en 2 verloren in de afgelopen 90 dagen: 50% gewonnen, € 10.000 gewonnen tegenover € 10.500 verloren.',
    )
  })

  test('per owner, and over a shorter window', async () => {
    const db = await kpiDb(fixture)
    // Jan: won #9, lost #7 and #8 -> 1 / 3 = 33.33%. Eva: won #5, lost none -> 100%.
    expect(await evaluateAt(db, 'win_rate_90d', NOW, { me: 8 })).toMatchObject({ value: 33.33 })
    expect(await evaluateAt(db, 'win_rate_90d', NOW, { me: 7 })).toMatchObject({ value: 100 })
    // 30 days (after 2026-02-16T10:00Z): won #9, lost #7 -> 50%.
    expect(await evaluateAt(db, 'win_rate_90d', NOW, { params: { days: 30 } })).toMatchObject({ value: 50 })
  })

  test('nothing decided', async () => {
    const db = await kpiDb({ opportunities: [{ id: 1, outcome: 'open', amount: 100 }] })
    const result = await evaluateAt(db, 'win_rate_90d', NOW)
    expect(result).toMatchObject({ value: null })
    expect(result.context).toBe('No opportunity was won or lost in the last 90 days.')
  })
})

describe('quotes_expiring', () => {
  test('active quotes of open opportunities running out from today to 14 days ahead, soonest first', async () => {
    // In: #2 (today, 0 days), #1 (25 March, 7 days), #7 (1 April, 14 days). Out: #3 inactive, #4 on a
    // won opportunity, #5 after 1 April, #6 expired yesterday. Weighted: #2 600 + #1 5,000 + #3 0 = 5,600.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'quotes_expiring', NOW)
    expect(result).toMatchObject({ kind: 'list', count: 3, status: 'none' })
    expect(listRows(result).map((r) => [r.quoteName, r.daysLeft, r.companyName, r.amount, r.ownerName])).toEqual([
      ['Offerte B', 0, 'Visser', 2400, 'Jan Smit'],
      ['Offerte A', 7, 'Bakker', 10000, 'Eva de Jong'],
      ['Offerte C', 14, 'Bakker', 1000, 'Eva de Jong'],
    ])
    expect(result.context).toBe('3 quotes run out in the next 14 days, on opportunities worth €5,600 weighted.')
    expect((await evaluateAt(db, 'quotes_expiring', NOW, { lang: 'nl' })).context).toBe(
      '3 offertes verlopen in de komende 14 dagen, bij kansen van samen € 5.600 gewogen.',
    )
  })

  test('an owner sees the quotes of their own opportunities', async () => {
    const db = await kpiDb(fixture)
    expect(listRows(await evaluateAt(db, 'quotes_expiring', NOW, { me: 8 })).map((r) => r.quoteName)).toEqual([
      'Offerte B',
    ])
  })
})
