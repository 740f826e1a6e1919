import { describe, expect, test } from 'vitest'
import { buildQbr, QbrError } from '../../server/services/reports/qbr.js'
import { evaluateAt } from '../kpi/fixture.js'
import { connectSmileBack, JANSEN, QBR_NOW, qbrDb } from './qbr-fixture.js'

const TZ = 'Europe/Amsterdam'
const options = { companyId: JANSEN, lang: 'en' as const, now: new Date(QBR_NOW), tz: TZ }

describe('buildQbr', () => {
  test('counts Bakkerij Jansen’s 2026-Q3 tickets, SLA, CSAT, hours and agreement use, with Q2 beside them', async () => {
    const { db } = await qbrDb()
    const report = await buildQbr(db, { ...options, quarter: '2026-Q3' })
    expect(report.company).toEqual({ id: 12, name: 'Bakkerij Jansen' })
    const q3 = report.current
    expect(q3.quarter).toEqual({ id: '2026-Q3', from: '2026-07-01', to: '2026-09-30' })
    // Created 101-105 and 109 (1 July 00:30 local); completed 101, 102, 103, 106, 109; open at the end 104 and 105.
    expect(q3.tickets).toMatchObject({ created: 6, completed: 5, openAtEnd: 2 })
    expect(q3.tickets.byPriority.map((p) => [p.label, p.count])).toEqual([
      [{ en: 'Critical', nl: 'Kritiek' }, 1],
      [{ en: 'High', nl: 'Hoog' }, 1],
      [{ en: 'Medium', nl: 'Gemiddeld' }, 2],
      [{ en: 'Low', nl: 'Laag' }, 2],
    ])
    expect(q3.tickets.byIssueType.map((p) => [p.label, p.count])).toEqual([
      ['Email', 3],
      ['Network', 2],
      ['Printing', 1],
    ])
    // Verdicts on the completed: 101 met, 102 missed, 103 met, 106 met, 109 none: 3 of 4. SLA results: first
    // response met on all four, resolution missed on 102.
    expect(q3.sla.overall).toEqual({ met: 3, total: 4, pct: 75 })
    expect(q3.sla.firstResponse).toEqual({ met: 4, total: 4, pct: 100 })
    expect(q3.sla.resolution).toEqual({ met: 3, total: 4, pct: 75 })
    // Surveys 5, 2, 4, 1: two positive, two negative.
    expect(q3.csat).toEqual({ responses: 4, positive: 2, negative: 2, pct: 50 })
    // 2 + 3 + 1.5 (non-billable) + 4 + 0.5 worked; the 8 h of Slagerij Pieters and October's 5 h not.
    expect(q3.hours.worked).toBe(11)
    expect(q3.hours.billable).toBe(9.5)
    expect(q3.hours.byContract).toEqual([
      { contractId: 501, name: 'Strippenkaart 40 uur', type: 'Block Hours', worked: 9, billable: 9 },
      { contractId: 502, name: 'Managed Werkplek', type: 'Recurring Service', worked: 1.5, billable: 0 },
      { contractId: null, name: null, type: null, worked: 0.5, billable: 0.5 },
    ])

    const q2 = report.previous
    expect(q2.quarter.id).toBe('2026-Q2')
    // Created 106, 107, 108 (109 is 1 July local); completed 107 and 108; 106 still open on 30 June.
    expect(q2.tickets).toMatchObject({ created: 3, completed: 2, openAtEnd: 1 })
    expect(q2.sla.overall).toEqual({ met: 1, total: 2, pct: 50 })
    expect(q2.csat).toEqual({ responses: 2, positive: 2, negative: 0, pct: 100 })
    expect(q2.hours).toMatchObject({ worked: 6, billable: 6 })

    // 40 bought; Q3 used 2 + 2.5 (its hours to bill) + 4; with May's 6: 14.5 used, 25.5 left.
    expect(report.agreements).toEqual([
      {
        contractId: 501,
        name: 'Strippenkaart 40 uur',
        type: 'Block Hours',
        startDate: '2026-05-01',
        endDate: '2027-04-30',
        purchased: 40,
        usedInQuarter: 8.5,
        usedToDate: 14.5,
        left: 25.5,
        usedPct: 36.25,
      },
    ])
    expect(report.recurring).toEqual([
      { label: { en: 'Email / Outlook', nl: 'Email / Outlook' }, count: 3, previous: 2 },
      { label: 'Network', count: 2, previous: 1 },
    ])
    expect(report.csatSource).toBe('psa')
    expect(report.comments.map((c) => [c.rating, c.comment, c.ticketNumber])).toEqual([
      [1, 'Nobody called us back.', 'T2026.106'],
      [2, 'Took two days to fix our mail.', 'T2026.102'],
      [5, 'Snel opgelost, dank!', 'T2026.101'],
    ])
    expect(report.comments[0]!.contactName).toBe('Anna Jansen')
  })

  test('the same SLA and CSAT numbers as the KPI library’s tiles over the same days', async () => {
    const { db } = await qbrDb()
    const report = await buildQbr(db, { ...options, quarter: '2026-Q3' })
    // The quarter's last instant (23:59:59.999 on 30 September, Amsterdam), looking back its 92 days.
    const end = '2026-09-30T21:59:59.999Z'
    const byClient = async (id: string, params: Record<string, unknown>) => {
      const result = await evaluateAt(db, id, end, { params })
      if (result.kind !== 'breakdown') throw new Error(`${id} is not a breakdown`)
      return result.items.find((item) => item.key === String(JANSEN))?.value
    }
    expect(await byClient('sla_by_company', { days: 92 })).toBe(report.current.sla.overall.pct)
    expect(await byClient('csat_by_company', { days: 92, minResponses: 1 })).toBe(report.current.csat.pct)
  })

  test('trends per week and per month of the quarter', async () => {
    const { db } = await qbrDb()
    const report = await buildQbr(db, { ...options, quarter: '2026-Q3' })
    // Weeks from Monday 29 June to Monday 28 September: 14.
    expect(report.weeks).toHaveLength(14)
    expect(report.weeks[0]).toEqual({ start: '2026-06-29', created: 1, completed: 2, hours: 0 })
    expect(report.weeks[1]).toEqual({ start: '2026-07-06', created: 1, completed: 1, hours: 2 })
    expect(report.weeks[9]).toEqual({ start: '2026-08-31', created: 0, completed: 0, hours: 4 })
    expect(report.weeks[13]).toEqual({ start: '2026-09-28', created: 1, completed: 0, hours: 0 })
    expect(report.weeks.reduce((n, w) => n + w.created, 0)).toBe(6)
    // July: 106 and 101 met, 102 missed (109 has none); surveys 5, 2, 1. August: 103 met; survey 4.
    expect(report.months).toEqual([
      { month: '2026-07', slaPct: (100 * 2) / 3, csatPct: 100 / 3 },
      { month: '2026-08', slaPct: 100, csatPct: 100 },
      { month: '2026-09', slaPct: null, csatPct: null },
    ])
  })

  test('the last full quarter by default, and the brand of the settings', async () => {
    const { db } = await qbrDb()
    const report = await buildQbr(db, options)
    expect(report.current.quarter.id).toBe('2026-Q3')
    expect(report.brand).toEqual({ color: '#1f6feb', logo: null })
    // Ticket 108, created 14 April, is the first synced.
    expect(report.dataFrom).toBe('2026-04-14')
  })

  test('with SmileBack connected, its reviews are the CSAT and the comments', async () => {
    const { db } = await qbrDb()
    await connectSmileBack(db)
    const report = await buildQbr(db, { ...options, quarter: '2026-Q3' })
    expect(report.csatSource).toBe('smileback')
    // Negative, positive, neutral: one of three positive.
    expect(report.current.csat).toEqual({ responses: 3, positive: 1, negative: 1, pct: 100 / 3 })
    expect(report.comments.map((c) => [c.face, c.comment])).toEqual([
      [-1, 'Slow answer on the printer.'],
      [1, 'Great help, thanks.'],
    ])
  })

  test('an unknown company or a bad quarter is refused in one line', async () => {
    const { db } = await qbrDb()
    const fails = (o: Partial<typeof options> & { quarter?: string }) => buildQbr(db, { ...options, ...o })
    await expect(fails({ companyId: 999 })).rejects.toThrow(
      new QbrError('unknown_company', 'no client company with id 999'),
    )
    await expect(fails({ quarter: '2026-13' })).rejects.toThrow('"2026-13" is not a quarter: write it as 2026-Q3')
    await expect(fails({ quarter: '2026-Q5' })).rejects.toThrow('is not a quarter')
    await expect(fails({ quarter: '2027-Q1' })).rejects.toThrow('2027-Q1 has not begun yet')
    await expect(fails({ quarter: '2026-Q5' })).rejects.toMatchObject({ code: 'bad_quarter' })
  })
})
