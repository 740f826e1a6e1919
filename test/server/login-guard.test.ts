import type { FastifyInstance } from 'fastify'
import { describe, expect, test } from 'vitest'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { ensureAdmin } from '../../server/services/access.js'
import { LoginGuard } from '../../server/services/login-guard.js'
import { ALICE, hostedEnv, ROOT } from '../hosted/hosted-env.js'
import { ADMIN_PASSWORD, appWithData, sessionCookieOf } from '../helpers/app-env.js'
import { openTempDb, SIM_NOW } from '../helpers/sync-env.js'

type Login = { statusCode: number; headers: Record<string, unknown> }
const post = (
  app: FastifyInstance,
  password: string,
  extra: { headers?: Record<string, string>; remoteAddress?: string; username?: string } = {},
) =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username: extra.username ?? 'admin', password },
    headers: extra.headers ?? {},
    remoteAddress: extra.remoteAddress ?? '127.0.0.1',
  })
/** 200s and 401s are answers after a password check; a 429 never reached it. */
const checked = (answers: Array<{ statusCode?: number; status?: number }>) =>
  answers.filter((a) => [200, 401].includes(a.statusCode ?? a.status ?? 0)).length

describe('login throttling: per account and per address, counted before the password check', () => {
  test('60 parallel admin logins (one of them right) get at most 10 password checks; the rest wait with 429 and Retry-After', async () => {
    const { app } = await appWithData()
    const answers: Login[] = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(app, i === 30 ? ADMIN_PASSWORD : `guess ${i}`)),
    )
    expect(checked(answers)).toBeLessThanOrEqual(10)
    const throttled = answers.filter((a) => a.statusCode === 429)
    expect(throttled.length).toBeGreaterThanOrEqual(50)
    for (const answer of throttled) expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0)
  })

  test("a consultant with one tenant cannot guess another consultant's password by logging in between guesses; 100 parallel guesses are held to 10 checks", async () => {
    const env = await hostedEnv()
    const login = (user: { username: string; password: string }) =>
      env.call('POST', '/api/consultant/session', { body: user })
    // Alice (tenant alpha only) slips her own correct login in between guesses at root's password.
    const guesses = []
    for (let i = 0; i < 40; i++) {
      guesses.push(await login({ username: ROOT.username, password: `guess ${i}` }))
      await login(ALICE)
    }
    expect(checked(guesses)).toBeLessThanOrEqual(10)
    expect(guesses.some((answer) => answer.status === 429)).toBe(true)
    expect(guesses.find((answer) => answer.status === 429)!.json().code).toBe('rate_limited')

    const parallel = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login({ username: 'nobody-yet', password: `guess ${i}` })),
    )
    expect(checked(parallel)).toBeLessThanOrEqual(10)
  })

  test('the rightful admin is not locked out: the browser that logged in before still gets in while the account is under attack', async () => {
    const { app } = await appWithData()
    const first = await post(app, ADMIN_PASSWORD)
    expect(first.statusCode).toBe(200)
    const device = sessionCookieOf(first.headers['set-cookie'] as string[], 'rb_device')
    expect(String(first.headers['set-cookie'])).toMatch(
      /rb_device=[^;]+; HttpOnly; SameSite=Strict; Path=\/api\/session; Max-Age=31536000/,
    )

    // Somebody else, somewhere else, spends the account's budget.
    for (let i = 0; i < 30; i++) await post(app, `guess ${i}`, { remoteAddress: '203.0.113.9' })
    expect((await post(app, ADMIN_PASSWORD, { remoteAddress: '198.51.100.7' })).statusCode).toBe(429)
    const known = await post(app, ADMIN_PASSWORD, { headers: { cookie: device }, remoteAddress: '198.51.100.7' })
    expect(known.statusCode).toBe(200)
    // A device cookie of another account, or a made-up one, is no exemption.
    expect(
      (await post(app, ADMIN_PASSWORD, { headers: { cookie: 'rb_device=made-up' }, remoteAddress: '198.51.100.7' }))
        .statusCode,
    ).toBe(429)
  })

  test("behind a trusted proxy the client's own address counts; without ROLEBOARD_TRUST_PROXY a forged X-Forwarded-For is ignored", async () => {
    const proxied = (await appWithData({ config: { trustProxy: ['127.0.0.1'] } })).app
    // One client behind the proxy sprays guesses over many accounts until its address must wait...
    const spray = []
    for (let i = 0; i < 60; i++)
      spray.push(await post(proxied, 'guess', { username: `user${i}`, headers: { 'x-forwarded-for': '203.0.113.9' } }))
    expect(spray.at(-1)!.statusCode).toBe(429)
    // ...while a colleague behind the same proxy logs in at once.
    expect((await post(proxied, ADMIN_PASSWORD, { headers: { 'x-forwarded-for': '198.51.100.7' } })).statusCode).toBe(
      200,
    )

    const direct = (await appWithData()).app
    for (let i = 0; i < 60; i++)
      await post(direct, 'guess', { username: `user${i}`, headers: { 'x-forwarded-for': `203.0.113.${i}` } })
    expect(
      (await post(direct, 'guess', { username: 'someone', headers: { 'x-forwarded-for': '198.51.100.7' } })).statusCode,
    ).toBe(429)
  })

  test('the count survives a restart: the same database keeps the account waiting', async () => {
    const { app, handle } = await appWithData()
    for (let i = 0; i < 12; i++) await post(app, `guess ${i}`)
    await app.close()
    const restarted = await buildApp({
      config: { ...loadConfig({}), now: SIM_NOW },
      handle,
      version: 'test',
      adminPassword: ADMIN_PASSWORD,
    })
    try {
      expect((await post(restarted, ADMIN_PASSWORD)).statusCode).toBe(429)
    } finally {
      await restarted.close()
    }
  })

  test('the bookkeeping stays small: a forged 8,000-character address is cut, and an account keeps its newest 20 browsers', async () => {
    const { app, handle } = await appWithData({ config: { trustProxy: 1 } })
    await post(app, 'guess', { headers: { 'x-forwarded-for': 'A'.repeat(8000) } })
    const keys = await handle.db.selectFrom('login_throttle').select('key').execute()
    expect(Math.max(...keys.map((row) => row.key.length))).toBeLessThanOrEqual(72)
    for (let i = 0; i < 25; i++)
      expect((await post(app, ADMIN_PASSWORD, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).statusCode).toBe(
        200,
      )
    expect(await handle.db.selectFrom('login_device').select('id_hash').execute()).toHaveLength(20)
  })

  test('ROLEBOARD_TRUST_PROXY takes hop counts and address ranges, and refuses "trust everybody"', () => {
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({ ROLEBOARD_TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ ROLEBOARD_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,loopback,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'loopback',
      '::1',
    ])
    expect(() => loadConfig({ ROLEBOARD_TRUST_PROXY: 'true' })).toThrow(
      /ROLEBOARD_TRUST_PROXY takes the number of proxies .* not "true"/,
    )
    expect(() => loadConfig({ ROLEBOARD_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not "10.0.0.0\/33"/)
    expect(() => loadConfig({ ROLEBOARD_TRUST_PROXY: '127.0.0.1,0.0.0.0/0' })).toThrow(/not "0.0.0.0\/0"/)
    expect(() => loadConfig({ ROLEBOARD_TRUST_PROXY: '::/0' })).toThrow(/not "::\/0"/)
  })
})

describe('growing delays, not a hard lockout', () => {
  async function guardWithClock() {
    const handle = await openTempDb()
    let now = Date.parse('2026-03-02T09:00:00Z')
    const guard = new LoginGuard(handle.db, { clock: () => now })
    const tryLogin = async (account: string, right: boolean, address = '192.0.2.1') => {
      try {
        const outcome = await guard.attempt({ account, address, device: null }, async () => (right ? 'session' : null))
        return outcome.ok ? 'ok' : 'wrong'
      } catch (error) {
        return `wait ${(error as { retryAfterSeconds: number }).retryAfterSeconds}`
      }
    }
    return { tryLogin, advance: (seconds: number) => (now += seconds * 1000) }
  }

  test('five tries at once, then 1, 2, 4, 8 and 16 seconds apart, then the rest of the 15-minute window; then a fresh start', async () => {
    const { tryLogin, advance } = await guardWithClock()
    for (let i = 0; i < 5; i++) expect(await tryLogin('admin', false)).toBe('wrong')
    for (const seconds of [1, 2, 4, 8, 16]) {
      expect(await tryLogin('admin', true)).toBe(`wait ${seconds}`)
      advance(seconds)
      expect(await tryLogin('admin', false)).toBe('wrong')
    }
    // Ten checks spent 31 s into the window: the rest of it waits, even for the right password.
    expect(await tryLogin('admin', true)).toBe(`wait ${15 * 60 - 31}`)
    advance(15 * 60 - 31)
    expect(await tryLogin('admin', true)).toBe('ok')
  })

  test('the window slides: a burst at the end of one quarter hour and the start of the next still gets 10 checks in any 15 minutes', async () => {
    const { tryLogin, advance } = await guardWithClock()
    const checkedAt: number[] = []
    let t = 0
    const attempt = async () => {
      if ((await tryLogin('admin', false)) === 'wrong') checkedAt.push(t)
    }
    await attempt()
    advance(868)
    t = 868
    // An attacker who tries every second for 20 minutes.
    for (let i = 0; i < 1200; i++) {
      await attempt()
      advance(1)
      t += 1
    }
    for (const start of checkedAt)
      expect(checkedAt.filter((at) => at >= start && at < start + 900).length).toBeLessThanOrEqual(10)
    expect(checkedAt.length).toBeGreaterThan(10)
  })

  test('setting ROLEBOARD_ADMIN_PASSWORD again ends the wait of an account under attack', async () => {
    const handle = await openTempDb()
    await ensureAdmin(handle.db, 'first password 123', SIM_NOW)
    const guard = new LoginGuard(handle.db)
    for (let i = 0; i < 10; i++)
      await guard
        .attempt({ account: 'admin', address: '203.0.113.9', device: null }, async () => null)
        .catch(() => undefined)
    await expect(
      guard.attempt({ account: 'admin', address: '198.51.100.7', device: null }, async () => 'ok'),
    ).rejects.toThrow(/too many login attempts/)
    await ensureAdmin(handle.db, 'second password 456', SIM_NOW)
    expect(
      await guard.attempt({ account: 'admin', address: '198.51.100.7', device: null }, async () => 'ok'),
    ).toMatchObject({ ok: true })
  })

  test('a success resets only its own account: logging in to one account does not buy guesses at another', async () => {
    const { tryLogin } = await guardWithClock()
    for (let i = 0; i < 5; i++) await tryLogin('root', false)
    expect(await tryLogin('alice', true)).toBe('ok')
    expect(await tryLogin('root', false)).toBe('wait 1')
    expect(await tryLogin('alice', true)).toBe('ok')
  })
})
