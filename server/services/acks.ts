import type { Kysely, Selectable } from 'kysely'
import type { AcknowledgementTable, Database } from '../../db/schema.js'
import { isUniqueViolation } from '../../db/sqlite.js'
import { type EvaluateOptions, findKpi, type KpiEngine } from '../../kpi-library/engine.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { badRequest, conflict, forbidden, HttpError, notFound } from '../errors.js'
import type { AckInput, AckRecord, RowAck, ServedResult } from '../wire/acks.js'
import { personName, type Principal } from './access.js'

// What a tap on an action row means is the KPI's `action.ack`:
// - none: nobody taps a risk row away (it leaves when the PSA shows the change);
// - take: "I'm on it": the row stays on every screen, carrying who took it (withActiveTakes);
// - resolve: a note, and the KPI itself leaves the row out while the ack is active (csat_low_callback).
// An undo keeps the record in the log; one active ack per (kpi, row), enforced by a unique index.

// Rows are matched across evaluations by a key built from the ids the row is about, so an
// acknowledgement survives re-syncs and restarts.
const KEY_FIELDS = [
  'surveyId',
  'ticketId',
  'entryId',
  'timeEntryId',
  'contractId',
  'companyId',
  'resourceId',
  'date',
  'dateWorked',
]

/** A row's key: what a tap sends and an acknowledgement stores (nudges remember the rows they posted by it too). */
export function rowKeyOf(row: Record<string, unknown>): string {
  if (typeof row.rowKey === 'string') return row.rowKey
  const parts = KEY_FIELDS.filter((field) => row[field] !== undefined && row[field] !== null).map(
    (field) => `${field}=${row[field]}`,
  )
  return parts.length > 0 ? parts.join(';') : JSON.stringify(row)
}

/** Active takes per KPI, per row key. */
export type ActiveTakes = Map<string, Map<string, RowAck>>

/** Every active take, in one query: read once per evaluation batch (a wall, a phone page). */
export async function activeTakes(db: Kysely<Database>): Promise<ActiveTakes> {
  const rows = await db
    .selectFrom('acknowledgement')
    .select(['id', 'kpi_id', 'row_key', 'by_name', 'by_resource_id', 'created_at', 'note'])
    .where('mode', '=', 'take')
    .where('undone_at', 'is', null)
    .execute()
  const takes: ActiveTakes = new Map()
  for (const row of rows) {
    const byKey = takes.get(row.kpi_id) ?? new Map<string, RowAck>()
    byKey.set(row.row_key, {
      id: row.id,
      mode: 'take',
      by: row.by_name,
      byResourceId: row.by_resource_id,
      at: row.created_at,
      note: row.note,
    })
    takes.set(row.kpi_id, byKey)
  }
  return takes
}

/** Gives each row of an action list its key (what a tap sends) and its active take; count, status and sentence stay as they are. */
export function withActiveTakes(result: KpiResult, takes: ActiveTakes): ServedResult {
  if (result.kind !== 'list') return result
  const taken = takes.get(result.id)
  const rows = result.rows.map((row) => {
    const rowKey = rowKeyOf(row)
    return { ...row, rowKey, ack: taken?.get(rowKey) ?? null }
  })
  return { ...result, rows }
}

/** An acknowledgement as the API answers it (the log, a tap, an undo). */
function ackRecord(ack: Selectable<AcknowledgementTable>): AckRecord {
  return {
    id: ack.id,
    kpi: ack.kpi_id,
    rowKey: ack.row_key,
    mode: ack.mode,
    action: ack.action,
    note: ack.note,
    by: ack.by_name,
    byKind: ack.by_kind,
    byResourceId: ack.by_resource_id,
    resourceId: ack.resource_id,
    at: ack.created_at,
    undoneAt: ack.undone_at,
    undoneBy: ack.undone_by,
    row: JSON.parse(ack.row) as Record<string, unknown>,
  }
}

type Actor = Exclude<Principal, { kind: 'wall' }>

function refuseWall(principal: Principal): Actor {
  if (principal.kind === 'wall') throw forbidden('a wall screen is read-only')
  return principal
}

/** Who acted, as walls and the log name them: a person by their name in the PSA (their link's name if the PSA has none). */
async function actorName(db: Kysely<Database>, actor: Actor): Promise<string> {
  if (actor.kind === 'admin') return actor.name
  const person = await db
    .selectFrom('resource')
    .select(['first_name', 'last_name'])
    .where('id', '=', actor.resourceId)
    .executeTakeFirst()
  return (person && personName(person)) || actor.name
}

/**
 * Where the actor saw the row. A person: their phone's view, then the whole list (a row of nobody's,
 * such as an unassigned ticket, is on no personal list). The admin: the whole list, the phone view of
 * the person the row's key names (a top-5 list differs per person), then the list as each wall tile
 * shows it (a tile may set its own parameters).
 */
async function viewsOf(db: Kysely<Database>, kpi: string, rowKey: string, actor: Actor): Promise<EvaluateOptions[]> {
  if (actor.kind === 'person')
    return [
      { role: 'engineer', me: actor.resourceId },
      { role: 'engineer', me: null },
    ]
  const person = /(?:^|;)resourceId=(\d+)(?:;|$)/.exec(rowKey)
  const tiles = await db
    .selectFrom('dashboard_tile')
    .innerJoin('dashboard', 'dashboard.id', 'dashboard_tile.dashboard_id')
    .select(['dashboard.role', 'dashboard_tile.params'])
    .where('dashboard_tile.kpi_id', '=', kpi)
    .where('dashboard_tile.params', '!=', '{}')
    .execute()
  return [
    { role: 'owner', me: null },
    ...(person ? [{ role: 'engineer', me: Number(person[1]) }] : []),
    ...tiles.map((tile) => ({ role: tile.role, me: null, params: JSON.parse(tile.params) as Record<string, unknown> })),
  ]
}

