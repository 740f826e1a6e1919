import type { DbHandle } from '../../db/index.js'
import { asSyncError } from '../autotask/sync.js'
import type { RefreshSummary } from '../autotask/refresh.js'
import { finishRun, startRun } from '../sync-run.js'
import type { ConnectWiseClient } from './client.js'
import { oneOf } from './conditions.js'
import { CONNECTWISE_ENTITIES, TICKETS } from './entities.js'
import type { ConnectWiseGovernor } from './governor.js'
import { PSA } from './map.js'
import { deletedEntry, mapContext, mapPage, newNoteCounts, readNotes } from './sync.js'

// A callback says records changed; what they changed to is read here from ConnectWise itself (a callback's Entity
// may be old by the time it arrives, and is a hint only). Ids ConnectWise no longer lists were deleted there and go
// here too; a ticket whose lastUpdated moved has its notes read with it, as in a sync.

export interface ConnectWiseRefreshOptions {
  handle: DbHandle
  client: ConnectWiseClient
  governor: ConnectWiseGovernor
  now?: () => Date
  secrets?: readonly string[]
  timeZone?: string
}

/** At most this many ids in one `id in (...)` condition, so a request line stays short. */
const IDS_PER_QUERY = 200

/**
 * Reads `ids` of the entity named `entity` (CONNECTWISE_ENTITIES) again, upserts what comes back and deletes what does
 * not, each chunk in one transaction, and records the pass as a finished `sync_run` of kind 'webhook'.
 */
export async function refreshConnectWise(
  options: ConnectWiseRefreshOptions,
  entity: string,
  ids: readonly number[],
): Promise<RefreshSummary> {
  const now = options.now ?? (() => new Date())
  const { db } = options.handle
  const spec = CONNECTWISE_ENTITIES.find((candidate) => candidate.name === entity)
  if (!spec || spec.parents) throw new Error(`ConnectWise ${entity} cannot be read again by id`)
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0).sort((a, b) => a - b)
  const runId = await startRun(db, PSA, 'webhook', now().toISOString())
  const requestsBefore = options.governor.requestsMade
  let records = 0
  let changed = 0
  let failure: Error | undefined
  try {
    const context = await mapContext(options)
    for (let start = 0; start < wanted.length; start += IDS_PER_QUERY) {
      const chunk = wanted.slice(start, start + IDS_PER_QUERY)
      const found: unknown[] = []
      for await (const page of options.client.pages(spec.path, { conditions: oneOf('id', chunk), entity: spec.name })) {
        found.push(...page.records)
      }
      const syncedAt = now().toISOString()
      const { write } = mapPage(spec, found, context, syncedAt)
      // Facts read from other endpoints (a company's account manager) come along, or the upsert would blank them.
      await spec.related?.({ client: options.client, db, full: false })(found, write.upserts[0]!)
      const notes = newNoteCounts(options.governor)
      if (spec.name === TICKETS) await readNotes(options, write, notes, syncedAt)
      const returned = new Set(found.map((record) => (record as { id: number }).id))
      const missing = chunk.filter((id) => !returned.has(id))
      const local = missing.length
        ? (
            await db.selectFrom(spec.table).select('id').where('psa', '=', PSA).where('id', 'in', missing).execute()
          ).map((row) => row.id)
        : []
      write.deletes = [...(write.deletes ?? []), { table: spec.table, ids: local }]
      write.deletedLog = [...(write.deletedLog ?? []), ...local.map((id) => deletedEntry(spec.name, id, syncedAt))]
      // A deleted ticket takes its notes and time along, as the id scan's deletion does.
      if (spec.name === TICKETS) write.deleteTicketDependents = [...(write.deleteTicketDependents ?? []), ...local]
      const result = await options.handle.store.writePage(write)
      records += found.length + notes.records
      changed += result.changed + result.deleted + notes.changed + notes.deleted
    }
  } catch (caught) {
    failure = asSyncError(caught, options.secrets)
  }
  const requests = options.governor.requestsMade - requestsBefore
  await finishRun(db, runId, { finishedAt: now().toISOString(), failure, requests, records, changed })
  return { ok: !failure, records, changed, ...(failure ? { error: failure.message } : {}) }
}
