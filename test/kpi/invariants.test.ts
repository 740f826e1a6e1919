import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createAutotaskConnector } from '../../connectors/autotask/index.js'
import { DEMO_CREDENTIALS, startSimulator } from '../../connectors/autotask/simulator/server.js'
import { createSimWorld } from '../../connectors/autotask/simulator/world/index.js'
import { type DbHandle, openDatabase } from '../../db/index.js'
import { createKpiEngine, type EvaluateOptions, findKpi, type KpiEngine } from '../../kpi-library/engine.js'
import { ALL_KPIS } from '../../kpi-library/index.js'
import {
  addDays,
  addMonths,
  firstOfMonth,
  localDate,
  mondayOf,
  sameTimeDaysBefore,
  startOfDate,
  weekdayOf,
  zonedTime,
} from '../../kpi-library/time.js'
import type { BreakdownItem, KpiResult } from '../../kpi-library/types.js'
import { SIM_NOW } from '../helpers/sync-env.js'
import { formatValue } from '../../web/src/format.js'

// Cross-KPI invariants on synced simulator data (issue 10, "What to build" 3). Each size is synced once
// per file: seeded world -> real HTTP simulator -> connector -> temporary SQLite. Every expected number is
// recomputed here with our own SQL against the raw tables, following the issue's pinned meanings where it
// pins one and the KPI's own stated definition (description, window, parameters) elsewhere; only window
// edges come from kpi-library/time.ts. Business hours and business days (Mon-Fri 08:30-17:30) are counted
// by this file's own loop. "Last N days" is the issue's one rule: (the same local time N days ago, now].
//
// Populations: a pinned id counts what its pinned meaning says. Any other KPI counts the tickets of its own
// stated population: all of them, or all but the types it leaves out by its own parameters
// (`includeAlerts`, `excludeTicketTypes`); two tiles must agree when they count the same tickets. An action
// list may leave out what its own parameters leave out, and must list everything else that qualifies.
//
// The clock is the simulator's SIM_NOW. On medium data the checks of "last N days" windows run a second
// time with the clock three days after the autumn DST switch, where a 7-day window is 169 hours.
// The MRR history (contract dates only, no synced work needed) is read again on the 15th of each of the 12
// months before, where the simulator's clients sign new contracts.
//
// Each test collects every disagreement before failing, so a failure lists them all: KPI id, what was
// got and what was expected. The sync of medium data (world, simulator, connector) takes about 7 s.

const TZ = 'Europe/Amsterdam'
/** KPI values are exact to 0.01 (kpi-library/format.ts `exact`). */
const TOL = 0.0051
const WEEKLY_HOURS = 40
const WAITING = [7]
const HOLD = [9, 12, 13, 17]
const RESOLVED = [16, 20]
const ALERT = 5
const INTERNAL_CODE = 29682804
const RECURRING = [7, 6]

type Row = Record<string, any>
type Kind = KpiResult['kind']
type Of<K extends Kind> = Extract<KpiResult, { kind: K }>

// ---------------------------------------------------------------------------------------------------------
// The synced world and what the checks use of it.

class Env {
  readonly engine: KpiEngine
  readonly iso: string
  readonly today: string

  constructor(
    readonly handle: DbHandle,
    readonly raw: BetterSqlite3.Database,
    readonly now: Date,
  ) {
    this.engine = createKpiEngine({ db: handle.db, tz: TZ, now: () => now })
    this.iso = now.toISOString()
    this.today = localDate(now, TZ)
  }

  all<T = Row>(query: string, ...params: unknown[]): T[] {
    return this.raw.prepare(query).all(...params) as T[]
  }

  get<T = Row>(query: string, ...params: unknown[]): T {
    return this.raw.prepare(query).get(...params) as T
  }

  /** The first column of the first row, as a number (0 for none). */
  n(query: string, ...params: unknown[]): number {
    const row = this.raw
      .prepare(query)
      .raw()
      .get(...params) as unknown[] | undefined
    return Number(row?.[0] ?? 0)
  }

  /** The open edge of "the last N days": the same local time N days ago. */
  since(days: number): string {
    return sameTimeDaysBefore(this.now, TZ, days).toISOString()
  }

  dayStart(date: string): string {
    return startOfDate(date, TZ).toISOString()
  }

  async kpi<K extends Kind>(id: string, kind: K, options: EvaluateOptions = {}): Promise<Of<K>> {
    const result = await this.engine.evaluate(id, options)
    expect(result.kind, `${id} is a ${kind} KPI`).toBe(kind)
    return result as Of<K>
  }

  ticket(id: unknown): string {
    const t = this.get(
      `select number, ticket_type, status, created_at, completed_at, assigned_resource_id from ticket where id = ?`,
      id,
    )
    if (!t) return `ticket ${id} (not in the table)`
    return `${t.number} (type ${t.ticket_type}, status ${t.status}, created ${t.created_at}${t.completed_at ? `, completed ${t.completed_at}` : ''}, assignee ${t.assigned_resource_id ?? 'none'})`
  }
}

