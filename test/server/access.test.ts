import { describe, expect, test } from 'vitest'
import { ROLES } from '../../kpi-library/types.js'
import { ADMIN_PASSWORD, adminCookie, appWithData, wallToken } from '../helpers/app-env.js'

describe('one dashboard per role', () => {
  test('every built-in role ships with exactly one dashboard, and a second one is refused with 409 naming the first', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const roles = (await app.inject({ url: '/api/roles', headers: { cookie } })).json().roles
    expect(roles.map((role: { id: string }) => role.id)).toEqual([...ROLES])
    for (const role of roles) expect(role.dashboard).not.toBeNull()
    const second = await app.inject({
      method: 'POST',
      url: '/api/dashboards',
      headers: { cookie },
      payload: { role: 'engineer', title: 'Another engineer board' },
    })
    expect(second.statusCode).toBe(409)
    expect(second.json().message).toMatch(
      /the role "engineer" already has its dashboard \("Service desk wall", id \d+\)/,
    )
  })

  test('the unique constraint holds below the API too', async () => {
    const { app, handle } = await appWithData()
    await expect(
      handle.db.insertInto('dashboard').values({ role: 'owner', title: 'sneaky', updated_at: 'x' }).execute(),
    ).rejects.toThrow(/UNIQUE/)
    void app
  })

  test('a custom role gets its own single dashboard', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const created = await app.inject({
      method: 'POST',
      url: '/api/roles',
      headers: { cookie },
      payload: { id: 'noc', name: { en: 'NOC', nl: 'NOC' } },
    })
    expect(created.statusCode).toBe(201)
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/dashboards',
          headers: { cookie },
          payload: { role: 'noc', title: 'Second' },
        })
      ).statusCode,
    ).toBe(409)
    const added = await app.inject({
      method: 'POST',
      url: '/api/dashboards/noc/tiles',
      headers: { cookie },
      payload: { kpi: 'tickets_open', target: 40, warn: 60 },
    })
    expect(added.statusCode).toBe(201)
    expect(added.json().tiles).toMatchObject([{ kpi: 'tickets_open', target: 40, warn: 60, position: 0 }])
  })
})

