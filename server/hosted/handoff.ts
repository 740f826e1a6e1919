import type { FastifyInstance } from 'fastify'
import { SESSION_COOKIE } from '../auth.js'
import { httpOnlyCookie } from '../cookies.js'
import { unauthorized } from '../errors.js'
import { openAdminSession } from '../services/access.js'
import { hashSecret, newSecret } from '../services/hashing.js'
import type { Consultant, Registry } from './registry.js'

/** How long a builder code lives: long enough for a new tab to open, too short to be worth stealing. */
const HANDOFF_SECONDS = 60
/** A delegated admin session is shorter than one opened with the password (12 hours). */
const DELEGATED_SESSION_HOURS = 2
const HANDOFF_PATH = '/api/session/handoff'

export interface BuilderVisit {
  consultant: string
  createdAt: string
  usedAt: string | null
  usedFrom: string | null
}

/**
 * A one-time code for one tenant's builder, issued to a signed-in consultant whose scope holds the
 * tenant (checked by the caller). Only its hash is stored; the row is also the log of the visit.
 */
export async function issueHandoff(
  registry: Registry,
  consultant: Consultant,
  tenantId: string,
  now: Date,
): Promise<{ code: string; expiresAt: string }> {
  const code = newSecret()
  const expiresAt = new Date(now.getTime() + HANDOFF_SECONDS * 1000).toISOString()
  await registry.db
    .insertInto('builder_handoff')
    .values({
      code_hash: hashSecret(code),
      tenant_id: tenantId,
      consultant_id: consultant.id,
      consultant: consultant.username,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      used_from: null,
    })
    .execute()
  return { code, expiresAt }
}

/**
 * Spends a code: any attempt uses it up (also one at the wrong tenant or too late), so a code works
 * at most once. Answers who issued it when it was good for this tenant and still fresh, else null.
 */
export async function redeemHandoff(
  registry: Registry,
  code: string,
  tenantId: string,
  now: Date,
  from: string,
): Promise<{ consultant: string } | null> {
  const row = await registry.db
    .updateTable('builder_handoff')
    .set({ used_at: now.toISOString(), used_from: from })
    .where('code_hash', '=', hashSecret(code))
    .where('used_at', 'is', null)
    .returning(['tenant_id', 'expires_at', 'consultant'])
    .executeTakeFirst()
  if (!row || row.tenant_id !== tenantId || row.expires_at <= now.toISOString()) return null
  return { consultant: row.consultant }
}

/** Who opened this tenant's builder from the consultant page, newest first. */
export async function builderVisits(registry: Registry, tenantId: string, limit = 50): Promise<BuilderVisit[]> {
  const rows = await registry.db
    .selectFrom('builder_handoff')
    .select(['consultant', 'created_at', 'used_at', 'used_from'])
    .where('tenant_id', '=', tenantId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((row) => ({
    consultant: row.consultant,
    createdAt: row.created_at,
    usedAt: row.used_at,
    usedFrom: row.used_from,
  }))
}

/**
 * The tenant app's half: `POST /api/session/handoff {code}` turns a code into this tenant's admin
 * session cookie (Path=/, which the front door scopes to /t/<tenant>). The code comes in the body,
 * never in a URL, so no access log (ours or a proxy's) ever holds it.
 */
export function handoffPlugin(registry: Registry, tenantId: string) {
  return async (app: FastifyInstance): Promise<void> => {
    app.post<{ Body: { code: string } }>(
      HANDOFF_PATH,
      {
        schema: {
          body: {
            type: 'object',
            required: ['code'],
            additionalProperties: false,
            properties: { code: { type: 'string', minLength: 16, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' } },
          },
        },
      },
      async (request, reply) => {
        const now = app.now()
        const grant = await redeemHandoff(registry, request.body.code, tenantId, now, request.ip)
        if (!grant)
          throw unauthorized(
            'this builder link has expired or was used already: open the builder again from the consultant page',
            'handoff_invalid',
          )
        const { sessionId } = await openAdminSession(app.db, now, DELEGATED_SESSION_HOURS)
        reply.header(
          'set-cookie',
          httpOnlyCookie(SESSION_COOKIE, sessionId, '/', DELEGATED_SESSION_HOURS * 3600, request.protocol === 'https'),
        )
        request.log.info({ consultant: grant.consultant }, 'builder opened by a consultant')
        return { user: 'admin', consultant: grant.consultant }
      },
    )
  }
}
