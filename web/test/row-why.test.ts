import { describe, expect, test } from 'vitest'
import { rowWhy } from '../src/widgets/row-why.ts'

describe('why a row is on its list', () => {
  test('a remainder below zero reads as how far over it is, in both languages', () => {
    expect(rowWhy({ hoursLeft: -9.6 }, 'en')).toMatch(/^9[.,]6 h over$/)
    expect(rowWhy({ hoursLeft: -9.6 }, 'nl')).toMatch(/^9,6 u overschreden$/)
    expect(rowWhy({ hoursLeft: 4 }, 'en')).toMatch(/^4 h left$/)
    expect(rowWhy({ minutesLeft: -30 }, 'en')).toMatch(/over time$/)
    expect(rowWhy({ minutesLeft: 22 }, 'nl')).toMatch(/^nog /)
  })
})
