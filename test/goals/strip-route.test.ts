import { describe, expect, test } from 'vitest'
import { adminCookie, appOn } from '../helpers/app-env.js'
import { fixtureDb } from '../kpi/fixture.js'

// The strip routes on a database with no PSA data (roles and strip installed at start); now Wed 10 June 2026.
async function builder() {
  const handle = await fixtureDb({})
  const app = await appOn(handle, '2026-06-10T10:00:00.000Z')
  const cookie = await adminCookie(app)
  const put = (goals: unknown) =>
    app.inject({ method: 'PUT', url: '/api/company-strip', headers: { cookie }, payload: { goals } })
  const get = async () => (await app.inject({ method: 'GET', url: '/api/company-strip', headers: { cookie } })).json()
  return { app, put, get, handle }
}

const UTILIZATION = { kpi: 'billable_utilization', target: 70, warn: 66 }

describe('GET/PUT /api/company-strip with goal paths', () => {
  test('a goal keeps its period and start, and reads back its dates and expected value per week', async () => {
    const { put, get } = await builder()
    const saved = await put([{ ...UTILIZATION, path: { period: '2026-Q2', start: 62 } }, { kpi: 'tickets_open' }])
    expect(saved.statusCode, saved.body).toBe(200)
    const [withPath, without] = (await get()).goals
    expect(withPath.path).toMatchObject({ period: '2026-Q2', start: 62, from: '2026-04-01', to: '2026-06-30' })
    expect(withPath.path.weeks[0]).toMatchObject({ week: '2026-W14', end: '2026-04-05' })
    // Without a period a goal is as it was: a fixed target.
    expect(without.path).toBeNull()
    // Saved again as read (the builder sends period and start only), nothing changes; null takes the path off.
    const again = await put([{ ...UTILIZATION, path: { period: withPath.path.period, start: withPath.path.start } }])
    expect(again.json().goals[0].path.period).toBe('2026-Q2')
    expect((await put([{ ...UTILIZATION, path: null }])).json().goals[0].path).toBeNull()
  })

  test('a wall asked right after the save is judged against the path: expected today, period end, end target', async () => {
    // Wed 10 June 2026 is day 70 of Q2: 62 + 8 x 70/90 = 68.222%.
    const { app, put } = await builder()
    await put([{ ...UTILIZATION, path: { period: '2026-Q2', start: 62 } }])
    const cookie = await adminCookie(app)
    const wall = (await app.inject({ method: 'GET', url: '/api/dashboards/owner?lang=nl', headers: { cookie } })).json()
    const [goal] = wall.strip
    expect(goal.path).toMatchObject({ period: '2026-Q2', end: '2026-06-30', target: 70 })
    expect(goal.path.expected).toBeCloseTo(68.222, 3)
    expect(goal.result.target).toBeCloseTo(68.222, 3)
    // No time was logged at all: no capacity, no value, so nothing to price.
    expect(goal.path.consequence).toBeNull()
  })

  test.each([
    ['a period that is no quarter or year', { period: '2026-Q5', start: 62 }, 'period'],
    ['a month for a period', { period: '2026-06', start: 62 }, 'period'],
    ['a start sent as text', { period: '2026-Q2', start: '62' }, 'start'],
    ['no start', { period: '2026-Q2' }, 'start'],
    ['an unknown field', { period: '2026-Q2', start: 62, end: 70 }, 'path'],
  ])('refuses %s with one line, leaving the strip as it was', async (_what, path, word) => {
    const { put, get } = await builder()
    await put([{ ...UTILIZATION, path: { period: '2026', start: 60 } }])
    const before = await get()
    const refused = await put([{ ...UTILIZATION, path }])
    expect(refused.statusCode).toBe(400)
    expect(refused.json().message).toContain(word)
    expect(refused.json().message).not.toContain('\n')
    expect(await get()).toEqual(before)
  })

  test('refuses a target that is not a number, a path without a target, and a path on a KPI with no better side', async () => {
    const { put, get } = await builder()
    const before = await get()
    const path = { period: '2026-Q2', start: 62 }
    expect((await put([{ ...UTILIZATION, target: '70', path }])).statusCode).toBe(400)
    const noTarget = await put([{ kpi: 'billable_utilization', path }])
    expect(noTarget.statusCode).toBe(400)
    expect(noTarget.json().message).toBe("billable_utilization: a path runs to the goal's target, so it needs one")
    const neutral = await put([{ kpi: 'tickets_created', target: 10, path }])
    expect(neutral.statusCode).toBe(400)
    expect(neutral.json().message).toBe('tickets_created: a path needs a KPI where higher or lower is better')
    expect(await get()).toEqual(before)
  })
})
