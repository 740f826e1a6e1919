import { describe, expect, onTestFinished, test } from 'vitest'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import type { SimSize } from '../../connectors/autotask/simulator/store.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import type { DbHandle } from '../../db/index.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'
import { connectorFor } from './sync-env.js'

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
  const notes = await viaAutotask.db
    .selectFrom('ticket_note')
    .select('ticket_id')
    .where('creator_contact_id', 'is not', null)
    .execute()
  return {
    autotask: await dueRows(viaAutotask),
    connectWise: await dueRows(viaConnectWise),
    answered: new Set(notes.map((note) => note.ticket_id)),
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
    const { autotask, connectWise, answered } = await syncBothWays('tiny', 7)
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
})
