import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { DbHandle } from '../../db/index.js'
import { displayPath } from '../../db/storage.js'
import type { LockHolder } from '../../db/store.js'
import { SyncError } from './errors.js'

const LOCK = 'sync'
/** A holder that has not renewed for this long is presumed gone: it covers another host, and a pid reused after a crash. */
const LEASE_MS = 10 * 60_000
const HEARTBEAT_MS = 30_000

/** A sync refused because another one (another process, or the server's schedule) runs on the same database. */
export class SyncBusyError extends SyncError {
  override name = 'SyncBusyError'
  constructor(
    path: string,
    readonly holder: LockHolder,
  ) {
    const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`
    super(
      'busy',
      `another sync is running on ${displayPath(path)} (${where}, since ${clockTime(holder.startedAt)}); not starting a second one`,
    )
  }
}

/**
 * Runs `run` holding the database's sync lock, so one sync runs per database file across processes.
 * Throws SyncBusyError, without running, while a live holder has it. The lock's clock is the real one,
 * not a pinned sync clock: it is about processes, not data.
 */
export async function withSyncLock<T>(handle: DbHandle, run: () => Promise<T>): Promise<T> {
  const at = new Date().toISOString()
  const claim: LockHolder = { token: randomUUID(), pid: process.pid, host: hostname(), startedAt: at, heartbeatAt: at }
  const holder = await handle.store.takeLock(LOCK, claim, isLive)
  if (holder.token !== claim.token) throw new SyncBusyError(handle.path, holder)
  const heartbeat = setInterval(() => {
    handle.store.renewLock(LOCK, claim.token, new Date().toISOString()).catch(() => undefined)
  }, HEARTBEAT_MS)
  heartbeat.unref()
  try {
    return await run()
  } finally {
    clearInterval(heartbeat)
    await handle.store.releaseLock(LOCK, claim.token)
  }
}

// A holder on this host is gone as soon as its process is (kill -9 included); elsewhere only its lease tells.
// In this very process, a thread that holds the lock renews it: one that stopped renewing has died (a crashed sync
// thread), and its lock must not keep the next syncs out for the whole lease.
function isLive(holder: LockHolder): boolean {
  const silentMs = Date.now() - Date.parse(holder.heartbeatAt)
  if (silentMs > LEASE_MS) return false
  if (holder.host !== hostname()) return true
  if (holder.pid === process.pid) return silentMs <= 3 * HEARTBEAT_MS
  return processExists(holder.pid)
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** 10:02 today, or 2026-03-01 10:02 on another day, in local time. */
function clockTime(iso: string): string {
  const at = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`
  return new Date().toDateString() === at.toDateString() ? time : `${day} ${time}`
}
