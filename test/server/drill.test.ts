import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { lastDays } from '../../kpi-library/time.js'
import { adminCookie, appOn, personToken, wallToken } from '../helpers/app-env.js'
import { storeConnectWiseWebUi } from '../helpers/connectwise-web.js'
import { BAKKERIJ, DAAN, DRILL_NOW, drillDb, GARAGE, NOTARIS, PROJECTS, SANNE, SERVICE_DESK } from './drill-fixture.js'

// GET /api/drill/...: the rows behind a tile's number for a window and filters, worked out by hand from the desk in
// drill-fixture.ts (Thursday 3 December 2026, 13:00 in Amsterdam).

async function setup() {
  const handle = await drillDb()
  const app = await appOn(handle, DRILL_NOW)
  const cookie = await adminCookie(app)
  const definition = (await app.inject({ url: '/api/dashboards/owner/definition', headers: { cookie } })).json()
  const tile = definition.tiles.find((candidate: { kpi: string }) => candidate.kpi === 'sla_compliance')
  expect(tile, 'the owner dashboard shows SLA compliance').toBeDefined()
  const get = (url: string, headers: Record<string, string> = { cookie }) => app.inject({ url, headers })
  return { app, handle, cookie, get, tileUrl: `/api/drill/roles/owner/tiles/${tile.id}` }
}

const ids = (body: { rows: Array<{ ticketId: number }> }) => body.rows.map((row) => row.ticketId)

