import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Lang } from '../../kpi-library/wire-types.js'
import { badRequest } from '../errors.js'
import type { CreatedLink, NewLink, Person } from '../wire/tokens.js'
import { screenPath } from './addresses.js'
import { LoginGuard } from './login-guard.js'
import { hashPassword, hashSecret, newSecret, verifyPassword } from './hashing.js'

const SESSION_HOURS = 12

export type Principal =
  | { kind: 'admin'; userId: number; name: string }
  | { kind: 'wall'; tokenId: number; role: string; name: string; lang: Lang | null }
  | { kind: 'person'; tokenId: number; resourceId: number; name: string; lang: Lang | null }

/**
 * Creates the admin account on first start: with ROLEBOARD_ADMIN_PASSWORD when set, otherwise a
 * generated password that is returned once (to be printed) and never stored in clear.
 */
export async function ensureAdmin(
  db: Kysely<Database>,
  password: string | undefined,
  now: string,
): Promise<{ created: boolean; generated?: string }> {
  const existing = await db
    .selectFrom('admin_user')
    .select(['id', 'password_hash'])
    .where('username', '=', 'admin')
    .executeTakeFirst()
  if (existing) {
    // Setting ROLEBOARD_ADMIN_PASSWORD again is how an owner resets a forgotten password.
    if (password && !(await verifyPassword(password, existing.password_hash))) {
      await db
        .updateTable('admin_user')
        .set({ password_hash: await hashPassword(password) })
        .where('id', '=', existing.id)
        .execute()
      await db.deleteFrom('admin_session').where('user_id', '=', existing.id).execute()
      await new LoginGuard(db).resetAccount('admin')
    }
    return { created: false }
  }
  const generated = password ? undefined : randomBytes(12).toString('base64url')
  await db
    .insertInto('admin_user')
    .values({ username: 'admin', password_hash: await hashPassword(password ?? generated!), created_at: now })
    .execute()
  return generated ? { created: true, generated } : { created: true }
}

export async function login(
  db: Kysely<Database>,
  username: string,
  password: string,
  now: Date,
): Promise<{ sessionId: string; expires: Date } | null> {
  const user = await db.selectFrom('admin_user').selectAll().where('username', '=', username).executeTakeFirst()
  // Without a user, still spend the time of a hash, so timing does not tell which names exist.
  const ok = user ? await verifyPassword(password, user.password_hash) : (await hashPassword(password), false)
  if (!user || !ok) return null
  return openSession(db, user.id, now, SESSION_HOURS)
}

/** A new admin session for `userId`, good for `hours`; only its hash is stored. */
export async function openSession(
  db: Kysely<Database>,
  userId: number,
  now: Date,
  hours: number,
): Promise<{ sessionId: string; expires: Date }> {
  const sessionId = newSecret()
  const expires = new Date(now.getTime() + hours * 3_600_000)
  await db
    .insertInto('admin_session')
    .values({
      id_hash: hashSecret(sessionId),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
    })
    .execute()
  return { sessionId, expires }
}

/** A session as the builder's admin for someone let in without the password (a consultant's one-time code). */
export async function openAdminSession(
  db: Kysely<Database>,
  now: Date,
  hours: number,
): Promise<{ sessionId: string; expires: Date }> {
  const admin = await db.selectFrom('admin_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
  return openSession(db, admin.id, now, hours)
}

export async function logout(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('admin_session').where('id_hash', '=', hashSecret(sessionId)).execute()
}

export async function sessionPrincipal(db: Kysely<Database>, sessionId: string, now: Date): Promise<Principal | null> {
  const row = await db
    .selectFrom('admin_session')
    .innerJoin('admin_user', 'admin_user.id', 'admin_session.user_id')
    .select(['admin_user.id', 'admin_user.username', 'admin_session.expires_at'])
    .where('admin_session.id_hash', '=', hashSecret(sessionId))
    .executeTakeFirst()
  if (!row || row.expires_at <= now.toISOString()) return null
  return { kind: 'admin', userId: row.id, name: row.username }
}

export type TokenLookup = { principal: Principal } | { revoked: true } | null

export async function tokenPrincipal(db: Kysely<Database>, token: string, now: Date): Promise<TokenLookup> {
  const row = await db
    .selectFrom('access_token')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row) return null
  if (row.revoked_at) return { revoked: true }
  // last_seen_at is written at most once a minute per screen: 500 polling screens stay cheap.
  if (!row.last_seen_at || now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await db.updateTable('access_token').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute()
  }
  if (row.kind === 'wall')
    return { principal: { kind: 'wall', tokenId: row.id, role: row.role!, name: row.name, lang: row.lang } }
  return {
    principal: { kind: 'person', tokenId: row.id, resourceId: row.resource_id!, name: row.name, lang: row.lang },
  }
}

