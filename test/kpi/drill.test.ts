import { describe, expect, test } from 'vitest'
import { createKpiEngine } from '../../kpi-library/engine.js'
import { ALL_KPIS } from '../../kpi-library/index.js'
import { lastDays, localDatesWindow, type Window } from '../../kpi-library/time.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { kpiDb, autotaskOnly, CONNECTWISE_LACKS } from './fixture.js'

// A KPI's drill-down rows are the rows its number counts, over any window: worked by hand for first response, SLA
// breaches and tickets completed without time on a desk at Thursday 3 December 2026, 13:00 in Amsterdam.

const NOW = '2026-12-03T12:00:00.000Z'
const TZ = 'Europe/Amsterdam'
const LAST_WEEK = localDatesWindow('2026-11-23', '2026-11-30', TZ)
const THIS_WEEK: Window = { ...localDatesWindow('2026-11-30', '2026-12-04', TZ), until: NOW }

const desk = () =>
  kpiDb({
    tickets: [
      // First response: 21 in time, 22 late, 23 never answered (last week); 24 in time, 25 not due yet (this week).
      {
        id: 21,
        created_at: '2026-11-24T09:00:00.000Z',
        first_response_due_at: '2026-11-24T10:00:00.000Z',
        first_response_at: '2026-11-24T09:30:00.000Z',
      },
      {
        id: 22,
        created_at: '2026-11-25T09:00:00.000Z',
        first_response_due_at: '2026-11-25T10:00:00.000Z',
        first_response_at: '2026-11-25T11:00:00.000Z',
      },
      { id: 23, created_at: '2026-11-26T09:00:00.000Z', first_response_due_at: '2026-11-26T10:00:00.000Z' },
      {
        id: 24,
        created_at: '2026-12-02T09:00:00.000Z',
        first_response_due_at: '2026-12-02T10:00:00.000Z',
        first_response_at: '2026-12-02T09:10:00.000Z',
      },
      { id: 25, created_at: '2026-12-03T11:00:00.000Z', first_response_due_at: '2026-12-03T13:00:00.000Z' },
      // Resolution deadlines: 31 in time, 32 late, 33 open past it, 34 waiting on the customer (last week);
      // 36 resolved exactly at it, 35 due tomorrow (this week).
      { id: 31, resolved_due_at: '2026-11-24T12:00:00.000Z', resolved_at: '2026-11-24T11:00:00.000Z' },
      { id: 32, resolved_due_at: '2026-11-25T12:00:00.000Z', resolved_at: '2026-11-25T13:00:00.000Z' },
      { id: 33, resolved_due_at: '2026-11-26T12:00:00.000Z' },
      { id: 34, resolved_due_at: '2026-11-27T12:00:00.000Z', status: 7, state: 'waiting_customer' },
      { id: 35, resolved_due_at: '2026-12-04T12:00:00.000Z' },
      { id: 36, resolved_due_at: '2026-12-01T12:00:00.000Z', resolved_at: '2026-12-01T12:00:00.000Z' },
      // Completed: 41 without time (last week), 42 with time, 43 without (this week).
      { id: 41, state: 'complete', completed_at: '2026-11-24T10:00:00.000Z', assigned_resource_id: 1 },
      { id: 42, state: 'complete', completed_at: '2026-11-25T10:00:00.000Z', assigned_resource_id: 1 },
      { id: 43, state: 'complete', completed_at: '2026-12-01T10:00:00.000Z', assigned_resource_id: 1 },
      // Resolved and closed (81) or resolved, awaiting closure (82, Work Complete) last week; 31, 32 and 36 are
      // resolved but open again (status New).
      { id: 81, state: 'complete', resolved_at: '2026-11-26T10:00:00.000Z' },
      { id: 82, status: 16, state: 'resolved', resolved_at: '2026-11-27T10:00:00.000Z' },
      // Worked: 51 by one engineer on one day, 52 by two on two days (last week); 53 without time.
      { id: 51, state: 'complete', completed_at: '2026-11-24T15:00:00.000Z', assigned_resource_id: 1 },
      { id: 52, state: 'complete', completed_at: '2026-11-25T15:00:00.000Z', assigned_resource_id: 1 },
      { id: 53, state: 'complete', completed_at: '2026-11-26T15:00:00.000Z', assigned_resource_id: 1 },
    ],
    resources: [{ id: 1 }, { id: 2 }],
    // Survey results: 61 (5) and 62 (2) on tickets, 63 (4) on none, 64 unrated, 66 (1) called back by a note (last
    // week); 65 (3) this week.
    surveys: [
      { id: 61, rating: 5, completed_at: '2026-11-24T10:00:00.000Z', ticket_id: 21 },
      { id: 62, rating: 2, completed_at: '2026-11-25T10:00:00.000Z', ticket_id: 22 },
      { id: 63, rating: 4, completed_at: '2026-11-26T10:00:00.000Z' },
      { id: 64, completed_at: '2026-11-26T11:00:00.000Z', ticket_id: 23 },
      { id: 65, rating: 3, completed_at: '2026-12-01T10:00:00.000Z', ticket_id: 24 },
      { id: 66, rating: 1, completed_at: '2026-11-27T10:00:00.000Z', ticket_id: 25 },
    ],
    notes: [{ id: 1, ticket_id: 25, creator_resource_id: 1, created_at: '2026-11-27T12:00:00.000Z' }],
    entries: [
      { id: 1, ticket_id: 42 },
      { id: 2, ticket_id: 51, date_worked: '2026-11-24' },
      { id: 3, ticket_id: 52, date_worked: '2026-11-24' },
      { id: 4, ticket_id: 52, date_worked: '2026-11-25', resource_id: 2 },
    ],
  })