describe('drill-down of SLA compliance', () => {
  test('each window gives the rows the KPI counts in it and its value over them, those that missed first', async () => {
    const { get, tileUrl } = await setup()
    // [window, tickets missed first then newest first, value]
    const cases: Array<[string, number[], number]> = [
      // Mon 30 Nov 00:00 local on: 1 met, 2 missed, 3 met (9 has no verdict): 2 of 3.
      ['window=this-week', [2, 1, 3], 66.7],
      // 23-29 Nov: 4 met, 5 and 8 (Sunday 23:30 local) missed: 1 of 3.
      ['window=last-week', [8, 5, 4], 33.3],
      // 1-3 Dec: 1 met, 2 missed.
      ['window=this-month', [2, 1], 50],
      // November: 3, 4 and 6 met; 5 and 8 missed: 3 of 5.
      ['window=last-month', [8, 5, 3, 4, 6], 60],
      // 1 Oct to now: the month's and November's and 11 (15 Oct): 5 of 8.
      ['window=this-quarter', [2, 8, 5, 1, 3, 4, 6, 11], 62.5],
      // July to September: 12 met (1 Jul), 7 missed; 13 (30 Jun 23:30 local) is the quarter before.
      ['window=last-quarter', [7, 12], 50],
      // The KPI's own: completed in the last 7 days, after 26 Nov 13:00: 1 and 3 met, 2, 5 and 8 missed.
      ['', [2, 8, 5, 1, 3], 40],
      ['window=default', [2, 8, 5, 1, 3], 40],
      // 25 to 30 Nov, both days whole: 4 and 3 met, 5 and 8 missed.
      ['from=2026-11-25&to=2026-11-30', [8, 5, 3, 4], 50],
    ]
    for (const [query, expected, value] of cases) {
      const answer = await get(`${tileUrl}?${query}`)
      expect(answer.statusCode, query).toBe(200)
      const body = answer.json()
      expect(ids(body), query).toEqual(expected)
      expect(body.total, query).toBe(expected.length)
      expect(body.value, query).toBeCloseTo(value, 1)
      expect(body.filteredValue, query).toBeNull()
    }
  })

  test("the default window's value is the tile's own, and a window gives what the engine gives for it", async () => {
    const { handle, get, tileUrl } = await setup()
    const engine = createKpiEngine({ db: handle.db, now: () => new Date(DRILL_NOW), cacheSize: 0 })
    const own = await engine.evaluate('sla_compliance', {})
    expect(own.kind === 'number' && own.value).toBe(40)
    expect((await get(tileUrl)).json().value).toBe(40)
    const window = lastDays(new Date(DRILL_NOW), 'Europe/Amsterdam', 7)
    const drilled = await engine.evaluateRows('sla_compliance', { window })
    expect(drilled.result.kind === 'number' && drilled.result.value).toBe(40)
    expect(drilled.rows.map((row) => row.ticketId).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 5, 8])
  })

  test("the tile's own window names the dates it touches, and a goal's path judges the drill-down as it judges the tile", async () => {
    const { app, cookie, get, tileUrl } = await setup()
    // The last 7 days at Thursday 3 Dec 13:00 began Thursday 26 Nov 13:00: the dates run from the 26th.
    expect((await get(tileUrl)).json().window).toMatchObject({
      preset: 'default',
      from: '2026-11-26',
      to: '2026-12-03',
    })
    // SLA compliance on a path over 2027 from 38 to 95: before its period it expects its start, 38, so the tile's 40%
    // is good against the path, where the fixed 95% would make it red; the drill-down judges it as the wall does.
    const goals = [{ kpi: 'sla_compliance', params: {}, target: 95, path: { period: '2027', start: 38 } }]
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/company-strip',
      headers: { cookie },
      payload: { goals },
    })
    expect(saved.statusCode).toBe(200)
    const body = (await get(tileUrl)).json()
    expect(body.target).toBe(38)
    expect(body.status).toBe('good')
  })

  test('a row names its ticket, company, engineer, queue, date and verdict, and opens in Autotask', async () => {
    const { handle, get, tileUrl } = await setup()
    await handle.db
      .insertInto('psa_source')
      .values({
        psa: 'autotask',
        kind: 'autotask',
        zone_url: null,
        web_url: 'https://ww5.autotask.net/',
        created_at: DRILL_NOW,
      })
      .execute()
    const body = (await get(`${tileUrl}?window=this-week&lang=nl`)).json()
    expect(body.rows[0]).toEqual({
      ticketId: 2,
      recordId: null,
      ticketNumber: 'T2026.2',
      title: 'Ticket 2',
      companyId: GARAGE,
      companyName: 'Garage De Vries',
      resourceId: DAAN,
      resourceName: 'Daan Smit',
      queueId: SERVICE_DESK,
      queueLabel: 'Service Desk',
      date: '2026-12-02T10:00:00.000Z',
      verdict: 'SLA gemist',
      bad: true,
      ticketUrl:
        'https://ww5.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=2',
    })
    expect(body.psa).toBe('autotask')
    expect(body.window).toEqual({
      preset: 'this-week',
      from: '2026-11-30',
      to: '2026-12-03',
      words: 'Deze week: 30 nov 2026 – 3 dec 2026',
    })
    expect(body.companies).toEqual([
      { id: BAKKERIJ, label: 'Bakkerij Jansen' },
      { id: GARAGE, label: 'Garage De Vries' },
    ])
    expect(body.resources).toEqual([
      { id: DAAN, label: 'Daan Smit' },
      { id: SANNE, label: 'Sanne Visser' },
    ])
    expect(body.queues.map((queue: { label: string }) => queue.label)).toEqual(['Projects', 'Service Desk'])
    const en = (await get(`${tileUrl}?from=2026-11-25&to=2026-11-30&lang=en`)).json()
    expect(en.window.words).toBe('25 Nov 2026 – 30 Nov 2026')
    expect(en.rows.find((row: { ticketId: number }) => row.ticketId === 4).verdict).toBe('SLA met')
  })

  test("on ConnectWise PSA a row opens on ConnectWise's service ticket page, and the answer says so", async () => {
    const { handle, get, tileUrl } = await setup()
    // Before any PSA's web UI is known: no links, and no PSA to name.
    const unlinked = (await get(`${tileUrl}?window=this-week`)).json()
    expect(unlinked.psa).toBeNull()
    expect(unlinked.rows[0].ticketUrl).toBeUndefined()
    await storeConnectWiseWebUi(handle.db, DRILL_NOW)
    const body = (await get(`${tileUrl}?window=this-week`)).json()
    expect(body.psa).toBe('connectwise')
    expect(body.rows[0]).toMatchObject({
      ticketId: 2,
      ticketUrl:
        'https://eu.myconnectwise.net/v2025_1/services/system_io/Service/fv_sr100_request.rails?service_recid=2&companyName=acme',
    })
  })

  test('filters narrow the rows and the value, recomputed by the KPI over the rows that remain', async () => {
    const { get, tileUrl } = await setup()
    const cases: Array<[string, number[], number | null]> = [
      // This week, Bakkerij Jansen: 1 met: 1 of 1.
      [`window=this-week&company=${BAKKERIJ}`, [1], 100],
      // This week, Daan: 2 missed.
      [`window=this-week&resource=${DAAN}`, [2], 0],
      // Last week, Projects: 4 met.
      [`window=last-week&queue=${PROJECTS}`, [4], 100],
      // This quarter, Garage De Vries and Sanne: 5 missed, 3 met.
      [`window=this-quarter&company=${GARAGE}&resource=${SANNE}`, [5, 3], 50],
      // Nobody's tickets: no value.
      [`window=this-week&company=${NOTARIS}`, [], null],
    ]
    for (const [query, expected, value] of cases) {
      const body = (await get(`${tileUrl}?${query}`)).json()
      expect(ids(body), query).toEqual(expected)
      expect(body.filteredValue, query).toBe(value)
      expect(body.recomputable, query).toBe(true)
    }
    // The menus offer what the window holds, whatever is filtered.
    const filtered = (await get(`${tileUrl}?window=this-week&company=${BAKKERIJ}`)).json()
    expect(filtered.companies.map((company: { id: number }) => company.id)).toEqual([BAKKERIJ, GARAGE])
    expect(filtered.value).toBeCloseTo(66.7, 1)
  })
})

