import { request as httpRequest } from 'node:http'
import { describe, expect, test } from 'vitest'
import { type HostedEnv, hostedEnv, routesOf, snapshot } from './hosted-env.js'

type Kit = HostedEnv['a']

// Requests that reach the handler (and so its access check) rather than stopping at the body schema.
const BODIES: Record<string, unknown> = {
  'POST /api/dashboards': { role: 'engineer', title: 'hijacked' },
  'PUT /api/dashboards/:role': { title: 'hijacked' },
  'POST /api/dashboards/:role/tiles': { kpi: 'tickets_open' },
  'PATCH /api/dashboards/:role/tiles/:tileId': { size: 'l' },
  'POST /api/roles': { id: 'hijack', name: { en: 'Hijack', nl: 'Kaping' } },
  'PUT /api/company-strip': { goals: [] },
  'POST /api/tokens': { kind: 'wall', role: 'engineer', name: 'hijack' },
  'POST /api/acks': { kpi: 'tickets_unassigned', rowKey: 'x' },
  'POST /api/packages/diff': { package: {} },
  'POST /api/packages/import': { package: {} },
  'POST /api/packages/upgrade': { package: {} },
  'POST /api/session/handoff': { code: 'a-code-that-was-never-issued-0123' },
  'PUT /api/settings': { standardRate: 1 },
  'PATCH /api/roles/:id': { name: { en: 'Hijack', nl: 'Kaping' } },
  'POST /api/nudges/channels': { kind: 'slack', name: 'hijack', url: 'https://hooks.slack.com/services/hijack' },
  'POST /api/nudges/channels/:id/test': {},
  'PUT /api/nudges/rules/:tileId': { channel: 1, audience: 'hijack' },
  'PUT /api/reports/schedules/:role': { weekday: 1, time: '07:30', recipients: ['hijack@example.com'], lang: 'en' },
  'POST /api/reports/send-now/:role': { recipients: ['hijack@example.com'] },
  // Autotask's callouts carry no login: only the tenant's own webhook key signs them (a session is no signature).
  'POST /hooks/autotask/:slug': { Action: 'Update', EntityType: 'Ticket', Id: 1 },
  'POST /hooks/autotask/:slug/deactivated': { Action: 'Deactivated' },
}
// Public by design in every roleboard: the health answer, the login/logout themselves (tried apart),
// and the pages' shell (the same HTML and scripts for everyone; every datum comes through the API).
const PUBLIC = new Set(['GET /api/health', 'POST /api/session', 'DELETE /api/session'])
const isPage = (method: string, path: string) => (method === 'GET' || method === 'HEAD') && !path.startsWith('/api/')

function credentialsOf(env: HostedEnv, kit: Kit): Array<{ name: string; headers: Record<string, string> }> {
  return [
    { name: `${kit.id}'s wall token`, headers: { authorization: `Bearer ${kit.wall.token}` } },
    { name: `${kit.id}'s personal token`, headers: { authorization: `Bearer ${kit.me.token}` } },
    { name: `${kit.id}'s admin session`, headers: { cookie: kit.cookie } },
    { name: `consultant root's session`, headers: { cookie: env.root } },
    { name: `consultant alice's session`, headers: { cookie: env.alice } },
  ]
}

function fill(path: string, ids: Kit): string {
  return path
    .replace('/api/kpis/:id', '/api/kpis/tickets_open')
    .replace('/api/acks/:id', '/api/acks/1')
    .replace('/api/roles/:id', '/api/roles/engineer')
    .replace('/api/reports/weekly/:file', '/api/reports/weekly/engineer.html')
    .replace('/api/reports/qbr/:file', '/api/reports/qbr/1.html')
    .replace(':role', 'engineer')
    .replace(':tileId', String(ids.tileId))
    .replace(':resourceId', String(ids.resourceId))
    .replace(':slug', 'tickets')
    .replace(':goalId', '1')
    .replace(':kpi', 'sla_compliance')
    .replace(':id', String(ids.wall.id))
    .replace('*', 'x')
}

