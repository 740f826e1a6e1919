import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { findKpi, type KpiEngine } from '../../../kpi-library/engine.js'
import type { Lang, ListResult } from '../../../kpi-library/wire-types.js'
import { badRequest, notFound } from '../../errors.js'
import { rowKeyOf } from '../acks.js'

// The action list a nudge watches: a dashboard tile's KPI as that tile evaluates it (its role, its parameters),
// each row with the key acknowledgements use, so "acknowledged" and "posted" speak of the same row.

export interface WatchedTile {
  tileId: number
  kpi: string
  role: string
  params: Record<string, unknown>
  /** The title the owner typed, or null: the KPI's own. */
  title: string | null
}

export interface KeyedRow {
  key: string
  row: Record<string, unknown>
}

/** What a rule watches: the tile's KPI and parameters; when they change, the list shows other rows. */
export function watchingOf(tile: Pick<WatchedTile, 'kpi' | 'params'>): string {
  return JSON.stringify([tile.kpi, tile.params])
}

/** Each nudge rule with its tile and the tile's dashboard: what every query about rules starts from. */
export function rulesWithTiles(db: Kysely<Database>) {
  return db
    .selectFrom('nudge_rule')
    .innerJoin('dashboard_tile', 'dashboard_tile.id', 'nudge_rule.tile_id')
    .innerJoin('dashboard', 'dashboard.id', 'dashboard_tile.dashboard_id')
}

/** A tile that exists and shows an action list; a 404 or a clear 400 otherwise. */
export async function watchedTile(db: Kysely<Database>, tileId: number): Promise<WatchedTile> {
  const tile = await db
    .selectFrom('dashboard_tile')
    .innerJoin('dashboard', 'dashboard.id', 'dashboard_tile.dashboard_id')
    .select([
      'dashboard_tile.id',
      'dashboard_tile.kpi_id',
      'dashboard_tile.params',
      'dashboard_tile.title',
      'dashboard.role',
    ])
    .where('dashboard_tile.id', '=', tileId)
    .executeTakeFirst()
  if (!tile) throw notFound(`there is no tile ${tileId}`)
  const kpi = findKpi(tile.kpi_id)
  if (kpi?.kind !== 'list' || !kpi.action)
    throw badRequest(`tile ${tileId} shows ${tile.kpi_id}, which is not an action list: only action lists nudge`)
  return {
    tileId: tile.id,
    kpi: tile.kpi_id,
    role: tile.role,
    params: JSON.parse(tile.params) as Record<string, unknown>,
    title: tile.title,
  }
}

/** The tile's list now, keyed; null when the tile no longer shows an action list (its KPI was changed). */
export async function tileRows(
  engine: KpiEngine,
  tile: WatchedTile,
  lang: Lang,
): Promise<{ result: ListResult; rows: KeyedRow[] } | null> {
  const result = await engine.evaluate(tile.kpi, { role: tile.role, me: null, params: tile.params, lang })
  if (result.kind !== 'list') return null
  return { result, rows: result.rows.map((row) => ({ key: rowKeyOf(row), row })) }
}

/** The keys of the rows of `kpi` someone acknowledged (took or resolved) and did not undo: never posted. */
export async function acknowledgedKeys(db: Kysely<Database>, kpi: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('acknowledgement')
    .select('row_key')
    .where('kpi_id', '=', kpi)
    .where('undone_at', 'is', null)
    .execute()
  return new Set(rows.map((row) => row.row_key))
}
