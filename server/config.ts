import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { type BusinessHours, parseBusinessHours } from '../kpi-library/time.js'
import { type AutotaskCredentials, credentialsFromEnv } from '../connectors/autotask/config.js'
import { ENTITY_SPECS } from '../connectors/autotask/entities.js'
import { type SmileBackCredentials, smileBackCredentialsFromEnv } from '../connectors/smileback/config.js'
import { type ConnectWiseCredentials, connectWiseCredentials } from '../connectors/connectwise/config.js'
import { isPsaName, PSA_NAMES, PSA_VARIABLES, type PsaName, type PsaSource } from './psa.js'

// The one module that reads the environment: every setting is read and checked here, so a typo in a value stops
// the command at start with a message naming the variable. The README lists them all.

/** The settings every app of an install shares (each tenant's app carries them as app.config). */
export interface Config {
  dbPath: string
  port: number
  host: string
  /** ROLEBOARD_PUBLIC_URL: the address screens reach roleboard at (behind a reverse proxy); every link and QR code uses it. */
  publicUrl: string | null
  budgetShare: number
  overlapMinutes: number
  syncIntervalSeconds: number
  /** Seconds per entity that replace its default pace (server/sync-pace.ts), from ROLEBOARD_SYNC_ENTITY_INTERVALS (`Resources=900`). */
  entityIntervals: Record<string, number>
  simSize: 'tiny' | 'small' | 'medium' | 'large'
  simSeed: number
  simPort: number
  now: string | null
  tz: string
  businessHours: BusinessHours
  /** Fastify's trustProxy: which proxies' X-Forwarded-For names the client (false: none, the socket's address counts). */
  trustProxy: false | number | string[]
  /** ROLEBOARD_MAIL_FROM: the sender of report mails (null: mail is off until it and ROLEBOARD_SMTP_URL are set). */
  mailFrom: string | null
  /** ROLEBOARD_CHROMIUM: the Chromium that renders report PDFs. */
  chromiumPath: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dbPath: resolve(env.ROLEBOARD_DB || 'data/roleboard.sqlite'),
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    publicUrl: publicUrl(env.ROLEBOARD_PUBLIC_URL),
    budgetShare: number(env, 'ROLEBOARD_API_SHARE', 0.2, 0.01, 1),
    overlapMinutes: number(env, 'ROLEBOARD_SYNC_OVERLAP_MINUTES', 10, 0, 1440),
    syncIntervalSeconds: integer(env, 'ROLEBOARD_SYNC_INTERVAL', 60, 5, 86_400),
    entityIntervals: entityIntervals(env.ROLEBOARD_SYNC_ENTITY_INTERVALS),
    simSize: oneOf(env, 'ROLEBOARD_SIM_SIZE', ['tiny', 'small', 'medium', 'large'] as const, 'small'),
    simSeed: integer(env, 'ROLEBOARD_SIM_SEED', 42, 0, 2 ** 31),
    simPort: integer(env, 'ROLEBOARD_SIM_PORT', 0, 0, 65535),
    now: instant(env, 'ROLEBOARD_NOW'),
    tz: timeZone(env.ROLEBOARD_TZ || 'Europe/Amsterdam'),
    businessHours: businessHours(env.ROLEBOARD_BUSINESS_HOURS),
    trustProxy: trustProxy(env.ROLEBOARD_TRUST_PROXY),
    mailFrom: mailFrom(env.ROLEBOARD_MAIL_FROM),
    chromiumPath: env.ROLEBOARD_CHROMIUM || '/usr/bin/chromium',
  }
}

/** An SMTP server to send mail through; `url` holds the password, so it stays out of Config, logs and answers. */
export interface SmtpSettings {
  url: string
  /** `host:port`: what a log line or the builder may show. */
  host: string
  secure: boolean
}

/**
 * ROLEBOARD_SMTP_URL: `smtp://user:password@host:port` (STARTTLS when the server offers it) or `smtps://` (TLS from
 * the start); null when unset. A refusal names the variable and never repeats the value (it holds the password).
 */
export function loadSmtpSettings(env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  const text = env.ROLEBOARD_SMTP_URL?.trim() ?? ''
  if (text === '') return null
  let url: URL | null
  try {
    url = new URL(text)
  } catch {
    url = null
  }
  if (!url || !/^smtps?:$/.test(url.protocol) || !url.hostname || url.pathname.replace(/\/+$/, '') || url.search)
    throw new ConfigError(
      'ROLEBOARD_SMTP_URL must be smtp://user:password@host:port or smtps://user:password@host:port (the value is not repeated: it holds a password)',
    )
  const secure = url.protocol === 'smtps:'
  return { url: text, host: `${url.hostname}:${url.port || (secure ? 465 : 587)}`, secure }
}