describe('hosted: tenant isolation', () => {
  test("every route of a tenant app refuses the other tenant's wall token, personal token, admin session and the consultants' sessions, with either tenant's ids", async () => {
    const env = await hostedEnv()
    const routes = routesOf(env.a.runtime.app.printRoutes({ commonPrefix: false }))
    expect(routes.length).toBeGreaterThan(15)
    // Both tenants run the same routes, in separate instances.
    expect(routesOf(env.b.runtime.app.printRoutes({ commonPrefix: false }))).toEqual(routes)
    expect(env.a.runtime.app).not.toBe(env.b.runtime.app)

    const tried: string[] = []
    for (const [from, to] of [
      [env.a, env.b],
      [env.b, env.a],
    ] as const) {
      const before = await snapshot(env, to.id)
      for (const { method, path } of routes) {
        const key = `${method} ${path}`
        if (PUBLIC.has(key) || isPage(method, path)) continue
        const body = BODIES[key]
        if (['POST', 'PUT', 'PATCH'].includes(method))
          expect(body, `add a request body for ${key} to this test`).toBeDefined()
        for (const ids of [from, to]) {
          for (const credential of credentialsOf(env, from)) {
            const url = `/t/${to.id}${fill(path, ids)}`
            const answer = await env.call(method, url, {
              headers: credential.headers,
              ...(body !== undefined ? { body } : {}),
            })
            expect(
              [401, 403, 404],
              `${credential.name} on ${method} ${url}: ${answer.status} ${answer.text}`,
            ).toContain(answer.status)
            tried.push(`${credential.name} ${method} ${url}`)
          }
        }
      }
      // Links travel as ?token= too (a TV can only open a link).
      for (const url of [
        `/t/${to.id}/api/dashboards/engineer?token=${from.wall.token}`,
        `/t/${to.id}/api/me/${from.resourceId}?token=${from.me.token}`,
        `/t/${to.id}/api/me/${to.resourceId}?token=${from.me.token}`,
        `/t/${to.id}/api/drill/roles/engineer?token=${from.wall.token}`,
        `/t/${to.id}/api/drill/people/${from.resourceId}/kpis/sla_compliance?token=${from.me.token}`,
      ]) {
        expect((await env.call('GET', url)).status, url).toBe(401)
      }
      // The other tenant's admin password opens nothing here (each tenant has its own admin account).
      expect(
        (
          await env.call('POST', `/t/${to.id}/api/session`, {
            body: { username: 'admin', password: from.adminPassword },
          })
        ).status,
      ).toBe(401)
      // Logging out here with the other's session ends nothing there.
      await env.call('DELETE', `/t/${to.id}/api/session`, { headers: { cookie: from.cookie } })
      expect(await snapshot(env, to.id)).toBe(before)
    }
    expect(tried.length).toBeGreaterThan(300)

    // Every credential still works at home: the refusals above were about the tenant, not a broken credential.
    for (const kit of [env.a, env.b]) {
      expect(
        (
          await env.call('GET', `/t/${kit.id}/api/dashboards/engineer`, {
            headers: { authorization: `Bearer ${kit.wall.token}` },
          })
        ).status,
      ).toBe(200)
      expect(
        (
          await env.call('GET', `/t/${kit.id}/api/me/${kit.resourceId}`, {
            headers: { authorization: `Bearer ${kit.me.token}` },
          })
        ).status,
      ).toBe(200)
      expect((await env.call('GET', `/t/${kit.id}/api/roles`, { headers: { cookie: kit.cookie } })).status).toBe(200)
      const tokens = (await env.call('GET', `/t/${kit.id}/api/tokens`, { headers: { cookie: kit.cookie } })).json()
        .tokens
      expect(tokens.every((t: { revokedAt: string | null }) => t.revokedAt === null)).toBe(true)
      expect(tokens.map((t: { name: string }) => t.name).sort()).toEqual([`Person ${kit.id}`, `Wall ${kit.id}`])
    }
  })

  test('the two tenants hold different data from different desks, each in its own file', async () => {
    const env = await hostedEnv()
    const a = env.a.runtime
    const b = env.b.runtime
    expect(a.handle.path).not.toBe(b.handle.path)
    expect(a.handle.path).toMatch(/tenants[\\/]alpha\.sqlite$/)
    const companies = async (runtime: typeof a) =>
      (await runtime.handle.db.selectFrom('company').select('name').orderBy('id').execute()).map((c) => c.name)
    expect(await companies(a)).not.toEqual(await companies(b))
    // Each tenant's schedule runs at its own pace.
    expect(a.app.config.syncIntervalSeconds).toBe(300)
    expect(b.app.config.syncIntervalSeconds).toBe(60)
  })

  test('session cookies are scoped: a tenant admin cookie to its own prefix, the consultant cookie to the consultant API', async () => {
    const env = await hostedEnv()
    const tenant = await env.call('POST', '/t/alpha/api/session', {
      body: { username: 'admin', password: env.a.adminPassword },
    })
    expect(tenant.headers.getSetCookie()[0]).toMatch(
      /^rb_session=[^;]+; HttpOnly; SameSite=Strict; Path=\/t\/alpha; Max-Age=/,
    )
    const consultant = await env.call('POST', '/api/consultant/session', {
      body: { username: 'root', password: 'root password 1234' },
    })
    expect(consultant.headers.getSetCookie()[0]).toMatch(
      /^rb_consultant=[^;]+; HttpOnly; SameSite=Strict; Path=\/api\/consultant; /,
    )
    // A tenant admin is no consultant.
    expect((await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.a.cookie } })).status).toBe(401)
  })

  test('paths that try to leave their tenant prefix go nowhere', async () => {
    const env = await hostedEnv()
    // Sent as written (fetch would resolve the dots itself): the front door must not.
    const raw = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(env.front.url)
        const request = httpRequest({ hostname, port, path, headers: { cookie: env.a.cookie } }, (response) => {
          response.resume()
          resolve(response.statusCode!)
        })
        request.on('error', reject)
        request.end()
      })
    for (const path of [
      '/t/alpha/../beta/api/roles',
      '/t/alpha/%2e%2e/beta/api/roles',
      '/t/ALPHA/api/roles',
      '/t/alpha%2Fbeta/api/roles',
      '/t//api/roles',
      '/t/zz/api/roles',
      '/api/roles',
    ]) {
      expect(await raw(path), path).toBe(404)
    }
    expect(await raw('/t/alpha/api/roles')).toBe(200)
    expect((await env.call('GET', '/t/alpha', { headers: { cookie: env.a.cookie } })).headers.get('location')).toBe(
      '/t/alpha/',
    )
  })
})

