import { describe, expect, it } from 'vitest'
import { ensureSeries } from '../../server/services/history/store.js'
import { recentTrends } from '../../server/services/history/trends.js'
import { fixtureDb } from '../kpi/fixture.js'

// Thursday 5 March 2026, 14:20 in Amsterdam (UTC+1).
const NOW = new Date('2026-03-05T13:20:00.000Z')
const CLOCK = { now: NOW, tz: 'Europe/Amsterdam' }

describe("a tile's recent history", () => {
  it('compares a KPI with the value a week ago, and a "today so far" KPI with the same hour a week ago', async () => {
    const { db } = await fixtureDb({})
    const sla = { kpi: 'sla_compliance', params: {} }
    const today = { kpi: 'tickets_completed_today', params: {} }
    for (const series of [sla, today]) {
      const id = await ensureSeries(db, series, NOW)
      // Wednesday 25 Feb to Wednesday 4 March: 90 every day, 85 on Thursday 26 Feb, a week before today.
      const days = ['2026-02-25', '2026-02-26', '2026-02-27', '2026-03-02', '2026-03-04']
      await db
        .insertInto('kpi_day')
        .values(days.map((day) => ({ series_id: id, day, value: day === '2026-02-26' ? 85 : 90 })))
        .execute()
      // Thursday a week ago, as of 14:00 (the hour 13-14 that had just ended) and as of 15:00.
      await db
        .insertInto('kpi_hour')
        .values([
          { series_id: id, hour: '2026-02-26T13', value: 12 },
          { series_id: id, hour: '2026-02-26T14', value: 15 },
        ])
        .execute()
    }
    const trends = await recentTrends(db, [sla, today], CLOCK)
    const slaTrend = trends.get('sla_compliance {}')!
    expect(slaTrend).toMatchObject({ step: 'week', before: 85 })
    // At 09:00 the nearest day end a week back is the one of Wednesday 25 Feb (last night, a week ago): 90.
    const morning = await recentTrends(db, [sla], { ...CLOCK, now: new Date('2026-03-05T08:00:00.000Z') })
    expect(morning.get('sla_compliance {}')!.before).toBe(90)
    expect(trends.get('tickets_completed_today {}')!.before).toBe(12)
    // 52 runs of seven days ending yesterday (Wednesday); the last two hold what was recorded.
    expect(slaTrend.points).toHaveLength(52)
    expect(slaTrend.points.slice(-2)).toEqual([
      { end: '2026-02-25', value: 90 },
      { end: '2026-03-04', value: 90 },
    ])
    expect(slaTrend.points.slice(0, 50).every((point) => point.value === null)).toBe(true)
  })

  it('compares a KPI of this week so far with the same hour a week ago, not with last week whole', async () => {
    const { db } = await fixtureDb({})
    const wtd = { kpi: 'billable_hours_wtd', params: {} }
    const id = await ensureSeries(db, wtd, NOW)
    // Last week as it went: 50 h by Tuesday's end, 262 h by Sunday's; nothing yet as of 03:00 on its Monday.
    await db
      .insertInto('kpi_day')
      .values([
        { series_id: id, day: '2026-03-02', value: 48 },
        { series_id: id, day: '2026-03-03', value: 50 },
        { series_id: id, day: '2026-03-08', value: 262 },
      ])
      .execute()
    await db
      .insertInto('kpi_hour')
      .values([{ series_id: id, hour: '2026-03-02T02', value: 0 }])
      .execute()
    // Monday 9 March 03:20: the week so far is 0 h, as it was at this hour last Monday; not 262 h down.
    const monday = await recentTrends(db, [wtd], { ...CLOCK, now: new Date('2026-03-09T02:20:00.000Z') })
    expect(monday.get('billable_hours_wtd {}')).toMatchObject({ before: 0, soFar: true })
  })

  it('compares a KPI of last month with the month before, and draws it month by month', async () => {
    const { db } = await fixtureDb({})
    const realization = { kpi: 'realization_rate', params: {} }
    const id = await ensureSeries(db, realization, NOW)
    // As of 31 Jan it says December, as of 28 Feb January, as of yesterday (4 March) February.
    await db
      .insertInto('kpi_day')
      .values([
        { series_id: id, day: '2026-01-31', value: 95 },
        { series_id: id, day: '2026-02-15', value: 96 },
        { series_id: id, day: '2026-02-28', value: 97 },
        { series_id: id, day: '2026-03-04', value: 99 },
      ])
      .execute()
    const trend = (await recentTrends(db, [realization], CLOCK)).get('realization_rate {}')!
    expect(trend).toMatchObject({ step: 'month', before: 97 })
    expect(trend.points).toHaveLength(12)
    expect(trend.points.slice(-3)).toEqual([
      { end: '2026-01-31', value: 95 },
      { end: '2026-02-28', value: 97 },
      { end: '2026-03-04', value: 99 },
    ])
  })
})