describe('drill-down of positive CSAT', () => {
  test('a survey on no ticket is a row of its company, with nothing to open, counted by the filters and value', async () => {
    const { app, cookie, get } = await setup()
    const added = await app.inject({
      method: 'POST',
      url: '/api/dashboards/owner/tiles',
      headers: { cookie },
      payload: { kpi: 'csat_positive_30d' },
    })
    const tile = added.json().tiles.findLast((candidate: { kpi: string }) => candidate.kpi === 'csat_positive_30d')
    const url = `/api/drill/roles/owner/tiles/${tile.id}?window=this-week`
    const body = (await get(url)).json()
    // 72 (2) below 4 first, then 71 (5): 1 of 2 positive.
    expect(body.rows.map((row: { recordId: number }) => row.recordId)).toEqual([72, 71])
    expect(body.value).toBe(50)
    expect(body.rows[0]).toMatchObject({
      ticketId: null,
      ticketNumber: null,
      companyName: 'Garage De Vries',
      verdict: 'score 2',
      bad: true,
    })
    expect(body.rows[0].ticketUrl).toBeUndefined()
    expect(body.rows[1]).toMatchObject({ ticketId: 1, ticketNumber: 'T2026.1', companyName: 'Bakkerij Jansen' })
    const garage = (await get(`${url}&company=${GARAGE}`)).json()
    expect(garage.rows.map((row: { recordId: number }) => row.recordId)).toEqual([72])
    expect(garage.filteredValue).toBe(0)
  })
})

