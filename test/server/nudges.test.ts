import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { describe, expect, onTestFinished, test } from 'vitest'
import { findKpi } from '../../kpi-library/engine.js'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import type { NudgeOptions } from '../../server/services/nudges/runner.js'
import { ADMIN_PASSWORD, adminCookie } from '../helpers/app-env.js'
import { CONNECTWISE_WEB_URL } from '../helpers/connectwise-web.js'
import { fixtureDb, type Fixture } from '../kpi/fixture.js'

// Nudges against a real local receiver standing in for a Teams Workflow and a Slack incoming webhook: a new row
// of the call-back list (csat_low_callback: a score of 2 or lower in the last 7 days, nobody called back) is
// posted once, acknowledged rows never, a burst is one message, a failing webhook is retried with backoff, and
// the webhook URL stays a secret. New rows come the way a sync brings them: rows written, then a finished sync_run.

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 in Amsterdam
const DAAN = 7
const EVA = 8
const SYNCED = '2026-03-04T09:00:00.000Z'

const DESK: Fixture = {
  companies: [{ id: 10, name: 'Bakker B.V.' }],
  contacts: [{ id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries', phone: '+31 20 123 4567' }],
  resources: [
    { id: DAAN, first_name: 'Daan', last_name: 'Visser', email: 'daan@msp.example' },
    { id: EVA, first_name: 'Eva', last_name: 'Jansen', email: null },
  ],
  tickets: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((id) => ({
    id,
    number: `T20260301.000${id}`,
    title: `Storing ${id}`,
    assigned_resource_id: id % 2 === 0 ? EVA : DAAN,
    company_id: 10,
    contact_id: 20,
  })),
  // On the list before any rule: seen when the rule is made, never posted.
  surveys: [
    { id: 101, ticket_id: 1, company_id: 10, contact_id: 20, rating: 1, completed_at: '2026-03-03T15:00:00.000Z' },
  ],
}

interface Received {
  path: string
  body: Record<string, unknown>
}

/** A webhook receiver on 127.0.0.1: records each post; answers from `answers` in turn, then 200. */
async function startReceiver() {
  const received: Received[] = []
  const answers: Array<{ status: number; body?: string; headers?: Record<string, string> }> = []
  const server = createServer((request: IncomingMessage, response) => {
    let text = ''
    request.on('data', (chunk) => (text += chunk))
    request.on('end', () => {
      received.push({ path: request.url ?? '', body: JSON.parse(text) as Record<string, unknown> })
      const answer = answers.shift() ?? { status: 200, body: 'ok' }
      response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers })
      response.end(answer.body ?? '')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { received, answers, base }
}

// The secret part of a webhook URL, as Teams Workflows and Slack make them.
const TEAMS_PATH = '/workflows/4f1c2d/triggers/manual/paths/invoke?api-version=1&sig=TeamsSecretSig0123456789'
const SLACK_PATH = '/services/T0001/B0002/SlackSecretToken0123456789'

/** The web UI of the desk's PSA, as its sync stores it: Autotask's zone, or a ConnectWise cloud login. */
const WEB_URLS = { autotask: 'https://ww3.autotask.net/', connectwise: CONNECTWISE_WEB_URL } as const

async function openDesk(options: NudgeOptions & { fixture?: Fixture; psa?: keyof typeof WEB_URLS } = {}) {
  const handle = await fixtureDb(options.fixture ?? DESK)
  const psa = options.psa ?? 'autotask'
  await handle.db
    .insertInto('psa_source')
    .values({ psa, kind: psa, zone_url: null, web_url: WEB_URLS[psa], created_at: NOW })
    .execute()
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  let clock = new Date(NOW)
  const app: FastifyInstance = await buildApp({
    config: { ...loadConfig({}), now: NOW, publicUrl: 'https://roleboard.msp.example' },
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
    logger: { level: 'info', stream } as never,
    nudges: { intervalMs: 0, burstMs: 0, now: () => clock, ...options },
  })
  onTestFinished(() => app.close())
  const cookie = await adminCookie(app)
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) })
  const definition = (await call('GET', '/api/dashboards/service-manager/definition')).json()
  const tileOf = (kpi: string): number => definition.tiles.find((tile: { kpi: string }) => tile.kpi === kpi).id
  let nextSync = 1
  return {
    app,
    logs,
    call,
    callbackTile: tileOf('csat_low_callback'),
    /** A tile of the same wall that shows a number, not a list. */
    numberTile: definition.tiles.find((tile: { kpi: string }) => findKpi(tile.kpi)?.kind === 'number').id as number,
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
    async addChannel(
      kind: 'teams' | 'slack',
      url: string,
      name = kind === 'teams' ? 'Servicedesk (Teams)' : 'Servicedesk (Slack)',
    ) {
      const response = await call('POST', '/api/nudges/channels', { kind, name, url })
      expect(response.statusCode, response.body).toBe(201)
      return response.json() as { id: number; host: string }
    },
    async rule(channel: number, audience = 'Service desk') {
      const response = await call('PUT', `/api/nudges/rules/${tileOf('csat_low_callback')}`, { channel, audience })
      expect(response.statusCode, response.body).toBe(200)
      return response.json()
    },
    /** Low scores arrive with a finished sync, as the connector writes them. */
    async sync(surveys: Array<{ id: number; ticket: number; rating?: number; contactName?: string }>) {
      for (const survey of surveys) {
        if (survey.contactName)
          await handle.db
            .insertInto('contact')
            .values({
              id: survey.id,
              psa: 'autotask',
              company_id: 10,
              first_name: survey.contactName,
              last_name: '',
              phone: null,
              is_active: 1,
              is_primary: 0,
              synced_at: SYNCED,
            } as never)
            .execute()
        await handle.db
          .insertInto('survey_result')
          .values({
            id: survey.id,
            psa: 'autotask',
            ticket_id: survey.ticket,
            company_id: 10,
            contact_id: survey.contactName ? survey.id : 20,
            rating: survey.rating ?? 1,
            completed_at: '2026-03-04T08:00:00.000Z',
            synced_at: SYNCED,
          } as never)
          .execute()
      }
      await handle.db
        .insertInto('sync_run')
        .values({
          psa,
          kind: 'delta',
          started_at: SYNCED,
          finished_at: `2026-03-04T09:0${nextSync++}:00.000Z`,
          ok: 1,
        })
        .execute()
    },
    state: async () => (await call('GET', '/api/nudges')).json(),
    step: () => app.nudges.runOnce(),
  }
}

type Card = {
  body: Array<Record<string, unknown>>
  actions: Array<{ url: string; title: string }>
  msteams: { entities?: unknown[] }
}
const cardOf = (post: Received) => (post.body.attachments as Array<{ contentType: string; content: Card }>)[0]!.content

/** Every TextRun's text and every TextBlock's text of a card, in order. */
function cardTexts(card: Card): string[] {
  const texts: string[] = []
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (!node || typeof node !== 'object') return
    const item = node as Record<string, unknown>
    if ((item.type === 'TextRun' || item.type === 'TextBlock') && typeof item.text === 'string') texts.push(item.text)
    Object.values(item).forEach(walk)
  }
  walk(card.body)
  return texts
}

