import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { LoginGuardTables } from '../../db/schema.js'
import { readCookie } from '../auth.js'
import { HttpError } from '../errors.js'
import { hashSecret, newSecret } from './access.js'

/** How many attempts a key gets in one window: the first `free` at once, then growing delays, never more than `max`. */
interface Rule {
  free: number
  max: number
}

const WINDOW_MS = 15 * 60_000
const MAX_DELAY_MS = 60_000
const DEVICE_DAYS = 365
// An account (or a browser that logged in to it before) gets at most 10 password checks per window,
// however the requests arrive; an address, which a whole office may share behind one router, more.
const RULES: Record<'account' | 'device' | 'address', Rule> = {
  account: { free: 5, max: 10 },
  device: { free: 5, max: 10 },
  address: { free: 20, max: 50 },
}

export interface LoginAttempt {
  account: string
  /** The client's address as the server sees it (after ROLEBOARD_TRUST_PROXY). */
  address: string
  /** The `rb_device` cookie of this browser, if it sent one. */
  device: string | null
}

export type LoginOutcome<T> = { ok: true; value: T; device: string } | { ok: false }

/** Thrown when a key has to wait: the answer is 429 with Retry-After. */
export class LoginThrottled extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, `too many login attempts; try again in ${describeWait(retryAfterSeconds)}`, 'rate_limited')
  }
}

function describeWait(seconds: number): string {
  return seconds < 120 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`
}

/** Milliseconds after the last attempt before the next one is allowed. */
export function delayAfter(attempts: number, rule: Rule): number {
  return attempts < rule.free ? 0 : Math.min(1000 * 2 ** (attempts - rule.free), MAX_DELAY_MS)
}

type Bucket = { key: string; rule: Rule }
type Row = LoginGuardTables['login_throttle']

/**
 * Throttles password checks per account and per address, kept in the database so a restart does not
 * clear it. An attempt is counted before the password is checked, in one transaction, so parallel
 * requests cannot outrun the count; a success gives back only what it cost: its own account's
 * counter is reset and the address gets its attempt back. A browser that logged in to the account
 * before carries a device cookie and is counted apart, so somebody guessing elsewhere never locks
 * the rightful user out.
 */
export class LoginGuard {
  readonly #db: Kysely<LoginGuardTables>
  readonly #clock: () => number

  /** `db`: a tenant database or the hosted registry, both of which hold LoginGuardTables. */
  // Kysely's database type does not narrow to a subset of tables, so the guard takes any and types its own two.
  constructor(db: Kysely<any>, options: { clock?: () => number } = {}) {
    this.#db = db as Kysely<LoginGuardTables>
    // The real clock, even when ROLEBOARD_NOW pins the KPIs' "now".
    this.#clock = options.clock ?? Date.now
  }

  async attempt<T>(who: LoginAttempt, check: () => Promise<T | null>): Promise<LoginOutcome<T>> {
    const device = who.device ? await this.#knownDevice(who.device, who.account) : null
    const own: Bucket = device ? { key: `device:${device}`, rule: RULES.device } : { key: `account:${who.account}`, rule: RULES.account }
    const address: Bucket = { key: `address:${who.address}`, rule: RULES.address }
    // A known browser has shown it can log in here: only its own budget applies, not its office's address.
    await this.#reserve(device ? [own] : [own, address])
    const value = await check()
    if (value === null) return { ok: false }
    const at = new Date(this.#clock()).toISOString()
    const cookie = device ? who.device! : newSecret()
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_throttle').where('key', '=', own.key).execute()
      if (device) {
        await trx.updateTable('login_device').set({ last_used_at: at }).where('id_hash', '=', device).execute()
        return
      }
      await trx
        .updateTable('login_throttle')
        .set((eb) => ({ attempts: eb('attempts', '-', 1) }))
        .where('key', '=', address.key)
        .where('attempts', '>', 0)
        .execute()
      await trx.insertInto('login_device').values({ id_hash: hashSecret(cookie), account: who.account, created_at: at, last_used_at: at }).execute()
    })
    return { ok: true, value, device: cookie }
  }

  /** Counts one attempt against every bucket, or none when any of them has to wait. */
  async #reserve(buckets: Bucket[]): Promise<void> {
    const now = this.#clock()
    const at = new Date(now).toISOString()
    const wait = await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_throttle').where('window_start', '<=', new Date(now - WINDOW_MS).toISOString()).execute()
      const rows = await trx.selectFrom('login_throttle').selectAll().where('key', 'in', buckets.map((b) => b.key)).execute()
      const byKey = new Map(rows.map((row) => [row.key, row]))
      const longest = Math.max(...buckets.map((bucket) => waitMs(byKey.get(bucket.key), bucket.rule, now)))
      if (longest > 0) return longest
      for (const { key } of buckets) {
        const row = byKey.get(key)
        if (row) await trx.updateTable('login_throttle').set({ attempts: row.attempts + 1, last_at: at }).where('key', '=', key).execute()
        else await trx.insertInto('login_throttle').values({ key, window_start: at, attempts: 1, last_at: at }).execute()
      }
      return 0
    })
    if (wait > 0) throw new LoginThrottled(Math.ceil(wait / 1000))
  }

  async #knownDevice(cookie: string, account: string): Promise<string | null> {
    const hash = hashSecret(cookie)
    const since = new Date(this.#clock() - DEVICE_DAYS * 86_400_000).toISOString()
    const row = await this.#db.selectFrom('login_device').select('id_hash').where('id_hash', '=', hash).where('account', '=', account).where('last_used_at', '>', since).executeTakeFirst()
    return row ? row.id_hash : null
  }
}

function waitMs(row: Row | undefined, rule: Rule, now: number): number {
  if (!row) return 0
  const windowEnds = Date.parse(row.window_start) + WINDOW_MS
  if (row.attempts >= rule.max) return windowEnds - now
  return Math.max(0, Date.parse(row.last_at) + delayAfter(row.attempts, rule) - now)
}

export const DEVICE_COOKIE = 'rb_device'

/** The device cookie, scoped to the login route that set it and kept for a year. */
function deviceCookie(value: string, path: string, secure: boolean): string {
  return `${DEVICE_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=${path}; Max-Age=${DEVICE_DAYS * 86_400}${secure ? '; Secure' : ''}`
}

/**
 * One login for any login route: the guard counts the attempt, `check` verifies the password; a
 * throttled attempt answers 429 with Retry-After. A success sets the session cookie `sessionCookie`
 * makes of it, then the device cookie.
 */
export async function guardedLogin<T>(
  guard: LoginGuard,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { account: string; loginPath: string; sessionCookie: (value: T, secure: boolean) => string },
  check: () => Promise<T | null>,
): Promise<T | null> {
  const device = readCookie(request, DEVICE_COOKIE)
  try {
    const outcome = await guard.attempt({ account: options.account, address: request.ip, device: device && device.length <= 100 ? device : null }, check)
    if (!outcome.ok) return null
    const secure = request.protocol === 'https'
    reply.header('set-cookie', [options.sessionCookie(outcome.value, secure), deviceCookie(outcome.device, options.loginPath, secure)])
    return outcome.value
  } catch (error) {
    if (error instanceof LoginThrottled) reply.header('retry-after', String(error.retryAfterSeconds))
    throw error
  }
}
