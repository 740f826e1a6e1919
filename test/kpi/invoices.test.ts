import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb, listRows, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

const NOW = '2026-03-18T10:00:00.000Z' // Wednesday 11:00 in Amsterdam

// Bakker (10, account manager Eva 7) and Visser (11, Jan 8). Totals are tax included.
const fixture = {
  companies: [
    { id: 10, name: 'Bakker', owner_resource_id: 7 },
    { id: 11, name: 'Visser', owner_resource_id: 8 },
  ],
  resources: [
    { id: 7, first_name: 'Eva', last_name: 'de Jong' },
    { id: 8, first_name: 'Jan', last_name: 'Smit' },
  ],
  invoices: [
    { id: 1, company_id: 10, number: 'F2026-001', invoice_date: '2026-03-02', due_date: '2026-03-16', total: 1210 }, // 2 days late
    {
      id: 2,
      company_id: 10,
      number: 'F2026-002',
      invoice_date: '2026-02-02',
      due_date: '2026-02-16',
      total: 605,
      paid_date: '2026-02-20',
    },
    { id: 3, company_id: 11, number: 'F2026-003', invoice_date: '2026-02-02', due_date: '2026-03-04', total: 2420 }, // 14 days late
    { id: 4, company_id: 11, number: 'F2026-004', invoice_date: '2026-03-02', due_date: '2026-04-01', total: 2420 }, // not yet due
    {
      id: 5,
      company_id: 10,
      number: 'F2026-005',
      invoice_date: '2026-01-02',
      due_date: '2026-01-16',
      total: 500,
      is_voided: 1 as const,
    },
    { id: 6, company_id: 11, number: 'F2025-006', invoice_date: '2025-12-01', due_date: '2025-12-31', total: 1000 }, // 77 days late
    { id: 7, company_id: 10, number: 'F2026-007', invoice_date: '2026-03-19', due_date: '2026-04-02', total: 999 }, // dated tomorrow
    {
      id: 8,
      company_id: 10,
      number: 'F2025-008',
      invoice_date: '2025-12-19',
      due_date: '2026-01-02',
      total: 1815,
      paid_date: '2026-01-10',
    },
  ],
}

describe('ar_outstanding', () => {
  test('unpaid, not voided invoices dated up to today', async () => {
    // Owed: #1 1,210 + #3 2,420 + #4 2,420 + #6 1,000 = 7,050 in 4 invoices (not #2, #8 paid; #5 voided;
    // #7 dated tomorrow). Past due: #1, #3, #6 = 4,630.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'ar_outstanding', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 7050, unit: 'euro', status: 'none' })
    expect(result.context).toBe('€7,050 outstanding in 4 invoices; €4,630 of it in 3 past their due date.')
    expect((await evaluateAt(db, 'ar_outstanding', NOW, { lang: 'nl' })).context).toBe(
      '€ 7.050 openstaand in 4 facturen; € 4.630 daarvan in 3 over de vervaldatum.',
    )
  })

  test('nothing owed', async () => {
    const db = await kpiDb({ invoices: [{ id: 1, total: 100, paid_date: '2026-01-10' }] })
    const result = await evaluateAt(db, 'ar_outstanding', NOW)
    expect(result).toMatchObject({ value: 0 })
    expect(result.context).toBe('Every invoice is paid.')
  })
})

describe('invoices_overdue', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))(
    'past their due date, longest overdue first',
    async () => {
      // #6 due 31 Dec: 31 (Jan) + 28 (Feb) + 18 = 77 days; #3 due 4 March: 14; #1 due 16 March: 2.
      const db = await kpiDb(fixture)
      const result = await evaluateAt(db, 'invoices_overdue', NOW)
      expect(result).toMatchObject({ kind: 'list', count: 3 })
      expect(
        listRows(result).map((r) => [r.number, r.daysOverdue, r.total, r.companyName, r.accountManagerName]),
      ).toEqual([
        ['F2025-006', 77, 1000, 'Visser', 'Jan Smit'],
        ['F2026-003', 14, 2420, 'Visser', 'Jan Smit'],
        ['F2026-001', 2, 1210, 'Bakker', 'Eva de Jong'],
      ])
      expect(result.context).toBe(
        '3 invoices are past due, €4,630 of the €7,050 outstanding; the oldest 77 days (Visser).',
      )
      expect((await evaluateAt(db, 'invoices_overdue', NOW, { lang: 'nl' })).context).toBe(
        '3 facturen zijn over de vervaldatum, € 4.630 van de € 7.050 openstaand; de oudste 77 dagen (Visser).',
      )
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.accountManager))('an account manager sees their own clients', async () => {
    // Eva: Bakker's #1 only; Bakker owes 1,210 (#7 is dated tomorrow).
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'invoices_overdue', NOW, { me: 7 })
    expect(listRows(result).map((r) => r.number)).toEqual(['F2026-001'])
    expect(result.context).toBe('1 invoice is past due, €1,210 of the €1,210 outstanding; the oldest 2 days (Bakker).')
  })
})

describe('dso', () => {
  test('what is owed over what was invoiced per day in the last 90 days', async () => {
    // Invoiced on the 90 dates 19 Dec - 18 Mar, not voided: #1 1,210 + #2 605 + #3 2,420 + #4 2,420 +
    // #8 1,815 = 8,470 (not #5 voided, #6 of 1 Dec, #7 of tomorrow). Per day 8,470 / 90 = 94.111.
    // DSO = 7,050 / 94.111 = 634,500 / 8,470 = 74.911 -> 74.91: over the amber line of 60.
    const db = await kpiDb(fixture)
    const result = await evaluateAt(db, 'dso', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 74.91, unit: 'days', status: 'bad', target: 45 })
    expect(result.context).toBe(
      '€7,050 outstanding against €8,470 invoiced in the last 90 days: 75 days of sales unpaid; €4,630 is past due.',
    )
    expect((await evaluateAt(db, 'dso', NOW, { lang: 'nl' })).context).toBe(
      '€ 7.050 openstaand tegenover € 8.470 gefactureerd in de afgelopen 90 dagen: 75 dagen omzet onbetaald; € 4.630 is over de vervaldatum.',
    )
  })

  test('over 30 days, and without any invoicing', async () => {
    // 30 dates 17 Feb - 18 Mar: #1 1,210 + #4 2,420 = 3,630; 7,050 / (3,630 / 30) = 211,500 / 3,630 = 58.264 -> 58.26.
    const db = await kpiDb(fixture)
    expect(await evaluateAt(db, 'dso', NOW, { params: { days: 30 } })).toMatchObject({ value: 58.26, status: 'warn' })
    const empty = await evaluateAt(await kpiDb({}), 'dso', NOW)
    expect(empty).toMatchObject({ value: null, status: 'none' })
    expect(empty.context).toBe('Nothing was invoiced in the last 90 days, so DSO cannot be computed (€0 outstanding).')
  })
})
