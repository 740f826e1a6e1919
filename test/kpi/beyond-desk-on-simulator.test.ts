import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_CREDENTIALS, startSimulator } from '../../connectors/autotask/simulator/server.js'
import type { ApiRecord } from '../../connectors/autotask/simulator/store.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import { openDatabase } from '../../db/index.js'
import { createKpiEngine, type KpiEngine } from '../../kpi-library/engine.js'
import { fastConnector, SIM_NOW } from '../helpers/sync-env.js'
import { listRows } from './fixture.js'

// The assets, sales, invoice and project KPIs on synced `small` simulator data, each recomputed from
// the simulator's own records (what the PSA holds) by the KPI's stated rule: every row of a list meets
// its condition and every qualifying record is listed, and KPIs that share a quantity agree.

const TODAY = '2026-03-02' // SIM_NOW is Monday 2 March 2026, 10:00 in Amsterdam
const LAST_MONTH = { from: Date.parse('2026-01-31T23:00:00Z'), to: Date.parse('2026-02-28T23:00:00Z') } // February, local
const date = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 10))
const round2 = (n: number) => Math.round(n * 100) / 100

describe('assets, sales, invoices and projects on synced small simulator data', () => {
  let engine: KpiEngine
  let records: (
    entity:
      'ConfigurationItems' | 'Opportunities' | 'Quotes' | 'Invoices' | 'Projects' | 'Tasks' | 'TimeEntries' | 'Tickets',
  ) => readonly ApiRecord[]
  const kpi = async (id: string, options = {}) => engine.evaluate(id, options)

  // One world and one sync for the whole file (the helpers' per-test clean-up does not reach here).
  const cleanUp: Array<() => unknown> = []
  beforeAll(async () => {
    const world = createSimWorld({ size: 'small', seed: 42, now: SIM_NOW })
    const sim = await startSimulator({ world })
    cleanUp.push(() => sim.close())
    const dir = mkdtempSync(join(tmpdir(), 'roleboard-test-'))
    cleanUp.push(() => rmSync(dir, { recursive: true, force: true }))
    const handle = await openDatabase(join(dir, 'roleboard.sqlite'))
    cleanUp.unshift(() => handle.close())
    const credentials = {
      username: DEMO_CREDENTIALS.userName,
      secret: DEMO_CREDENTIALS.secret,
      integrationCode: DEMO_CREDENTIALS.integrationCode,
      discoveryUrl: sim.discoveryUrl,
    }
    expect((await fastConnector(handle, credentials).sync()).ok).toBe(true)
    engine = createKpiEngine({ db: handle.db, now: () => new Date(SIM_NOW) })
    records = (entity) => world.records(entity)
  }, 60_000)
  afterAll(async () => {
    for (const step of cleanUp) await step()
  })

  test("endpoints: one count on both tiles, the clients' active items", async () => {
    const active = records('ConfigurationItems').filter((ci) => ci.isActive === true && ci.companyID !== 0)
    const perTech = await kpi('endpoints_per_tech')
    const perEndpoint = await kpi('tickets_per_endpoint_month')
    expect(perTech.kind === 'number' && perEndpoint.kind === 'breakdown').toBe(true)
    if (perTech.kind !== 'number' || perEndpoint.kind !== 'breakdown') return
    expect(perEndpoint.items.reduce((sum, item) => sum + Number((item as { endpoints?: number }).endpoints), 0)).toBe(
      active.length,
    )
    expect(perTech.context).toContain(`${active.length} endpoints`)
    // Each client's February tickets (alerts left out) over its endpoints.
    for (const item of perEndpoint.items as unknown as Array<{ key: string; tickets: number; endpoints: number }>) {
      const company = Number(item.key)
      const tickets = records('Tickets').filter(
        (t) =>
          t.companyID === company &&
          t.ticketType !== 5 &&
          Date.parse(String(t.createDate)) >= LAST_MONTH.from &&
          Date.parse(String(t.createDate)) < LAST_MONTH.to,
      )
      expect(item.tickets, `company ${company}`).toBe(tickets.length)
      expect(item.endpoints, `company ${company}`).toBe(active.filter((ci) => ci.companyID === company).length)
    }
  })

  test('the pipeline is the open opportunities weighted; the win rate counts what was decided in 90 days', async () => {
    const opportunities = records('Opportunities')
    const open = opportunities.filter((o) => o.status === 1)
    const weighted = open.reduce((sum, o) => sum + (Number(o.amount) * Number(o.probability)) / 100, 0)
    expect(await kpi('sales_pipeline')).toMatchObject({ value: round2(weighted) })
    const after = Date.parse(SIM_NOW) - 90 * 86_400_000 // no DST switch in these 90 days
    const within = (stamp: unknown) =>
      stamp !== null && Date.parse(String(stamp)) > after && Date.parse(String(stamp)) <= Date.parse(SIM_NOW)
    const won = opportunities.filter((o) => (o.status === 3 || o.status === 4) && within(o.closedDate)).length
    const lost = opportunities.filter((o) => o.status === 2 && within(o.lostDate)).length
    expect(won + lost).toBeGreaterThan(0)
    expect(await kpi('win_rate_90d')).toMatchObject({ value: round2((100 * won) / (won + lost)) })
  })

  test('quotes_expiring lists exactly the active quotes of open opportunities running out within 14 days', async () => {
    const open = new Set(
      records('Opportunities')
        .filter((o) => o.status === 1)
        .map((o) => o.id),
    )
    const expected = records('Quotes')
      .filter(
        (q) =>
          q.isActive === true &&
          open.has(q.opportunityID as number) &&
          date(q.expirationDate)! >= TODAY &&
          date(q.expirationDate)! <= '2026-03-16',
      )
      .map((q) => q.id)
    const listed = listRows(await kpi('quotes_expiring')).map((row) => row.quoteId)
    expect(listed.length).toBeGreaterThan(0)
    expect([...listed].sort()).toEqual([...expected].sort())
  })

  test('what is owed is one number on the three invoice tiles, and the overdue list is exactly the late ones', async () => {
    const unpaid = records('Invoices').filter(
      (i) => i.paidDate === null && i.isVoided === false && date(i.invoiceDateTime)! <= TODAY,
    )
    const owed = unpaid.reduce((sum, i) => sum + Number(i.invoiceTotal), 0)
    expect(await kpi('ar_outstanding')).toMatchObject({ value: round2(owed) })
    const late = unpaid.filter((i) => date(i.dueDate)! < TODAY)
    const overdue = await kpi('invoices_overdue')
    expect([...listRows(overdue).map((row) => row.invoiceId)].sort()).toEqual(late.map((i) => i.id).sort())
    const invoiced = records('Invoices')
      .filter(
        (i) => i.isVoided === false && date(i.invoiceDateTime)! > '2025-12-02' && date(i.invoiceDateTime)! <= TODAY,
      )
      .reduce((sum, i) => sum + Number(i.invoiceTotal), 0)
    expect(await kpi('dso')).toMatchObject({ value: round2(owed / (invoiced / 90)) })
  })

  test('projects_over_budget lists exactly the open projects at 90% of their budget, by the hours on their tasks', async () => {
    const taskProject = new Map(records('Tasks').map((t) => [t.id, t.projectID as number]))
    const worked = new Map<number, number>()
    for (const e of records('TimeEntries')) {
      const project = e.taskID === null ? undefined : taskProject.get(e.taskID as number)
      if (project !== undefined) worked.set(project, (worked.get(project) ?? 0) + Number(e.hoursWorked))
    }
    const open = records('Projects').filter((p) => p.completedDateTime === null)
    expect(open.length).toBeGreaterThan(0)
    const expected = open.filter((p) => (worked.get(p.id) ?? 0) >= 0.9 * Number(p.estimatedTime)).map((p) => p.id)
    const result = await kpi('projects_over_budget')
    expect(
      listRows(result)
        .map((row) => row.projectId)
        .sort(),
    ).toEqual(expected.sort())
    for (const row of listRows(result)) expect(row.actualHours).toBe(round2(worked.get(row.projectId as number) ?? 0))
  })
})
