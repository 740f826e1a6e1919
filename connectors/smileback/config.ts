import { SyncError } from '../autotask/errors.js'
import { withTrailingSlash } from '../autotask/config.js'

export const DEFAULT_SMILEBACK_URL = 'https://app.smileback.io/'

/** A local (not SSO) SmileBack login with API access, and the API client it signs in through. */
export interface SmileBackCredentials {
  username: string
  password: string
  clientId: string
  clientSecret: string
  /** The base `api/token/` and `api/v3/...` are appended to, with its trailing slash. */
  baseUrl: string
}

/** The SMILEBACK_* variables, as server/config.ts reads them from the environment. */
export interface SmileBackEnv {
  SMILEBACK_USERNAME?: string
  SMILEBACK_PASSWORD?: string
  SMILEBACK_CLIENT_ID?: string
  SMILEBACK_CLIENT_SECRET?: string
  SMILEBACK_BASE_URL?: string
}

/** The credentials the SMILEBACK_* values name; null when none of the four is set (SmileBack is then not synced). */
export function smileBackCredentialsFromEnv(env: SmileBackEnv): SmileBackCredentials | null {
  const values = {
    SMILEBACK_USERNAME: env.SMILEBACK_USERNAME?.trim(),
    SMILEBACK_PASSWORD: env.SMILEBACK_PASSWORD,
    SMILEBACK_CLIENT_ID: env.SMILEBACK_CLIENT_ID?.trim(),
    SMILEBACK_CLIENT_SECRET: env.SMILEBACK_CLIENT_SECRET,
  }
  const missing = Object.entries(values)
    .filter(([, value]) => !value)
    .map(([name]) => name)
  if (missing.length === 4) return null
  if (missing.length > 0) throw new SyncError('config', `set ${missing.join(' and ')} as well (all four are needed)`)
  const baseUrl = env.SMILEBACK_BASE_URL?.trim() || DEFAULT_SMILEBACK_URL
  if (!/^https?:\/\/[^/\s]+/i.test(baseUrl))
    throw new SyncError('config', `SMILEBACK_BASE_URL must be an http(s) address such as ${DEFAULT_SMILEBACK_URL}`)
  return {
    username: values.SMILEBACK_USERNAME!,
    password: values.SMILEBACK_PASSWORD!,
    clientId: values.SMILEBACK_CLIENT_ID!,
    clientSecret: values.SMILEBACK_CLIENT_SECRET!,
    baseUrl: withTrailingSlash(baseUrl),
  }
}
