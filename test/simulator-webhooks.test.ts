import { createHmac } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, onTestFinished, test } from 'vitest'
import { DEMO_CREDENTIALS } from '../connectors/autotask/simulator/server.js'
import type { SimulatedDesk, SimulatedDeskOptions } from '../connectors/autotask/simulator/start.js'
import { startSimulatedDesk } from '../connectors/autotask/simulator/start.js'
import type { ApiRecord, SimWorld } from '../connectors/autotask/simulator/store.js'
import { SIM_ENTITIES } from '../connectors/autotask/simulator/store.js'
import { kindOf, SimWebhooks } from '../connectors/autotask/simulator/webhooks/index.js'
import { hookFields } from '../connectors/autotask/simulator/webhooks/kinds.js'
import { createSimWorld } from '../connectors/autotask/simulator/world/index.js'

const NOW = '2026-03-02T09:00:00Z' // a Monday morning in Amsterdam
const HOUR = 3_600_000
const SECRET = 'sim-test-secret-0123456789abcdefghij'
const STATUS = { new: 1, complete: 5, inProgress: 8, waitingCustomer: 7 }

const AUTH = {
  ApiIntegrationcode: DEMO_CREDENTIALS.integrationCode,
  UserName: DEMO_CREDENTIALS.userName,
  Secret: DEMO_CREDENTIALS.secret,
  'Content-Type': 'application/json',
}

async function desk(options: Partial<SimulatedDeskOptions> = {}): Promise<SimulatedDesk> {
  const running = await startSimulatedDesk({
    world: { size: 'tiny', seed: 7, now: NOW },
    ...options,
    webhooks: { retryMs: 20, ...options.webhooks },
  })
  onTestFinished(() => running.close())
  return running
}

