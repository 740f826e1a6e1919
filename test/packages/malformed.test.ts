import { describe, expect, test } from 'vitest'
import { sql } from 'kysely'
import { createToken } from '../../server/services/access.js'
import { changeTile, getDashboard } from '../../server/services/dashboards.js'
import {
  type DashboardPackage,
  diffPackage,
  importPackage,
  upgradePackage,
} from '../../server/services/packages/index.js'
import { clone, defaultsDb, example, NOW, snapshot } from './env.js'

const LATER = '2026-03-09T09:00:00.000Z'

/** The next version of service-desk-starter, broken in one way each. Bad parts sit late in the file, after good roles. */
function next(change: (pkg: DashboardPackage) => void): DashboardPackage {
  const pkg = clone(example('service-desk-starter'))
  pkg.version = '1.1.0'
  change(pkg)
  return pkg
}
const engineer = (pkg: DashboardPackage) => pkg.roles.find((role) => role.id === 'engineer')!

export const MALFORMED: Array<[string, string | DashboardPackage, RegExp]> = [
  ['not JSON', '{ "format": "roleboard-package", "roles": [', /^bad package: not JSON \(.+\)$/],
  [
    'wrong format marker',
    next((pkg) => ((pkg as { format: string }).format = 'grafana-dashboard')),
    /^bad package: not a roleboard package \(format must be "roleboard-package", not "grafana-dashboard"\)$/,
  ],
  [
    'a missing field',
    next((pkg) => delete (pkg as Partial<DashboardPackage>).author),
    /^bad package: the package lacks the field "author"$/,
  ],
  [
    'an unknown field on a tile',
    next((pkg) => Object.assign(engineer(pkg).tiles[2]!, { colour: 'red' })),
    /^bad package: roles\[2\] \(engineer\) tiles\[2\] has an unknown field "colour"$/,
  ],
  [
    'an unknown KPI',
    next((pkg) => {
      engineer(pkg).tiles.push({ key: 'mystery', kpi: 'no_such_kpi', params: {}, target: null, warn: null, size: 'm' })
      pkg.kpis.no_such_kpi = '^1.0.0'
    }),
    /^bad package: unknown KPI "no_such_kpi" in kpis/,
  ],
  [
    'a KPI version range the library cannot serve',
    next((pkg) => (pkg.kpis.kudos_feed = '^3.0.0')),
    /^bad package: KPI "kudos_feed" needs library version \^3\.0\.0, this roleboard has 2\.0\.0$/,
  ],
  [
    'a package made for KPI library 1.x',
    next((pkg) => (pkg.kpis.kudos_feed = '^1.0.0')),
    /^bad package: KPI "kudos_feed" needs library version \^1\.0\.0, this roleboard has 2\.0\.0 \(KPIs were redefined since: docs\/kpis\.md; ask for a version of the package made for it\)$/,
  ],
  [
    'two dashboards for one role',
    next((pkg) => pkg.roles.push({ ...clone(engineer(pkg)), title: 'Second wall' })),
    /^bad package: two dashboards for role "engineer" \(roles\[2\] and roles\[3\]\); a role has exactly one$/,
  ],
  [
    'duplicate tile keys',
    next((pkg) => (engineer(pkg).tiles[5]!.key = 'open')),
    /^bad package: role "engineer", tiles: the key "open" is used twice; keys must be unique$/,
  ],
  [
    'a bad parameter',
    next((pkg) => (engineer(pkg).tiles.find((tile) => tile.key === 'kill-rate')!.params = { days: 'seven' })),
    /^bad package: role "engineer", tile "kill-rate": kill_rate: parameter days must be a whole number$/,
  ],
  [
    'a target band upside down',
    next((pkg) =>
      Object.assign(
        engineer(pkg).tiles.find((tile) => tile.key === 'open')!,
        { target: 50, warn: 10 },
      ),
    ),
    /^bad package: role "engineer", tile "open": tickets_open: lower is better, so the amber line \(10\) must not be below the target \(50\)$/,
  ],
  [
    'a tile KPI not listed in kpis',
    next((pkg) => delete pkg.kpis.kudos_feed),
    /^bad package: role "engineer", tile "kudos": KPI "kudos_feed" is not listed in kpis$/,
  ],
  [
    'a bad size',
    next((pkg) => ((engineer(pkg).tiles[0] as { size: string }).size = 'xl')),
    /^bad package: roles\[2\] \(engineer\) tiles\[0\] \(created-today\) size must be one of "s", "m", "l"$/,
  ],
]

describe('a bad package file changes nothing', () => {
  test.each(MALFORMED)('%s: one line naming the problem, every table as it was', async (_name, file, reason) => {
    const { db } = await defaultsDb()
    await importPackage(db, example('service-desk-starter'), NOW)
    // A client's edit and a wall token, so "as it was" covers more than the package's own rows.
    await changeTile(db, 'engineer', (await getDashboard(db, 'engineer'))!.tiles[0]!.id, { target: 5, warn: 9 }, NOW)
    await createToken(db, { kind: 'wall', role: 'engineer', name: 'Wall engineer' }, NOW)
    const before = await snapshot(db)
    const input = typeof file === 'string' ? file : JSON.stringify(file)
    for (const attempt of [
      () => upgradePackage(db, input, 'take-theirs', LATER),
      () => importPackage(db, input, LATER),
      () => diffPackage(db, input),
    ]) {
      const error = (await attempt().then(
        () => null,
        (e: Error & { statusCode?: number }) => e,
      ))!
      expect(error, 'the bad file was taken').not.toBeNull()
      expect(error.statusCode).toBe(400)
      expect(error.message).toMatch(reason)
      expect(error.message).not.toContain('\n')
    }
    expect(await snapshot(db)).toEqual(before)
  })

  test('a failure while writing rolls back the roles already written: import is one transaction', async () => {
    const { db } = await defaultsDb()
    // A real SQLite trigger refuses the last role's tiles, after the first roles went in.
    await sql`create trigger refuse_kudos before insert on dashboard_tile when new.kpi_id = 'kudos_feed' begin select raise(abort, 'refused by test trigger'); end`.execute(
      db,
    )
    await createToken(db, { kind: 'wall', role: 'engineer', name: 'Wall engineer' }, NOW)
    const before = await snapshot(db)
    await expect(importPackage(db, example('service-desk-starter'), LATER)).rejects.toThrow('refused by test trigger')
    expect(await snapshot(db)).toEqual(before)
  })
})
