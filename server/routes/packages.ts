import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../auth.js'
import { errorResponses, RoleId } from '../schemas.js'
import {
  type ConflictRule,
  diffPackage,
  exportPackage,
  importPackage,
  listInstalled,
  MAX_PACKAGE_BYTES,
  type Plan,
  planSummary,
  upgradePackage,
} from '../services/packages/index.js'

// The package itself is checked against docs/package.schema.json by the service (one message for
// CLI and API alike); the route schemas check the envelope.
const AnyObject = { type: 'object', additionalProperties: true } as const
const OnConflict = { type: 'string', enum: ['keep-mine', 'take-theirs'] } as const
const PackageBody = { type: 'object', required: ['package'], additionalProperties: false, properties: { package: AnyObject } } as const
const MergeBody = { ...PackageBody, properties: { ...PackageBody.properties, onConflict: OnConflict } } as const
const PlanAnswer = {
  type: 'object',
  properties: {
    mode: { type: 'string' },
    name: { type: 'string' },
    version: { type: 'string' },
    from: { type: ['string', 'null'] },
    onConflict: { type: ['string', 'null'] },
    conflicts: { type: 'integer' },
    sections: { type: 'array', items: AnyObject },
    text: { type: 'string' },
  },
} as const
const Installed = {
  type: 'object',
  properties: {
    packages: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          version: { type: 'string' },
          author: { type: 'string' },
          description: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
          strip: { type: 'boolean' },
          installedAt: { type: 'string' },
        },
      },
    },
  },
} as const
const bodyLimit = MAX_PACKAGE_BYTES

export async function packageRoutes(app: FastifyInstance): Promise<void> {
  const now = () => app.now().toISOString()
  const changed = (plan: Plan) => {
    if (plan.strip) app.stripVersion += 1
    return planSummary(plan)
  }

  app.get('/api/packages', { schema: { response: { 200: Installed, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return { packages: await listInstalled(app.db) }
  })

  app.get<{ Querystring: { roles?: string; name?: string; version?: string; author?: string; strip?: boolean } }>(
    '/api/packages/export',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            roles: { type: 'string', pattern: `^${RoleId.pattern.slice(1, -1)}(,${RoleId.pattern.slice(1, -1)})*$`, maxLength: 2000 },
            name: { type: 'string', maxLength: 64 },
            version: { type: 'string', maxLength: 64 },
            author: { type: 'string', maxLength: 120 },
            strip: { type: 'boolean' },
          },
        },
        response: { 200: AnyObject, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      const { roles, ...options } = request.query
      return exportPackage(app.db, { ...options, ...(roles ? { roles: roles.split(',') } : {}) })
    },
  )

  app.post<{ Body: { package: unknown; onConflict?: ConflictRule } }>(
    '/api/packages/diff',
    { bodyLimit, schema: { body: MergeBody, response: { 200: PlanAnswer, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return planSummary(await diffPackage(app.db, request.body.package, request.body.onConflict ?? null))
    },
  )

  app.post<{ Body: { package: unknown } }>(
    '/api/packages/import',
    { bodyLimit, schema: { body: PackageBody, response: { 201: PlanAnswer, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      return reply.code(201).send(changed(await importPackage(app.db, request.body.package, now())))
    },
  )

  app.post<{ Body: { package: unknown; onConflict?: ConflictRule } }>(
    '/api/packages/upgrade',
    { bodyLimit, schema: { body: MergeBody, response: { 200: PlanAnswer, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return changed(await upgradePackage(app.db, request.body.package, request.body.onConflict ?? null, now()))
    },
  )
}