function mailFrom(text: string | undefined): string | null {
  const value = text?.trim() ?? ''
  if (value === '') return null
  // `reports@msp.nl` or `Roleboard <reports@msp.nl>`.
  if (!/^([^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(value))
    throw new ConfigError(
      `ROLEBOARD_MAIL_FROM must be an address such as reports@msp.nl or "Roleboard <reports@msp.nl>", not "${value}"`,
    )
  return value
}

export interface HostedConfig {
  /** Holds hosted.sqlite and tenants/<id>.sqlite. */
  dir: string
  registryPath: string
  tenantsDir: string
  secretKey: string
}

const MIN_KEY_LENGTH = 16

/** Hosted mode's settings (`roleboard hosted`): where the registry and the tenants' files live, and the key. */
export function loadHostedConfig(env: NodeJS.ProcessEnv = process.env): HostedConfig {
  const secretKey = env.ROLEBOARD_SECRET_KEY ?? ''
  if (!secretKey) {
    throw new ConfigError(
      "hosted mode needs ROLEBOARD_SECRET_KEY: the key that encrypts the tenants' PSA credentials. " +
        'Set it to a long random value (for example the output of `openssl rand -base64 32`) and keep it safe: ' +
        'without it the stored credentials cannot be read.',
    )
  }
  if (secretKey.length < MIN_KEY_LENGTH) {
    throw new ConfigError(
      `ROLEBOARD_SECRET_KEY must be at least ${MIN_KEY_LENGTH} characters long (use \`openssl rand -base64 32\`)`,
    )
  }
  const dir = resolve(env.ROLEBOARD_HOSTED_DIR || 'data')
  return { dir, registryPath: join(dir, 'hosted.sqlite'), tenantsDir: join(dir, 'tenants'), secretKey }
}

/**
 * ROLEBOARD_SECRET_KEY on a single install: when set, it seals the stored secrets (webhook keys, chat addresses)
 * instead of the key file beside the database (server/services/secret-box.ts).
 */
export function loadSecretKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.ROLEBOARD_SECRET_KEY || undefined
  if (key !== undefined && key.length < MIN_KEY_LENGTH)
    throw new ConfigError(
      `ROLEBOARD_SECRET_KEY must be at least ${MIN_KEY_LENGTH} characters long (use \`openssl rand -base64 32\`)`,
    )
  return key
}

/** AUTOTASK_*: the Autotask account to sync from; null when none is set. Kept out of Config: it is a secret. */
export function loadAutotaskCredentials(env: NodeJS.ProcessEnv = process.env): AutotaskCredentials | null {
  return credentialsFromEnv(env)
}

/** CONNECTWISE_*: the ConnectWise PSA account to sync from; null when none is set. Kept out of Config: it is a secret. */
export function loadConnectWiseCredentials(env: NodeJS.ProcessEnv = process.env): ConnectWiseCredentials | null {
  return connectWiseCredentials(env)
}

/** ROLEBOARD_PSA: the PSA asked for by name (`autotask` or `connectwise`); null when unset. */
export function loadPsaChoice(env: NodeJS.ProcessEnv = process.env): PsaName | null {
  const text = env.ROLEBOARD_PSA?.trim() ?? ''
  if (text === '') return null
  if (!isPsaName(text)) throw new ConfigError(`ROLEBOARD_PSA must be one of ${PSA_NAMES.join(', ')}, not "${text}"`)
  return text
}

/**
 * The PSA to sync from: the one whose variables are set, or with both the one ROLEBOARD_PSA names; null when the
 * chosen PSA (or, unchosen, either) has none set. Only the chosen PSA's variables are read when one is named.
 */
export function loadPsaCredentials(env: NodeJS.ProcessEnv = process.env): PsaSource | null {
  const choice = loadPsaChoice(env)
  const autotask = choice === 'connectwise' ? null : loadAutotaskCredentials(env)
  const connectwise = choice === 'autotask' ? null : loadConnectWiseCredentials(env)
  if (autotask && connectwise)
    throw new ConfigError(
      'both AUTOTASK_* and CONNECTWISE_* are set: set ROLEBOARD_PSA to autotask or connectwise to say which to sync from',
    )
  if (autotask) return { psa: 'autotask', credentials: autotask }
  if (connectwise) return { psa: 'connectwise', credentials: connectwise }
  return null
}

/** The refusal of a command that needs a PSA account when none is set (ROLEBOARD_PSA names which one it wanted). */
export function noPsaError(env: NodeJS.ProcessEnv = process.env): ConfigError {
  const choice = loadPsaChoice(env)
  return new ConfigError(
    choice
      ? `ROLEBOARD_PSA is ${choice}: set ${PSA_VARIABLES[choice]}`
      : `set ${PSA_VARIABLES.autotask}; or, for ConnectWise PSA, ${PSA_VARIABLES.connectwise}`,
  )
}

/**
 * SMILEBACK_*: the SmileBack account whose CSAT reviews are synced next to Autotask's; null when none is set.
 * All four of username, password, client id and secret, or none; SMILEBACK_BASE_URL is optional.
 */
export function loadSmileBackCredentials(env: NodeJS.ProcessEnv = process.env): SmileBackCredentials | null {
  return smileBackCredentialsFromEnv(env)
}

/** ROLEBOARD_ADMIN_PASSWORD: the builder admin's password; unset, one is generated at first start and printed once. */
export function loadAdminPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ROLEBOARD_ADMIN_PASSWORD || undefined
}

