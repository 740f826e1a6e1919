import { describe, expect, test } from 'vitest'
import { exportPackage } from '../../server/services/packages/index.js'
import { fixtureDb } from '../kpi/fixture.js'
import { adminCookie, appOn, wallToken } from '../helpers/app-env.js'

// /api/settings (issue 12): admin only, closed schemas, hostile values refused; the wall follows a
// settings change at its next poll; a tile's own title and parameters through the dashboard API,
// the wall and a package.

const NOW = '2026-03-18T10:00:00.000Z'

async function setup() {
  const handle = await fixtureDb({ resources: [{ id: 7, first_name: 'Eva', last_name: 'de Jong' }] })
  const app = await appOn(handle, NOW)
  const cookie = await adminCookie(app)
  const put = (payload: unknown, headers: Record<string, string> = { cookie }) =>
    app.inject({ method: 'PUT', url: '/api/settings', headers, payload: payload as object })
  return { app, cookie, put, handle }
}

describe('/api/settings', () => {
  test('admin only: no session, a wall token', async () => {
    const { app, cookie, put } = await setup()
    expect((await app.inject({ url: '/api/settings' })).statusCode).toBe(401)
    expect((await put({ standardRate: 110 }, {})).statusCode).toBe(401)
    const { token } = await wallToken(app, cookie, 'owner')
    expect((await app.inject({ url: `/api/settings?token=${token}` })).statusCode).toBeGreaterThanOrEqual(400)
    expect((await put({ standardRate: 110 }, { authorization: `Bearer ${token}` })).statusCode).toBe(403)
  })

  test('reads the defaults, saves a change, people to pick by name and the year’s holidays', async () => {
    const { app, cookie, put } = await setup()
    const first = (await app.inject({ url: '/api/settings', headers: { cookie } })).json()
    expect(first).toMatchObject({
      version: 0,
      settings: {
        standardRate: null,
        weeklyHours: null,
        holidays: { country: 'NL', extra: [] },
        currency: 'EUR',
        language: 'en',
      },
      paramDefaults: {},
    })
    expect(first.people).toEqual([{ id: 7, name: 'Eva de Jong', active: true }])
    expect(first.holidays.map((h: { date: string }) => h.date)).toContain('2026-04-27')
    const saved = await put({
      standardRate: 110,
      weeklyHours: 36,
      personHours: [{ resourceId: 7, weeklyHours: 32 }],
      leave: [{ resourceId: 7, from: '2026-05-04', to: '2026-05-08' }],
      language: 'nl',
    })
    expect(saved.statusCode).toBe(200)
    expect(saved.json()).toMatchObject({
      version: 1,
      paramDefaults: { standardRate: 110, weeklyHours: 36 },
      settings: { language: 'nl', holidays: { country: 'NL' } },
    })
    // A partial change keeps the rest; null gives the KPI's own default back.
    const again = (await put({ standardRate: null })).json()
    expect(again).toMatchObject({
      version: 2,
      paramDefaults: { weeklyHours: 36 },
      settings: { personHours: [{ resourceId: 7, weeklyHours: 32 }] },
    })
  })

  test('refuses hostile and impossible values, naming the field, and changes nothing', async () => {
    const { app, cookie, put } = await setup()
    const refused: unknown[] = [
      {},
      { standardRate: 0 },
      { standardRate: 1e9 },
      { standardRate: '110' },
      { weeklyHours: 81 },
      { weeklyHours: -1 },
      { currency: 'BTC' },
      { language: 'de' },
      { holidays: { country: 'DE', extra: [] } },
      { holidays: { country: 'NL', extra: ['2026-02-30'] } },
      { holidays: { country: 'NL', extra: ['27-04-2026'] } },
      { holidays: { country: 'NL', extra: Array.from({ length: 101 }, () => '2026-01-02') } },
      { businessHours: { days: [1, 2], start: '17:00', end: '09:00' } },
      { businessHours: { days: [0], start: '09:00', end: '17:00' } },
      { businessHours: { days: [1], start: '9:00', end: '17:00' } },
      { leave: [{ resourceId: 7, from: '2026-05-08', to: '2026-05-04' }] },
      { leave: [{ resourceId: 7, from: '2026-01-01', to: '2027-06-01' }] },
      { leave: [{ resourceId: 99, from: '2026-05-04', to: '2026-05-04' }] },
      { personHours: [{ resourceId: 7, weeklyHours: 32, admin: true }] },
      { contractTypeRates: [{ contractType: 1, rate: -5 }] },
      // Keys that would reach an object's prototype, as a client sends them.
      JSON.parse('{"__proto__": {"standardRate": 1}, "constructor": {"prototype": {}}}'),
      { standardRate: 110, extra: 1 },
    ]
    for (const payload of refused) {
      const response = await put(payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().message).toBeTruthy()
    }
    expect((await app.inject({ url: '/api/settings', headers: { cookie } })).json().version).toBe(0)
  })

  test('a screen without a language speaks the settings’ language', async () => {
    const { app, cookie, put } = await setup()
    await put({ language: 'nl' })
    const wall = (await app.inject({ url: '/api/dashboards/owner', headers: { cookie } })).json()
    expect(wall.lang).toBe('nl')
    expect((await app.inject({ url: '/api/dashboards/owner?lang=en', headers: { cookie } })).json().lang).toBe('en')
  })
})

