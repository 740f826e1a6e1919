import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { createKpiEngine, findKpi } from '../../../kpi-library/engine.js'
import { addDays, type BusinessHours } from '../../../kpi-library/time.js'
import type { KpiKind, Lang, ListField, Status, Unit } from '../../../kpi-library/wire-types.js'
import { evaluateDashboard, getDashboard, getStrip } from '../dashboards.js'
import { notFound } from '../../errors.js'
import { type DayValue, seriesKey } from '../history/store.js'
import { recordedDays } from '../history/trends.js'
import { weekValue } from '../history/weeks.js'
import type { TileResult, WallPath } from '../../wire/dashboards.js'
import { type IsoWeek, shiftWeek, weekEnd } from './week.js'

// The weekly review of one role: every goal of the company strip and every tile of the role's dashboard as it stood
// when the week ended (an engine pinned to that instant, no cache), with its target (or path), status and the last 8
// weeks' values from the KPI history (server/services/history), and the rows of its action lists that need a decision. The HTML is weekly-html.ts's.

export const TREND_WEEKS = 8
/** Rows per list in the report: the ones to decide on first; the count says how many more. */
export const REPORT_ROWS = 10

export interface WeeklyItem {
  /** A company goal on the strip, or a tile of the role's dashboard. */
  source: 'goal' | 'tile'
  kpi: string
  title: string
  kind: KpiKind | 'error'
  window: string
  value: number | null
  unit: Unit | null
  target: number | null
  /** The company goal's path, when one runs: `target` is then the path's value at the week's end. */
  path: WallPath | null
  status: Status
  context: string
  /** Oldest first, the report's week last; null: no value recorded that week. */
  trend: Array<{ week: string; value: number | null }>
  /** An action list's rows (capped at REPORT_ROWS) and how many there were. */
  list: { verb: string | null; fields: ListField[]; rows: Array<Record<string, unknown>>; count: number } | null
}

export interface WeeklyReport {
  role: string
  roleName: string
  title: string
  lang: Lang
  week: IsoWeek
  /** The instant the KPIs were evaluated at: the week's end. */
  asOf: string
  /** When the data behind them was last synced. */
  dataAsOf: string | null
  generatedAt: string
  goals: WeeklyItem[]
  tiles: WeeklyItem[]
}

export interface WeeklyOptions {
  role: string
  week: IsoWeek
  lang: Lang
  tz: string
  hours?: BusinessHours
  now: Date
}

export async function buildWeekly(db: Kysely<Database>, options: WeeklyOptions): Promise<WeeklyReport> {
  const { role, week, lang, tz } = options
  const dashboard = await getDashboard(db, role)
  if (!dashboard) throw notFound(`the role "${role}" has no dashboard`)
  const end = weekEnd(week, tz)
  const engine = createKpiEngine({
    db,
    tz,
    now: () => end,
    cacheSize: 0,
    ...(options.hours ? { hours: options.hours } : {}),
  })
  const wall = await evaluateDashboard(db, engine, role, { lang, maxRows: REPORT_ROWS })
  const strip = await getStrip(db)
  // Every goal's and tile's recorded days of the trend's weeks, in one read.
  const recorded = await recordedDays(
    db,
    [...strip, ...dashboard.tiles],
    shiftWeek(week, 1 - TREND_WEEKS).from,
    addDays(week.to, 1),
  )
  const trendOf = (kpi: string, params: Record<string, unknown>) =>
    weeklyTrend(kpi, recorded.get(seriesKey({ kpi, params })) ?? [], week)
  const goals: WeeklyItem[] = []
  for (const [index, goal] of wall.strip.entries()) {
    const spec = strip[index]!
    goals.push(item('goal', spec, goal.result, goal.path, trendOf(spec.kpi, spec.params), lang))
  }
  const tiles: WeeklyItem[] = []
  for (const [index, tile] of wall.tiles.entries()) {
    const spec = dashboard.tiles[index]!
    tiles.push(item('tile', spec, tile.result, tile.path ?? null, trendOf(spec.kpi, spec.params), lang))
  }
  return {
    role,
    roleName: dashboard.roleName[lang],
    title: wall.title,
    lang,
    week,
    asOf: end.toISOString(),
    dataAsOf: wall.dataAsOf,
    generatedAt: options.now.toISOString(),
    goals,
    tiles,
  }
}

function item(
  source: WeeklyItem['source'],
  { kpi, target }: { kpi: string; target: number | null },
  result: TileResult,
  path: WallPath | null,
  trend: WeeklyItem['trend'],
  lang: Lang,
) {
  if (result.kind === 'error')
    return {
      source,
      kpi,
      title: findKpi(kpi)?.title[lang] ?? kpi,
      kind: 'error' as const,
      window: '',
      value: null,
      unit: null,
      target: null,
      path: null,
      status: 'none' as const,
      context: result.message,
      trend,
      list: null,
    } satisfies WeeklyItem
  const value = result.kind === 'list' ? result.count : result.value
  const base = {
    source,
    kpi,
    title: result.title,
    kind: result.kind,
    window: result.window,
    path,
    status: result.status,
    context: result.context,
    // The report's own week is the value it shows: the history's last day of a week may be judged a moment earlier.
    trend: trend.map((point, i) => (i === trend.length - 1 && value !== null ? { ...point, value } : point)),
  }
  if (result.kind === 'list') {
    const definition = findKpi(kpi)
    return {
      ...base,
      value,
      unit: 'count' as const,
      // A list's result has no target of its own: the tile's, else its KPI's band.
      target: target ?? definition?.band?.target ?? null,
      list: {
        verb: result.action?.verb ?? null,
        fields: [...(definition?.action?.fields ?? [])],
        rows: result.rows.slice(0, REPORT_ROWS),
        count: result.count,
      },
    } satisfies WeeklyItem
  }
  return { ...base, value, unit: result.unit, target: result.target, list: null } satisfies WeeklyItem
}

/** Per week of the last TREND_WEEKS (the report's last), its one value by the walls' rule (history/weeks.ts). */
function weeklyTrend(kpi: string, days: readonly DayValue[], week: IsoWeek): WeeklyItem['trend'] {
  return Array.from({ length: TREND_WEEKS }, (_, i) => {
    const w = shiftWeek(week, i + 1 - TREND_WEEKS)
    return {
      week: w.id,
      value: weekValue(
        kpi,
        days.filter((d) => d.day >= w.from && d.day <= w.to),
      ),
    }
  })
}