async function syncWorld(size: 'small' | 'medium') {
  const started = performance.now()
  const world = createSimWorld({ size, seed: 7, now: SIM_NOW })
  // No API budget to respect against our own simulator: a first sync of a year of history in one go.
  const sim = await startSimulator({ world, hourlyLimit: 1_000_000 })
  const dir = mkdtempSync(join(tmpdir(), 'roleboard-invariants-'))
  const handle = await openDatabase(join(dir, 'roleboard.sqlite'))
  try {
    const summary = await createAutotaskConnector(handle, {
      credentials: {
        username: DEMO_CREDENTIALS.userName,
        secret: DEMO_CREDENTIALS.secret,
        integrationCode: DEMO_CREDENTIALS.integrationCode,
        discoveryUrl: sim.discoveryUrl,
      },
      governor: { share: 1 },
    }).sync()
    if (!summary.ok) throw new Error(`the ${size} sync failed: ${summary.error?.message ?? 'unknown'}`)
  } finally {
    await sim.close()
  }
  const seconds = (performance.now() - started) / 1000
  const raw = new BetterSqlite3(handle.path, { readonly: true, fileMustExist: true })
  return {
    handle,
    raw,
    seconds,
    close: async () => {
      raw.close()
      await handle.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------------------------------------------------
// Findings: every disagreement of one test, reported together.

type Key = string | number

function show(value: unknown): string {
  if (typeof value === 'number') return String(Math.round(value * 10_000) / 10_000)
  return JSON.stringify(value)
}

class Findings {
  readonly problems: string[] = []

  add(problem: string): void {
    this.problems.push(problem)
  }

  /** Numbers equal within the API's 0.01 (null only where null is expected). */
  close(what: string, got: number | null | undefined, want: number | null | undefined, tol = TOL): void {
    const g = got ?? null
    const w = want ?? null
    if (g === null || w === null) {
      if (g !== w) this.add(`${what}: got ${show(g)}, expected ${show(w)}`)
      return
    }
    if (!(Math.abs(g - w) <= tol)) this.add(`${what}: got ${show(g)}, expected ${show(w)}`)
  }

  equal(what: string, got: unknown, want: unknown): void {
    if (!isDeepStrictEqual(got, want)) this.add(`${what}: got ${show(got)}, expected ${show(want)}`)
  }

  that(what: string, ok: boolean): void {
    if (!ok) this.add(what)
  }

  /** Breakdown items against expected values per key; an item for a key not expected is a finding too. */
  items(id: string, items: readonly BreakdownItem[], want: ReadonlyMap<string, number | null>, tol = TOL): void {
    const got = new Map(items.map((item) => [item.key, item.value]))
    for (const [key, value] of want) {
      if (!got.has(key)) this.add(`${id}: no item for ${key} (expected ${show(value)})`)
      else this.close(`${id} item ${key}`, got.get(key), value, tol)
    }
    for (const item of items)
      if (!want.has(item.key)) this.add(`${id}: item ${item.key} (${item.label}) = ${show(item.value)} is not expected`)
  }

  /**
   * A list's rows against the records that meet its stated condition: every row must be `allowed`, every
   * `required` record must be a row. `allowed` is wider than `required` where the KPI may leave out a
   * population by a parameter of its own (alerts).
   */
  rows(
    id: string,
    got: readonly Key[],
    required: readonly Key[],
    explain: (key: Key) => string,
    allowed: readonly Key[] = required,
  ): void {
    const gotSet = new Set(got.map(String))
    const allowedSet = new Set(allowed.map(String))
    if (gotSet.size !== got.length) this.add(`${id}: ${got.length - gotSet.size} duplicate rows`)
    const extra = got.filter((key) => !allowedSet.has(String(key)))
    const missing = required.filter((key) => !gotSet.has(String(key)))
    const some = (keys: readonly Key[]) =>
      `${keys.slice(0, 6).map(explain).join('; ')}${keys.length > 6 ? '; ...' : ''}`
    if (extra.length > 0)
      this.add(`${id}: ${extra.length} of ${got.length} rows do not meet the condition: ${some(extra)}`)
    if (missing.length > 0)
      this.add(`${id}: ${missing.length} of ${required.length} qualifying records are not listed: ${some(missing)}`)
  }

  /** Rows in the stated order: `key` of each row must not decrease. */
  sorted(id: string, rows: readonly Row[], key: (row: Row) => Array<number | string>, order: string): void {
    for (let i = 1; i < rows.length; i++) {
      const a = key(rows[i - 1]!)
      const b = key(rows[i]!)
      for (let k = 0; k < a.length; k++) {
        if (a[k]! < b[k]!) break
        if (a[k]! > b[k]!) {
          this.add(`${id}: rows are not sorted ${order} (row ${i} before row ${i + 1}: ${show(a)} then ${show(b)})`)
          return
        }
      }
    }
  }

  done(): void {
    expect(this.problems, `${this.problems.length} disagreement(s)`).toEqual([])
  }
}

// ---------------------------------------------------------------------------------------------------------
// Our own calendar arithmetic: business hours Mon-Fri 08:30-17:30 local, closed on the Dutch public
// holidays (the MSP settings' default), listed here by hand from the calendar rather than computed.
const DUTCH_HOLIDAYS = new Set([
  '2025-01-01',
  '2025-04-20',
  '2025-04-21',
  '2025-04-26',
  '2025-05-05',
  '2025-05-29',
  '2025-06-08',
  '2025-06-09',
  '2025-12-25',
  '2025-12-26',
  '2026-01-01',
  '2026-04-05',
  '2026-04-06',
  '2026-04-27',
  '2026-05-14',
  '2026-05-24',
  '2026-05-25',
  '2026-12-25',
  '2026-12-26',
  '2027-01-01',
  '2027-03-28',
  '2027-03-29',
  '2027-04-27',
  '2027-05-06',
  '2027-05-16',
  '2027-05-17',
  '2027-12-25',
  '2027-12-26',
])

function businessHours(from: string | Date, to: string | Date): number {
  const a = new Date(from).getTime()
  const b = new Date(to).getTime()
  if (b <= a) return 0
  let total = 0
  for (let date = localDate(new Date(a), TZ); startOfDate(date, TZ).getTime() < b; date = addDays(date, 1)) {
    if (weekdayOf(date) > 5 || DUTCH_HOLIDAYS.has(date)) continue
    const [y, m, d] = date.split('-').map(Number) as [number, number, number]
    const open = zonedTime(y, m, d, 8, 30, TZ).getTime()
    const close = zonedTime(y, m, d, 17, 30, TZ).getTime()
    total += Math.max(0, Math.min(close, b) - Math.max(open, a))
  }
  return total / 3_600_000
}

/** Working days after `from`'s local date up to and including `to`'s. */
function businessDays(from: string | Date, to: string | Date): number {
  let count = 0
  const last = localDate(new Date(to), TZ)
  for (let date = addDays(localDate(new Date(from), TZ), 1); date <= last; date = addDays(date, 1))
    if (weekdayOf(date) <= 5) count++
  return count
}

function previousWorkingDay(date: string): string {
  let day = addDays(date, -1)
  while (weekdayOf(day) > 5) day = addDays(day, -1)
  return day
}

const sum = (values: Iterable<number | null | undefined>) => {
  let total = 0
  for (const value of values) total += value ?? 0
  return total
}
const pct = (part: number, whole: number) => (whole === 0 ? null : (100 * part) / whole)
const mean = (values: number[]) => (values.length === 0 ? null : sum(values) / values.length)
const median = (values: number[]) => quantile(values, 0.5)
/** Linear interpolation between closest ranks (the convention the library states for its percentiles). */
function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = Math.floor(at)
  const high = Math.ceil(at)
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low)
}
const PRIORITY_RANK: Record<number, number> = { 4: 0, 1: 1, 2: 2, 3: 3 }
const rankOf = (priority: number | null) => (priority === null ? 99 : (PRIORITY_RANK[priority] ?? 50))
const inList = (values: readonly number[]) => (values.length > 0 ? values.join(',') : '-1')

/**
 * Ticket types a KPI leaves out by a parameter of its own (`excludeTicketTypes`, or an `includeAlerts`
 * switch that is off): issue 10 lets every KPI about people's work say whether it counts alerts.
 */
function declaredExcludedTypes(id: string): number[] {
  const params = findKpi(id)?.params ?? {}
  const out = new Set<number>()
  const exclude = params.excludeTicketTypes?.default
  if (Array.isArray(exclude)) for (const type of exclude) out.add(type)
  if (params.includeAlerts?.default === false) out.add(ALERT)
  if (params.excludeAlerts?.default === true) out.add(ALERT)
  return [...out]
}

/** Open: status is not Complete (5). */
const OPEN = `status != 5`

/** Pinned ids whose meaning counts every ticket, whatever parameters they take. */
const PINNED_EVERY_TICKET = new Set([
  'tickets_open',
  'tickets_created_today',
  'tickets_completed_today',
  'first_response_sla_7d',
])

function excludedTypes(id: string): number[] {
  return PINNED_EVERY_TICKET.has(id) ? [] : declaredExcludedTypes(id).sort((a, b) => a - b)
}

/** The tickets a KPI counts, as a condition on `ticket_type`: all, or all but the types it leaves out by its own parameters. */
function population(id: string, alias = ''): string {
  const excluded = excludedTypes(id)
  const column = alias ? `${alias}.ticket_type` : 'ticket_type'
  return excluded.length === 0 ? '1 = 1' : `(${column} is null or ${column} not in (${inList(excluded)}))`
}

function populationName(id: string): string {
  const excluded = excludedTypes(id)
  return excluded.length === 0 ? 'every ticket' : `ticket types ${excluded.join(', ')} left out`
}

/** Two KPIs count the same tickets: then they must show the same number for the same quantity. */
function samePopulation(a: string, b: string): boolean {
  return isDeepStrictEqual(excludedTypes(a), excludedTypes(b))
}

/** `k`, `n` rows as a map from key (text) to count. */
function counts(e: Env, query: string, ...params: unknown[]): Map<string, number> {
  return new Map(e.all(query, ...params).map((r) => [String(r.k), Number(r.n)]))
}

/** MRR per client: "Monthly Value" of active recurring and retainer contracts in force on the local date. */
function mrrByCompany(e: Env): Map<number, number> {
  const rows = e.all(
    `select c.company_id companyId, sum(cast(json_extract(c.udf, '$."Monthly Value"') as real)) mrr
       from contract c join company co on co.id = c.company_id
      where c.status = 1 and c.company_id != 0 and c.contract_type in (${inList(RECURRING)})
        and (c.start_date is null or c.start_date <= ?) and (c.end_date is null or c.end_date >= ?)
        and cast(json_extract(c.udf, '$."Monthly Value"') as real) > 0
      group by c.company_id`,
    e.today,
    e.today,
  )
  return new Map(rows.map((r) => [Number(r.companyId), Number(r.mrr)]))
}

/** Hours worked per client on the local dates [from, to]: through the entry's ticket, else its contract. */
function hoursByCompany(e: Env, from: string, to: string): Map<number, number> {
  const rows = e.all(
    `select coalesce(t.company_id, c.company_id) companyId, sum(te.hours_worked) hours
       from time_entry te left join ticket t on t.id = te.ticket_id left join contract c on c.id = te.contract_id
      where te.date_worked >= ? and te.date_worked <= ? group by 1`,
    from,
    to,
  )
  return new Map(rows.filter((r) => r.companyId !== null).map((r) => [Number(r.companyId), Number(r.hours)]))
}

/** A contract in force already has a follow-up: a later active contract of the client and type starting within 31 days of its end. */
function renewedContracts(e: Env): Set<number> {
  const rows = e.all(
    `select distinct c.id from contract c join contract n
        on n.company_id = c.company_id and n.contract_type = c.contract_type and n.status = 1 and n.start_date > ?
       and n.start_date > coalesce(c.start_date, '') and c.end_date is not null and n.start_date <= date(c.end_date, '+31 days')`,
    e.today,
  )
  return new Set(rows.map((r) => Number(r.id)))
}

const CONTRACTS_IN_FORCE = `select c.*, cast(json_extract(c.udf, '$."Monthly Value"') as real) monthly, cast(json_extract(c.udf, '$."Hours Purchased"') as real) purchased
   from contract c join company co on co.id = c.company_id
  where c.status = 1 and c.company_id != 0 and (c.start_date is null or c.start_date <= ?) and (c.end_date is null or c.end_date >= ?)`

// ---------------------------------------------------------------------------------------------------------
// The invariants. `windowed` ones are run a second time on medium data with the clock in a DST week.

interface Check {
  title: string
  windowed?: boolean
  run(e: Env, f: Findings): Promise<void>
}

const checks: Check[] = []
const check = (title: string, run: Check['run'], windowed = false) => checks.push({ title, run, windowed })

// ----- Open tickets: one population, one number on every tile -------------------------------------------

check(
  'open tickets: tickets_open = Σ open_by_priority = Σ backlog_age_buckets = open_workload_per_engineer + unassigned; aged_over_30d = the old bucket',
  async (e, f) => {
    // Pinned: tickets_open counts every open ticket. The others count the tickets of their own stated population.
    const open = (id: string) => e.n(`select count(*) from ticket where ${OPEN} and ${population(id)}`)
    const tile = await e.kpi('tickets_open', 'number')
    f.close('tickets_open (open = status not Complete)', tile.value, e.n(`select count(*) from ticket where ${OPEN}`))

    const byPriority = await e.kpi('open_by_priority', 'breakdown')
    f.close(
      `open_by_priority headline (${populationName('open_by_priority')})`,
      byPriority.value,
      open('open_by_priority'),
    )
    f.close('open_by_priority Σ items vs its headline', sum(byPriority.items.map((i) => i.value)), byPriority.value)
    f.items(
      'open_by_priority',
      byPriority.items,
      counts(
        e,
        `select coalesce(cast(priority as text), 'none') k, count(*) n from ticket where ${OPEN} and ${population('open_by_priority')} group by 1`,
      ),
    )
    if (samePopulation('open_by_priority', 'tickets_open'))
      f.close('open_by_priority headline vs tickets_open (same tickets)', byPriority.value, tile.value)

    const ages = await e.kpi('backlog_age_buckets', 'breakdown')
    const agesPop = population('backlog_age_buckets')
    const young = e.n(`select count(*) from ticket where ${OPEN} and ${agesPop} and created_at > ?`, e.since(10))
    const old = e.n(`select count(*) from ticket where ${OPEN} and ${agesPop} and created_at < ?`, e.since(30))
    f.close(
      `Σ backlog_age_buckets items vs its open tickets (${populationName('backlog_age_buckets')})`,
      sum(ages.items.map((i) => i.value)),
      open('backlog_age_buckets'),
    )
    if (samePopulation('backlog_age_buckets', 'tickets_open'))
      f.close(
        'Σ backlog_age_buckets items vs tickets_open (same tickets)',
        sum(ages.items.map((i) => i.value)),
        tile.value,
      )
    f.items(
      'backlog_age_buckets',
      ages.items,
      new Map([
        ['young', young],
        ['middle', open('backlog_age_buckets') - young - old],
        ['old', old],
      ]),
    )
    f.close('backlog_age_buckets headline = its "older than 30 days" bucket', ages.value, old)
    const aged = await e.kpi('aged_over_30d', 'list')
    if (samePopulation('aged_over_30d', 'backlog_age_buckets'))
      f.close('aged_over_30d count vs backlog_age_buckets "older than 30 days" (same tickets)', aged.count, old)

    const workload = await e.kpi('open_workload_per_engineer', 'breakdown')
    const workPop = population('open_workload_per_engineer')
    const unassigned = e.n(`select count(*) from ticket where ${OPEN} and ${workPop} and assigned_resource_id is null`)
    f.close(
      'open_workload_per_engineer Σ items vs its headline',
      sum(workload.items.map((i) => i.value)),
      workload.value,
    )
    f.close(
      `open_workload_per_engineer headline + unassigned open tickets vs all its open tickets (${populationName('open_workload_per_engineer')})`,
      (workload.value ?? 0) + unassigned,
      open('open_workload_per_engineer'),
    )
    if (samePopulation('open_workload_per_engineer', 'tickets_open'))
      f.close(
        'open_workload_per_engineer headline + unassigned vs tickets_open (same tickets)',
        (workload.value ?? 0) + unassigned,
        tile.value,
      )
    f.items(
      'open_workload_per_engineer',
      workload.items,
      counts(
        e,
        `select assigned_resource_id k, count(*) n from ticket where ${OPEN} and ${workPop} and assigned_resource_id is not null group by 1`,
      ),
    )
    f.done()
  },
)

check(
  'open tickets per engineer: tickets_open, open_by_priority and open_workload_per_engineer give each engineer the same number',
  async (e, f) => {
    const workload = await e.kpi('open_workload_per_engineer', 'breakdown')
    const mine = (id: string) =>
      counts(
        e,
        `select assigned_resource_id k, count(*) n from ticket where ${OPEN} and assigned_resource_id is not null and ${population(id)} group by 1`,
      )
    const all = mine('tickets_open')
    const byPriority = mine('open_by_priority')
    const byWorkload = mine('open_workload_per_engineer')
    for (const [id, n] of all) {
      const tile = await e.kpi('tickets_open', 'number', { me: Number(id), role: 'engineer' })
      const priorities = await e.kpi('open_by_priority', 'breakdown', { me: Number(id), role: 'engineer' })
      f.close(`tickets_open for engineer ${id}`, tile.value, n)
      f.close(`open_by_priority for engineer ${id}`, priorities.value, byPriority.get(id) ?? 0)
      f.close(
        `open_workload_per_engineer item ${id}`,
        workload.items.find((i) => i.key === id)?.value ?? 0,
        byWorkload.get(id) ?? 0,
      )
      if (samePopulation('open_by_priority', 'tickets_open'))
        f.close(`engineer ${id}: open_by_priority vs tickets_open (same tickets)`, priorities.value, tile.value)
    }
    f.done()
  },
)

check('queue_health_avg_days_open: each queue and the headline are the mean age of its open tickets', async (e, f) => {
  const tile = await e.kpi('queue_health_avg_days_open', 'breakdown')
  const now = e.now.getTime()
  const rows = e.all(
    `select coalesce(cast(queue_id as text), 'none') k, created_at from ticket where ${OPEN} and ${population('queue_health_avg_days_open')}`,
  )
  const age = (r: Row) => (now - Date.parse(r.created_at)) / 86_400_000
  const byQueue = new Map<string, number[]>()
  for (const r of rows) byQueue.set(r.k, [...(byQueue.get(r.k) ?? []), age(r)])
  f.items('queue_health_avg_days_open', tile.items, new Map([...byQueue].map(([k, ages]) => [k, mean(ages)])))
  f.close('queue_health_avg_days_open headline', tile.value, mean(rows.map(age)))
  f.done()
})

check(
  'backlog_pct_daily_volume: open tickets over the average created per business day of the last 20',
  async (e, f) => {
    // Created on the 20 business days before today (weekends and today left out), divided by 20.
    const pop = population('backlog_pct_daily_volume')
    let created = 0
    for (let i = 0, day = e.today; i < 20; i++) {
      day = previousWorkingDay(day)
      created += e.n(
        `select count(*) from ticket where ${pop} and created_at >= ? and created_at < ?`,
        e.dayStart(day),
        e.dayStart(addDays(day, 1)),
      )
    }
    const open = e.n(`select count(*) from ticket where ${OPEN} and ${pop}`)
    f.close(
      'backlog_pct_daily_volume',
      (await e.kpi('backlog_pct_daily_volume', 'number')).value,
      pct(open, created / 20),
    )
    f.done()
  },
)

// ----- Created and completed: the same counts on every tile ---------------------------------------------

/** "Created" is the creation time in the window; "completed" is status Complete with the completion time in it. */
const EVENT = { created: 'created_at', completed: 'completed_at' } as const
const eventIn = (event: keyof typeof EVENT) =>
  event === 'completed' ? `status = 5 and completed_at > ? and completed_at <= ?` : `created_at > ? and created_at <= ?`

check(
  "today and the daily trends: tickets_created_today / tickets_completed_today (pinned) = the trend's today point; each point is its local day; a trend's headline is the count of the last N days, the number every tile shows",
  async (e, f) => {
    for (const [todayId, trendId, event] of [
      ['tickets_created_today', 'tickets_created', 'created'],
      ['tickets_completed_today', 'tickets_completed', 'completed'],
    ] as const) {
      const column = EVENT[event]
      const today = await e.kpi(todayId, 'number')
      const trend = await e.kpi(trendId, 'trend')
      const midnight = new Date(Date.parse(e.dayStart(e.today)) - 1).toISOString()
      f.close(
        `${todayId} (since local midnight, every ticket)`,
        today.value,
        e.n(`select count(*) from ticket where ${eventIn(event)}`, midnight, e.iso),
      )
      if (samePopulation(todayId, trendId))
        f.close(`${todayId} vs ${trendId}'s today point (same tickets)`, today.value, trend.points.at(-1)?.value)
      f.equal(`${trendId}'s last point is today`, trend.points.at(-1)?.t, e.today)
      const days = Number(findKpi(trendId)?.params.days?.default ?? 30)
      const pop = population(trendId)
      // Its stated window decides: whole calendar days (today so far included), or the last N days by the one rule.
      const calendar = /calendar day/i.test(findKpi(trendId)?.window.en ?? '')
      const after = calendar
        ? new Date(Date.parse(e.dayStart(addDays(e.today, 1 - days))) - 1).toISOString()
        : e.since(days)
      f.close(
        `${trendId} headline: ${event} in the last ${days} ${calendar ? 'calendar days' : 'days'} (${populationName(trendId)})`,
        trend.value,
        e.n(`select count(*) from ticket where ${pop} and ${eventIn(event)}`, after, e.iso),
      )
      if (calendar)
        f.that(
          `${trendId} counts calendar days, not the rolling last ${days} days of the other tiles: its title must say so (it says "${trend.title}")`,
          /calendar/i.test(trend.title),
        )
      for (const point of trend.points) {
        const n = e.n(
          `select count(*) from ticket where ${pop} and ${eventIn(event)} and ${column} >= ? and ${column} < ?`,
          after,
          e.iso,
          e.dayStart(point.t),
          e.dayStart(addDays(point.t, 1)),
        )
        f.close(`${trendId} point ${point.t}`, point.value, n)
      }
    }
    f.done()
  },
  true,
)

check(
  'tickets completed in the last 30 days are one number: tickets_completed headline = Σ tickets_closed_per_tech = own count; tickets_closed_per_tech headline is the mean per technician (billable staff, as revenue_per_tech counts them)',
  async (e, f) => {
    const tile = await e.kpi('tickets_closed_per_tech', 'breakdown')
    const rows = e.all(
      `select coalesce(cast(coalesce(completed_by_resource_id, assigned_resource_id) as text), 'none') k, count(*) n from ticket where ${eventIn('completed')} and ${population('tickets_closed_per_tech')} group by 1`,
      e.since(30),
      e.iso,
    )
    f.close(
      `Σ tickets_closed_per_tech items vs tickets completed in the last 30 days (${populationName('tickets_closed_per_tech')})`,
      sum(tile.items.map((i) => i.value)),
      sum(rows.map((r) => Number(r.n))),
    )
    f.items('tickets_closed_per_tech', tile.items, new Map(rows.map((r) => [String(r.k), Number(r.n)])))
    // Technicians: the billable staff of the last 30 dates (see "Billable staff" below), those who completed none included.
    const techs = new Set(
      e
        .all(
          `select id from resource where is_active = 1 and id in (select resource_id from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?)`,
          addDays(e.today, -29),
          e.today,
        )
        .map((r) => String(r.id)),
    )
    const byTechs = sum(rows.filter((r) => techs.has(String(r.k))).map((r) => Number(r.n)))
    f.close(
      `tickets_closed_per_tech headline (tickets of the ${techs.size} technicians over their number)`,
      tile.value,
      techs.size === 0 ? null : byTechs / techs.size,
    )
    if (
      samePopulation('tickets_completed', 'tickets_closed_per_tech') &&
      !/calendar day/i.test(findKpi('tickets_completed')?.window.en ?? '')
    ) {
      const trend = await e.kpi('tickets_completed', 'trend')
      f.close(
        'tickets_completed headline vs Σ tickets_closed_per_tech (both "completed in the last 30 days")',
        trend.value,
        sum(tile.items.map((i) => i.value)),
      )
    }
    f.done()
  },
  true,
)

check(
  'kill_rate = completed / created over the last 7 days',
  async (e, f) => {
    const pop = population('kill_rate')
    const created = e.n(`select count(*) from ticket where ${pop} and ${eventIn('created')}`, e.since(7), e.iso)
    const completed = e.n(`select count(*) from ticket where ${pop} and ${eventIn('completed')}`, e.since(7), e.iso)
    f.close('kill_rate', (await e.kpi('kill_rate', 'number')).value, created === 0 ? null : completed / created)
    f.done()
  },
  true,
)

check(
  'same_day_close_rate: of the tickets created on the last 7 full local days, the share completed the same local day',
  async (e, f) => {
    const rows = e.all(
      `select created_at, completed_at, status from ticket where ${population('same_day_close_rate')} and created_at >= ? and created_at < ?`,
      e.dayStart(addDays(e.today, -7)),
      e.dayStart(e.today),
    )
    const same = rows.filter(
      (r) =>
        r.status === 5 &&
        r.completed_at &&
        localDate(new Date(r.completed_at), TZ) === localDate(new Date(r.created_at), TZ),
    ).length
    f.close('same_day_close_rate', (await e.kpi('same_day_close_rate', 'number')).value, pct(same, rows.length))
    f.done()
  },
)

check(
  "ticket_source_mix: shares of the last 30 days' tickets per source, summing to 100",
  async (e, f) => {
    const tile = await e.kpi('ticket_source_mix', 'breakdown')
    const rows = e.all(
      `select coalesce(cast(source as text), 'none') k, count(*) n from ticket where ${population('ticket_source_mix')} and ${eventIn('created')} group by 1`,
      e.since(30),
      e.iso,
    )
    const total = sum(rows.map((r) => Number(r.n)))
    f.items('ticket_source_mix', tile.items, new Map(rows.map((r) => [String(r.k), pct(Number(r.n), total)])))
    if (total > 0)
      f.close('Σ ticket_source_mix shares', sum(tile.items.map((i) => i.value)), 100, 0.01 * tile.items.length)
    f.done()
  },
  true,
)

check(
  'alert_ticket_share: alerts (type 5) among the tickets created per ISO week, headline over all 8 weeks',
  async (e, f) => {
    const tile = await e.kpi('alert_ticket_share', 'trend')
    const monday = mondayOf(e.today)
    let all = 0
    let alerts = 0
    for (let i = 7; i >= 0; i--) {
      const week = addDays(monday, -7 * i)
      const row = e.get(
        `select count(*) n, coalesce(sum(ticket_type = 5), 0) a from ticket where created_at >= ? and created_at < ? and created_at <= ?`,
        e.dayStart(week),
        e.dayStart(addDays(week, 7)),
        e.iso,
      )
      all += Number(row.n)
      alerts += Number(row.a)
      f.close(
        `alert_ticket_share week ${week}`,
        tile.points.find((p) => p.t === week)?.value,
        pct(Number(row.a), Number(row.n)),
      )
    }
    f.close('alert_ticket_share headline', tile.value, pct(alerts, all))
    f.done()
  },
)

// ----- SLA ------------------------------------------------------------------------------------------------

check(
  'first_response_sla_7d (pinned): tickets created in the last 7 days, judged once due or answered, met when answered by the due time',
  async (e, f) => {
    const rows = e.all(
      `select first_response_at at, first_response_due_at due from ticket where ${eventIn('created')} and first_response_due_at is not null`,
      e.since(7),
      e.iso,
    )
    const judged = rows.filter((r) => r.at !== null || r.due <= e.iso)
    const met = judged.filter((r) => r.at !== null && r.at <= r.due).length
    f.close('first_response_sla_7d', (await e.kpi('first_response_sla_7d', 'number')).value, pct(met, judged.length))
    f.done()
  },
  true,
)

check(
  'SLA compliance is one number: sla_compliance = sla_by_priority = sla_by_company over the same days, and each item is its own group',
  async (e, f) => {
    const verdicts = (id: string, days: number) =>
      e.all(
        `select coalesce(cast(priority as text), 'none') priority, coalesce(cast(company_id as text), 'none') company, sla_met from ticket where ${eventIn('completed')} and sla_met is not null and ${population(id)}`,
        e.since(days),
        e.iso,
      )
    const share = (rows: Row[]) => pct(rows.filter((r) => r.sla_met === 1).length, rows.length)
    const grouped = (rows: Row[], key: string) => {
      const groups = new Map<string, Row[]>()
      for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r])
      return new Map([...groups].map(([k, list]) => [k, share(list)]))
    }
    for (const days of [7, 30, 90]) {
      const compliance = await e.kpi('sla_compliance', 'number', { params: { days } })
      f.close(`sla_compliance (${days} days)`, compliance.value, share(verdicts('sla_compliance', days)))
      for (const [id, key] of [
        ['sla_by_priority', 'priority'],
        ['sla_by_company', 'company'],
      ] as const) {
        const rows = verdicts(id, days)
        const tile = await e.kpi(id, 'breakdown', { params: { days } })
        f.close(`${id} headline (${days} days)`, tile.value, share(rows))
        f.items(`${id} (${days} days)`, tile.items, grouped(rows, key))
        if (samePopulation(id, 'sla_compliance'))
          f.close(`${id} headline vs sla_compliance over ${days} days (same tickets)`, tile.value, compliance.value)
      }
    }
    f.done()
  },
  true,
)

