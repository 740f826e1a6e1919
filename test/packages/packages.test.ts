import { describe, expect, test } from 'vitest'
import Ajv2020 from 'ajv/dist/2020.js'
import { readFileSync } from 'node:fs'
import { DEFAULT_ROLES, DEFAULT_STRIP } from '../../server/defaults.js'
import { HttpError } from '../../server/errors.js'
import { addTile, changeTile, getDashboard, removeTile } from '../../server/services/dashboards.js'
import {
  diffPackage,
  exportPackage,
  importPackage,
  listInstalled,
  renderPlan,
  satisfies,
  upgradePackage,
} from '../../server/services/packages/index.js'
import { clone, defaultsDb, example, NOW, snapshot, tilesOf } from './env.js'

const LATER = '2026-03-09T09:00:00.000Z'

describe('export', () => {
  test('the default dashboards export as a package of every role, the strip and the KPIs they need', async () => {
    const { db } = await defaultsDb()
    const pkg = await exportPackage(db, { name: 'demo-set', version: '1.0.0', author: 'A Consultant' })
    expect(pkg).toMatchObject({
      format: 'roleboard-package',
      formatVersion: 1,
      name: 'demo-set',
      version: '1.0.0',
      author: 'A Consultant',
    })
    expect(pkg.roles.map((role) => role.id)).toEqual(DEFAULT_ROLES.map((role) => role.id))
    const engineer = pkg.roles.find((role) => role.id === 'engineer')!
    expect(engineer).toMatchObject({ name: { en: 'Engineer', nl: 'Engineer' }, title: 'Service desk wall' })
    expect(engineer.tiles.map((tile) => tile.kpi)).toEqual(DEFAULT_ROLES.find((role) => role.id === 'engineer')!.tiles)
    expect(engineer.tiles[0]).toEqual({
      key: 'tickets_created_today',
      kpi: 'tickets_created_today',
      params: {},
      target: null,
      warn: null,
      size: 'm',
    })
    expect(pkg.strip!.map((goal) => goal.kpi)).toEqual(DEFAULT_STRIP.map((goal) => goal.kpi))
    expect(pkg.kpis.tickets_open).toBe('^2.0.0')
    const used = new Set([
      ...pkg.roles.flatMap((role) => role.tiles.map((tile) => tile.kpi)),
      ...pkg.strip!.map((goal) => goal.kpi),
    ])
    expect(Object.keys(pkg.kpis).sort()).toEqual([...used].sort())
    const subset = await exportPackage(db, { roles: ['finance'], strip: false })
    expect(subset.roles.map((role) => role.id)).toEqual(['finance'])
    expect(subset.strip).toBeUndefined()
    await expect(exportPackage(db, { roles: ['nobody'] })).rejects.toThrow(
      'there is no dashboard for the role "nobody"',
    )
    await expect(exportPackage(db, { name: 'Not Kebab' })).rejects.toThrow(/name must be kebab-case/)
  })

  test('the export and the shipped examples validate against the published schema', async () => {
    const schema = JSON.parse(readFileSync(new URL('../../docs/package.schema.json', import.meta.url), 'utf8'))
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const validate = new Ajv2020.default({ strict: true }).compile(schema)
    const { db } = await defaultsDb()
    for (const pkg of [
      await exportPackage(db),
      example('service-desk-starter'),
      example('finance-pack'),
      example('management-pack'),
    ]) {
      expect(validate(pkg), JSON.stringify(validate.errors)).toBe(true)
    }
    expect(example('service-desk-starter').roles.map((role) => role.id)).toEqual([
      'service-manager',
      'team-lead',
      'engineer',
    ])
    expect(example('finance-pack').roles.map((role) => role.id)).toEqual(['finance'])
    expect(example('management-pack').roles.map((role) => role.id)).toEqual(['owner', 'integrator', 'account-manager'])
  })
})

