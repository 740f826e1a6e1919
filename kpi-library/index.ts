import { ACCOUNT_KPIS } from './kpis/account/index.js'
import { CSAT_KPIS } from './kpis/csat/index.js'
import { FINANCE_KPIS } from './kpis/finance/index.js'
import { FLOW_KPIS } from './kpis/flow/index.js'
import { HYGIENE_KPIS } from './kpis/hygiene/index.js'
import { QUALITY_KPIS } from './kpis/quality/index.js'
import { SLA_KPIS } from './kpis/sla/index.js'
import { TIME_KPIS } from './kpis/time/index.js'
import type { KpiDefinition, ParamValue } from './types.js'

/** The whole library, one KPI per file, grouped as in the catalog. Listed by hand, never globbed. */
export const ALL_KPIS: ReadonlyArray<KpiDefinition<any>> = [
  ...FLOW_KPIS,
  ...SLA_KPIS,
  ...QUALITY_KPIS,
  ...CSAT_KPIS,
  ...TIME_KPIS,
  ...HYGIENE_KPIS,
  ...FINANCE_KPIS,
  ...ACCOUNT_KPIS,
] as ReadonlyArray<KpiDefinition<Record<string, ParamValue>>>

export const LIBRARY_VERSION = '1.0.0'