check(
  'breach_rate_7d: of the resolution deadlines in the last 7 days (unresolved waiting tickets left out), the share resolved late or not at all',
  async (e, f) => {
    const rows = e.all(
      `select resolved_due_at due, coalesce(resolved_at, completed_at) done, status from ticket where ${population('breach_rate_7d')} and resolved_due_at > ? and resolved_due_at <= ?`,
      e.since(7),
      e.iso,
    )
    const judged = rows.filter((r) => !(r.done === null && WAITING.includes(r.status)))
    const breached = judged.filter((r) => r.done === null || r.done > r.due).length
    f.close('breach_rate_7d', (await e.kpi('breach_rate_7d', 'number')).value, pct(breached, judged.length))
    f.done()
  },
  true,
)

check(
  "business-hour durations: first_response_median, resolution_p90 and mttr_incidents (headline = mean over its priorities' tickets)",
  async (e, f) => {
    const answered = e.all(
      `select created_at, first_response_at from ticket where ${population('first_response_median')} and ${eventIn('created')} and first_response_at is not null`,
      e.since(7),
      e.iso,
    )
    f.close(
      'first_response_median',
      (await e.kpi('first_response_median', 'number')).value,
      median(answered.map((t) => businessHours(t.created_at, t.first_response_at))),
    )
    const types = inList((findKpi('resolution_p90')?.params.ticketTypes?.default as number[] | undefined) ?? [1, 2, 3])
    const resolved = e.all(
      `select created_at, resolved_at from ticket where resolved_at > ? and resolved_at <= ? and ticket_type in (${types})`,
      e.since(30),
      e.iso,
    )
    f.close(
      'resolution_p90',
      (await e.kpi('resolution_p90', 'number')).value,
      quantile(
        resolved.map((t) => businessHours(t.created_at, t.resolved_at)),
        0.9,
      ),
    )
    const incidents = e.all(
      `select coalesce(cast(priority as text), 'none') k, created_at, resolved_at from ticket where resolved_at > ? and resolved_at <= ? and ticket_type = 2`,
      e.since(30),
      e.iso,
    )
    const mttr = await e.kpi('mttr_incidents', 'breakdown')
    const byPriority = new Map<string, number[]>()
    for (const t of incidents)
      byPriority.set(t.k, [...(byPriority.get(t.k) ?? []), businessHours(t.created_at, t.resolved_at)])
    f.items('mttr_incidents', mttr.items, new Map([...byPriority].map(([k, hours]) => [k, mean(hours)])))
    f.close('mttr_incidents headline', mttr.value, mean([...byPriority.values()].flat()))
    f.done()
  },
)

// ----- Quality ---------------------------------------------------------------------------------------------

check(
  'resolution quality: first_touch_resolution (pinned) <= single_tech_resolution = 100 - escalation_rate; hours_per_ticket; reopen_rate',
  async (e, f) => {
    const worked = (id: string) =>
      e.all(
        `select t.id, count(distinct te.resource_id) techs, count(distinct te.date_worked) days, count(te.id) entries
         from ticket t join time_entry te on te.ticket_id = t.id
        where t.status = 5 and t.completed_at > ? and t.completed_at <= ? and (t.ticket_type is null or t.ticket_type not in (${inList(declaredExcludedTypes(id))}))
        group by t.id`,
        e.since(30),
        e.iso,
      )
    // Pinned: completed in the last 30 days, not alerts, with time; first touch = one resource, one date worked.
    const ftrPopulation = e.all(
      `select t.id, count(distinct te.resource_id) techs, count(distinct te.date_worked) days
       from ticket t join time_entry te on te.ticket_id = t.id
      where t.status = 5 and t.completed_at > ? and t.completed_at <= ? and (t.ticket_type is null or t.ticket_type != 5)
      group by t.id`,
      e.since(30),
      e.iso,
    )
    const ftr = await e.kpi('first_touch_resolution', 'number')
    f.close(
      'first_touch_resolution (one resource, one date worked)',
      ftr.value,
      pct(ftrPopulation.filter((t) => t.techs === 1 && t.days === 1).length, ftrPopulation.length),
    )

    const single = await e.kpi('single_tech_resolution', 'number')
    const singles = worked('single_tech_resolution')
    f.close('single_tech_resolution', single.value, pct(singles.filter((t) => t.techs === 1).length, singles.length))
    const escalation = await e.kpi('escalation_rate', 'number')
    const escalations = worked('escalation_rate')
    f.close('escalation_rate', escalation.value, pct(escalations.filter((t) => t.techs > 1).length, escalations.length))
    if (single.value !== null && escalation.value !== null)
      f.close(
        'single_tech_resolution + escalation_rate (the same tickets, split in two)',
        single.value + escalation.value,
        100,
        2 * TOL,
      )
    // For one person too: both count the tickets credited to them (completed by, else assigned to).
    const resolver = e.get<{ id: number } | undefined>(
      `select coalesce(completed_by_resource_id, assigned_resource_id) id from ticket where status = 5 and completed_at > ? and completed_at <= ? and coalesce(completed_by_resource_id, assigned_resource_id) is not null group by 1 order by count(*) desc, 1 limit 1`,
      e.since(30),
      e.iso,
    )
    if (resolver) {
      const mySingle = await e.kpi('single_tech_resolution', 'number', { me: resolver.id })
      const myEscalation = await e.kpi('escalation_rate', 'number', { me: resolver.id })
      if (mySingle.value !== null && myEscalation.value !== null)
        f.close(
          `single_tech_resolution + escalation_rate for resource ${resolver.id}`,
          mySingle.value + myEscalation.value,
          100,
          2 * TOL,
        )
      else
        f.that(
          `single_tech_resolution and escalation_rate for resource ${resolver.id} both have a value or neither`,
          mySingle.value === myEscalation.value,
        )
    }
    if (ftr.value !== null && single.value !== null)
      f.that(
        `first_touch_resolution (${ftr.value}) cannot exceed single_tech_resolution (${single.value}): a first touch has one technician`,
        ftr.value <= single.value + TOL,
      )

    const excluded = inList(declaredExcludedTypes('hours_per_ticket'))
    const tickets = e.n(
      `select count(*) from ticket where status = 5 and completed_at > ? and completed_at <= ? and (ticket_type is null or ticket_type not in (${excluded}))`,
      e.since(30),
      e.iso,
    )
    const hours = e.n(
      `select sum(te.hours_worked) from time_entry te join ticket t on t.id = te.ticket_id where t.status = 5 and t.completed_at > ? and t.completed_at <= ? and (t.ticket_type is null or t.ticket_type not in (${excluded}))`,
      e.since(30),
      e.iso,
    )
    f.close(
      'hours_per_ticket',
      (await e.kpi('hours_per_ticket', 'number')).value,
      tickets === 0 ? null : hours / tickets,
    )

    const reopen = e.get(
      `select count(*) n, coalesce(sum(status not in (5, ${inList(RESOLVED)})), 0) reopened from ticket
      where resolved_at > ? and resolved_at <= ? and (ticket_type is null or ticket_type not in (${inList(declaredExcludedTypes('reopen_rate'))}))`,
      e.since(30),
      e.iso,
    )
    f.close('reopen_rate', (await e.kpi('reopen_rate', 'number')).value, pct(Number(reopen.reopened), Number(reopen.n)))
    f.done()
  },
  true,
)

// ----- CSAT --------------------------------------------------------------------------------------------------

check(
  'CSAT shares agree with the rating distribution: csat_positive_30d = share >= 4, csat_negative_rate = share <= 2, csat_average = mean; by-client and by-engineer headlines over 30 days are the same share',
  async (e, f) => {
    const dist = new Map(
      e
        .all(
          `select rating, count(*) n from survey_result where rating is not null and completed_at > ? and completed_at <= ? group by rating`,
          e.since(30),
          e.iso,
        )
        .map((r) => [Number(r.rating), Number(r.n)]),
    )
    const total = sum(dist.values())
    const share = (keep: (rating: number) => boolean) =>
      pct(sum([...dist].filter(([r]) => keep(r)).map(([, n]) => n)), total)
    const positive = await e.kpi('csat_positive_30d', 'number')
    const negative = await e.kpi('csat_negative_rate', 'number')
    const average = await e.kpi('csat_average', 'number')
    f.close(
      'csat_positive_30d = share of ratings >= 4',
      positive.value,
      share((r) => r >= 4),
    )
    f.close(
      'csat_negative_rate = share of ratings <= 2',
      negative.value,
      share((r) => r <= 2),
    )
    f.close(
      'csat_average = mean rating',
      average.value,
      total === 0 ? null : sum([...dist].map(([r, n]) => r * n)) / total,
    )
    if (positive.value !== null && negative.value !== null)
      f.close(
        'csat_positive_30d + csat_negative_rate + share of 3s',
        positive.value + negative.value + (share((r) => r > 2 && r < 4) ?? 0),
        100,
        2 * TOL,
      )
    f.close(
      'csat_by_company headline over 30 days vs csat_positive_30d',
      (await e.kpi('csat_by_company', 'breakdown', { params: { days: 30 } })).value,
      positive.value,
    )
    f.close(
      'csat_by_engineer headline over 30 days vs csat_positive_30d',
      (await e.kpi('csat_by_engineer', 'breakdown', { params: { days: 30 } })).value,
      positive.value,
    )
    f.done()
  },
  true,
)

check(
  'csat_by_company and csat_by_engineer: each item is the positive share of its group, shown from the minimum responses on',
  async (e, f) => {
    for (const [id, days, min, column] of [
      ['csat_by_company', 182, 3, 's.company_id'],
      ['csat_by_engineer', 90, 10, 't.assigned_resource_id'],
    ] as const) {
      const tile = await e.kpi(id, 'breakdown')
      const rows = e.all(
        `select ${column} k, count(*) n, sum(s.rating >= 4) positive from survey_result s left join ticket t on t.id = s.ticket_id
        where s.rating is not null and s.completed_at > ? and s.completed_at <= ? and ${column} is not null group by 1`,
        e.since(days),
        e.iso,
      )
      f.items(
        id,
        tile.items,
        new Map(rows.filter((r) => r.n >= min).map((r) => [String(r.k), pct(Number(r.positive), Number(r.n))])),
      )
      const all = e.get(
        `select count(*) n, sum(rating >= 4) positive from survey_result where rating is not null and completed_at > ? and completed_at <= ?`,
        e.since(days),
        e.iso,
      )
      f.close(`${id} headline`, tile.value, pct(Number(all.positive), Number(all.n)))
    }
    f.done()
  },
)

check(
  'csat_score: each month point is the positive share of that local month; the headline is this month',
  async (e, f) => {
    const tile = await e.kpi('csat_score', 'trend')
    const current = firstOfMonth(e.today)
    for (let i = 11; i >= 0; i--) {
      const month = addMonths(current, -i)
      const row = e.get(
        `select count(*) n, sum(rating >= 4) positive from survey_result where rating is not null and completed_at >= ? and completed_at < ? and completed_at <= ?`,
        e.dayStart(month),
        e.dayStart(addMonths(month, 1)),
        e.iso,
      )
      f.close(
        `csat_score ${month.slice(0, 7)}`,
        tile.points.find((p) => p.t === month.slice(0, 7))?.value,
        pct(Number(row.positive ?? 0), Number(row.n)),
      )
    }
    f.close('csat_score headline = this month', tile.value, tile.points.at(-1)?.value)
    f.done()
  },
)

check(
  'csat_response_rate and csat_gap_on_breach',
  async (e, f) => {
    const surveys = e.n(
      `select count(*) from survey_result where completed_at > ? and completed_at <= ?`,
      e.since(30),
      e.iso,
    )
    const tickets = e.n(
      `select count(*) from ticket where status = 5 and completed_at > ? and completed_at <= ? and contact_id is not null and (ticket_type is null or ticket_type not in (${inList(declaredExcludedTypes('csat_response_rate'))}))`,
      e.since(30),
      e.iso,
    )
    f.close('csat_response_rate', (await e.kpi('csat_response_rate', 'number')).value, pct(surveys, tickets))
    const rows = e.all(
      `select t.sla_met, count(*) n, sum(s.rating >= 4) positive from survey_result s join ticket t on t.id = s.ticket_id where s.rating is not null and s.completed_at > ? and s.completed_at <= ? and t.sla_met is not null group by 1`,
      e.since(90),
      e.iso,
    )
    const shareOf = (met: number) => {
      const r = rows.find((x) => x.sla_met === met)
      return r ? pct(Number(r.positive), Number(r.n)) : null
    }
    const met = shareOf(1)
    const breached = shareOf(0)
    f.close(
      'csat_gap_on_breach',
      (await e.kpi('csat_gap_on_breach', 'number')).value,
      met === null || breached === null ? null : met - breached,
    )
    f.done()
  },
  true,
)

// ----- Time --------------------------------------------------------------------------------------------------

function previousIsoWeek(e: Env) {
  const from = addDays(mondayOf(e.today), -7)
  return { from, to: addDays(from, 6) }
}

function previousMonth(e: Env) {
  const first = firstOfMonth(e.today)
  return { from: addMonths(first, -1), to: addDays(first, -1) }
}

/** Active resources with any time entry dated in the last 30 days (today and the 29 dates before it, as billable staff): who capacity counts. */
function capacityPeople(e: Env): number[] {
  return e
    .all(
      `select id from resource where is_active = 1 and id in (select resource_id from time_entry where date_worked >= ? and date_worked <= ?) order by id`,
      addDays(e.today, -29),
      e.today,
    )
    .map((r) => Number(r.id))
}

