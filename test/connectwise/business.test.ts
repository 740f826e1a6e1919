import { describe, expect, test } from 'vitest'
import { isEditableWorld } from '../../connectors/autotask/simulator/store.js'
import type { DbHandle } from '../../db/index.js'
import { openTempDb } from '../helpers/sync-env.js'
import { connectorFor, garbledSite, requestPaths, startDesk } from './sync-env.js'

// Assets, sales, invoices and projects through ConnectWise, against the ConnectWise simulator over real HTTP: what
// the sync stores is the world's facts in the neutral model, record by record for one named record of each kind
// (tiny world, seed 3, at SIM_NOW), with each company's account manager read from its team.

/** Named records of the tiny world, seed 3. */
const WORLD = {
  retiredLaptop: 30100001,
  lostDeal: 30300001,
  wonDeal: 30300002,
  implementedDeal: 30300004,
  openDeal: 30300009,
  paidInvoice: 30500001,
  unpaidInvoice: 30500010,
  clientProject: 30600001,
  internalProject: 30600002,
  firstTask: 30700001,
}

async function row(
  handle: DbHandle,
  table: 'configuration_item' | 'opportunity' | 'invoice' | 'project' | 'task',
  id: number,
) {
  const { synced_at: _, ...rest } = await handle.db
    .selectFrom(table)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return rest
}

async function ids(handle: DbHandle, table: 'configuration_item' | 'opportunity' | 'invoice' | 'project' | 'task') {
  return (await handle.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id)
}

