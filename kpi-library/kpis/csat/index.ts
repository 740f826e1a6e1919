import { clientsCsatDropped } from './clients-csat-dropped.js'
import { csatAverage } from './csat-average.js'
import { csatByCompany } from './csat-by-company.js'
import { csatByEngineer } from './csat-by-engineer.js'
import { csatGapOnBreach } from './csat-gap-on-breach.js'
import { csatLowCallback } from './csat-low-callback.js'
import { csatNegativeRate } from './csat-negative-rate.js'
import { csatPositive30d } from './csat-positive-30d.js'
import { csatResponseRate } from './csat-response-rate.js'
import { csatScore } from './csat-score.js'
import { kudosFeed } from './kudos-feed.js'

export const CSAT_KPIS = [
  csatPositive30d,
  csatScore,
  csatAverage,
  csatNegativeRate,
  csatResponseRate,
  csatLowCallback,
  csatByEngineer,
  csatByCompany,
  clientsCsatDropped,
  kudosFeed,
  csatGapOnBreach,
]
