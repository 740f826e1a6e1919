import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, onTestFinished, test } from 'vitest'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import type { ConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'

/** ConnectWise callbacks on the simulator: registration, signed delivery of each save, retries, deletions. */

interface Received {
  url: string
  signature: string
  body: string
  payload: any
}

/** A local receiver answering each POST with the next status of `statuses` (then 200); what it got, in order. */
async function receiver(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({
        url: request.url!,
        signature: String(request.headers['x-content-signature']),
        body,
        payload: JSON.parse(body),
      })
      response.writeHead(statuses.shift() ?? 200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cw?recordId=`, received }
}

async function deskFor(): Promise<ConnectWiseDesk & { world: ReturnType<typeof createSimWorld> }> {
  const world = createSimWorld({ size: 'tiny', seed: 7, now: '2026-03-02T10:00:00Z' })
  const desk = await startConnectWiseDesk({ world, callbacks: { retryDelaysMs: [20, 40], timeoutMs: 2_000 } })
  onTestFinished(() => desk.close())
  return Object.assign(desk, { world })
}

function client(desk: ConnectWiseDesk) {
  const { company, publicKey, privateKey, clientId } = desk.credentials
  const headers = { Authorization: `Basic ${btoa(`${company}+${publicKey}:${privateKey}`)}`, clientId }
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${desk.url}v4_6_release/apis/3.0/${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? null : JSON.parse(text) }
  }
}

const registration = (url: string, extra: Record<string, unknown> = {}) => ({
  id: 0,
  url,
  objectId: 1,
  type: 'ticket',
  level: 'owner',
  description: 'roleboard ticket feed',
  inactiveFlag: false,
  isSelfSuppressedFlag: false,
  payloadVersion: '3.0.0',
  ...extra,
})

describe('registration', () => {
  test('create, read, patch and delete a callback; bad levels and duplicates are refused', async () => {
    const desk = await deskFor()
    const call = client(desk)
    const created = await call('POST', 'system/callbacks', registration('https://hooks.example/cw?recordId='))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: 1,
      type: 'ticket',
      level: 'owner',
      objectId: 1,
      memberId: 999001,
      payloadVersion: '3.0.0',
      connectWiseID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })

    const duplicate = await call('POST', 'system/callbacks', registration('https://hooks.example/cw?recordId='))
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.errors.map((error: any) => error.code)).toEqual(['ObjectExists'])
    const badLevel = await call('POST', 'system/callbacks', registration('not a url', { level: 'planet' }))
    expect(badLevel.status).toBe(400)
    expect(badLevel.body.errors).toEqual([
      { code: 'InvalidField', message: 'Invalid URL', resource: 'callback', field: 'url' },
      {
        code: 'InvalidObject',
        message: 'Unrecognized level for type, see documentation for supported levels for each type',
        resource: 'callback',
        field: 'level',
      },
    ])

    const patched = await call('PATCH', 'system/callbacks/1', [{ op: 'replace', path: 'description', value: 'ander' }])
    expect(patched.body.description).toBe('ander')
    expect((await call('GET', 'system/callbacks')).body.map((entry: any) => entry.id)).toEqual([1])
    expect((await call('DELETE', 'system/callbacks/1')).status).toBe(204)
    expect((await call('GET', 'system/callbacks/1')).status).toBe(404)
  })
})

describe('delivery', () => {
  test('a ticket save is posted to the URL plus its id, signed with the key from key_url', async () => {
    const desk = await deskFor()
    const hook = await receiver()
    await client(desk)('POST', 'system/callbacks', registration(hook.url))
    const ticket = desk.world.records('Tickets')[3]!
    const [rick] = desk.world.records('Resources')
    desk.world.edit('Tickets', ticket.id, { title: 'Scanner hapert' }, rick!.id)
    await desk.sim.callbacksIdle()

    expect(hook.received).toHaveLength(1)
    const [post] = hook.received
    expect(post!.url).toBe(`/cw?recordId=${ticket.id}`)
    expect(post!.payload).toMatchObject({ Action: 'updated', Type: 'ticket', ID: ticket.id, CompanyId: 'roleboard' })
    expect(post!.payload.MemberId).toBe(rick!.userName)
    expect(JSON.parse(post!.payload.Entity)).toMatchObject({ id: ticket.id, summary: 'Scanner hapert' })

    const key = await (await fetch(post!.payload.Metadata.key_url)).json()
    const expected = createHmac('sha256', createHash('sha256').update(key.signing_key, 'utf8').digest())
      .update(post!.body)
      .digest('base64')
    expect(timingSafeEqual(Buffer.from(expected), Buffer.from(post!.signature))).toBe(true)
  })

  test('a 429 answer is retried, a 500 is not', async () => {
    const desk = await deskFor()
    const retried = await receiver([429, 200])
    const dropped = await receiver([500])
    const call = client(desk)
    await call('POST', 'system/callbacks', registration(retried.url))
    await call('POST', 'system/callbacks', registration(dropped.url))
    const [rick] = desk.world.records('Resources')
    desk.world.edit('Tickets', desk.world.records('Tickets')[0]!.id, { title: 'Opnieuw' }, rick!.id)
    await desk.sim.callbacksIdle()
    expect(retried.received).toHaveLength(2)
    expect(dropped.received).toHaveLength(1)
    expect(desk.sim.callbackAttempts().map((attempt) => [attempt.callbackId, attempt.attempt, attempt.status])).toEqual(
      expect.arrayContaining([
        [1, 1, 429],
        [1, 2, 200],
        [2, 1, 500],
      ]),
    )
  })

  test('a deleted ticket is posted with Action deleted and no Entity; a record-level callback hears only its record', async () => {
    const desk = await deskFor()
    const everything = await receiver()
    const one = await receiver()
    const call = client(desk)
    await call('POST', 'system/callbacks', registration(everything.url))
    const [rick] = desk.world.records('Resources')
    const [watched, other] = desk.world.records('Tickets').slice(1, 3)
    await call('POST', 'system/callbacks', registration(one.url, { level: 'ticket', objectId: watched!.id }))
    desk.world.edit('Tickets', other!.id, { title: 'Niet deze' }, rick!.id)
    desk.world.edit('Tickets', watched!.id, { title: 'Wel deze' }, rick!.id)
    let deleted: number | undefined
    for (let day = 0; day < 120 && deleted === undefined; day++)
      deleted = desk.world.advance(86_400_000).deleted.Tickets?.[0]
    await desk.sim.callbacksIdle()
    const deletions = everything.received.filter((post) => post.payload.Action === 'deleted')
    expect(deletions.map((post) => [post.payload.ID, post.payload.Entity])).toContainEqual([deleted, null])
    expect(one.received.length).toBeGreaterThan(0)
    expect(one.received.every((post) => post.payload.ID === watched!.id)).toBe(true)
    expect(JSON.parse(one.received[0]!.payload.Entity).summary).toBe('Wel deze')
  })
})