check(
  'billable_hours_last_week (pinned): per resource, hours worked on billable entries dated in the previous ISO week, exact to 0.01',
  async (e, f) => {
    const week = previousIsoWeek(e)
    const tile = await e.kpi('billable_hours_last_week', 'breakdown')
    const rows = e.all(
      `select resource_id k, sum(hours_worked) h from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ? group by 1`,
      week.from,
      week.to,
    )
    const want = new Map<string, number>(rows.map((r) => [String(r.k), Number(r.h)]))
    for (const item of tile.items) if (!want.has(item.key)) want.set(item.key, 0)
    f.items('billable_hours_last_week', tile.items, want)
    f.close('billable_hours_last_week headline', tile.value, sum(rows.map((r) => Number(r.h))))
    f.close(
      'billable_hours_last_week headline vs Σ items',
      tile.value,
      sum(tile.items.map((i) => i.value)),
      0.01 * tile.items.length,
    )
    f.done()
  },
)

check(
  'billable + non-billable = total hours over the same window: last month (billable_mix, non_billable_by_code) and last ISO week per person (billable_hours_last_week, logged_utilization)',
  async (e, f) => {
    const month = previousMonth(e)
    const totals = e.get(
      `select coalesce(sum(hours_worked), 0) h, coalesce(sum(case when non_billable = 1 then hours_worked else 0 end), 0) nb from time_entry where date_worked >= ? and date_worked <= ?`,
      month.from,
      month.to,
    )
    const nonBillable = await e.kpi('non_billable_by_code', 'breakdown')
    const mix = await e.kpi('billable_mix', 'breakdown')
    f.close('non_billable_by_code headline = non-billable hours last month', nonBillable.value, Number(totals.nb))
    f.close(
      'non_billable_by_code Σ items vs its headline',
      sum(nonBillable.items.map((i) => i.value)),
      nonBillable.value,
      0.01 * nonBillable.items.length,
    )
    f.items(
      'non_billable_by_code',
      nonBillable.items,
      new Map(
        e
          .all(
            `select coalesce(cast(billing_code_id as text), 'none') k, sum(hours_worked) h from time_entry where non_billable = 1 and date_worked >= ? and date_worked <= ? group by 1`,
            month.from,
            month.to,
          )
          .map((r) => [String(r.k), Number(r.h)]),
      ),
    )
    if (mix.value !== null && nonBillable.value !== null) {
      f.close(
        'billable_mix share x total hours + non_billable_by_code hours = total hours last month',
        (mix.value / 100) * Number(totals.h) + nonBillable.value,
        Number(totals.h),
        0.0001 * Number(totals.h) + TOL,
      )
    }
    f.items(
      'billable_mix',
      mix.items,
      new Map(
        e
          .all(
            `select resource_id k, sum(hours_worked) h, sum(case when non_billable = 0 then hours_worked else 0 end) b from time_entry where date_worked >= ? and date_worked <= ? group by 1 having sum(hours_worked) > 0`,
            month.from,
            month.to,
          )
          .map((r) => [String(r.k), pct(Number(r.b), Number(r.h))]),
      ),
    )

    const week = previousIsoWeek(e)
    const billable = await e.kpi('billable_hours_last_week', 'breakdown')
    const logged = await e.kpi('logged_utilization', 'breakdown')
    const people = capacityPeople(e)
    for (const id of people) {
      const nb = e.n(
        `select coalesce(sum(hours_worked), 0) from time_entry where resource_id = ? and non_billable = 1 and date_worked >= ? and date_worked <= ?`,
        id,
        week.from,
        week.to,
      )
      const b = billable.items.find((i) => i.key === String(id))?.value ?? 0
      const loggedPct = logged.items.find((i) => i.key === String(id))?.value
      if (loggedPct === undefined || loggedPct === null)
        f.add(`logged_utilization has no item for resource ${id}, who counts for capacity`)
      else
        f.close(
          `resource ${id}: billable_hours_last_week + non-billable hours vs logged_utilization x ${WEEKLY_HOURS} h`,
          b + nb,
          (loggedPct / 100) * WEEKLY_HOURS,
          0.01,
        )
    }
    f.close(
      'logged_utilization headline = mean of its people (one capacity each)',
      logged.value,
      mean(logged.items.map((i) => i.value ?? 0)),
    )
    f.done()
  },
)

check(
  'billable_utilization_last_week (pinned): billable hours of the previous ISO week over 40 h per billable resource (active, billable time in the last 30 days)',
  async (e, f) => {
    const week = previousIsoWeek(e)
    const hours = e.n(
      `select coalesce(sum(hours_worked), 0) from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?`,
      week.from,
      week.to,
    )
    // Dates "in the last 30 days": today and the 29 before, or back to the same date a month ago; either reading passes.
    const staff = (first: string) =>
      e.n(
        `select count(*) from resource where is_active = 1 and id in (select resource_id from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?)`,
        first,
        e.today,
      )
    const tile = await e.kpi('billable_utilization_last_week', 'number')
    const readings = [staff(addDays(e.today, -29)), staff(addDays(e.today, -30))].map((n) =>
      pct(hours, WEEKLY_HOURS * n),
    )
    if (!readings.some((want) => tile.value !== null && want !== null && Math.abs(tile.value - want) <= TOL))
      f.close('billable_utilization_last_week', tile.value, readings[0])
    f.done()
  },
)

check(
  'time_entries_late_7d (pinned): of the entries whose work ended in the last 7 days, the share created more than 24 h after the end',
  async (e, f) => {
    const rows = e.all(`select end_at, created_at from time_entry where end_at > ? and end_at <= ?`, e.since(7), e.iso)
    const late = rows.filter((r) => Date.parse(r.created_at) - Date.parse(r.end_at) > 24 * 3_600_000).length
    f.close('time_entries_late_7d', (await e.kpi('time_entries_late_7d', 'number')).value, pct(late, rows.length))
    f.done()
  },
  true,
)

check(
  'time_entry_lag: mean hours from the end of the work to the entry, per person and overall, work ended in the last 7 days',
  async (e, f) => {
    const rows = e.all(
      `select resource_id k, end_at, created_at from time_entry where end_at > ? and end_at <= ?`,
      e.since(7),
      e.iso,
    )
    const lag = (r: Row) => Math.max(0, Date.parse(r.created_at) - Date.parse(r.end_at)) / 3_600_000
    const tile = await e.kpi('time_entry_lag', 'breakdown')
    const byPerson = new Map<string, number[]>()
    for (const r of rows) byPerson.set(String(r.k), [...(byPerson.get(String(r.k)) ?? []), lag(r)])
    f.items('time_entry_lag', tile.items, new Map([...byPerson].map(([k, lags]) => [k, mean(lags)])))
    f.close('time_entry_lag headline', tile.value, mean(rows.map(lag)))
    f.done()
  },
  true,
)

check('hours today and this week: hours_logged_today, billable_hours_wtd', async (e, f) => {
  f.close(
    'hours_logged_today',
    (await e.kpi('hours_logged_today', 'number')).value,
    e.n(`select coalesce(sum(hours_worked), 0) from time_entry where date_worked = ?`, e.today),
  )
  f.close(
    'billable_hours_wtd',
    (await e.kpi('billable_hours_wtd', 'number')).value,
    e.n(
      `select coalesce(sum(hours_worked), 0) from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?`,
      mondayOf(e.today),
      e.today,
    ),
  )
  f.done()
})

check("last month's hours: realization_rate, internal_time_share, after_hours_time, rhem", async (e, f) => {
  const month = previousMonth(e)
  const r = e.get(
    `select sum(hours_worked) w, sum(coalesce(hours_to_bill, 0)) b from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?`,
    month.from,
    month.to,
  )
  f.close(
    'realization_rate',
    (await e.kpi('realization_rate', 'number')).value,
    pct(Number(r.b ?? 0), Number(r.w ?? 0)),
  )
  const i = e.get(
    `select sum(te.hours_worked) w, sum(case when (te.ticket_id is null and te.task_id is null) or t.company_id = 0 then te.hours_worked else 0 end) i
       from time_entry te left join ticket t on t.id = te.ticket_id where te.date_worked >= ? and te.date_worked <= ?`,
    month.from,
    month.to,
  )
  f.close(
    'internal_time_share',
    (await e.kpi('internal_time_share', 'number')).value,
    pct(Number(i.i ?? 0), Number(i.w ?? 0)),
  )

  const afterHours = await e.kpi('after_hours_time', 'breakdown')
  const byPerson = new Map<string, number>()
  for (const entry of e.all(
    `select resource_id k, date_worked, start_at, end_at, hours_worked from time_entry where date_worked >= ? and date_worked <= ?`,
    month.from,
    month.to,
  )) {
    let after: number
    if (entry.start_at && entry.end_at) {
      const span = Math.max(0, Date.parse(entry.end_at) - Date.parse(entry.start_at)) / 3_600_000
      after = Math.min(Number(entry.hours_worked), Math.max(0, span - businessHours(entry.start_at, entry.end_at)))
    } else after = weekdayOf(entry.date_worked) > 5 ? Number(entry.hours_worked) : 0
    byPerson.set(String(entry.k), (byPerson.get(String(entry.k)) ?? 0) + after)
  }
  f.items('after_hours_time', afterHours.items, byPerson)
  f.close(
    'after_hours_time headline vs Σ items',
    afterHours.value,
    sum(afterHours.items.map((x) => x.value)),
    0.01 * afterHours.items.length,
  )

  // Which clients count (managed ones, with an endpoint count) is the KPI's own definition; every client it
  // shows must carry its own reactive minutes per endpoint, and the headline must be the total of those clients.
  const rhem = await e.kpi('rhem', 'breakdown')
  const reactiveTypes = inList((findKpi('rhem')?.params.reactiveTypes?.default as number[] | undefined) ?? [2, 3, 5])
  const reactive = new Map(
    e
      .all(
        `select t.company_id k, sum(te.hours_worked) h from time_entry te join ticket t on t.id = te.ticket_id where t.ticket_type in (${reactiveTypes}) and te.date_worked >= ? and te.date_worked <= ? group by 1`,
        month.from,
        month.to,
      )
      .map((x) => [String(x.k), Number(x.h)]),
  )
  const endpoints = new Map(
    e
      .all(
        `select id, cast(json_extract(udf, '$."Endpoints"') as real) n from company where id != 0 and cast(json_extract(udf, '$."Endpoints"') as real) > 0`,
      )
      .map((c) => [String(c.id), Number(c.n)]),
  )
  for (const item of rhem.items) {
    const n = endpoints.get(item.key)
    if (n === undefined) f.add(`rhem shows ${item.label} (${item.key}), a company without an endpoint count`)
    else
      f.close(
        `rhem ${item.label} (${item.key}): reactive minutes per endpoint`,
        item.value,
        (60 * (reactive.get(item.key) ?? 0)) / n,
      )
  }
  const shownEndpoints = sum(rhem.items.map((i) => endpoints.get(i.key) ?? 0))
  f.close(
    'rhem headline = reactive minutes per endpoint over the clients it shows',
    rhem.value,
    shownEndpoints === 0 ? null : (60 * sum(rhem.items.map((i) => reactive.get(i.key) ?? 0))) / shownEndpoints,
  )
  f.done()
})

check(
  'capacity breakdowns: overtime_hours (hours above 40 per capacity person, summed) and logged_utilization per person',
  async (e, f) => {
    const week = previousIsoWeek(e)
    const hours = new Map(
      e
        .all(
          `select resource_id k, sum(hours_worked) h from time_entry where date_worked >= ? and date_worked <= ? group by 1`,
          week.from,
          week.to,
        )
        .map((r) => [Number(r.k), Number(r.h)]),
    )
    const people = capacityPeople(e)
    const overtime = await e.kpi('overtime_hours', 'breakdown')
    f.items(
      'overtime_hours',
      overtime.items,
      new Map(people.map((id) => [String(id), Math.max(0, (hours.get(id) ?? 0) - WEEKLY_HOURS)])),
    )
    f.close(
      'overtime_hours headline vs Σ items',
      overtime.value,
      sum(overtime.items.map((i) => i.value)),
      0.01 * overtime.items.length,
    )
    const logged = await e.kpi('logged_utilization', 'breakdown')
    f.items(
      'logged_utilization',
      logged.items,
      new Map(people.map((id) => [String(id), pct(hours.get(id) ?? 0, WEEKLY_HOURS)])),
    )
    f.done()
  },
)

// ----- Finance ---------------------------------------------------------------------------------------------

check(
  'MRR is one number: mrr_total, arpu_client, client_concentration_top3, mrr_per_seat and the MRR on client rows of clients_csat_dropped and agreements_over_budget',
  async (e, f) => {
    const mrr = mrrByCompany(e)
    const total = sum(mrr.values())
    f.close('mrr_total', (await e.kpi('mrr_total', 'number')).value, total)
    f.close('arpu_client', (await e.kpi('arpu_client', 'number')).value, mrr.size === 0 ? null : total / mrr.size)
    const top = [...mrr.values()].sort((a, b) => b - a).slice(0, 3)
    f.close(
      'client_concentration_top3',
      (await e.kpi('client_concentration_top3', 'number')).value,
      pct(sum(top), total),
    )
    const seats = new Map(
      e
        .all(
          `select id, cast(json_extract(udf, '$."Seats"') as real) n from company where cast(json_extract(udf, '$."Seats"') as real) > 0`,
        )
        .map((r) => [Number(r.id), Number(r.n)]),
    )
    const perSeat = await e.kpi('mrr_per_seat', 'breakdown')
    const seated = [...mrr].filter(([id]) => seats.has(id))
    f.items('mrr_per_seat', perSeat.items, new Map(seated.map(([id, m]) => [String(id), m / seats.get(id)!])))
    f.close(
      'mrr_per_seat headline',
      perSeat.value,
      seated.length === 0 ? null : sum(seated.map(([, m]) => m)) / sum(seated.map(([id]) => seats.get(id)!)),
    )
    for (const id of ['clients_csat_dropped', 'agreements_over_budget']) {
      for (const row of (await e.kpi(id, 'list')).rows)
        f.close(
          `${id} row for company ${row.companyId}: MRR`,
          Number(row.mrr ?? 0),
          mrr.get(Number(row.companyId)) ?? 0,
        )
    }
    f.done()
  },
)

check(
  'agreement money: effective_hourly_rate over 1 month / standard rate = agreement_efficiency_ratio; agreement_hours_burn items > 100% are the agreements_over_budget rows, with the same burn',
  async (e, f) => {
    const rate = await e.kpi('effective_hourly_rate', 'breakdown', { params: { months: 1 } })
    const ratio = await e.kpi('agreement_efficiency_ratio', 'breakdown')
    f.close(
      'effective_hourly_rate (1 month) / 95 vs agreement_efficiency_ratio',
      rate.value === null ? null : rate.value / 95,
      ratio.value,
      TOL + 0.0001,
    )
    for (const item of ratio.items) {
      const other = rate.items.find((i) => i.key === item.key)
      f.close(
        `company ${item.key}: effective_hourly_rate (1 month) / 95 vs agreement_efficiency_ratio`,
        other?.value === null || other?.value === undefined ? null : other.value / 95,
        item.value,
        TOL + 0.0001,
      )
    }
    const burn = await e.kpi('agreement_hours_burn', 'breakdown')
    const over = await e.kpi('agreements_over_budget', 'list')
    for (const row of over.rows) {
      const item = burn.items.find((i) => i.key === String(row.companyId))
      f.close(
        `agreements_over_budget row ${row.companyId}: burnPct vs agreement_hours_burn item`,
        Number(row.burnPct),
        item?.value === undefined || item.value === null ? null : Math.round(item.value),
        1,
      )
    }
    const listed = new Set(over.rows.map((r) => String(r.companyId)))
    for (const item of burn.items)
      if ((item.value ?? 0) > 100 && !listed.has(item.key))
        f.add(`agreement_hours_burn shows ${item.label} at ${item.value}% but agreements_over_budget does not list it`)
    f.done()
  },
)

