import { SyncError } from '../autotask/errors.js'

export interface ConnectWiseCredentials {
  /** The API host, ending in '/': `https://api-eu.myconnectwise.net/`. */
  site: string
  /** The login company id (the name typed at sign-in), the tenant. */
  company: string
  publicKey: string
  privateKey: string
  /** The integration's GUID from developer.connectwise.com/ClientID, sent on every call. */
  clientId: string
}

/** The CONNECTWISE_* variables, as server/config.ts reads them from the environment. */
export interface ConnectWiseEnv {
  CONNECTWISE_SITE?: string
  CONNECTWISE_COMPANY?: string
  CONNECTWISE_PUBLIC_KEY?: string
  CONNECTWISE_PRIVATE_KEY?: string
  CONNECTWISE_CLIENT_ID?: string
}

// The sign-in hosts people copy from their browser, and the API host ConnectWise serves the same cloud from.
const CLOUD_API_HOSTS: Record<string, string> = {
  'na.myconnectwise.net': 'api-na.myconnectwise.net',
  'eu.myconnectwise.net': 'api-eu.myconnectwise.net',
  'au.myconnectwise.net': 'api-au.myconnectwise.net',
  'aus.myconnectwise.net': 'api-aus.myconnectwise.net',
  'za.myconnectwise.net': 'api-za.myconnectwise.net',
  'staging.connectwisedev.com': 'api-staging.connectwisedev.com',
}

/** Plain http is only for a simulator on this machine: ConnectWise itself requires SSL. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** The credentials the CONNECTWISE_* values name; null when none is set (the demo uses a simulator). */
export function connectWiseCredentials(env: ConnectWiseEnv): ConnectWiseCredentials | null {
  const values = {
    CONNECTWISE_SITE: env.CONNECTWISE_SITE?.trim() ?? '',
    CONNECTWISE_COMPANY: env.CONNECTWISE_COMPANY?.trim() ?? '',
    CONNECTWISE_PUBLIC_KEY: env.CONNECTWISE_PUBLIC_KEY?.trim() ?? '',
    CONNECTWISE_PRIVATE_KEY: env.CONNECTWISE_PRIVATE_KEY?.trim() ?? '',
    CONNECTWISE_CLIENT_ID: env.CONNECTWISE_CLIENT_ID?.trim() ?? '',
  }
  const names = Object.keys(values) as Array<keyof typeof values>
  const missing = names.filter((name) => values[name] === '')
  if (missing.length === names.length) return null
  if (missing.length > 0) throw new SyncError('config', `set ${missing.join(' and ')} as well (all five are needed)`)
  return {
    site: siteUrl(values.CONNECTWISE_SITE),
    company: values.CONNECTWISE_COMPANY,
    publicKey: values.CONNECTWISE_PUBLIC_KEY,
    privateKey: values.CONNECTWISE_PRIVATE_KEY,
    clientId: values.CONNECTWISE_CLIENT_ID,
  }
}

/**
 * CONNECTWISE_SITE as the base discovery and the API hang from: https (http only on this machine), ending in
 * '/', a cloud sign-in host turned into its `api-` host, and a pasted `<codebase>/apis/3.0/` tail dropped (the
 * codebase is looked up, and it moves when the cloud is upgraded).
 */
export function siteUrl(raw: string): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new SyncError(
      'config',
      'CONNECTWISE_SITE must be the API host address, such as https://api-eu.myconnectwise.net/',
    )
  }
  const local = LOCAL_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !(local && url.protocol === 'http:')) {
    throw new SyncError(
      'config',
      `CONNECTWISE_SITE must be an https address (ConnectWise requires SSL), not ${url.protocol}//`,
    )
  }
  if (url.username || url.password) {
    throw new SyncError(
      'config',
      'CONNECTWISE_SITE must not carry a user name or password: the keys go in their own variables',
    )
  }
  url.hostname = CLOUD_API_HOSTS[url.hostname.toLowerCase()] ?? url.hostname
  const path = url.pathname.replace(/[^/]+\/apis\/3\.0\/?$/i, '')
  return `${url.origin}${path.endsWith('/') ? path : `${path}/`}`
}
