import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { ALL_KPIS } from './index.js'
import { exact, inLanguage, isText, money } from './format.js'
import { windowWithHistory, windowWithSource } from './history.js'
import { LIMITS_OF_PSA, type PsaLimit } from '../db/psa-model.js'
import {
  businessHoursOf,
  contractTypeRatesOf,
  loadSettings,
  type MspSettings,
  settingsParamDefaults,
  staffCalendarOf,
} from './settings.js'
import { DEFAULT_BUSINESS_HOURS, type BusinessHours, type Window } from './time.js'
import type {
  AnyRows,
  Band,
  Computed,
  KpiContext,
  KpiDefinition,
  KpiQuery,
  KpiResult,
  Lang,
  ParamSpec,
  ParamValue,
  Role,
  Status,
} from './types.js'

export class KpiError extends Error {
  override name = 'KpiError'
  constructor(
    readonly code: 'unknown_kpi' | 'bad_param' | 'bad_target' | 'no_drill',
    message: string,
  ) {
    super(message)
  }
}

export interface EngineOptions {
  db: Kysely<Database>
  tz?: string
  hours?: BusinessHours
  /** A pinned clock (ROLEBOARD_NOW) or the real one. */
  now?: () => Date
  /** Results kept per data generation; 0 turns the cache off. */
  cacheSize?: number
}

export interface EvaluateOptions {
  role?: Role | string
  me?: number | null
  params?: Record<string, unknown>
  band?: Partial<Band>
  lang?: Lang
}

/** What cached results depend on besides the clock. */
export interface Generation {
  /** The last finished sync (0: none yet). */
  id: number
  /** When the data last synced successfully. */
  asOf: string | null
  /**
   * Changes with every acknowledgement and undo: the newest ack's id and how many are active (a tap
   * raises both; an undo lowers the count while the id stays, so no two states share a value).
   */
  acks: string
  /** The MSP settings' version (0: never saved): a change of rate, hours or holidays moves every result. */
  settings: number
  /** Changes with every finished sync, acknowledgement, undo and settings change: the part of a cache key that is not the clock. */
  key: string
  /** What the synced PSA cannot tell (db/psa-model.ts LIMITS_OF_PSA): a KPI that `differs` there says how. */
  limits: readonly PsaLimit[]
}

const BY_ID = new Map(ALL_KPIS.map((kpi) => [kpi.id, kpi as KpiDefinition<Record<string, ParamValue>>]))

export function findKpi(id: string): KpiDefinition<Record<string, ParamValue>> | undefined {
  return BY_ID.get(id)
}

/**
 * Evaluates KPIs against the raw tables. Results are cached per data generation (each finished sync
 * is one, and so is each acknowledgement or undo: a resolve changes a list) and per minute of the
 * clock, so a wall of 70 tiles polled by 500 screens costs one evaluation per sync.
 */