describe('a new row is posted once', () => {
  test('Teams: the rows on the list when the rule is made are not posted; a new low score is, once, with its context, the person, the Autotask ticket and the wall', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const channel = await desk.addChannel('teams', `${receiver.base}${TEAMS_PATH}`)
    const rule = await desk.rule(channel.id)
    expect(rule).toMatchObject({
      kpi: 'csat_low_callback',
      role: 'service-manager',
      audience: 'Service desk',
      seen: 1,
      posted: 0,
    })
    await desk.step()
    expect(receiver.received).toEqual([])

    // Survey 102 on ticket 2 (Eva's), score 2.
    await desk.sync([{ id: 102, ticket: 2, rating: 2 }])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    const post = receiver.received[0]!
    expect(post.path).toBe(TEAMS_PATH)
    expect(post.body.type).toBe('message')
    expect((post.body.attachments as Array<{ contentType: string }>)[0]!.contentType).toBe(
      'application/vnd.microsoft.card.adaptive',
    )
    const card = cardOf(post)
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' })
    expect(cardTexts(card)).toEqual([
      '1 new row on ‘Low CSAT: call back’',
      'For Service desk. To do: Call back',
      // Score, contact, phone, company: the list's first four fields (the engineer is named on the next line).
      '2 · Sanne de Vries · +31 20 123 4567 · Bakker B.V.',
      'Eva Jansen',
      'Open in Autotask',
    ])
    expect(JSON.stringify(card)).toContain(
      'https://ww3.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=2',
    )
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the wall',
        url: 'https://roleboard.msp.example/wall/service-manager?lang=en',
      },
    ])

    // The next sync brings nothing new: nothing is posted again.
    await desk.sync([])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    const state = await desk.state()
    expect(state.rules[0]).toMatchObject({ seen: 1, posted: 1 })
    expect(state.channels[0]).toMatchObject({ health: 'ok', failures: 0, lastOkAt: NOW, pending: 0, lastError: null })
  })

  test('Teams mentions the row’s person when their e-mail is known; Dutch when the MSP speaks Dutch', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const settings = (await desk.call('GET', '/api/settings')).json()
    const saved = await desk.call('PUT', '/api/settings', { ...settings.settings, language: 'nl' })
    expect(saved.statusCode, saved.body).toBe(200)
    const channel = await desk.addChannel('teams', `${receiver.base}${TEAMS_PATH}`)
    await desk.rule(channel.id, 'Servicedesk')
    // Ticket 3 is Daan's, whose e-mail Autotask has.
    await desk.sync([{ id: 103, ticket: 3 }])
    await desk.step()
    const card = cardOf(receiver.received[0]!)
    expect(cardTexts(card)).toEqual([
      '1 nieuwe regel op ‘Lage CSAT: terugbellen’',
      'Voor Servicedesk. Te doen: Terugbellen',
      '1 · Sanne de Vries · +31 20 123 4567 · Bakker B.V.',
      '<at>Daan Visser</at>',
      'Open in Autotask',
    ])
    expect(card.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Daan Visser</at>', mentioned: { id: 'daan@msp.example', name: 'Daan Visser' } },
    ])
    expect(card.actions[0]).toMatchObject({
      title: 'Open het scherm',
      url: 'https://roleboard.msp.example/wall/service-manager?lang=nl',
    })
  })

  test('on ConnectWise PSA the row’s link opens the ticket there and says so, in Teams and Slack, English and Dutch', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ psa: 'connectwise' })
    const teams = await desk.addChannel('teams', `${receiver.base}${TEAMS_PATH}`)
    await desk.rule(teams.id)
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    const ticket2 =
      'https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=2&companyName=acme'
    const card = cardOf(receiver.received[0]!)
    expect(cardTexts(card).at(-1)).toBe('Open in ConnectWise')
    expect(JSON.stringify(card)).toContain(ticket2)
    expect(JSON.stringify(card)).not.toContain('Autotask')

    const settings = (await desk.call('GET', '/api/settings')).json()
    const saved = await desk.call('PUT', '/api/settings', { ...settings.settings, language: 'nl' })
    expect(saved.statusCode, saved.body).toBe(200)
    const slack = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(slack.id)
    await desk.sync([{ id: 103, ticket: 3 }])
    await desk.step()
    const blocks = receiver.received[1]!.body.blocks as Array<{ type: string; text?: { text: string } }>
    expect(blocks.find((block) => block.type === 'section')!.text!.text).toBe(
      '1 · Sanne de Vries · +31 20 123 4567 · Bakker B.V. · *Daan Visser* · <https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=3&companyName=acme|Open in ConnectWise>',
    )
  })

  test('a hosted tenant’s post links to its wall under the tenant’s prefix', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ basePath: '/t/acme' })
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    const blocks = receiver.received[0]!.body.blocks as Array<{ type: string; elements?: Array<{ url?: string }> }>
    expect(blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [{ url: 'https://roleboard.msp.example/t/acme/wall/service-manager?lang=en' }],
    })
  })

  test('an acknowledged row is never posted; its neighbour in the same sync is', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    await desk.sync([
      { id: 104, ticket: 4 },
      { id: 105, ticket: 5 },
    ])
    // Someone called 104 back before the nudge looked.
    const ack = await desk.call('POST', '/api/acks', {
      kpi: 'csat_low_callback',
      rowKey: 'surveyId=104',
      note: 'Gebeld',
    })
    expect(ack.statusCode, ack.body).toBe(201)
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    const text = JSON.stringify(receiver.received[0]!.body)
    expect(text).toContain('TicketID=5')
    expect(text).not.toContain('TicketID=4')
    expect(receiver.received[0]!.body.text).toBe('1 new row on ‘Low CSAT: call back’')
    await desk.sync([])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
  })

  test('a row that leaves the list and comes back is not posted again', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    // Autotask deletes the survey result (it leaves the list), then it is back with the next sync.
    await desk.app.db.deleteFrom('survey_result').where('id', '=', 102).execute()
    await desk.sync([])
    await desk.step()
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
  })

  test('a tile changed to show other rows starts afresh: the rows it shows then are not posted, later ones are', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    // A 3 is not low at the default (2 or lower): not on the list, not posted.
    await desk.sync([{ id: 103, ticket: 3, rating: 3 }])
    await desk.step()
    const changed = await desk.call('PATCH', `/api/dashboards/service-manager/tiles/${desk.callbackTile}`, {
      params: { maxRating: 3 },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    // Now the 3 is on the tile's list, but it is no news: the owner changed what the tile shows.
    await desk.sync([])
    await desk.step()
    expect(receiver.received).toEqual([])
    await desk.sync([{ id: 104, ticket: 4, rating: 3 }])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    expect(JSON.stringify(receiver.received[0]!.body)).toContain('TicketID=4')
    expect(JSON.stringify(receiver.received[0]!.body)).not.toContain('TicketID=3')
  })

  test('deleting a channel ends its rules; removing the tile ends the tile’s rule', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const first = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(first.id)
    expect((await desk.call('DELETE', `/api/nudges/channels/${first.id}`)).statusCode).toBe(200)
    expect(await desk.state()).toMatchObject({ channels: [], rules: [] })
    const second = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(second.id)
    const removed = await desk.call('DELETE', `/api/dashboards/service-manager/tiles/${desk.callbackTile}`)
    expect(removed.statusCode, removed.body).toBe(200)
    expect((await desk.state()).rules).toEqual([])
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    expect(receiver.received).toEqual([])
  })

  test('a row acknowledged while its post waits out the burst window is left out; a post left with no rows is not sent', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ burstMs: 60_000 })
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    await desk.sync([{ id: 104, ticket: 4 }])
    await desk.step()
    expect(receiver.received).toEqual([])
    await desk.call('POST', '/api/acks', { kpi: 'csat_low_callback', rowKey: 'surveyId=104', note: 'Gebeld' })
    desk.advance(60_000)
    await desk.step()
    expect(receiver.received).toEqual([])
    expect((await desk.state()).channels[0]).toMatchObject({ pending: 0, health: 'new' })
  })
})

