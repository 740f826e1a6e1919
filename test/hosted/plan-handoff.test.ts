import { writeFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { issueHandoff } from '../../server/hosted/handoff.js'
import { SIM_NOW } from '../helpers/sync-env.js'
import { hostedEnv, snapshot } from './hosted-env.js'

// One hosted install for the whole file (CI time): the dry run of "Apply package", then the
// consultant's delegated way into a tenant's builder.
describe('hosted: package plans and delegated builder sessions', () => {
  test("plans write nothing, apply writes what was shown; a consultant opens only their own tenants' builders, once per code", async () => {
    const env = await hostedEnv()
    const root = { cookie: env.root }
    const pkg = (
      await env.call('GET', '/t/alpha/api/packages/export?roles=engineer&name=msp-core&version=1.0.0', {
        headers: { cookie: env.a.cookie },
      })
    ).json()
    const both = async () => [await snapshot(env, 'alpha'), await snapshot(env, 'beta')]

    // --- The dry run: each tenant's plan, nothing written.
    const before = await both()
    const planned = await env.call('POST', '/api/consultant/packages/plan', {
      headers: root,
      body: { tenants: ['alpha', 'beta'], package: pkg },
    })
    expect(planned.status, planned.text).toBe(200)
    const plans = planned.json()
    expect(plans.package).toEqual({ name: 'msp-core', version: '1.0.0' })
    expect(plans.results).toMatchObject([
      {
        tenant: 'alpha',
        ok: true,
        mode: 'import',
        plan: { mode: 'import', name: 'msp-core', conflicts: 0 },
        planId: expect.stringMatching(/^[0-9a-f]{24}$/),
      },
      { tenant: 'beta', ok: true, mode: 'import', plan: { mode: 'import' } },
    ])
    expect(plans.results[1].plan.sections[0]).toMatchObject({
      scope: 'role',
      role: 'engineer',
      changes: [{ kind: 'replace' }],
    })
    expect(await both()).toEqual(before)

    // A bad package: one line per tenant, every tenant as it was; apply refuses it as a whole.
    for (const bad of [{ format: 'nope' }, { ...pkg, kpis: { ...pkg.kpis, no_such_kpi: '^1.0.0' } }]) {
      const answer = await env.call('POST', '/api/consultant/packages/plan', {
        headers: root,
        body: { tenants: ['alpha', 'beta'], package: bad },
      })
      expect(answer.status, answer.text).toBe(200)
      const results = answer.json().results as Array<{ tenant: string; ok: boolean; error: { message: string } }>
      expect(results.map((r) => [r.tenant, r.ok])).toEqual([
        ['alpha', false],
        ['beta', false],
      ])
      for (const result of results) expect(result.error.message).toMatch(/^[^\n]{10,300}$/)
      expect(results[0]!.error.message).toBe(results[1]!.error.message)
      expect(
        (
          await env.call('POST', '/api/consultant/packages/apply', {
            headers: root,
            body: { tenants: ['alpha', 'beta'], package: bad },
          })
        ).status,
      ).toBe(400)
      expect(await both()).toEqual(before)
    }

    // A tenant whose file does not open is one line; the others are planned.
    await env.registry.addTenant(
      {
        id: 'gamma',
        name: 'Gamma',
        source: 'simulator',
        simulator: { seed: 1, size: 'tiny' },
        syncIntervalSeconds: 300,
      },
      SIM_NOW,
    )
    writeFileSync(env.registry.tenantDbPath((await env.registry.getTenant('gamma'))!), 'not a database at all')
    const broken = (
      await env.call('POST', '/api/consultant/packages/plan', {
        headers: root,
        body: { tenants: ['alpha', 'gamma'], package: pkg },
      })
    ).json().results
    expect(broken).toMatchObject([
      { tenant: 'alpha', ok: true },
      {
        tenant: 'gamma',
        ok: false,
        error: { message: 'tenant "gamma" is not available right now', code: 'unavailable' },
      },
    ])

    // Apply with the plans seen: alpha's dashboards changed since (an edit in its builder), so alpha is not written; beta is.
    const edited = await env.call('POST', '/t/alpha/api/dashboards/engineer/tiles', {
      headers: { cookie: env.a.cookie },
      body: { kpi: 'tickets_open' },
    })
    expect(edited.status, edited.text).toBe(201)
    const alphaEdited = await snapshot(env, 'alpha')
    const stamps = Object.fromEntries(
      plans.results.map((r: { tenant: string; planId: string }) => [r.tenant, r.planId]),
    )
    const applied = await env.call('POST', '/api/consultant/packages/apply', {
      headers: root,
      body: { tenants: ['alpha', 'beta'], package: pkg, plans: stamps },
    })
    expect(applied.status, applied.text).toBe(200)
    expect(applied.json().results).toMatchObject([
      { tenant: 'alpha', ok: false, error: { code: 'plan_changed' } },
      { tenant: 'beta', ok: true, mode: 'import', plan: plans.results[1].plan },
    ])
    expect(await snapshot(env, 'alpha')).toBe(alphaEdited)
    const installed = async (id: string) =>
      (
        await env.call('GET', `/t/${id}/api/packages`, {
          headers: { cookie: id === 'alpha' ? env.a.cookie : env.b.cookie },
        })
      )
        .json()
        .packages.map((p: { name: string }) => p.name)
    expect(await installed('alpha')).toEqual([])
    expect(await installed('beta')).toEqual(['msp-core'])

    // An upgrade with a conflict and no rule: the plan shows it and is not applicable; with a rule it is.
    const next = structuredClone(pkg)
    next.version = '1.1.0'
    next.roles[0].tiles[0].target = 7
    const betaTile = (
      await env.call('GET', '/t/beta/api/dashboards/engineer/definition', { headers: { cookie: env.b.cookie } })
    ).json().tiles[0]
    expect(
      (
        await env.call('PATCH', `/t/beta/api/dashboards/engineer/tiles/${betaTile.id}`, {
          headers: { cookie: env.b.cookie },
          body: { target: 3, warn: null },
        })
      ).status,
    ).toBe(200)
    const conflicted = (
      await env.call('POST', '/api/consultant/packages/plan', {
        headers: root,
        body: { tenants: ['beta'], package: next },
      })
    ).json().results[0]
    expect(conflicted).toMatchObject({
      tenant: 'beta',
      ok: false,
      mode: 'upgrade',
      plan: { conflicts: 1, onConflict: null },
      error: { code: 'conflict' },
    })
    const settled = (
      await env.call('POST', '/api/consultant/packages/plan', {
        headers: root,
        body: { tenants: ['beta'], package: next, onConflict: 'keep-mine' },
      })
    ).json().results[0]
    expect(settled).toMatchObject({ ok: true, plan: { conflicts: 1, onConflict: 'keep-mine' } })

    // --- Delegated builder sessions.
    const codeFrom = (url: string) => /#handoff=([A-Za-z0-9_-]+)$/.exec(url)![1]!
    const issue = async (cookie: string, id: string, body: object = {}) =>
      env.call('POST', `/api/consultant/tenants/${id}/builder-session`, { headers: { cookie }, body })
    const redeem = (id: string, code: string) => env.call('POST', `/t/${id}/api/session/handoff`, { body: { code } })

    // Alice (alpha only) cannot get one for beta: it does not exist for her.
    expect((await issue(env.alice, 'beta')).status).toBe(404)
    expect(
      (await env.call('GET', '/api/consultant/tenants/beta/builder-sessions', { headers: { cookie: env.alice } }))
        .status,
    ).toBe(404)
    expect((await env.call('POST', '/api/consultant/tenants/alpha/builder-session', { body: {} })).status).toBe(401)

    const issued = await issue(env.alice, 'alpha', { lang: 'nl' })
    expect(issued.status, issued.text).toBe(200)
    expect(issued.json().url).toMatch(/^\/t\/alpha\/admin\?lang=nl#handoff=[A-Za-z0-9_-]{32}$/)
    expect(Date.parse(issued.json().expiresAt) - Date.parse(SIM_NOW)).toBe(60_000)
    const code = codeFrom(issued.json().url)
    // Only the hash is stored.
    expect(JSON.stringify(await env.registry.db.selectFrom('builder_handoff').selectAll().execute())).not.toContain(
      code,
    )

    // At another tenant it is refused and spent.
    const elsewhere = await redeem('beta', code)
    expect([elsewhere.status, elsewhere.json().code]).toEqual([401, 'handoff_invalid'])
    expect((await redeem('alpha', code)).status).toBe(401)

    // A fresh one opens alpha's builder, once, with a cookie scoped to alpha.
    const fresh = codeFrom((await issue(env.alice, 'alpha')).json().url)
    const opened = await redeem('alpha', fresh)
    expect(opened.status, opened.text).toBe(200)
    expect(opened.json()).toEqual({ user: 'admin', consultant: 'alice' })
    const cookie = opened.headers.getSetCookie()[0]!
    expect(cookie).toMatch(/^rb_session=[^;]+; HttpOnly; SameSite=Strict; Path=\/t\/alpha; Max-Age=7200$/)
    const session = cookie.split(';')[0]!
    expect((await env.call('GET', '/t/alpha/api/session', { headers: { cookie: session } })).json()).toEqual({
      user: 'admin',
    })
    expect((await env.call('GET', '/t/alpha/api/roles', { headers: { cookie: session } })).status).toBe(200)
    expect((await env.call('GET', '/t/beta/api/roles', { headers: { cookie: session } })).status).toBe(401)
    expect((await redeem('alpha', fresh)).status).toBe(401)

    // A code older than 60 seconds is refused.
    const alice = (await env.registry.sessionConsultant(env.alice.split('=')[1]!, new Date(SIM_NOW)))!
    const stale = await issueHandoff(env.registry, alice, 'alpha', new Date(Date.parse(SIM_NOW) - 61_000))
    expect((await redeem('alpha', stale.code)).status).toBe(401)
    const justInTime = await issueHandoff(env.registry, alice, 'alpha', new Date(Date.parse(SIM_NOW) - 59_000))
    expect((await redeem('alpha', justInTime.code)).status).toBe(200)
    // Malformed codes stop at the schema.
    for (const bad of ['short', 'x'.repeat(101), 'has spaces in it but long enough'])
      expect((await redeem('alpha', bad)).status).toBe(400)

    // The log: who opened alpha's builder when, from where; codes never in a log line.
    const visits = (await env.call('GET', '/api/consultant/tenants/alpha/builder-sessions', { headers: root })).json()
      .visits
    expect(visits.length).toBe(4)
    expect(visits.every((v: { consultant: string }) => v.consultant === 'alice')).toBe(true)
    expect(visits.filter((v: { usedAt: string | null }) => v.usedAt).length).toBe(4)
    const logs = env.logs.join('')
    expect(logs).toContain('builder opened by a consultant')
    for (const secret of [code, fresh, stale.code, justInTime.code, session.split('=')[1]!])
      expect(logs).not.toContain(secret)
  })
})
