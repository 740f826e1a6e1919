import type { AutotaskCredentials } from '../connectors/autotask/config.js'
import type { ConnectWiseCredentials } from '../connectors/connectwise/config.js'
import { PSA_NAMES, type PsaName } from './wire/psa-names.js'

// Which PSA an install (or a hosted tenant) syncs from. Chosen once (server/config.ts loadPsaCredentials, or a
// tenant's registry row); everything after that takes a PsaSource and lets createConnector (server/sync.ts) pick.

// The names and their titles are the browser's too (server/wire/psa-names.ts), so it shows the same ones.
export { PSA_NAMES, PSA_TITLES, type PsaName } from './wire/psa-names.js'

/** The configured PSA and its account (kept in memory only: never logged, never in an answer). */
export type PsaSource =
  | { psa: 'autotask'; credentials: AutotaskCredentials }
  | {
      psa: 'connectwise'
      credentials: ConnectWiseCredentials
      /**
       * The built-in simulator's own limit, a minute, all of it roleboard's: a demo's desk is roleboard's alone, and
       * pacing a first sync there at a share of a real tenant's 1,000 would keep the demo waiting for minutes.
       */
      simulatorLimitPerMinute?: number
    }

/** The variables that configure each PSA, for the one-line refusals that name them. */
export const PSA_VARIABLES: Readonly<Record<PsaName, string>> = {
  autotask:
    'AUTOTASK_USERNAME, AUTOTASK_SECRET and AUTOTASK_INTEGRATION_CODE (and AUTOTASK_DISCOVERY_URL for a simulator)',
  connectwise:
    'CONNECTWISE_SITE, CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY and CONNECTWISE_CLIENT_ID',
}

export function isPsaName(text: string): text is PsaName {
  return (PSA_NAMES as readonly string[]).includes(text)
}