describe('bursts', () => {
  test('Slack: seven new rows in one sync are one message: the first five, and "and 2 more"', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id, 'Team Noord')
    await desk.sync([2, 3, 4, 5, 6, 7, 8].map((ticket) => ({ id: 200 + ticket, ticket })))
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    const body = receiver.received[0]!.body as {
      text: string
      blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text?: string }> }>
    }
    expect(body.text).toBe('7 new rows on ‘Low CSAT: call back’')
    expect(body.blocks.map((block) => block.type)).toEqual([
      'header',
      'context',
      'section',
      'section',
      'section',
      'section',
      'section',
      'context',
      'actions',
    ])
    expect(body.blocks[1]!.elements![0]!.text).toBe('For Team Noord. To do: Call back')
    expect(body.blocks[2]!.text!.text).toBe(
      '1 · Sanne de Vries · +31 20 123 4567 · Bakker B.V. · *Eva Jansen* · <https://ww3.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=2|Open in Autotask>',
    )
    expect(body.blocks[7]!.elements![0]!.text).toBe('and 2 more on the wall')
    expect((await desk.state()).rules[0]).toMatchObject({ posted: 7 })
  })

  test('rows of later syncs within the burst window join the waiting post', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ burstMs: 60_000 })
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    await desk.sync([
      { id: 202, ticket: 2 },
      { id: 203, ticket: 3 },
    ])
    await desk.step()
    desk.advance(30_000)
    await desk.sync([{ id: 204, ticket: 4 }])
    await desk.step()
    expect(receiver.received).toEqual([])
    desk.advance(30_000)
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0]!.body.text).toBe('3 new rows on ‘Low CSAT: call back’')
  })
})