check(
  'mrr_at_risk = MRR of the clients with a churn signal: contract ending within 60 days unrenewed, on the agreements_over_budget list, or 2+ ratings <= 2 in the last 30 days',
  async (e, f) => {
    const mrr = mrrByCompany(e)
    const renewed = renewedContracts(e)
    const signal = new Set<number>()
    for (const k of e.all(CONTRACTS_IN_FORCE, e.today, e.today)) {
      if (
        RECURRING.includes(k.contract_type) &&
        k.end_date !== null &&
        k.end_date <= addDays(e.today, 60) &&
        !renewed.has(Number(k.id))
      )
        signal.add(Number(k.company_id))
    }
    for (const row of (await e.kpi('agreements_over_budget', 'list')).rows) signal.add(Number(row.companyId))
    for (const r of e.all(
      `select company_id k from survey_result where rating <= 2 and completed_at > ? and completed_at <= ? group by 1 having count(*) >= 2`,
      e.since(30),
      e.iso,
    ))
      signal.add(Number(r.k))
    const atRisk = sum([...mrr].filter(([id]) => signal.has(id)).map(([, m]) => m))
    const tile = await e.kpi('mrr_at_risk', 'number')
    f.close('mrr_at_risk', tile.value, atRisk)
    f.that(
      `mrr_at_risk (${tile.value}) cannot exceed mrr_total (${sum(mrr.values())})`,
      (tile.value ?? 0) <= sum(mrr.values()) + TOL,
    )
    f.done()
  },
  true,
)

/** Pinned: billable, not yet approved, worked before today, billed by the hour (the entry's contract, else its ticket's, is T&M, or there is none). */
const UNBILLED = `from time_entry te
    left join ticket t on t.id = te.ticket_id
    left join contract c on c.id = coalesce(te.contract_id, t.contract_id)
    left join contract ec on ec.id = te.contract_id
   where te.non_billable = 0 and te.approved_at is null and te.date_worked < ? and (c.id is null or c.contract_type = 1)`

check(
  'unbilled_billable_time (pinned): hours to bill of billable, unapproved entries worked before today, billed by the hour (T&M contract or none), exact to 0.01; the per-client list adds up to it',
  async (e, f) => {
    const hours = e.n(`select coalesce(sum(te.hours_to_bill), 0) ${UNBILLED}`, e.today)
    const tile = await e.kpi('unbilled_billable_time', 'number')
    f.equal('unbilled_billable_time unit', tile.unit, 'hours')
    f.close('unbilled_billable_time', tile.value, hours)
    if (findKpi('unbilled_time_by_client')) {
      const byClient = await e.kpi('unbilled_time_by_client', 'list')
      f.close(
        'Σ unbilled_time_by_client rows (each exact to 0.01) vs unbilled_billable_time',
        sum(byClient.rows.map((r) => Number(r.hoursToBill))),
        tile.value,
        TOL * Math.max(1, byClient.rows.length),
      )
    }
    f.done()
  },
)

// ----- MRR from contract dates: one history, one number on every tile -------------------------------------

/**
 * MRR per client on a local date, read from contract dates as the history KPIs state it: recurring and retainer
 * contracts with a Monthly Value whose dates cover the date, still active, or ended before today (Autotask
 * deactivates a contract once it ends; one deactivated before its end date never counts). On today this is
 * `mrrByCompany`.
 */
function mrrOn(e: Env, date: string): Map<number, number> {
  const rows = e.all(
    `select c.company_id k, sum(cast(json_extract(c.udf, '$."Monthly Value"') as real)) m
       from contract c join company co on co.id = c.company_id
      where c.company_id != 0 and c.contract_type in (${inList(RECURRING)}) and cast(json_extract(c.udf, '$."Monthly Value"') as real) > 0
        and (c.start_date is null or c.start_date <= ?) and (c.end_date is null or c.end_date >= ?)
        and (c.status = 1 or (c.end_date is not null and c.end_date < ?))
      group by 1`,
    date,
    date,
    e.today,
  )
  return new Map(rows.map((r) => [Number(r.k), Number(r.m)]))
}

/** The last day of the month `monthsBack` months before this one (1: last month's end). */
const monthEnd = (e: Env, monthsBack: number) => addDays(addMonths(firstOfMonth(e.today), 1 - monthsBack), -1)

/** The MRR history checks on one clock; `at` names the clock in findings of other clocks than the file's own. */
async function mrrHistory(e: Env, f: Findings, at: string): Promise<void> {
  const trend = await e.kpi('mrr_trend', 'trend')
  const total = await e.kpi('mrr_total', 'number')
  const months = Number(findKpi('mrr_trend')?.params.months?.default ?? 12)
  const current = firstOfMonth(e.today)
  f.equal(
    `${at}mrr_trend months`,
    trend.points.map((p) => p.t),
    Array.from({ length: months }, (_, i) => addMonths(current, i + 1 - months).slice(0, 7)),
  )
  for (let i = months - 1; i >= 0; i--) {
    const month = addMonths(current, -i)
    const date = i === 0 ? e.today : monthEnd(e, i)
    f.close(
      `${at}mrr_trend ${month.slice(0, 7)} (MRR on ${date})`,
      trend.points.find((p) => p.t === month.slice(0, 7))?.value,
      sum(mrrOn(e, date).values()),
    )
  }
  f.close(`${at}mrr_trend headline = its last point`, trend.value, trend.points.at(-1)?.value)
  f.close(`${at}mrr_trend last point (today) = mrr_total`, trend.points.at(-1)?.value, total.value)
  f.close(`${at}mrr_total = MRR of the contracts in force today`, total.value, sum(mrrByCompany(e).values()))

  // Per client, end of last month against the end of the month before: rises are new MRR, falls churned MRR.
  const before = mrrOn(e, monthEnd(e, 2))
  const after = mrrOn(e, monthEnd(e, 1))
  let added = 0
  let lost = 0
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(id) ?? 0) - (before.get(id) ?? 0)
    if (delta > 0) added += delta
    else lost -= delta
  }
  const newMrr = await e.kpi('new_mrr', 'number')
  const churned = await e.kpi('churned_mrr', 'number')
  f.close(`${at}new_mrr (per-client rises, ${monthEnd(e, 2)} to ${monthEnd(e, 1)})`, newMrr.value, added)
  f.close(`${at}churned_mrr (per-client falls, ${monthEnd(e, 2)} to ${monthEnd(e, 1)})`, churned.value, lost)
  const last = trend.points.at(-2)?.value
  const previous = trend.points.at(-3)?.value
  if (newMrr.value !== null && churned.value !== null && last != null && previous != null) {
    f.close(
      `${at}new_mrr - churned_mrr vs mrr_trend: last month's point - the month before's`,
      newMrr.value - churned.value,
      last - previous,
      4 * TOL,
    )
  } else
    f.add(
      `${at}new_mrr (${newMrr.value}), churned_mrr (${churned.value}) or mrr_trend's last two month points (${previous}, ${last}) missing`,
    )

  // Net revenue retention: the clients paying MRR at the month end a year before last month's end, then and now.
  const base = mrrOn(e, monthEnd(e, 13))
  const end = mrrOn(e, monthEnd(e, 1))
  const baseMrr = sum(base.values())
  const nrr = await e.kpi('net_revenue_retention', 'number')
  f.close(
    `${at}net_revenue_retention (clients of ${monthEnd(e, 13)}, on ${monthEnd(e, 1)})`,
    nrr.value,
    pct(sum([...base.keys()].map((id) => end.get(id))), baseMrr),
  )
  if (nrr.value !== null && last != null) {
    const kept = (nrr.value * baseMrr) / 100
    f.that(
      `${at}what the clients of a year ago pay by net_revenue_retention (${show(kept)}) cannot exceed MRR at the end of last month on mrr_trend (${show(last)})`,
      kept <= last + (TOL * baseMrr) / 100 + TOL,
    )
  }
}

check(
  'MRR over time is one history: each mrr_trend point is MRR at its month end (today for this month), its last point = mrr_total; new_mrr - churned_mrr = the change between the last two month-end points; net_revenue_retention',
  async (e, f) => {
    await mrrHistory(e, f, '')
    // The simulator's clients rarely sign in the last full month before SIM_NOW: the same history read on the 15th
    // of each of the 12 months before shows the movements at work (contract dates judged on that day).
    for (let i = 1; i <= 12; i++) {
      const [y, m] = addMonths(firstOfMonth(e.today), -i).split('-').map(Number) as [number, number]
      const then = new Env(e.handle, e.raw, zonedTime(y, m, 15, 10, 0, TZ))
      await mrrHistory(then, f, `on ${then.today}: `)
    }
    f.done()
  },
)

// ----- Billable staff: one set of people behind every per-technician and capacity figure ---------------------

/** Active resources with an entry not marked non-billable dated from `first` up to today. */
const billableStaffSince = (e: Env, first: string) =>
  e.n(
    `select count(*) from resource where is_active = 1 and id in (select resource_id from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?)`,
    first,
    e.today,
  )

/** "In the last 30 days" for dates, the library's one reading (time.ts lastDates): today and the 29 dates before it. */
const staffReadings = (e: Env) => [addDays(e.today, -29)].map((first) => ({ first, n: billableStaffSince(e, first) }))

/** Hours to bill of billable entries dated [from, to] billed by the hour (the entry's contract, else its ticket's, is T&M, or there is none). */
function hourlyHoursToBill(e: Env, from: string, to: string): number {
  return e.n(
    `select coalesce(sum(te.hours_to_bill), 0) from time_entry te left join ticket t on t.id = te.ticket_id left join contract c on c.id = coalesce(te.contract_id, t.contract_id)
      where te.non_billable = 0 and te.date_worked >= ? and te.date_worked <= ? and (c.id is null or c.contract_type = 1)`,
    from,
    to,
  )
}

/** Last month's recurring revenue: each recurring contract's Monthly Value pro rata to its days in force in the month. */
function recurringRevenue(e: Env, from: string, to: string): number {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  const contracts = e.all(
    `select c.start_date, c.end_date, c.status, cast(json_extract(c.udf, '$."Monthly Value"') as real) monthly from contract c join company co on co.id = c.company_id
      where c.company_id != 0 and c.contract_type in (${inList(RECURRING)}) and cast(json_extract(c.udf, '$."Monthly Value"') as real) > 0`,
  )
  let total = 0
  for (const k of contracts) {
    if (!(k.status === 1 || (k.end_date !== null && k.end_date < e.today))) continue
    const start = k.start_date !== null && k.start_date > from ? k.start_date : from
    const end = k.end_date !== null && k.end_date < to ? k.end_date : to
    if (start > end) continue
    total +=
      (Number(k.monthly) *
        (Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1)) /
      days
  }
  return total
}

check(
  'billable staff is one set of people: billable_utilization_last_week x 40 h x billable staff = billable_hours_last_week; endpoints_per_tech and revenue_per_tech divide by the same staff; billable_utilization counts their hours only',
  async (e, f) => {
    const readings = staffReadings(e)
    const hours = await e.kpi('billable_hours_last_week', 'breakdown')
    const util = await e.kpi('billable_utilization_last_week', 'number')
    const perTech = await e.kpi('endpoints_per_tech', 'number')
    const revenue = await e.kpi('revenue_per_tech', 'number')
    const endpoints = e.n(`select count(*) from configuration_item where is_active = 1 and company_id != 0`)
    const month = previousMonth(e)
    const money = recurringRevenue(e, month.from, month.to) + 95 * hourlyHoursToBill(e, month.from, month.to)

    // Which reading of "the last 30 days" each KPI's number fits (a KPI's value is exact to 0.01).
    const fits = (got: number | null, want: (n: number) => number | null, tol: (n: number) => number) =>
      readings
        .filter((r) => {
          const w = want(r.n)
          return (got === null && w === null) || (got !== null && w !== null && Math.abs(got - w) <= tol(r.n))
        })
        .map((r) => r.first)
    const tiles = [
      [
        'billable_utilization_last_week (vs billable_hours_last_week / (40 h x staff))',
        util.value,
        (n: number) => pct(hours.value ?? 0, WEEKLY_HOURS * n),
        (n: number) => TOL + (100 * TOL) / (WEEKLY_HOURS * Math.max(1, n)),
      ],
      [
        `endpoints_per_tech (${endpoints} active client endpoints / staff)`,
        perTech.value,
        (n: number) => (n === 0 ? null : endpoints / n),
        () => TOL,
      ],
      [
        `revenue_per_tech (${show(money)} last month / staff)`,
        revenue.value,
        (n: number) => (n === 0 ? null : money / n),
        () => TOL,
      ],
    ] as const
    const sets = tiles.map(([what, got, want, tol]) => ({ what, got, set: fits(got, want, tol) }))
    for (const s of sets)
      if (s.set.length === 0)
        f.add(
          `${s.what}: got ${show(s.got)}, which fits no count of billable staff (${readings.map((r) => `${r.n} from ${r.first}`).join(', ')})`,
        )
    const common = readings.map((r) => r.first).filter((first) => sets.every((s) => s.set.includes(first)))
    if (sets.every((s) => s.set.length > 0) && common.length === 0)
      f.add(
        `billable staff differs between tiles: ${sets.map((s) => `${s.what.split(' ')[0]} counts from ${s.set.join(' or ')}`).join('; ')}`,
      )

    // billable_utilization: the billable hours of billable staff only, over their capacity (a full business week here).
    const week = previousIsoWeek(e)
    const activeDays = Number(findKpi('billable_utilization')?.params.activeDays?.default ?? 30)
    const business = Array.from({ length: 7 }, (_, i) => addDays(week.from, i)).filter((d) => weekdayOf(d) <= 5).length
    const utilization = await e.kpi('billable_utilization', 'number')
    const want = [addDays(e.today, 1 - activeDays)].map((first) => {
      const staff = e.n(
        `select count(*) from resource where is_active = 1 and id in (select resource_id from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?)`,
        first,
        e.today,
      )
      const theirs = e.n(
        `select coalesce(sum(hours_worked), 0) from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?
          and resource_id in (select id from resource where is_active = 1 and id in (select resource_id from time_entry where non_billable = 0 and date_worked >= ? and date_worked <= ?))`,
        week.from,
        week.to,
        first,
        e.today,
      )
      return pct(theirs, ((WEEKLY_HOURS * business) / 5) * staff)
    })
    if (!want.some((w) => utilization.value !== null && w !== null && Math.abs(utilization.value - w) <= TOL))
      f.close("billable_utilization (billable staff's billable hours over their capacity)", utilization.value, want[0])
    if (business === 5 && utilization.value !== null && util.value !== null) {
      f.that(
        `billable_utilization (${utilization.value}) counts the hours of billable staff only, so it cannot exceed billable_utilization_last_week (${util.value}), which counts every billable hour over the same capacity`,
        utilization.value <= util.value + 2 * TOL,
      )
    }
    f.done()
  },
)

// ----- Assets --------------------------------------------------------------------------------------------------

check(
  "tickets_per_endpoint_month: per client, last month's tickets (alerts out) per active endpoint; headline sum over sum; its endpoints are those of endpoints_per_tech",
  async (e, f) => {
    const tile = await e.kpi('tickets_per_endpoint_month', 'breakdown')
    const from = addMonths(firstOfMonth(e.today), -1)
    const pop = population('tickets_per_endpoint_month')
    const tickets = new Map(
      e
        .all(
          `select company_id k, count(*) n from ticket where ${pop} and created_at >= ? and created_at < ? group by 1`,
          e.dayStart(from),
          e.dayStart(firstOfMonth(e.today)),
        )
        .map((r) => [Number(r.k), Number(r.n)]),
    )
    const endpoints = e.all(
      `select company_id k, count(*) n from configuration_item where is_active = 1 and company_id != 0 group by 1`,
    )
    f.items(
      'tickets_per_endpoint_month',
      tile.items,
      new Map(endpoints.map((r) => [String(r.k), (tickets.get(Number(r.k)) ?? 0) / Number(r.n)])),
    )
    const all = sum(endpoints.map((r) => Number(r.n)))
    f.close(
      `tickets_per_endpoint_month headline (${populationName('tickets_per_endpoint_month')})`,
      tile.value,
      all === 0 ? null : sum(endpoints.map((r) => tickets.get(Number(r.k)))) / all,
    )
    const shown = sum(
      tile.items.map((i) => Number((i as BreakdownItem & { endpoints?: number }).endpoints ?? Number.NaN)),
    )
    if (!Number.isNaN(shown)) {
      const perTech = await e.kpi('endpoints_per_tech', 'number')
      f.close('Σ endpoints of tickets_per_endpoint_month items vs active client endpoints', shown, all)
      const staff = staffReadings(e)
      if (perTech.value !== null)
        f.that(
          `endpoints_per_tech (${perTech.value}) x billable staff (${staff.map((r) => r.n).join(' or ')}) vs the ${shown} endpoints of tickets_per_endpoint_month`,
          staff.some((r) => Math.abs(perTech.value! * r.n - shown) <= TOL * r.n),
        )
    }
    f.done()
  },
)

