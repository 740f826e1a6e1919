import type { Kysely } from 'kysely'
import { ticketLinker } from './ticket-links.js'
import type { Database } from '../../db/schema.js'
import { wallTitle } from '../defaults.js'
import { findKpi, KpiError, type KpiEngine } from '../../kpi-library/engine.js'
import { labelOf, resourceName } from '../../kpi-library/sql.js'
import { addDays, localDate, sameTimeDaysBefore } from '../../kpi-library/time.js'
import type { KpiResult, Lang, Role } from '../../kpi-library/types.js'
import { badRequest, HttpError, notFound } from '../errors.js'
import type { DrillData, DrillOption, DrillQuery, DrillRow, DrillTiles } from '../wire/drill.js'
import { bandOf, getStrip, goalPaths, requireDashboard } from './dashboards.js'
import { drillWindow, windowWords } from './drill-window.js'

// The rows behind a tile's number: the KPI evaluated over a chosen window, the records its drill query returns
// (the same rows its computation counts), each with the ticket's company, resource and queue, filterable by them.

/** More rows than a person reads on one page; the total still says how many there are. */
const DRILL_ROW_CAP = 500

/** What is drilled into: a KPI with the parameters, band and title of the tile or goal that shows it. */
export interface DrillTarget {
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  title: string | null
}

const noDrill = (kpi: string) =>
  new HttpError(404, `${kpi} has no drill-down: its number is not one list of tickets`, 'no_drill')

/** A tile of a role's dashboard; 404 when the role or the tile is not there. */
export async function tileTarget(db: Kysely<Database>, role: string, tileId: number): Promise<DrillTarget> {
  const dashboard = await requireDashboard(db, role)
  const tile = dashboard.tiles.find((candidate) => candidate.id === tileId)
  if (!tile) throw notFound(`the ${role} dashboard has no tile ${tileId}`)
  return tile
}

/** A goal of the company strip; 404 when there is none with that id. */
export async function goalTarget(db: Kysely<Database>, goalId: number): Promise<DrillTarget> {
  const goal = (await getStrip(db)).find((candidate) => candidate.id === goalId)
  if (!goal) throw notFound(`the company strip has no goal ${goalId}`)
  return { ...goal, title: null }
}

/** One of a person's own KPIs (personal, on the engineer's dashboards, with a drill-down), as its phone page shows it. */
export function personalTarget(kpiId: string): DrillTarget {
  const kpi = findKpi(kpiId)
  if (!kpi || !kpi.personal || !kpi.roles.includes('engineer'))
    throw notFound(`${kpiId} is not one of a person's own KPIs`)
  if (!kpi.drill) throw noDrill(kpiId)
  return { kpi: kpiId, params: {}, target: null, warn: null, title: null }
}

/** A wall's tiles and goals, each marked with whether it has a drill-down: the page a wall's QR code opens. */
export async function drillableTiles(db: Kysely<Database>, role: string, lang: Lang): Promise<DrillTiles> {
  const dashboard = await requireDashboard(db, role)
  const described = (item: DrillTarget) => {
    const kpi = findKpi(item.kpi)
    return { kpi: item.kpi, title: item.title ?? kpi?.title[lang] ?? item.kpi, drill: Boolean(kpi?.drill) }
  }
  return {
    role,
    title: wallTitle(dashboard.role, dashboard.title, lang),
    tiles: dashboard.tiles.map((tile) => ({ tileId: tile.id, ...described(tile) })),
    goals: (await getStrip(db)).map((goal) => ({ goalId: goal.id, ...described({ ...goal, title: null }) })),
  }
}

type Detail = Omit<DrillRow, 'recordId' | 'date' | 'verdict' | 'bad' | 'ticketUrl'>