async function call(
  sim: SimulatedDesk,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sim.url}/ATServicesRest/V1.0/${path}`, {
    method,
    headers: AUTH,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : JSON.parse(text) }
}

/** A control-API call: no Autotask credentials. */
async function control(
  sim: SimulatedDesk,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: response.status, body: await response.json() }
}

interface Received {
  path: string
  headers: IncomingHttpHeaders
  raw: string
}

/** A local HTTP receiver that records every POST's raw body and answers with `statusFor(path)`. */
async function receiver(statusFor: (path: string) => number = () => 204) {
  const received: Received[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const path = request.url ?? ''
      received.push({ path, headers: request.headers, raw: Buffer.concat(chunks).toString('utf8') })
      response.statusCode = statusFor(path)
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { base, received, at: (path: string) => received.filter((entry) => entry.path === path) }
}

function verifies(entry: Received, secret = SECRET): boolean {
  const expected = `sha1=${createHmac('sha1', secret).update(entry.raw).digest('base64')}`
  return entry.headers['x-hook-signature'] === expected
}

interface Registration {
  name?: string
  url: string
  deactivationUrl?: string
  resource?: string
  events?: ('Create' | 'Update' | 'Delete')[]
  subscribed?: string[]
  displayAlways?: string[]
  exclude?: number[]
}

/** The registration sequence of §4.1, over HTTP; returns the webhook's id. */
async function register(sim: SimulatedDesk, registration: Registration): Promise<number> {
  const resource = registration.resource ?? 'TicketWebhooks'
  const singular = resource.replace(/Webhooks$/, '')
  const events = registration.events ?? ['Create', 'Update', 'Delete']
  const created = await call(sim, 'POST', resource, {
    Name: registration.name ?? 'roleboard-test',
    WebhookUrl: registration.url,
    DeactivationUrl: registration.deactivationUrl ?? `${registration.url}-deactivated`,
    SecretKey: SECRET,
    IsActive: true,
    IsSubscribedToCreateEvents: events.includes('Create'),
    IsSubscribedToUpdateEvents: events.includes('Update'),
    IsSubscribedToDeleteEvents: events.includes('Delete'),
    SendThresholdExceededNotification: true,
    NotificationEmailAddress: 'ops@msp.example',
  })
  expect(created.status, JSON.stringify(created.body)).toBe(200)
  const id = created.body.itemId as number
  const picklist = await call(sim, 'GET', `${singular}WebhookFields/entityInformation/fields`)
  const choices = picklist.body.fields.find((field: { name: string }) => field.name === 'fieldID').picklistValues
  const fieldId = (name: string) => Number(choices.find((choice: { label: string }) => choice.label === name).value)
  const rows = [
    ...(registration.subscribed ?? []).map((name) => ({ name, sub: true, always: false })),
    ...(registration.displayAlways ?? []).map((name) => ({ name, sub: false, always: true })),
  ]
  for (const row of rows) {
    const added = await call(sim, 'POST', `${resource}/${id}/Fields`, {
      FieldID: fieldId(row.name),
      IsSubscribedField: row.sub,
      IsDisplayAlwaysField: row.always,
      WebhookID: id,
    })
    expect(added.status, JSON.stringify(added.body)).toBe(200)
  }
  for (const resourceId of registration.exclude ?? []) {
    const excluded = await call(sim, 'POST', `${resource}/${id}/ExcludedResources`, {
      ResourceID: resourceId,
      WebhookID: id,
    })
    expect(excluded.status, JSON.stringify(excluded.body)).toBe(200)
  }
  return id
}

/** Two staff members of the tiny desk: who makes the edits, and who is excluded. */
function staff(sim: SimulatedDesk): [number, number] {
  const active = sim.world.records('Resources').filter((resource) => resource.isActive === true)
  return [active[0]!.id, active[1]!.id]
}

/** An open ticket to edit. */
function openTicket(world: SimWorld): ApiRecord {
  return world
    .records('Tickets')
    .findLast((ticket) => ticket.status !== STATUS.complete && ticket.status !== STATUS.inProgress)!
}

describe('webhook registration over REST', () => {
  test('the §4.1 sequence: create, discover fields, add rows, exclude a resource, read it back ready', async () => {
    const sim = await desk()
    const before = sim.sim.requestCount()
    const created = await call(sim, 'POST', 'TicketWebhooks', {
      Name: 'dash-tickets-acme',
      WebhookUrl: 'https://hooks.example.com/at/t/acme',
      DeactivationUrl: 'https://hooks.example.com/at/deact/acme',
      SecretKey: SECRET,
      IsActive: true,
      IsSubscribedToCreateEvents: true,
      IsSubscribedToUpdateEvents: true,
      IsSubscribedToDeleteEvents: true,
      SendThresholdExceededNotification: true,
      NotificationEmailAddress: 'ops@msp.example',
    })
    expect(created).toEqual({ status: 200, body: { itemId: 1 } })

    const unready = await call(sim, 'GET', 'TicketWebhooks/1')
    expect(unready.body.item).toMatchObject({ id: 1, name: 'dash-tickets-acme', isActive: true, isReady: false })
    expect(unready.body.item.webhookGUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(unready.body.item).not.toHaveProperty('secretKey')

    const picklist = await call(sim, 'GET', 'TicketWebhookFields/entityInformation/fields')
    const fieldID = picklist.body.fields.find((field: { name: string }) => field.name === 'fieldID')
    expect(fieldID.isPickList).toBe(true)
    const labels = fieldID.picklistValues.map((choice: { label: string }) => choice.label)
    expect(labels).toEqual(expect.arrayContaining(['status', 'ticketNumber', 'priority', 'queueID']))
    expect(labels).not.toContain('id')
    const status = fieldID.picklistValues.find((choice: { label: string }) => choice.label === 'status')
    expect(status.value).toMatch(/^\d+$/)
    const number = fieldID.picklistValues.find((choice: { label: string }) => choice.label === 'ticketNumber')

    // camelCase bodies are as good as PascalCase ones: Autotask reads field names case-insensitively.
    const statusRow = await call(sim, 'POST', 'TicketWebhooks/1/Fields', {
      fieldID: Number(status.value),
      isSubscribedField: true,
      isDisplayAlwaysField: false,
      webhookID: 1,
    })
    expect(statusRow).toEqual({ status: 200, body: { itemId: 1 } })
    const numberRow = await call(sim, 'POST', 'TicketWebhooks/1/Fields', {
      FieldID: Number(number.value),
      IsSubscribedField: false,
      IsDisplayAlwaysField: true,
      WebhookID: 1,
    })
    expect(numberRow).toEqual({ status: 200, body: { itemId: 2 } })
    const [, other] = staff(sim)
    const excluded = await call(sim, 'POST', 'TicketWebhooks/1/ExcludedResources', { ResourceID: other, WebhookID: 1 })
    expect(excluded).toEqual({ status: 200, body: { itemId: 1 } })

    const ready = await call(sim, 'GET', 'TicketWebhooks/1')
    expect(ready.body.item).toMatchObject({
      id: 1,
      isActive: true,
      isReady: true,
      webhookUrl: 'https://hooks.example.com/at/t/acme',
    })
    const rows = await call(sim, 'GET', 'TicketWebhooks/1/Fields')
    expect(rows.body.items).toEqual([
      { id: 1, webhookID: 1, fieldID: Number(status.value), isSubscribedField: true, isDisplayAlwaysField: false },
      { id: 2, webhookID: 1, fieldID: Number(number.value), isSubscribedField: false, isDisplayAlwaysField: true },
    ])
    const found = await call(sim, 'POST', 'TicketWebhooks/query', {
      filter: [{ op: 'beginsWith', field: 'name', value: 'dash-' }],
    })
    expect(found.body.items.map((item: ApiRecord) => item.id)).toEqual([1])
    const counted = await call(sim, 'POST', 'TicketWebhooks/query/count', {
      filter: [{ op: 'beginsWith', field: 'name', value: 'other-' }],
    })
    expect(counted.body).toEqual({ queryCount: 0 })

    // Ids are sequential per resource: the next ticket webhook is 2, the first contact webhook 1.
    expect(await register(sim, { url: 'https://hooks.example.com/at/t/other', subscribed: ['status'] })).toBe(2)
    expect(
      await register(sim, {
        resource: 'ContactWebhooks',
        url: 'https://hooks.example.com/at/c',
        subscribed: ['lastName'],
      }),
    ).toBe(1)

    // Every setup call counts against the hourly threshold: 10 above, and 3 + 3 for the two registrations.
    expect(sim.sim.requestCount() - before).toBe(16)
  })

  test('a name over 50 characters is refused with Autotask’s message and nothing is created', async () => {
    const sim = await desk()
    const refused = await call(sim, 'POST', 'TicketWebhooks', {
      Name: 'x'.repeat(51),
      WebhookUrl: 'https://hooks.example.com/a',
      DeactivationUrl: 'https://hooks.example.com/d',
      SecretKey: SECRET,
      IsActive: true,
      SendThresholdExceededNotification: false,
    })
    expect(refused).toEqual({ status: 500, body: { errors: ['name must be less than or equal to 50 characters'] } })
    const missing = await call(sim, 'POST', 'TicketWebhooks', { Name: 'no-urls', SecretKey: SECRET, IsActive: true })
    expect(missing.body.errors).toEqual(['webhookUrl is required'])
    const longKey = await call(sim, 'POST', 'TicketWebhooks', {
      Name: 'long-key',
      WebhookUrl: 'https://hooks.example.com/a',
      DeactivationUrl: 'https://hooks.example.com/d',
      SecretKey: 'k'.repeat(65),
      IsActive: true,
      SendThresholdExceededNotification: false,
    })
    expect(longKey.body.errors).toEqual(['secretKey must be less than or equal to 64 characters'])
    expect(
      (await call(sim, 'GET', 'TicketWebhooks/query/count?search={"filter":[{"op":"exist","field":"id"}]}')).body,
    ).toEqual({
      queryCount: 0,
    })
  })

  test('a second callout of the same type to the same URL is a duplicate; another type to it is not', async () => {
    const sim = await desk()
    await register(sim, { url: 'https://hooks.example.com/t', events: ['Create', 'Update'], subscribed: ['status'] })
    const duplicate = await call(sim, 'POST', 'TicketWebhooks', {
      Name: 'second',
      WebhookUrl: 'https://hooks.example.com/t',
      DeactivationUrl: 'https://hooks.example.com/d',
      SecretKey: SECRET,
      IsActive: false,
      IsSubscribedToUpdateEvents: true,
      SendThresholdExceededNotification: false,
    })
    expect(duplicate.status).toBe(500)
    expect(duplicate.body.errors[0]).toMatch(/Update callout .* already exists/)
    // Deletes to the same URL are another callout; and the same URL on another entity is fine.
    expect(
      await register(sim, { url: 'https://hooks.example.com/t', events: ['Delete'], subscribed: ['status'] }),
    ).toBe(2)
    expect(
      await register(sim, {
        resource: 'ContactWebhooks',
        url: 'https://hooks.example.com/t',
        subscribed: ['lastName'],
      }),
    ).toBe(1)
  })

  test('webhook queries page like any other query', async () => {
    const sim = await desk()
    await register(sim, { name: 'roleboard-a', url: 'https://hooks.example.com/a', subscribed: ['status'] })
    await register(sim, { name: 'roleboard-b', url: 'https://hooks.example.com/b', subscribed: ['status'] })
    const first = await call(sim, 'POST', 'TicketWebhooks/query', {
      filter: [{ op: 'beginsWith', field: 'name', value: 'roleboard-' }],
      MaxRecords: 1,
    })
    expect(first.body.items.map((item: ApiRecord) => item.name)).toEqual(['roleboard-a'])
    const next = await fetch(first.body.pageDetails.nextPageUrl, { method: 'POST', headers: AUTH })
    const second = await next.json()
    expect(second.items.map((item: ApiRecord) => item.name)).toEqual(['roleboard-b'])
    expect(second.pageDetails.nextPageUrl).toBeNull()
  })

  test('the security level caps the number of webhooks', async () => {
    const sim = await desk({ webhooks: { maxWebhooks: 1 } })
    await register(sim, { url: 'https://hooks.example.com/1', subscribed: ['status'] })
    const over = await call(sim, 'POST', 'ContactWebhooks', {
      Name: 'two',
      WebhookUrl: 'https://hooks.example.com/2',
      DeactivationUrl: 'https://hooks.example.com/d',
      SecretKey: SECRET,
      IsActive: true,
      SendThresholdExceededNotification: false,
    })
    expect(over.body.errors[0]).toMatch(/maximum number of webhooks \(1\)/)
  })
})

describe('callouts', () => {
  test('a control edit of a subscribed field: visible to a REST query, one signed Update with Autotask’s escaping', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const [by] = staff(sim)
    const id = await register(sim, {
      url: `${hooks.base}/t`,
      events: ['Update'],
      subscribed: ['status', 'title'],
      displayAlways: ['ticketNumber'],
    })
    const guid = (await call(sim, 'GET', `TicketWebhooks/${id}`)).body.item.webhookGUID
    const ticket = openTicket(sim.world)
    const title = 'Koffie & thee "op" <3e> verdieping\'s café + `printer`'

    const edited = await control(sim, 'POST', 'change', {
      entity: 'Tickets',
      id: ticket.id,
      fields: { Status: STATUS.waitingCustomer, title },
      by,
    })
    expect(edited.status).toBe(200)
    const now = sim.world.now().toISOString()
    const read = await call(sim, 'POST', 'Tickets/query', { filter: [{ op: 'eq', field: 'id', value: ticket.id }] })
    expect(read.body.items[0]).toMatchObject({ status: STATUS.waitingCustomer, title, lastActivityResourceID: by })
    expect(Date.parse(read.body.items[0].lastActivityDate)).toBe(Date.parse(now))

    await sim.webhooks.whenIdle()
    expect(hooks.received).toHaveLength(1)
    const [callout] = hooks.received
    expect(verifies(callout!)).toBe(true)
    expect(JSON.parse(callout!.raw)).toEqual({
      Action: 'Update',
      Guid: guid,
      EntityType: 'Ticket',
      Id: ticket.id,
      Fields: { Status: '7', Title: title, TicketNumber: ticket.ticketNumber },
      EventTime: `${now.slice(0, 19)}Z`,
      SequenceNumber: 1,
      PersonID: by,
    })
    // The bytes escape & " < > ' + ` and é; parsed and written again they differ, and so does their signature.
    for (const escaped of [
      '\\u0026',
      '\\u0022op\\u0022',
      '\\u003C3e\\u003E',
      '\\u0027s',
      'caf\\u00E9',
      '\\u002B',
      '\\u0060',
    ]) {
      expect(callout!.raw).toContain(escaped)
    }
    const reserialised = JSON.stringify(JSON.parse(callout!.raw))
    expect(reserialised).not.toBe(callout!.raw)
    expect(verifies({ ...callout!, raw: reserialised })).toBe(false)
  })

  test('a change to a field the webhook does not subscribe to sends nothing', async () => {
    const sim = await desk()
    const hooks = await receiver()
    await register(sim, { url: `${hooks.base}/t`, subscribed: ['status'], displayAlways: ['ticketNumber'] })
    const ticket = openTicket(sim.world)
    sim.webhooks.change('Tickets', ticket.id, { description: 'Only the description changes.' })
    await sim.webhooks.whenIdle()
    expect(hooks.received).toEqual([])
    expect(sim.world.get('Tickets', ticket.id)!.description).toBe('Only the description changes.')
  })

  test('a change made by an excluded resource sends nothing; the same change by a colleague does', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const [colleague, apiUser] = staff(sim)
    await register(sim, { url: `${hooks.base}/t`, subscribed: ['priority'], exclude: [apiUser] })
    const ticket = openTicket(sim.world)
    sim.webhooks.change('Tickets', ticket.id, { priority: 4 }, apiUser)
    await sim.webhooks.whenIdle()
    expect(hooks.received).toEqual([])
    sim.webhooks.change('Tickets', ticket.id, { priority: 1 }, colleague)
    await sim.webhooks.whenIdle()
    expect(hooks.received.map((entry) => JSON.parse(entry.raw).Fields)).toEqual([{ Priority: '1' }])
  })

  test('a ticket created through the control API: a new id, queryable, and a Create with every subscribed field', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const [by] = staff(sim)
    await register(sim, {
      url: `${hooks.base}/t`,
      events: ['Create'],
      subscribed: ['priority', 'status'],
      displayAlways: ['ticketNumber'],
    })
    const lastId = sim.world.records('Tickets').at(-1)!.id
    const created = await control(sim, 'POST', 'create', { fields: { title: 'Server down', priority: 4 }, by })
    expect(created.status).toBe(200)
    expect(created.body.itemId).toBe(lastId + 1)
    const day = NOW.slice(0, 10).replaceAll('-', '')
    expect(created.body.item).toMatchObject({
      title: 'Server down',
      priority: 4,
      status: STATUS.new,
      ticketNumber: `T${day}.9001`,
    })
    const read = await call(sim, 'GET', `Tickets/${lastId + 1}`)
    expect(read.body.item).toMatchObject({ id: lastId + 1, title: 'Server down' })
    await sim.webhooks.whenIdle()
    expect(hooks.received.map((entry) => JSON.parse(entry.raw))).toEqual([
      expect.objectContaining({
        Action: 'Create',
        Id: lastId + 1,
        Fields: { Priority: '4', Status: '1', TicketNumber: `T${day}.9001` },
        PersonID: by,
      }),
    ])
    const bad = await control(sim, 'POST', 'create', { fields: { title: 'x', priority: 99 } })
    expect(bad).toEqual({ status: 400, body: { errors: ['Tickets.priority has no picklist value 99'] } })
    expect(sim.world.records('Tickets').at(-1)!.id).toBe(lastId + 1)
  })

  test('a company UDF subscribed through UdfFields: its change arrives as an Account Update with PersonId spelled so', async () => {
    const sim = await desk({ webhooks: { personKey: 'PersonId' } })
    const hooks = await receiver()
    const [by] = staff(sim)
    const id = await register(sim, {
      resource: 'CompanyWebhooks',
      url: `${hooks.base}/c`,
      events: ['Update'],
      displayAlways: ['companyName'],
    })
    const picklist = await call(sim, 'GET', 'CompanyWebhookUdfFields/entityInformation/fields')
    const choices = picklist.body.fields.find((field: { name: string }) => field.name === 'udfFieldID').picklistValues
    expect(choices.map((choice: { label: string }) => choice.label)).toEqual(['Seats', 'Endpoints'])
    const seats = Number(choices[0].value)
    const row = await call(sim, 'POST', `CompanyWebhooks/${id}/UdfFields`, {
      UdfFieldID: seats,
      IsSubscribedField: true,
    })
    expect(row).toEqual({ status: 200, body: { itemId: 1 } })

    const company = sim.world.records('Companies').find((record) => record.companyType === 1)!
    sim.webhooks.change('Companies', company.id, { phone: '+31 20 000 0000' }, by) // not subscribed: nothing
    sim.webhooks.change('Companies', company.id, { userDefinedFields: [{ name: 'seats', value: '42' }] }, by)
    await sim.webhooks.whenIdle()
    expect(hooks.received.map((entry) => JSON.parse(entry.raw))).toEqual([
      expect.objectContaining({
        Action: 'Update',
        EntityType: 'Account',
        Id: company.id,
        Fields: { CompanyName: company.companyName, Seats: '42' },
        PersonId: by,
      }),
    ])
    expect(sim.world.get('Companies', company.id)!.userDefinedFields).toContainEqual({ name: 'Seats', value: '42' })
  })

  test('an asset webhook calls its entity InstalledProduct, and stops when its owner is switched off', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const [owner, colleague] = staff(sim)
    const id = await register(sim, {
      resource: 'ConfigurationItemWebhooks',
      url: `${hooks.base}/a`,
      deactivationUrl: `${hooks.base}/gone`,
      events: ['Update'],
      subscribed: ['serialNumber'],
    })
    expect((await call(sim, 'GET', `ConfigurationItemWebhooks/${id}`)).body.item.ownerResourceID).toBe(owner)
    const asset = sim.world.records('ConfigurationItems').find((record) => record.isActive === true)!
    sim.webhooks.change('ConfigurationItems', asset.id, { serialNumber: 'SN-0042' }, colleague)
    expect(Date.parse(String(sim.world.get('ConfigurationItems', asset.id)!.lastModifiedTime))).toBe(
      sim.world.now().getTime(),
    )
    await sim.webhooks.whenIdle()
    expect(hooks.at('/a').map((entry) => JSON.parse(entry.raw))).toEqual([
      expect.objectContaining({
        Action: 'Update',
        EntityType: 'InstalledProduct',
        Id: asset.id,
        Fields: { SerialNumber: 'SN-0042' },
      }),
    ])

    sim.webhooks.change('Resources', owner, { isActive: false }, colleague)
    await sim.webhooks.whenIdle()
    expect(hooks.at('/gone').map((entry) => JSON.parse(entry.raw).Fields.Reason)).toEqual(['OwnerDeactivated'])
    expect((await call(sim, 'GET', `ConfigurationItemWebhooks/${id}`)).body.item.isActive).toBe(false)
  })

  test('a note added through the control API fires the note webhook and moves its ticket’s activity stamps', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const [by] = staff(sim)
    await register(sim, {
      resource: 'TicketNoteWebhooks',
      url: `${hooks.base}/n`,
      events: ['Create'],
      subscribed: ['description'],
      displayAlways: ['ticketID'],
    })
    const ticket = openTicket(sim.world)
    const created = await control(sim, 'POST', 'create', {
      entity: 'TicketNotes',
      fields: { ticketID: ticket.id, description: 'Called back: fixed.', publish: 1 },
      by,
    })
    expect(created.status).toBe(200)
    const stamp = sim.world.now().toISOString()
    expect(sim.world.get('Tickets', ticket.id)).toMatchObject({ lastActivityResourceID: by })
    expect(Date.parse(String(sim.world.get('Tickets', ticket.id)!.lastActivityDate))).toBe(Date.parse(stamp))
    await sim.webhooks.whenIdle()
    expect(hooks.received.map((entry) => JSON.parse(entry.raw))).toEqual([
      expect.objectContaining({
        Action: 'Create',
        EntityType: 'TicketNote',
        Id: created.body.itemId,
        Fields: { Description: 'Called back: fixed.', TicketID: ticket.id },
      }),
    ])
  })

  test('a manual edit counts in the next advance’s summary, and that advance goes on from it', () => {
    const world = createSimWorld({ size: 'tiny', seed: 7, now: NOW })
    const ticket = openTicket(world)
    const by = world.records('Resources').find((resource) => resource.isActive === true)!.id
    world.edit('Tickets', ticket.id, { title: 'Edited by hand' }, by)
    const summary = world.advance(60_000)
    expect(summary.updated.Tickets).toContain(ticket.id)
    expect(world.get('Tickets', ticket.id)!.title).toBe('Edited by hand')
    expect(() => world.edit('Tickets', ticket.id, { status: 99 }, by)).toThrow(
      'Tickets.status has no picklist value 99',
    )
    expect(() => world.edit('Tickets', ticket.id, { status: 5 }, 1)).toThrow(
      'there is no resource 1 to make the change',
    )
    expect(world.get('Tickets', ticket.id)!.status).toBe(ticket.status)
  })

  test('the world’s own progress: each status change of an hour arrives as a signed Update', async () => {
    const sim = await desk()
    const hooks = await receiver()
    await register(sim, {
      url: `${hooks.base}/t`,
      events: ['Update'],
      subscribed: ['status'],
      displayAlways: ['ticketNumber'],
    })
    const before = new Map(sim.world.records('Tickets').map((ticket) => [ticket.id, ticket.status]))
    const summary = sim.world.advance(2 * HOUR)
    await sim.webhooks.whenIdle()
    const bodies = hooks.received.map((entry) => {
      expect(verifies(entry)).toBe(true)
      return JSON.parse(entry.raw)
    })
    // Every ticket whose status now differs sent an Update whose last status is the one a REST read gives.
    const changed = sim.world
      .records('Tickets')
      .filter((ticket) => before.has(ticket.id) && before.get(ticket.id) !== ticket.status)
    expect(changed.length).toBeGreaterThan(0)
    for (const ticket of changed) {
      const last = bodies.filter((body) => body.Id === ticket.id).at(-1)
      expect(last.Fields).toEqual({ Status: String(ticket.status), TicketNumber: ticket.ticketNumber })
    }
    // Nothing for a ticket the hour did not touch; sequence numbers count up from 1.
    const touched = new Set([...(summary.updated.Tickets ?? []), ...(summary.created.Tickets ?? [])])
    expect(bodies.every((body) => touched.has(body.Id) && body.Action === 'Update')).toBe(true)
    expect(bodies.map((body) => body.SequenceNumber)).toEqual(bodies.map((_, index) => index + 1))
  })

  test('webhooks do not change the world: the same seed with and without them advances to the same records', () => {
    const plain = createSimWorld({ size: 'tiny', seed: 7, now: NOW })
    const watched = createSimWorld({ size: 'tiny', seed: 7, now: NOW })
    const webhooks = new SimWebhooks(watched)
    const kind = kindOf('TicketWebhooks')
    const id = webhooks.registry.create(kind, {
      Name: 'all',
      WebhookUrl: 'http://127.0.0.1:9/t',
      DeactivationUrl: 'http://127.0.0.1:9/d',
      SecretKey: SECRET,
      IsActive: true,
      IsSubscribedToUpdateEvents: true,
      SendThresholdExceededNotification: false,
    })
    for (const field of hookFields(watched, kind)) {
      webhooks.registry.addChild(kind, id, 'Fields', { FieldID: field.id, IsSubscribedField: true })
    }
    plain.advance(6 * HOUR)
    watched.advance(6 * HOUR)
    for (const entity of SIM_ENTITIES) expect(watched.records(entity)).toEqual(plain.records(entity))
    return webhooks.close()
  })
})

