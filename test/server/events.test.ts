import type { FastifyInstance } from 'fastify'
import { describe, expect, test } from 'vitest'
import { adminCookie, appWithData, personToken, wallToken } from '../helpers/app-env.js'
import { listen } from '../helpers/event-stream.js'

/** The app on a real port, as screens reach it. */
async function served(options: Parameters<typeof appWithData>[0] = {}) {
  const env = await appWithData(options)
  await env.app.listen({ port: 0, host: '127.0.0.1' })
  const address = env.app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return { ...env, base, cookie: await adminCookie(env.app) }
}

/** A sync that finished now, as the connector (or a webhook-driven refresh) records one. */
async function finishSync(app: FastifyInstance, at: string) {
  await app.db
    .insertInto('sync_run')
    .values({ psa: 'autotask', kind: 'incremental', started_at: at, finished_at: at, ok: 1, error: null })
    .execute()
}

async function firstPerson(app: FastifyInstance): Promise<number> {
  const row = await app.db.selectFrom('resource').select('id').orderBy('id').executeTakeFirstOrThrow()
  return row.id
}

describe('screen event streams', () => {
  test('a stream opens only with the credentials that may read the data it announces', async () => {
    const { app, base, cookie } = await served()
    const engineerWall = await wallToken(app, cookie, 'engineer')
    const managerWall = await wallToken(app, cookie, 'service-manager')
    const person = await firstPerson(app)
    const phone = await personToken(app, cookie, person)
    const other = await app.db.selectFrom('resource').select('id').where('id', '!=', person).executeTakeFirstOrThrow()

    const opened = async (path: string, headers: Record<string, string> = {}) => {
      const stream = await listen(base, path, headers)
      if (stream.status === 200) await stream.next('ready')
      stream.close()
      return stream.status
    }
    expect(await opened(`/api/dashboards/engineer/events?token=${engineerWall.token}`)).toBe(200)
    expect(await opened('/api/dashboards/engineer/events', { cookie })).toBe(200)
    expect(await opened(`/api/me/${person}/events?token=${phone.token}`)).toBe(200)
    expect(await opened(`/api/me/${other.id}/events`, { cookie })).toBe(200)

    // A wall link of another role, a phone link, another person's phone, no credentials at all.
    expect(await opened(`/api/dashboards/engineer/events?token=${managerWall.token}`)).toBe(403)
    expect(await opened(`/api/dashboards/engineer/events?token=${phone.token}`)).toBe(403)
    expect(await opened(`/api/me/${other.id}/events?token=${phone.token}`)).toBe(403)
    expect(await opened(`/api/me/${person}/events?token=${engineerWall.token}`)).toBe(403)
    expect(await opened('/api/dashboards/engineer/events')).toBe(401)
    expect(await opened(`/api/me/${person}/events?token=not-a-link`)).toBe(401)
    // Validated like every other route.
    expect(await opened('/api/dashboards/no-such-role/events', { cookie })).toBe(404)
    expect(await opened('/api/dashboards/engineer/events?lang=nl', { cookie })).toBe(400)
    expect(await opened('/api/me/0/events', { cookie })).toBe(400)
  })

  test('a finished sync reaches listening walls and phones within a second, with nothing in it but a stamp', async () => {
    const { app, base, cookie, logs } = await served()
    const wall = await wallToken(app, cookie, 'engineer')
    const person = await firstPerson(app)
    const phone = await personToken(app, cookie, person)
    const walls = await listen(base, `/api/dashboards/engineer/events?token=${wall.token}`)
    const phones = await listen(base, `/api/me/${person}/events?token=${phone.token}`)
    expect(walls.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(walls.headers.get('x-accel-buffering')).toBe('no')
    const wallReady = JSON.parse((await walls.next('ready')).data)
    const phoneReady = JSON.parse((await phones.next('ready')).data)

    // The wall's cached answer, then a sync lands: a poll still gets the last answer, a pushed fetch the new one.
    const before = (await app.inject({ url: `/api/dashboards/engineer?token=${wall.token}` })).json()
    // Later than the fixture's own sync, which ran on the real clock.
    const landed = new Date(Date.now() + 60_000).toISOString()
    await finishSync(app, landed)
    const [wallChange, phoneChange] = await Promise.all([walls.next('change'), phones.next('change')])
    for (const [event, ready] of [
      [wallChange, wallReady],
      [phoneChange, phoneReady],
    ] as const) {
      const body = JSON.parse(event.data)
      expect(Object.keys(body)).toEqual(['stamp'])
      expect(body.stamp).toMatch(/^[\w-]{16}$/)
      expect(body.stamp).not.toBe(ready.stamp)
    }
    const polled = (await app.inject({ url: `/api/dashboards/engineer?token=${wall.token}` })).json()
    expect(polled.dataAsOf).toBe(before.dataAsOf)
    const pushed = (await app.inject({ url: `/api/dashboards/engineer?token=${wall.token}&fresh=true` })).json()
    expect(pushed.dataAsOf).toBe(landed)
    const page = (await app.inject({ url: `/api/me/${person}?token=${phone.token}` })).json()
    expect(page.dataAsOf).toBe(landed)

    // A tap on the phone is news for the wall too; an edited dashboard only for that role's walls.
    const managerWalls = await listen(base, '/api/dashboards/service-manager/events', { cookie })
    await managerWalls.next('ready')
    const seen = walls.events.length
    await app.inject({
      method: 'PUT',
      url: '/api/dashboards/service-manager',
      headers: { cookie },
      payload: { title: 'Service desk today' },
    })
    await managerWalls.next('change')
    expect(walls.events.slice(seen).filter((one) => one.event === 'change')).toEqual([])

    // Nothing in any event names a ticket, a person or a link; the route logs no line per stream.
    const sent = JSON.stringify([...walls.events, ...phones.events, ...managerWalls.events])
    expect(sent).not.toContain(wall.token)
    expect(sent).not.toContain(phone.token)
    expect(sent).not.toMatch(/T\d{4,}|ticket|name/i)
    walls.close()
    phones.close()
    managerWalls.close()
    await expect.poll(() => app.changes.listeners).toBe(0)
    expect(logs.join('')).not.toContain('/events')
  })

  test('walls told of a change all wait for the one fresh evaluation: none gets the old answer, none costs another', async () => {
    const { app, cookie } = await served()
    const wall = await wallToken(app, cookie, 'engineer')
    const url = `/api/dashboards/engineer?token=${wall.token}`
    await app.inject({ url })
    let evaluations = 0
    const evaluate = app.evaluator.dashboardJson
    app.evaluator.dashboardJson = (request) => {
      evaluations++
      return evaluate(request)
    }
    const landed = new Date(Date.now() + 60_000).toISOString()
    await finishSync(app, landed)
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.inject({ url: `${url}&fresh=true` })))
    expect(answers.map((answer) => answer.json().dataAsOf)).toEqual(Array(20).fill(landed))
    expect(evaluations).toBe(1)
  })

  test('a poke reads at once: a sync recorded elsewhere is announced without waiting for the next read', async () => {
    const { app, base, cookie } = await served({ changeFeed: { intervalMs: 60_000 } })
    const walls = await listen(base, '/api/dashboards/engineer/events', { cookie })
    await walls.next('ready')
    await finishSync(app, new Date().toISOString())
    app.changes.poke()
    await walls.next('change')
  })

  test('a revoked link hears so and its stream ends; others keep theirs, with a heartbeat', async () => {
    const { app, base, cookie } = await served({ changeFeed: { heartbeatMs: 200 } })
    const doomed = await wallToken(app, cookie, 'engineer')
    const kept = await wallToken(app, cookie, 'engineer')
    const gone = await listen(base, `/api/dashboards/engineer/events?token=${doomed.token}`)
    const stays = await listen(base, `/api/dashboards/engineer/events?token=${kept.token}`)
    await Promise.all([gone.next('ready'), stays.next('ready')])
    await stays.next('ping')

    const revoked = await app.inject({ method: 'DELETE', url: `/api/tokens/${doomed.id}`, headers: { cookie } })
    expect(revoked.statusCode).toBe(200)
    await gone.next('revoked')
    expect(await gone.ended()).toBe(true)
    const again = await listen(base, `/api/dashboards/engineer/events?token=${doomed.token}`)
    expect(again.status).toBe(401)
    expect(JSON.parse(await again.text()).code).toBe('revoked')

    const seen = stays.events.length
    await stays.next('ping', seen)
    expect(stays.events.some((one) => one.event === 'revoked')).toBe(false)
  })

  test('beyond the cap a screen is told to poll (503); a place frees when one leaves', async () => {
    const { base, cookie } = await served({ changeFeed: { maxListeners: 2 } })
    const path = '/api/dashboards/engineer/events'
    const first = await listen(base, path, { cookie })
    const second = await listen(base, path, { cookie })
    await Promise.all([first.next('ready'), second.next('ready')])
    const third = await listen(base, path, { cookie })
    expect(third.status).toBe(503)
    expect(JSON.parse(await third.text()).code).toBe('busy')
    first.close()
    await expect
      .poll(async () => {
        const fourth = await listen(base, path, { cookie })
        fourth.close()
        return fourth.status
      })
      .toBe(200)
  })

  test('closing the app ends every open stream instead of waiting for them', async () => {
    const { app, base, cookie } = await served()
    const streams = await Promise.all([
      listen(base, '/api/dashboards/engineer/events', { cookie }),
      listen(base, '/api/dashboards/service-manager/events', { cookie }),
    ])
    await Promise.all(streams.map((stream) => stream.next('ready')))
    await app.close()
    for (const stream of streams) expect(await stream.ended()).toBe(true)
    expect(app.changes.listeners).toBe(0)
  })
})
