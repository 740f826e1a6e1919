export const HYGIENE_KPIS = []