describe('a tile’s own title and parameters', () => {
  test('rename a tile: the wall shows the typed title in both languages; empty gives the KPI’s back; packages carry it', async () => {
    const { app, cookie, handle } = await setup()
    const definition = (await app.inject({ url: '/api/dashboards/finance/definition', headers: { cookie } })).json()
    const tile = definition.tiles[0]
    const patch = (payload: object) =>
      app.inject({ method: 'PATCH', url: `/api/dashboards/finance/tiles/${tile.id}`, headers: { cookie }, payload })
    const wallTile = async (lang: string) =>
      (await app.inject({ url: `/api/dashboards/finance?lang=${lang}`, headers: { cookie } }))
        .json()
        .tiles.find((t: { tileId: number }) => t.tileId === tile.id).result
    const own = { en: (await wallTile('en')).title, nl: (await wallTile('nl')).title }

    const renamed = await patch({ title: '  Geld binnen  ' })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().tiles[0].title).toBe('Geld binnen')
    expect((await wallTile('en')).title).toBe('Geld binnen')
    expect((await wallTile('nl')).title).toBe('Geld binnen')
    expect((await patch({ title: 'x'.repeat(121) })).statusCode).toBe(400)

    const pkg = await exportPackage(handle.db, { roles: ['finance'] })
    expect(pkg.roles[0]!.tiles[0]!.title).toBe('Geld binnen')
    expect(pkg.roles[0]!.tiles[1]).not.toHaveProperty('title')

    expect((await patch({ title: '' })).json().tiles[0].title).toBeNull()
    expect((await wallTile('en')).title).toBe(own.en)
    expect((await wallTile('nl')).title).toBe(own.nl)
  })

  test('a tile’s parameter over the settings’ default: value in force, range checked by the server', async () => {
    const { app, cookie, put } = await setup()
    const add = await app.inject({
      method: 'POST',
      url: '/api/dashboards/finance/tiles',
      headers: { cookie },
      payload: { kpi: 'agreement_efficiency_ratio', params: { standardRate: 120 } },
    })
    expect(add.statusCode).toBe(201)
    const tile = add.json().tiles.at(-1)
    expect(tile.params).toEqual({ standardRate: 120 })
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/dashboards/finance/tiles/${tile.id}`,
          headers: { cookie },
          payload: { params: { standardRate: 5000 } },
        })
      ).statusCode,
    ).toBe(400)
    expect(
      (
        await app.inject({
          method: 'PATCH',
          url: `/api/dashboards/finance/tiles/${tile.id}`,
          headers: { cookie },
          payload: { params: { nope: 1 } },
        })
      ).statusCode,
    ).toBe(400)
    await put({ standardRate: 110 })
    // The tile keeps its own 120 whatever the settings say.
    expect(
      (await app.inject({ url: '/api/dashboards/finance/definition', headers: { cookie } })).json().tiles.at(-1).params,
    ).toEqual({ standardRate: 120 })
  })
})