// ----- SLA per week --------------------------------------------------------------------------------------------

check(
  'sla_compliance_trend: each point is the PSA verdict share of the tickets completed in its ISO week; the headline is last week',
  async (e, f) => {
    const tile = await e.kpi('sla_compliance_trend', 'trend')
    const weeks = Number(findKpi('sla_compliance_trend')?.params.weeks?.default ?? 12)
    const monday = mondayOf(e.today)
    const pop = population('sla_compliance_trend')
    f.equal(
      'sla_compliance_trend weeks',
      tile.points.map((p) => p.t),
      Array.from({ length: weeks }, (_, i) => addDays(monday, -7 * (weeks - i))),
    )
    for (let i = weeks; i >= 1; i--) {
      const week = addDays(monday, -7 * i)
      const r = e.get(
        `select count(*) n, coalesce(sum(sla_met = 1), 0) met from ticket where ${pop} and status = 5 and sla_met is not null and completed_at >= ? and completed_at < ?`,
        e.dayStart(week),
        e.dayStart(addDays(week, 7)),
      )
      f.close(
        `sla_compliance_trend week ${week}`,
        tile.points.find((p) => p.t === week)?.value,
        pct(Number(r.met), Number(r.n)),
      )
    }
    f.close("sla_compliance_trend headline = last week's point", tile.value, tile.points.at(-1)?.value)
    f.done()
  },
)

// ----- Sales ---------------------------------------------------------------------------------------------------

check(
  'sales_pipeline (open opportunities, amount x probability) and win_rate_90d (won by closed date against lost by lost date, last 90 days)',
  async (e, f) => {
    // Worked out from the simulator's own statuses, not the connector's outcome: 1 Active is open, 3 Closed and
    // 4 Implemented won, 2 Lost lost (0 Not Ready To Buy is shelved, neither open nor with a lost date).
    const pipeline = e.n(
      `select coalesce(sum(coalesce(amount, 0) * min(100, max(0, coalesce(probability, 0))) / 100.0), 0) from opportunity where status = 1`,
    )
    f.close('sales_pipeline', (await e.kpi('sales_pipeline', 'number')).value, pipeline)
    const won = e.n(
      `select count(*) from opportunity where status in (3, 4) and closed_at > ? and closed_at <= ?`,
      e.since(90),
      e.iso,
    )
    const lost = e.n(
      `select count(*) from opportunity where status = 2 and lost_at > ? and lost_at <= ?`,
      e.since(90),
      e.iso,
    )
    f.close(
      `win_rate_90d (${won} won, ${lost} lost)`,
      (await e.kpi('win_rate_90d', 'number')).value,
      pct(won, won + lost),
    )
    f.done()
  },
  true,
)

// ----- Invoices ------------------------------------------------------------------------------------------------

/** Unpaid: invoices dated up to today, neither paid nor voided. */
const UNPAID = `from invoice where paid_date is null and is_voided = 0 and invoice_date <= ?`

check(
  'what clients owe is one number: ar_outstanding = Σ invoices_overdue amounts + unpaid invoices not yet due; dso = ar_outstanding / (invoiced in the last 90 local dates / 90)',
  async (e, f) => {
    const ar = await e.kpi('ar_outstanding', 'number')
    const owed = e.n(`select coalesce(sum(total), 0) ${UNPAID}`, e.today)
    f.close('ar_outstanding (unpaid, not voided, dated up to today)', ar.value, owed)
    const overdue = await e.kpi('invoices_overdue', 'list')
    const notYetDue = e.n(
      `select coalesce(sum(total), 0) ${UNPAID} and (due_date is null or due_date >= ?)`,
      e.today,
      e.today,
    )
    f.close(
      'ar_outstanding vs Σ invoices_overdue rows + unpaid invoices not yet due',
      ar.value,
      sum(overdue.rows.map((r) => Number(r.total ?? 0))) + notYetDue,
      0.01 * (overdue.rows.length + 1),
    )
    const days = Number(findKpi('dso')?.params.days?.default ?? 90)
    const invoiced = e.n(
      `select coalesce(sum(total), 0) from invoice where is_voided = 0 and invoice_date > ? and invoice_date <= ?`,
      addDays(e.today, -days),
      e.today,
    )
    const dso = await e.kpi('dso', 'number')
    f.close(
      `dso (owed / invoiced per day over ${days} days)`,
      dso.value,
      invoiced > 0 ? owed / (invoiced / days) : null,
    )
    if (ar.value !== null && invoiced > 0)
      f.close(
        'dso vs ar_outstanding / daily invoicing',
        dso.value,
        ar.value / (invoiced / days),
        TOL + (0.005 * days) / invoiced,
      )
    f.done()
  },
)

// ----- Account -------------------------------------------------------------------------------------------------

check('client_health_score headline = mean of its scored clients', async (e, f) => {
  const tile = await e.kpi('client_health_score', 'breakdown')
  const scored = tile.items.filter((i) => i.value !== null).map((i) => i.value!)
  f.close('client_health_score headline', tile.value, mean(scored), 0.01)
  f.done()
})

// ---------------------------------------------------------------------------------------------------------
// Action lists: every row meets the list's stated condition, and every record that meets it is a row.

interface ListCheck {
  id: string
  windowed?: boolean
  /** Further evaluations beside the defaults, e.g. a window parameter at its widest to exercise more rows. */
  variants?: EvaluateOptions[]
  run(e: Env, f: Findings, rows: Row[], options: EvaluateOptions): void | Promise<void>
}

const lists: ListCheck[] = []
const list = (id: string, run: ListCheck['run'], extra: Omit<ListCheck, 'id' | 'run'> = {}) =>
  lists.push({ id, run, ...extra })

/** Ticket ids of a query, for row comparisons. */
const ids = (e: Env, query: string, ...params: unknown[]) => e.all(query, ...params).map((r) => Number(r.id))
/** The standard comparison for a ticket list whose population may leave out types the KPI excludes by its own parameter. */
function ticketRows(e: Env, f: Findings, id: string, rows: Row[], condition: string, ...params: unknown[]) {
  const allowed = ids(e, `select id from ticket where ${condition}`, ...params)
  const excluded = declaredExcludedTypes(id)
  const required =
    excluded.length === 0
      ? allowed
      : ids(
          e,
          `select id from ticket where (${condition}) and (ticket_type is null or ticket_type not in (${inList(excluded)}))`,
          ...params,
        )
  f.rows(
    id,
    rows.map((r) => r.ticketId),
    required,
    (key) => e.ticket(key),
    allowed,
  )
}

/** Qualifying tickets worked out in code: all may be rows, those of types the KPI leaves out by its own parameters need not be. */
function ticketRowsOf(e: Env, f: Findings, id: string, rows: Row[], qualifying: number[]) {
  const excluded = new Set(declaredExcludedTypes(id))
  const types = new Map(
    qualifying.length === 0
      ? []
      : e
          .all(`select id, ticket_type from ticket where id in (${qualifying.join(',')})`)
          .map((r) => [Number(r.id), r.ticket_type as number | null]),
  )
  const required = qualifying.filter((t) => !excluded.has(types.get(t) ?? -1))
  f.rows(
    id,
    rows.map((r) => r.ticketId),
    required,
    (key) => e.ticket(key),
    qualifying,
  )
}

list('tickets_unassigned', (e, f, rows) => {
  // Pinned: open tickets with no assigned resource, created more than 30 minutes ago; oldest first.
  ticketRows(
    e,
    f,
    'tickets_unassigned',
    rows,
    `${OPEN} and assigned_resource_id is null and created_at < ?`,
    new Date(e.now.getTime() - 30 * 60_000).toISOString(),
  )
  f.sorted('tickets_unassigned', rows, (r) => [r.createdAt, r.ticketId], 'oldest first')
})

list('tickets_stale', (e, f, rows) => {
  // Pinned: open, not waiting on the customer, last activity more than 72 hours ago; oldest activity first.
  ticketRows(
    e,
    f,
    'tickets_stale',
    rows,
    `${OPEN} and status not in (${inList(WAITING)}) and coalesce(last_activity_at, created_at) < ?`,
    new Date(e.now.getTime() - 72 * 3_600_000).toISOString(),
  )
  f.sorted('tickets_stale', rows, (r) => [r.lastActivityAt, r.ticketId], 'oldest activity first')
})

list(
  'tickets_completed_without_time',
  (e, f, rows) => {
    // Pinned (revised): completed in the last 7 days, no time entry at all, not alerts (type 5).
    const condition = `completed_at > ? and completed_at <= ? and not exists (select 1 from time_entry te where te.ticket_id = ticket.id)`
    const allowed = ids(
      e,
      `select id from ticket where ${condition} and (ticket_type is null or ticket_type != 5)`,
      e.since(7),
      e.iso,
    )
    f.rows(
      'tickets_completed_without_time',
      rows.map((r) => r.ticketId),
      allowed,
      (key) => e.ticket(key),
    )
  },
  { windowed: true },
)

list(
  'csat_low_callback',
  (e, f, rows, options) => {
    // Pinned (revised): rating <= 2, completed in (now - 7 days, now], not followed up: no note by a resource created
    // after the completion, no time entry on the ticket started after it. Lowest rating first, then newest.
    const days = Number(options.params?.days ?? 7)
    const low = e
      .all(
        `select s.id from survey_result s
      where s.rating <= 2 and s.completed_at > ? and s.completed_at <= ?
        and not exists (select 1 from ticket_note n where n.ticket_id = s.ticket_id and n.creator_resource_id is not null and n.created_at > s.completed_at)
        and not exists (select 1 from time_entry te where te.ticket_id = s.ticket_id and te.start_at > s.completed_at)`,
        e.since(days),
        e.iso,
      )
      .map((r) => Number(r.id))
    const explain = (key: Key) => {
      const s = e.get(`select s.rating, s.completed_at, s.ticket_id from survey_result s where s.id = ?`, key)
      const entries = e.all(
        `select start_at, created_at from time_entry where ticket_id = ? and created_at > ? order by created_at limit 1`,
        s.ticket_id,
        s.completed_at,
      )
      const late = entries[0]
        ? `, first entry created after it ${entries[0].created_at} for work started ${entries[0].start_at}`
        : ''
      return `survey ${key} (rating ${s.rating}, completed ${s.completed_at}, ${e.ticket(s.ticket_id)}${late})`
    }
    f.rows(
      'csat_low_callback',
      rows.map((r) => r.surveyId),
      low,
      explain,
    )
    for (const row of rows) {
      for (const field of [
        'rating',
        'completedAt',
        'companyName',
        'contactName',
        'contactPhone',
        'ticketNumber',
        'ticketTitle',
        'resourceName',
        'comment',
      ]) {
        if (!(field in row)) f.add(`csat_low_callback row ${row.surveyId} has no ${field} field`)
      }
    }
    f.sorted('csat_low_callback', rows, (r) => [r.rating, -Date.parse(r.completedAt)], 'by rating, then newest first')
    // The 7-day window of the simulator's clock holds few low scores; its widest window shows the follow-up rule at work.
  },
  { windowed: true, variants: [{ params: { days: 90 } }] },
)

list('timesheet_gaps_yesterday', (e, f, rows) => {
  // Pinned: active resources with time in the last 30 days whose hours worked on the previous business day
  // total less than 7.5; rows carry the hours logged and missing; most missing first.
  const day = previousWorkingDay(e.today)
  const people = capacityPeople(e)
  const logged = new Map(
    e
      .all(`select resource_id k, sum(hours_worked) h from time_entry where date_worked = ? group by 1`, day)
      .map((r) => [Number(r.k), Number(r.h)]),
  )
  const short = people.filter((id) => (logged.get(id) ?? 0) < 7.5)
  f.rows(
    'timesheet_gaps_yesterday',
    rows.map((r) => r.resourceId),
    short,
    (key) => `resource ${key} (${logged.get(Number(key)) ?? 0} h on ${day})`,
  )
  for (const row of rows) {
    f.equal(`timesheet_gaps_yesterday row ${row.resourceId}: day`, row.date, day)
    f.close(
      `timesheet_gaps_yesterday row ${row.resourceId}: hours logged`,
      row.hoursLogged,
      logged.get(Number(row.resourceId)) ?? 0,
    )
    f.close(
      `timesheet_gaps_yesterday row ${row.resourceId}: hours missing`,
      row.hoursMissing,
      7.5 - (logged.get(Number(row.resourceId)) ?? 0),
    )
  }
  f.sorted('timesheet_gaps_yesterday', rows, (r) => [-r.hoursMissing], 'most missing first')
})

list('sla_breached_open', (e, f, rows) => {
  ticketRows(
    e,
    f,
    'sla_breached_open',
    rows,
    `${OPEN} and status not in (${inList(WAITING)}) and ((first_response_at is null and first_response_due_at < ?) or (resolved_at is null and resolved_due_at < ?))`,
    e.iso,
    e.iso,
  )
})

list('sla_at_risk_2h', (e, f, rows) => {
  // The next SLA deadline (first response until given, then resolution) lies within the next 2 business hours,
  // 2 h included (issue 10, finding 7).
  const candidates = e.all(
    `select id, first_response_at, first_response_due_at, resolved_at, resolved_due_at from ticket where ${OPEN} and status not in (${inList(WAITING)})`,
  )
  const atRisk = candidates
    .filter((t) => {
      const due =
        t.first_response_at === null && t.first_response_due_at !== null
          ? t.first_response_due_at
          : t.resolved_at === null
            ? t.resolved_due_at
            : null
      return due !== null && due >= e.iso && businessHours(e.now, due) <= 2
    })
    .map((t) => Number(t.id))
  ticketRowsOf(e, f, 'sla_at_risk_2h', rows, atRisk)
})

list('no_first_response', (e, f, rows) =>
  ticketRows(e, f, 'no_first_response', rows, `${OPEN} and first_response_at is null`),
)

list('critical_not_picked_up_15m', (e, f, rows) => {
  ticketRows(
    e,
    f,
    'critical_not_picked_up_15m',
    rows,
    `${OPEN} and priority = 4 and (assigned_resource_id is null or first_response_at is null) and created_at < ?`,
    new Date(e.now.getTime() - 15 * 60_000).toISOString(),
  )
})

list('resolution_plan_overdue', (e, f, rows) => {
  ticketRows(
    e,
    f,
    'resolution_plan_overdue',
    rows,
    `${OPEN} and status not in (${inList(WAITING)}) and resolution_plan_at is null and resolved_at is null and resolution_plan_due_at < ?`,
    e.iso,
  )
})

list('reopened_this_week', (e, f, rows) => {
  // Reopened = a resolution time but open again in a working status; reopened at = the first note (not a survey
  // comment) or time entry after the resolution, else the last activity; listed when that falls in the last 7 days.
  const candidates = e.all(
    `select t.id, t.resolved_at, t.last_activity_at,
            (select min(at) from (select n.created_at at from ticket_note n where n.ticket_id = t.id and (n.note_type is null or n.note_type != 31) and n.created_at > t.resolved_at
                                  union all select coalesce(te.start_at, te.created_at) from time_entry te where te.ticket_id = t.id and coalesce(te.start_at, te.created_at) > t.resolved_at)) first_after
       from ticket t where t.resolved_at is not null and t.status not in (5, ${inList(RESOLVED)})`,
  )
  const since = e.since(7)
  const reopened = candidates.filter((t) => {
    const at = t.first_after ?? (t.last_activity_at > t.resolved_at ? t.last_activity_at : t.resolved_at)
    return at > since
  })
  ticketRows(e, f, 'reopened_this_week', rows, `id in (${inList(reopened.map((t) => Number(t.id)))})`)
})