describe('a failing channel', () => {
  test('500, then 429 with Retry-After: retried with backoff, the failure shown, then delivered once', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ backoff: { firstMs: 30_000, maxMs: 600_000, giveUpMs: 86_400_000 } })
    const channel = await desk.addChannel('teams', `${receiver.base}${TEAMS_PATH}`)
    await desk.rule(channel.id)
    // The first answer echoes the address it was called at, as some proxies do: it must not be kept.
    receiver.answers.push(
      { status: 500, body: `upstream error at ${receiver.base}${TEAMS_PATH}` },
      { status: 429, body: 'slow down', headers: { 'retry-after': '120' } },
    )
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    let state = await desk.state()
    expect(state.channels[0]).toMatchObject({
      health: 'failing',
      failures: 1,
      failingSince: NOW,
      lastError: 'the webhook answered HTTP 500: upstream error at [webhook]',
      lastErrorAt: NOW,
      nextAttemptAt: '2026-03-04T10:00:30.000Z',
      pending: 1,
    })

    desk.advance(29_000)
    await desk.step()
    expect(receiver.received).toHaveLength(1)
    desk.advance(1_000) // 10:00:30
    await desk.step()
    expect(receiver.received).toHaveLength(2)
    state = await desk.state()
    // Retry-After (120 s) wins over the next backoff step (1 min).
    expect(state.channels[0]).toMatchObject({
      failures: 2,
      failingSince: NOW,
      lastError: 'the webhook answered HTTP 429: slow down',
      nextAttemptAt: '2026-03-04T10:02:30.000Z',
    })
    desk.advance(119_000)
    await desk.step()
    expect(receiver.received).toHaveLength(2)
    desk.advance(1_000) // 10:02:30
    await desk.step()
    expect(receiver.received).toHaveLength(3)
    state = await desk.state()
    expect(state.channels[0]).toMatchObject({
      health: 'ok',
      failures: 0,
      failingSince: null,
      nextAttemptAt: null,
      lastOkAt: '2026-03-04T10:02:30.000Z',
      pending: 0,
    })
    expect(state.rules[0]).toMatchObject({ posted: 1 })
    // Each attempt was the same post, and none came after the success.
    expect(new Set(receiver.received.map((post) => JSON.stringify(post.body))).size).toBe(1)
    await desk.sync([])
    await desk.step()
    expect(receiver.received).toHaveLength(3)
  })

  test('a receiver that is down: the reason in one line; after a day the post is given up and says so', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ backoff: { firstMs: 30_000, maxMs: 3_600_000, giveUpMs: 86_400_000 } })
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    for (let i = 0; i < 40; i++) receiver.answers.push({ status: 503, body: 'no_service' })
    await desk.sync([{ id: 102, ticket: 2 }])
    await desk.step()
    desk.advance(86_400_000)
    await desk.step()
    const state = await desk.state()
    expect(state.channels[0]).toMatchObject({
      health: 'failing',
      failures: 2,
      lastError: 'gave up after a day: the webhook answered HTTP 503: no_service',
      pending: 0,
      givenUp: 1,
    })
    desk.advance(86_400_000)
    await desk.step()
    expect(receiver.received).toHaveLength(2)
  })
})

