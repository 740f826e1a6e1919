import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ALL_KPIS } from '../../kpi-library/index.js'
import { ROLES } from '../../kpi-library/types.js'

const REQUIRED: Record<string, string> = {
  csat_low_callback: 'list',
  tickets_open: 'number',
  tickets_created_today: 'number',
  tickets_completed_today: 'number',
  tickets_unassigned: 'list',
  tickets_stale: 'list',
  first_response_sla_7d: 'number',
  timesheet_gaps_yesterday: 'list',
  billable_hours_last_week: 'breakdown',
  tickets_completed_without_time: 'list',
  time_entries_late_7d: 'number',
  csat_positive_30d: 'number',
}

describe('the KPI library', () => {
  test('holds at least 70 KPIs, at least 20 of them action lists, across every catalog group', () => {
    expect(ALL_KPIS.length).toBeGreaterThanOrEqual(70)
    expect(ALL_KPIS.filter((kpi) => kpi.kind === 'list').length).toBeGreaterThanOrEqual(20)
    expect(new Set(ALL_KPIS.map((kpi) => kpi.group))).toEqual(
      new Set(['flow', 'sla', 'quality', 'csat', 'time', 'hygiene', 'finance', 'account']),
    )
    expect(new Set(ALL_KPIS.map((kpi) => kpi.id)).size).toBe(ALL_KPIS.length)
  })

  test('has the agreed ids with their agreed kinds', () => {
    for (const [id, kind] of Object.entries(REQUIRED))
      expect(ALL_KPIS.find((kpi) => kpi.id === id)?.kind, id).toBe(kind)
  })

  test('every KPI carries every field of the format, in English and Dutch', () => {
    for (const kpi of ALL_KPIS) {
      expect(kpi.id, kpi.id).toMatch(/^[a-z][a-z0-9_]+$/)
      for (const text of [kpi.title, kpi.description, kpi.window]) {
        expect(text.en.trim().length, `${kpi.id} en`).toBeGreaterThan(0)
        expect(text.nl.trim().length, `${kpi.id} nl`).toBeGreaterThan(0)
      }
      expect(kpi.title.nl, `${kpi.id}: a Dutch title, not a copy`).toBeDefined()
      expect(['number', 'trend', 'breakdown', 'list']).toContain(kpi.kind)
      expect(kpi.roles.length, kpi.id).toBeGreaterThan(0)
      for (const role of kpi.roles) expect(ROLES, kpi.id).toContain(role)
      expect(['higher', 'lower', 'neutral']).toContain(kpi.direction)
      expect(kpi.freshnessMinutes, kpi.id).toBeGreaterThan(0)
      expect(typeof kpi.queries, kpi.id).toBe('function')
      expect(typeof kpi.compute, kpi.id).toBe('function')
      for (const [name, spec] of Object.entries(kpi.params)) {
        expect(spec.description.en.length * spec.description.nl.length, `${kpi.id}.${name}`).toBeGreaterThan(0)
      }
      if (kpi.band)
        expect(
          kpi.direction === 'higher' ? kpi.band.warn <= kpi.band.target : kpi.band.warn >= kpi.band.target,
          `${kpi.id} band`,
        ).toBe(true)
      if (kpi.kind === 'list') {
        expect(kpi.action, `${kpi.id} action`).toBeDefined()
        const action = kpi.action!
        for (const text of [action.verb, action.leavesWhen, action.owner, action.sort])
          expect(text.en.length * text.nl.length, kpi.id).toBeGreaterThan(0)
        expect(action.fields.length, kpi.id).toBeGreaterThan(0)
      }
    }
  })

  test('every KPI has a golden test that names it', () => {
    const dir = import.meta.dirname
    const tests = readdirSync(dir)
      .filter((file) => file.endsWith('.test.ts') && file !== 'library.test.ts')
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n')
    const missing = ALL_KPIS.map((kpi) => kpi.id).filter((id) => !tests.includes(`'${id}'`))
    expect(missing).toEqual([])
  })
})
