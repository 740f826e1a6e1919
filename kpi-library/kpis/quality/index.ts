export const QUALITY_KPIS = []
