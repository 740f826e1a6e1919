import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { type KyselyPlugin, Migrator, type QueryId, SelectQueryNode, TableNode } from 'kysely'
import { describe, expect, test } from 'vitest'
import { createKysely, openSqlite } from '../../db/sqlite.js'
import { migrations } from '../../migrations/index.js'
import { adminCookie, appOn, personToken, wallToken } from '../helpers/app-env.js'
import { tempDir } from '../helpers/sync-env.js'
import { fixtureDb } from '../kpi/fixture.js'

// What a tap on an action row means (kpi-library ActionSpec.ack): 'take' marks the row as taken on
// every screen, 'resolve' (csat_low_callback) takes it off the list for everyone with a note, 'none'
// (risk lists) refuses. Expected values are worked out by hand from the desk below.

const NOW = '2026-03-04T10:00:00.000Z' // Wednesday 11:00 in Amsterdam; 72 hours back is 2026-03-01T10:00Z
const DAAN = 7
const EVA = 8

const DESK = {
  companies: [{ id: 10, name: 'Bakker B.V.' }],
  contacts: [{ id: 20, company_id: 10, first_name: 'Sanne', last_name: 'de Vries', phone: '+31 20 123 4567' }],
  resources: [
    { id: DAAN, first_name: 'Daan', last_name: 'Visser' },
    { id: EVA, first_name: 'Eva', last_name: 'Jansen' },
  ],
  // Open (status New) and idle for more than 72 hours: all three are on tickets_stale, the longest idle first.
  tickets: [
    {
      id: 1,
      number: 'T20260226.0001',
      title: 'Outlook start niet op',
      assigned_resource_id: DAAN,
      company_id: 10,
      contact_id: 20,
      last_activity_at: '2026-02-27T09:00:00.000Z',
    },
    {
      id: 2,
      number: 'T20260226.0002',
      title: 'VPN valt weg',
      assigned_resource_id: EVA,
      company_id: 10,
      contact_id: 20,
      last_activity_at: '2026-02-28T09:00:00.000Z',
    },
    {
      id: 3,
      number: 'T20260226.0003',
      title: 'Printer offline',
      assigned_resource_id: null,
      company_id: 10,
      contact_id: 20,
      last_activity_at: '2026-03-01T09:00:00.000Z',
    },
    // Idle for 30 hours: stale only on a tile that says so after 24.
    {
      id: 4,
      number: 'T20260302.0001',
      title: 'Scanner traag',
      assigned_resource_id: EVA,
      company_id: 10,
      contact_id: 20,
      last_activity_at: '2026-03-03T04:00:00.000Z',
    },
  ],
  // Three low scores in the last 7 days, none followed up in the PSA: lowest first, then newest: 103, 101, 102.
  surveys: [
    { id: 101, ticket_id: 1, company_id: 10, contact_id: 20, rating: 1, completed_at: '2026-03-03T15:00:00.000Z' },
    { id: 102, ticket_id: 2, company_id: 10, contact_id: 20, rating: 2, completed_at: '2026-03-02T15:00:00.000Z' },
    { id: 103, ticket_id: 3, company_id: 10, contact_id: 20, rating: 1, completed_at: '2026-03-04T08:00:00.000Z' },
  ],
}

// Row keys: a ticket row by its ticket and assignee, a call-back row by its survey.
const STALE_DAAN = 'ticketId=1;resourceId=7'
const STALE_EVA = 'ticketId=2;resourceId=8'
const STALE_NOBODY = 'ticketId=3'
const CALL_DAAN = 'surveyId=101'

type Row = { rowKey: string; surveyId?: number; ack: unknown }
type List = { id: string; count: number; status: string; context: string; rows: Row[] }
type Headers = Record<string, string>

