import { readdirSync, readFileSync } from 'node:fs'
import type { Kysely } from 'kysely'
import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import type { Database } from '../../db/schema.js'
import type { DbHandle } from '../../db/index.js'
import {
  addTile,
  changeTile,
  evaluateDashboard,
  getDashboard,
  getStrip,
  installDefaults,
} from '../../server/services/dashboards.js'
import {
  type DashboardPackage,
  exportPackage,
  importPackage,
  listInstalled,
  parsePackage,
} from '../../server/services/packages/index.js'
import { fastConnector, openTempDb, SIM_NOW, startSim } from '../helpers/sync-env.js'
import { connectorFor, startDesk } from './sync-env.js'

// Dashboard packages are made of KPIs and neutral parameters, so a consultant's file installs unchanged on a
// ConnectWise PSA tenant and every wall it brings shows numbers there, as it does on Autotask.

const PACKAGES = new URL('../../packages/', import.meta.url)
const SHIPPED = readdirSync(PACKAGES).filter((file) => file.endsWith('.json'))

/** A roleboard synced from a tiny ConnectWise world (seed 7), with the built-in dashboards the CLI installs first. */
async function connectWiseInstall(name: string): Promise<DbHandle> {
  const desk = await startDesk(7)
  const handle = await openTempDb(name)
  const summary = await connectorFor(handle, desk.credentials).sync()
  expect(summary.error?.message ?? null).toBeNull()
  expect(await psasOf(handle.db)).toEqual(['connectwise'])
  await installDefaults(handle.db, SIM_NOW)
  return handle
}

/** The same world synced from Autotask, with the built-in dashboards. */
async function autotaskInstall(name: string): Promise<DbHandle> {
  const sim = await startSim({ size: 'tiny', seed: 7 })
  const handle = await openTempDb(name)
  expect((await fastConnector(handle, sim.credentials).sync()).ok).toBe(true)
  expect(await psasOf(handle.db)).toEqual(['autotask'])
  await installDefaults(handle.db, SIM_NOW)
  return handle
}

/** Which PSAs the synced tickets came from. */
async function psasOf(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('ticket').select('psa').distinct().execute()).map((row) => row.psa)
}

/** A package's file as `roleboard package import FILE` reads it: the text, parsed and checked before anything is written. */
function shipped(file: string): DashboardPackage {
  return parsePackage(readFileSync(new URL(file, PACKAGES), 'utf8'))
}

/** Each tile of a role's wall that could not be evaluated or shows nothing, as `role/kpi: why`. */
async function emptyTiles(db: Kysely<Database>, roles: string[]): Promise<string[]> {
  const engine = createKpiEngine({ db, now: () => new Date(SIM_NOW), cacheSize: 0 })
  const empty: string[] = []
  for (const role of roles) {
    const wall = await evaluateDashboard(db, engine, role, { lang: 'en' })
    for (const { result } of [...wall.tiles, ...wall.strip]) {
      if (result.kind === 'error') empty.push(`${role}/${result.id}: ${result.message}`)
      else if (result.kind !== 'list' && result.value === null) empty.push(`${role}/${result.id}: no value`)
    }
  }
  return empty
}

/** A role's dashboard as a package carries it: title and tiles without their local ids. */
async function dashboardOf(db: Kysely<Database>, role: string) {
  const dashboard = (await getDashboard(db, role))!
  return {
    title: dashboard.title,
    tiles: dashboard.tiles.map(({ kpi, params, target, warn, size, title }) => ({
      kpi,
      params,
      target,
      warn,
      size,
      title,
    })),
  }
}

describe('dashboard packages on ConnectWise PSA', () => {
  test('every shipped package installs unchanged, and every wall it brings shows values', async () => {
    const { db } = await connectWiseInstall('connectwise.sqlite')
    for (const file of SHIPPED) {
      const pkg = shipped(file)
      const plan = await importPackage(db, pkg, SIM_NOW)
      expect(plan.mode, file).toBe('import')
      for (const role of pkg.roles) {
        const installed = await dashboardOf(db, role.id)
        expect(installed.title, `${file} ${role.id}`).toBe(role.title)
        expect(installed.tiles, `${file} ${role.id}`).toEqual(
          role.tiles.map(({ kpi, params, target, warn, size }) => ({ kpi, params, target, warn, size, title: null })),
        )
      }
      if (pkg.strip)
        expect((await getStrip(db)).map(({ kpi, params, target, warn }) => ({ kpi, params, target, warn }))).toEqual(
          pkg.strip.map(({ kpi, params, target, warn }) => ({ kpi, params, target, warn })),
        )
      expect(
        await emptyTiles(
          db,
          pkg.roles.map((role) => role.id),
        ),
      ).toEqual([])
    }
    expect((await listInstalled(db)).map((installed) => installed.name).sort()).toEqual(
      SHIPPED.map((file) => file.replace(/\.json$/, '')).sort(),
    )
  }, 60_000)

  test('a package exported from an Autotask install imports on a ConnectWise one with the same dashboards', async () => {
    // A consultant's Autotask client: the shipped packages and the consultant's own edits, with neutral parameters.
    const autotask = await autotaskInstall('autotask.sqlite')
    for (const file of SHIPPED) await importPackage(autotask.db, shipped(file), SIM_NOW)
    const open = (await getDashboard(autotask.db, 'engineer'))!.tiles.find((tile) => tile.kpi === 'tickets_open')!
    await changeTile(autotask.db, 'engineer', open.id, { target: 30, warn: 45, size: 'l' }, SIM_NOW)
    await addTile(
      autotask.db,
      'engineer',
      { kpi: 'tickets_stale', params: { hours: 48 }, target: null, warn: null, size: 's', title: null },
      undefined,
      SIM_NOW,
    )
    const exported = await exportPackage(autotask.db, {
      name: 'consultant-set',
      version: '2.0.0',
      author: 'A Consultant',
    })
    const roles = exported.roles.map((role) => role.id)
    expect(roles).toEqual(expect.arrayContaining(['service-manager', 'team-lead', 'engineer', 'finance', 'owner']))

    // Handed over as a file, as `roleboard package export --out` writes it and `import` reads it.
    const connectWise = await connectWiseInstall('connectwise.sqlite')
    const plan = await importPackage(connectWise.db, parsePackage(`${JSON.stringify(exported, null, 2)}\n`), SIM_NOW)
    expect(plan.mode).toBe('import')
    for (const role of roles)
      expect(await dashboardOf(connectWise.db, role), role).toEqual(await dashboardOf(autotask.db, role))
    const goals = async (db: Kysely<Database>) =>
      (await getStrip(db)).map(({ kpi, params, target, warn, path }) => ({ kpi, params, target, warn, path }))
    expect(await goals(connectWise.db)).toEqual(await goals(autotask.db))
    expect((await dashboardOf(connectWise.db, 'engineer')).tiles).toEqual(
      expect.arrayContaining([
        { kpi: 'tickets_open', params: {}, target: 30, warn: 45, size: 'l', title: null },
        { kpi: 'tickets_stale', params: { hours: 48 }, target: null, warn: null, size: 's', title: null },
      ]),
    )
    expect(await emptyTiles(connectWise.db, roles)).toEqual([])
  }, 60_000)
})