describe('the webhook URL is a secret', () => {
  test('never in an answer, a log line or the database in plain; the builder sees the host only', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const teams = await desk.addChannel('teams', `${receiver.base}${TEAMS_PATH}`)
    const slack = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    const host = receiver.base.replace('http://', '')
    expect(teams.host).toBe(`${host}/…`)
    expect(slack.host).toBe(`${host}/…`)
    const answers = [
      (await desk.call('GET', '/api/nudges')).body,
      (await desk.call('POST', `/api/nudges/channels/${teams.id}/test`)).body,
      (await desk.call('POST', `/api/nudges/channels/${slack.id}/test`)).body,
    ]
    expect(JSON.parse(answers[1]!)).toEqual({ delivered: true, error: null })
    // A refused URL is not repeated either.
    answers.push(
      (await desk.call('POST', '/api/nudges/channels', { kind: 'slack', name: 'x', url: `ftp://h${SLACK_PATH}` })).body,
    )
    receiver.answers.push({ status: 404, body: `no such hook ${SLACK_PATH} (${receiver.base}${SLACK_PATH})` })
    answers.push((await desk.call('POST', `/api/nudges/channels/${slack.id}/test`)).body)
    expect(JSON.parse(answers[4]!)).toEqual({
      delivered: false,
      error: 'the webhook answered HTTP 404: no such hook [webhook] ([webhook])',
    })
    expect(receiver.received.map((post) => post.path)).toEqual([TEAMS_PATH, SLACK_PATH, SLACK_PATH])
    const stored = JSON.stringify(await desk.app.db.selectFrom('nudge_channel').selectAll().execute())
    for (const secret of ['TeamsSecretSig0123456789', 'SlackSecretToken0123456789', '4f1c2d', 'B0002']) {
      for (const answer of answers) expect(answer).not.toContain(secret)
      expect(desk.logs.join('')).not.toContain(secret)
      expect(stored).not.toContain(secret)
    }
    expect(desk.logs.length).toBeGreaterThan(0)
  })
})

