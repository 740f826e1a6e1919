import { describe, expect, test } from 'vitest'
import { createKpiEngine, statusOf } from '../../kpi-library/engine.js'
import { saveSettings } from '../../server/services/settings.js'
import { evaluateDashboard, installDefaults, setStrip } from '../../server/services/dashboards.js'
import { bandOnPath, expectedOn, isoWeekOf, pathWeeks, periodDates } from '../../server/services/goal-path.js'
import { type Fixture, kpiDb } from '../kpi/fixture.js'

// The named fixture: utilization runs from 62% on Wed 1 April 2026 to 70% on Tue 30 June 2026 (Q2), with the
// goal's amber line at 66% (a tolerance of 4 points). Q2 is 91 days: 1 April is day 0, 30 June day 90, so the
// path climbs 8/90 of a point a day.
const Q2 = { period: '2026-Q2', start: 62, target: 70 }

describe('a goal path over Q2 2026, 62% to 70%', () => {
  test('the period runs from the quarter’s first day to its last', () => {
    expect(periodDates('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-06-30' })
    expect(periodDates('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(periodDates('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  })

  test('the expected value at the end of ISO weeks 14, 20 and 26, and of the week the quarter ends in', () => {
    // Week 14 ends Sun 5 April (day 4): 62 + 8 x 4/90 = 62.356. Week 20 ends Sun 17 May (30 April days + 16 = day 46):
    // 62 + 8 x 46/90 = 66.089. Week 26 ends Sun 28 June (30 + 31 + 27 = day 88): 62 + 8 x 88/90 = 69.822.
    // Week 27 ends Sun 5 July, after the quarter: its value is the one on 30 June, the target.
    const weeks = pathWeeks(Q2)
    expect(weeks).toHaveLength(14)
    const at = (week: string) => weeks.find((w) => w.week === week)!
    expect(at('2026-W14').end).toBe('2026-04-05')
    expect(at('2026-W14').expected).toBeCloseTo(62.356, 3)
    expect(at('2026-W20').end).toBe('2026-05-17')
    expect(at('2026-W20').expected).toBeCloseTo(66.089, 3)
    expect(at('2026-W26').end).toBe('2026-06-28')
    expect(at('2026-W26').expected).toBeCloseTo(69.822, 3)
    expect(weeks.at(-1)).toEqual({ week: '2026-W27', end: '2026-06-30', expected: 70 })
  })

  test('before the period the path stands at its start, after it at its target', () => {
    expect(expectedOn(Q2, '2026-03-15')).toBe(62)
    expect(expectedOn(Q2, '2026-04-01')).toBe(62)
    expect(expectedOn(Q2, '2026-07-10')).toBe(70)
    // ISO weeks at year ends: 1 Jan 2027 is a Friday of 2026-W53; 29 Dec 2025 a Monday of 2026-W01.
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53')
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01')
  })

  test('status per week: green on or above the path, amber within 4 points under it, red further under', () => {
    // End of week 20 the path stands at 66.089: green from there, amber down to 62.089, red below.
    const week20 = bandOnPath(Q2, 66, 'higher', '2026-05-17')
    expect(week20.target).toBeCloseTo(66.089, 3)
    expect(week20.warn).toBeCloseTo(62.089, 3)
    expect([67, 66.1, 66, 62.1, 62, 58].map((value) => statusOf(value, week20, 'higher'))).toEqual([
      'good',
      'good',
      'warn',
      'warn',
      'bad',
      'bad',
    ])
    // End of week 14 (62.356): 62% is amber already, 58.3 red. End of week 26 (69.822): 66% is amber, 65.8 red.
    const week14 = bandOnPath(Q2, 66, 'higher', '2026-04-05')
    expect([62.4, 62, 58.3].map((value) => statusOf(value, week14, 'higher'))).toEqual(['good', 'warn', 'bad'])
    const week26 = bandOnPath(Q2, 66, 'higher', '2026-06-28')
    expect([70, 66, 65.8].map((value) => statusOf(value, week26, 'higher'))).toEqual(['good', 'warn', 'bad'])
  })

  test('a lower-is-better goal keeps its tolerance above the path', () => {
    // Open tickets from 80 down to 60 over 2026, amber at 70: 10 over the path. 2 July 2026 is day 182 of 364.
    const band = bandOnPath({ period: '2026', start: 80, target: 60 }, 70, 'lower', '2026-07-02')
    expect(band).toEqual({ target: 70, warn: 80 })
  })
})

describe('the strip and the tiles judged against the path, with what the gap costs', () => {
  // Now Wed 10 June 2026, 12:00 in Amsterdam: day 70 of Q2, so the path stands at 62 + 8 x 70/90 = 68.222%,
  // amber down to 64.222%. Utilization is last week's (Mon 1 - Sun 7 June, 5 business days): Daan, 40 h a week.
  // June 2026 has 22 business days (no Dutch holiday): 176 available hours. Standard rate € 95.
  const NOW = '2026-06-10T10:00:00.000Z'
  const daan = (hours: number[]): Fixture => ({
    resources: [{ id: 1, first_name: 'Daan', last_name: 'Visser' }],
    entries: hours.map((worked, i) => ({
      id: i + 1,
      resource_id: 1,
      date_worked: `2026-06-0${i + 1}`,
      hours_worked: worked,
      start_at: null,
      end_at: null,
    })),
  })

  async function wallOf(fixture: Fixture, lang: 'en' | 'nl' = 'en', rate: number | null = 95) {
    const db = await kpiDb(fixture)
    await installDefaults(db, '2026-01-01T00:00:00.000Z')
    if (rate !== null) await saveSettings(db, { standardRate: rate }, '2026-01-01T00:00:00.000Z')
    await setStrip(db, [{ kpi: 'billable_utilization', target: 70, warn: 66, path: { period: '2026-Q2', start: 62 } }])
    const engine = createKpiEngine({ db, now: () => new Date(NOW) })
    return evaluateDashboard(db, engine, 'owner', { lang })
  }

  test('26 of 40 hours (65%) is amber against the path: € 540 of billable time short this month', async () => {
    // 68.222 - 65 = 3.222 points of 176 h at € 95 = € 538.76, said to the ten: € 540.
    const wall = await wallOf(daan([8, 8, 8, 2]))
    const [goal] = wall.strip
    expect(goal!.result).toMatchObject({ value: 65, status: 'warn' })
    expect(goal!.path).toMatchObject({
      period: '2026-Q2',
      end: '2026-06-30',
      target: 70,
      consequence: { amount: '€540', text: '€540 of billable time short this month at this pace' },
    })
    expect(goal!.path!.expected).toBeCloseTo(68.222, 3)
  })

  test('24 hours (60%) is red: € 1.400 in Dutch; the owner’s utilization tile follows the goal and says so', async () => {
    // 68.222 - 60 = 8.222 points of 176 h at € 95 = € 1,374.76, said to the hundred: € 1.400.
    const wall = await wallOf(daan([8, 8, 8]), 'nl')
    expect(wall.strip[0]!.result).toMatchObject({ value: 60, status: 'bad' })
    expect(wall.strip[0]!.path!.consequence).toEqual({
      amount: '€ 1.400',
      text: '€ 1.400 declarabele tijd tekort deze maand bij dit tempo',
    })
    // The tile keeps no target of its own (the KPI's is 75%): the goal's path judges it instead.
    const tile = wall.tiles.find((t) => t.result.id === 'billable_utilization')!
    expect(tile.result).toMatchObject({ value: 60, status: 'bad' })
    expect(tile.path?.consequence?.text).toBe('€ 1.400 declarabele tijd tekort deze maand bij dit tempo')
    // Another KPI's tile has no path.
    expect(wall.tiles.filter((t) => t.path).map((t) => t.result.id)).toEqual(['billable_utilization'])
  })

  test('30 hours (75%) is green and costs nothing; without a standard rate set there is no price', async () => {
    const green = await wallOf(daan([8, 8, 8, 6]))
    expect(green.strip[0]!.result).toMatchObject({ value: 75, status: 'good' })
    expect(green.strip[0]!.path!.consequence).toBeNull()
    const unpriced = await wallOf(daan([8, 8, 8]), 'en', null)
    expect(unpriced.strip[0]!.result).toMatchObject({ status: 'bad' })
    expect(unpriced.strip[0]!.path!.consequence).toBeNull()
  })
})