/** The ticket fields a drill row shows, per ticket id. */
async function ticketDetails(db: Kysely<Database>, ids: readonly number[]) {
  const details = new Map<number, Detail & { ticketId: number }>()
  const unique = [...new Set(ids)]
  // In slices: SQLite takes a bounded number of parameters per statement.
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db
      .selectFrom('ticket')
      .leftJoin('company', 'company.id', 'ticket.company_id')
      .leftJoin('resource', 'resource.id', 'ticket.assigned_resource_id')
      .select([
        'ticket.id as ticketId',
        'ticket.number as ticketNumber',
        'ticket.title as title',
        'ticket.company_id as companyId',
        'company.name as companyName',
        'ticket.assigned_resource_id as resourceId',
        resourceName().as('resourceName'),
        'ticket.queue_id as queueId',
        labelOf('ticketQueue', 'ticket.queue_id').as('queueLabel'),
      ])
      .where('ticket.id', 'in', unique.slice(start, start + 500))
      .execute()
    for (const row of rows) details.set(row.ticketId, row)
  }
  return details
}

/** Company names per id, for records on no ticket (a survey of the company itself). */
async function companyNames(db: Kysely<Database>, ids: readonly number[]) {
  const unique = [...new Set(ids)]
  const names = new Map<number, string | null>()
  for (let start = 0; start < unique.length; start += 500)
    for (const row of await db
      .selectFrom('company')
      .select(['id', 'name'])
      .where('id', 'in', unique.slice(start, start + 500))
      .execute())
      names.set(row.id, row.name)
  return names
}

/** A number a row holds under `key`, or null. */
const idIn = (row: Record<string, unknown>, key: string | undefined) =>
  key !== undefined && typeof row[key] === 'number' ? (row[key] as number) : null

/** The values of one field among the rows, each once, by name: what a filter menu offers. */
function optionsOf(rows: readonly DrillRow[], id: (row: DrillRow) => number | null, label: (row: DrillRow) => string) {
  const seen = new Map<number, DrillOption>()
  for (const row of rows) {
    const key = id(row)
    if (key !== null && !seen.has(key)) seen.set(key, { id: key, label: label(row) })
  }
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label, 'nl'))
}

/** The number a result shows: its value, or a list's count. */
const valueOf = (result: KpiResult) => (result.kind === 'list' ? result.count : result.value)

/**
 * The drill-down of `target` as `asked`: the KPI over the window (its own by default), its rows with the ticket's
 * context and the KPI's verdict, those that count against the number first, then the newest; filtered by company,
 * resource and queue, with the value recomputed over the filtered rows where the KPI's number depends on them only.
 */