describe('builder API', () => {
  test('adds, moves, retargets and removes tiles, and the wall shows the evaluated result with the company strip', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const before = (await app.inject({ url: '/api/dashboards/engineer/definition', headers: { cookie } })).json()
    const added = (
      await app.inject({
        method: 'POST',
        url: '/api/dashboards/engineer/tiles',
        headers: { cookie },
        payload: { kpi: 'tickets_open', position: 0, size: 'l' },
      })
    ).json()
    expect(added.tiles[0]).toMatchObject({ kpi: 'tickets_open', size: 'l', position: 0 })
    expect(added.tiles).toHaveLength(before.tiles.length + 1)
    const tileId = added.tiles[0].id
    const moved = (
      await app.inject({
        method: 'PATCH',
        url: `/api/dashboards/engineer/tiles/${tileId}`,
        headers: { cookie },
        payload: { position: 2, target: 10, warn: 20 },
      })
    ).json()
    expect(moved.tiles[2]).toMatchObject({ kpi: 'tickets_open', target: 10, warn: 20 })
    const wall = (await app.inject({ url: '/api/dashboards/engineer', headers: { cookie } })).json()
    const tile = wall.tiles.find(
      (t: { result: { id: string; target?: number } }) => t.result.id === 'tickets_open' && t.result.target === 10,
    )
    expect(tile.result).toMatchObject({ kind: 'number', target: 10 })
    expect(wall.strip.length).toBeGreaterThan(0)
    expect(wall.dataAsOf).not.toBeNull()
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/dashboards/engineer/tiles/${tileId}`,
      headers: { cookie },
    })
    expect(removed.statusCode, removed.body).toBe(200)
    expect(removed.json().tiles).toHaveLength(before.tiles.length)
  })

  test('clear 400s for an unknown KPI, a bad parameter and a target band upside down', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const post = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/dashboards/engineer/tiles', headers: { cookie }, payload })
    expect((await post({ kpi: 'no_such_kpi' })).json()).toMatchObject({ message: 'unknown KPI "no_such_kpi"' })
    expect((await post({ kpi: 'csat_low_callback', params: { days: 'seven' } })).json().message).toBe(
      'csat_low_callback: parameter days must be a whole number',
    )
    expect((await post({ kpi: 'csat_low_callback', params: { colour: 1 } })).json().message).toMatch(
      /has no parameter "colour"/,
    )
    expect((await post({ kpi: 'tickets_open', target: 50, warn: 10 })).json().message).toMatch(
      /lower is better, so the amber line \(10\) must not be below the target \(50\)/,
    )
  })

  test('the company strip is one and the same on every role', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const put = await app.inject({
      method: 'PUT',
      url: '/api/company-strip',
      headers: { cookie },
      payload: { goals: [{ kpi: 'csat_positive_30d', target: 90, warn: 85 }, { kpi: 'tickets_open' }] },
    })
    expect(put.statusCode).toBe(200)
    const strips = []
    for (const role of ['owner', 'engineer', 'finance']) {
      const wall = (await app.inject({ url: `/api/dashboards/${role}`, headers: { cookie } })).json()
      strips.push(
        wall.strip.map((goal: { result: { id: string; target: number | null } }) => [
          goal.result.id,
          goal.result.target,
        ]),
      )
    }
    expect(strips[0]).toEqual([
      ['csat_positive_30d', 90],
      ['tickets_open', 60],
    ])
    expect(strips[1]).toEqual(strips[0])
    expect(strips[2]).toEqual(strips[0])
  })
})

describe('access', () => {
  test('a wall token reads its own role and nothing else, and fails at the next request once revoked', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const { id, token } = await wallToken(app, cookie, 'engineer')
    expect((await app.inject({ url: `/api/dashboards/engineer?token=${token}` })).statusCode).toBe(200)
    expect(
      (await app.inject({ url: '/api/dashboards/engineer', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200)
    expect((await app.inject({ url: `/api/dashboards/owner?token=${token}` })).statusCode).toBe(403)
    for (const url of [
      '/api/roles',
      '/api/tokens',
      '/api/kpis',
      '/api/company-strip',
      '/api/dashboards/engineer/definition',
      '/api/acks',
    ]) {
      expect((await app.inject({ url: `${url}?token=${token}` })).statusCode, url).toBeGreaterThanOrEqual(400)
    }
    expect(
      (await app.inject({ method: 'PUT', url: `/api/dashboards/engineer?token=${token}`, payload: { title: 'x' } }))
        .statusCode,
    ).toBe(403)
    const listed = (await app.inject({ url: '/api/tokens', headers: { cookie } })).json().tokens
    expect(listed.find((t: { id: number }) => t.id === id)).toMatchObject({
      name: 'Wall engineer',
      lastSeenAt: expect.any(String),
    })
    expect(JSON.stringify(listed)).not.toContain(token)
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie } })).statusCode).toBe(200)
    const revoked = await app.inject({ url: `/api/dashboards/engineer?token=${token}` })
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json()).toMatchObject({ code: 'revoked' })
    // Opened in a browser where the admin is logged in, the revoked link still shows as revoked.
    expect(
      (await app.inject({ url: `/api/dashboards/engineer?token=${token}`, headers: { cookie } })).json(),
    ).toMatchObject({ code: 'revoked' })
  })

  test('logins are rate-limited after five failures, and a session cookie is HttpOnly', async () => {
    const { app } = await appWithData()
    const good = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    })
    expect(String(good.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/)
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/session',
            payload: { username: 'admin', password: `guess ${i}` },
          })
        ).statusCode,
      ).toBe(401)
    }
    const blocked = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    })
    expect(blocked.statusCode).toBe(429)
  })
})