async function openDesk() {
  const app: FastifyInstance = await appOn(await fixtureDb(DESK), NOW)
  const cookie = await adminCookie(app)
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const as = {
    admin: { cookie },
    daan: bearer((await personToken(app, cookie, DAAN, 'Telefoon Daan')).token),
    eva: bearer((await personToken(app, cookie, EVA, 'Telefoon Eva')).token),
    managerWall: bearer((await wallToken(app, cookie, 'service-manager')).token),
    engineerWall: bearer((await wallToken(app, cookie, 'engineer')).token),
  }
  return {
    app,
    as,
    async wall(headers: Headers, role: string, kpi: string): Promise<List> {
      const response = await app.inject({ url: `/api/dashboards/${role}`, headers })
      expect(response.statusCode, response.body).toBe(200)
      return response.json().tiles.find((tile: { result: { id: string } }) => tile.result.id === kpi).result
    },
    async phone(headers: Headers, resourceId: number, kpi: string): Promise<List> {
      const response = await app.inject({ url: `/api/me/${resourceId}`, headers })
      expect(response.statusCode, response.body).toBe(200)
      return response.json().lists.find((list: { id: string }) => list.id === kpi)
    },
    tap: (headers: Headers, payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/acks', headers, payload }),
    undo: (headers: Headers, id: number) => app.inject({ method: 'DELETE', url: `/api/acks/${id}`, headers }),
    log: async (kpi: string) => (await app.inject({ url: `/api/acks?kpi=${kpi}`, headers: { cookie } })).json().acks,
  }
}

const marks = (list: List) => list.rows.map((row) => [row.rowKey, row.ack])

/** Runs `meanwhile` once, right after the first read of the acknowledgement table itself (a tap's check). */
function afterFirstAckRead(meanwhile: () => void): KyselyPlugin {
  const reads = new Set<QueryId>()
  let done = false
  return {
    transformQuery({ node, queryId }) {
      const from = SelectQueryNode.is(node) ? node.from?.froms[0] : undefined
      if (from && TableNode.is(from) && from.table.identifier.name === 'acknowledgement') reads.add(queryId)
      return node
    },
    async transformResult({ result, queryId }) {
      if (!done && reads.has(queryId)) {
        done = true
        meanwhile()
      }
      return result
    },
  }
}

describe('take: "I\'m on it"', () => {
  test("an engineer's take shows with their name on the service manager's wall and on their phone, the count unchanged; undo restores it", async () => {
    const desk = await openDesk()
    const before = await desk.wall(desk.as.managerWall, 'service-manager', 'tickets_stale')
    // Three idle tickets (band 0 / 5: amber), one of them unassigned.
    expect(before).toMatchObject({
      count: 3,
      status: 'warn',
      context: '3 tickets had no activity for more than 3 days; 1 unassigned.',
    })
    expect(marks(before)).toEqual([
      [STALE_DAAN, null],
      [STALE_EVA, null],
      [STALE_NOBODY, null],
    ])

    const taken = await desk.tap(desk.as.daan, {
      kpi: 'tickets_stale',
      rowKey: STALE_DAAN,
      note: '  Klant gebeld, monteur komt morgen  ',
    })
    expect(taken.statusCode, taken.body).toBe(201)
    expect(taken.json()).toMatchObject({
      kpi: 'tickets_stale',
      rowKey: STALE_DAAN,
      mode: 'take',
      action: 'Update the customer or move it on',
      note: 'Klant gebeld, monteur komt morgen',
      by: 'Daan Visser',
      byKind: 'person',
      byResourceId: DAAN,
      resourceId: DAAN,
      at: NOW,
      undoneAt: null,
      undoneBy: null,
    })
    const mark = {
      id: taken.json().id,
      mode: 'take',
      by: 'Daan Visser',
      byResourceId: DAAN,
      at: NOW,
      note: 'Klant gebeld, monteur komt morgen',
    }

    // The wall polled before the tap; its next poll shows it. Nothing is hidden: count, status and sentence stay.
    const after = await desk.wall(desk.as.managerWall, 'service-manager', 'tickets_stale')
    expect(after).toMatchObject({ count: 3, status: 'warn', context: before.context })
    expect(marks(after)).toEqual([
      [STALE_DAAN, mark],
      [STALE_EVA, null],
      [STALE_NOBODY, null],
    ])
    const phone = await desk.phone(desk.as.daan, DAAN, 'tickets_stale')
    expect(phone).toMatchObject({ count: 1, context: '1 ticket of yours had no activity for more than 3 days.' })
    expect(marks(phone)).toEqual([[STALE_DAAN, mark]])

    // Eva can neither undo Daan's take nor take the row herself while he is on it.
    const evaUndo = await desk.undo(desk.as.eva, mark.id)
    expect(evaUndo.statusCode).toBe(403)
    expect(evaUndo.json().message).toBe('only the person who made it, or the administrator, can undo it')
    const evaTake = await desk.tap(desk.as.eva, { kpi: 'tickets_stale', rowKey: STALE_DAAN })
    expect(evaTake.statusCode).toBe(409)
    expect(evaTake.json().message).toBe(`Daan Visser is already on that row (since ${NOW})`)

    const undone = await desk.undo(desk.as.daan, mark.id)
    expect(undone.statusCode, undone.body).toBe(200)
    expect(undone.json()).toMatchObject({ id: mark.id, mode: 'take', undoneAt: NOW, undoneBy: 'Daan Visser' })
    expect((await desk.undo(desk.as.daan, mark.id)).statusCode).toBe(409)
    const restored = await desk.wall(desk.as.managerWall, 'service-manager', 'tickets_stale')
    expect(restored).toMatchObject({ count: 3, context: before.context })
    expect(marks(restored)).toEqual([
      [STALE_DAAN, null],
      [STALE_EVA, null],
      [STALE_NOBODY, null],
    ])
    expect(marks(await desk.phone(desk.as.daan, DAAN, 'tickets_stale'))).toEqual([[STALE_DAAN, null]])

    // Free again, the row is still Daan's: Eva may not take it, Daan may take it again.
    const evaAgain = await desk.tap(desk.as.eva, { kpi: 'tickets_stale', rowKey: STALE_DAAN })
    expect(evaAgain.statusCode).toBe(403)
    const again = await desk.tap(desk.as.daan, { kpi: 'tickets_stale', rowKey: STALE_DAAN })
    expect(again.statusCode, again.body).toBe(201)
    expect(again.json()).toMatchObject({ note: null, undoneAt: null })
    expect(again.json().id).toBeGreaterThan(mark.id)

    // The log keeps both, the undone one with who undid it and when.
    expect(
      (await desk.log('tickets_stale')).map((ack: { id: number; undoneAt: string | null; undoneBy: string | null }) => [
        ack.id,
        ack.undoneAt,
        ack.undoneBy,
      ]),
    ).toEqual([
      [again.json().id, null, null],
      [mark.id, NOW, 'Daan Visser'],
    ])
  })

  test("a row of nobody's can be taken by anyone (once); the admin can undo anyone's; a wall token never acks", async () => {
    const desk = await openDesk()
    const eva = await desk.tap(desk.as.eva, { kpi: 'tickets_stale', rowKey: STALE_NOBODY })
    expect(eva.statusCode, eva.body).toBe(201)
    expect(eva.json()).toMatchObject({ by: 'Eva Jansen', byResourceId: EVA, resourceId: null })
    const daan = await desk.tap(desk.as.daan, { kpi: 'tickets_stale', rowKey: STALE_NOBODY })
    expect(daan.statusCode).toBe(409)
    expect(daan.json().message).toBe(`Eva Jansen is already on that row (since ${NOW})`)

    // Walls are read-only: no tap, no undo.
    const wallTap = await desk.tap(desk.as.managerWall, { kpi: 'tickets_stale', rowKey: STALE_EVA })
    expect(wallTap.statusCode).toBe(403)
    expect(wallTap.json().message).toBe('a wall screen is read-only')
    expect((await desk.undo(desk.as.managerWall, eva.json().id)).statusCode).toBe(403)
    expect(
      (
        await desk.app.inject({
          method: 'POST',
          url: '/api/acks',
          payload: { kpi: 'tickets_stale', rowKey: STALE_EVA },
        })
      ).statusCode,
    ).toBe(401)

    const byAdmin = await desk.undo(desk.as.admin, eva.json().id)
    expect(byAdmin.json()).toMatchObject({ undoneAt: NOW, undoneBy: 'admin' })
    expect((await desk.undo(desk.as.admin, 999)).statusCode).toBe(404)
    // The engineers' wall shows the same list (its own tile), free again.
    expect(marks(await desk.wall(desk.as.engineerWall, 'engineer', 'tickets_stale'))).toEqual([
      [STALE_DAAN, null],
      [STALE_EVA, null],
      [STALE_NOBODY, null],
    ])
  })

  test('20 taps on one row at the same moment: exactly one is taken, the others hear who has it', async () => {
    const desk = await openDesk()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => desk.tap(desk.as.admin, { kpi: 'tickets_stale', rowKey: STALE_EVA })),
    )
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(1)
    expect(answers.filter((answer) => answer.statusCode === 409)).toHaveLength(19)
    expect(await desk.log('tickets_stale')).toHaveLength(1)
  })

  test('a tap that loses the race to another server process between its check and its write hears who won', async () => {
    // In one process the taps above run one after another; two processes on one file can both pass the
    // check. Here a second connection writes Eva's take right after this server's check found none.
    const handle = await fixtureDb(DESK)
    const other = openSqlite(handle.path)
    const app = await appOn(
      {
        ...handle,
        db: handle.db.withPlugin(
          afterFirstAckRead(() =>
            other
              .prepare(
                `insert into acknowledgement (kpi_id, row_key, mode, action, note, by_kind, by_name, by_resource_id, resource_id, row, created_at)
       values ('tickets_stale', ?, 'take', 'Update the customer or move it on', null, 'person', 'Eva Jansen', ?, ?, '{}', ?)`,
              )
              .run(STALE_EVA, EVA, EVA, NOW),
          ),
        ),
      },
      NOW,
    )
    try {
      const lost = await app.inject({
        method: 'POST',
        url: '/api/acks',
        headers: { cookie: await adminCookie(app) },
        payload: { kpi: 'tickets_stale', rowKey: STALE_EVA },
      })
      expect(lost.statusCode, lost.body).toBe(409)
      expect(lost.json().message).toBe(`Eva Jansen is already on that row (since ${NOW})`)
    } finally {
      other.close()
    }
  })

  test("the admin takes a row that only a wall tile's own parameters show", async () => {
    const desk = await openDesk()
    const definition = (
      await desk.app.inject({ url: '/api/dashboards/service-manager/definition', headers: desk.as.admin })
    ).json()
    const tile = definition.tiles.find((candidate: { kpi: string }) => candidate.kpi === 'tickets_stale')
    const changed = await desk.app.inject({
      method: 'PATCH',
      url: `/api/dashboards/service-manager/tiles/${tile.id}`,
      headers: desk.as.admin,
      payload: { params: { hours: 24 } },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    const scanner = 'ticketId=4;resourceId=8'
    const taken = await desk.tap(desk.as.admin, { kpi: 'tickets_stale', rowKey: scanner })
    expect(taken.statusCode, taken.body).toBe(201)
    // Idle after 24 hours: the three of before and ticket 4, the admin's take on it.
    const wall = await desk.wall(desk.as.managerWall, 'service-manager', 'tickets_stale')
    expect(marks(wall)).toEqual([
      [STALE_DAAN, null],
      [STALE_EVA, null],
      [STALE_NOBODY, null],
      [scanner, { id: taken.json().id, mode: 'take', by: 'admin', byResourceId: null, at: NOW, note: null }],
    ])
  })

  test('input is checked: unknown fields, an over-long note, a non-list KPI', async () => {
    const desk = await openDesk()
    expect((await desk.tap(desk.as.admin, { kpi: 'tickets_stale', rowKey: STALE_EVA, colour: 'red' })).statusCode).toBe(
      400,
    )
    expect(
      (await desk.tap(desk.as.admin, { kpi: 'tickets_stale', rowKey: STALE_EVA, note: 'x'.repeat(1001) })).statusCode,
    ).toBe(400)
    expect((await desk.tap(desk.as.admin, { kpi: 'tickets_open', rowKey: STALE_EVA })).json().message).toBe(
      'tickets_open is not an action list',
    )
    expect((await desk.tap(desk.as.admin, { kpi: 'tickets_stale', rowKey: 'ticketId=99' })).statusCode).toBe(404)
    expect((await desk.app.inject({ method: 'DELETE', url: '/api/acks/0', headers: desk.as.admin })).statusCode).toBe(
      400,
    )
  })
})

describe('none: risk lists', () => {
  test('a row of a risk list cannot be tapped away, by anyone', async () => {
    const desk = await openDesk()
    for (const kpi of [
      'sla_at_risk_2h',
      'sla_breached_open',
      'critical_not_picked_up_15m',
      'no_first_response',
      'kudos_feed',
    ]) {
      const refused = await desk.tap(desk.as.admin, { kpi, rowKey: 'ticketId=1;resourceId=7' })
      expect(refused.statusCode, kpi).toBe(400)
      expect(refused.json().message).toBe(
        `a row of ${kpi} cannot be marked: it leaves the list once the change reaches roleboard`,
      )
    }
    expect(
      (await desk.tap(desk.as.daan, { kpi: 'sla_at_risk_2h', rowKey: 'ticketId=1;resourceId=7' })).statusCode,
    ).toBe(400)
  })
})

describe('resolve: "Called back"', () => {
  test('needs a note; then the row is gone from every wall and the phone, count, status and sentence follow, the log says who, when and what; undo brings it back', async () => {
    const desk = await openDesk()
    const manager = await desk.wall(desk.as.managerWall, 'service-manager', 'csat_low_callback')
    // Three open call-backs: over the amber line of 2, red.
    expect(manager).toMatchObject({
      count: 3,
      status: 'bad',
      context: '3 to call back: all 3 low scores (2 or lower) of the last 7 days, none followed up yet.',
    })
    expect(manager.rows.map((row) => row.surveyId)).toEqual([103, 101, 102])
    expect((await desk.phone(desk.as.daan, DAAN, 'csat_low_callback')).count).toBe(1)

    for (const note of [undefined, '   ']) {
      const refused = await desk.tap(desk.as.daan, {
        kpi: 'csat_low_callback',
        rowKey: CALL_DAAN,
        ...(note === undefined ? {} : { note }),
      })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().message).toBe('"Called back" needs a note: what was said or agreed')
    }
    // Eva cannot mark Daan's call-back, note or not.
    expect(
      (await desk.tap(desk.as.eva, { kpi: 'csat_low_callback', rowKey: CALL_DAAN, note: 'Gebeld' })).statusCode,
    ).toBe(403)

    const called = await desk.tap(desk.as.daan, {
      kpi: 'csat_low_callback',
      rowKey: CALL_DAAN,
      note: 'Excuses aangeboden; Outlook opnieuw ingericht ',
    })
    expect(called.statusCode, called.body).toBe(201)
    const id = called.json().id

    // Gone for everyone; 2 open left (amber); the sentence still counts the 3 low scores.
    for (const [headers, role] of [
      [desk.as.managerWall, 'service-manager'],
      [desk.as.engineerWall, 'engineer'],
    ] as const) {
      const list = await desk.wall(headers, role, 'csat_low_callback')
      expect(list, role).toMatchObject({
        count: 2,
        status: 'warn',
        context: '2 to call back; 1 of the 3 low scores (2 or lower) of the last 7 days was followed up.',
      })
      expect(list.rows.map((row) => row.surveyId)).toEqual([103, 102])
    }
    const phone = await desk.phone(desk.as.daan, DAAN, 'csat_low_callback')
    expect(phone).toMatchObject({
      count: 0,
      rows: [],
      context: '0 to call back; the 1 low score (2 or lower) of the last 7 days was followed up.',
    })

    const [logged] = await desk.log('csat_low_callback')
    expect(logged).toMatchObject({
      id,
      rowKey: CALL_DAAN,
      mode: 'resolve',
      action: 'Called back',
      note: 'Excuses aangeboden; Outlook opnieuw ingericht',
      by: 'Daan Visser',
      byKind: 'person',
      byResourceId: DAAN,
      at: NOW,
      undoneAt: null,
      row: { surveyId: 101, ticketNumber: 'T20260226.0001', contactName: 'Sanne de Vries', rating: 1 },
    })
    // A second call-back of the same row hears who made the first.
    const second = await desk.tap(desk.as.admin, { kpi: 'csat_low_callback', rowKey: CALL_DAAN, note: 'Ook gebeld' })
    expect(second.statusCode).toBe(409)
    expect(second.json().message).toBe(`Daan Visser already marked that row "Called back" (at ${NOW})`)

    expect((await desk.undo(desk.as.admin, id)).json()).toMatchObject({ undoneAt: NOW, undoneBy: 'admin' })
    const back = await desk.wall(desk.as.managerWall, 'service-manager', 'csat_low_callback')
    expect(back).toMatchObject({
      count: 3,
      status: 'bad',
      context: '3 to call back: all 3 low scores (2 or lower) of the last 7 days, none followed up yet.',
    })
    expect(back.rows.map((row) => row.surveyId)).toEqual([103, 101, 102])
    expect((await desk.phone(desk.as.daan, DAAN, 'csat_low_callback')).count).toBe(1)
    expect((await desk.log('csat_low_callback'))[0]).toMatchObject({ id, undoneAt: NOW, undoneBy: 'admin' })
  })
})

