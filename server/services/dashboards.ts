import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import {
  type EvaluateOptions,
  findKpi,
  type Generation,
  KpiError,
  type KpiEngine,
  resolveBand,
  resolveParams,
} from '../../kpi-library/engine.js'
import { localDate } from '../../kpi-library/time.js'
import type { Band, KpiResult, Lang } from '../../kpi-library/types.js'
import { DEFAULT_ROLES, DEFAULT_STRIP, wallTitle } from '../defaults.js'
import { badRequest, conflict, notFound } from '../errors.js'
import type {
  Dashboard,
  Goal,
  GoalInput,
  GoalPath,
  GoalPathInput,
  Tile,
  TileInput,
  TileResult,
  TileSize,
  WallData,
  WallGoal,
  WallPath,
  WallTile,
} from '../wire/dashboards.js'
import { activeTakes, withActiveTakes } from './acks.js'
import { recentTrends } from './history/trends.js'
import { seriesKey } from './history/store.js'
import { bandOnPath, pathWeeks, periodDates } from './goal-path.js'

/** Checks a tile against the library: known KPI, valid parameters, a target band that makes sense. */
export function validateTile(input: TileInput): void {
  const kpi = findKpi(input.kpi)
  if (!kpi) throw badRequest(`unknown KPI "${input.kpi}"`)
  try {
    resolveParams(kpi, input.params ?? {})
    const band: { target?: number; warn?: number } = {}
    if (input.target !== undefined && input.target !== null) band.target = input.target
    if (input.warn !== undefined && input.warn !== null) band.warn = input.warn
    resolveBand(kpi, band)
  } catch (error) {
    if (error instanceof KpiError) throw badRequest(error.message)
    throw error
  }
}