export function createKpiEngine(options: EngineOptions) {
  const tz = options.tz ?? 'Europe/Amsterdam'
  const hours = options.hours ?? DEFAULT_BUSINESS_HOURS
  const now = options.now ?? (() => new Date())
  const cacheSize = options.cacheSize ?? 5000
  // Every cache below holds what one data generation at one minute of the clock gives; both
  // moving on empties them all at once.
  const cache = new Map<string, KpiResult>()
  let cachedFor: string | null = null

  /**
   * The data generation (the last finished sync), when the data last synced successfully and the state
   * of the acknowledgements (a tap or an undo changes what a list shows), in one query.
   */
  async function generation(): Promise<Generation> {
    const row = await options.db
      .selectFrom('sync_run')
      // Null both before the first finished sync.
      .select((eb) => [
        eb.fn.max<number | null>('id').as('id'),
        eb.fn.max<string | null>(eb.case().when('ok', '=', 1).then(eb.ref('finished_at')).end()).as('at'),
        eb
          .selectFrom('acknowledgement')
          .select((ack) => ack.fn.max<number | null>('id').as('n'))
          .as('lastAck'),
        // Active, not undone: few rows, read from the partial index that keeps them unique (migration 025).
        eb
          .selectFrom('acknowledgement')
          .select((ack) => ack.fn.countAll<number>().as('n'))
          .where('undone_at', 'is', null)
          .as('activeAcks'),
        eb.selectFrom('msp_settings').select('version').where('id', '=', 1).as('settings'),
        // The PSA the data comes from: the newest run of a PSA's own sync (SmileBack's are not one).
        eb
          .selectFrom('sync_run as psa_run')
          .select('psa_run.psa')
          .where('psa_run.psa', '!=', 'smileback')
          .orderBy('psa_run.id', 'desc')
          .limit(1)
          .as('psa'),
      ])
      .where('finished_at', 'is not', null)
      .executeTakeFirst()
    const id = row?.id ?? 0
    const acks = `${row?.lastAck ?? 0}.${row?.activeAcks ?? 0}`
    // Before the first finished sync the row is missing, settings included: asked apart then.
    const settings = row
      ? (row.settings ?? 0)
      : ((await options.db.selectFrom('msp_settings').select('version').where('id', '=', 1).executeTakeFirst())
          ?.version ?? 0)
    const limits = LIMITS_OF_PSA[row?.psa ?? ''] ?? []
    return { id, asOf: row?.at ?? null, acks, settings, key: `${id}.${acks}.${settings}`, limits }
  }

  // Computed values are shared by both languages: only the sentence and title differ per language.
  const computedCache = new Map<string, { computed: Computed; ctx: KpiContext }>()
  // Rows of identical queries (today's contracts, the people, the same window of tickets) are shared by
  // the KPIs of one data generation and minute, so a wall of tiles runs each of them once.
  const queryCache = new Map<string, Array<Record<string, unknown>>>()

  async function rowsOf(query: KpiQuery): Promise<unknown[]> {
    if (cacheSize === 0) return query.execute()
    const { sql, parameters } = query.compile()
    const key = JSON.stringify([sql, parameters])
    let rows = queryCache.get(key)
    if (!rows) {
      rows = (await query.execute()) as Array<Record<string, unknown>>
      remember(queryCache, key, rows)
    }
    // Copies, so a KPI that sorts or edits its rows does not change another's.
    return rows.map((row) => ({ ...row }))
  }

  // The MSP settings as KPIs read them, loaded again when their version moves.
  let msp: {
    version: number
    year: string
    settings: MspSettings
    hours: BusinessHours
    defaults: Record<string, ParamValue>
    staff: KpiContext['staff']
    rates: KpiContext['rates']
  } | null = null
  async function settingsFor(version: number, at: Date) {
    // The holidays span years around now: a new year computes them again.
    const year = String(at.getUTCFullYear())
    if (msp?.version !== version || msp.year !== year) {
      const { settings } = await loadSettings(options.db)
      msp = {
        version,
        year,
        settings,
        hours: businessHoursOf(settings, hours, at, tz),
        defaults: settingsParamDefaults(settings),
        staff: staffCalendarOf(settings),
        rates: contractTypeRatesOf(settings),
      }
    }
    return msp
  }

  async function evaluate(id: string, evaluation: EvaluateOptions = {}, known?: Generation): Promise<KpiResult> {
    return (await run(id, evaluation, known)).result
  }

  /**
   * What falling `gap` short of where a KPI should be costs (its `consequence`), in the evaluation's language: the
   * amount ("€ 4.100") and the whole phrase ("€ 4.100 of billable time this month"). Null where the KPI cannot
   * price it honestly, or nothing is short.
   */
  async function consequence(
    id: string,
    evaluation: EvaluateOptions,
    gap: number,
    known?: Generation,
  ): Promise<{ amount: string; text: string } | null> {
    if (!(gap > 0) || !BY_ID.get(id)?.consequence) return null
    const { kpi, computed, ctx } = await run(id, evaluation, known)
    const price = kpi.consequence!(gap, computed, ctx)
    if (!price || !(price.amount > 0)) return null
    const amount = money(roundedAmount(price.amount))[ctx.lang]
    return { amount, text: `${amount} ${price.what[ctx.lang]}` }
  }

  /** The KPI, its resolved parameters and band, and the context its queries and computation read. */
  async function prepare(id: string, evaluation: EvaluateOptions, gen: Generation, at: Date) {
    const kpi = BY_ID.get(id)
    if (!kpi) throw new KpiError('unknown_kpi', `there is no KPI "${id}"; roleboard kpi --list shows the library`)
    const mine = await settingsFor(gen.settings, at)
    const given = evaluation.params ?? {}
    const params = resolveParams(kpi, given, mine.defaults)
    const band = resolveBand(kpi, evaluation.band)
    const lang = evaluation.lang ?? 'en'
    // A tile that sets weeklyHours itself sets it for everyone; otherwise each person's own counts.
    const ownHours = Object.hasOwn(given, 'weeklyHours')
    const staff = ownHours && mine.staff ? { ...mine.staff, weeklyHours: new Map<number, number>() } : mine.staff
    const ctx: KpiContext = {
      db: options.db,
      now: at,
      tz,
      hours: mine.hours,
      params,
      me: evaluation.me ?? null,
      role: evaluation.role ?? 'owner',
      lang,
      staff,
      rates: mine.rates,
      ...(mine.settings.standardRate === null ? {} : { standardRate: mine.settings.standardRate }),
    }
    return { kpi, params, band, lang, ownHours, ctx }
  }

  /**
   * A drill-down: the KPI evaluated over `window` (its own when absent) and the rows of its drill query, the
   * records behind the number; `recompute` gives the result over a subset of those rows (one company's).
   * Not cached: a person asks for one window at a time, and every answer reads the data as it is now.
   */
  async function evaluateRows(id: string, evaluation: EvaluateOptions & { window?: Window }) {
    const at = now()
    const gen = await generation()
    const { kpi, band, lang, ctx: base } = await prepare(id, evaluation, gen, at)
    if (!kpi.drill) throw new KpiError('no_drill', `${id} has no drill-down: its number is not one list of tickets`)
    const ctx: KpiContext = evaluation.window ? { ...base, window: evaluation.window } : base
    const rows: AnyRows = {}
    for (const [name, query] of Object.entries(kpi.queries(ctx))) rows[name] = await query.execute()
    const drill = typeof kpi.drill === 'function' ? kpi.drill(rows) : kpi.drill
    const resultOf = (all: AnyRows) => {
      // Copies: a computation may sort or edit its rows, which the drill-down still hands out.
      const computed = kpi.compute(
        Object.fromEntries(
          Object.entries(all).map(([name, list]) => [name, list.map((row) => ({ ...(row as object) }))]),
        ),
        ctx,
      )
      return shape(kpi, computed, band, lang, kpi.context(computed, ctx)[lang], kpi.title[lang], gen, at)
    }
    const own = (rows[drill.query] ?? []) as Array<Record<string, unknown>>
    return {
      kpi,
      /** The drill-down as these rows call for it. */
      drill,
      ctx,
      result: resultOf(rows),
      rows: own,
      /** Every query's rows, for a verdict that looks beyond its own row. */
      all: rows as Readonly<AnyRows>,
      /** The result over only `kept` of the drill query's rows, the other queries' as they were. */
      recompute: (kept: Array<Record<string, unknown>>) => resultOf({ ...rows, [drill.query]: kept }),
    }
  }

  async function run(id: string, evaluation: EvaluateOptions, known?: Generation) {
    const at = now()
    const gen = known ?? (await generation())
    const { kpi, params, band, lang, ownHours, ctx: fresh } = await prepare(id, evaluation, gen, at)
    const stamp = `${gen.key}@${Math.floor(at.getTime() / 60_000)}`
    if (cachedFor !== stamp) {
      cache.clear()
      computedCache.clear()
      queryCache.clear()
      cachedFor = stamp
    }
    const computeKey = JSON.stringify([id, evaluation.role ?? null, evaluation.me ?? null, params, ownHours])
    const key = JSON.stringify([computeKey, band, lang])
    let done = computedCache.get(computeKey)
    if (!done) {
      const rows: AnyRows = {}
      for (const [name, query] of Object.entries(kpi.queries(fresh))) rows[name] = await rowsOf(query)
      done = { computed: kpi.compute(rows, fresh), ctx: fresh }
      if (cacheSize > 0) remember(computedCache, computeKey, done)
    }
    const ctx = { ...done.ctx, lang }
    const hit = cache.get(key)
    if (hit) return { kpi, computed: done.computed, ctx, result: hit }
    const result = shape(
      kpi,
      done.computed,
      band,
      lang,
      kpi.context(done.computed, ctx)[lang],
      kpi.title[lang],
      gen,
      at,
    )
    if (cacheSize > 0) remember(cache, key, result)
    return { kpi, computed: done.computed, ctx, result }
  }

  function remember<V>(map: Map<string, V>, key: string, value: V): void {
    if (map.size >= cacheSize) map.delete(map.keys().next().value!)
    map.set(key, value)
  }

  return {
    evaluate,
    evaluateRows,
    consequence,
    /** The clock and time zone results are computed in: what a goal's path reads today's date from. */
    clock: () => ({ now: now(), tz }),
    /** Evaluates several KPIs against one data generation. */
    async evaluateMany(ids: readonly string[], evaluation: EvaluateOptions = {}): Promise<KpiResult[]> {
      const gen = await generation()
      const results: KpiResult[] = []
      for (const id of ids) results.push(await evaluate(id, evaluation, gen))
      return results
    },
    generation,
  }
}

