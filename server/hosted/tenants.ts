import { dirname, join, relative } from 'node:path'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { type DbHandle, openDatabase } from '../../db/index.js'
import { dataVersion, moveSqliteFiles, removeSqliteFiles } from '../../db/sqlite.js'
import { buildApp } from '../app.js'
import { webPlugin } from '../web.js'
import type { Config } from '../config.js'
import { ensureAdmin } from '../services/access.js'
import { installDefaults } from '../services/dashboards.js'
import { handoffPlugin } from './handoff.js'
import type { NewTenant, Registry, SimSize, TenantRow } from './registry.js'
import { EvaluationThread } from '../workers/evaluator.js'
import type { PsaSource } from '../psa.js'
import { startPsaSimulator } from '../psa-simulator.js'
import { type ScheduledSync, SyncThread } from '../workers/sync-thread.js'

export interface TenantRuntime {
  tenant: TenantRow
  /** The tenant's own roleboard app over its own database: nothing is shared with another tenant. */
  app: FastifyInstance
  handle: DbHandle
  /** Runs a sync now (or waits for the one under way). */
  syncNow(): Promise<void>
  syncing(): boolean
  close(): Promise<void>
}

export interface TenantHostOptions {
  registry: Registry
  /** Settings every tenant shares (time zone, business hours, API share); the database and interval are the tenant's own. */
  baseConfig: Config
  version: string
  /** Logger options for each tenant app; the tenant id is added to every line. */
  logger?: FastifyServerOptions['logger']
  /** Start a sync as soon as a tenant opens (off in tests, which sync on purpose). */
  syncOnOpen?: boolean
  /** How often to look for tenants removed behind the server's back, so their schedules stop (default 5 s). */
  registryCheckMs?: number
}

export interface RemovedTenant {
  id: string
  /** The tenant's data file as the registry stored it (relative to the hosted folder). */
  dataFile: string
  data: 'kept' | 'deleted'
}

/**
 * Creates a tenant: its registry row (credentials sealed) and its database with the default dashboards
 * and its admin account. Returns the admin password when one was generated, to be shown once.
 */
export async function provisionTenant(
  registry: Registry,
  input: NewTenant,
  now: string,
  adminPassword?: string,
): Promise<{ tenant: TenantRow; adminPassword?: string }> {
  const tenant = await registry.addTenant(input, now)
  // A database that cannot be created (say a read-only folder) leaves no half-made tenant in the registry.
  const handle = await openDatabase(registry.tenantDbPath(tenant)).catch(async (error: unknown) => {
    await registry.removeTenant(tenant.id)
    throw error
  })
  try {
    await installDefaults(handle.db, now)
    const admin = await ensureAdmin(handle.db, adminPassword, now)
    return admin.generated ? { tenant, adminPassword: admin.generated } : { tenant }
  } finally {
    await handle.close()
  }
}

/**
 * Removes a tenant from the registry (its row and every consultant's grant on it); `release` then
 * closes whatever still has its file open, and the file is deleted only when asked. Null: no such tenant.
 */
export async function deprovisionTenant(
  registry: Registry,
  id: string,
  options: { deleteData: boolean; release?: () => Promise<void> },
): Promise<RemovedTenant | null> {
  const tenant = await registry.getTenant(id)
  if (!tenant || !(await registry.removeTenant(id))) return null
  await options.release?.()
  const path = registry.tenantDbPath(tenant)
  if (options.deleteData) {
    removeSqliteFiles(path)
    return { id, dataFile: tenant.db_path, data: 'deleted' }
  }
  // Kept out of the way: a new tenant given the same id later must start from an empty database,
  // never from this client's data, admin and links.
  const kept = join(
    dirname(path),
    'removed',
    `${id}-${new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}.sqlite`,
  )
  moveSqliteFiles(path, kept)
  return { id, dataFile: relative(registry.dir, kept), data: 'kept' }
}

