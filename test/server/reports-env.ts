import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { onTestFinished } from 'vitest'
import type { DbHandle } from '../../db/index.js'
import { buildApp } from '../../server/app.js'
import { type Config, loadConfig, loadSmtpSettings } from '../../server/config.js'
import { createDashboard, createRole, setStrip } from '../../server/services/dashboards.js'
import type { ReportOptions } from '../../server/services/reports/runner.js'
import { ADMIN_PASSWORD, adminCookie } from '../helpers/app-env.js'
import { fixtureDb, type Fixture } from '../kpi/fixture.js'

// WEEK_47: a small desk for the weekly review of ISO week 2026-W47 (Monday 16 to Sunday 22 November 2026, Amsterdam
// time), seen by the role "weekly-desk" (Weekly desk / Weekbalie) whose dashboard holds two tiles, and one company
// goal. Worked out by hand, as of the week's end (Monday 23 November 00:00 in Amsterdam = 2026-11-22T23:00Z):
// - billable_hours_last_week (tile, and the goal: target 20, warn 15, on a path over 2026-Q4 from 10): entries of
//   16-22 November not marked non-billable: Daan 6 h (Mon) + 2.5 h (Wed), Eva 4 h (Fri) = 12.5 h; Daan's 1 h on
//   Thursday is non-billable, Eva's 3 h on Friday 13 November is the week before. The path as the week ended (Sunday 22
//   November, 52 of the quarter's 91 days in): 10 + 10 × 52/91 = 15.71, with the goal's tolerance of 5 below it: 12.5 is "watch", for
//   the goal and for the tile of the same KPI.
// - aged_over_30d (tile, band: target 0, warn 5): open tickets created over 30 days before the week's end: 4711
//   (created 1 October 23:00Z, 52 days old) and 4712 (20 October 23:00Z, 33 days); 4713 (10 November) is younger,
//   4714 (1 September) was completed. 2 rows: between 0 and 5, so "watch".
// Three KPIs, all three to watch.

export const WEEK = '2026-W47'
export const WEEK_END = '2026-11-22T23:00:00.000Z'
/** Monday morning after the week, 08:00 in Amsterdam: the week is the last full one. */
export const MONDAY_MORNING = '2026-11-23T07:00:00.000Z'
export const ROLE = 'weekly-desk'
const DAAN = 7
const EVA = 8

export const WEEK_47: Fixture = {
  companies: [{ id: 10, name: 'Bakker Installatie B.V.' }],
  resources: [
    { id: DAAN, first_name: 'Daan', last_name: 'Visser', email: 'daan@msp.example' },
    { id: EVA, first_name: 'Eva', last_name: 'Jansen', email: 'eva@msp.example' },
  ],
  tickets: [
    { id: 4711, number: 'T20261001.0001', title: 'Printer offline', created_at: '2026-10-01T23:00:00.000Z' },
    { id: 4712, number: 'T20261020.0002', title: 'VPN traag', created_at: '2026-10-20T23:00:00.000Z' },
    { id: 4713, number: 'T20261110.0003', title: 'Nieuwe laptop', created_at: '2026-11-10T09:00:00.000Z' },
    {
      id: 4714,
      number: 'T20260901.0004',
      title: 'Oude storing',
      created_at: '2026-09-01T09:00:00.000Z',
      completed_at: '2026-11-18T10:00:00.000Z',
      state: 'complete',
    },
  ].map((ticket) => ({ ...ticket, company_id: 10, assigned_resource_id: DAAN })),
  entries: [
    { id: 1, resource_id: DAAN, date_worked: '2026-11-16', hours_worked: 6, non_billable: 0 as const },
    { id: 2, resource_id: DAAN, date_worked: '2026-11-18', hours_worked: 2.5, non_billable: 0 as const },
    { id: 3, resource_id: DAAN, date_worked: '2026-11-19', hours_worked: 1, non_billable: 1 as const },
    { id: 4, resource_id: EVA, date_worked: '2026-11-20', hours_worked: 4, non_billable: 0 as const },
    { id: 5, resource_id: EVA, date_worked: '2026-11-13', hours_worked: 3, non_billable: 0 as const },
  ].map((entry) => ({ ...entry, created_at: `${entry.date_worked}T17:00:00.000Z` })),
  picklists: [{ entity: 'Tickets', field: 'status', value: '1', label: 'New' }],
}

/** The WEEK_47 desk with its role, dashboard and goal, as a database file. */
export async function weeklyDesk(): Promise<DbHandle> {
  const handle = await fixtureDb(WEEK_47)
  const at = '2026-11-01T09:00:00.000Z'
  await createRole(handle.db, { id: ROLE, name: { en: 'Weekly desk', nl: 'Weekbalie' } }, at)
  await createDashboard(
    handle.db,
    ROLE,
    'Weekly desk',
    [{ kpi: 'billable_hours_last_week' }, { kpi: 'aged_over_30d', params: { days: 30 } }],
    at,
  )
  await setStrip(handle.db, [
    { kpi: 'billable_hours_last_week', target: 20, warn: 15, path: { period: '2026-Q4', start: 10 } },
  ])
  return handle
}

/** The app on `handle` with mail through `smtpUrl` (or none), its reports' clock in the test's hand. */
export async function reportsApp(
  handle: DbHandle,
  options: { smtpUrl?: string; now?: string; reports?: ReportOptions; config?: Partial<Config> } = {},
) {
  const logs: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  let clock = new Date(options.now ?? MONDAY_MORNING)
  const smtp = options.smtpUrl ? loadSmtpSettings({ ROLEBOARD_SMTP_URL: options.smtpUrl }) : null
  const app: FastifyInstance = await buildApp({
    config: {
      ...loadConfig({}),
      now: options.now ?? MONDAY_MORNING,
      mailFrom: 'Roleboard <roleboard@msp.example>',
      ...options.config,
    },
    handle,
    version: 'test',
    adminPassword: ADMIN_PASSWORD,
    logger: { level: 'info', stream } as never,
    nudges: { intervalMs: 0 },
    reports: {
      smtp,
      intervalMs: 0,
      backoff: { firstMs: 30_000, maxMs: 30 * 60_000, giveUpMs: 24 * 3_600_000 },
      now: () => clock,
      ...options.reports,
    },
  })
  onTestFinished(() => app.close())
  const cookie = await adminCookie(app)
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) })
  return {
    app,
    logs,
    call,
    setClock: (at: string) => (clock = new Date(at)),
    advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
  }
}
