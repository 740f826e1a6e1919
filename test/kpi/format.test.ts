import { describe, expect, test } from 'vitest'
import { formatPercent } from '../../kpi-library/format.js'
import { formatValue } from '../../web/src/format.js'

// A sentence restates a tile's percentage as the tile shows it (review: "SLA breach rate 6.6%" beside
// "11 of 168 ... (6.5%)", "42.9%" beside "43%").
describe('formatPercent', () => {
  test('one decimal below 100, from the value the API returns', () => {
    // 11 of 168 = 6.5476...%: the API says 6.55, the tile 6.6%.
    expect(formatPercent((100 * 11) / 168, 'en')).toBe('6.6')
    expect(formatPercent((100 * 11) / 168, 'nl')).toBe('6,6')
    // 3 of 7 = 42.857...%: 42.9, not 43.
    expect(formatPercent((100 * 3) / 7, 'en')).toBe('42.9')
    expect(formatPercent(50, 'en')).toBe('50')
    expect(formatPercent(100, 'en')).toBe('100')
    // From 100 on the tile shows whole numbers: 100.4 is "100%".
    expect(formatPercent(100.4, 'en')).toBe('100')
    expect(formatPercent(null, 'en')).toBeNull()
  })

  test('rounds as the tile does, where Math.round would differ (84.55 is 0.8455 = 0.84549... on the tile)', () => {
    for (const value of [84.55, 6.55, 0.05, 99.95, 12.25, 33.33, 66.67]) {
      for (const lang of ['en', 'nl'] as const)
        expect(`${formatPercent(value, lang)}%`).toBe(formatValue(value, 'percent', lang))
    }
  })
})
