import { statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config.js'
import { screenAddress } from '../../server/services/addresses.js'
import { keepDemoWallLinks } from '../../server/services/demo-links.js'
import { adminCookie, appWithData, personToken, wallToken } from '../helpers/app-env.js'
import { tempDir } from '../helpers/sync-env.js'

// Personal links by name, links with their language, the TV's address, custom roles, and a wall that
// shows an edit at its next poll: the routes behind the builder's screen-link and role panels.

describe('screen links, people and roles', () => {
  test('the admin lists people and makes links with a language; screens and strangers are refused', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const people = (await app.inject({ url: '/api/resources', headers: { cookie } })).json().resources as Array<
      Record<string, unknown>
    >
    expect(people.length).toBeGreaterThan(2)
    // Names and ids only, active people first.
    for (const person of people) expect(Object.keys(person).sort()).toEqual(['active', 'id', 'name'])
    const firstInactive = people.findIndex((person) => !person.active)
    if (firstInactive >= 0) expect(people.slice(firstInactive).every((person) => !person.active)).toBe(true)

    const person = people.find((p) => p.active)!
    const created = await app.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie },
      payload: { kind: 'person', resourceId: person.id, name: 'Phone', lang: 'nl' },
    })
    expect(created.statusCode).toBe(201)
    const link = created.json()
    expect(link.path).toBe(`/me/${person.id}?token=${link.token}&lang=nl`)
    const listed = (await app.inject({ url: '/api/tokens', headers: { cookie } }))
      .json()
      .tokens.find((t: { id: number }) => t.id === link.id)
    expect(listed).toMatchObject({
      kind: 'person',
      resourceId: person.id,
      person: person.name,
      lang: 'nl',
      revokedAt: null,
    })
    expect(JSON.stringify(listed)).not.toContain(link.token)
    // The page opened without &lang= asks its link, and the phone's data speak it.
    expect((await app.inject({ url: `/api/link?token=${link.token}` })).json()).toEqual({ kind: 'person', lang: 'nl' })

    const wall = await wallToken(app, cookie, 'engineer')
    const person2 = await personToken(app, cookie, Number(person.id))
    for (const token of [wall.token, person2.token]) {
      for (const [method, url, payload] of [
        ['GET', '/api/resources', undefined],
        ['GET', '/api/screen-address', undefined],
        ['GET', '/api/tokens', undefined],
        ['POST', '/api/tokens', { kind: 'wall', role: 'owner', name: 'mine now' }],
        ['POST', '/api/roles', { id: 'sneaky', name: { en: 'S', nl: 'S' } }],
        ['PATCH', '/api/roles/owner', { name: { en: 'Boss', nl: 'Baas' } }],
        ['DELETE', '/api/roles/owner', undefined],
      ] as const) {
        const answer = await app.inject({ method, url: `${url}?token=${token}`, ...(payload ? { payload } : {}) })
        expect(answer.statusCode, `${method} ${url}`).toBe(403)
      }
    }
    expect((await app.inject({ url: '/api/resources' })).statusCode).toBe(401)
    expect((await app.inject({ url: '/api/link', headers: { cookie } })).statusCode).toBe(403)
    expect((await app.inject({ url: '/api/link?token=nonsense' })).statusCode).toBe(401)

    // Hostile or mistaken input is refused by the schema or the rules, never half-applied.
    for (const payload of [
      { kind: 'person', resourceId: person.id, name: 'x', lang: 'de' },
      { kind: 'person', resourceId: person.id, name: 'x', role: 'owner' },
      { kind: 'wall', role: 'owner', name: 'x', resourceId: person.id },
      { kind: 'wall', role: 'owner', name: 'x'.repeat(81) },
      { kind: 'person', resourceId: -1, name: 'x' },
      { kind: 'person', resourceId: 999_999, name: 'x' },
      { kind: 'wall', role: 'owner', name: 'x', token: 'chosen-by-me' },
    ]) {
      expect(
        (await app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie }, payload })).statusCode,
        JSON.stringify(payload),
      ).toBe(400)
    }
    expect((await app.inject({ url: '/api/link?token=' + 'x'.repeat(201) })).statusCode).toBe(400)
  })

  test("a wall speaks its link's language, and its next poll shows a dashboard edit", async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const created = (
      await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { kind: 'wall', role: 'owner', name: 'TV', lang: 'nl' },
      })
    ).json()
    expect(created.path).toBe(`/wall/owner?token=${created.token}&lang=nl`)
    const poll = async (extra = '') =>
      (await app.inject({ url: `/api/dashboards/owner?token=${created.token}${extra}` })).json()
    const first = await poll()
    expect(first.lang).toBe('nl')
    expect(first.title).toBe('Eigenaar: is het bedrijf gezond?')
    expect((await poll('&lang=en')).lang).toBe('en')

    const definition = (await app.inject({ url: '/api/dashboards/owner/definition', headers: { cookie } })).json()
    const kept = definition.tiles.slice(0, 2).map((tile: { kpi: string }) => ({ kpi: tile.kpi }))
    const edit = await app.inject({
      method: 'PUT',
      url: '/api/dashboards/owner',
      headers: { cookie },
      payload: { title: 'Directie', tiles: kept },
    })
    expect(edit.statusCode).toBe(200)
    // Not the answer from before the edit, even though a wall may otherwise take the last one while a new one is computed.
    const next = await poll()
    expect(next.title).toBe('Directie')
    expect(next.tiles.map((tile: { result: { id: string } }) => tile.result.id)).toEqual(
      kept.map((tile: { kpi: string }) => tile.kpi),
    )
  })

  test('custom roles: added with one dashboard, renamed, deleted with their wall links; built-in roles stay', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const inject = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) })
    expect(
      (
        await inject('POST', '/api/roles', {
          id: 'field-service',
          name: { en: 'Field service', nl: 'Buitendienst' },
          title: 'Buitendienst vandaag',
        })
      ).statusCode,
    ).toBe(201)
    expect(
      (await inject('POST', '/api/roles', { id: 'field-service', name: { en: 'Again', nl: 'Weer' } })).statusCode,
    ).toBe(409)
    expect((await inject('POST', '/api/dashboards', { role: 'field-service', title: 'A second one' })).statusCode).toBe(
      409,
    )
    const wall = (await inject('POST', '/api/tokens', { kind: 'wall', role: 'field-service', name: 'Van' })).json()
    expect((await app.inject({ url: `/api/dashboards/field-service?token=${wall.token}` })).json().title).toBe(
      'Buitendienst vandaag',
    )

    const renamed = await inject('PATCH', '/api/roles/field-service', {
      name: { en: ' Field engineers ', nl: 'Buitendienst' },
    })
    expect(renamed.json()).toEqual({ role: 'field-service', name: { en: 'Field engineers', nl: 'Buitendienst' } })
    const roles = (await app.inject({ url: '/api/roles', headers: { cookie } })).json().roles
    expect(roles.find((r: { id: string }) => r.id === 'field-service')).toMatchObject({
      name: { en: 'Field engineers', nl: 'Buitendienst' },
      builtin: false,
    })
    for (const payload of [
      { name: { en: '   ', nl: 'x' } },
      { name: { en: 'x' } },
      { name: { en: 'x', nl: 'y', de: 'z' } },
      {},
    ]) {
      expect((await inject('PATCH', '/api/roles/field-service', payload)).statusCode, JSON.stringify(payload)).toBe(400)
    }
    expect((await inject('PATCH', '/api/roles/Nope!', { name: { en: 'x', nl: 'y' } })).statusCode).toBe(400)
    expect((await inject('PATCH', '/api/roles/nobody', { name: { en: 'x', nl: 'y' } })).statusCode).toBe(404)

    expect((await inject('DELETE', '/api/roles/owner')).statusCode).toBe(409)
    const deleted = await inject('DELETE', '/api/roles/field-service')
    expect(deleted.json()).toEqual({ role: 'field-service', deleted: true, revokedLinks: 1 })
    const after = await app.inject({ url: `/api/dashboards/field-service?token=${wall.token}` })
    expect([after.statusCode, after.json().code]).toEqual([401, 'revoked'])
    expect((await inject('DELETE', '/api/roles/field-service')).statusCode).toBe(404)
    // Made again under the same id, it starts empty: no answer of the deleted one is served for it.
    expect((await inject('POST', '/api/roles', { id: 'field-service', name: { en: 'F', nl: 'F' } })).statusCode).toBe(
      201,
    )
    expect((await app.inject({ url: '/api/dashboards/field-service', headers: { cookie } })).json()).toMatchObject({
      title: 'F',
      tiles: [],
    })
  })

  test('the demo keeps its wall links across restarts and replaces only a revoked one', async () => {
    const { handle } = await appWithData()
    const file = join(tempDir(), 'demo-links.json')
    const first = await keepDemoWallLinks(handle.db, file, '2026-03-02T09:00:00Z')
    const again = await keepDemoWallLinks(handle.db, file, '2026-03-02T10:00:00Z')
    expect(again).toEqual(first)
    expect(first.map((link) => link.role)).toContain('engineer')
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const engineer = await handle.db
      .selectFrom('access_token')
      .select('id')
      .where('name', '=', 'Demo: engineer')
      .executeTakeFirstOrThrow()
    await handle.db
      .updateTable('access_token')
      .set({ revoked_at: '2026-03-02T10:30:00Z' })
      .where('id', '=', engineer.id)
      .execute()
    const third = await keepDemoWallLinks(handle.db, file, '2026-03-02T11:00:00Z')
    for (const [index, link] of third.entries()) {
      if (link.role === 'engineer') expect(link.path).not.toBe(first[index]!.path)
      else expect(link.path).toBe(first[index]!.path)
    }
    const live = await handle.db
      .selectFrom('access_token')
      .select('id')
      .where('name', 'like', 'Demo: %')
      .where('revoked_at', 'is', null)
      .execute()
    expect(live.length).toBe(first.length)
  })

  test('the address a TV reaches: loopback says so, 0.0.0.0 names the LAN, ROLEBOARD_PUBLIC_URL wins', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
    } as unknown as ReturnType<typeof import('node:os').networkInterfaces>
    expect(screenAddress({ host: '127.0.0.1', publicUrl: null }, 8080, interfaces)).toEqual({
      bound: '127.0.0.1',
      localOnly: true,
      publicUrl: null,
      lan: [],
    })
    expect(screenAddress({ host: '0.0.0.0', publicUrl: null }, 8080, interfaces)).toEqual({
      bound: '0.0.0.0',
      localOnly: false,
      publicUrl: null,
      lan: ['http://192.168.1.20:8080'],
    })
    expect(screenAddress({ host: '127.0.0.1', publicUrl: 'https://dash.example.nl' }, 8080, interfaces).localOnly).toBe(
      false,
    )
    expect(loadConfig({ ROLEBOARD_PUBLIC_URL: 'https://dash.example.nl/roleboard/' }).publicUrl).toBe(
      'https://dash.example.nl/roleboard',
    )
    expect(loadConfig({}).publicUrl).toBeNull()
    for (const bad of [
      'dash.example.nl',
      'ftp://x.nl',
      'https://x.nl/?a=1',
      'https://user:pw@x.nl',
      'javascript:alert(1)',
    ]) {
      expect(() => loadConfig({ ROLEBOARD_PUBLIC_URL: bad }), bad).toThrow(ConfigError)
    }
  })
})
