import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { weeklyHtml } from '../../server/services/reports/weekly-html.js'
import { buildWeekly } from '../../server/services/reports/weekly.js'
import { parseWeek } from '../../server/services/reports/week.js'
import { ensureSeries } from '../../server/services/history/store.js'
import { pdfText } from '../helpers/pdf-text.js'
import { attachmentsOf, headerOf, SMTP_PASSWORD, startSmtpReceiver } from '../helpers/smtp-receiver.js'
import { reportsApp, ROLE, WEEK, WEEK_END, weeklyDesk } from './reports-env.js'

// The weekly review of the WEEK_47 desk (reports-env.ts, values worked out there): the report's content as of the
// week's end, its page and PDF in English and Dutch, and the PDF mailed to a real local SMTP server.

/** The WEEK_47 desk's review of week 47, asked for on 1 December. */
const weekly47 = (db: Parameters<typeof buildWeekly>[0]) =>
  buildWeekly(db, {
    role: ROLE,
    week: parseWeek(WEEK),
    lang: 'en',
    tz: 'Europe/Amsterdam',
    now: new Date('2026-12-01T10:00:00Z'),
  })

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts')
mkdirSync(ARTIFACTS, { recursive: true })

/**
 * Recorded days of billable_hours_last_week (the goal's and the tile's series): W40 and W41 on their Sundays, W46 on
 * a Thursday and its Sunday (the Sunday counts), W47's Sunday with 11 (recorded before Eva's Friday hours came in:
 * the report's own week shows what it evaluated, 12.5), nothing in between.
 */
async function recordBillableHours(db: Parameters<typeof buildWeekly>[0]) {
  const series = await ensureSeries(db, { kpi: 'billable_hours_last_week', params: {} }, new Date(WEEK_END))
  await db
    .insertInto('kpi_day')
    .values([
      { series_id: series, day: '2026-10-04', value: 18 },
      { series_id: series, day: '2026-10-11', value: 20 },
      { series_id: series, day: '2026-11-12', value: 9 },
      { series_id: series, day: '2026-11-15', value: 16 },
      { series_id: series, day: '2026-11-22', value: 11 },
    ])
    .execute()
}

