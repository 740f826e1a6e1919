import { describe, expect, test } from 'vitest'
import { listen } from '../helpers/event-stream.js'
import { hostedEnv } from './hosted-env.js'

describe('hosted: screen event streams', () => {
  test("a tenant's wall listens under /t/<id>/, hears its own tenant's syncs, and no other tenant's link opens it", async () => {
    const env = await hostedEnv()
    const { a, b } = env
    const alpha = await listen(env.front.url, `/t/alpha/api/dashboards/engineer/events?token=${a.wall.token}`)
    const beta = await listen(env.front.url, `/t/beta/api/dashboards/engineer/events?token=${b.wall.token}`)
    const phone = await listen(env.front.url, `/t/alpha/api/me/${a.resourceId}/events?token=${a.me.token}`)
    await Promise.all([alpha.next('ready'), beta.next('ready'), phone.next('ready')])

    const at = new Date(Date.now() + 60_000).toISOString()
    await a.runtime.handle.db
      .insertInto('sync_run')
      .values({ psa: 'autotask', kind: 'incremental', started_at: at, finished_at: at, ok: 1, error: null })
      .execute()
    await Promise.all([alpha.next('change'), phone.next('change')])
    expect(beta.events.map((one) => one.event)).not.toContain('change')

    // The other tenant's wall link, personal link and admin session, with either tenant's ids.
    for (const [path, headers] of [
      [`/t/alpha/api/dashboards/engineer/events?token=${b.wall.token}`, {}],
      [`/t/alpha/api/me/${a.resourceId}/events?token=${b.me.token}`, {}],
      [`/t/alpha/api/me/${b.resourceId}/events?token=${b.me.token}`, {}],
      ['/t/alpha/api/dashboards/engineer/events', { cookie: b.cookie }],
      [`/t/beta/api/dashboards/engineer/events?token=${a.wall.token}`, {}],
      ['/t/beta/api/dashboards/engineer/events', { cookie: env.root }],
    ] as const) {
      const refused = await listen(env.front.url, path, headers)
      expect([401, 403], path).toContain(refused.status)
    }
    for (const stream of [beta, phone]) stream.close()

    // A stream still open does not keep the hosted server from shutting down: after a grace period it is cut.
    await env.front.close()
    expect(await alpha.ended()).toBe(true)
  })
})
