import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ALL_KPIS } from '../../kpi-library/index.js'
import type { KpiDefinition } from '../../kpi-library/types.js'
import { kpiCommand } from '../../server/kpi-command.js'
import { kpiReference } from '../../server/kpi-reference.js'
import { tempDir } from '../helpers/sync-env.js'

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'kpis.md')

/** The first line where two texts differ, to say where the committed file went stale. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n')
  const y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i])
      return `line ${i + 1}: the file has ${JSON.stringify(x[i] ?? '(end)')}, the definitions give ${JSON.stringify(y[i] ?? '(end)')}`
  }
  return 'none'
}

describe('the KPI reference (docs/kpis.md)', () => {
  test('docs/kpis.md is exactly what the generator writes from the KPI definitions', () => {
    const committed = readFileSync(DOC, 'utf8')
    const generated = kpiReference(ALL_KPIS, 'en')
    const same = committed === generated
    expect(
      same,
      same
        ? ''
        : `docs/kpis.md is out of date with the KPI definitions: run \`npm run docs:kpis\` and commit it (${firstDifference(committed, generated)})`,
    ).toBe(true)
  })

  test('holds every KPI once, grouped as the library is, behind a table of contents', () => {
    const text = kpiReference(ALL_KPIS, 'en')
    const sections = [...text.matchAll(/^### `([a-z0-9_]+)`$/gm)].map((m) => m[1])
    expect(sections).toEqual(ALL_KPIS.map((kpi) => kpi.id))
    for (const kpi of ALL_KPIS) expect(text, kpi.id).toContain(`- [\`${kpi.id}\`](#${kpi.id})`)
    const groups = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1])
    expect(groups[0]).toBe('Contents')
    expect(groups.length - 1).toBe(new Set(ALL_KPIS.map((kpi) => kpi.group)).size)
  })

  test('writes what a definition states about itself, and marks what it does not state yet', () => {
    const base = ALL_KPIS.find((kpi) => kpi.id === 'tickets_unassigned')! as KpiDefinition<any>
    const documented: KpiDefinition<any> = {
      ...base,
      about: {
        population: {
          en: 'Open tickets of people, monitoring alerts left out',
          nl: 'Open tickets van mensen, zonder monitoringalerts',
        },
        sources: ['ticket.state', 'ticket.assigned_resource_id', 'ticket.created_at'],
        industry: { en: 'Catalog B13 (unassigned > 30 min)', nl: 'Catalogus B13 (zonder behandelaar > 30 min)' },
      },
    }
    const en = kpiReference([documented, { ...base, id: 'undocumented_copy', about: undefined }], 'en')
    expect(en).toContain('| Population | Open tickets of people, monitoring alerts left out |')
    expect(en).toContain(
      '| Source columns (docs/psa-model.md) | `ticket.state`, `ticket.assigned_resource_id`, `ticket.created_at` |',
    )
    expect(en).toContain('| Industry definition | Catalog B13 (unassigned > 30 min) |')
    // Window, parameters, band, roles and kind come from the definition itself.
    expect(en).toContain(`| Window | ${base.window.en} |`)
    expect(en).toContain('| `minutes` | whole number | `30` | 0-1440 |')
    expect(en).toMatch(/\| Target band \| green at 0, amber up to \d+, red above \(rows on the list\) \|/)
    expect(en).toMatch(/\| Roles \| [^|]*Service manager[^|]* \|/)
    expect(en).toContain('| Kind | action list |')
    expect(en).toContain(`**${base.title.en}** · Dutch: *${base.title.nl}*`)
    const undocumented = en.slice(en.indexOf('### `undocumented_copy`'))
    expect(undocumented.match(/\*not yet documented\*/g)).toHaveLength(3)

    const nl = kpiReference([documented], 'nl')
    expect(nl).toContain('# KPI-naslag')
    expect(nl).toContain('| Wat telt mee | Open tickets van mensen, zonder monitoringalerts |')
    expect(nl).toContain(
      '| Broncolumns (docs/psa-model.md) | `ticket.state`, `ticket.assigned_resource_id`, `ticket.created_at` |',
    )
    expect(nl).toContain(`**${base.title.nl}** · Engels: *${base.title.en}*`)
  })

  test('roleboard kpi --reference [--lang nl] --out FILE writes it without a database', async () => {
    const dir = tempDir()
    const previous = process.env.ROLEBOARD_DB
    process.env.ROLEBOARD_DB = join(dir, 'never-opened', 'roleboard.sqlite')
    try {
      expect(await kpiCommand(['--reference', '--out', join(dir, 'en.md')])).toBe(0)
      expect(await kpiCommand(['--reference', '--lang', 'nl', '--out', join(dir, 'nl.md')])).toBe(0)
    } finally {
      if (previous === undefined) delete process.env.ROLEBOARD_DB
      else process.env.ROLEBOARD_DB = previous
    }
    expect(existsSync(join(dir, 'never-opened')), 'no database was opened').toBe(false)
    expect(readFileSync(join(dir, 'en.md'), 'utf8')).toBe(kpiReference(ALL_KPIS, 'en'))
    expect(readFileSync(join(dir, 'nl.md'), 'utf8')).toBe(kpiReference(ALL_KPIS, 'nl'))
  })
})