describe('weekly review', () => {
  test('evaluates each goal and tile as of the end of the week, with the rows to decide on', async () => {
    const handle = await weeklyDesk()
    const report = await weekly47(handle.db)
    expect(report.week).toEqual({ id: '2026-W47', from: '2026-11-16', to: '2026-11-22' })
    expect(report.asOf).toBe(WEEK_END)
    expect(report.goals.map((g) => [g.kpi, g.value, g.status])).toEqual([['billable_hours_last_week', 12.5, 'warn']])
    // The path at the end of Sunday 22 November, as the builder lists week 47: 10 + 10 × 52/91 days of Q4.
    expect(report.goals[0]!.target).toBeCloseTo(15.71, 2)
    expect(report.goals[0]!.path).toMatchObject({ period: '2026-Q4', end: '2026-12-31', target: 20 })
    expect(report.tiles.map((t) => [t.kpi, t.value, t.status])).toEqual([
      ['billable_hours_last_week', 12.5, 'warn'],
      ['aged_over_30d', 2, 'warn'],
    ])
    const aged = report.tiles[1]!.list!
    expect(aged.count).toBe(2)
    expect(aged.rows.map((row) => [row.ticketNumber, row.ageDays])).toEqual([
      ['T20261001.0001', 52],
      ['T20261020.0002', 33],
    ])
    // Nothing recorded yet: 7 weeks without a value, and this week's, the value the report shows.
    expect(report.goals[0]!.trend.map((point) => point.value)).toEqual([null, null, null, null, null, null, null, 12.5])
    expect(report.goals[0]!.trend.at(-1)!.week).toBe(WEEK)
  })

  test('the trend is the last 8 weeks of recorded values, the last recorded day of each week', async () => {
    const handle = await weeklyDesk()
    await recordBillableHours(handle.db)
    const report = await weekly47(handle.db)
    expect(report.goals[0]!.trend).toEqual([
      { week: '2026-W40', value: 18 },
      { week: '2026-W41', value: 20 },
      { week: '2026-W42', value: null },
      { week: '2026-W43', value: null },
      { week: '2026-W44', value: null },
      { week: '2026-W45', value: null },
      { week: '2026-W46', value: 16 },
      { week: '2026-W47', value: 12.5 },
    ])
    // On the page: a line over the weeks with values, and where it started and ended.
    const html = weeklyHtml(report, 'Europe/Amsterdam')
    expect(html).toContain('<svg class="spark"')
    expect(html).toContain('W40 18 h → W47 12.5 h')
    writeFileSync(join(ARTIFACTS, 'weekly-trend-en.html'), html)
  })

  test('the page in Dutch writes Dutch numbers and dates; an unfinished or impossible week is refused', async () => {
    const handle = await weeklyDesk()
    const { call } = await reportsApp(handle)
    const page = await call('GET', `/api/reports/weekly/${ROLE}.html?week=${WEEK}&lang=nl`)
    expect(page.statusCode, page.body).toBe(200)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('Weekoverzicht: Weekbalie')
    expect(page.body).toContain('16-11-2026 – 22-11-2026')
    expect(page.body).toContain('12,5 u')
    expect(page.body).toContain('Let op')
    expect(page.body).toContain('pad naar 20 u op 31-12-2026')
    // Nothing recorded before this week: no trend to draw, and the page says why.
    expect(page.body).toContain('Er is nog geen KPI-geschiedenis vastgelegd')
    const current = await call('GET', `/api/reports/weekly/${ROLE}.html?week=2026-W48`)
    expect(current.statusCode).toBe(400)
    expect(current.json().message).toBe('week 2026-W48 has not ended yet; the last full week is 2026-W47')
    // 2026 has 53 weeks (it starts on a Thursday), 2025 has 52.
    const none = await call('GET', `/api/reports/weekly/${ROLE}.html?week=2025-W53`)
    expect(none.statusCode).toBe(400)
    expect(none.json().message).toBe('2025 has no week 53: its weeks run from W01 to W52')
  })

  test('the PDF is mailed to a real SMTP server with the report attached, page count and text as worked out', async () => {
    const smtp = await startSmtpReceiver()
    const handle = await weeklyDesk()
    await recordBillableHours(handle.db)
    const { call, logs } = await reportsApp(handle, { smtpUrl: smtp.url })
    const sent = await call('POST', `/api/reports/send-now/${ROLE}`, {
      recipients: ['owner@msp.example', 'lead@msp.example'],
      lang: 'nl',
    })
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json()).toMatchObject({ state: 'sent', attempts: 1, lastError: null })
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.to).toEqual(['owner@msp.example', 'lead@msp.example'])
    expect(headerOf(mail.raw, 'Subject')).toBe('Weekoverzicht Weekbalie, week 47 (2026)')
    const [pdf, ...others] = attachmentsOf(mail.raw)
    expect(others).toEqual([])
    expect(pdf!.filename).toBe(`weekly-${ROLE}-${WEEK}.pdf`)
    expect(pdf!.contentType).toBe('application/pdf')
    const { pages, text } = await pdfText(pdf!.content)
    expect(pages).toBe(1)
    const [first] = text
    expect(first).toContain('Weekoverzicht: Weekbalie')
    expect(first).toContain('Week 47 (2026), 16-11-2026 – 22-11-2026')
    expect(first).toContain('0 op doel, 3 om op te letten, 0 buiten doel')
    expect(first).toContain('12,5 u 15,7 u pad naar 20 u op 31-12-2026')
    // The goal's and the tile's 8 weeks, in words under the line.
    expect(first.split('W40 18 u → W47 12,5 u')).toHaveLength(3)
    expect(first).toContain('T20261001.0001')
    expect(first).toContain('52 d')
    expect(first).toContain('T20261020.0002')
    expect(first).toContain('33 d')
    expect(first).not.toContain('T20261110.0003')
    expect(first).toContain('Pagina 1 van 1')
    expect(logs.join('')).not.toContain(SMTP_PASSWORD)
  })
})
