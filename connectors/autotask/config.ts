import { SyncError } from './errors.js'

export const DEFAULT_DISCOVERY_URL = 'https://webservices.autotask.net/ATServicesRest/'

export interface AutotaskCredentials {
  username: string
  secret: string
  integrationCode: string
  /** The base to which `V1.0/zoneInformation?user=` is appended. */
  discoveryUrl: string
}

/** The AUTOTASK_* variables, as server/config.ts reads them from the environment. */
export interface AutotaskEnv {
  AUTOTASK_USERNAME?: string
  AUTOTASK_SECRET?: string
  AUTOTASK_INTEGRATION_CODE?: string
  AUTOTASK_DISCOVERY_URL?: string
}

/** The credentials the AUTOTASK_* values name; null when none is set (the demo uses the simulator). */
export function credentialsFromEnv(env: AutotaskEnv): AutotaskCredentials | null {
  const username = env.AUTOTASK_USERNAME?.trim()
  const secret = env.AUTOTASK_SECRET
  const integrationCode = env.AUTOTASK_INTEGRATION_CODE?.trim()
  if (!username && !secret && !integrationCode) return null
  const missing = [
    ['AUTOTASK_USERNAME', username],
    ['AUTOTASK_SECRET', secret],
    ['AUTOTASK_INTEGRATION_CODE', integrationCode],
  ]
    .filter(([, value]) => !value)
    .map(([name]) => name)
  if (missing.length > 0) throw new SyncError('config', `set ${missing.join(' and ')} as well (all three are needed)`)
  return {
    username: username!,
    secret: secret!,
    integrationCode: integrationCode!,
    discoveryUrl: withTrailingSlash(env.AUTOTASK_DISCOVERY_URL?.trim() || DEFAULT_DISCOVERY_URL),
  }
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
