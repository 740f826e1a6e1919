import { describe, expect, test } from 'vitest'
import { buildApp } from '../../server/app.js'
import { loadConfig } from '../../server/config.js'
import { ADMIN_PASSWORD, adminCookie, appWithData } from '../helpers/app-env.js'
import { SIM_NOW } from '../helpers/sync-env.js'

type Row = { rowKey: string; ticketId: number; resourceId: number; completedAt: string }

async function lowCsatRows(app: Awaited<ReturnType<typeof appWithData>>['app'], cookie: string): Promise<Row[]> {
  const wall = (await app.inject({ url: '/api/dashboards/service-manager', headers: { cookie } })).json()
  return wall.tiles.find((tile: { result: { id: string } }) => tile.result.id === 'csat_low_callback').result.rows
}

describe('acknowledging action rows', () => {
  test('a row marked "called back" leaves the list, is logged with who, when and note, and stays gone after a re-sync and a restart', async () => {
    const { app, handle, connector } = await appWithData({ size: 'small' })
    const cookie = await adminCookie(app)
    const rows = await lowCsatRows(app, cookie)
    expect(rows.length).toBeGreaterThan(0)
    const row = rows[0]!
    const ack = await app.inject({
      method: 'POST',
      url: '/api/acks',
      headers: { cookie },
      payload: {
        kpi: 'csat_low_callback',
        rowKey: row.rowKey,
        action: 'called back',
        note: 'Spoke to the contact, problem solved',
      },
    })
    expect(ack.statusCode, ack.body).toBe(201)
    expect((await lowCsatRows(app, cookie)).map((r) => r.rowKey)).not.toContain(row.rowKey)
    const log = (await app.inject({ url: '/api/acks?kpi=csat_low_callback', headers: { cookie } })).json().acks
    expect(log[0]).toMatchObject({
      rowKey: row.rowKey,
      mode: 'resolve',
      action: 'called back',
      note: 'Spoke to the contact, problem solved',
      by: 'admin',
      at: SIM_NOW.replace('Z', '.000Z'),
      undoneAt: null,
    })
    const secondTap = { kpi: 'csat_low_callback', rowKey: row.rowKey, note: 'Called again' }
    expect(
      (await app.inject({ method: 'POST', url: '/api/acks', headers: { cookie }, payload: secondTap })).statusCode,
    ).toBe(409)

    await connector.sync()
    await app.close()
    const restarted = await buildApp({
      config: { ...loadConfig({}), now: SIM_NOW },
      handle,
      version: 'test',
      adminPassword: ADMIN_PASSWORD,
    })
    const again = await adminCookie(restarted)
    const after = (
      await restarted.inject({ url: '/api/dashboards/service-manager', headers: { cookie: again } })
    ).json()
    const list = after.tiles.find((tile: { result: { id: string } }) => tile.result.id === 'csat_low_callback').result
    expect(list.rows.map((r: Row) => r.rowKey)).not.toContain(row.rowKey)
    await restarted.close()
  })

  test("an engineer acknowledges their own rows with a personal link, and not someone else's", async () => {
    const { app, handle } = await appWithData({ size: 'small' })
    const cookie = await adminCookie(app)
    const rows = await lowCsatRows(app, cookie)
    const mine = rows[0]!
    const other = rows.find((r) => r.resourceId !== mine.resourceId)
    const { token } = (
      await app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { kind: 'person', resourceId: mine.resourceId, name: 'My phone' },
      })
    ).json()
    const page = (await app.inject({ url: `/api/me/${mine.resourceId}?token=${token}` })).json()
    const myList = page.lists.find((list: { id: string }) => list.id === 'csat_low_callback')
    expect(myList.rows.every((r: Row) => r.resourceId === mine.resourceId)).toBe(true)
    expect((await app.inject({ url: `/api/me/${mine.resourceId + 1}?token=${token}` })).statusCode).toBe(403)
    if (other) {
      const refused = await app.inject({
        method: 'POST',
        url: `/api/acks?token=${token}`,
        payload: { kpi: 'csat_low_callback', rowKey: other.rowKey, note: 'Not mine' },
      })
      expect(refused.statusCode, refused.body).toBe(403)
    }
    const ok = await app.inject({
      method: 'POST',
      url: `/api/acks?token=${token}`,
      payload: { kpi: 'csat_low_callback', rowKey: mine.rowKey, note: 'Teruggebeld' },
    })
    expect(ok.statusCode, ok.body).toBe(201)
    // Named as the PSA names the person, not as their phone's link is called.
    const person = await handle.db
      .selectFrom('resource')
      .select(['first_name', 'last_name'])
      .where('id', '=', mine.resourceId)
      .executeTakeFirstOrThrow()
    expect(ok.json()).toMatchObject({
      by: `${person.first_name} ${person.last_name}`,
      byResourceId: mine.resourceId,
      action: 'Called back',
      mode: 'resolve',
    })
  })

  test('a row leaves by itself once the PSA shows the follow-up and a sync brings it in', async () => {
    const { app, sim, handle, connector } = await appWithData({ size: 'small' })
    const cookie = await adminCookie(app)
    const before = await lowCsatRows(app, cookie)
    expect(before.length).toBeGreaterThan(0)
    // The simulated engineers call back most low scores within days: let three days pass at the PSA.
    sim.world.advance(3 * 86_400_000)
    expect((await connector.sync()).ok).toBe(true)
    const after = new Set((await lowCsatRows(app, cookie)).map((r) => r.rowKey))
    const cleared = before.filter((r) => !after.has(r.rowKey))
    expect(cleared.length).toBeGreaterThan(0)
    // Each cleared row has, in the synced data, a time entry or a resource's note after its survey; each remaining one has none.
    const followUp = async (r: Row) => {
      const entries = await handle.db
        .selectFrom('time_entry')
        .select('id')
        .where('ticket_id', '=', r.ticketId)
        .where('created_at', '>', r.completedAt)
        .execute()
      const notes = await handle.db
        .selectFrom('ticket_note')
        .select('id')
        .where('ticket_id', '=', r.ticketId)
        .where('created_at', '>', r.completedAt)
        .where('creator_resource_id', 'is not', null)
        .execute()
      return entries.length + notes.length > 0
    }
    for (const r of cleared) expect(await followUp(r), `row ${r.rowKey}`).toBe(true)
    for (const r of before.filter((r) => after.has(r.rowKey))) expect(await followUp(r), `row ${r.rowKey}`).toBe(false)
  })
})
