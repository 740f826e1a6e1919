import { describe, expect, test } from 'vitest'
import { evaluateAt, kpiDb } from './fixture.js'

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 in Amsterdam

describe('tickets_open', () => {
  test('counts every ticket whose status is not Complete (5)', async () => {
    // 1 New, 2 In Progress, 3 Waiting Customer: open. 4 Complete: not open. => 3
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1 },
        { id: 2, status: 8 },
        { id: 3, status: 7 },
        { id: 4, status: 5, completed_at: '2026-03-03T10:00:00.000Z' },
      ],
    })
    const result = await evaluateAt(db, 'tickets_open', NOW)
    expect(result).toMatchObject({ kind: 'number', value: 3, unit: 'count', status: 'good' })
    expect(result.context).toBe('3 tickets are open right now.')
    expect((await evaluateAt(db, 'tickets_open', NOW, { lang: 'nl' })).context).toBe('Er staan nu 3 tickets open.')
  })

  test('for one engineer counts only their tickets', async () => {
    // Engineer 7 has tickets 1 (open) and 3 (complete); engineer 8 has ticket 2. => 1
    const db = await kpiDb({
      tickets: [
        { id: 1, status: 1, assigned_resource_id: 7 },
        { id: 2, status: 1, assigned_resource_id: 8 },
        { id: 3, status: 5, assigned_resource_id: 7 },
      ],
    })
    expect(await evaluateAt(db, 'tickets_open', NOW, { me: 7 })).toMatchObject({ value: 1 })
  })

  test('with no data at all the value is 0, and the data age is unknown before the first sync', async () => {
    const db = await kpiDb({}, { synced: false })
    expect(await evaluateAt(db, 'tickets_open', NOW)).toMatchObject({ value: 0, asOf: null })
  })
})