export async function createToken(
  db: Kysely<Database>,
  input: ({ kind: 'wall'; role: string; name: string } | { kind: 'person'; resourceId: number; name: string }) & {
    lang?: Lang | undefined
  },
  now: string,
  token = newSecret(),
): Promise<{ id: number; token: string }> {
  const row = await db
    .insertInto('access_token')
    .values({
      token_hash: hashSecret(token),
      kind: input.kind,
      role: input.kind === 'wall' ? input.role : null,
      resource_id: input.kind === 'person' ? input.resourceId : null,
      name: input.name,
      created_at: now,
      lang: input.lang ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, token }
}

/**
 * A new screen link, its token shown this once: a wall link shows a role that has a dashboard, a personal link a
 * person the PSA knows; anything else is refused with what to change.
 */
export async function createLink(db: Kysely<Database>, input: NewLink, now: string): Promise<CreatedLink> {
  const { kind, role, resourceId, name } = input
  const lang = input.lang ?? 'en'
  if (kind === 'wall') {
    if (!role) throw badRequest('a wall-screen link needs the role whose dashboard it shows')
    if (resourceId !== undefined)
      throw badRequest('a wall-screen link shows a role, not a person: leave out resourceId')
    const found = await db.selectFrom('dashboard').select('id').where('role', '=', role).executeTakeFirst()
    if (!found) throw badRequest(`the role "${role}" has no dashboard`)
    const { id, token } = await createToken(db, { kind, role, name, lang }, now)
    return { id, kind, role, name, lang, token, path: screenPath('wall', role, token, lang) }
  }
  if (!resourceId) throw badRequest("a personal link needs the person's resourceId")
  if (role !== undefined) throw badRequest('a personal link shows a person, not a role: leave out role')
  const person = await db.selectFrom('resource').select('id').where('id', '=', resourceId).executeTakeFirst()
  if (!person) throw badRequest(`there is no resource ${resourceId}`)
  const { id, token } = await createToken(db, { kind, resourceId, name, lang }, now)
  return { id, kind, resourceId, name, lang, token, path: screenPath('person', resourceId, token, lang) }
}

/** The people a personal link can be made for, active first, by name: ids and names only. */
export async function linkablePeople(db: Kysely<Database>): Promise<Person[]> {
  const rows = await db.selectFrom('resource').select(['id', 'first_name', 'last_name', 'is_active']).execute()
  const people = rows.map((row) => ({ id: row.id, name: personName(row) || `#${row.id}`, active: row.is_active === 1 }))
  return people.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name) || a.id - b.id)
}

export async function listTokens(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('access_token')
    .leftJoin('resource', 'resource.id', 'access_token.resource_id')
    .select([
      'access_token.id',
      'kind',
      'role',
      'resource_id',
      'name',
      'created_at',
      'last_seen_at',
      'revoked_at',
      'lang',
      'resource.first_name',
      'resource.last_name',
    ])
    .orderBy('access_token.id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    role: row.role,
    resourceId: row.resource_id,
    // A personal link names its person as the PSA has them now.
    person: row.kind === 'person' ? personName(row) : null,
    name: row.name,
    lang: row.lang ?? 'en',
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    revokedAt: row.revoked_at,
  }))
}

export function personName(row: { first_name: string | null; last_name: string | null }): string {
  return `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim()
}

/** Whether a link (by its secret) is still live: a demo reuses its printed links across restarts. */
export async function liveToken(
  db: Kysely<Database>,
  token: string,
): Promise<{ id: number; kind: 'wall' | 'person'; role: string | null } | null> {
  const row = await db
    .selectFrom('access_token')
    .select(['id', 'kind', 'role'])
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row ?? null
}

export async function revokeToken(db: Kysely<Database>, id: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('access_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