const MIN_PASSWORD_LENGTH = 12

/** ROLEBOARD_CONSULTANT_PASSWORD: the password `hosted consultant add` gives; unset, one is generated and printed. */
export function loadConsultantPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const password = env.ROLEBOARD_CONSULTANT_PASSWORD
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new ConfigError(`ROLEBOARD_CONSULTANT_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long`)
  }
  return password
}

const SYNCED_ENTITIES = ['Picklists', ...ENTITY_SPECS.map((spec) => spec.entity), 'DeletedTicketLogs']

function entityIntervals(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {}
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+)=(\d{1,6})$/.exec(part)
    const entity = match && SYNCED_ENTITIES.find((name) => name.toLowerCase() === match[1]!.toLowerCase())
    if (!match || !entity)
      throw new ConfigError(
        `ROLEBOARD_SYNC_ENTITY_INTERVALS takes Entity=seconds pairs such as Resources=900 (entities: ${SYNCED_ENTITIES.join(', ')}), not "${part}"`,
      )
    out[entity] = Number(match[2])
  }
  return out
}

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

/**
 * ROLEBOARD_TRUST_PROXY: the reverse proxies in front of roleboard, so login throttling counts the
 * client's real address: a number of hops, or addresses and ranges (`127.0.0.1,10.0.0.0/8`, `loopback`).
 * "Trust everybody" is refused: anyone could then choose the address they are counted under.
 */
function trustProxy(text: string | undefined): Config['trustProxy'] {
  const value = text?.trim() ?? ''
  if (value === '' || value === 'false') return false
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10) return Number(value)
  const parts = value.split(',').map((part) => part.trim())
  const valid = (part: string) => {
    if (PROXY_RANGES.has(part)) return true
    const [address = '', bits, extra] = part.split('/')
    const family = isIP(address)
    if (!family || extra !== undefined) return false
    // A /0 range is every address: the same as trusting everybody.
    return bits === undefined || (/^\d+$/.test(bits) && Number(bits) >= 1 && Number(bits) <= (family === 4 ? 32 : 128))
  }
  const bad = parts.find((part) => !valid(part))
  if (bad !== undefined) {
    throw new ConfigError(
      `ROLEBOARD_TRUST_PROXY takes the number of proxies (1 to 10) or their addresses and ranges, such as 127.0.0.1,10.0.0.0/8 or loopback; not "${bad}"`,
    )
  }
  return parts
}

/** The setting as Fastify's `trustProxy` option takes it: a hop count becomes "the nearest N addresses". */
export function fastifyTrustProxy(
  setting: Config['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting
}

/** An http(s) base address without a query; stored without its trailing slash so paths append cleanly. */
function publicUrl(text: string | undefined): string | null {
  const value = text?.trim() ?? ''
  if (value === '') return null
  let url: URL | null
  try {
    url = new URL(value)
  } catch {
    url = null
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(
      `ROLEBOARD_PUBLIC_URL must be the http(s) address screens open roleboard at, such as https://dash.example.nl or http://192.168.1.20:8080, not "${value}"`,
    )
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function timeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return tz
  } catch {
    throw new ConfigError(
      `ROLEBOARD_TZ must be an IANA time zone such as Europe/Amsterdam or Europe/Brussels, not "${tz}"`,
    )
  }
}

function businessHours(text: string | undefined): BusinessHours {
  try {
    return parseBusinessHours(text)
  } catch (error) {
    throw new ConfigError(`ROLEBOARD_BUSINESS_HOURS: ${(error as Error).message}`)
  }
}

function number(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isFinite(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a number from ${min} to ${max}, not "${text}"`)
  return value
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const value = number(env, name, fallback, min, max)
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be a whole number, not "${env[name]}"`)
  return value
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, values: readonly T[], fallback: T): T {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  if (!values.includes(text as T)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, not "${text}"`)
  return text as T
}

function instant(env: NodeJS.ProcessEnv, name: string): string | null {
  const text = env[name]
  if (text === undefined || text === '') return null
  const time = Date.parse(text)
  if (Number.isNaN(time))
    throw new ConfigError(`${name} must be an ISO date-time such as 2026-03-02T09:00:00Z, not "${text}"`)
  return new Date(time).toISOString()
}
