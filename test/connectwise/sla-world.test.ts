import { describe, expect, onTestFinished, test } from 'vitest'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import type { SimSize } from '../../connectors/autotask/simulator/store.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import type { DbHandle } from '../../db/index.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'
import { connectorFor, requestPaths, startDesk } from './sync-env.js'

// One world synced through Autotask, whose tickets carry the due times the world set, and through ConnectWise,
// whose connector works them out from each ticket's SLA, priority and creation on the SLA's calendar.

interface DueRow {
  id: number
  sla_id: number | null
  first_response_due_at: string | null
  resolution_plan_due_at: string | null
  resolved_due_at: string | null
}

export interface SyncedBothWays {
  autotask: Map<number, DueRow>
  connectWise: Map<number, DueRow>
  /** Tickets a contact wrote a note on: the customer answered, so the ticket may have waited on them. */
  answered: Set<number>
  /** The SLA setup requests of the ConnectWise sync. */
  setupRequests: string[]
}

export async function syncBothWays(size: SimSize, seed: number): Promise<SyncedBothWays> {
  const world = createSimWorld({ size, seed, now: SIM_NOW })
  const autotaskDesk = await startSim({ world })
  const connectWiseDesk = await startConnectWiseDesk({ world, requestsPerMinute: 0 })
  onTestFinished(() => connectWiseDesk.close())
  const viaAutotask = await openTempDb('autotask.sqlite')
  const viaConnectWise = await openTempDb('connectwise.sqlite')
  expect((await fastConnector(viaAutotask, autotaskDesk.credentials, 1).sync()).ok).toBe(true)
  expect((await connectorFor(viaConnectWise, connectWiseDesk.credentials).sync()).error).toBeUndefined()
  const setupRequests = requestPaths(connectWiseDesk).filter((path) => /^(service\/SLAs|schedule)/i.test(path))
  const notes = await viaAutotask.db
    .selectFrom('ticket_note')
    .select('ticket_id')
    .where('creator_contact_id', 'is not', null)
    .execute()
  return {
    autotask: await dueRows(viaAutotask),
    connectWise: await dueRows(viaConnectWise),
    answered: new Set(notes.map((note) => note.ticket_id)),
    setupRequests,
  }
}

async function dueRows(handle: DbHandle): Promise<Map<number, DueRow>> {
  const rows = await handle.db
    .selectFrom('ticket')
    .select(['id', 'sla_id', 'first_response_due_at', 'resolution_plan_due_at', 'resolved_due_at'])
    .execute()
  return new Map(rows.map((row) => [row.id, row]))
}

/** ConnectWise writes whole seconds; Autotask's instants have fractions. Compared to the second. */
export const toSecond = (instant: string | null) => instant?.slice(0, 19) ?? null

describe('SLA due times synced from ConnectWise', () => {
  test('a tiny world: every ticket falls due as through Autotask, the resolution too unless the customer answered', async () => {
    const { autotask, connectWise, answered, setupRequests } = await syncBothWays('tiny', 7)
    // The SLA setup is read once: the SLAs, each one's priorities, their one calendar and its holidays.
    expect(setupRequests.sort()).toEqual(
      [
        'service/SLAs',
        'service/SLAs/1/priorities',
        'service/SLAs/2/priorities',
        'service/SLAs/3/priorities',
        'schedule/calendars/1',
        'schedule/holidayLists/1/holidays',
      ].sort(),
    )
    expect([...connectWise.keys()].sort()).toEqual([...autotask.keys()].sort())
    let underSla = 0
    let compared = 0
    for (const [id, at] of autotask) {
      const cw = connectWise.get(id)!
      if (at.sla_id === null) {
        // Without an SLA neither PSA has due times.
        expect([id, cw.first_response_due_at, cw.resolution_plan_due_at, cw.resolved_due_at]).toEqual([
          id,
          null,
          null,
          null,
        ])
        continue
      }
      underSla++
      // A wait on the customer moves only the resolution's due time, and only once they answered.
      expect([id, toSecond(cw.first_response_due_at), toSecond(cw.resolution_plan_due_at)]).toEqual([
        id,
        toSecond(at.first_response_due_at),
        toSecond(at.resolution_plan_due_at),
      ])
      if (answered.has(id)) continue
      compared++
      expect([id, toSecond(cw.resolved_due_at)]).toEqual([id, toSecond(at.resolved_due_at)])
    }
    expect(underSla).toBeGreaterThan(20)
    expect(compared).toBeGreaterThan(underSla / 3)
  }, 120_000)

  test('a sync with no ticket changed reads no SLA setup and keeps the due times; one after a day reads it once', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const connector = connectorFor(handle, desk.credentials)
    await connector.sync()
    const before = await dueRows(handle)
    expect([...before.values()].filter((row) => row.resolved_due_at !== null).length).toBeGreaterThan(10)
    desk.sim.resetCounters()
    expect((await connector.sync()).ok).toBe(true)
    expect(requestPaths(desk).filter((path) => /^(service\/SLAs|schedule)/i.test(path))).toEqual([])
    expect(await dueRows(handle)).toEqual(before)

    desk.world.advance(86_400_000)
    desk.sim.resetCounters()
    expect((await connector.sync()).ok).toBe(true)
    expect(requestPaths(desk).filter((path) => path === 'service/SLAs')).toEqual(['service/SLAs'])
    const after = await dueRows(handle)
    const fresh = [...after.values()].filter((row) => !before.has(row.id) && row.sla_id !== null)
    expect(fresh.length).toBeGreaterThan(0)
    for (const row of fresh) {
      const ticket = desk.world.get('Tickets', row.id)!
      expect([row.id, toSecond(row.first_response_due_at)]).toEqual([
        row.id,
        toSecond(new Date(String(ticket.firstResponseDueDateTime)).toISOString()),
      ])
    }
  }, 120_000)
})
