import { existsSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { type Generated, Kysely, Migrator, type Selectable, SqliteDialect } from 'kysely'
import type { LoginGuardTables } from '../../db/schema.js'
import { openSqlite } from '../../db/sqlite.js'
import { hostedMigrations } from '../../migrations/hosted/index.js'
import { hashPassword, hashSecret, newSecret, verifyPassword } from '../services/hashing.js'
import { HostedError } from './config.js'
import { CannotDecryptError, SecretBox } from '../services/secret-box.js'
import { PSA_TITLES, type PsaName, type PsaSource } from '../psa.js'

/** Where a tenant's data comes from: its own PSA account, or the built-in simulator (speaking the tenant's `psa`). */
export type TenantSourceKind = PsaName | 'simulator'

export interface TenantTable {
  id: string
  name: string
  db_path: string
  source: TenantSourceKind
  /** The PSA its syncs speak: its account's, or the one its simulator serves. */
  psa: PsaName
  credentials: string | null
  sim_seed: number | null
  sim_size: string | null
  sync_interval_seconds: number
  created_at: string
}

export interface HostedDatabase extends LoginGuardTables {
  tenant: TenantTable
  consultant: { id: Generated<number>; username: string; password_hash: string; all_tenants: 0 | 1; created_at: string }
  consultant_tenant: { consultant_id: number; tenant_id: string }
  consultant_session: { id_hash: string; consultant_id: number; created_at: string; expires_at: string }
  hosted_meta: { key: string; value: string }
  builder_handoff: {
    id: Generated<number>
    code_hash: string
    tenant_id: string
    consultant_id: number
    consultant: string
    created_at: string
    expires_at: string
    used_at: string | null
    used_from: string | null
  }
}

export type TenantRow = Selectable<TenantTable>
export type SimSize = 'tiny' | 'small' | 'medium' | 'large'

export interface Consultant {
  id: number
  username: string
  /** null: every tenant of the install. */
  tenants: Set<string> | null
}

export interface NewTenant {
  id: string
  name: string
  source: TenantSourceKind
  /** The PSA account of a tenant whose source is that PSA (sealed at rest). */
  account?: PsaSource
  simulator?: { seed: number; size: SimSize; psa?: PsaName }
  syncIntervalSeconds: number
}

const SESSION_HOURS = 12
const KEY_CHECK = 'key_check'

/**
 * The hosted registry (hosted.sqlite): tenants, their sealed PSA credentials and the consultant
 * accounts. Tenant data never lives here; each tenant has its own database file.
 */
export class Registry {
  readonly db: Kysely<HostedDatabase>
  readonly dir: string
  readonly #box: SecretBox

  private constructor(db: Kysely<HostedDatabase>, dir: string, box: SecretBox) {
    this.db = db
    this.dir = dir
    this.#box = box
  }

  /** Opens (creating and migrating) the registry, and refuses a ROLEBOARD_SECRET_KEY other than the one it was set up with. */
  static async open(path: string, secretKey: string): Promise<Registry> {
    // openSqlite creates the folder (0700) and the file (0600), or names the storage problem in one line.
    const db = new Kysely<HostedDatabase>({ dialect: new SqliteDialect({ database: openSqlite(path) }) })
    try {
      const { error, results } = await new Migrator({
        db,
        provider: { getMigrations: async () => hostedMigrations },
      }).migrateToLatest()
      const failed = results?.find((result) => result.status === 'Error')
      if (error || failed)
        throw new HostedError(
          `hosted registry migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      const registry = new Registry(db, dirname(path), new SecretBox(secretKey))
      await registry.#checkKey()
      return registry
    } catch (error) {
      await db.destroy()
      throw error
    }
  }

  close(): Promise<void> {
    return this.db.destroy()
  }

  /** The box sealed with ROLEBOARD_SECRET_KEY: the tenant apps keep their own stored secrets in it too. */
  get secretBox(): SecretBox {
    return this.#box
  }

  // A sealed known value: a wrong key is refused at start, not at the first sync of some tenant.
  async #checkKey(): Promise<void> {
    const row = await this.db.selectFrom('hosted_meta').select('value').where('key', '=', KEY_CHECK).executeTakeFirst()
    if (!row) {
      await this.db
        .insertInto('hosted_meta')
        .values({ key: KEY_CHECK, value: this.#box.seal('roleboard', KEY_CHECK) })
        .execute()
      return
    }
    try {
      this.#box.open(row.value, KEY_CHECK)
    } catch (error) {
      if (!(error instanceof CannotDecryptError)) throw error
      throw new CannotDecryptError(
        `cannot decrypt this install's stored PSA credentials: ROLEBOARD_SECRET_KEY is not the key they were encrypted with. ` +
          `Start with the original key (a new key means entering every tenant's PSA credentials again).`,
      )
    }
  }

  tenantDbPath(row: Pick<TenantRow, 'db_path'>): string {
    return isAbsolute(row.db_path) ? row.db_path : resolve(this.dir, row.db_path)
  }

  listTenants(): Promise<TenantRow[]> {
    return this.db.selectFrom('tenant').selectAll().orderBy('id').execute()
  }

  async getTenant(id: string): Promise<TenantRow | null> {
    return (await this.db.selectFrom('tenant').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
  }

  async addTenant(input: NewTenant, now: string): Promise<TenantRow> {
    if (await this.getTenant(input.id)) throw new HostedError(`there is a tenant "${input.id}" already`)
    const account = input.source === 'simulator' ? null : input.account
    if (input.source !== 'simulator' && account?.psa !== input.source)
      throw new HostedError(`a ${PSA_TITLES[input.source]} tenant needs its ${PSA_TITLES[input.source]} credentials`)
    // Stored relative to the registry, so the whole folder can be moved or restored elsewhere.
    const dbPath = relative(this.dir, join(this.dir, 'tenants', `${input.id}.sqlite`))
    const row: TenantRow = {
      id: input.id,
      name: input.name,
      db_path: dbPath,
      source: input.source,
      psa: account?.psa ?? input.simulator?.psa ?? 'autotask',
      credentials: account ? this.#sealCredentials(input.id, account) : null,
      sim_seed: input.source === 'simulator' ? (input.simulator?.seed ?? 42) : null,
      sim_size: input.source === 'simulator' ? (input.simulator?.size ?? 'small') : null,
      sync_interval_seconds: input.syncIntervalSeconds,
      created_at: now,
    }
    // A file left at this path (restored by hand, or an earlier install's) belongs to some other client.
    if (existsSync(this.tenantDbPath(row)))
      throw new HostedError(
        `a data file for tenant "${input.id}" exists already (${row.db_path}): move it away, or choose another id`,
      )
    await this.db.insertInto('tenant').values(row).execute()
    return row
  }

  async updateTenant(
    id: string,
    change: { name?: string; syncIntervalSeconds?: number; account?: PsaSource },
  ): Promise<TenantRow | null> {
    const tenant = await this.getTenant(id)
    if (!tenant) return null
    if (change.account && tenant.source === 'simulator')
      throw new HostedError(`tenant "${id}" runs on the built-in simulator and takes no PSA credentials`)
    if (change.account && change.account.psa !== tenant.source)
      throw new HostedError(
        `tenant "${id}" syncs from ${PSA_TITLES[tenant.psa]} and takes no ${PSA_TITLES[change.account.psa]} credentials`,
      )
    const set: Partial<TenantTable> = {}
    if (change.name !== undefined) set.name = change.name
    if (change.syncIntervalSeconds !== undefined) set.sync_interval_seconds = change.syncIntervalSeconds
    if (change.account) set.credentials = this.#sealCredentials(id, change.account)
    if (Object.keys(set).length > 0) await this.db.updateTable('tenant').set(set).where('id', '=', id).execute()
    return this.getTenant(id)
  }

  /** Deletes the tenant's row and every consultant's grant on it; false when there was no such tenant. */
  async removeTenant(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('consultant_tenant').where('tenant_id', '=', id).execute()
      const { numDeletedRows } = await trx.deleteFrom('tenant').where('id', '=', id).executeTakeFirst()
      return numDeletedRows > 0n
    })
  }

  /** The tenant's PSA account in clear, for its connector only: never for an answer or a log line. */
  sourceOf(tenant: TenantRow): PsaSource | null {
    if (!tenant.credentials || tenant.source === 'simulator') return null
    const plain = this.#box.open(
      tenant.credentials,
      `tenant:${tenant.id}`,
      `the ${PSA_TITLES[tenant.source]} credentials of tenant "${tenant.id}"`,
    )
    return { psa: tenant.source, credentials: JSON.parse(plain) } as PsaSource
  }

  // Only the fields a connector reads are sealed: nothing else a caller's object carried.
  #sealCredentials(id: string, account: PsaSource): string {
    const fields =
      account.psa === 'autotask'
        ? (({ username, secret, integrationCode, discoveryUrl }) => ({
            username,
            secret,
            integrationCode,
            discoveryUrl,
          }))(account.credentials)
        : (({ site, company, publicKey, privateKey, clientId }) => ({
            site,
            company,
            publicKey,
            privateKey,
            clientId,
          }))(account.credentials)
    return this.#box.seal(JSON.stringify(fields), `tenant:${id}`)
  }

  async addConsultant(username: string, password: string, tenants: string[] | null, now: string): Promise<void> {
    if (await this.db.selectFrom('consultant').select('id').where('username', '=', username).executeTakeFirst())
      throw new HostedError(`there is a consultant "${username}" already`)
    for (const id of tenants ?? []) if (!(await this.getTenant(id))) throw new HostedError(`there is no tenant "${id}"`)
    const hash = await hashPassword(password)
    await this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('consultant')
        .values({ username, password_hash: hash, all_tenants: tenants ? 0 : 1, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const tenant of tenants ?? [])
        await trx.insertInto('consultant_tenant').values({ consultant_id: id, tenant_id: tenant }).execute()
    })
  }

  async login(username: string, password: string, now: Date): Promise<{ sessionId: string } | null> {
    const user = await this.db.selectFrom('consultant').selectAll().where('username', '=', username).executeTakeFirst()
    // Without a user, still spend the time of a hash, so timing does not tell which names exist.
    const ok = user ? await verifyPassword(password, user.password_hash) : (await hashPassword(password), false)
    if (!user || !ok) return null
    const sessionId = newSecret()
    const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString()
    await this.db
      .insertInto('consultant_session')
      .values({
        id_hash: hashSecret(sessionId),
        consultant_id: user.id,
        created_at: now.toISOString(),
        expires_at: expires,
      })
      .execute()
    return { sessionId }
  }

  async logout(sessionId: string): Promise<void> {
    await this.db.deleteFrom('consultant_session').where('id_hash', '=', hashSecret(sessionId)).execute()
  }

  async sessionConsultant(sessionId: string, now: Date): Promise<Consultant | null> {
    const row = await this.db
      .selectFrom('consultant_session')
      .innerJoin('consultant', 'consultant.id', 'consultant_session.consultant_id')
      .select(['consultant.id', 'consultant.username', 'consultant.all_tenants', 'consultant_session.expires_at'])
      .where('consultant_session.id_hash', '=', hashSecret(sessionId))
      .executeTakeFirst()
    if (!row || row.expires_at <= now.toISOString()) return null
    if (row.all_tenants === 1) return { id: row.id, username: row.username, tenants: null }
    const scoped = await this.db
      .selectFrom('consultant_tenant')
      .select('tenant_id')
      .where('consultant_id', '=', row.id)
      .execute()
    return { id: row.id, username: row.username, tenants: new Set(scoped.map((s) => s.tenant_id)) }
  }
}