describe('delivery failures', () => {
  test('a failing receiver is retried, then the event is dropped into the error log; later events wait behind it', async () => {
    const sim = await desk()
    const hooks = await receiver((path) => (path === '/fail' ? 500 : 204))
    const id = await register(sim, { url: `${hooks.base}/fail`, events: ['Update'], subscribed: ['priority'] })
    const ticket = openTicket(sim.world)
    sim.webhooks.change('Tickets', ticket.id, { priority: 4 })
    sim.webhooks.change('Tickets', ticket.id, { priority: 3 })
    await sim.webhooks.whenIdle()

    const attempts = sim.webhooks.callouts().map((entry) => [entry.sequenceNumber, entry.attempt, entry.outcome])
    const tries = (sequence: number) =>
      [1, 2, 3, 4, 5].map((attempt) => [sequence, attempt, attempt === 5 ? 'dropped' : 'retrying'])
    expect(attempts).toEqual([...tries(1), ...tries(2)])
    expect(hooks.at('/fail')).toHaveLength(10)

    const log = await call(sim, 'POST', 'WebhookEventErrorLogs/query', {
      filter: [{ op: 'eq', field: 'ticketWebhookID', value: id }],
    })
    expect(log.body.items.map((row: { sequenceNumber: number }) => row.sequenceNumber)).toEqual([1, 2])
    expect(log.body.items[0].payload).toBe(hooks.at('/fail')[0]!.raw)
    expect(log.body.items[0].errorMessage).toContain('HTTP 500')
    // Still active: two failed events are far from 25.
    expect((await call(sim, 'GET', `TicketWebhooks/${id}`)).body.item.isActive).toBe(true)
  })

  test('25 failed events in a row switch the webhook off and call its deactivation URL, signed', async () => {
    const sim = await desk({ webhooks: { retryMs: 1 } })
    const hooks = await receiver((path) => (path === '/fail' ? 503 : 204))
    const id = await register(sim, {
      name: 'failing',
      url: `${hooks.base}/fail`,
      deactivationUrl: `${hooks.base}/gone`,
      events: ['Update'],
      subscribed: ['priority'],
    })
    const guid = (await call(sim, 'GET', `TicketWebhooks/${id}`)).body.item.webhookGUID
    const ticket = openTicket(sim.world)
    for (let i = 0; i < 26; i++) sim.webhooks.change('Tickets', ticket.id, { priority: i % 2 === 0 ? 4 : 1 })
    await sim.webhooks.whenIdle()

    expect(hooks.at('/fail')).toHaveLength(25 * 5) // the 26th event is forgotten with the webhook
    expect((await call(sim, 'GET', `TicketWebhooks/${id}`)).body.item.isActive).toBe(false)
    const [gone] = hooks.at('/gone')
    expect(hooks.at('/gone')).toHaveLength(1)
    expect(verifies(gone!)).toBe(true)
    expect(JSON.parse(gone!.raw)).toMatchObject({ Action: 'Deactivated', Guid: guid, EntityType: 'Ticket', Id: id })
    expect(sim.webhooks.outbox().map((mail) => mail.subject)).toEqual([
      'Autotask Callout - Error: failing',
      'Autotask Callout - Deactivated: failing',
    ])
    expect(sim.webhooks.outbox()[0]!.to[0]).toBe('ops@msp.example')

    // Inactive: a later change sends nothing.
    sim.webhooks.change('Tickets', ticket.id, { priority: 2 })
    await sim.webhooks.whenIdle()
    expect(hooks.at('/fail')).toHaveLength(125)
  })

  test('switching a webhook off by PATCH calls its deactivation URL; switched off, it sends nothing', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const id = await register(sim, {
      url: `${hooks.base}/t`,
      deactivationUrl: `${hooks.base}/gone`,
      subscribed: ['priority'],
    })
    expect(await call(sim, 'PATCH', 'TicketWebhooks', { id, IsActive: false })).toEqual({
      status: 200,
      body: { itemId: id },
    })
    sim.webhooks.change('Tickets', openTicket(sim.world).id, { priority: 4 })
    await sim.webhooks.whenIdle()
    expect(hooks.received.map((entry) => [entry.path, JSON.parse(entry.raw).Fields.Reason])).toEqual([
      ['/gone', 'Deactivated'],
    ])
  })

  test('over the hourly threshold deliveries wait, with a mail when they are delayed and one when they catch up', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z')
    const sim = await desk({ hourlyLimit: 4, clock: () => now })
    const hooks = await receiver()
    // Three requests register it; the fourth reaches the limit.
    const id = await register(sim, { name: 'busy', url: `${hooks.base}/t`, subscribed: ['priority'] })
    expect((await call(sim, 'GET', `TicketWebhooks/${id}`)).status).toBe(200)
    expect((await call(sim, 'GET', `TicketWebhooks/${id}`)).status).toBe(429)

    sim.webhooks.change('Tickets', openTicket(sim.world).id, { priority: 4 })
    await expect
      .poll(() => sim.webhooks.outbox().map((mail) => mail.subject))
      .toEqual(['Autotask Callout - Delayed: busy'])
    expect(hooks.received).toEqual([])

    now += HOUR + 1 // the rolling hour empties
    await sim.webhooks.whenIdle()
    expect(hooks.received).toHaveLength(1)
    expect(sim.webhooks.outbox().map((mail) => mail.subject)).toEqual([
      'Autotask Callout - Delayed: busy',
      'Autotask Callout - Caught up: busy',
    ])
  })

  test('deleting a webhook calls its deactivation URL', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const id = await register(sim, {
      url: `${hooks.base}/t`,
      deactivationUrl: `${hooks.base}/gone`,
      subscribed: ['status'],
    })
    expect(await call(sim, 'DELETE', `TicketWebhooks/${id}`)).toEqual({ status: 200, body: { itemId: id } })
    await sim.webhooks.whenIdle()
    expect(hooks.at('/gone').map((entry) => JSON.parse(entry.raw).Fields)).toEqual([
      { Name: 'roleboard-test', Reason: 'Deleted' },
    ])
    expect((await call(sim, 'GET', `TicketWebhooks/${id}`)).status).toBe(404)
  })

  test('closing the desk with a retry pending stops at once and sends nothing more', async () => {
    const hooks = await receiver(() => 500)
    const sim = await startSimulatedDesk({ world: { size: 'tiny', seed: 7, now: NOW }, webhooks: { retryMs: 60_000 } })
    await register(sim, { url: `${hooks.base}/t`, subscribed: ['priority'] })
    sim.webhooks.change('Tickets', openTicket(sim.world).id, { priority: 4 })
    await expect.poll(() => hooks.received.length).toBe(1)
    await sim.close()
    expect(hooks.received).toHaveLength(1)
  })
})

