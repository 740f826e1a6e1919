import type { ConnectWiseEntity } from './entities.js'
import {
  configurationRow,
  invoiceRow,
  NO_REVENUE,
  opportunityRow,
  projectRow,
  projectTicketRow,
} from './map-business.js'
import { opportunityForecasts } from './related.js'

// Beyond the service desk: assets, sales, billing and projects, read like every other entity (by `lastUpdated`, an
// hourly id scan for deletions). Quotes are not among them: ConnectWise PSA keeps none of its own (they live in
// ConnectWise Sell), so the quote table stays empty on ConnectWise.

export const BUSINESS_ENTITIES: readonly ConnectWiseEntity[] = [
  {
    name: 'Configurations',
    path: 'company/configurations',
    table: 'configuration_item',
    row: configurationRow,
    deletionScan: 'all',
  },
  {
    name: 'Opportunities',
    path: 'sales/opportunities',
    table: 'opportunity',
    // Checked here; revenue, the outcome and the won or lost date are filled in from the forecast and the statuses.
    row: (r) => opportunityRow(r, new Map(), NO_REVENUE),
    related: opportunityForecasts,
    deletionScan: 'all',
  },
  { name: 'Invoices', path: 'finance/invoices', table: 'invoice', row: invoiceRow, deletionScan: 'all' },
  { name: 'Projects', path: 'project/projects', table: 'project', row: projectRow, deletionScan: 'all' },
  // Project tickets are the projects' tasks; time charged to one is read with the time entries.
  { name: 'ProjectTickets', path: 'project/tickets', table: 'task', row: projectTicketRow, deletionScan: 'all' },
]
