export const FINANCE_KPIS = []