export async function evaluateDrill(
  db: Kysely<Database>,
  engine: KpiEngine,
  target: DrillTarget,
  options: { role: Role | string; me: number | null; lang: Lang; asked: DrillQuery },
): Promise<DrillData> {
  const kpi = findKpi(target.kpi)
  if (!kpi) throw notFound(`there is no KPI "${target.kpi}"`)
  if (!kpi.drill) throw noDrill(kpi.id)
  const { lang, asked } = options
  const { now, tz } = engine.clock()
  // The first date the KPI's own window touches: "the last 7 days" at 00:27 begins at 00:27 seven days ago, so the
  // dates shown (and a range filled in from them) start that day, not the day after.
  const days = target.params.days ?? kpi.params.days?.default
  const ownFrom =
    typeof days === 'number'
      ? localDate(sameTimeDaysBefore(now, tz, days), tz)
      : addDays(localDate(now, tz), 1 - (kpi.reachDays ?? 1))
  const window = drillWindow(asked, now, tz, ownFrom)
  // Judged as the wall judges the tile: against a company goal's path where one runs over the same KPI.
  const { band } = bandOf(goalPaths(engine, await getStrip(db)), target)
  let evaluated: Awaited<ReturnType<KpiEngine['evaluateRows']>>
  try {
    evaluated = await engine.evaluateRows(kpi.id, {
      role: options.role,
      me: options.me,
      params: target.params,
      band,
      lang,
      ...(window.window ? { window: window.window } : {}),
    })
  } catch (error) {
    if (error instanceof KpiError) throw badRequest(error.message)
    throw error
  }
  const { result, rows, all: queried, recompute, ctx, drill } = evaluated
  const details = await ticketDetails(
    db,
    rows.flatMap((row) => (typeof row.ticketId === 'number' ? [row.ticketId] : [])),
  )
  // A record on no ticket (or one not synced) still counts: it shows with its own company, if it names one.
  const loose = rows.filter((row) => !details.has(Number(row.ticketId)))
  const names = await companyNames(
    db,
    loose.flatMap((row) => (typeof row.companyId === 'number' ? [row.companyId] : [])),
  )
  const contextOf = (raw: Record<string, unknown>): Detail => {
    const ticket = details.get(Number(raw.ticketId))
    if (ticket) return ticket
    const companyId = idIn(raw, 'companyId')
    return {
      ticketId: null,
      ticketNumber: null,
      title: null,
      companyId,
      companyName: companyId === null ? null : (names.get(companyId) ?? null),
      resourceId: idIn(raw, 'resourceId'),
      resourceName: null,
      queueId: null,
      queueLabel: null,
    }
  }
  const linkTo = await ticketLinker(db)
  // Each KPI row as a drill row; a row the number leaves out (no verdict yet) is left out here too.
  const all: DrillRow[] = []
  for (const raw of rows) {
    const verdict = drill.verdict ? drill.verdict(raw, ctx, queried) : { text: null, bad: false }
    if (verdict === null) continue
    const context = contextOf(raw)
    const date = raw[drill.date]
    all.push({
      ...context,
      recordId: idIn(raw, drill.record),
      date: typeof date === 'string' ? date : null,
      verdict: verdict.text ? verdict.text[lang] : null,
      bad: verdict.bad,
      ...(linkTo && context.ticketId !== null ? { ticketUrl: linkTo.urlOf(context.ticketId) } : {}),
    })
  }
  const matches = (ticket: { companyId: number | null; resourceId: number | null; queueId: number | null }) =>
    (asked.company === undefined || ticket.companyId === asked.company) &&
    (asked.resource === undefined || ticket.resourceId === asked.resource) &&
    (asked.queue === undefined || ticket.queueId === asked.queue)
  const filtered = all.filter(matches)
  const filtering = asked.company !== undefined || asked.resource !== undefined || asked.queue !== undefined
  const recomputable = drill.recompute === true
  // The KPI's computation gets its query's rows of the filtered tickets, unjudged ones included: it leaves those out itself.
  const filteredValue =
    filtering && recomputable ? valueOf(recompute(rows.filter((raw) => matches(contextOf(raw))))) : null
  const sorted = filtered.sort(
    (a, b) =>
      Number(b.bad) - Number(a.bad) ||
      (b.date ?? '').localeCompare(a.date ?? '') ||
      (a.ticketId ?? 0) - (b.ticketId ?? 0) ||
      (a.recordId ?? 0) - (b.recordId ?? 0),
  )
  return {
    kpi: kpi.id,
    title: target.title ?? result.title,
    unit: kpi.unit,
    window: {
      preset: window.preset,
      from: window.dates.from,
      to: window.dates.to,
      words: windowWords(window, kpi.window[lang], lang),
    },
    value: valueOf(result),
    status: result.status,
    target: result.kind === 'list' ? (kpi.band?.target ?? null) : result.target,
    filteredValue,
    recomputable,
    total: sorted.length,
    cap: DRILL_ROW_CAP,
    rows: sorted.slice(0, DRILL_ROW_CAP),
    companies: optionsOf(
      all,
      (row) => row.companyId,
      (row) => row.companyName ?? `#${row.companyId}`,
    ),
    resources: optionsOf(
      all,
      (row) => row.resourceId,
      (row) => row.resourceName ?? `#${row.resourceId}`,
    ),
    queues: optionsOf(
      all,
      (row) => row.queueId,
      (row) => row.queueLabel ?? `#${row.queueId}`,
    ),
    dataAsOf: result.asOf,
    psa: linkTo?.psa ?? null,
  }
}