/** What happened, in one line, for the CLI and the consultant API alike. */
export function removalLine(removed: RemovedTenant): string {
  return `Tenant "${removed.id}" removed: no longer served or synced; its data file ${removed.dataFile} ${removed.data === 'deleted' ? 'was deleted' : 'is kept'}.`
}

/** The open tenants of a hosted install: one app, database handle and sync schedule each, on two shared threads. */
export class TenantHost {
  readonly #options: TenantHostOptions
  readonly #open = new Map<string, Promise<TenantRuntime | null>>()
  readonly #registryCheck: NodeJS.Timeout
  // One evaluation thread and one sync thread for all tenants, each tenant on its own connections to its own file.
  readonly #evaluation: EvaluationThread
  readonly #syncs = new SyncThread()
  #registryVersion: number | null = null
  #sweep: Promise<void> | null = null

  constructor(options: TenantHostOptions) {
    this.#options = options
    this.#evaluation = new EvaluationThread(options.baseConfig)
    // Without any request for it, a tenant removed behind the server's back still stops syncing soon.
    this.#registryCheck = setInterval(
      () => void this.#forgetRemoved().catch(() => undefined),
      options.registryCheckMs ?? 5_000,
    )
    this.#registryCheck.unref()
  }

  get registry(): Registry {
    return this.#options.registry
  }

  /** Opens every tenant; one that cannot open (a bad file, credentials that do not decrypt) is reported, not fatal to the others. */
  async openAll(): Promise<{ open: TenantRuntime[]; failed: Array<{ id: string; error: Error }> }> {
    const open = []
    const failed = []
    for (const tenant of await this.registry.listTenants()) {
      try {
        const runtime = await this.open(tenant.id)
        if (runtime) open.push(runtime)
      } catch (error) {
        failed.push({ id: tenant.id, error: error as Error })
      }
    }
    return { open, failed }
  }

  /**
   * The tenant's runtime, opened at first use (so a tenant added from the CLI meanwhile is picked up);
   * null when there is no such tenant, also when its registry row was deleted since it opened.
   */
  async open(id: string): Promise<TenantRuntime | null> {
    await this.#forgetRemoved()
    return this.#cached(id)
  }

  /** Takes a tenant out of service at once (schedule stopped, app and database closed) and out of the registry. */
  remove(id: string, options: { deleteData: boolean }): Promise<RemovedTenant | null> {
    return deprovisionTenant(this.registry, id, { ...options, release: () => this.#close(id) })
  }

  #cached(id: string): Promise<TenantRuntime | null> {
    let pending = this.#open.get(id)
    if (!pending) {
      pending = this.#start(id)
      this.#open.set(id, pending)
      // A failed open (a bad key, a broken file) is tried again at the next request, not remembered.
      pending.then(
        (runtime) => runtime ?? this.#open.delete(id),
        () => this.#open.delete(id),
      )
    }
    return pending
  }

  /** Closes and reopens a tenant, after its interval or credentials changed. */
  async reload(id: string): Promise<TenantRuntime | null> {
    await this.#close(id)
    return this.open(id)
  }

  async closeAll(): Promise<void> {
    clearInterval(this.#registryCheck)
    const pending = [...this.#open.values()]
    this.#open.clear()
    try {
      // One tenant failing to close must not leave the others (or the threads) open.
      const runtimes = await Promise.allSettled(pending)
      await Promise.allSettled(
        runtimes.map((runtime) => (runtime.status === 'fulfilled' ? runtime.value?.close() : null)),
      )
    } finally {
      await this.#evaluation.close()
      await this.#syncs.close()
    }
  }

  // Forgotten at once (the next open starts afresh), then closed: schedule, app, database.
  async #close(id: string): Promise<void> {
    const pending = this.#open.get(id)
    this.#open.delete(id)
    await (await pending?.catch(() => null))?.close()
  }

  /**
   * Closes the runtimes of tenants whose registry row is gone: removed by another process (the CLI) or
   * by hand. The registry's data_version changes only when another connection wrote it, so a request
   * costs one pragma, and the tenant list is read only after such a change.
   */
  #forgetRemoved(): Promise<void> {
    this.#sweep ??= this.#sweepOnce().finally(() => (this.#sweep = null))
    return this.#sweep
  }

  async #sweepOnce(): Promise<void> {
    const version = await dataVersion(this.registry.db)
    if (version === this.#registryVersion) return
    this.#registryVersion = version
    // A tenant counts as the same only with the same row: removed and added again under its id, it is another client.
    const present = new Map((await this.registry.listTenants()).map((tenant) => [tenant.id, tenant.created_at]))
    for (const [id, pending] of [...this.#open.entries()]) {
      void pending
        .then((runtime) => {
          if (runtime && present.get(id) !== runtime.tenant.created_at) return this.#close(id)
        })
        .catch(() => undefined)
    }
  }

  async #start(id: string): Promise<TenantRuntime | null> {
    const tenant = await this.registry.getTenant(id)
    if (!tenant) return null
    const { baseConfig, version } = this.#options
    const source = await this.#source(tenant)
    const config: Config = {
      ...baseConfig,
      dbPath: this.registry.tenantDbPath(tenant),
      syncIntervalSeconds: tenant.sync_interval_seconds,
    }
    // A tenant whose file cannot open must not leave its simulated desk running: a failed open is retried per request.
    const handle = await openDatabase(config.dbPath).catch(async (error: unknown) => {
      await source.close()
      throw error
    })
    let app: FastifyInstance
    // Made once the app is: the tenant's verified webhook callouts are read again by its schedule on the sync thread.
    let schedule: ScheduledSync | null = null
    try {
      const logger = this.#options.logger
      app = await buildApp({
        config,
        handle,
        version,
        // Each tenant serves the same built pages; they find their API under /t/<tenant> themselves.
        // The handoff route lets a consultant in with a one-time code from the registry.
        plugins: [webPlugin, handoffPlugin(this.registry, id)],
        evaluator: this.#evaluation.forDatabase(config.dbPath),
        secretBox: this.registry.secretBox,
        onHint: async (entity, ids) => schedule?.hint(entity, ids),
        // A nudge links to the tenant's wall, which the front door serves under the tenant's prefix.
        nudges: { basePath: `/t/${id}` },
        logger: logger && typeof logger === 'object' ? { ...logger, base: { tenant: id } } : (logger ?? false),
      })
      await app.ready()
    } catch (error) {
      await handle.close()
      await source.close()
      throw error
    }
    // A removed tenant's sync must not go on using its credentials and budget: stopping the schedule ends it.
    const scheduled = this.#syncs.schedule(id, { config, source: source.account }, app.log)
    schedule = scheduled
    if (this.#options.syncOnOpen ?? true) void scheduled.runOnce()
    return {
      tenant,
      app,
      handle,
      syncNow: () => scheduled.runOnce(),
      syncing: () => scheduled.syncing(),
      async close() {
        await scheduled.stop()
        await app.close()
        await handle.close()
        await source.close()
      },
    }
  }

  // A demo tenant gets its own simulated desk (its own seed) speaking its PSA, on a port of its own on the loopback.
  async #source(tenant: TenantRow): Promise<{ account: PsaSource; close(): Promise<void> }> {
    const account = this.registry.sourceOf(tenant)
    if (account) return { account, close: async () => undefined }
    const frozen = this.#options.baseConfig.now
    const world = { size: (tenant.sim_size ?? 'small') as SimSize, seed: tenant.sim_seed ?? 42, now: frozen }
    // As in the demo: the simulated desk keeps working in real time, unless the clock is pinned.
    const sim = await startPsaSimulator(tenant.psa, {
      world,
      port: 0,
      host: '127.0.0.1',
      speed: frozen ? 0 : 1,
      tickMs: 30_000,
    })
    return { account: sim.source, close: () => sim.close() }
  }
}