list('recurring_issue_clients', (e, f, rows) => {
  // 3+ incidents of one issue type (whatever the sub-issue type) per client in the last 30 days, no problem ticket
  // (type 3) for the client and issue type raised in the window or still open; the MSP itself (company 0) left out.
  const groups = e.all(
    `select t.company_id || ':' || t.issue_type k, count(*) n, sum(t.status != 5) open
       from ticket t join company c on c.id = t.company_id
      where t.created_at > ? and t.created_at <= ? and t.company_id != 0 and t.issue_type is not null and t.ticket_type = 2
        and not exists (select 1 from ticket p where p.ticket_type = 3 and p.company_id = t.company_id and p.issue_type = t.issue_type and (p.created_at > ? or p.status != 5))
      group by t.company_id, t.issue_type having count(*) >= 3`,
    e.since(30),
    e.iso,
    e.since(30),
  )
  const key = (r: Row) => `${r.companyId}:${r.issueType}`
  f.rows(
    'recurring_issue_clients',
    rows.map(key),
    groups.map((g) => g.k),
    (k) => `client:issue ${k}`,
  )
  const want = new Map(groups.map((g) => [g.k, g]))
  for (const row of rows) {
    const g = want.get(key(row))
    if (!g) continue
    f.close(`recurring_issue_clients ${key(row)}: tickets`, row.ticketCount, Number(g.n))
    f.close(`recurring_issue_clients ${key(row)}: still open`, row.openCount, Number(g.open))
  }
})

list('resolved_not_closed', (e, f, rows) => {
  const candidates = e.all(
    `select id, coalesce(resolved_at, last_activity_at, created_at) at from ticket where status in (${inList(RESOLVED)})`,
  )
  ticketRowsOf(
    e,
    f,
    'resolved_not_closed',
    rows,
    candidates.filter((t) => businessDays(t.at, e.now) > 2).map((t) => Number(t.id)),
  )
})

list('clients_csat_dropped', (e, f, rows) => {
  // Positive share (>= 4) of the last 90 days 10+ points below the 90 days before (5+ responses in each), or 2+
  // ratings <= 2 in the last 30 days.
  const surveys = e.all(
    `select company_id k, rating, completed_at at from survey_result where rating is not null and company_id is not null and completed_at > ? and completed_at <= ?`,
    e.since(180),
    e.iso,
  )
  const split = e.since(90)
  const negativeFrom = e.since(30)
  const byCompany = new Map<number, Row[]>()
  for (const s of surveys) byCompany.set(Number(s.k), [...(byCompany.get(Number(s.k)) ?? []), s])
  const flagged: number[] = []
  const positive = (list: Row[]) => pct(list.filter((s) => s.rating >= 4).length, list.length)
  for (const [company, list] of byCompany) {
    const recent = list.filter((s) => s.at > split)
    const before = list.filter((s) => s.at <= split)
    const negatives = list.filter((s) => s.at > negativeFrom && s.rating <= 2).length
    const drop = recent.length >= 5 && before.length >= 5 ? positive(recent)! - positive(before)! : null
    if ((drop !== null && drop <= -10) || negatives >= 2) flagged.push(company)
  }
  f.rows(
    'clients_csat_dropped',
    rows.map((r) => r.companyId),
    flagged,
    (k) => `company ${k}`,
  )
})

list('kudos_feed', (e, f, rows) => {
  // Ratings >= 4 completed in the last 24 hours that carry a comment (a "Survey Response" note, type 31, on the ticket).
  const kudos = e
    .all(
      `select s.id from survey_result s where s.rating >= 4 and s.completed_at > ? and s.completed_at <= ?
        and exists (select 1 from ticket_note n where n.ticket_id = s.ticket_id and n.note_type = 31 and n.description is not null and n.description != '')`,
      new Date(e.now.getTime() - 24 * 3_600_000).toISOString(),
      e.iso,
    )
    .map((r) => Number(r.id))
  f.rows(
    'kudos_feed',
    rows.map((r) => r.surveyId),
    kudos,
    (k) => `survey ${k}`,
  )
})

list('overlapping_entries', (e, f, rows) => {
  // Pairs of one person's entries, dated in the last 14 days (today included), overlapping by at least a minute.
  const from = addDays(e.today, -13)
  const pairs = e
    .all(
      `select a.id a, b.id b, a.end_at a_end, b.start_at b_start, b.end_at b_end from time_entry a join time_entry b
          on b.resource_id = a.resource_id and b.id != a.id and (b.start_at > a.start_at or (b.start_at = a.start_at and b.id > a.id)) and b.start_at < a.end_at
       where a.date_worked >= ? and a.date_worked <= ? and b.date_worked >= ? and b.date_worked <= ?
         and a.start_at is not null and a.end_at is not null and b.start_at is not null and b.end_at is not null`,
      from,
      e.today,
      from,
      e.today,
    )
    .filter((p) => (Math.min(Date.parse(p.a_end), Date.parse(p.b_end)) - Date.parse(p.b_start)) / 60_000 >= 1)
    .map((p) => `${p.a}:${p.b}`)
  f.rows(
    'overlapping_entries',
    rows.map((r) => `${r.entryId}:${r.otherEntryId}`),
    pairs,
    (k) => `entries ${k}`,
  )
})

list('time_entry_coding_errors', (e, f, rows) => {
  // This month's entries with no billing code, hours to bill above hours worked + 0.25, over 10 h, a client code
  // without ticket or task, or billable time on the internal code.
  const bad = ids(
    e,
    `select id from time_entry where date_worked >= ? and date_worked <= ? and (
        billing_code_id is null or hours_to_bill > hours_worked + 0.25 or hours_worked > 10
        or (ticket_id is null and task_id is null and billing_code_id != ${INTERNAL_CODE}) or (non_billable = 0 and billing_code_id = ${INTERNAL_CODE}))`,
    firstOfMonth(e.today),
    e.today,
  )
  f.rows(
    'time_entry_coding_errors',
    rows.map((r) => r.entryId),
    bad,
    (k) => `entry ${k}`,
  )
})

list('workload_imbalance', (e, f, rows) => {
  // Overloaded: 5+ open tickets and more than 1.5x the median of everyone who can take work (capacity people and
  // anyone holding open tickets); or tickets due today and under 1 h free (8 h a day minus today's hours, at most
  // the business hours left today).
  const pop = population('workload_imbalance')
  const open = new Map(
    e
      .all(
        `select assigned_resource_id k, count(*) n from ticket where ${OPEN} and ${pop} and assigned_resource_id is not null group by 1`,
      )
      .map((r) => [Number(r.k), Number(r.n)]),
  )
  const due = new Map(
    e
      .all(
        `select assigned_resource_id k, count(*) n from ticket where ${OPEN} and ${pop} and assigned_resource_id is not null and due_at >= ? and due_at < ? group by 1`,
        e.dayStart(e.today),
        e.dayStart(addDays(e.today, 1)),
      )
      .map((r) => [Number(r.k), Number(r.n)]),
  )
  const logged = new Map(
    e
      .all(`select resource_id k, sum(hours_worked) h from time_entry where date_worked = ? group by 1`, e.today)
      .map((r) => [Number(r.k), Number(r.h)]),
  )
  const people = new Set([...capacityPeople(e), ...open.keys()])
  const teamMedian = median([...people].map((id) => open.get(id) ?? 0)) ?? 0
  const [y, m, d] = e.today.split('-').map(Number) as [number, number, number]
  const left = businessHours(e.now, zonedTime(y, m, d, 17, 30, TZ))
  const flagged = [...people].filter((id) => {
    const n = open.get(id) ?? 0
    const free = Math.max(0, Math.min(WEEKLY_HOURS / 5 - (logged.get(id) ?? 0), left))
    return (n >= 5 && n > 1.5 * teamMedian) || ((due.get(id) ?? 0) > 0 && free < 1)
  })
  f.rows(
    'workload_imbalance',
    rows.map((r) => r.resourceId),
    flagged,
    (k) => `resource ${k} (${open.get(Number(k)) ?? 0} open, median ${teamMedian})`,
  )
  for (const row of rows) {
    f.close(`workload_imbalance row ${row.resourceId}: open`, row.openCount, open.get(Number(row.resourceId)) ?? 0)
    f.close(`workload_imbalance row ${row.resourceId}: due today`, row.dueToday, due.get(Number(row.resourceId)) ?? 0)
    f.close(`workload_imbalance row ${row.resourceId}: team median`, row.teamMedian, teamMedian)
  }
})

list('waiting_customer_over_5d', (e, f, rows) => {
  const candidates = e.all(
    `select id, coalesce(last_activity_at, created_at) at from ticket where ${OPEN} and status in (${inList(WAITING)})`,
  )
  ticketRowsOf(
    e,
    f,
    'waiting_customer_over_5d',
    rows,
    candidates.filter((t) => businessDays(t.at, e.now) > 5).map((t) => Number(t.id)),
  )
})

list('my_due_today', (e, f, rows) =>
  ticketRows(
    e,
    f,
    'my_due_today',
    rows,
    `${OPEN} and due_at >= ? and due_at < ?`,
    e.dayStart(e.today),
    e.dayStart(addDays(e.today, 1)),
  ),
)

list('my_next_tickets', (e, f, rows) => {
  // The first 5 workable tickets (open, not waiting or on hold): priority, then due time (none last), then oldest.
  const workable = e.all(
    `select id, priority, due_at, created_at from ticket where ${OPEN} and ${population('my_next_tickets')} and status not in (${inList([...WAITING, ...HOLD])})`,
  )
  workable.sort(
    (a, b) =>
      rankOf(a.priority) - rankOf(b.priority) ||
      (a.due_at ?? '9999').localeCompare(b.due_at ?? '9999') ||
      a.created_at.localeCompare(b.created_at) ||
      a.id - b.id,
  )
  f.equal(
    'my_next_tickets: the first 5 workable tickets in order',
    rows.map((r) => r.ticketId),
    workable.slice(0, 5).map((t) => Number(t.id)),
  )
})

list('high_priority_idle_2h', (e, f, rows) => {
  const candidates = e.all(
    `select id, coalesce(last_activity_at, created_at) at from ticket where ${OPEN} and priority in (4, 1) and status not in (${inList([...WAITING, ...HOLD])})`,
  )
  ticketRowsOf(
    e,
    f,
    'high_priority_idle_2h',
    rows,
    candidates.filter((t) => businessHours(t.at, e.now) > 2).map((t) => Number(t.id)),
  )
})

list('on_hold_past_due', (e, f, rows) =>
  ticketRows(
    e,
    f,
    'on_hold_past_due',
    rows,
    `${OPEN} and status in (${inList([...HOLD, ...WAITING])}) and due_at < ?`,
    e.iso,
  ),
)

list('aged_over_30d', (e, f, rows) =>
  ticketRows(e, f, 'aged_over_30d', rows, `${OPEN} and created_at < ?`, e.since(30)),
)

list('contracts_expiring_90d', (e, f, rows) => {
  const renewed = renewedContracts(e)
  const expiring = e
    .all(CONTRACTS_IN_FORCE, e.today, e.today)
    .filter(
      (k) =>
        k.end_date !== null &&
        k.end_date <= addDays(e.today, 90) &&
        [7, 6, 4, 1, 8].includes(k.contract_type) &&
        !renewed.has(Number(k.id)),
    )
  f.rows(
    'contracts_expiring_90d',
    rows.map((r) => r.contractId),
    expiring.map((k) => Number(k.id)),
    (k) => `contract ${k}`,
  )
  const monthly = new Map(expiring.map((k) => [Number(k.id), Number(k.monthly ?? 0)]))
  for (const row of rows)
    if (monthly.has(row.contractId))
      f.close(`contracts_expiring_90d row ${row.contractId}: MRR`, row.mrr, monthly.get(row.contractId))
})

list('block_hours_low', (e, f, rows) => {
  // Block-hour and retainer contracts in force, not renewed, with less than 20% of the purchased hours left
  // (used = hours to bill, else worked, of billable entries booked to the contract).
  const renewed = renewedContracts(e)
  const used = new Map(
    e
      .all(
        `select contract_id k, sum(case when non_billable = 0 then coalesce(hours_to_bill, hours_worked) else 0 end) u from time_entry where contract_id is not null group by 1`,
      )
      .map((r) => [Number(r.k), Number(r.u)]),
  )
  const low = e
    .all(CONTRACTS_IN_FORCE, e.today, e.today)
    .filter(
      (k) =>
        [4, 6].includes(k.contract_type) &&
        !renewed.has(Number(k.id)) &&
        Number(k.purchased ?? 0) > 0 &&
        (Number(k.purchased) - (used.get(Number(k.id)) ?? 0)) / Number(k.purchased) < 0.2,
    )
  f.rows(
    'block_hours_low',
    rows.map((r) => r.contractId),
    low.map((k) => Number(k.id)),
    (k) => `contract ${k}`,
  )
})

list('agreements_over_budget', async (e, f, rows) => {
  // The agreements whose hour budget this month is used for more than 100%, or projected to be at month end once
  // 5 business days have passed: the same burn agreement_hours_burn shows (which hours an agreement's budget pays
  // for is the billing rule's, checked by the finance golden tests).
  const burn = await e.kpi('agreement_hours_burn', 'breakdown')
  const from = firstOfMonth(e.today)
  let elapsed = 0
  let total = 0
  for (let date = from; date < addMonths(from, 1); date = addDays(date, 1)) {
    if (weekdayOf(date) > 5) continue
    total++
    if (date <= e.today) elapsed++
  }
  const minDays = Number(findKpi('agreements_over_budget')?.params.minDays?.default ?? 5)
  // The month-end pace counts at least minDays business days (earlier in the month it divides by minDays).
  const over = burn.items
    .filter((i) => i.value !== null && (i.value > 100 || (i.value * total) / Math.max(elapsed, minDays) > 100))
    .map((i) => Number(i.key))
  f.rows(
    'agreements_over_budget',
    rows.map((r) => r.companyId),
    over,
    (k) => `company ${k} (agreement_hours_burn ${burn.items.find((i) => i.key === String(k))?.value ?? '-'}%)`,
  )
  // The two tiles agree: a bar coloured amber or red on agreement_hours_burn is a client listed here, and only those.
  const coloured = burn.items.filter((i) => i.status === 'warn' || i.status === 'bad').map((i) => Number(i.key))
  f.rows(
    'agreement_hours_burn bars not green',
    rows.map((r) => r.companyId),
    coloured,
    (k) => `company ${k}`,
  )
  for (const row of rows)
    f.close(
      `agreements_over_budget row ${row.companyId}: used (%) vs agreement_hours_burn`,
      row.burnPct,
      burn.items.find((i) => i.key === String(row.companyId))?.value ?? null,
      1,
    )
})

list('nonbillable_on_tm_clients', (e, f, rows) => {
  // This month's non-billable entries on work billed by the hour (issue 10's one billing rule: the entry's contract,
  // else its ticket's, is Time and Materials, or there is none), at a client other than the MSP, the internal
  // billing code left out.
  const bad = ids(
    e,
    `select te.id from time_entry te left join ticket t on t.id = te.ticket_id left join contract ec on ec.id = te.contract_id
       left join contract c on c.id = coalesce(te.contract_id, t.contract_id)
       join company co on co.id = coalesce(t.company_id, ec.company_id)
     where te.non_billable = 1 and te.date_worked >= ? and te.date_worked <= ? and co.id != 0
       and (te.billing_code_id is null or te.billing_code_id != ${INTERNAL_CODE}) and (c.id is null or c.contract_type = 1)`,
    firstOfMonth(e.today),
    e.today,
  )
  f.rows(
    'nonbillable_on_tm_clients',
    rows.map((r) => r.entryId),
    bad,
    (k) => `entry ${k}`,
  )
})

list('service_without_contract', (e, f, rows) => {
  // Clients with no contract in force that raised tickets or got hours of work in the last 30 days.
  const covered = new Set(e.all(CONTRACTS_IN_FORCE, e.today, e.today).map((k) => Number(k.company_id)))
  const tickets = new Map(
    e
      .all(
        `select company_id k, count(*) n from ticket where created_at > ? and created_at <= ? group by 1`,
        e.since(30),
        e.iso,
      )
      .map((r) => [Number(r.k), Number(r.n)]),
  )
  const hours = hoursByCompany(e, addDays(e.today, -30), e.today)
  const clients = e.all(`select id from company where id != 0`).map((r) => Number(r.id))
  const served = clients.filter((id) => !covered.has(id) && ((tickets.get(id) ?? 0) > 0 || (hours.get(id) ?? 0) > 0))
  f.rows(
    'service_without_contract',
    rows.map((r) => r.companyId),
    served,
    (k) => `company ${k}`,
  )
})