describe('hosted: consultants', () => {
  test('root sees every tenant with its sync health, red KPI count and packages; alice (tenant a only) sees a and nothing of b', async () => {
    const env = await hostedEnv()
    const all = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json().tenants
    expect(all.map((t: { id: string }) => t.id)).toEqual(['alpha', 'beta'])
    for (const tenant of all) {
      expect(tenant.sync).toMatchObject({ at: expect.any(String), ok: true, error: null, running: false })
      expect(tenant.redKpis.total).toBe(
        Object.values(tenant.redKpis.byRole as Record<string, number>).reduce((s, n) => s + n, 0),
      )
      expect(Object.keys(tenant.redKpis.byRole)).toContain('engineer')
      expect(tenant.packages).toEqual([])
    }
    expect(all.find((t: { id: string }) => t.id === 'alpha').redKpis.total).toBeGreaterThan(0)

    const mine = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.alice } })).json().tenants
    expect(mine.map((t: { id: string }) => t.id)).toEqual(['alpha'])
    const before = await snapshot(env, 'beta')
    const refused = [
      ['GET', '/api/consultant/tenants/beta', undefined, 404],
      ['POST', '/api/consultant/tenants/beta/sync', undefined, 404],
      ['PATCH', '/api/consultant/tenants/beta', { syncIntervalSeconds: 5 }, 403],
      ['PATCH', '/api/consultant/tenants/alpha', { syncIntervalSeconds: 5 }, 403],
      ['POST', '/api/consultant/tenants', { id: 'gamma', name: 'C', source: 'simulator' }, 403],
      ['POST', '/api/consultant/packages/apply', { tenants: ['beta'], package: {} }, 404],
      ['POST', '/api/consultant/packages/apply', { tenants: ['alpha', 'beta'], package: {} }, 404],
    ] as const
    for (const [method, url, body, status] of refused) {
      const answer = await env.call(method, url, { headers: { cookie: env.alice }, ...(body ? { body } : {}) })
      expect(answer.status, `${method} ${url}: ${answer.text}`).toBe(status)
    }
    expect(await snapshot(env, 'beta')).toBe(before)
    expect((await env.registry.getTenant('beta'))!.sync_interval_seconds).toBe(60)
    // Without a session, nothing at all.
    for (const url of ['/api/consultant/tenants', '/api/consultant/tenants/alpha', '/api/consultant/session'])
      expect((await env.call('GET', url)).status).toBe(401)
  })

  test('a package applied to tenant a changes a only; applied to both, each gets it in its own database', async () => {
    const env = await hostedEnv()
    const exported = await env.call('GET', '/t/alpha/api/packages/export?roles=engineer&name=msp-core&version=1.0.0', {
      headers: { cookie: env.a.cookie },
    })
    expect(exported.status, exported.text).toBe(200)
    const pkg = exported.json()
    const beforeB = await snapshot(env, 'beta')
    const applied = await env.call('POST', '/api/consultant/packages/apply', {
      headers: { cookie: env.alice },
      body: { tenants: ['alpha'], package: pkg },
    })
    expect(applied.status, applied.text).toBe(200)
    expect(applied.json().results).toMatchObject([{ tenant: 'alpha', ok: true, mode: 'import' }])
    expect(await snapshot(env, 'beta')).toBe(beforeB)
    const listed = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json().tenants
    expect(
      listed.map((t: { id: string; packages: Array<{ id: string; version: string }> }) => [
        t.id,
        t.packages.map((p) => `${p.id}@${p.version}`),
      ]),
    ).toEqual([
      ['alpha', ['msp-core@1.0.0']],
      ['beta', []],
    ])

    const next = { ...pkg, version: '1.1.0' }
    const both = await env.call('POST', '/api/consultant/packages/apply', {
      headers: { cookie: env.root },
      body: { tenants: ['alpha', 'beta'], package: next },
    })
    expect(both.status, both.text).toBe(200)
    expect(both.json().results).toMatchObject([
      { tenant: 'alpha', ok: true, mode: 'upgrade' },
      { tenant: 'beta', ok: true, mode: 'import' },
    ])
    // A package that is not one changes nobody.
    const bad = await env.call('POST', '/api/consultant/packages/apply', {
      headers: { cookie: env.root },
      body: { tenants: ['alpha', 'beta'], package: { format: 'nope' } },
    })
    expect(bad.status).toBe(400)
  })

  test('a consultant creates a tenant, changes its interval, and logins are rate-limited', async () => {
    const env = await hostedEnv()
    const duplicate = await env.call('POST', '/api/consultant/tenants', {
      headers: { cookie: env.root },
      body: { id: 'alpha', name: 'Again', source: 'simulator' },
    })
    expect(duplicate.status).toBe(409)
    const missing = await env.call('POST', '/api/consultant/tenants', {
      headers: { cookie: env.root },
      body: { id: 'gamma', name: 'C', source: 'autotask' },
    })
    expect(missing.status).toBe(400)
    const changed = await env.call('PATCH', '/api/consultant/tenants/beta', {
      headers: { cookie: env.root },
      body: { syncIntervalSeconds: 120 },
    })
    expect(changed.status, changed.text).toBe(200)
    expect(changed.json().syncIntervalSeconds).toBe(120)
    expect((await env.host.open('beta'))!.app.config.syncIntervalSeconds).toBe(120)
    // The reloaded tenant still syncs with its (decrypted) credentials.
    expect(
      (await env.call('POST', '/api/consultant/tenants/beta/sync', { headers: { cookie: env.root } })).json().sync.ok,
    ).toBe(true)

    for (let i = 0; i < 5; i++)
      expect(
        (await env.call('POST', '/api/consultant/session', { body: { username: 'root', password: `guess ${i}` } }))
          .status,
      ).toBe(401)
    expect(
      (
        await env.call('POST', '/api/consultant/session', {
          body: { username: 'root', password: 'root password 1234' },
        })
      ).status,
    ).toBe(429)
  })
})
