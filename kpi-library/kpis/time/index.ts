export const TIME_KPIS = []