describe('fault modes', () => {
  test('duplicate delivery sends each delivered event twice, byte for byte', async () => {
    const sim = await desk()
    const hooks = await receiver()
    await register(sim, { url: `${hooks.base}/t`, subscribed: ['priority'] })
    expect((await control(sim, 'PUT', 'webhook-faults', { duplicate: true })).body).toEqual({
      faults: { duplicate: true, holdCreatesMs: 0 },
    })
    sim.webhooks.change('Tickets', openTicket(sim.world).id, { priority: 4 })
    await sim.webhooks.whenIdle()
    expect(hooks.received).toHaveLength(2)
    expect(hooks.received[1]!.raw).toBe(hooks.received[0]!.raw)
    expect(verifies(hooks.received[1]!)).toBe(true)
  })

  test('held Creates arrive after the Update made just after them (out of order across callout types)', async () => {
    const sim = await desk({ webhooks: { faults: { holdCreatesMs: 100 } } })
    const hooks = await receiver()
    await register(sim, { url: `${hooks.base}/t`, subscribed: ['priority'] })
    const ticket = sim.webhooks.create('Tickets', { title: 'Printer offline' })
    sim.webhooks.change('Tickets', ticket.id, { priority: 4 })
    await sim.webhooks.whenIdle()
    expect(hooks.received.map((entry) => [JSON.parse(entry.raw).Action, JSON.parse(entry.raw).SequenceNumber])).toEqual(
      [
        ['Update', 2],
        ['Create', 1],
      ],
    )
  })

  test('a forged deactivation arrives unsigned on the webhook URL', async () => {
    const sim = await desk()
    const hooks = await receiver()
    const id = await register(sim, { url: `${hooks.base}/t`, subscribed: ['priority'] })
    const forged = await control(sim, 'POST', 'forge-deactivation', { resource: 'TicketWebhooks', id })
    expect(forged.body.callout).toMatchObject({ kind: 'forged', status: 204, signature: null })
    expect(hooks.received).toHaveLength(1)
    expect(hooks.received[0]!.headers['x-hook-signature']).toBeUndefined()
    expect(JSON.parse(hooks.received[0]!.raw)).toMatchObject({ Action: 'Deactivated', Id: id, EntityType: 'Ticket' })
    // The webhook itself is untouched.
    expect((await call(sim, 'GET', `TicketWebhooks/${id}`)).body.item.isActive).toBe(true)
  })

  test('control API input errors are one line and change nothing', async () => {
    const sim = await desk()
    const ticket = openTicket(sim.world)
    const unknown = await control(sim, 'POST', 'change', {
      entity: 'Tickets',
      id: ticket.id,
      fields: { colour: 'red' },
    })
    expect(unknown).toEqual({ status: 400, body: { errors: ['Tickets has no field "colour" that can be set'] } })
    const readOnly = await control(sim, 'POST', 'change', {
      entity: 'Tickets',
      id: ticket.id,
      fields: { ticketNumber: 'T1' },
    })
    expect(readOnly.body.errors).toEqual(['Tickets.ticketNumber is read-only'])
    const missing = await control(sim, 'POST', 'change', { entity: 'Tickets', id: 1, fields: { status: 5 } })
    expect(missing.body.errors).toEqual(['there is no Tickets record 1'])
    expect(sim.world.get('Tickets', ticket.id)).toBe(ticket)
  })
})
