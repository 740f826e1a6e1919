import type { FastifyInstance } from 'fastify'
import { loadSettings } from '../../kpi-library/settings.js'
import type { Lang as LangCode } from '../../kpi-library/types.js'
import { requireAdmin, requireRoleView } from '../auth.js'
import { notFound } from '../errors.js'
import { Dashboard, errorResponses, Id, Lang, RoleId, RoleParams, TileInput } from '../schemas.js'
import { DashboardCache } from '../services/dashboard-cache.js'
import {
  addTile,
  changeTile,
  createDashboard,
  evaluateDashboard,
  getDashboard,
  removeTile,
  type TileInput as TileInputType,
  updateDashboard,
} from '../services/dashboards.js'

const Tiles = { type: 'array', maxItems: 150, items: TileInput } as const
const Title = { type: 'string', minLength: 1, maxLength: 120 } as const
const TileParams = { type: 'object', required: ['role', 'tileId'], additionalProperties: false, properties: { role: RoleId, tileId: Id } } as const
const Evaluated = { type: 'object', additionalProperties: true } as const

export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  const now = () => app.now().toISOString()
  // Answers are kept serialised: 500 screens polling one wall cost one JSON.stringify per change.
  const cache = new DashboardCache<string>()

  // The evaluated dashboard: what a wall screen polls. Admin, or a wall token of this very role.
  app.get<{ Params: { role: string }; Querystring: { lang?: LangCode; token?: string; me?: number } }>(
    '/api/dashboards/:role',
    {
      schema: {
        params: RoleParams,
        querystring: { type: 'object', additionalProperties: false, properties: { lang: Lang, token: { type: 'string', maxLength: 200 }, me: Id } },
        response: { 200: Evaluated, ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = requireRoleView(request, request.params.role)
      const me = request.principal?.kind === 'admin' ? (request.query.me ?? null) : null
      // A screen's link carries its language; a URL without one speaks the language the link was made for.
      const lang = request.query.lang ?? (viewer.kind === 'wall' ? viewer.lang : null) ?? (await loadSettings(app.db)).settings.language
      const role = request.params.role
      // What makes an answer out of date: new data or an acknowledgement or undo (the generation's key), a new minute, an edited dashboard or strip.
      const [generation, version] = await Promise.all([
        app.engine.generation(),
        app.db.selectFrom('dashboard').select(['id', 'version']).where('role', '=', role).executeTakeFirst(),
      ])
      if (!version) throw notFound(`the role "${role}" has no dashboard`)
      const minute = Math.floor(app.now().getTime() / 60_000)
      // The dashboard's id too: a role deleted and made again starts over at version 1.
      const stamp = `${generation.key}:${minute}:${version.id}.${version.version}:${app.stripVersion}`
      // The builder always waits for the fresh answer; a wall screen takes the last one meanwhile,
      // unless a tap, an undo, an edited dashboard or strip came since (a package import too): whoever
      // made the change looks at the wall next, so its next poll shows it.
      const body = await cache.get(
        `${role}|${lang}|${me ?? ''}`,
        stamp,
        async () => JSON.stringify(await evaluateDashboard(app.db, app.engine, role, { lang, me })),
        viewer.kind === 'wall',
        `${generation.acks}:${version.id}.${version.version}:${app.stripVersion}`,
      )
      return reply.type('application/json; charset=utf-8').send(body)
    },
  )

  // The definition, for the builder.
  app.get<{ Params: { role: string } }>('/api/dashboards/:role/definition', { schema: { params: RoleParams, response: { 200: Dashboard, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    const dashboard = await getDashboard(app.db, request.params.role)
    if (!dashboard) throw notFound(`the role "${request.params.role}" has no dashboard`)
    return dashboard
  })

  app.post<{ Body: { role: string; title: string; tiles?: TileInputType[] } }>(
    '/api/dashboards',
    {
      schema: {
        body: { type: 'object', required: ['role', 'title'], additionalProperties: false, properties: { role: RoleId, title: Title, tiles: Tiles } },
        response: { 201: Dashboard, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request)
      const dashboard = await createDashboard(app.db, request.body.role, request.body.title, request.body.tiles ?? [], now())
      return reply.code(201).send(dashboard)
    },
  )

  app.put<{ Params: { role: string }; Body: { title?: string; tiles?: TileInputType[] } }>(
    '/api/dashboards/:role',
    {
      schema: {
        params: RoleParams,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { title: Title, tiles: Tiles } },
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      return updateDashboard(app.db, request.params.role, request.body, now())
    },
  )

  app.post<{ Params: { role: string }; Body: TileInputType & { position?: number } }>(
    '/api/dashboards/:role/tiles',
    {
      schema: {
        params: RoleParams,
        body: { ...TileInput, properties: { ...TileInput.properties, position: { type: 'integer', minimum: 0, maximum: 1000 } } },
        response: { 201: Dashboard, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAdmin(request)
      const { position, ...tile } = request.body
      return reply.code(201).send(await addTile(app.db, request.params.role, tile, position, now()))
    },
  )

  app.patch<{ Params: { role: string; tileId: number }; Body: Partial<TileInputType> & { position?: number } }>(
    '/api/dashboards/:role/tiles/:tileId',
    {
      schema: {
        params: TileParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { ...TileInput.properties, position: { type: 'integer', minimum: 0, maximum: 1000 } },
        },
        response: { 200: Dashboard, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      return changeTile(app.db, request.params.role, request.params.tileId, request.body, now())
    },
  )

  app.delete<{ Params: { role: string; tileId: number } }>(
    '/api/dashboards/:role/tiles/:tileId',
    { schema: { params: TileParams, response: { 200: Dashboard, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      return removeTile(app.db, request.params.role, request.params.tileId, now())
    },
  )
}
