import { describe, expect, test } from 'vitest'
import { createConnectWiseConnector } from '../../connectors/connectwise/index.js'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import { createSmileBackConnector } from '../../connectors/smileback/index.js'
import { startWorldSmileBack } from '../../connectors/smileback/simulator/start.js'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { ALL_KPIS } from '../../kpi-library/index.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { LIMITS_OF_PSA } from '../../db/psa-model.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'

// Acceptance of issue 16: one seeded world, synced once through Autotask's protocol and once through ConnectWise's
// (each with SmileBack's reviews of it, where CSAT comes from on ConnectWise), gives every KPI of the library the same
// answer. What each PSA writes differently is read as the same: a ticket's number (Autotask's T-number, ConnectWise's
// id) and the precision of an instant (ConnectWise's API gives whole seconds). Where ConnectWise's API cannot tell
// what a KPI reads (db/psa-model.ts LIMITS_OF_PSA), the KPI declares how it differs and its tile says so: those are
// checked for the note, not for the number.

describe('the same world through either PSA', () => {
  test('every KPI gives the same answer synced through Autotask and through ConnectWise', async () => {
    const world = createSimWorld({ size: 'small', seed: 7, now: SIM_NOW })
    const autotask = await startSim({ world })
    // Unthrottled: this test is about answers; throttling has tests of its own.
    const connectWise = await startConnectWiseDesk({ world, requestsPerMinute: 0 })
    const smileBack = await startWorldSmileBack(world)
    try {
      const viaAutotask = await openTempDb('autotask.sqlite')
      const viaConnectWise = await openTempDb('connectwise.sqlite')
      expect((await fastConnector(viaAutotask, autotask.credentials).sync()).ok).toBe(true)
      const summary = await createConnectWiseConnector(viaConnectWise, {
        credentials: connectWise.credentials,
        retry: { baseDelayMs: 5, maxDelayMs: 40 },
        governor: { limitPerMinute: 1_000_000, share: 1 },
      }).sync()
      expect(summary.error?.message ?? null).toBeNull()
      for (const handle of [viaAutotask, viaConnectWise]) {
        const reviews = createSmileBackConnector(handle, { credentials: smileBack.credentials })
        expect((await reviews.sync({ full: true }))?.ok).toBe(true)
        reviews.stop()
      }

      // What ConnectWise shows as a ticket's or an agreement's number is its id.
      const numbers = new Map([
        ...world.records('Tickets').map((t) => [String(t.ticketNumber), String(t.id)] as const),
        ...world.records('Contracts').map((c) => [String(c.contractNumber), String(c.id)] as const),
      ])
      const same = (result: KpiResult) =>
        JSON.parse(
          JSON.stringify(result)
            .replace(/\b(T\d{8}\.\d{4}|C\d{4}-\d+)\b/g, (n) => numbers.get(n) ?? n)
            .replace(/(T\d{2}:\d{2}:\d{2})\.\d{3}Z/g, '$1.000Z'),
        ) as KpiResult
      const at = createKpiEngine({ db: viaAutotask.db, now: () => new Date(SIM_NOW), cacheSize: 0 })
      const cw = createKpiEngine({ db: viaConnectWise.db, now: () => new Date(SIM_NOW), cacheSize: 0 })
      const differ: string[] = []
      const noted: string[] = []
      for (const kpi of ALL_KPIS) {
        const a = same(await at.evaluate(kpi.id, { role: kpi.roles[0]! }))
        const c = same(await cw.evaluate(kpi.id, { role: kpi.roles[0]! }))
        const notes = LIMITS_OF_PSA.connectwise!.flatMap((limit) => kpi.differs?.[limit]?.en ?? [])
        if (notes.length > 0) {
          // Counted otherwise on ConnectWise, and the tile says how; on Autotask without the note.
          expect(c.window, kpi.id).toBe(`${a.window} · ${notes.join(' · ')}`)
          noted.push(kpi.id)
          continue
        }
        const where = firstDifference(a, c)
        if (where !== null) differ.push(`${kpi.id}${where}`)
      }
      expect(differ).toEqual([])
      expect(noted.sort()).toEqual([
        'breach_rate_7d',
        'quotes_expiring',
        'resolution_plan_overdue',
        'sla_at_risk_2h',
        'sla_breached_open',
      ])
    } finally {
      await smileBack.close()
      await connectWise.close()
    }
  }, 120_000)
})

/** Where two answers first differ (`.rows[3].resourceName: 7 <> null`), or null when they are the same. */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null
  // A duration from instants ConnectWise gives in whole seconds may round to the next hundredth.
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 0.0100001) return null
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${JSON.stringify(a)} <> ${JSON.stringify(b)}`
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array <> object`
  const keys = Array.isArray(a)
    ? [...Array(Math.max(a.length, (b as unknown[]).length)).keys()]
    : [...new Set([...Object.keys(a), ...Object.keys(b)])]
  for (const key of keys) {
    if (key === 'asOf') continue
    const here = firstDifference(
      (a as never)[key],
      (b as never)[key],
      `${path}${Array.isArray(a) ? `[${key}]` : `.${key}`}`,
    )
    if (here !== null) return here
  }
  return null
}
