import { arOutstanding } from './ar-outstanding.js'
import { dso } from './dso.js'
import { invoicesOverdue } from './invoices-overdue.js'

/** What clients owe and how fast they pay (the `invoice` table): docs/psa-model.md. */
export const INVOICE_KPIS = [arOutstanding, invoicesOverdue, dso]
