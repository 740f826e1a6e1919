import { describe, expect, it } from 'vitest'
import { weekValue } from '../../server/services/history/weeks.js'

const WEEK = [
  { day: '2026-03-02', value: 4 },
  { day: '2026-03-03', value: 6 },
  { day: '2026-03-04', value: null },
  { day: '2026-03-05', value: 8 },
  { day: '2026-03-08', value: 0 },
]

describe('one number for a week of history', () => {
  it('takes the last recorded day where the KPI covers a week, the mean where it covers a day', () => {
    // sla_compliance covers 7 days: Sunday's 0 is the week. tickets_completed_today covers one day: (4+6+8+0)/4.
    expect(weekValue('sla_compliance', WEEK)).toBe(0)
    expect(weekValue('tickets_completed_today', WEEK)).toBe(4.5)
    // tickets_open is the present state: the week ends as its last recorded day stood.
    expect(weekValue('tickets_open', WEEK)).toBe(0)
    expect(weekValue('sla_compliance', [{ day: '2026-03-02', value: null }])).toBeNull()
  })
})