/** Installs the built-in roles, their dashboards and the company strip, once. */
export async function installDefaults(db: Kysely<Database>, now: string): Promise<void> {
  const existing = await db.selectFrom('role').select('id').execute()
  const have = new Set(existing.map((row) => row.id))
  await db.transaction().execute(async (trx) => {
    for (const role of DEFAULT_ROLES) {
      if (have.has(role.id)) continue
      await trx
        .insertInto('role')
        .values({ id: role.id, name_en: role.name.en, name_nl: role.name.nl, builtin: 1, created_at: now })
        .execute()
      const dashboard = await trx
        .insertInto('dashboard')
        .values({ role: role.id, title: role.title.en, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      const tiles = role.tiles.filter((id) => findKpi(id))
      for (const [position, kpi] of tiles.entries()) {
        await trx
          .insertInto('dashboard_tile')
          .values({ dashboard_id: dashboard.id, position, kpi_id: kpi, target: null, warn: null })
          .execute()
      }
    }
    if (existing.length === 0) {
      for (const [position, goal] of DEFAULT_STRIP.filter((g) => findKpi(g.kpi)).entries()) {
        await trx
          .insertInto('company_goal')
          .values({ position, kpi_id: goal.kpi, target: goal.target ?? null, warn: goal.warn ?? null })
          .execute()
      }
    }
  })
}

export async function listRoles(db: Kysely<Database>) {
  return db
    .selectFrom('role')
    .leftJoin('dashboard', 'dashboard.role', 'role.id')
    .select([
      'role.id',
      'role.name_en',
      'role.name_nl',
      'role.builtin',
      'dashboard.id as dashboardId',
      'dashboard.title',
    ])
    .orderBy('role.created_at')
    .orderBy('dashboard.id')
    .execute()
}

export async function createRole(
  db: Kysely<Database>,
  input: { id: string; name: { en: string; nl: string } },
  now: string,
): Promise<void> {
  const existing = await db.selectFrom('role').select('id').where('id', '=', input.id).executeTakeFirst()
  if (existing) throw conflict(`the role "${input.id}" exists already`)
  await db
    .insertInto('role')
    .values({ id: input.id, name_en: input.name.en, name_nl: input.name.nl, builtin: 0, created_at: now })
    .execute()
}

/** Renames a role (either kind: a built-in role's name is the owner's to choose too). */
export async function renameRole(db: Kysely<Database>, id: string, name: { en: string; nl: string }): Promise<void> {
  const result = await db
    .updateTable('role')
    .set({ name_en: name.en, name_nl: name.nl })
    .where('id', '=', id)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw notFound(`there is no role "${id}"`)
}

/**
 * Deletes a custom role with its dashboard; its wall links are revoked, so a TV showing it says so
 * instead of "not found". Built-in roles stay: packages, KPIs and personal lists are made for them.
 */
export async function deleteRole(db: Kysely<Database>, id: string, now: string): Promise<{ revokedLinks: number }> {
  const role = await db.selectFrom('role').select(['id', 'builtin']).where('id', '=', id).executeTakeFirst()
  if (!role) throw notFound(`there is no role "${id}"`)
  if (role.builtin === 1)
    throw conflict(`"${id}" is a built-in role and cannot be deleted; change its dashboard instead`)
  return db.transaction().execute(async (trx) => {
    const revoked = await trx
      .updateTable('access_token')
      .set({ revoked_at: now })
      .where('kind', '=', 'wall')
      .where('role', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    await trx.deleteFrom('role').where('id', '=', id).execute()
    return { revokedLinks: Number(revoked.numUpdatedRows) }
  })
}

/** Creates the single dashboard of a role; a second one is refused and the first named. */
export async function createDashboard(
  db: Kysely<Database>,
  role: string,
  title: string,
  tiles: TileInput[],
  now: string,
): Promise<Dashboard> {
  const found = await db.selectFrom('role').select('id').where('id', '=', role).executeTakeFirst()
  if (!found) throw notFound(`there is no role "${role}"`)
  const existing = await db.selectFrom('dashboard').select(['id', 'title']).where('role', '=', role).executeTakeFirst()
  if (existing)
    throw conflict(
      `the role "${role}" already has its dashboard ("${existing.title}", id ${existing.id}); each role has exactly one: change that one instead`,
    )
  tiles.forEach(validateTile)
  await db.transaction().execute(async (trx) => {
    const dashboard = await trx
      .insertInto('dashboard')
      .values({ role, title, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await writeTiles(trx, dashboard.id, tiles.map(asWrite))
  })
  return (await getDashboard(db, role))!
}

/** A role's dashboard's id and version (every edit bumps it): what tells a cached wall it is out of date. */
export async function dashboardVersion(db: Kysely<Database>, role: string) {
  return db.selectFrom('dashboard').select(['id', 'version']).where('role', '=', role).executeTakeFirst()
}

export async function getDashboard(db: Kysely<Database>, role: string): Promise<Dashboard | null> {
  const row = await db
    .selectFrom('dashboard')
    .innerJoin('role', 'role.id', 'dashboard.role')
    .select([
      'dashboard.id',
      'dashboard.role',
      'dashboard.title',
      'dashboard.version',
      'dashboard.updated_at',
      'role.name_en',
      'role.name_nl',
    ])
    .where('dashboard.role', '=', role)
    .executeTakeFirst()
  if (!row) return null
  const tiles = await db
    .selectFrom('dashboard_tile')
    .selectAll()
    .where('dashboard_id', '=', row.id)
    .orderBy('position')
    .execute()
  return {
    id: row.id,
    role: row.role,
    roleName: { en: row.name_en, nl: row.name_nl },
    title: row.title,
    version: row.version,
    updatedAt: row.updated_at,
    tiles: tiles.map((tile) => ({
      id: tile.id,
      position: tile.position,
      kpi: tile.kpi_id,
      params: JSON.parse(tile.params),
      target: tile.target,
      warn: tile.warn,
      size: tile.size as TileSize,
      title: tile.title,
    })),
  }
}

export async function requireDashboard(db: Kysely<Database>, role: string): Promise<Dashboard> {
  const dashboard = await getDashboard(db, role)
  if (!dashboard) throw notFound(`the role "${role}" has no dashboard`)
  return dashboard
}

/** A tile as written, every field spelled out. Left out, `packageKey` keeps the tile's package link (a builder edit). */
export type TileWrite = Omit<Tile, 'id' | 'position'> & { id?: number; packageKey?: string | null }

/**
 * Writes a dashboard's ordered tiles, for the builder and for packages alike. Tiles that carry their id keep it, so
 * the builder and package upgrades can follow them across edits; the dashboard's other tiles go.
 */
export async function writeTiles(db: Kysely<Database>, dashboardId: number, tiles: TileWrite[]): Promise<void> {
  const kept = tiles.flatMap((tile) => (tile.id === undefined ? [] : [tile.id]))
  let remove = db.deleteFrom('dashboard_tile').where('dashboard_id', '=', dashboardId)
  if (kept.length > 0) remove = remove.where('id', 'not in', kept)
  await remove.execute()
  for (const [position, tile] of tiles.entries()) {
    const { id, kpi, params, target, warn, size, title, packageKey } = tile
    const link = packageKey === undefined ? {} : { package_key: packageKey }
    const row = { position, kpi_id: kpi, params: JSON.stringify(params), target, warn, size, title, ...link }
    if (id === undefined)
      await db
        .insertInto('dashboard_tile')
        .values({ dashboard_id: dashboardId, ...row })
        .execute()
    else {
      // Only a tile of this dashboard: an id from elsewhere changes nothing.
      await db
        .updateTable('dashboard_tile')
        .set(row)
        .where('id', '=', id)
        .where('dashboard_id', '=', dashboardId)
        .execute()
    }
  }
}

/** A tile's KPI, parameters, band and size, the left-out ones spelled out as their defaults. */
export const withTileDefaults = (tile: TileInput) => ({
  kpi: tile.kpi,
  params: tile.params ?? {},
  target: tile.target ?? null,
  warn: tile.warn ?? null,
  size: tile.size ?? 'm',
})

/** A builder's tile as written: a blank title is the KPI's. */
const asWrite = (tile: TileInput & { id?: number }): TileWrite => ({
  id: tile.id,
  ...withTileDefaults(tile),
  title: tile.title?.trim() || null,
})

/** Replaces the title and the ordered tiles of a role's dashboard in one transaction. */
export async function updateDashboard(
  db: Kysely<Database>,
  role: string,
  change: { title?: string; tiles?: Array<TileInput & { id?: number }> },
  now: string,
): Promise<Dashboard> {
  const dashboard = await requireDashboard(db, role)
  change.tiles?.forEach(validateTile)
  await db.transaction().execute(async (trx) => {
    if (change.tiles) await writeTiles(trx, dashboard.id, change.tiles.map(asWrite))
    await trx
      .updateTable('dashboard')
      .set((eb) => ({ title: change.title ?? dashboard.title, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', dashboard.id)
      .execute()
  })
  return (await getDashboard(db, role))!
}

const asInput = (tile: Tile): TileInput & { id: number } => ({
  id: tile.id,
  kpi: tile.kpi,
  params: tile.params,
  target: tile.target,
  warn: tile.warn,
  size: tile.size,
  title: tile.title,
})

export async function addTile(
  db: Kysely<Database>,
  role: string,
  tile: TileInput,
  position: number | undefined,
  now: string,
): Promise<Dashboard> {
  const dashboard = await requireDashboard(db, role)
  const tiles: Array<TileInput & { id?: number }> = dashboard.tiles.map(asInput)
  tiles.splice(position === undefined ? tiles.length : Math.min(Math.max(position, 0), tiles.length), 0, tile)
  return updateDashboard(db, role, { tiles }, now)
}

export async function changeTile(
  db: Kysely<Database>,
  role: string,
  tileId: number,
  change: Partial<TileInput> & { position?: number },
  now: string,
): Promise<Dashboard> {
  const dashboard = await requireDashboard(db, role)
  const index = dashboard.tiles.findIndex((tile) => tile.id === tileId)
  if (index < 0) throw notFound(`the ${role} dashboard has no tile ${tileId}`)
  const tiles = dashboard.tiles.map(asInput)
  const [current] = tiles.splice(index, 1)
  const next = { ...current!, ...Object.fromEntries(Object.entries(change).filter(([key]) => key !== 'position')) }
  const position = change.position === undefined ? index : Math.min(Math.max(change.position, 0), tiles.length)
  tiles.splice(position, 0, next)
  return updateDashboard(db, role, { tiles }, now)
}

export async function removeTile(db: Kysely<Database>, role: string, tileId: number, now: string): Promise<Dashboard> {
  const dashboard = await requireDashboard(db, role)
  if (!dashboard.tiles.some((tile) => tile.id === tileId)) throw notFound(`the ${role} dashboard has no tile ${tileId}`)
  return updateDashboard(db, role, { tiles: dashboard.tiles.filter((tile) => tile.id !== tileId).map(asInput) }, now)
}

/** A goal's path as stored, with the period's dates and the expected value per week; null without a period. */
export function pathOf(row: {
  path_period: string | null
  path_start: number | null
  target: number | null
}): GoalPath | null {
  if (row.path_period === null || row.path_start === null || row.target === null) return null
  const spec = { period: row.path_period, start: row.path_start, target: row.target }
  return { period: spec.period, start: spec.start, ...periodDates(spec.period), weeks: pathWeeks(spec) }
}

export async function getStrip(db: Kysely<Database>): Promise<Goal[]> {
  const goals = await db.selectFrom('company_goal').selectAll().orderBy('position').execute()
  return goals.map((goal) => ({
    id: goal.id,
    position: goal.position,
    kpi: goal.kpi_id,
    params: JSON.parse(goal.params),
    target: goal.target,
    warn: goal.warn,
    path: pathOf(goal),
  }))
}

/** Checks a goal as a tile, and its path: one needs a target to run to and a KPI where higher or lower is better. */
export function validateGoal(goal: GoalInput): void {
  validateTile(goal)
  if (!goal.path) return
  const kpi = findKpi(goal.kpi)!
  if (goal.target === undefined || goal.target === null)
    throw badRequest(`${goal.kpi}: a path runs to the goal's target, so it needs one`)
  if (kpi.kind === 'list' || kpi.direction === 'neutral')
    throw badRequest(`${goal.kpi}: a path needs a KPI where higher or lower is better`)
}

/** The path columns of a goal as written: both null without one. */
export const pathColumns = (path: GoalPathInput | null | undefined) => ({
  path_period: path?.period ?? null,
  path_start: path?.start ?? null,
})

export async function setStrip(db: Kysely<Database>, goals: GoalInput[]): Promise<void> {
  if (goals.length > 8)
    throw badRequest('the company strip holds at most 8 goals: the whole company should know them by heart')
  goals.forEach(validateGoal)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('company_goal').execute()
    for (const [position, goal] of goals.entries()) {
      await trx
        .insertInto('company_goal')
        .values({
          position,
          kpi_id: goal.kpi,
          params: JSON.stringify(goal.params ?? {}),
          target: goal.target ?? null,
          warn: goal.warn ?? null,
          ...pathColumns(goal.path),
        })
        .execute()
    }
  })
}

/**
 * Where a goal's path stands today, and the band around it that judges the goal (and tiles of the same series). A
 * goal the library no longer takes (its band refused) has none: it shows as it would without a path.
 */
/** Where each goal with a path stands today, by `seriesKey`: what judges the goal and every tile of its series. */
export function goalPaths(engine: KpiEngine, strip: Goal[]) {
  return new Map(strip.map((goal) => [seriesKey(goal), pathToday(engine, goal)]))
}

function pathToday(engine: KpiEngine, goal: Goal): { band: Band; path: Omit<WallPath, 'consequence'> } | null {
  const kpi = findKpi(goal.kpi)
  if (!goal.path || !kpi || goal.target === null) return null
  // The amber line as the goal resolves it (its own, or the KPI's default): its distance to the target is kept.
  let band: Band | null
  try {
    band = resolveBand(kpi, { target: goal.target, ...(goal.warn === null ? {} : { warn: goal.warn }) })
  } catch {
    return null
  }
  if (!band) return null
  const { now, tz } = engine.clock()
  const spec = { period: goal.path.period, start: goal.path.start, target: goal.target }
  // The day that has begun before now: a weekly review evaluated as of Monday 00:00 reads the path at the end of
  // the Sunday its week ended on, as the builder lists it; a wall at any other moment reads today.
  const onPath = bandOnPath(spec, band.warn, kpi.direction, localDate(new Date(now.getTime() - 1), tz))
  return {
    band: onPath,
    path: { period: spec.period, expected: onPath.target, end: goal.path.to, target: goal.target },
  }
}

/** A dashboard with every tile evaluated, list rows marked with who took them, and the age of the data. */
export async function evaluateDashboard(
  db: Kysely<Database>,
  engine: KpiEngine,
  role: string,
  options: { lang: Lang; me?: number | null; maxRows?: number },
): Promise<WallData> {
  // A wall shows a handful of rows per list and "and N more": the count stays whole, the rows are capped.
  const maxRows = options.maxRows ?? 30
  const dashboard = await requireDashboard(db, role)
  const strip = await getStrip(db)
  const generation = await engine.generation()
  const takes = await activeTakes(db)
  // Goals with a path judge themselves, and every tile of the same KPI and parameters, against it (issue 15).
  const paths = goalPaths(engine, strip)
  const evaluate = async (tile: {
    kpi: string
    params: Record<string, unknown>
    target: number | null
    warn: number | null
  }): Promise<{ result: TileResult; path: WallPath | null }> => {
    const { onPath, band } = bandOf(paths, tile)
    try {
      const evaluation = { role, me: options.me ?? null, params: tile.params, band, lang: options.lang }
      const result = await engine.evaluate(tile.kpi, evaluation, generation)
      const path = onPath
        ? { ...onPath.path, consequence: await priceOf(engine, result, evaluation, onPath.band, generation) }
        : null
      return {
        path,
        result: withActiveTakes(
          result.kind === 'list' && result.rows.length > maxRows
            ? { ...result, rows: result.rows.slice(0, maxRows) }
            : result,
          takes,
        ),
      }
    } catch (error) {
      return {
        path: null,
        result: {
          id: tile.kpi,
          kind: 'error' as const,
          message: error instanceof Error ? error.message : 'evaluation failed',
        },
      }
    }
  }
  const tiles: WallTile[] = []
  const freshness = (kpi: string) => findKpi(kpi)?.freshnessMinutes ?? null
  const trends = await recentTrends(db, dashboard.tiles, engine.clock())
  for (const tile of dashboard.tiles) {
    const { result, path } = await evaluate(tile)
    const trend = result.kind === 'error' ? undefined : trends.get(seriesKey(tile))
    // The owner's title replaces the KPI's in every language.
    tiles.push({
      tileId: tile.id,
      size: tile.size,
      freshnessMinutes: freshness(tile.kpi),
      result: tile.title && result.kind !== 'error' ? { ...result, title: tile.title } : result,
      ...(path ? { path } : {}),
      ...(trend ? { trend } : {}),
    })
  }
  const goals: WallGoal[] = []
  for (const goal of strip)
    goals.push({ goalId: goal.id, freshnessMinutes: freshness(goal.kpi), ...(await evaluate(goal)) })
  return {
    role: dashboard.role,
    roleName: dashboard.roleName[options.lang],
    title: wallTitle(dashboard.role, dashboard.title, options.lang),
    version: dashboard.version,
    lang: options.lang,
    dataAsOf: generation.asOf,
    dataAgeSeconds: generation.asOf ? Math.max(0, Math.round((Date.now() - Date.parse(generation.asOf)) / 1000)) : null,
    strip: goals,
    tiles,
  }
}

/** What the result's shortfall against the path costs, where its KPI can price it. */
async function priceOf(
  engine: KpiEngine,
  result: KpiResult,
  evaluation: EvaluateOptions,
  band: Band,
  generation: Generation,
) {
  if (result.kind === 'list' || result.value === null) return null
  const kpi = findKpi(result.id)!
  const gap = kpi.direction === 'lower' ? result.value - band.target : band.target - result.value
  return engine.consequence(result.id, evaluation, gap, generation)
}

/**
 * The band a tile (or goal) is judged by, the one rule of the wall and its drill-down: a company goal's path where
 * one runs over the same KPI and parameters, else the tile's own target and amber line.
 */
export function bandOf(
  paths: ReturnType<typeof goalPaths>,
  tile: { kpi: string; params: Record<string, unknown>; target: number | null; warn: number | null },
) {
  const onPath = paths.get(seriesKey(tile)) ?? null
  const band: { target?: number; warn?: number } = onPath ? { ...onPath.band } : {}
  if (!onPath && tile.target !== null) band.target = tile.target
  if (!onPath && tile.warn !== null) band.warn = tile.warn
  return { onPath, band }
}
