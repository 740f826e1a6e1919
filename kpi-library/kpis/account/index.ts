export const ACCOUNT_KPIS = []
