import { SyncError } from '../autotask/errors.js'
import type { ConnectWiseRecord, ListAnswer, Query } from './client.js'
import { and, where } from './conditions.js'
import { recordWithoutId, unresumablePages } from './errors.js'
import { numberParameter } from './links.js'

// Reading a whole list endpoint resumably. Both ways ConnectWise pages are driven by the last id seen, so a
// pass that stopped (a crash, a budget pause) continues after the last page it stored, and a record added or
// deleted mid-pass never shifts another one out of view:
// - forward-only (`pagination-type: forward-only`, `pageId=<last id>`), where the endpoint offers it;
// - otherwise page 1 of `id > <last id>` ordered by id, as navigable paging with `page`/`pageSize`.

export type Paging = 'forward-only' | 'navigable'

export interface PageOptions {
  /** A condition (see conditions.ts) every record must meet. */
  conditions?: string | null
  /** Only these fields (`id` is always added: it is the cursor). */
  fields?: readonly string[]
  /** A cursor from an earlier page: continue after this id. Absent or null starts at the lowest id. */
  after?: number | null
  /** Records a page, at most 1,000 (ConnectWise's maximum and the default). */
  pageSize?: number
  /** 'auto' (the default): forward-only, and page numbers for an endpoint that refuses or ignores it. */
  paging?: Paging | 'auto'
  /** What the requests are counted under (default: the path). */
  entity?: string
}

export interface Page {
  /** In id order, each id above the previous page's. */
  records: ConnectWiseRecord[]
  /** The last id of this page: pass it as `after` to continue after this page. */
  cursor: number
  paging: Paging
}

/** The client's part paging needs: one list request, and the endpoints known not to page forward-only. */
export interface PageSource {
  list(path: string, query: Query, options: { forwardOnly?: boolean; entity?: string }): Promise<ListAnswer>
  navigableOnly: Set<string>
}

export const MAX_PAGE_SIZE = 1000

export async function* pagesOf(source: PageSource, path: string, options: PageOptions): AsyncGenerator<Page> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? MAX_PAGE_SIZE)))
  const fields = options.fields?.length ? [...new Set(['id', ...options.fields])].join(',') : undefined
  const auto = (options.paging ?? 'auto') === 'auto'
  let paging: Paging =
    options.paging === 'navigable' || (auto && source.navigableOnly.has(path)) ? 'navigable' : 'forward-only'
  let after = options.after ?? null
  const { entity } = options

  function fallBack(): void {
    paging = 'navigable'
    source.navigableOnly.add(path)
  }

  for (;;) {
    let answer: ListAnswer
    if (paging === 'forward-only') {
      const query = { conditions: options.conditions, fields, pageSize, pageId: after }
      try {
        answer = await source.list(path, query, { forwardOnly: true, entity })
      } catch (error) {
        // Endpoints without forward-only paging (the audit trail) refuse it with a 400.
        if (auto && error instanceof SyncError && error.code === 'server_error' && error.status === 400) {
          fallBack()
          continue
        }
        throw error
      }
    } else {
      const conditions = and(options.conditions, after === null ? null : where('id', '>', after))
      answer = await source.list(path, { conditions, fields, orderBy: 'id asc', page: 1, pageSize }, { entity })
    }
    const { records, links } = answer
    if (records.length === 0) return
    const problem = orderProblem(records, after) ?? (paging === 'forward-only' ? pagedByNumber(links) : null)
    if (problem !== null) {
      // A host that ignores forward-only paging answers with page numbers, the first page again, or its own order.
      if (auto && paging === 'forward-only') {
        fallBack()
        continue
      }
      throw unresumablePages(path, problem)
    }
    after = records[records.length - 1]!.id as number
    yield { records, cursor: after, paging }
    // A Link header without a next link marks the last page; without a Link header, a short page does.
    if (links !== null ? !links.has('next') : records.length < pageSize) return
  }
}

/** A next link by page number, not by `pageId`: the host ignored the forward-only header. */
function pagedByNumber(links: Map<string, string> | null): string | null {
  const next = links?.get('next')
  if (next === undefined || numberParameter(next, 'pageId') !== null) return null
  return 'link to the next page by number, not by pageId'
}

/** Why a page cannot continue a pass after `after`, or null: its ids must rise above `after`, one by one. */
function orderProblem(records: readonly ConnectWiseRecord[], after: number | null): string | null {
  let previous = after ?? Number.NEGATIVE_INFINITY
  for (const record of records) {
    const id = record.id
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw recordWithoutId(id)
    if (id <= previous) return `are not in rising id order (${id} came after ${previous})`
    previous = id
  }
  return null
}
