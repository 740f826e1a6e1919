import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireAdmin } from '../auth.js'
import {
  type DashboardPackage,
  diffPackage,
  exportPackage,
  importPackage,
  listInstalled,
  MAX_PACKAGE_BYTES,
  type Plan,
  planSummary,
  upgradePackage,
} from '../services/packages/index.js'
import { errorResponses, OpenOf } from '../wire/common.js'
import {
  ExportQuerySchema,
  InstalledPackagesSchema,
  MergeBodySchema,
  PackageBodySchema,
  PlanSummarySchema,
} from '../wire/packages.js'

const bodyLimit = MAX_PACKAGE_BYTES

export const packageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const now = () => app.now().toISOString()
  const changed = (plan: Plan) => {
    if (plan.strip) app.stripVersion += 1
    return planSummary(plan)
  }

  app.get(
    '/api/packages',
    { schema: { response: { 200: InstalledPackagesSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return { packages: await listInstalled(app.db) }
    },
  )

  app.get(
    '/api/packages/export',
    { schema: { querystring: ExportQuerySchema, response: { 200: OpenOf<DashboardPackage>(), ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const { roles, ...options } = request.query
      return exportPackage(app.db, { ...options, ...(roles ? { roles: roles.split(',') } : {}) })
    },
  )

  app.post(
    '/api/packages/diff',
    { bodyLimit, schema: { body: MergeBodySchema, response: { 200: PlanSummarySchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return planSummary(await diffPackage(app.db, request.body.package, request.body.onConflict ?? null))
    },
  )

  app.post(
    '/api/packages/import',
    { bodyLimit, schema: { body: PackageBodySchema, response: { 201: PlanSummarySchema, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      return reply.code(201).send(changed(await importPackage(app.db, request.body.package, now())))
    },
  )

  app.post(
    '/api/packages/upgrade',
    { bodyLimit, schema: { body: MergeBodySchema, response: { 200: PlanSummarySchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return changed(await upgradePackage(app.db, request.body.package, request.body.onConflict ?? null, now()))
    },
  )
}