describe('import', () => {
  test('round trip: an export imported into a second database gives the same dashboards and strip', async () => {
    const a = await defaultsDb('a.sqlite')
    await changeTile(
      a.db,
      'engineer',
      (await getDashboard(a.db, 'engineer'))!.tiles[3]!.id,
      { target: 30, warn: 50, size: 'l' },
      NOW,
    )
    const pkg = await exportPackage(a.db, { name: 'round-trip' })
    const b = await defaultsDb('b.sqlite')
    const plan = await importPackage(b.db, pkg, NOW)
    expect(plan.mode).toBe('import')
    const strip = (rows: Awaited<ReturnType<typeof snapshot>>['company_goal']) =>
      rows.map(({ kpi_id, params, target, warn }) => [kpi_id, params, target, warn])
    const [sa, sb] = [await snapshot(a.db), await snapshot(b.db)]
    expect(strip(sb.company_goal)).toEqual(strip(sa.company_goal))
    for (const role of DEFAULT_ROLES) {
      const [da, db] = [(await getDashboard(a.db, role.id))!, (await getDashboard(b.db, role.id))!]
      expect(db.title).toBe(da.title)
      expect(db.tiles.map(({ id: _id, ...tile }) => tile)).toEqual(da.tiles.map(({ id: _id, ...tile }) => tile))
    }
    expect((await tilesOf(b.db, 'engineer'))[3]).toMatchObject({
      package_key: 'round-trip:tickets_open',
      target: 30,
      warn: 50,
      size: 'l',
    })
    // Still exactly one dashboard per role, and the package is recorded whole.
    expect(sb.dashboard.map((d) => d.role).sort()).toEqual(DEFAULT_ROLES.map((r) => r.id).sort())
    expect(await listInstalled(b.db)).toEqual([
      expect.objectContaining({ name: 'round-trip', version: '1.0.0', installedAt: NOW }),
    ])
    expect(JSON.parse(sb.installed_package[0]!.package)).toEqual(pkg)
    // A second import of the same package is refused: that is what upgrade is for.
    await expect(importPackage(b.db, pkg, NOW)).rejects.toThrow(/installed already \(version 1\.0\.0\); use upgrade/)
  })

  test('a role missing locally becomes a custom role with its one dashboard; an existing one is replaced, never doubled', async () => {
    const { db } = await defaultsDb()
    const pkg = clone(example('finance-pack'))
    pkg.name = 'noc-pack'
    pkg.roles.push({
      id: 'noc',
      name: { en: 'NOC', nl: 'NOC' },
      title: 'NOC wall',
      tiles: [{ key: 'open', kpi: 'tickets_open', params: {}, target: 20, warn: 30, size: 'l' }],
    })
    pkg.kpis.tickets_open = '^2.0.0'
    const diff = renderPlan(await diffPackage(db, pkg))
    expect(diff).toContain('creates the custom role noc (NOC) with its dashboard "NOC wall" and 1 tiles')
    expect(diff).toContain("replaces the 18 tiles there with the package's 13")
    await importPackage(db, pkg, NOW)
    expect(await db.selectFrom('role').selectAll().where('id', '=', 'noc').executeTakeFirst()).toMatchObject({
      builtin: 0,
      name_en: 'NOC',
    })
    const dashboards = await db.selectFrom('dashboard').select('role').execute()
    expect(dashboards.filter((d) => d.role === 'finance')).toHaveLength(1)
    expect(dashboards.filter((d) => d.role === 'noc')).toHaveLength(1)
    expect((await tilesOf(db, 'finance')).map((tile) => tile.package_key)).toEqual(
      example('finance-pack').roles[0]!.tiles.map((tile) => `noc-pack:${tile.key}`),
    )
  })

  test('the three examples import side by side; a second package claiming the same role or strip is refused', async () => {
    const { db } = await defaultsDb()
    for (const name of ['service-desk-starter', 'finance-pack', 'management-pack'])
      await importPackage(db, example(name), NOW)
    expect((await listInstalled(db)).map((p) => p.name).sort()).toEqual([
      'finance-pack',
      'management-pack',
      'service-desk-starter',
    ])
    const before = await snapshot(db)
    const rival = clone(example('finance-pack'))
    rival.name = 'other-finance'
    await expect(importPackage(db, rival, NOW)).rejects.toThrow(
      'the role "finance" belongs to the installed package "finance-pack"; a dashboard follows one package',
    )
    expect(await snapshot(db)).toEqual(before)
  })
})

