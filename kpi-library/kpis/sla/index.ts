export const SLA_KPIS = []
