import { describe, expect, test } from 'vitest'
import { findKpi, resolveBand } from '../../kpi-library/engine.js'
import { adminCookie, appWithData } from '../helpers/app-env.js'

type Tile = { id: number; kpi: string; target: number | null; warn: number | null }
type Evaluated = {
  tiles: Array<{
    tileId: number
    result: { id: string; status?: string; target?: number | null; warn?: number | null }
  }>
  strip: Array<{ result: { id: string; target?: number | null } }>
}

async function builder() {
  const { app } = await appWithData()
  const cookie = await adminCookie(app)
  const call = (method: 'GET' | 'PUT' | 'PATCH' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
  const kpis = new Map<string, { band: { target: number; warn: number } | null; direction: string }>(
    (await call('GET', '/api/kpis'))
      .json()
      .kpis.map((k: { id: string; band: { target: number; warn: number } | null; direction: string }) => [k.id, k]),
  )
  return { app, call, kpis, cookie }
}

describe('an empty target stays empty: null end to end', () => {
  test("clearing a tile's target and amber line stores null and the tile keeps the KPI's own band and status", async () => {
    const { call, kpis } = await builder()
    const tiles: Tile[] = (await call('GET', '/api/dashboards/owner/definition')).json().tiles
    const sla = tiles.find((tile) => tile.kpi === 'sla_compliance')!
    const before = (await call('GET', '/api/dashboards/owner')).json() as Evaluated
    const statusBefore = before.tiles.find((t) => t.tileId === sla.id)!.result.status
    await call('PATCH', `/api/dashboards/owner/tiles/${sla.id}`, { target: 80, warn: 70 })
    const cleared = await call('PATCH', `/api/dashboards/owner/tiles/${sla.id}`, { target: null, warn: null })
    expect(cleared.statusCode, cleared.body).toBe(200)
    expect(cleared.json().tiles.find((t: Tile) => t.id === sla.id)).toMatchObject({ target: null, warn: null })
    const after = (await call('GET', '/api/dashboards/owner')).json() as Evaluated
    const result = after.tiles.find((t) => t.tileId === sla.id)!.result
    expect(result.target).toBe(kpis.get('sla_compliance')!.band!.target)
    expect(result.status).toBe(statusBefore)
  })

  test('re-saving the company strip as read keeps its empty targets empty, and an empty box is null, not 0', async () => {
    const { call } = await builder()
    const put = await call('PUT', '/api/company-strip', {
      goals: [
        { kpi: 'sla_compliance', target: null, warn: null },
        { kpi: 'tickets_open' },
        { kpi: 'csat_positive_30d', target: 90, warn: null },
      ],
    })
    expect(put.statusCode, put.body).toBe(200)
    const read = (await call('GET', '/api/company-strip')).json().goals
    expect(read.map((g: Tile) => [g.kpi, g.target, g.warn])).toEqual([
      ['sla_compliance', null, null],
      ['tickets_open', null, null],
      ['csat_positive_30d', 90, null],
    ])
    const again = await call('PUT', '/api/company-strip', {
      goals: read.map(({ kpi, params, target, warn }: Tile & { params: object }) => ({ kpi, params, target, warn })),
    })
    expect(again.json().goals.map((g: Tile) => [g.target, g.warn])).toEqual([
      [null, null],
      [null, null],
      [90, null],
    ])
    // A number sent as text is refused rather than guessed at.
    expect(
      (await call('PUT', '/api/company-strip', { goals: [{ kpi: 'sla_compliance', target: '' }] })).statusCode,
    ).toBe(400)
  })

  test("a lower-is-better KPI takes a target with an empty amber line: the KPI's own amber line where it still fits, else none", async () => {
    const { call, kpis } = await builder()
    const open = kpis.get('tickets_open')!
    expect(open.direction).toBe('lower')
    const { target, warn } = open.band!
    for (const chosen of [target - 1, warn + 10]) {
      const added = await call('POST', '/api/dashboards/owner/tiles', {
        kpi: 'tickets_open',
        target: chosen,
        warn: null,
      })
      expect(added.statusCode, added.body).toBe(201)
      expect(added.json().tiles.at(-1)).toMatchObject({ target: chosen, warn: null })
    }
    const kpi = findKpi('tickets_open')!
    expect(resolveBand(kpi, { target: target - 1 })).toEqual({ target: target - 1, warn })
    expect(resolveBand(kpi, { target: warn + 10 })).toEqual({ target: warn + 10, warn: warn + 10 })
    // An amber line typed on the wrong side of the target is still refused, with the reason.
    expect(() => resolveBand(kpi, { target: 50, warn: 10 })).toThrow(
      /lower is better, so the amber line \(10\) must not be below the target \(50\)/,
    )
  })
})

describe('parameters and numbers are what they claim to be', () => {
  test('names of built-in object methods are not parameters of any KPI', async () => {
    const { app, call, cookie } = await builder()
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      const answer = await call('POST', '/api/dashboards/engineer/tiles', {
        kpi: 'tickets_open',
        params: { [name]: 1 },
      })
      expect(answer.statusCode, name).toBe(400)
      expect(answer.json().message).toMatch(new RegExp(`tickets_open has no parameter "${name}"`))
    }
    const poisoned = await app.inject({
      method: 'POST',
      url: '/api/dashboards/engineer/tiles',
      headers: { cookie, 'content-type': 'application/json' },
      payload: '{"kpi":"csat_low_callback","params":{"__proto__":{"days":3}}}',
    })
    expect(poisoned.statusCode).toBe(400)
  })

  test('a true/false parameter stays true, not 1', async () => {
    const { call } = await builder()
    const added = await call('POST', '/api/dashboards/engineer/tiles', {
      kpi: 'csat_low_callback',
      params: { includeFollowedUp: true },
    })
    expect(added.statusCode, added.body).toBe(201)
    expect(added.json().tiles.at(-1).params).toEqual({ includeFollowedUp: true })
  })

  test('numeric query bounds hold for Infinity, huge and negative numbers', async () => {
    const { call } = await builder()
    for (const url of [
      '/api/acks?limit=Infinity',
      '/api/acks?limit=-Infinity',
      '/api/acks?limit=1e999',
      '/api/acks?limit=0',
      '/api/acks?limit=501',
      '/api/dashboards/owner?me=Infinity',
      '/api/tokens/Infinity',
    ]) {
      const answer = await call(url.startsWith('/api/tokens') ? ('PATCH' as never) : 'GET', url)
      expect(answer.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(answer.statusCode, url).toBeLessThan(500)
    }
    expect((await call('GET', '/api/acks?limit=5')).statusCode).toBe(200)
  })
})
