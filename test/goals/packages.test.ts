import { describe, expect, test } from 'vitest'
import { getStrip, setStrip } from '../../server/services/dashboards.js'
import {
  diffPackage,
  exportPackage,
  importPackage,
  parsePackage,
  renderPlan,
  upgradePackage,
} from '../../server/services/packages/index.js'
import { clone, defaultsDb, example, NOW } from '../packages/env.js'

const LATER = '2026-03-09T09:00:00.000Z'
const pathsOf = async (db: Parameters<typeof getStrip>[0]) =>
  (await getStrip(db)).map((goal) => [
    goal.kpi,
    goal.target,
    goal.path && { period: goal.path.period, start: goal.path.start },
  ])

// The consultant's strip: utilization from 62% to 70% over Q2 2026 (amber 4 points under), MRR with a fixed target.
async function consultant() {
  const demo = await defaultsDb('demo.sqlite')
  await setStrip(demo.db, [
    { kpi: 'billable_utilization', target: 70, warn: 66, path: { period: '2026-Q2', start: 62 } },
    { kpi: 'mrr_total', target: 70_000, warn: 65_000 },
  ])
  const v1 = await exportPackage(demo.db, {
    roles: ['engineer'],
    name: 'goals',
    version: '1.0.0',
    author: 'Consultant',
  })
  return { demo, v1 }
}

describe('packages carry a goal’s period and path', () => {
  test('round trip: the export writes the path, an import into another database brings it back', async () => {
    const { demo, v1 } = await consultant()
    expect(v1.strip).toEqual([
      {
        key: 'billable_utilization',
        kpi: 'billable_utilization',
        params: {},
        target: 70,
        warn: 66,
        path: { period: '2026-Q2', start: 62 },
      },
      { key: 'mrr_total', kpi: 'mrr_total', params: {}, target: 70_000, warn: 65_000 },
    ])
    const client = await defaultsDb('client.sqlite')
    await importPackage(client.db, JSON.parse(JSON.stringify(v1)), NOW)
    expect(await pathsOf(client.db)).toEqual(await pathsOf(demo.db))
    expect(await pathsOf(client.db)).toEqual([
      ['billable_utilization', 70, { period: '2026-Q2', start: 62 }],
      ['mrr_total', 70_000, null],
    ])
  })

  test('an old package file without paths still loads, and gives fixed targets', async () => {
    const old = example('management-pack')
    expect(JSON.stringify(old)).not.toContain('"path"')
    const client = await defaultsDb('client.sqlite')
    await importPackage(client.db, old, NOW)
    expect((await getStrip(client.db)).every((goal) => goal.path === null)).toBe(true)
  })

  test('a bad path in a package is refused in one line naming the goal', () => {
    const bad = (path: unknown, target: unknown = 70) => {
      const pkg = clone(example('management-pack')) as unknown as { strip: Array<Record<string, unknown>> }
      pkg.strip = [{ key: 'util', kpi: 'billable_utilization', target, path }]
      return () => parsePackage(pkg)
    }
    expect(bad({ period: '2026-Q7', start: 62 })).toThrow(
      'bad package: strip[0] (util) path period must be a quarter like 2026-Q2 or a year like 2026 (not "2026-Q7")',
    )
    expect(bad({ period: '2026-Q2', start: 'sixty' })).toThrow(
      /^bad package: strip\[0\] \(util\) path start must be number/,
    )
    expect(bad({ period: '2026-Q2', start: 62 }, null)).toThrow(
      'bad package: strip goal "util": billable_utilization: a path runs to the goal\'s target, so it needs one',
    )
  })

  test('upgrade merges a path like the other goal fields: the package’s new path where the client kept the old, the client’s own where it changed it', async () => {
    const { v1 } = await consultant()
    const client = await defaultsDb('client.sqlite')
    await importPackage(client.db, v1, NOW)
    // The client puts MRR on a path of its own; the consultant moves utilization's path to Q3 from 64%.
    await client.db
      .updateTable('company_goal')
      .set({ path_period: '2026', path_start: 60_000 })
      .where('kpi_id', '=', 'mrr_total')
      .execute()
    const v2 = clone(v1)
    v2.version = '1.1.0'
    v2.strip![0]!.path = { period: '2026-Q3', start: 64 }
    const text = renderPlan(await diffPackage(client.db, v2))
    expect(text).toContain('changes goal billable_utilization path: 62 over 2026-Q2 -> 64 over 2026-Q3')
    expect(text).toContain('keeps your path of goal mrr_total: 60000 over 2026 (package: none)')
    await upgradePackage(client.db, v2, null, LATER)
    expect(await pathsOf(client.db)).toEqual([
      ['billable_utilization', 70, { period: '2026-Q3', start: 64 }],
      ['mrr_total', 70_000, { period: '2026', start: 60_000 }],
    ])
  })
})