list(
  'noisy_client_spike',
  (e, f, rows) => {
    // 5+ tickets in the last 14 days and more than 1.5x the client's normal pace: its tickets in the 182 days before
    // the window (or the history there is), scaled to 14 days.
    const start = e.since(14)
    const baseStart = sameTimeDaysBefore(new Date(start), TZ, 182).toISOString()
    const first = e.get(`select min(created_at) at from ticket`).at as string | null
    // The baseline in days: 182, or the history there is when it starts later.
    const span =
      first === null ? 0 : first > baseStart ? Math.max(0, (Date.parse(start) - Date.parse(first)) / 86_400_000) : 182
    const recent = new Map(
      e
        .all(
          `select company_id k, count(*) n from ticket where created_at > ? and created_at <= ? group by 1`,
          start,
          e.iso,
        )
        .map((r) => [Number(r.k), Number(r.n)]),
    )
    const before = new Map(
      e
        .all(
          `select company_id k, count(*) n from ticket where created_at > ? and created_at <= ? group by 1`,
          baseStart,
          start,
        )
        .map((r) => [Number(r.k), Number(r.n)]),
    )
    const clients = e.all(`select id from company where id != 0`).map((r) => Number(r.id))
    const spikes =
      span < 14
        ? []
        : clients.filter(
            (id) => (recent.get(id) ?? 0) >= 5 && (recent.get(id) ?? 0) > (1.5 * (before.get(id) ?? 0) * 14) / span,
          )
    f.rows(
      'noisy_client_spike',
      rows.map((r) => r.companyId),
      spikes,
      (k) =>
        `company ${k} (${recent.get(Number(k)) ?? 0} tickets in 14 days, ${before.get(Number(k)) ?? 0} in the baseline of ${span.toFixed(2)} days)`,
    )
    for (const row of rows)
      f.close(`noisy_client_spike row ${row.companyId}: tickets`, row.tickets, recent.get(Number(row.companyId)) ?? 0)
  },
  { windowed: true },
)

list('unbilled_time_by_client', (e, f, rows) => {
  // The entries of unbilled_billable_time (pinned population), per client (through the ticket, else the entry's
  // contract) and engineer, with their hours to bill.
  const groups = e.all(
    `select coalesce(cast(coalesce(t.company_id, ec.company_id) as text), 'null') || ':' || te.resource_id k, sum(te.hours_to_bill) h ${UNBILLED} and te.hours_to_bill > 0 group by 1`,
    e.today,
  )
  const key = (r: Row) => `${r.companyId}:${r.resourceId}`
  f.rows(
    'unbilled_time_by_client',
    rows.map(key),
    groups.map((g) => String(g.k)),
    (k) => `client:engineer ${k}`,
  )
  const want = new Map(groups.map((g) => [String(g.k), Number(g.h)]))
  for (const row of rows)
    if (want.has(key(row)))
      f.close(`unbilled_time_by_client ${key(row)}: hours to bill`, row.hoursToBill, want.get(key(row)))
})

/** Whole days from the local date `from` to `to`. */
const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/**
 * A personal list for one person: the rows the KPI shows with `me` set must be the qualifying records of that
 * person (by the column its stated population names). The person is the one with the most qualifying records.
 */
async function forOnePerson(
  e: Env,
  f: Findings,
  id: string,
  options: EvaluateOptions,
  owners: ReadonlyMap<string, number | null>,
  key: (row: Row) => Key,
  explain: (key: Key) => string,
) {
  const count = new Map<number, number>()
  for (const owner of owners.values()) if (owner !== null) count.set(owner, (count.get(owner) ?? 0) + 1)
  const person = [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0]
  if (person === undefined) return
  const mine = await e.kpi(id, 'list', { ...options, me: person })
  f.rows(
    `${id} for resource ${person}`,
    mine.rows.map(key),
    [...owners].filter(([, owner]) => owner === person).map(([k]) => k),
    explain,
  )
}

list(
  'quotes_expiring',
  async (e, f, rows, options) => {
    // Active quotes of open opportunities whose expiration date lies from today to `days` ahead; soonest first,
    // then the opportunity's amount, largest first. For one person, the opportunities they own.
    const days = Number(options.params?.days ?? findKpi('quotes_expiring')?.params.days?.default ?? 14)
    // The simulator's own open status, 1 Active.
    const quotes = e.all(
      `select q.id, q.expiration_date, o.amount, o.probability, o.owner_resource_id owner from quote q join opportunity o on o.id = q.opportunity_id
      where q.is_active = 1 and o.status = 1 and q.expiration_date >= ? and q.expiration_date <= ?`,
      e.today,
      addDays(e.today, days),
    )
    const explain = (k: Key) => {
      const q = e.get(
        `select q.is_active, q.expiration_date, o.status from quote q left join opportunity o on o.id = q.opportunity_id where q.id = ?`,
        k,
      )
      return q
        ? `quote ${k} (active ${q.is_active}, expires ${q.expiration_date}, opportunity status ${q.status})`
        : `quote ${k} (not in the table)`
    }
    f.rows(
      'quotes_expiring',
      rows.map((r) => r.quoteId),
      quotes.map((q) => Number(q.id)),
      explain,
    )
    const want = new Map(quotes.map((q) => [Number(q.id), q]))
    for (const row of rows) {
      const q = want.get(Number(row.quoteId))
      if (!q) continue
      f.equal(`quotes_expiring row ${row.quoteId}: valid until`, row.expires, q.expiration_date)
      f.close(`quotes_expiring row ${row.quoteId}: days left`, row.daysLeft, dayCount(e.today, q.expiration_date))
      f.close(`quotes_expiring row ${row.quoteId}: opportunity amount`, row.amount, q.amount)
      f.close(`quotes_expiring row ${row.quoteId}: probability`, row.probability, q.probability)
    }
    f.sorted('quotes_expiring', rows, (r) => [r.daysLeft, -Number(r.amount ?? 0)], 'soonest first, then largest amount')
    await forOnePerson(
      e,
      f,
      'quotes_expiring',
      options,
      new Map(quotes.map((q) => [String(q.id), q.owner === null ? null : Number(q.owner)])),
      (r) => String(r.quoteId),
      explain,
    )
  },
  { variants: [{ params: { days: 90 } }] },
)

list('invoices_overdue', async (e, f, rows, options) => {
  // Unpaid (no paid date), not voided, dated up to today, due before today; longest overdue first, then amount.
  // For one account manager, their clients' invoices.
  const invoices = e.all(
    `select i.id, i.due_date, i.total, co.owner_resource_id owner from invoice i left join company co on co.id = i.company_id
      where i.paid_date is null and i.is_voided = 0 and i.invoice_date <= ? and i.due_date < ?`,
    e.today,
    e.today,
  )
  const explain = (k: Key) => {
    const i = e.get(`select invoice_date, due_date, paid_date, is_voided from invoice where id = ?`, k)
    return i
      ? `invoice ${k} (dated ${i.invoice_date}, due ${i.due_date}, paid ${i.paid_date}, voided ${i.is_voided})`
      : `invoice ${k} (not in the table)`
  }
  f.rows(
    'invoices_overdue',
    rows.map((r) => r.invoiceId),
    invoices.map((i) => Number(i.id)),
    explain,
  )
  const want = new Map(invoices.map((i) => [Number(i.id), i]))
  for (const row of rows) {
    const i = want.get(Number(row.invoiceId))
    if (!i) continue
    f.close(`invoices_overdue row ${row.invoiceId}: days overdue`, row.daysOverdue, dayCount(i.due_date, e.today))
    f.close(`invoices_overdue row ${row.invoiceId}: amount`, row.total, i.total)
  }
  f.sorted(
    'invoices_overdue',
    rows,
    (r) => [-r.daysOverdue, -Number(r.total ?? 0)],
    'most days overdue first, then largest amount',
  )
  await forOnePerson(
    e,
    f,
    'invoices_overdue',
    options,
    new Map(invoices.map((i) => [String(i.id), i.owner === null ? null : Number(i.owner)])),
    (r) => String(r.invoiceId),
    explain,
  )
})

list(
  'projects_over_budget',
  async (e, f, rows, options) => {
    // Open projects (no completed date) whose hours worked on their tasks reach `nearPercent` of the budget: the
    // project's estimated time, else the sum of its tasks' estimates. Still planned: the remaining hours of its
    // open tasks. Highest share used first. For one person, the projects they lead.
    const near = Number(
      options.params?.nearPercent ?? findKpi('projects_over_budget')?.params.nearPercent?.default ?? 90,
    )
    const projects = e.all(
      `select p.id, p.lead_resource_id owner, p.estimated_hours own,
            (select sum(estimated_hours) from task where project_id = p.id) tasks,
            (select coalesce(sum(coalesce(remaining_hours, 0)), 0) from task where project_id = p.id and completed_at is null) remaining,
            (select coalesce(sum(te.hours_worked), 0) from time_entry te join task k on k.id = te.task_id where k.project_id = p.id) actual
       from project p where p.completed_at is null`,
    )
    const budgetOf = (p: Row) => (Number(p.own ?? 0) > 0 ? Number(p.own) : Number(p.tasks ?? 0))
    const over = projects.filter((p) => budgetOf(p) > 0 && (100 * Number(p.actual)) / budgetOf(p) >= near)
    const explain = (k: Key) => {
      const p = projects.find((x) => String(x.id) === String(k))
      return p
        ? `project ${k} (budget ${show(budgetOf(p))} h, worked ${show(Number(p.actual))} h)`
        : `project ${k} (completed, or not in the table)`
    }
    f.rows(
      `projects_over_budget (${near}%)`,
      rows.map((r) => r.projectId),
      over.map((p) => Number(p.id)),
      explain,
    )
    const want = new Map(over.map((p) => [Number(p.id), p]))
    for (const row of rows) {
      const p = want.get(Number(row.projectId))
      if (!p) continue
      const budget = budgetOf(p)
      f.close(`projects_over_budget row ${row.projectId}: budget`, row.budgetHours, budget)
      f.close(`projects_over_budget row ${row.projectId}: worked`, row.actualHours, Number(p.actual))
      f.close(`projects_over_budget row ${row.projectId}: still planned`, row.remainingHours, Number(p.remaining))
      f.close(
        `projects_over_budget row ${row.projectId}: used (%)`,
        row.usedPct,
        (100 * Number(p.actual)) / budget,
        0.5 + TOL,
      )
      f.close(
        `projects_over_budget row ${row.projectId}: projected (%)`,
        row.projectedPct,
        (100 * (Number(p.actual) + Number(p.remaining))) / budget,
        0.5 + TOL,
      )
    }
    f.sorted('projects_over_budget', rows, (r) => [-r.usedPct], 'highest share used first')
    await forOnePerson(
      e,
      f,
      'projects_over_budget',
      options,
      new Map(over.map((p) => [String(p.id), p.owner === null ? null : Number(p.owner)])),
      (r) => String(r.projectId),
      explain,
    )
    // The simulator's few open projects rarely reach 90%: the lowest threshold shows the rule on every project with hours.
  },
  { variants: [{ params: { nearPercent: 1 } }] },
)

/** List KPIs whose stated condition this file cannot recompute from the raw tables, and why. */
const UNCHECKED: Record<string, string> = {}

// ---------------------------------------------------------------------------------------------------------

describe.each(['small', 'medium'] as const)('KPI invariants on synced %s simulator data', (size) => {
  let world: Awaited<ReturnType<typeof syncWorld>>
  let atSimNow: Env
  // A Wednesday three days after the autumn switch: "the last 7 days" are 169 hours, the last 30 days 721.
  let inDstWeek: Env

  beforeAll(async () => {
    world = await syncWorld(size)
    console.info(`[invariants] ${size}: world, simulator and full sync in ${world.seconds.toFixed(1)} s`)
    atSimNow = new Env(world.handle, world.raw, new Date(SIM_NOW))
    inDstWeek = new Env(world.handle, world.raw, new Date('2025-10-29T09:00:00Z'))
  }, 300_000)

  afterAll(async () => {
    await world?.close()
  })

  test.each(checks.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    await c.run(atSimNow, new Findings())
  })

  // A list check waits for its KPI to be in the library; the test below names every library list without one.
  const listRuns = lists
    .filter((l) => findKpi(l.id))
    .flatMap((l) =>
      [{}, ...(l.variants ?? [])].map(
        (options) => [`${l.id}${options.params ? ` (${JSON.stringify(options.params)})` : ''}`, l, options] as const,
      ),
    )
  test.each(listRuns)(
    'every row of %s meets its condition and every qualifying record is listed',
    async (_id, l, options) => {
      const f = new Findings()
      const result = await atSimNow.kpi(l.id, 'list', options)
      await l.run(atSimNow, f, result.rows, options)
      f.done()
    },
  )

  test('every sentence reads as people write: no ISO date or month, in either language, and no English decimal point in Dutch', async () => {
    // "2026-02-27" or "in 2026-02" inside a sentence is the database talking; Dutch writes 41,7 (a point
    // only groups thousands: € 47.369). Every KPI, for the team and for one engineer, in both languages.
    const engineer = atSimNow.n(
      `select assigned_resource_id from ticket where assigned_resource_id is not null group by 1 order by count(*) desc limit 1`,
    )
    const found: string[] = []
    for (const kpi of ALL_KPIS) {
      for (const me of kpi.personal ? [null, engineer] : [null]) {
        for (const lang of ['en', 'nl'] as const) {
          const result = await atSimNow.engine.evaluate(kpi.id, { lang, me })
          for (const text of [result.context, result.title, result.window]) {
            if (/\d{4}-\d{2}/.test(text))
              found.push(`${kpi.id} (${lang}${me ? `, me ${me}` : ''}) writes an ISO date: ${text}`)
            if (lang === 'nl' && /\d\.\d{1,2}(?!\d)/.test(text))
              found.push(`${kpi.id} (nl${me ? `, me ${me}` : ''}) writes a decimal point: ${text}`)
          }
        }
      }
    }
    expect(found).toEqual([])
  })

  test('a percentage a sentence restates is the big number as the tile shows it (6.6% is "(6.6%)", not "(6.5%)" or "(7%)")', async () => {
    // A percentage in a percent KPI's sentence within a point of its value restates that value: it must read
    // exactly as the tile's big number (web/src/format.ts), in both languages.
    const found: string[] = []
    for (const kpi of ALL_KPIS) {
      if (kpi.unit !== 'percent' || kpi.kind === 'list') continue
      for (const lang of ['en', 'nl'] as const) {
        const result = await atSimNow.engine.evaluate(kpi.id, { lang })
        if (result.kind === 'list' || result.value === null) continue
        const shown = formatValue(result.value, 'percent', lang).replace(/\s*%$/, '')
        // Near the value but not it, with the value itself nowhere in the sentence: a restatement that reads otherwise
        // (a sentence that also gives another figure close by, as the 12 weeks beside last week, says the value too).
        const near = [...result.context.matchAll(/(-?\d+(?:[.,]\d+)?)\s?%/g)].filter(
          (m) => Math.abs(Number(m[1]!.replace(',', '.')) - result.value!) < 1,
        )
        if (near.length > 0 && !near.some((m) => m[1] === shown))
          found.push(
            `${kpi.id} (${lang}): tile ${shown}%, sentence "${near.map((m) => m[0]).join('", "')}": ${result.context}`,
          )
      }
    }
    expect(found).toEqual([])
  })

  test('every action list of the library is checked above, or named with the reason it cannot be', () => {
    const covered = new Set([...lists.map((l) => l.id), ...Object.keys(UNCHECKED)])
    expect(ALL_KPIS.filter((kpi) => kpi.kind === 'list' && !covered.has(kpi.id)).map((kpi) => kpi.id)).toEqual([])
  })

  if (size === 'medium') {
    describe('"last N days" across the autumn DST switch (now = 2025-10-29 10:00 local)', () => {
      test.each(checks.filter((c) => c.windowed).map((c) => [c.title, c] as const))('%s', async (_title, c) => {
        await c.run(inDstWeek, new Findings())
      })
      test.each(lists.filter((l) => l.windowed && findKpi(l.id)).map((l) => [l.id, l] as const))(
        'every row of %s meets its condition and every qualifying record is listed',
        async (_id, l) => {
          const f = new Findings()
          const result = await inDstWeek.kpi(l.id, 'list')
          await l.run(inDstWeek, f, result.rows, {})
          f.done()
        },
      )
    })
  }
})
