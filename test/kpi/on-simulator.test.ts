import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { ALL_KPIS } from '../../kpi-library/index.js'
import { ROLES } from '../../kpi-library/types.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'

describe('the library on synced simulator data', () => {
  test('every KPI evaluates for every role and for one engineer, and the call-back list says who to call about which ticket', async () => {
    const sim = await startSim({ size: 'small' })
    const handle = await openTempDb()
    expect((await fastConnector(handle, sim.credentials).sync()).ok).toBe(true)
    const engine = createKpiEngine({ db: handle.db, now: () => new Date(SIM_NOW) })
    const engineer = sim.world.records('Tickets').find((t) => typeof t.assignedResourceID === 'number')!
      .assignedResourceID as number
    for (const role of ROLES) {
      for (const kpi of ALL_KPIS) {
        const result = await engine.evaluate(kpi.id, { role, lang: role === 'engineer' ? 'nl' : 'en' })
        expect(result.context.length, `${kpi.id} for ${role}`).toBeGreaterThan(0)
      }
    }
    for (const kpi of ALL_KPIS.filter((k) => k.personal))
      await engine.evaluate(kpi.id, { role: 'engineer', me: engineer })

    const callBack = await engine.evaluate('csat_low_callback', { role: 'service-manager' })
    expect(callBack.kind).toBe('list')
    if (callBack.kind !== 'list') return
    expect(callBack.count).toBeGreaterThan(0)
    for (const row of callBack.rows) {
      expect(row, 'who to call').toMatchObject({
        contactName: expect.any(String),
        companyName: expect.any(String),
        ticketNumber: expect.stringMatching(/^T\d{8}\.\d{4}/),
      })
      expect(String(row.contactPhone ?? '')).toMatch(/\d{3}/)
      expect(row.rating as number).toBeLessThanOrEqual(2)
    }
  })
})