export type KpiEngine = ReturnType<typeof createKpiEngine>

function shape(
  kpi: KpiDefinition<Record<string, ParamValue>>,
  computed: Computed,
  band: Band | null,
  lang: Lang,
  context: string,
  title: string,
  gen: Pick<Generation, 'asOf' | 'limits'>,
  at: Date,
): KpiResult {
  // A window that starts before the synced history says how many days of it hold data (facts.history),
  // a result computed from SmileBack says so (facts.source), and so does a KPI that counts otherwise on this PSA.
  const base = {
    id: kpi.id,
    title,
    window: [
      windowWithSource(windowWithHistory(kpi.window[lang], computed.facts?.history, lang), computed.facts?.source),
      ...gen.limits.flatMap((limit) => kpi.differs?.[limit]?.[lang] ?? []),
    ].join(' · '),
    context,
    asOf: gen.asOf,
    evaluatedAt: at.toISOString(),
  }
  if (kpi.kind === 'list') {
    const rows = (computed.rows ?? []).map((row) => rowIn(row, lang))
    // An exception list is green when empty; a feed or a to-do list (not "lower is better") has no status.
    const status = kpi.direction === 'lower' && band ? statusOf(rows.length, band, 'lower') : 'none'
    const action = kpi.action
      ? { verb: kpi.action.verb[lang], ack: kpi.action.ack, done: kpi.action.done?.[lang] ?? null }
      : null
    return { ...base, kind: 'list', count: rows.length, rows, status, action }
  }
  const value =
    computed.value === undefined || computed.value === null || Number.isNaN(computed.value)
      ? null
      : exact(computed.value)
  const common = {
    ...base,
    value,
    unit: kpi.unit,
    target: band?.target ?? null,
    status: band ? statusOf(value, band, kpi.direction) : ('none' as Status),
  }
  if (kpi.kind === 'trend')
    return {
      ...common,
      kind: 'trend',
      points: (computed.points ?? []).map((p) => ({ t: p.t, value: p.value === null ? null : exact(p.value) })),
    }
  if (kpi.kind === 'breakdown') {
    const judge = band && kpi.bandPerItem && kpi.direction !== 'neutral' ? band : null
    const items = (computed.items ?? []).map((item) => {
      const exactValue = item.value === null ? null : exact(item.value)
      // An item may be judged on another number than it shows (month-to-date use by its pace): `judged`.
      const judged = item.judged === undefined ? exactValue : item.judged === null ? null : exact(item.judged)
      return {
        ...item,
        label: inLanguage(item.label, lang),
        value: exactValue,
        ...(item.judged === undefined ? {} : { judged }),
        status: judge ? statusOf(judged, judge, kpi.direction) : ('none' as Status),
      }
    })
    // Items judged against the band come worst first, so the bars a wall has room for are the problems.
    if (judge)
      items.sort((a, b) =>
        worstFirst(
          a.judged === undefined ? a.value : a.judged,
          b.judged === undefined ? b.value : b.judged,
          kpi.direction as 'higher' | 'lower',
        ),
      )
    return { ...common, kind: 'breakdown', items }
  }
  return { ...common, kind: 'number' }
}

