import { ACCOUNT_KPIS } from './kpis/account/index.js'
import { CSAT_KPIS } from './kpis/csat/index.js'
import { FINANCE_KPIS } from './kpis/finance/index.js'
import { FLOW_KPIS } from './kpis/flow/index.js'
import { HYGIENE_KPIS } from './kpis/hygiene/index.js'
import { QUALITY_KPIS } from './kpis/quality/index.js'
import { SLA_KPIS } from './kpis/sla/index.js'
import { TIME_KPIS } from './kpis/time/index.js'
import { ASSET_KPIS } from './kpis/assets/index.js'
import { INVOICE_KPIS } from './kpis/invoices/index.js'
import { PROJECT_KPIS } from './kpis/projects/index.js'
import { SALES_KPIS } from './kpis/sales/index.js'
import type { KpiDefinition, ParamValue } from './types.js'

// Beyond the desk (docs/psa-model.md): folders by PSA record kind, groups as the catalog's.
const BEYOND_DESK = [...ASSET_KPIS, ...SALES_KPIS, ...INVOICE_KPIS, ...PROJECT_KPIS]
const beyondDesk = (group: KpiDefinition['group']) => BEYOND_DESK.filter((kpi) => kpi.group === group)

/** The whole library, one KPI per file, grouped as in the catalog. Listed by hand, never globbed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each KPI has queries of its own shape
export const ALL_KPIS: ReadonlyArray<KpiDefinition<any>> = [
  ...FLOW_KPIS,
  ...beyondDesk('flow'),
  ...SLA_KPIS,
  ...QUALITY_KPIS,
  ...CSAT_KPIS,
  ...TIME_KPIS,
  ...HYGIENE_KPIS,
  ...FINANCE_KPIS,
  ...beyondDesk('finance'),
  ...ACCOUNT_KPIS,
] as ReadonlyArray<KpiDefinition<Record<string, ParamValue>>>

// 2.0.0: issue 10 redefined KPIs (billing model, alerts, windows, exact values) and dropped parameters;
// packages made for 1.x are refused with that reason, stored tiles were rewritten by migration 023.
export const LIBRARY_VERSION = '2.0.0'
