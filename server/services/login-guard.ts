import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { LoginGuardTables } from '../../db/schema.js'
import { httpOnlyCookie, readCookie } from '../cookies.js'
import { HttpError } from '../errors.js'
import { hashSecret, newSecret } from './hashing.js'

/** How many attempts a key gets in one window: the first `free` at once, then growing delays, never more than `max`. */
interface Rule {
  free: number
  max: number
}

const WINDOW_MS = 15 * 60_000
const MAX_DELAY_MS = 60_000
const DEVICE_DAYS = 365
/** Devices kept per account: the newest; an old laptop's cookie falls off the end. */
const DEVICES_PER_ACCOUNT = 20
/** An address longer than any IPv6 text is no address: it is cut, so a forged header cannot bloat the table. */
const MAX_ADDRESS = 64
// An account (or a browser that logged in to it before) gets at most 10 password checks in any
// 15 minutes, however the requests arrive; an address, which a whole office may share behind one
// router, more.
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  constructor(db: Kysely<any>, options: { clock?: () => number } = {}) {
    this.#db = db as Kysely<LoginGuardTables>
    // The real clock, even when ROLEBOARD_NOW pins the KPIs' "now".
    this.#clock = options.clock ?? Date.now
  }

  async attempt<T>(who: LoginAttempt, check: () => Promise<T | null>): Promise<LoginOutcome<T>> {
    const device = who.device ? await this.#knownDevice(who.device, who.account) : null
    const own: Bucket = device
      ? { key: `device:${device}`, rule: RULES.device }
      : { key: `account:${who.account}`, rule: RULES.account }
    const address: Bucket = { key: `address:${who.address.slice(0, MAX_ADDRESS)}`, rule: RULES.address }
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
      await this.#refund(trx, address.key)
      await trx
        .insertInto('login_device')
        .values({ id_hash: hashSecret(cookie), account: who.account, created_at: at, last_used_at: at })
        .execute()
      await this.#pruneDevices(trx, who.account, at)
    })
    return { ok: true, value, device: cookie }
  }

  /** Counts one attempt against every bucket, or none when any of them has to wait. */
  async #reserve(buckets: Bucket[]): Promise<void> {
    const now = this.#clock()
    const wait = await this.#db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('login_throttle')
        .where('last_at', '<=', now - WINDOW_MS)
        .execute()
      const rows = await trx
        .selectFrom('login_throttle')
        .selectAll()
        .where(
          'key',
          'in',
          buckets.map((b) => b.key),
        )
        .execute()
      const recent = new Map(rows.map((row) => [row.key, attemptsSince(row.attempts_at, now - WINDOW_MS)]))
      const longest = Math.max(...buckets.map((bucket) => waitMs(recent.get(bucket.key) ?? [], bucket.rule, now)))
      if (longest > 0) return longest
      for (const { key } of buckets) {
        const attempts = JSON.stringify([...(recent.get(key) ?? []), now])
        await trx
          .insertInto('login_throttle')
          .values({ key, attempts_at: attempts, last_at: now })
          .onConflict((oc) => oc.column('key').doUpdateSet({ attempts_at: attempts, last_at: now }))
          .execute()
      }
      return 0
    })
    if (wait > 0) throw new LoginThrottled(Math.ceil(wait / 1000))
  }

  /** Gives one attempt back to a bucket (its newest), after a success it should not be charged for. */
  async #refund(trx: Kysely<LoginGuardTables>, key: string): Promise<void> {
    const row = await trx.selectFrom('login_throttle').select('attempts_at').where('key', '=', key).executeTakeFirst()
    if (!row) return
    const attempts = (JSON.parse(row.attempts_at) as number[]).slice(0, -1)
    if (attempts.length === 0) await trx.deleteFrom('login_throttle').where('key', '=', key).execute()
    else
      await trx
        .updateTable('login_throttle')
        .set({ attempts_at: JSON.stringify(attempts), last_at: attempts.at(-1)! })
        .where('key', '=', key)
        .execute()
  }

  /** Forgets devices unused for a year, and all but an account's newest few. */
  async #pruneDevices(trx: Kysely<LoginGuardTables>, account: string, at: string): Promise<void> {
    await trx
      .deleteFrom('login_device')
      .where('last_used_at', '<=', new Date(Date.parse(at) - DEVICE_DAYS * 86_400_000).toISOString())
      .execute()
    const keep = trx
      .selectFrom('login_device')
      .select('id_hash')
      .where('account', '=', account)
      .orderBy('last_used_at', 'desc')
      .limit(DEVICES_PER_ACCOUNT)
    await trx.deleteFrom('login_device').where('account', '=', account).where('id_hash', 'not in', keep).execute()
  }

  /** Ends an account's waiting: its password was just set anew by the person who runs the server. */
  async resetAccount(account: string): Promise<void> {
    await this.#db.deleteFrom('login_throttle').where('key', '=', `account:${account}`).execute()
  }

  async #knownDevice(cookie: string, account: string): Promise<string | null> {
    const hash = hashSecret(cookie)
    const since = new Date(this.#clock() - DEVICE_DAYS * 86_400_000).toISOString()
    const row = await this.#db
      .selectFrom('login_device')
      .select('id_hash')
      .where('id_hash', '=', hash)
      .where('account', '=', account)
      .where('last_used_at', '>', since)
      .executeTakeFirst()
    return row ? row.id_hash : null
  }
}

function attemptsSince(json: string, since: number): number[] {
  return (JSON.parse(json) as number[]).filter((at) => at > since)
}

/** How long a key with these recent attempts (oldest first) must wait before its next one. */
function waitMs(attempts: number[], rule: Rule, now: number): number {
  if (attempts.length === 0) return 0
  // Full: the next attempt waits until the oldest one leaves the sliding window.
  if (attempts.length >= rule.max) return attempts[attempts.length - rule.max]! + WINDOW_MS - now
  return Math.max(0, attempts.at(-1)! + delayAfter(attempts.length, rule) - now)
}

export const DEVICE_COOKIE = 'rb_device'

/** The device cookie, scoped to the login route that set it and kept for a year. */
function deviceCookie(value: string, path: string, secure: boolean): string {
  return httpOnlyCookie(DEVICE_COOKIE, value, path, DEVICE_DAYS * 86_400, secure)
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
    const outcome = await guard.attempt(
      { account: options.account, address: request.ip, device: device && device.length <= 100 ? device : null },
      check,
    )
    if (!outcome.ok) return null
    const secure = request.protocol === 'https'
    reply.header('set-cookie', [
      options.sessionCookie(outcome.value, secure),
      deviceCookie(outcome.device, options.loginPath, secure),
    ])
    return outcome.value
  } catch (error) {
    if (error instanceof LoginThrottled) reply.header('retry-after', String(error.retryAfterSeconds))
    throw error
  }
}
