import { clientHealthScore } from './client-health-score.js'
import { noisyClientSpike } from './noisy-client-spike.js'

export const ACCOUNT_KPIS = [clientHealthScore, noisyClientSpike]
