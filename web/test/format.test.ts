import { describe, expect, test } from 'vitest'
import { formatClock, formatValue } from '../src/format.ts'

const NBSP = '\u00a0'

describe('money on a wall', () => {
  test('whole euros as each language writes them; cents only under a hundred', () => {
    expect(formatValue(47369, 'euro', 'nl')).toBe(`€${NBSP}47.369`)
    expect(formatValue(47369, 'euro', 'en')).toBe('€47,369')
    expect(formatValue(75.59, 'euro', 'nl')).toBe(`€${NBSP}75,59`)
    expect(formatValue(75.59, 'euro', 'en')).toBe('€75.59')
    // Cents below € 100 always with both digits, so a list of amounts lines up: € 78,50 and € 45,00 beside € 50,86.
    expect(formatValue(78.5, 'euro', 'en')).toBe('€78.50')
    expect(formatValue(45, 'euro', 'nl')).toBe(`€${NBSP}45,00`)
    expect(formatValue(150, 'euro', 'nl')).toBe(`€${NBSP}150`)
  })

  test('compact only where a wall has no room: thousands as k, millions as mln / m', () => {
    expect(formatValue(47369, 'euro', 'nl', true)).toBe(`€${NBSP}47k`)
    expect(formatValue(47369, 'euro', 'en', true)).toBe('€47k')
    expect(formatValue(4444, 'euro', 'nl', true)).toBe(`€${NBSP}4,4k`)
    expect(formatValue(1_234_567, 'euro', 'nl', true)).toBe(`€${NBSP}1,2${NBSP}mln`)
    expect(formatValue(1_234_567, 'euro', 'en', true)).toBe('€1.2m')
    expect(formatValue(-303, 'euro', 'nl', true)).toBe(`€${NBSP}-303`)
    expect(formatValue(950, 'euro', 'en', true)).toBe('€950')
  })
})

describe('the wall clock', () => {
  test('names the month, so 6/12 never reads as 12 June', () => {
    const at = new Date('2026-12-06T13:05:00Z')
    expect(formatClock(at, 'en')).toBe('Sunday 6 Dec 14:05')
    expect(formatClock(at, 'nl')).toBe('zondag 6 dec 14:05')
  })
})

describe('percentages', () => {
  test('keep their decimal when compact, so the strip and a tile show one number', () => {
    expect(formatValue(61.2, 'percent', 'nl', true)).toBe(formatValue(61.2, 'percent', 'nl'))
    expect(formatValue(61.2, 'percent', 'en', true)).toBe('61.2%')
  })
})