describe('drill-down access and input', () => {
  test("an admin, a wall of the tile's role, and a person for their own KPIs only", async () => {
    const { app, cookie, get, tileUrl } = await setup()
    expect((await get(tileUrl, {})).statusCode).toBe(401)
    const owner = await wallToken(app, cookie, 'owner')
    const engineer = await wallToken(app, cookie, 'engineer')
    const asOwner = await get(`${tileUrl}?window=this-week&token=${owner.token}`, {})
    expect(asOwner.statusCode).toBe(200)
    expect(asOwner.json().value).toBeCloseTo(66.7, 1)
    expect((await get(`${tileUrl}?token=${engineer.token}`, {})).statusCode).toBe(403)
    // Another role's tile under this role's address is not there.
    const engineerTiles = (await get('/api/dashboards/engineer/definition')).json().tiles
    expect((await get(`/api/drill/roles/owner/tiles/${engineerTiles[0].id}`)).statusCode).toBe(404)
    // A wall lists its tiles, marking those with a drill-down.
    const list = (await get(`/api/drill/roles/owner?token=${owner.token}`, {})).json()
    expect(list.tiles.find((tile: { kpi: string }) => tile.kpi === 'sla_compliance').drill).toBe(true)
    expect(list.tiles.some((tile: { drill: boolean }) => !tile.drill)).toBe(true)
    expect((await get(`/api/drill/roles/owner?token=${engineer.token}`, {})).statusCode).toBe(403)
    // A goal of the strip (every wall shows it): a wall may, a person may not.
    const goal = (await get('/api/company-strip')).json().goals[0]
    expect((await get(`/api/drill/goals/${goal.id}?token=${engineer.token}`, {})).statusCode).not.toBe(403)

    const sanne = await personToken(app, cookie, SANNE)
    const own = await get(`/api/drill/people/${SANNE}/kpis/sla_compliance?window=this-week&token=${sanne.token}`, {})
    expect(own.statusCode).toBe(200)
    // Sanne's this week: 1 and 3, both met.
    expect(ids(own.json())).toEqual([1, 3])
    expect(own.json().value).toBe(100)
    expect((await get(`/api/drill/people/${DAAN}/kpis/sla_compliance?token=${sanne.token}`, {})).statusCode).toBe(403)
    expect((await get(`${tileUrl}?token=${sanne.token}`, {})).statusCode).toBe(403)
    expect((await get(`/api/drill/goals/${goal.id}?token=${sanne.token}`, {})).statusCode).toBe(403)
    // Not a personal KPI: not hers to open.
    expect((await get(`/api/drill/people/${SANNE}/kpis/breach_rate_7d?token=${sanne.token}`, {})).statusCode).toBe(404)
  })

  test('bad input is refused in one line; a tile without a drill-down says so', async () => {
    const { get, tileUrl } = await setup()
    const refusals: Array<[string, string]> = [
      ['window=yesterday', ''],
      ['from=2026-02-30&to=2026-03-02', '2026-02-30 is not a date'],
      ['from=2026-11-30&to=2026-11-01', 'the range starts (2026-11-30) after it ends (2026-11-01)'],
      ['from=2024-01-01&to=2026-01-02', 'a range spans at most two years'],
      ['from=2026-11-01', 'a range needs both from and to (YYYY-MM-DD)'],
      ['from=2026-12-04&to=2026-12-05', 'the range starts after today (2026-12-03)'],
      ['window=last-week&from=2026-11-01&to=2026-11-02', 'give either a window or a from/to range, not both'],
      ['company=abc', ''],
      ['from=30-11-2026&to=2026-12-01', ''],
      ['colour=red', ''],
    ]
    for (const [query, message] of refusals) {
      const answer = await get(`${tileUrl}?${query}`)
      expect(answer.statusCode, query).toBe(400)
      const said = answer.json().message
      expect(said, query).not.toContain('\n')
      if (message) expect(said, query).toBe(message)
    }
    const list = (await get('/api/drill/roles/owner')).json()
    const plain = list.tiles.find((tile: { drill: boolean }) => !tile.drill)
    const none = await get(`/api/drill/roles/owner/tiles/${plain.tileId}`)
    expect(none.statusCode).toBe(404)
    expect(none.json().code).toBe('no_drill')
  })
})
