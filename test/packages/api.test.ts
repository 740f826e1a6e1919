import { describe, expect, onTestFinished, test } from 'vitest'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import type { DashboardPackage } from '../../server/services/packages/index.js'
import { adminCookie, ADMIN_PASSWORD, wallToken } from '../helpers/app-env.js'
import { openTempDb } from '../helpers/sync-env.js'
import { clone, example, NOW, snapshot } from './env.js'

/** The real app on a real SQLite file; packages need no synced data. */
async function app() {
  const handle = await openTempDb()
  const instance = await buildApp({
    config: { ...loadConfig({}), now: NOW },
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
    logger: false,
  })
  onTestFinished(() => instance.close())
  return { app: instance, db: handle.db, cookie: await adminCookie(instance) }
}

describe('/api/packages', () => {
  test('admin only: no session is 401, a wall token is 403, on every route', async () => {
    const { app: server, cookie } = await app()
    const { token } = await wallToken(server, cookie, 'engineer')
    const routes = [
      { method: 'GET' as const, url: '/api/packages' },
      { method: 'GET' as const, url: '/api/packages/export' },
      { method: 'POST' as const, url: '/api/packages/diff', payload: { package: example('finance-pack') } },
      { method: 'POST' as const, url: '/api/packages/import', payload: { package: example('finance-pack') } },
      {
        method: 'POST' as const,
        url: '/api/packages/upgrade',
        payload: { package: example('finance-pack'), onConflict: 'keep-mine' },
      },
    ]
    for (const route of routes) {
      expect((await server.inject(route)).statusCode, route.url).toBe(401)
      const wall = await server.inject({ ...route, headers: { authorization: `Bearer ${token}` } })
      expect(wall.statusCode, `${route.url}: ${wall.body}`).toBe(403)
    }
    expect((await server.inject({ url: '/api/packages', headers: { cookie } })).json()).toEqual({ packages: [] })
  })

  test('export, diff, import, list and upgrade; a bad package is a 400 with one line and changes nothing', async () => {
    const { app: server, db, cookie } = await app()
    const exported = await server.inject({
      url: '/api/packages/export?roles=finance,engineer&name=two-roles&version=1.0.0&author=Consultant&strip=false',
      headers: { cookie },
    })
    expect(exported.statusCode, exported.body).toBe(200)
    expect(exported.json()).toMatchObject({
      name: 'two-roles',
      author: 'Consultant',
      roles: [{ id: 'finance' }, { id: 'engineer' }],
    })
    expect(exported.json().strip).toBeUndefined()
    expect(
      (await server.inject({ url: '/api/packages/export?roles=Not_A_Role', headers: { cookie } })).statusCode,
    ).toBe(400)

    const pkg = example('service-desk-starter')
    const diff = await server.inject({
      method: 'POST',
      url: '/api/packages/diff',
      headers: { cookie },
      payload: { package: pkg },
    })
    expect(diff.statusCode, diff.body).toBe(200)
    expect(diff.json()).toMatchObject({
      mode: 'import',
      name: 'service-desk-starter',
      version: '1.0.0',
      from: null,
      conflicts: 0,
    })
    expect(diff.json().text).toContain('role engineer ("Service desk wall")')

    const before = await snapshot(db)
    const bad = clone(pkg)
    bad.roles[0]!.tiles[0]!.params = { colour: 'red' }
    const refused = await server.inject({
      method: 'POST',
      url: '/api/packages/import',
      headers: { cookie },
      payload: { package: bad },
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toEqual({
      code: 'bad_request',
      message:
        'bad package: role "service-manager", tile "open": tickets_open has no parameter "colour" (it has: includeAlerts)',
    })
    expect(
      (
        await server.inject({
          method: 'POST',
          url: '/api/packages/import',
          headers: { cookie },
          payload: { package: 'not an object' },
        })
      ).statusCode,
    ).toBe(400)
    expect(
      (
        await server.inject({
          method: 'POST',
          url: '/api/packages/import',
          headers: { cookie },
          payload: { package: pkg, extra: 1 },
        })
      ).statusCode,
    ).toBe(400)
    expect(await snapshot(db)).toEqual(before)

    const imported = await server.inject({
      method: 'POST',
      url: '/api/packages/import',
      headers: { cookie },
      payload: { package: pkg },
    })
    expect(imported.statusCode, imported.body).toBe(201)
    expect(
      (
        await server.inject({
          method: 'POST',
          url: '/api/packages/import',
          headers: { cookie },
          payload: { package: pkg },
        })
      ).statusCode,
    ).toBe(409)
    const wall = (await server.inject({ url: '/api/dashboards/engineer', headers: { cookie } })).json()
    expect(wall.tiles.map((tile: { result: { id: string } }) => tile.result.id)).toEqual(
      pkg.roles[2]!.tiles.map((tile) => tile.kpi),
    )
    expect(wall.strip.map((goal: { result: { id: string } }) => goal.result.id)).toEqual(
      pkg.strip!.map((goal) => goal.kpi),
    )
    expect((await server.inject({ url: '/api/packages', headers: { cookie } })).json().packages).toEqual([
      {
        name: 'service-desk-starter',
        version: '1.0.0',
        author: pkg.author,
        description: pkg.description,
        roles: ['service-manager', 'team-lead', 'engineer'],
        strip: true,
        installedAt: NOW,
      },
    ])

    // The client retargets a tile, the consultant too: a conflict the client resolves in the call.
    const tile = (await server.inject({ url: '/api/dashboards/engineer/definition', headers: { cookie } }))
      .json()
      .tiles.find((t: { kpi: string }) => t.kpi === 'tickets_open')
    await server.inject({
      method: 'PATCH',
      url: `/api/dashboards/engineer/tiles/${tile.id}`,
      headers: { cookie },
      payload: { target: 20, warn: 30 },
    })
    const v2 = clone(pkg)
    v2.version = '1.1.0'
    Object.assign(
      v2.roles[2]!.tiles.find((t) => t.key === 'open')!,
      { target: 45, warn: 70 },
    )
    const conflicted = await server.inject({
      method: 'POST',
      url: '/api/packages/upgrade',
      headers: { cookie },
      payload: { package: v2 },
    })
    expect(conflicted.statusCode).toBe(409)
    expect(conflicted.json().message).toMatch(
      /^1 conflict \(first: engineer: CONFLICT on tile open target: yours 20\/30, package 45\/70\); choose keep-mine or take-theirs$/,
    )
    const upgraded = await server.inject({
      method: 'POST',
      url: '/api/packages/upgrade',
      headers: { cookie },
      payload: { package: v2, onConflict: 'take-theirs' },
    })
    expect(upgraded.statusCode, upgraded.body).toBe(200)
    expect(upgraded.json()).toMatchObject({
      mode: 'upgrade',
      from: '1.0.0',
      version: '1.1.0',
      onConflict: 'take-theirs',
      conflicts: 1,
    })
    const after = (await server.inject({ url: '/api/dashboards/engineer/definition', headers: { cookie } }))
      .json()
      .tiles.find((t: { id: number }) => t.id === tile.id)
    expect(after).toMatchObject({ target: 45, warn: 70 })
  })

  test('a package above the 64 KB default body limit is taken (1 MB on these routes), one above 1 MB is not', async () => {
    const { app: server, db, cookie } = await app()
    const big: DashboardPackage = clone(example('finance-pack'))
    big.name = 'many-walls'
    const tiles = big.roles[0]!.tiles
    for (let n = 0; n < 48; n++)
      big.roles.push({
        id: `wall-${n}`,
        name: { en: `Wall ${n}`, nl: `Wand ${n}` },
        title: `Wall ${n}`,
        tiles: clone(tiles),
      })
    const body = JSON.stringify({ package: big })
    expect(body.length).toBeGreaterThan(64 * 1024)
    const imported = await server.inject({
      method: 'POST',
      url: '/api/packages/import',
      headers: { cookie, 'content-type': 'application/json' },
      payload: body,
    })
    expect(imported.statusCode, imported.body).toBe(201)
    expect(await db.selectFrom('dashboard').select('role').where('role', 'like', 'wall-%').execute()).toHaveLength(48)
    const huge = JSON.stringify({ package: { ...big, description: 'x'.repeat(1024 * 1024) } })
    expect(
      (
        await server.inject({
          method: 'POST',
          url: '/api/packages/diff',
          headers: { cookie, 'content-type': 'application/json' },
          payload: huge,
        })
      ).statusCode,
    ).toBe(413)
  })
})
