import { csatLowCallback } from './csat-low-callback.js'

export const CSAT_KPIS = [csatLowCallback]