/** A list row with every `Text` value in the result's language (a copy only when there is one). */
function rowIn(row: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  return Object.values(row).some(isText)
    ? Object.fromEntries(Object.entries(row).map(([key, value]) => [key, inLanguage(value, lang)]))
    : row
}

/** Sort order for judged values: the furthest on the wrong side first, no value last; ties keep their order. */
function worstFirst(a: number | null, b: number | null, direction: 'higher' | 'lower'): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1
  return direction === 'higher' ? a - b : b - a
}

/** A price as a wall says it: to the hundred from a thousand on (an estimate, not an invoice), else to the ten. */
export function roundedAmount(amount: number): number {
  const step = amount >= 1000 ? 100 : 10
  return Math.round(amount / step) * step
}

export function statusOf(value: number | null, band: Band, direction: 'higher' | 'lower' | 'neutral'): Status {
  if (value === null || direction === 'neutral') return 'none'
  if (direction === 'higher') return value >= band.target ? 'good' : value >= band.warn ? 'warn' : 'bad'
  return value <= band.target ? 'good' : value <= band.warn ? 'warn' : 'bad'
}

/** A KPI's parameters: those given, checked; else the MSP settings' default for that name (`defaults`); else the KPI's own. */
export function resolveParams(
  kpi: KpiDefinition<Record<string, ParamValue>>,
  given: Record<string, unknown>,
  defaults: Record<string, ParamValue> = {},
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const name of Object.keys(given)) {
    // Own properties only: "constructor" or "toString" are not parameters of any KPI.
    if (!Object.hasOwn(kpi.params, name))
      throw new KpiError(
        'bad_param',
        `${kpi.id} has no parameter "${name}" (it has: ${Object.keys(kpi.params).join(', ') || 'none'})`,
      )
  }
  for (const [name, spec] of Object.entries(kpi.params) as Array<[string, ParamSpec]>) {
    out[name] = Object.hasOwn(given, name)
      ? checkParam(kpi.id, name, spec, given[name])
      : settingDefault(kpi.id, name, spec, defaults)
  }
  return out
}

