import { type Insertable, Kysely } from 'kysely'
import type { DbHandle } from '../../db/index.js'
import type { Database } from '../../db/schema.js'
import { createKpiEngine, type EvaluateOptions } from '../../kpi-library/engine.js'
import type { KpiResult } from '../../kpi-library/types.js'
import { openTempDb } from '../helpers/sync-env.js'
import { connectWiseTwin, type NeutralRow, type NeutralTables } from './connectwise-twin.js'

// Small named fixtures for golden KPI tests: write only the columns a test is about; the rest get
// harmless defaults. Expected values in tests are worked out by hand from these rows.

// Columns of a closed vocabulary (a ticket's state, kind) take plain strings here, so a fixture need not say `as const`.
type Widen<V> = V extends string ? string : V
type Rows<T> = Array<{ [K in keyof Insertable<T>]?: Widen<Insertable<T>[K]> } & { id: number }>

/** Each fixture list and the table its rows go into, in insert order (what rows refer to comes first). */
const TABLES = {
  companies: 'company',
  contacts: 'contact',
  resources: 'resource',
  contracts: 'contract',
  tickets: 'ticket',
  notes: 'ticket_note',
  entries: 'time_entry',
  surveys: 'survey_result',
  sla: 'sla_result',
  configurationItems: 'configuration_item',
  opportunities: 'opportunity',
  quotes: 'quote',
  invoices: 'invoice',
  projects: 'project',
  tasks: 'task',
} as const satisfies Record<string, keyof Database>

export type Fixture = { [K in keyof typeof TABLES]?: Rows<Database[(typeof TABLES)[K]]> } & {
  picklists?: Array<{ entity: string; field: string; value: string; label: string }>
}

const SYNCED = '2026-01-01T00:00:00.000Z'

/**
 * ROLEBOARD_FIXTURE_PSA=connectwise writes every fixture through its ConnectWise twin (./connectwise-twin.ts), so
 * the golden tests show each KPI gives the same answer on ConnectWise; otherwise the rows go in as given, claiming
 * no PSA.
 */
const THROUGH_CONNECTWISE = process.env.ROLEBOARD_FIXTURE_PSA === 'connectwise'
const PSA = THROUGH_CONNECTWISE ? 'connectwise' : 'fixture'

/** Facts a golden fixture may rest on that ConnectWise PSA has no field for (docs/psa-model.md). */
export const CONNECTWISE_LACKS = {
  ticketNumber: 'ConnectWise shows a ticket by its id; it has no ticket number like T20260302.0004',
  accountManager:
    "ConnectWise's company record names no account manager: the connector reads it from the company's team, which a fixture row does not have",
  slaDueTimes:
    "ConnectWise tickets carry no SLA due times: the connector works them out from the ticket's SLA and its calendar, which a fixture row does not have",
  noteType: 'ConnectWise notes have no note type, so no survey-comment notes (note_type 31)',
  openSlaVerdict: 'ConnectWise gives an SLA verdict (isInSla) only on a closed ticket under an SLA',
} as const

/**
 * True in the ConnectWise twin run, for `test.skipIf(autotaskOnly(CONNECTWISE_LACKS.x))`: a golden test whose
 * fixture rests on a fact ConnectWise has no field for, so the KPI's answer there legitimately differs.
 */
export function autotaskOnly(...lacks: Array<(typeof CONNECTWISE_LACKS)[keyof typeof CONNECTWISE_LACKS]>): boolean {
  return THROUGH_CONNECTWISE && lacks.length > 0
}

function defaults(table: string, id: number): Record<string, unknown> {
  const base = { psa: PSA }
  switch (table) {
    case 'company':
      return { ...base, name: `Company ${id}`, is_active: 1 }
    case 'contact':
      return { ...base, is_active: 1, is_primary: 0 }
    case 'resource':
      return { ...base, first_name: `Engineer`, last_name: String(id), is_active: 1 }
    case 'contract':
      return { ...base, is_default: 0 }
    case 'ticket':
      return {
        ...base,
        number: `T2026.${id}`,
        title: `Ticket ${id}`,
        status: 1,
        created_at: '2026-01-05T09:00:00.000Z',
      }
    case 'ticket_note':
      return { ...base, ticket_id: 1, created_at: '2026-01-05T09:00:00.000Z' }
    case 'time_entry':
      return {
        ...base,
        resource_id: 1,
        date_worked: '2026-01-05',
        hours_worked: 1,
        non_billable: 0,
        created_at: '2026-01-05T17:00:00.000Z',
      }
    case 'sla_result':
      return { ...base, ticket_id: 1 }
    case 'configuration_item':
      return { ...base, company_id: 1, is_active: 1 }
    case 'opportunity':
      return { ...base, company_id: 1, title: `Opportunity ${id}`, status: 1 }
    case 'quote':
      return { ...base, is_active: 1, is_primary: 1 }
    case 'invoice':
      return { ...base, invoice_date: '2026-01-05', is_voided: 0 }
    case 'project':
      return { ...base, name: `Project ${id}` }
    case 'task':
      return { ...base, project_id: 1 }
    default:
      return base
  }
}

export async function kpiDb(fixture: Fixture, options: { synced?: boolean } = {}): Promise<Kysely<Database>> {
  return (await fixtureDb(fixture, options)).db
}

/** A fresh database holding the fixture (and one finished sync unless `synced: false`), as a handle the server can open. */
export async function fixtureDb(fixture: Fixture, options: { synced?: boolean } = {}): Promise<DbHandle> {
  const handle = await openTempDb('kpi.sqlite')
  const { db } = handle
  const neutral: NeutralTables = (Object.entries(TABLES) as Array<[keyof typeof TABLES, keyof Database]>).map(
    ([list, table]) => [
      table,
      (fixture[list] ?? []).map((row): NeutralRow => ({ ...defaults(table, row.id), ...row })),
    ],
  )
  for (const [table, rows] of THROUGH_CONNECTWISE ? connectWiseTwin(neutral) : neutral) {
    for (const row of rows)
      await db
        .insertInto(table as 'ticket')
        .values({ ...row, synced_at: SYNCED } as never)
        .execute()
  }
  for (const p of fixture.picklists ?? []) {
    await db
      .insertInto('picklist_value')
      .values({
        psa: PSA,
        ...p,
        is_active: 1,
        is_default: 0,
        sort_order: null,
        parent_value: null,
        synced_at: SYNCED,
      })
      .execute()
  }
  if (options.synced !== false) {
    await db
      .insertInto('sync_run')
      .values({ psa: PSA, kind: 'full', started_at: SYNCED, finished_at: SYNCED, ok: 1 })
      .execute()
  }
  return handle
}

/** Evaluates one KPI at a pinned instant, Amsterdam time, Mon-Fri 08:30-17:30. */
export async function evaluateAt(
  db: Kysely<Database>,
  id: string,
  now: string,
  options: EvaluateOptions = {},
): Promise<KpiResult> {
  const engine = createKpiEngine({ db, now: () => new Date(now), cacheSize: 0 })
  return engine.evaluate(id, options)
}

/** The rows of a list result (a test fails plainly when the KPI is not a list). */
export function listRows(result: KpiResult): Array<Record<string, unknown>> {
  if (result.kind !== 'list') throw new Error(`${result.id} is not a list`)
  return result.rows
}
