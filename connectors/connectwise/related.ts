import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { TableUpsert } from '../../db/store.js'
import { SyncError } from '../autotask/errors.js'
import type { ConnectWiseClient } from './client.js'
import { openRecord } from './map.js'
import {
  accountManagerOf,
  forecastRevenue,
  NO_REVENUE,
  type OpportunityStatusFlags,
  opportunityStatusFlags,
  opportunityRow,
} from './map-business.js'

// Some facts of a record live at another endpoint: a company's account manager in its team, an opportunity's
// revenue in its forecast and what its status means in the statuses list. A pass completes each mapped page with
// them, reading them only for the records that changed (new, or another `lastUpdated` than stored; all of them on a
// full sync) and carrying the stored values over for the rest, so a pass over unchanged records costs no requests.

/** What the related reads of one pass need. */
export interface RelatedReads {
  client: ConnectWiseClient
  db: Kysely<Database>
  /** A full sync: every record's related facts are read again. */
  full: boolean
}

/** Completes a mapped page's rows (records in the page's order) with their related facts; gives the requests made. */
export type PageCompletion = (records: readonly unknown[], upsert: TableUpsert) => Promise<number>

const TEAMS = 'CompanyTeams'
const FORECASTS = 'OpportunityForecasts'
const STATUSES = 'OpportunityStatuses'

/**
 * A company's account manager, the member its team flags so (`company/companies/{id}/teams`, one request per changed
 * company). UNVERIFIED whether changing a company's team moves the company's `lastUpdated`: a full sync re-reads them all.
 */
export function companyTeams(reads: RelatedReads): PageCompletion {
  return async (_records, upsert) => {
    const changed = await carryOver(reads, upsert, 'company', 'last_modified_at', ['owner_resource_id'])
    for (const id of changed) {
      const team = await listOrGone(reads.client, `company/companies/${id}/teams`, TEAMS)
      setColumn(upsert, id, 'owner_resource_id', team === null ? null : accountManagerOf(team))
    }
    return changed.length
  }
}

/**
 * An opportunity's revenue from its forecast (one request per changed opportunity), and its outcome and its won and
 * lost dates by what its status means (the statuses list, read once a pass when an opportunity changed, and again when a status
 * is not in it). An unchanged opportunity keeps what is stored.
 */
export function opportunityForecasts(reads: RelatedReads): PageCompletion {
  let statuses: Map<number, OpportunityStatusFlags> | null = null
  return async (records, upsert) => {
    const carried = ['amount', 'monthly_revenue', 'onetime_revenue', 'outcome', 'closed_at', 'lost_at']
    const changed = new Set(await carryOver(reads, upsert, 'opportunity', 'last_activity_at', carried))
    const opened = records.map((item) => openRecord('Opportunities', item)).filter((r) => changed.has(r.id))
    if (opened.length === 0) return 0
    let requests = 0
    const readStatuses = async () => {
      requests += 1
      const answer = await reads.client.list('sales/opportunities/statuses', { pageSize: 1000 }, { entity: STATUSES })
      return opportunityStatusFlags(answer.records)
    }
    statuses ??= await readStatuses()
    if (opened.some((r) => !statuses!.has(r.int('status/id', true)!))) statuses = await readStatuses()
    for (const r of opened) {
      requests += 1
      const forecast = await reads.client.get(`sales/opportunities/${r.id}/forecast`, FORECASTS)
      const revenue = forecast === null ? NO_REVENUE : forecastRevenue(r.id, forecast)
      const row: Record<string, unknown> = opportunityRow(r, statuses, revenue)
      for (const column of carried) setColumn(upsert, r.id, column, row[column])
    }
    return requests
  }
}

/**
 * The ids of the page's rows whose record changed since it was stored (every one on a full sync); the rows of the
 * others get the stored values of `carried`, which only the related reads fill.
 */
async function carryOver(
  reads: RelatedReads,
  upsert: TableUpsert,
  table: 'company' | 'opportunity',
  stampColumn: 'last_modified_at' | 'last_activity_at',
  carried: readonly string[],
): Promise<number[]> {
  const idAt = upsert.columns.indexOf('id')
  const ids = upsert.rows.map((row) => row[idAt] as number)
  if (reads.full || ids.length === 0) return ids
  const stored = (await reads.db
    .selectFrom(table)
    .select(['id', stampColumn, ...carried] as never[])
    .where('id', 'in', ids)
    .execute()) as Array<Record<string, unknown>>
  const byId = new Map(stored.map((row) => [row.id as number, row]))
  const stampAt = upsert.columns.indexOf(stampColumn)
  const changed: number[] = []
  for (const row of upsert.rows) {
    const before = byId.get(row[idAt] as number)
    if (!before || before[stampColumn] !== row[stampAt]) {
      changed.push(row[idAt] as number)
      continue
    }
    for (const column of carried) row[upsert.columns.indexOf(column)] = before[column]
  }
  return changed
}

function setColumn(upsert: TableUpsert, id: number, column: string, value: unknown): void {
  const idAt = upsert.columns.indexOf('id')
  const at = upsert.columns.indexOf(column)
  for (const row of upsert.rows) if (row[idAt] === id) row[at] = value
}

/** A child list in one request (teams are a handful); null when the parent is gone (deleted since it was listed). */
async function listOrGone(client: ConnectWiseClient, path: string, entity: string): Promise<unknown[] | null> {
  try {
    return (await client.list(path, { pageSize: 1000 }, { entity })).records
  } catch (error) {
    if (error instanceof SyncError && error.status === 404) return null
    throw error
  }
}