async function rowOnList(
  db: Kysely<Database>,
  engine: KpiEngine,
  kpi: string,
  rowKey: string,
  actor: Actor,
): Promise<Record<string, unknown>> {
  for (const view of await viewsOf(db, kpi, rowKey, actor)) {
    const result = await engine.evaluate(kpi, view)
    const row = result.kind === 'list' ? result.rows.find((candidate) => rowKeyOf(candidate) === rowKey) : undefined
    if (row) return row
  }
  throw notFound(`that row is not on the ${kpi} list (any more)`)
}

/** The 409 for a row that has an active ack, naming who; null when it has none. */
async function activeConflict(db: Kysely<Database>, kpi: string, rowKey: string): Promise<HttpError | null> {
  const active = await db
    .selectFrom('acknowledgement')
    .select(['mode', 'action', 'by_name', 'created_at'])
    .where('kpi_id', '=', kpi)
    .where('row_key', '=', rowKey)
    .where('undone_at', 'is', null)
    .executeTakeFirst()
  if (!active) return null
  return conflict(
    active.mode === 'take'
      ? `${active.by_name} is already on that row (since ${active.created_at})`
      : `${active.by_name} already marked that row "${active.action}" (at ${active.created_at})`,
  )
}

/**
 * A tap on an action row. The admin may ack any row; a person a row of theirs or of nobody's (no
 * `resourceId`); a wall never. The row must have no active ack and be on the list now.
 */
export async function acknowledge(
  db: Kysely<Database>,
  engine: KpiEngine,
  principal: Principal,
  input: AckInput,
  now: Date,
): Promise<AckRecord> {
  const actor = refuseWall(principal)
  const kpi = findKpi(input.kpi)
  if (!kpi) throw badRequest(`unknown KPI "${input.kpi}"`)
  if (kpi.kind !== 'list' || !kpi.action) throw badRequest(`${kpi.id} is not an action list`)
  const mode = kpi.action.ack
  if (mode === 'none')
    throw badRequest(`a row of ${kpi.id} cannot be marked: it leaves the list once the change reaches roleboard`)
  const note = input.note?.trim() || null
  const done = kpi.action.done?.en ?? kpi.action.verb.en
  if (mode === 'resolve' && !note) throw badRequest(`"${done}" needs a note: what was said or agreed`)
  // Before looking for the row: a resolved row is off the list, and the answer should say who resolved it.
  const taken = await activeConflict(db, kpi.id, input.rowKey)
  if (taken) throw taken
  const row = await rowOnList(db, engine, kpi.id, input.rowKey, actor)
  const owner = typeof row.resourceId === 'number' ? row.resourceId : null
  if (actor.kind === 'person' && owner !== null && owner !== actor.resourceId)
    throw forbidden("that row is someone else's: you can mark your own rows and rows of nobody's")
  const values = {
    kpi_id: kpi.id,
    row_key: input.rowKey,
    mode,
    action: input.action ?? (mode === 'resolve' ? done : kpi.action.verb.en),
    note,
    by_kind: actor.kind,
    by_name: await actorName(db, actor),
    by_resource_id: actor.kind === 'person' ? actor.resourceId : null,
    resource_id: owner,
    row: JSON.stringify(row),
    created_at: now.toISOString(),
  }
  try {
    return ackRecord(await db.insertInto('acknowledgement').values(values).returningAll().executeTakeFirstOrThrow())
  } catch (error) {
    // Two taps raced past the check above: the unique index let one in.
    if (isUniqueViolation(error))
      throw (
        (await activeConflict(db, kpi.id, input.rowKey)) ?? conflict('someone else marked that row at the same moment')
      )
    throw error
  }
}

/** Undoes an ack: by the admin or by the person who made it. The record stays in the log. */
export async function undoAck(db: Kysely<Database>, principal: Principal, id: number, now: Date): Promise<AckRecord> {
  const actor = refuseWall(principal)
  const ack = await db.selectFrom('acknowledgement').selectAll().where('id', '=', id).executeTakeFirst()
  if (!ack) throw notFound(`there is no acknowledgement ${id}`)
  if (actor.kind === 'person' && ack.by_resource_id !== actor.resourceId)
    throw forbidden('only the person who made it, or the administrator, can undo it')
  if (ack.undone_at) throw conflict(`acknowledgement ${id} was undone already, by ${ack.undone_by} at ${ack.undone_at}`)
  const undone = await db
    .updateTable('acknowledgement')
    .set({ undone_at: now.toISOString(), undone_by: await actorName(db, actor) })
    .where('id', '=', id)
    .where('undone_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
  // Two undos raced: the other one won.
  if (!undone) throw conflict(`acknowledgement ${id} was undone already`)
  return ackRecord(undone)
}

/** The log, newest first, undone ones included. */
export async function ackLog(db: Kysely<Database>, filter: { kpi?: string; limit?: number }): Promise<AckRecord[]> {
  let query = db
    .selectFrom('acknowledgement')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
  if (filter.kpi) query = query.where('kpi_id', '=', filter.kpi)
  return (await query.execute()).map(ackRecord)
}