/** The consultant's demo and a client, each with the package installed from the demo's export. */
async function consultantAndClient() {
  const demo = await defaultsDb('demo.sqlite')
  const v1 = await exportPackage(demo.db, {
    roles: ['service-manager', 'engineer'],
    name: 'msp-basics',
    version: '1.0.0',
    author: 'Consultant',
  })
  const client = await defaultsDb('client.sqlite')
  await importPackage(client.db, v1, NOW)
  const tileId = async (db: typeof demo.db, role: string, kpi: string) =>
    (await getDashboard(db, role))!.tiles.find((tile) => tile.kpi === kpi)!.id
  return { demo, client, v1, tileId }
}

describe('upgrade: a three-way merge', () => {
  test("acceptance: the client's changed target and the consultant's changed and added tiles are all there afterwards, and diff said so", async () => {
    const { demo, client, tileId } = await consultantAndClient()
    // The client edits one tile, adds one of their own and removes one.
    await changeTile(
      client.db,
      'service-manager',
      await tileId(client.db, 'service-manager', 'tickets_open'),
      { target: 30, warn: 50 },
      LATER,
    )
    await addTile(client.db, 'service-manager', { kpi: 'aged_over_30d', target: 0, warn: 3 }, 1, LATER)
    await removeTile(client.db, 'service-manager', await tileId(client.db, 'service-manager', 'tickets_stale'), LATER)
    // The consultant changes another tile and adds one, in the demo, and exports the next version.
    await changeTile(
      demo.db,
      'service-manager',
      await tileId(demo.db, 'service-manager', 'kill_rate'),
      { params: { days: 14 }, size: 'l' },
      LATER,
    )
    await addTile(demo.db, 'service-manager', { kpi: 'reopened_this_week' }, 2, LATER)
    const v2 = await exportPackage(demo.db, {
      roles: ['service-manager', 'engineer'],
      name: 'msp-basics',
      version: '1.1.0',
      author: 'Consultant',
    })

    const before = await snapshot(client.db)
    const openId = await tileId(client.db, 'service-manager', 'tickets_open')
    const plan = await diffPackage(client.db, v2)
    expect(await snapshot(client.db)).toEqual(before)
    const text = renderPlan(plan)
    expect(text).toContain('Upgrade msp-basics 1.0.0 -> 1.1.0')
    expect(text).toContain('~ changes tile kill_rate kpi: kill_rate -> kill_rate {"days":14}')
    expect(text).toContain('~ changes tile kill_rate size: m -> l')
    expect(text).toContain('+ adds tile reopened_this_week (reopened_this_week, target default, size m)')
    expect(text).toContain('= keeps your target of tile tickets_open: 30/50 (package: default)')
    expect(text).toContain('= keeps your own tile aged_over_30d')
    expect(text).toContain('= keeps tile tickets_stale (tickets_stale) removed, as you removed it')
    expect(text).toContain('No conflicts.')
    expect(plan.conflicts).toBe(0)
    const engineer = plan.sections.find((section) => section.role === 'engineer')!
    expect(engineer.changes).toEqual([])

    await upgradePackage(client.db, v2, null, LATER)
    const tiles = await tilesOf(client.db, 'service-manager')
    const byKpi = (kpi: string) => tiles.find((tile) => tile.kpi_id === kpi)
    expect(byKpi('tickets_open')).toMatchObject({ target: 30, warn: 50, package_key: 'msp-basics:tickets_open' })
    expect(byKpi('kill_rate')).toMatchObject({ params: '{"days":14}', size: 'l' })
    expect(byKpi('reopened_this_week')).toMatchObject({ package_key: 'msp-basics:reopened_this_week' })
    expect(byKpi('aged_over_30d')).toMatchObject({ package_key: null, target: 0, warn: 3 })
    expect(byKpi('tickets_stale')).toBeUndefined()
    // Positions: the new package tile lands where the consultant put it, the client's own tile where the client put it.
    expect(tiles.slice(0, 4).map((tile) => tile.kpi_id)).toEqual([
      'tickets_open',
      'aged_over_30d',
      'tickets_created_today',
      'reopened_this_week',
    ])
    expect((await listInstalled(client.db))[0]).toMatchObject({
      name: 'msp-basics',
      version: '1.1.0',
      installedAt: LATER,
    })
    // Tile ids survive the upgrade, so the builder can follow them.
    expect(byKpi('tickets_open')!.id).toBe(openId)
    // Upgrading again to the same version changes nothing in the tiles.
    const after = await snapshot(client.db)
    await upgradePackage(client.db, v2, null, LATER)
    expect((await snapshot(client.db)).dashboard_tile).toEqual(after.dashboard_tile)
  })

  test('conflicts: the same field changed on both sides, and a tile edited by the client but removed by the consultant', async () => {
    const { demo, client, v1, tileId } = await consultantAndClient()
    await changeTile(
      client.db,
      'service-manager',
      await tileId(client.db, 'service-manager', 'tickets_open'),
      { target: 30, warn: 50 },
      LATER,
    )
    await changeTile(
      client.db,
      'service-manager',
      await tileId(client.db, 'service-manager', 'tickets_unassigned'),
      { size: 'l' },
      LATER,
    )
    await changeTile(
      demo.db,
      'service-manager',
      await tileId(demo.db, 'service-manager', 'tickets_open'),
      { target: 35, warn: 55 },
      LATER,
    )
    await removeTile(demo.db, 'service-manager', await tileId(demo.db, 'service-manager', 'tickets_unassigned'), LATER)
    const v2 = await exportPackage(demo.db, {
      roles: ['service-manager', 'engineer'],
      name: 'msp-basics',
      version: '2.0.0',
      author: 'Consultant',
    })

    const plan = await diffPackage(client.db, v2)
    expect(plan.conflicts).toBe(2)
    const text = renderPlan(plan)
    expect(text).toContain(
      "! CONFLICT on tile tickets_open target: yours 30/50, package 35/55; keep-mine keeps yours, take-theirs takes the package's",
    )
    expect(text).toContain(
      '! CONFLICT on tile tickets_unassigned: yours edited it (tickets_unassigned, target default, size l), package removed it',
    )
    expect(text).toContain('2 conflicts: upgrade with --on-conflict keep-mine or take-theirs.')

    const before = await snapshot(client.db)
    const refused = await upgradePackage(client.db, v2, null, LATER).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(HttpError)
    expect((refused as HttpError).statusCode).toBe(409)
    expect((refused as HttpError).message).toMatch(
      /^2 conflicts \(first: service-manager: CONFLICT on tile tickets_open target: yours 30\/50, package 35\/55\); choose keep-mine or take-theirs$/,
    )
    expect(await snapshot(client.db)).toEqual(before)

    // A second client with the same edits, to resolve the other way.
    const other = await defaultsDb('client-2.sqlite')
    await importPackage(other.db, v1, NOW)
    await changeTile(
      other.db,
      'service-manager',
      await tileId(other.db, 'service-manager', 'tickets_open'),
      { target: 30, warn: 50 },
      LATER,
    )
    await changeTile(
      other.db,
      'service-manager',
      await tileId(other.db, 'service-manager', 'tickets_unassigned'),
      { size: 'l' },
      LATER,
    )

    await upgradePackage(client.db, v2, 'keep-mine', LATER)
    const mine = await tilesOf(client.db, 'service-manager')
    expect(mine.find((tile) => tile.kpi_id === 'tickets_open')).toMatchObject({ target: 30, warn: 50 })
    expect(mine.find((tile) => tile.kpi_id === 'tickets_unassigned')).toMatchObject({ size: 'l', package_key: null })

    const theirsPlan = await upgradePackage(other.db, v2, 'take-theirs', LATER)
    expect(renderPlan(theirsPlan)).toContain('2 conflicts, resolved by take-theirs.')
    const theirs = await tilesOf(other.db, 'service-manager')
    expect(theirs.find((tile) => tile.kpi_id === 'tickets_open')).toMatchObject({ target: 35, warn: 55 })
    expect(theirs.find((tile) => tile.kpi_id === 'tickets_unassigned')).toBeUndefined()
  })

  test('order, title and strip follow whoever changed them; a role new in the package arrives, a dropped one is let go', async () => {
    const { client, v1 } = await consultantAndClient()
    // Client: a new title on the engineer wall and a strip goal with a new target.
    await client.db.updateTable('dashboard').set({ title: 'Our wall' }).where('role', '=', 'engineer').execute()
    await client.db
      .updateTable('company_goal')
      .set({ target: 80, warn: 70 })
      .where('kpi_id', '=', 'csat_positive_30d')
      .execute()
    // Consultant: moves the last service-manager tile to the top, drops engineer, adds finance, adds a strip goal.
    const v2 = clone(v1)
    v2.version = '1.2.0'
    const sm = v2.roles.find((role) => role.id === 'service-manager')!
    sm.tiles.unshift(sm.tiles.pop()!)
    v2.roles = v2.roles.filter((role) => role.id !== 'engineer')
    v2.roles.push({
      id: 'finance',
      name: { en: 'Finance', nl: 'Financiën' },
      title: 'Money',
      tiles: [{ key: 'mrr', kpi: 'mrr_total', params: {}, target: null, warn: null, size: 'l' }],
    })
    v2.strip!.push({ key: 'open', kpi: 'tickets_open', params: {}, target: 40, warn: 60 })
    v2.kpis.mrr_total = '^2.0.0'
    const text = renderPlan(await diffPackage(client.db, v2))
    expect(text).toContain("takes the package's new tile order")
    expect(text).toContain(
      'the package no longer has this role: the dashboard stays as it is and stops following the package',
    )
    expect(text).toContain('the role is new in this version of the package')
    expect(text).toContain('keeps your target of goal csat_positive_30d: 80/70 (package: default)')
    expect(text).toContain('adds goal open (tickets_open, target 40/60)')
    await upgradePackage(client.db, v2, null, LATER)
    expect((await tilesOf(client.db, 'service-manager'))[0]!.kpi_id).toBe(sm.tiles[0]!.kpi)
    expect((await tilesOf(client.db, 'engineer')).every((tile) => tile.package_key === null)).toBe(true)
    expect((await getDashboard(client.db, 'engineer'))!.title).toBe('Our wall')
    expect(await tilesOf(client.db, 'finance')).toMatchObject([
      { kpi_id: 'mrr_total', package_key: 'msp-basics:mrr', size: 'l' },
    ])
    const goals = await client.db.selectFrom('company_goal').selectAll().orderBy('position').execute()
    expect(goals.map((goal) => [goal.kpi_id, goal.target])).toEqual([
      ['csat_positive_30d', 80],
      ['sla_compliance', null],
      ['billable_utilization', null],
      ['mrr_total', null],
      ['tickets_open', 40],
    ])
    // An older version is refused.
    await expect(upgradePackage(client.db, v1, null, LATER)).rejects.toThrow(
      'msp-basics 1.0.0 is older than the installed 1.2.0; an upgrade only goes forward',
    )
  })

  test('upgrade needs the package installed', async () => {
    const { db } = await defaultsDb()
    await expect(upgradePackage(db, example('finance-pack'), null, NOW)).rejects.toThrow(
      'the package "finance-pack" is not installed; use import',
    )
  })
})

describe('library version ranges', () => {
  test.each([
    ['1.0.0', '^1.0.0', true],
    ['1.4.2', '^1.0.0', true],
    ['2.0.0', '^1.0.0', false],
    ['0.3.1', '^0.3.0', true],
    ['0.4.0', '^0.3.0', false],
    ['1.2.9', '~1.2.0', true],
    ['1.3.0', '~1.2.0', false],
    ['1.0.0', '>=1.0.0 <2.0.0', true],
    ['2.0.0', '>=1.0.0 <2.0.0', false],
    ['1.5.0', '1.x', true],
    ['3.0.0', '^1.0.0 || ^3.0.0', true],
    ['1.0.0', '*', true],
    ['1.0.0', '>1', false],
    ['1.0.0', '<=1.0', true],
  ])('%s in %s: %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected)
  })

  test('a range that cannot be read is null, not false', () => {
    expect(satisfies('1.0.0', '^1.x.3')).toBeNull()
    expect(satisfies('1.0.0', '>=one')).toBeNull()
  })
})
