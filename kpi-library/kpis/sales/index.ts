import { quotesExpiring } from './quotes-expiring.js'
import { salesPipeline } from './sales-pipeline.js'
import { winRate90d } from './win-rate-90d.js'

/** The sales pipeline (the `opportunity` and `quote` tables): docs/psa-model.md. */
export const SALES_KPIS = [salesPipeline, winRate90d, quotesExpiring]
