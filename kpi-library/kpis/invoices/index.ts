import { arOutstanding } from './ar-outstanding.js'
import { dso } from './dso.js'
import { invoicesOverdue } from './invoices-overdue.js'

/** What clients owe and how fast they pay (Autotask Invoices): docs/autotask-entities.md. */
export const INVOICE_KPIS = [arOutstanding, invoicesOverdue, dso]