const numberOf = (result: KpiResult) => (result.kind === 'list' ? result.count : result.value)

async function drilled(id: string, window?: Window) {
  const engine = createKpiEngine({ db: await desk(), now: () => new Date(NOW), cacheSize: 0 })
  const { result, rows, all, drill, ctx } = await engine.evaluateRows(id, window ? { window } : {})
  // The rows the drill-down shows: those the KPI judges (a verdict, or every row where it judges none).
  const counted = rows.filter((row) => !drill.verdict || drill.verdict(row, ctx, all) !== null)
  // The record's own id where that is the record (a survey's), else the ticket's.
  const key = drill.record ?? 'ticketId'
  return { value: numberOf(result), ids: counted.map((row) => Number(row[key])).sort((a, b) => a - b) }
}

describe('drill-down rows are the KPI rows of the window', () => {
  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'first response within SLA: last week 1 of 3 in time, this week 1 of 1 (25 not due yet)',
    async () => {
      expect(await drilled('first_response_sla_7d', LAST_WEEK)).toEqual({ value: 33.33, ids: [21, 22, 23] })
      expect(await drilled('first_response_sla_7d', THIS_WEEK)).toEqual({ value: 100, ids: [24] })
    },
  )

  test.skipIf(autotaskOnly(CONNECTWISE_LACKS.slaDueTimes))(
    'SLA breach rate: last week 2 of 3 (34 waits on the customer), this week 0 of 1 (35 not due yet)',
    async () => {
      expect(await drilled('breach_rate_7d', LAST_WEEK)).toEqual({ value: 66.67, ids: [31, 32, 33] })
      expect(await drilled('breach_rate_7d', THIS_WEEK)).toEqual({ value: 0, ids: [36] })
    },
  )

  test('tickets completed without time: 41 and 53 last week, 43 this week, never one with an entry', async () => {
    expect(await drilled('tickets_completed_without_time', LAST_WEEK)).toEqual({ value: 2, ids: [41, 53] })
    expect(await drilled('tickets_completed_without_time', THIS_WEEK)).toEqual({ value: 1, ids: [43] })
  })

  test('first-touch resolution and escalation: of 42, 51 and 52 worked last week, 52 took two engineers on two days', async () => {
    expect(await drilled('first_touch_resolution', LAST_WEEK)).toEqual({ value: 66.67, ids: [42, 51, 52] })
    expect(await drilled('escalation_rate', LAST_WEEK)).toEqual({ value: 33.33, ids: [42, 51, 52] })
    // This week only 43 was completed, without time: nothing worked, no value.
    expect(await drilled('first_touch_resolution', THIS_WEEK)).toEqual({ value: null, ids: [] })
  })

  test('positive CSAT: last week 2 of 4 rated surveys (one on no ticket, the unrated left out), this week 0 of 1', async () => {
    expect(await drilled('csat_positive_30d', LAST_WEEK)).toEqual({ value: 50, ids: [61, 62, 63, 66] })
    expect(await drilled('csat_positive_30d', THIS_WEEK)).toEqual({ value: 0, ids: [65] })
  })

  test('reopen rate: last week 31 and 32 of the four resolved are open again, this week 36 of one', async () => {
    expect(await drilled('reopen_rate', LAST_WEEK)).toEqual({ value: 50, ids: [31, 32, 81, 82] })
    expect(await drilled('reopen_rate', THIS_WEEK)).toEqual({ value: 100, ids: [36] })
  })

  test('low CSAT to call back: last week 62 (2) waits, 66 (1) was followed up by a note; this week none', async () => {
    expect(await drilled('csat_low_callback', LAST_WEEK)).toEqual({ value: 1, ids: [62] })
    expect(await drilled('csat_low_callback', THIS_WEEK)).toEqual({ value: 0, ids: [] })
  })

  test("every KPI with a drill-down gives its own value without a window, and over its own window's instants", async () => {
    const drillable = ALL_KPIS.filter((kpi) => kpi.drill)
    expect(drillable.map((kpi) => kpi.id).sort()).toEqual([
      'breach_rate_7d',
      'csat_low_callback',
      'csat_positive_30d',
      'escalation_rate',
      'first_response_sla_7d',
      'first_touch_resolution',
      'reopen_rate',
      'sla_by_company',
      'sla_by_priority',
      'sla_compliance',
      'tickets_completed_without_time',
    ])
    const engine = createKpiEngine({ db: await desk(), now: () => new Date(NOW), cacheSize: 0 })
    for (const kpi of drillable) {
      const own = numberOf(await engine.evaluate(kpi.id))
      const days = (kpi.params.days?.default as number | undefined) ?? kpi.reachDays!
      expect(numberOf((await engine.evaluateRows(kpi.id, {})).result), kpi.id).toBe(own)
      const window = lastDays(new Date(NOW), TZ, days)
      expect(numberOf((await engine.evaluateRows(kpi.id, { window })).result), kpi.id).toBe(own)
    }
  })

  test('a KPI without a drill-down says so', async () => {
    const engine = createKpiEngine({ db: await desk(), now: () => new Date(NOW), cacheSize: 0 })
    await expect(engine.evaluateRows('mrr_total', {})).rejects.toThrow('mrr_total has no drill-down')
  })
})
