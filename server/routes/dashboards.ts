import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadSettings } from '../../kpi-library/settings.js'
import { requireAdmin, requireRoleView } from '../auth.js'
import { notFound } from '../errors.js'
import { DashboardCache } from '../services/dashboard-cache.js'
import {
  addTile,
  changeTile,
  createDashboard,
  dashboardVersion,
  getDashboard,
  removeTile,
  updateDashboard,
} from '../services/dashboards.js'
import { errorResponses, RoleParamsSchema, Serialised } from '../wire/common.js'
import {
  DashboardChangeSchema,
  DashboardSchema,
  NewDashboardSchema,
  NewTileSchema,
  TileChangeSchema,
  TileParamsSchema,
  WallQuerySchema,
} from '../wire/dashboards.js'

export const dashboardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const now = () => app.now().toISOString()
  // Answers are kept serialised: 500 screens polling one wall cost one JSON.stringify per change.
  const cache = new DashboardCache<string>()

  // The evaluated dashboard: what a wall screen polls. Admin, or a wall token of this very role.
  app.get(
    '/api/dashboards/:role',
    {
      // Polled by every screen: a line per answer would drown the log; failures are still logged.
      logLevel: 'warn',
      schema: {
        params: RoleParamsSchema,
        querystring: WallQuerySchema,
        response: { 200: Serialised, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requireRoleView(request, request.params.role)
      const me = request.principal?.kind === 'admin' ? (request.query.me ?? null) : null
      // A screen's link carries its language; a URL without one speaks the language the link was made for.
      const lang =
        request.query.lang ??
        (viewer.kind === 'wall' ? viewer.lang : null) ??
        (await loadSettings(app.db)).settings.language
      const role = request.params.role
      // What makes an answer out of date: new data or an acknowledgement or undo (the generation's key), a new minute, an edited dashboard or strip.
      const [generation, version] = await Promise.all([app.engine.generation(), dashboardVersion(app.db, role)])
      if (!version) throw notFound(`the role "${role}" has no dashboard`)
      const minute = Math.floor(app.now().getTime() / 60_000)
      // The dashboard's id too: a role deleted and made again starts over at version 1.
      const stamp = `${generation.key}:${minute}:${version.id}.${version.version}:${app.stripVersion}`
      // The builder always waits for the fresh answer; a wall screen takes the last one meanwhile,
      // unless a tap, an undo, an edited dashboard or strip came since (a package import too): whoever
      // made the change looks at the wall next, so its next poll shows it. A wall told by its event
      // stream that the answer changed (`fresh`) waits too, for the one evaluation every screen shares.
      const body = await cache.get(
        `${role}|${lang}|${me ?? ''}`,
        stamp,
        () => app.evaluator.dashboardJson({ role, lang, me }),
        viewer.kind === 'wall' && !request.query.fresh,
        `${generation.acks}:${version.id}.${version.version}:${app.stripVersion}`,
      )
      return reply.type('application/json; charset=utf-8').send(body)
    },
  )

  // The definition, for the builder.
  app.get(
    '/api/dashboards/:role/definition',
    { schema: { params: RoleParamsSchema, response: { 200: DashboardSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const dashboard = await getDashboard(app.db, request.params.role)
      if (!dashboard) throw notFound(`the role "${request.params.role}" has no dashboard`)
      return dashboard
    },
  )

  app.post(
    '/api/dashboards',
    { schema: { body: NewDashboardSchema, response: { 201: DashboardSchema, ...errorResponses } } },
    async (request, reply) => {
      requireAdmin(request)
      const dashboard = await createDashboard(
        app.db,
        request.body.role,
        request.body.title,
        request.body.tiles ?? [],
        now(),
      )
      return reply.code(201).send(dashboard)
    },
  )

  app.put(
    '/api/dashboards/:role',
    {
      schema: {
        params: RoleParamsSchema,
        body: DashboardChangeSchema,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      return updateDashboard(app.db, request.params.role, request.body, now())
    },
  )

  app.post(
    '/api/dashboards/:role/tiles',
    {
      schema: {
        params: RoleParamsSchema,
        body: NewTileSchema,
        response: { 201: DashboardSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request)
      const { position, ...tile } = request.body
      return reply.code(201).send(await addTile(app.db, request.params.role, tile, position, now()))
    },
  )

  app.patch(
    '/api/dashboards/:role/tiles/:tileId',
    {
      schema: {
        params: TileParamsSchema,
        body: TileChangeSchema,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      return changeTile(app.db, request.params.role, request.params.tileId, request.body, now())
    },
  )

  app.delete(
    '/api/dashboards/:role/tiles/:tileId',
    { schema: { params: TileParamsSchema, response: { 200: DashboardSchema, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return removeTile(app.db, request.params.role, request.params.tileId, now())
    },
  )
}