describe('migration 025', () => {
  test('old acks: call-backs become resolves keyed by their survey, risk-list acks are undone, the rest become takes; one active ack per row', async () => {
    const db = createKysely(openSqlite(join(tempDir(), 'acks-024.sqlite')))
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
      expect((await migrator.migrateTo('024-kpi-indexes-v2')).error).toBeUndefined()
      const old = (id: number, kpi: string, rowKey: string, by: 'admin' | 'person', resourceId: number | null) => ({
        id,
        kpi_id: kpi,
        row_key: rowKey,
        action: 'Done',
        note: null,
        by_kind: by,
        by_name: by === 'admin' ? 'admin' : 'Telefoon Daan',
        resource_id: resourceId,
        row: '{}',
        created_at: '2026-03-01T09:00:00.000Z',
      })
      await db
        .insertInto('acknowledgement')
        .values([
          old(1, 'csat_low_callback', 'surveyId=101;ticketId=1;resourceId=7', 'person', 7),
          old(2, 'sla_at_risk_2h', 'ticketId=5;resourceId=8', 'admin', 8),
          old(3, 'tickets_stale', 'ticketId=1;resourceId=7', 'person', 7),
          old(4, 'csat_low_callback', 'surveyId=102;ticketId=2;resourceId=7', 'admin', 7),
          // The same survey after its ticket moved to Eva: one survey, so only the first stays active.
          old(5, 'csat_low_callback', 'surveyId=102;ticketId=2;resourceId=8', 'admin', 8),
        ] as never)
        .execute()
      const started = new Date().toISOString()
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const finished = new Date().toISOString()

      const rows = await db
        .selectFrom('acknowledgement')
        .select(['id', 'row_key', 'mode', 'by_resource_id', 'undone_at', 'undone_by'])
        .orderBy('id')
        .execute()
      const undoneAt = rows[1]!.undone_at!
      expect(undoneAt >= started && undoneAt <= finished).toBe(true)
      expect(rows).toEqual([
        { id: 1, row_key: 'surveyId=101', mode: 'resolve', by_resource_id: 7, undone_at: null, undone_by: null },
        {
          id: 2,
          row_key: 'ticketId=5;resourceId=8',
          mode: 'take',
          by_resource_id: null,
          undone_at: undoneAt,
          undone_by: 'migration 025',
        },
        {
          id: 3,
          row_key: 'ticketId=1;resourceId=7',
          mode: 'take',
          by_resource_id: 7,
          undone_at: null,
          undone_by: null,
        },
        { id: 4, row_key: 'surveyId=102', mode: 'resolve', by_resource_id: null, undone_at: null, undone_by: null },
        {
          id: 5,
          row_key: 'surveyId=102',
          mode: 'resolve',
          by_resource_id: null,
          undone_at: undoneAt,
          undone_by: 'migration 025',
        },
      ])

      const fresh = (kpi: string, rowKey: string) => ({
        ...old(0, kpi, rowKey, 'admin', null),
        id: undefined,
        mode: 'take' as const,
        by_resource_id: null,
        undone_at: null,
        undone_by: null,
      })
      // A second active ack of an active row is refused; one beside undone ones is not, and ids go on from the old ones.
      await expect(
        db.insertInto('acknowledgement').values(fresh('tickets_stale', 'ticketId=1;resourceId=7')).execute(),
      ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' })
      const added = await db
        .insertInto('acknowledgement')
        .values(fresh('sla_at_risk_2h', 'ticketId=5;resourceId=8'))
        .returning('id')
        .executeTakeFirstOrThrow()
      expect(added.id).toBe(6)
    } finally {
      await db.destroy()
    }
  })
})