describe('input is checked', () => {
  test('a bad URL, kind, name, tile, channel or audience gets a clear 400 (or 404) and changes nothing', async () => {
    const desk = await openDesk()
    const refusals: Array<[string, 'POST' | 'PUT' | 'DELETE', string, unknown, number, string]> = [
      [
        'plain http',
        'POST',
        '/api/nudges/channels',
        { kind: 'teams', name: 'T', url: 'http://example.com/hook' },
        400,
        'the webhook URL must start with https://',
      ],
      [
        'not a URL',
        'POST',
        '/api/nudges/channels',
        { kind: 'slack', name: 'S', url: 'hooks.slack.com/services/x' },
        400,
        'the webhook URL is not a URL',
      ],
      [
        'a password in it',
        'POST',
        '/api/nudges/channels',
        { kind: 'slack', name: 'S', url: 'https://u:p@hooks.slack.com/x' },
        400,
        'must not carry a user name or password',
      ],
      [
        'unknown kind',
        'POST',
        '/api/nudges/channels',
        { kind: 'discord', name: 'D', url: 'https://discord.com/x' },
        400,
        'kind',
      ],
      [
        'blank name',
        'POST',
        '/api/nudges/channels',
        { kind: 'slack', name: '   ', url: 'https://hooks.slack.com/x' },
        400,
        'give the channel a name',
      ],
      [
        'unknown field',
        'POST',
        '/api/nudges/channels',
        { kind: 'slack', name: 'S', url: 'https://hooks.slack.com/x', extra: 1 },
        400,
        'must NOT have additional properties',
      ],
      ['unknown tile', 'PUT', '/api/nudges/rules/99999', { channel: 1, audience: 'x' }, 404, 'there is no tile 99999'],
      [
        'no such channel',
        'PUT',
        `/api/nudges/rules/${desk.callbackTile}`,
        { channel: 42, audience: 'x' },
        400,
        'there is no channel 42',
      ],
      [
        'blank audience',
        'PUT',
        `/api/nudges/rules/${desk.callbackTile}`,
        { channel: 1, audience: ' ' },
        400,
        'say whom the post is for',
      ],
      ['not an id', 'PUT', '/api/nudges/rules/abc', { channel: 1, audience: 'x' }, 400, 'tileId'],
      ['no rule', 'DELETE', `/api/nudges/rules/${desk.callbackTile}`, undefined, 404, 'has no nudge'],
      ['no channel', 'DELETE', '/api/nudges/channels/7', undefined, 404, 'there is no channel 7'],
    ]
    await desk.addChannel('slack', 'https://hooks.slack.com/services/T1/B1/abc')
    for (const [what, method, url, payload, status, words] of refusals) {
      const response = await desk.call(method, url, payload)
      expect(response.statusCode, `${what}: ${response.body}`).toBe(status)
      expect(response.json().message, what).toContain(words)
    }
    const numberTile = await desk.call('PUT', `/api/nudges/rules/${desk.numberTile}`, { channel: 1, audience: 'x' })
    expect(numberTile.statusCode).toBe(400)
    expect(numberTile.json().message).toContain('which is not an action list: only action lists nudge')
    const state = await desk.state()
    expect(state.channels).toHaveLength(1)
    expect(state.rules).toEqual([])
    const anonymous = await desk.app.inject({ url: '/api/nudges' })
    expect(anonymous.statusCode).toBe(401)
  })

  test('hostile text in a row cannot format, link or mention: escaped for Slack, plain TextRuns in the card', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk()
    const slack = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    const teams = await desk.addChannel('teams', `${receiver.base}${TEAMS_PATH}`)
    await desk.rule(slack.id, '<!channel> & co')
    const hostile = '<!channel> <https://evil.example|klik> [klik](https://evil.example)'
    await desk.sync([{ id: 102, ticket: 2, contactName: hostile }])
    await desk.step()
    const slackText = JSON.stringify(receiver.received[0]!.body)
    expect(slackText).not.toContain('<!channel>')
    expect(slackText).not.toContain('<https://evil')
    expect(slackText).toContain('&lt;!channel&gt; &lt;https://evil.example|klik&gt; [klik](https://evil.example)')
    expect(slackText).toContain('For &lt;!channel&gt; &amp; co. To do: Call back')

    await desk.call('PUT', `/api/nudges/rules/${desk.callbackTile}`, { channel: teams.id, audience: 'Service desk' })
    await desk.sync([{ id: 103, ticket: 3, contactName: hostile }])
    await desk.step()
    const card = cardOf(receiver.received[1]!)
    // The hostile name is in a TextRun (never markdown); no TextBlock carries it.
    const blocks = JSON.stringify(card).match(/"type":"TextBlock","text":"[^"]*"/g) ?? []
    expect(blocks).toEqual(['"type":"TextBlock","text":"<at>Daan Visser</at>"'])
    expect(cardTexts(card)).toContain(`1 · ${hostile} · Bakker B.V. · T20260301.0003`)
  })
})

describe('the timer', () => {
  test('looks by itself every interval and stops with the app', async () => {
    const receiver = await startReceiver()
    const desk = await openDesk({ intervalMs: 20 })
    const channel = await desk.addChannel('slack', `${receiver.base}${SLACK_PATH}`)
    await desk.rule(channel.id)
    await desk.sync([{ id: 102, ticket: 2 }])
    await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBe(1)
    await desk.app.close()
    await desk.sync([{ id: 103, ticket: 3 }])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(receiver.received).toHaveLength(1)
  })
})
