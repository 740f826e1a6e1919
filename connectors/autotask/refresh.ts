import type { DbHandle } from '../../db/index.js'
import type { PageWrite } from '../../db/store.js'
import type { WebhookEntity } from './callout.js'
import type { AutotaskClient } from './client.js'
import { specFor } from './entities.js'
import type { BudgetGovernor } from './governor.js'
import {
  asSyncError,
  chunked,
  deletedEntry,
  fieldsToAsk,
  forgetVocabulary,
  mapPage,
  vocabularyFor,
  OPEN_IDS_PER_QUERY,
  PSA,
  readThreshold,
} from './sync.js'

// A webhook says a record changed; what it changed to is read here, from Autotask itself: the callout's fields are
// partial and may be old by the time they arrive (a later change, a retry), the record as Autotask answers now is
// not. Ids Autotask no longer returns were deleted there and go here too.

export interface RefreshOptions {
  handle: DbHandle
  client: AutotaskClient
  governor: BudgetGovernor
  now?: () => Date
  secrets?: readonly string[]
}

export interface RefreshSummary {
  ok: boolean
  /** Records Autotask returned. */
  records: number
  /** Rows inserted or changed, plus rows deleted. */
  changed: number
  error?: string
}

/**
 * Reads `ids` of `entity` again (at most 400 per query), upserts what comes back and deletes what does not, each
 * chunk in one transaction, and records the pass as a finished `sync_run` of kind 'webhook' so screens move on.
 */
export async function refreshRecords(
  options: RefreshOptions,
  entity: WebhookEntity,
  ids: readonly number[],
): Promise<RefreshSummary> {
  const now = options.now ?? (() => new Date())
  const { db } = options.handle
  const spec = specFor(entity)
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0).sort((a, b) => a - b)
  const run = await db
    .insertInto('sync_run')
    .values({ psa: PSA, kind: 'webhook', started_at: now().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  const requestsBefore = options.governor.requestsMade
  forgetVocabulary(options)
  let records = 0
  let changed = 0
  let error: string | undefined
  try {
    const fields = await fieldsToAsk(options, spec)
    for (const chunk of chunked(wanted, OPEN_IDS_PER_QUERY)) {
      await readThreshold(options)
      const page = await options.client.query(spec.entity, {
        filter: [{ op: 'in', field: 'id', value: chunk }],
        IncludeFields: fields,
        MaxRecords: 500,
      })
      const syncedAt = now().toISOString()
      const upsert = mapPage(spec, page.items, syncedAt, await vocabularyFor(options, spec))
      const returned = new Set(upsert.rows.map((row) => row[0] as number))
      const missing = chunk.filter((id) => !returned.has(id))
      const local = missing.length
        ? (
            await db.selectFrom(spec.table).select('id').where('psa', '=', PSA).where('id', 'in', missing).execute()
          ).map((row) => row.id)
        : []
      const write: PageWrite = {
        upserts: [upsert],
        deletes: [{ table: spec.table, ids: local }],
        deletedLog: local.map((id) => deletedEntry(spec.entity, id, null, null, 'deleted at the source', syncedAt)),
      }
      // A deleted ticket takes its time entries, notes and SLA result along, as the deletion log's pass does.
      if (spec.table === 'ticket') write.deleteTicketDependents = local
      const result = await options.handle.store.writePage(write)
      records += page.items.length
      changed += result.changed + result.deleted
    }
  } catch (caught) {
    error = asSyncError(caught, options.secrets).message
  }
  await db
    .updateTable('sync_run')
    .set({
      finished_at: now().toISOString(),
      ok: error ? 0 : 1,
      error: error ?? null,
      requests: options.governor.requestsMade - requestsBefore,
      records,
      changed,
    })
    .where('id', '=', run.id)
    .execute()
  return { ok: !error, records, changed, ...(error ? { error } : {}) }
}
