import type { DbHandle } from '../../db/index.js'
import type { PageWrite, SyncStatePatch } from '../../db/store.js'
import { redactSecrets } from '../redact.js'
import { SyncError } from '../autotask/errors.js'
import type { SmileBackClient } from './client.js'
import { readReview, relinkReviews, resolveLinks, REVIEW_COLUMNS, reviewRow } from './reviews.js'

export const SMILEBACK_PSA = 'smileback'
/** The sync_state row (psa `smileback`) that says SmileBack is configured, how far it got and how fresh it is. */
export const REVIEWS_ENTITY = 'Reviews'
/** SmileBack's maximum page: even a large MSP's incremental pass is one request. */
const PAGE_SIZE = 1000

export interface SmileBackSyncOptions {
  handle: DbHandle
  client: SmileBackClient
  /** Re-read every review (reviews SmileBack no longer serves at all are then removed too). */
  full?: boolean
  /** How far back each incremental pass re-reads before the watermark (default 10 min). */
  overlapMs?: number
  /** Page size (default and maximum 1000). */
  pageSize?: number
  now?: () => Date
  /** Credential values no error message may carry. */
  secrets?: readonly string[]
  /** Where unlinked reviews are reported (one line per page that has any). */
  onUnlinked?: (line: string) => void
}

export interface SmileBackSyncResult {
  ok: boolean
  kind: 'full' | 'initial' | 'incremental'
  records: number
  changed: number
  deleted: number
  /** Reviews stored without a PSA ticket to link to. */
  unlinked: number
  requests: number
  ms: number
  error?: SyncError
}

/**
 * One pass over `/api/v3/reviews/` changed since the watermark (the newest `last_modified` seen, less an overlap),
 * unrated reviews included, following `next`. Each page's rows, deletions and the pass's position are written in
 * one transaction, so a crash resumes at the page after the last one written; a review reported `deleted` is
 * removed. A review changed while the pass pages moves to the end of the feed and shifts the offsets behind it, so
 * the next page may skip one: the pass sees that review a second time, and then sets the watermark no later than
 * the page it first saw it on, so the next pass reads the stretch where a review may have been skipped.
 */