describe('ConnectWise assets, sales, invoices and projects', () => {
  test('a full sync stores every configuration, opportunity, invoice, project and project ticket, field by field', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const summary = await connectorFor(handle, desk.credentials).sync()
    expect(summary.error).toBeUndefined()
    expect(summary.ok).toBe(true)
    const world = desk.world
    const worldIds = (entity: 'ConfigurationItems' | 'Opportunities' | 'Invoices' | 'Projects' | 'Tasks') =>
      world.records(entity).map((r) => r.id)
    expect(await ids(handle, 'configuration_item')).toEqual(worldIds('ConfigurationItems'))
    expect(await ids(handle, 'opportunity')).toEqual(worldIds('Opportunities'))
    expect(await ids(handle, 'invoice')).toEqual(worldIds('Invoices'))
    expect(await ids(handle, 'project')).toEqual(worldIds('Projects'))
    expect(await ids(handle, 'task')).toEqual(worldIds('Tasks'))

    // A laptop replaced in 2024: inactive, so no longer an endpoint under management.
    expect(await row(handle, 'configuration_item', WORLD.retiredLaptop)).toEqual({
      id: WORLD.retiredLaptop,
      psa: 'connectwise',
      company_id: 174,
      contact_id: 30683002,
      product_id: null,
      ci_type: 1,
      category_id: null,
      name: 'TIM-LT099',
      serial_number: 'KW749001',
      is_active: 0,
      install_date: '2020-09-18',
      warranty_expires: '2023-09-18',
      created_at: '2020-09-18T10:48:07.000Z',
      last_modified_at: '2024-06-07T09:11:14.000Z',
    })
    const inactive = await handle.db.selectFrom('configuration_item').select('id').where('is_active', '=', 0).execute()
    expect(inactive.length).toBe(world.records('ConfigurationItems').filter((ci) => ci.isActive === false).length)

    // Lost on 12 December: ConnectWise's closed date is the lost date, as its status is a lost one.
    expect(await row(handle, 'opportunity', WORLD.lostDeal)).toEqual({
      id: WORLD.lostDeal,
      psa: 'connectwise',
      company_id: 178,
      contact_id: 30683041,
      owner_resource_id: 29682889,
      title: 'Managed Services Werkplek',
      status: 2,
      outcome: 'lost',
      stage: 3,
      category_id: null,
      // 2,900 a month for a year, from the forecast.
      amount: 34800,
      probability: 0,
      monthly_revenue: 2900,
      onetime_revenue: null,
      projected_close_date: '2025-11-24',
      created_at: '2025-09-26T12:15:15.000Z',
      closed_at: null,
      lost_at: '2025-12-12T15:06:15.000Z',
      loss_reason: null,
      win_reason: null,
      last_activity_at: '2025-12-12T15:06:15.000Z',
    })
    // Won: one-off laptops.
    expect(await row(handle, 'opportunity', WORLD.wonDeal)).toMatchObject({
      status: 3,
      outcome: 'won',
      amount: 8500,
      monthly_revenue: null,
      onetime_revenue: 8500,
      probability: 100,
      closed_at: '2025-11-28T13:35:17.000Z',
      lost_at: null,
    })
    // Won and implemented later: still won on its closed date, not its last update.
    expect(await row(handle, 'opportunity', WORLD.implementedDeal)).toMatchObject({
      status: 4,
      outcome: 'won',
      amount: 5400,
      monthly_revenue: 450,
      closed_at: '2025-11-13T11:48:54.000Z',
      lost_at: null,
      last_activity_at: '2026-01-08T12:16:41.000Z',
    })
    expect(await row(handle, 'opportunity', WORLD.openDeal)).toMatchObject({
      status: 1,
      outcome: 'open',
      amount: 6600,
      probability: 50,
      projected_close_date: '2026-05-05',
      closed_at: null,
      lost_at: null,
    })

    // Paid on 27 October: nothing left to pay, last updated that day.
    expect(await row(handle, 'invoice', WORLD.paidInvoice)).toEqual({
      id: WORLD.paidInvoice,
      psa: 'connectwise',
      company_id: 175,
      number: 'F2025-00001',
      invoice_date: '2025-10-01',
      due_date: '2025-10-31',
      paid_date: '2025-10-27',
      total: 1076.9,
      tax: 186.9,
      payment_term: 2,
      is_voided: 0,
      voided_at: null,
      created_at: '2025-10-01T06:47:47.000Z',
    })
    expect(await row(handle, 'invoice', WORLD.unpaidInvoice)).toMatchObject({ paid_date: null, total: 446.49 })

    expect(await row(handle, 'project', WORLD.clientProject)).toEqual({
      id: WORLD.clientProject,
      psa: 'connectwise',
      company_id: 182,
      contract_id: 29684117,
      lead_resource_id: 29682895,
      name: 'Project migratie Microsoft 365',
      // ConnectWise shows a project by its id.
      number: String(WORLD.clientProject),
      project_type: 5,
      status: 2,
      estimated_hours: 142,
      start_date: '2026-02-23',
      end_date: '2026-03-28',
      completed_at: null,
      created_at: '2026-02-23T08:18:51.000Z',
      last_activity_at: '2026-02-23T16:17:00.000Z',
    })
    // The MSP's own project is on its own company, as in Autotask.
    expect(await row(handle, 'project', WORLD.internalProject)).toMatchObject({ company_id: 0, contract_id: null })
    expect(await row(handle, 'task', WORLD.firstTask)).toEqual({
      id: WORLD.firstTask,
      psa: 'connectwise',
      project_id: WORLD.clientProject,
      title: 'Inventarisatie en plan van aanpak',
      number: String(WORLD.firstTask),
      status: 8,
      assigned_resource_id: 29682895,
      estimated_hours: 22,
      // ConnectWise keeps no hours still planned.
      remaining_hours: null,
      is_billable: 1,
      start_at: '2026-02-23T08:00:00.000Z',
      end_at: '2026-03-28T16:00:00.000Z',
      completed_at: null,
      created_at: '2026-02-23T08:19:51.000Z',
      last_activity_at: '2026-02-27T15:18:00.000Z',
    })
    // Time charged to the project ticket is the task's: 1 + 4 + 2 + 1.5 + 3 hours.
    const taskTime = await handle.db
      .selectFrom('time_entry')
      .select(['id', 'hours_worked'])
      .where('task_id', '=', WORLD.firstTask)
      .orderBy('id')
      .execute()
    expect(taskTime.map((entry) => entry.id)).toEqual([40005, 40038, 40198, 40240, 40286])
    expect(taskTime.reduce((sum, entry) => sum + entry.hours_worked, 0)).toBe(11.5)
  })

  test("each company's account manager is the member its team flags so", async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    expect((await connectorFor(handle, desk.credentials).sync()).ok).toBe(true)
    const companies = await handle.db.selectFrom('company').select(['id', 'owner_resource_id']).orderBy('id').execute()
    expect(companies.find((c) => c.id === 174)?.owner_resource_id).toBe(29682885)
    expect(companies.find((c) => c.id === 175)?.owner_resource_id).toBe(29682889)
    // Every company the world gives an owner has it as account manager (the MSP's own, id 0, is never listed).
    const owners = new Map(desk.world.records('Companies').map((c) => [c.id, c.ownerResourceID ?? null]))
    for (const company of companies)
      expect(company.owner_resource_id, `company ${company.id}`).toBe(owners.get(company.id))
    // One team request per company.
    const teams = requestPaths(desk).filter((path) => /^company\/companies\/\d+\/teams$/.test(path))
    expect(teams.length).toBe(companies.length)
  })

  test('an incremental sync reads teams and forecasts only of what changed', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const connector = connectorFor(handle, desk.credentials)
    await connector.sync()
    const related = (path: string) =>
      /^company\/companies\/\d+\/teams$|^sales\/opportunities\/(\d+\/forecast|statuses)$/.test(path)

    // Nothing changed: one request a list, no team, forecast or status read, and the stored facts stay.
    desk.sim.resetCounters()
    expect((await connector.sync()).ok).toBe(true)
    expect(requestPaths(desk).filter(related)).toEqual([])
    expect(requestPaths(desk)).toEqual(
      expect.arrayContaining([
        'company/configurations',
        'sales/opportunities',
        'finance/invoices',
        'project/projects',
        'project/tickets',
      ]),
    )
    expect(await row(handle, 'opportunity', WORLD.lostDeal)).toMatchObject({ amount: 34800, monthly_revenue: 2900 })
    expect(
      (
        await handle.db
          .selectFrom('company')
          .select('owner_resource_id')
          .where('id', '=', 174)
          .executeTakeFirstOrThrow()
      ).owner_resource_id,
    ).toBe(29682885)

    // A week on, with an account manager handed over and a laptop switched off by hand: the opportunities and
    // companies that are new or changed have their forecast and team read, no others.
    const stamps = async (table: 'opportunity' | 'company') =>
      new Map(
        (
          (await handle.db.selectFrom(table).selectAll().execute()) as Array<{
            id: number
            last_activity_at?: string | null
            last_modified_at?: string | null
          }>
        ).map((r) => [r.id, r.last_activity_at ?? r.last_modified_at ?? null]),
      )
    const dealsBefore = await stamps('opportunity')
    const companiesBefore = await stamps('company')
    const world = desk.world
    if (!isEditableWorld(world)) throw new Error('the desk world is not editable')
    world.advance(7 * 86_400_000)
    world.edit('Companies', 174, { ownerResourceID: 29682889 }, 29682885)
    const laptop = world.records('ConfigurationItems').find((ci) => ci.companyID === 175 && ci.isActive === true)!
    world.edit('ConfigurationItems', laptop.id, { isActive: false }, 29682885)
    desk.sim.resetCounters()
    const summary = await connector.sync()
    expect(summary.error).toBeUndefined()
    const changedSince = (before: Map<number, string | null>, after: Map<number, string | null>) =>
      [...after].filter(([id, stamp]) => before.get(id) !== stamp).map(([id]) => id)
    const changedDeals = changedSince(dealsBefore, await stamps('opportunity'))
    const changedCompanies = changedSince(companiesBefore, await stamps('company'))
    expect(changedDeals.length).toBeGreaterThan(0)
    expect(changedCompanies).toContain(174)
    const readFor = (pattern: RegExp) =>
      requestPaths(desk)
        .filter((path) => pattern.test(path))
        .map((path) => Number(path.split('/')[2]))
        .sort((a, b) => a - b)
    expect(readFor(/^sales\/opportunities\/\d+\/forecast$/)).toEqual(changedDeals.sort((a, b) => a - b))
    expect(readFor(/^company\/companies\/\d+\/teams$/)).toEqual(changedCompanies.sort((a, b) => a - b))
    expect(requestPaths(desk).filter((path) => path === 'sales/opportunities/statuses').length).toBe(1)
    expect(await ids(handle, 'opportunity')).toEqual(world.records('Opportunities').map((o) => o.id))
    const owner = await handle.db
      .selectFrom('company')
      .select('owner_resource_id')
      .where('id', '=', 174)
      .executeTakeFirstOrThrow()
    expect(owner.owner_resource_id).toBe(29682889)
    expect(await row(handle, 'configuration_item', laptop.id)).toMatchObject({ is_active: 0 })
  })

  test('a deal on Not Ready To Buy, a status closed but neither won nor lost, is out of the pipeline with no lost date', async () => {
    // Seed 1's tiny world has two such deals.
    const desk = await startDesk(1)
    const handle = await openTempDb()
    expect((await connectorFor(handle, desk.credentials).sync()).ok).toBe(true)
    const shelved = desk.world.records('Opportunities').filter((o) => o.status === 0)
    expect(shelved.length).toBe(2)
    const rows = await handle.db
      .selectFrom('opportunity')
      .select(['outcome', 'closed_at', 'lost_at'])
      .where(
        'id',
        'in',
        shelved.map((o) => o.id),
      )
      .execute()
    expect(rows).toEqual([
      { outcome: 'lost', closed_at: null, lost_at: null },
      { outcome: 'lost', closed_at: null, lost_at: null },
    ])
  })

  test("a callback's re-read of a company or an opportunity keeps its account manager and revenue", async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const connector = connectorFor(handle, desk.credentials)
    await connector.sync()
    const world = desk.world
    if (!isEditableWorld(world)) throw new Error('the desk world is not editable')
    // Company 174's account manager handed over to 29682889; company 175 and the lost deal unchanged.
    world.edit('Companies', 174, { ownerResourceID: 29682889 }, 29682885)
    desk.sim.resetCounters()
    expect(await connector.refresh('Companies', [174, 175])).toMatchObject({ ok: true })
    expect(await connector.refresh('Opportunities', [WORLD.lostDeal])).toMatchObject({ ok: true })
    const owners = await handle.db
      .selectFrom('company')
      .select(['id', 'owner_resource_id'])
      .where('id', 'in', [174, 175])
      .orderBy('id')
      .execute()
    expect(owners).toEqual([
      { id: 174, owner_resource_id: 29682889 },
      { id: 175, owner_resource_id: 29682889 },
    ])
    expect(await row(handle, 'opportunity', WORLD.lostDeal)).toMatchObject({
      amount: 34800,
      outcome: 'lost',
      lost_at: '2025-12-12T15:06:15.000Z',
    })
    // Only the changed company's team was read again.
    expect(requestPaths(desk).filter((path) => /teams|forecast/.test(path))).toEqual(['company/companies/174/teams'])
  })

  test('a malformed forecast fails the opportunities page in one line and stores none of it', async () => {
    const desk = await startDesk()
    const handle = await openTempDb()
    const site = await garbledSite(desk, (url, body) =>
      url.split('?')[0]!.endsWith(`/sales/opportunities/${WORLD.wonDeal}/forecast`) ? { forecastItems: 'none' } : body,
    )
    const summary = await connectorFor(handle, site).sync()
    expect(summary.ok).toBe(false)
    const opportunities = summary.results.find((result) => result.entity === 'Opportunities')!
    expect(opportunities.error?.code).toBe('malformed_record')
    expect(opportunities.error?.message).toBe(`OpportunityForecast ${WORLD.wonDeal}: field forecastItems is not a list`)
    expect(await ids(handle, 'opportunity')).toEqual([])
    // The other entities went on.
    expect((await ids(handle, 'invoice')).length).toBe(desk.world.records('Invoices').length)
  })
})