/** The settings' value where it fits the parameter (its type and range), else the KPI's own default. */
function settingDefault(id: string, name: string, spec: ParamSpec, defaults: Record<string, ParamValue>): ParamValue {
  if (!Object.hasOwn(defaults, name)) return spec.default
  try {
    return checkParam(id, name, spec, defaults[name])
  } catch {
    return spec.default
  }
}

function checkParam(id: string, name: string, spec: ParamSpec, value: unknown): ParamValue {
  const fail = (why: string): never => {
    throw new KpiError('bad_param', `${id}: parameter ${name} ${why}`)
  }
  const inRange = (n: number) => {
    if (spec.min !== undefined && n < spec.min) fail(`must be at least ${spec.min}`)
    if (spec.max !== undefined && n > spec.max) fail(`must be at most ${spec.max}`)
    return n
  }
  switch (spec.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? inRange(value) : fail('must be a number')
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? inRange(value) : fail('must be a whole number')
    case 'integers':
      return Array.isArray(value) &&
        value.length <= 100 &&
        value.every((v) => typeof v === 'number' && Number.isInteger(v))
        ? (value as number[])
        : fail('must be a list of whole numbers')
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('must be true or false')
    case 'string':
      return typeof value === 'string' && value.length <= 200 ? value : fail('must be text of at most 200 characters')
  }
}

/**
 * The amber line when only a target was set: the KPI's own amber line while it still lies on the
 * safe side of that target, otherwise the target itself (no amber zone). An empty box is never an error.
 */
function defaultWarn(kpi: KpiDefinition<Record<string, ParamValue>>, target: number): number {
  const warn = kpi.band?.warn
  if (warn === undefined) return target
  const fits = kpi.direction === 'higher' ? warn <= target : kpi.direction === 'lower' ? warn >= target : true
  return fits ? warn : target
}

export function resolveBand(kpi: KpiDefinition<Record<string, ParamValue>>, override?: Partial<Band>): Band | null {
  if (!override || (override.target === undefined && override.warn === undefined)) return kpi.band
  const target = override.target ?? kpi.band?.target
  if (target === undefined || !Number.isFinite(target))
    throw new KpiError('bad_target', `${kpi.id}: a target must be a number`)
  const warn = override.warn ?? defaultWarn(kpi, target)
  if (!Number.isFinite(warn)) throw new KpiError('bad_target', `${kpi.id}: a tolerance must be a number`)
  if (kpi.direction === 'higher' && warn > target)
    throw new KpiError(
      'bad_target',
      `${kpi.id}: higher is better, so the amber line (${warn}) must not be above the target (${target})`,
    )
  if (kpi.direction === 'lower' && warn < target)
    throw new KpiError(
      'bad_target',
      `${kpi.id}: lower is better, so the amber line (${warn}) must not be below the target (${target})`,
    )
  return { target, warn }
}