export async function runSmileBackSync(options: SmileBackSyncOptions): Promise<SmileBackSyncResult> {
  const now = options.now ?? (() => new Date())
  const { db, store } = options.handle
  const started = performance.now()
  const requestsBefore = options.client.requests
  const state = await db
    .selectFrom('sync_state')
    .selectAll()
    .where('psa', '=', SMILEBACK_PSA)
    .where('entity', '=', REVIEWS_ENTITY)
    .executeTakeFirst()
  const resuming = !options.full && state?.last_id !== null && state?.last_id !== undefined
  const fullPass = options.full || (resuming ? state!.pass_since === null : !state?.full_done || !state.watermark)
  const kind = options.full ? 'full' : state?.full_done ? 'incremental' : 'initial'
  const overlapMs = options.overlapMs ?? 10 * 60_000
  const since = fullPass
    ? null
    : resuming
      ? state!.pass_since
      : new Date(Date.parse(state!.watermark!) - overlapMs).toISOString()
  const pageSize = Math.min(options.pageSize ?? PAGE_SIZE, PAGE_SIZE)
  let passMax = resuming ? state!.pass_max : null
  // A resumed pass cannot know what shifted before the crash: it ends with the watermark where it began.
  const resumed = resuming
  // Per review seen in this pass, the newest last_modified of the page it came on; and the earliest such mark of a
  // review seen twice: reviews skipped by the shift it caused were modified no earlier than that.
  const seen = new Map<number, string>()
  let shiftedAfter: string | null = null
  const counts = { records: 0, changed: 0, deleted: 0, unlinked: 0 }
  let url: string | null = options.client.reviewsUrl(since, pageSize, resuming ? state!.last_id! : 0)
  let error: SyncError | undefined
  try {
    while (url !== null) {
      const page = await options.client.page(url)
      const reviews = page.results.map(readReview)
      const kept = reviews.filter((review) => !review.deleted)
      const links = await resolveLinks(db, kept)
      const syncedAt = now().toISOString()
      const pageMax = reviews.reduce((max, review) => (review.lastModified > max ? review.lastModified : max), '')
      for (const review of reviews) {
        const firstSeen = seen.get(review.id)
        if (firstSeen === undefined) seen.set(review.id, pageMax)
        else if (shiftedAfter === null || firstSeen < shiftedAfter) shiftedAfter = firstSeen
        if (!passMax || review.lastModified > passMax) passMax = review.lastModified
      }
      const unlinked = kept.filter((review, i) => links[i]!.ticketId === null)
      if (unlinked.length > 0)
        options.onUnlinked?.(
          `SmileBack: ${unlinked.length} review(s) kept without a PSA ticket (ticket.id ${unlinked
            .slice(0, 3)
            .map((review) => (review.ticketRef === null ? 'missing' : JSON.stringify(review.ticketRef)))
            .join(', ')}${unlinked.length > 3 ? ', ...' : ''})`,
        )
      const next = page.next
      const patch: SyncStatePatch = {
        psa: SMILEBACK_PSA,
        entity: REVIEWS_ENTITY,
        last_run_at: syncedAt,
        last_error: null,
      }
      const write: PageWrite = {
        upserts: [
          {
            table: 'smileback_review',
            columns: REVIEW_COLUMNS,
            rows: kept.map((review, i) => reviewRow(SMILEBACK_PSA, review, links[i]!)),
            syncedAt,
          },
        ],
        deletes: [{ table: 'smileback_review', ids: reviews.filter((review) => review.deleted).map((r) => r.id) }],
      }
      if (next === null) {
        if (fullPass && !resumed && shiftedAfter === null) {
          // Reviews SmileBack no longer serves at all (purged, not soft-deleted) go too, after a complete read.
          const local = await db.selectFrom('smileback_review').select('id').execute()
          write.deletes!.push({
            table: 'smileback_review',
            ids: local.map((row) => row.id).filter((id) => !seen.has(id)),
          })
        }
        // Never back past the last mark for nothing: an empty incremental pass keeps it. A resumed pass keeps the mark it
        // started from (none for a first pass, which the next pass then reads whole again).
        const prior = fullPass && !resumed ? null : (state?.watermark ?? null)
        const newest =
          [prior, passMax]
            .filter((mark): mark is string => mark !== null)
            .sort()
            .pop() ?? null
        Object.assign(patch, {
          watermark: resumed ? prior : (shiftedAfter ?? newest),
          last_id: null,
          pass_since: null,
          pass_max: null,
          full_done: 1,
          last_success_at: syncedAt,
          records: counts.records + reviews.length,
          requests: options.client.requests - requestsBefore,
        })
      } else {
        const offset = Number(new URL(next).searchParams.get('offset'))
        // Without an offset in `next` a crash cannot resume mid-pass: the pass starts over.
        Object.assign(patch, {
          last_id: Number.isSafeInteger(offset) && offset > 0 ? offset : null,
          pass_since: since,
          pass_max: passMax,
        })
      }
      write.state = patch
      const result = await store.writePage(write)
      counts.records += reviews.length
      counts.changed += result.changed
      counts.deleted += result.deleted
      counts.unlinked += unlinked.length
      url = next
    }
    await relinkReviews(db)
  } catch (caught) {
    error = asSyncError(caught, options.secrets)
    await store.writePage({
      state: {
        psa: SMILEBACK_PSA,
        entity: REVIEWS_ENTITY,
        last_error: error.message,
        last_run_at: now().toISOString(),
      },
    })
  }
  const requests = options.client.requests - requestsBefore
  const finishedAt = now().toISOString()
  // A run that changed data or failed is a data generation of its own (the KPI cache and health read sync_run);
  // one that found nothing new leaves no trace but its sync_state.
  if (error || counts.changed + counts.deleted > 0) {
    await db
      .insertInto('sync_run')
      .values({
        psa: SMILEBACK_PSA,
        kind,
        started_at: new Date(Date.parse(finishedAt) - (performance.now() - started)).toISOString(),
        finished_at: finishedAt,
        ok: error ? 0 : 1,
        error: error?.message ?? null,
        requests,
        records: counts.records,
        changed: counts.changed + counts.deleted,
      })
      .execute()
  }
  return { ok: !error, kind, ...counts, requests, ms: performance.now() - started, ...(error ? { error } : {}) }
}

const MAX_ERROR_LENGTH = 300

/** The one redaction step, then cut to a line: a proxy may echo our Authorization header, a record may hold anything. */
function asSyncError(error: unknown, secrets: readonly string[] = []): SyncError {
  const known = error instanceof SyncError ? error : null
  const message = known
    ? known.message
    : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`
  const clean = redactSecrets(message, secrets).replace(/\s+/g, ' ')
  const line = clean.length > MAX_ERROR_LENGTH ? `${clean.slice(0, MAX_ERROR_LENGTH - 1)}…` : clean
  return new SyncError(known?.code ?? 'server_error', line, known?.status)
}
