import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.js'
import { CLIENT_COLUMNS } from '../../clients.js'

// What clients owe: invoices issued up to today that are neither paid nor voided. Invoice dates are
// calendar dates (docs/psa-model.md). Amounts are the invoice totals, tax included.

/** Unpaid invoices with their client and account manager. The literal terms match the partial index of migration 021. */
export function unpaidInvoices(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('invoice')
    .leftJoin('company', 'company.id', 'invoice.company_id')
    .leftJoin('resource as owner', 'owner.id', 'company.owner_resource_id')
    .select([
      'invoice.id as invoiceId',
      'invoice.number as number',
      'invoice.invoice_date as invoiceDate',
      'invoice.due_date as dueDate',
      'invoice.total as total',
      ...CLIENT_COLUMNS,
    ])
    .where('invoice.paid_date', 'is', null)
    .where('invoice.is_voided', '=', sql.lit(0))
    .where('invoice.invoice_date', '<=', today)
}

export type UnpaidRow = Awaited<ReturnType<ReturnType<typeof unpaidInvoices>['execute']>>[number]

/** Sum, count, and the overdue part (due before `today`) of unpaid invoices. */
export function owed(rows: readonly UnpaidRow[], today: string) {
  const overdue = rows.filter((row) => row.dueDate !== null && row.dueDate < today)
  const total = (list: readonly UnpaidRow[]) => list.reduce((sum, row) => sum + Number(row.total ?? 0), 0)
  return { amount: total(rows), count: rows.length, overdueAmount: total(overdue), overdueCount: overdue.length }
}

export const INVOICE_SOURCES = [
  'invoice.total',
  'invoice.invoice_date',
  'invoice.due_date',
  'invoice.paid_date',
  'invoice.is_voided',
] as const
