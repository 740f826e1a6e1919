import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadSettings } from '../../kpi-library/settings.js'
import type { Lang } from '../../kpi-library/types.js'
import { requirePerson, requirePrincipal, requireRoleView } from '../auth.js'
import { forbidden } from '../errors.js'
import type { Principal } from '../services/access.js'
import { drillableTiles, evaluateDrill, goalTarget, personalTarget, tileTarget } from '../services/drill.js'
import { errorResponses, OpenOf, RoleParamsSchema } from '../wire/common.js'
import {
  type DrillData,
  DrillGoalParamsSchema,
  DrillListQuerySchema,
  DrillPersonParamsSchema,
  DrillQuerySchema,
  DrillTileParamsSchema,
  type DrillTiles,
} from '../wire/drill.js'

// Drill-downs, read-only: the admin any tile or goal; a wall's link its own role's tiles and the company strip
// (which every wall shows); a person's link only that person's own KPIs, narrowed to them as their phone page is.

const DrillDataSchema = OpenOf<DrillData>()
const DrillTilesSchema = OpenOf<DrillTiles>()

export const drillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** The language asked for, else the link's, else the MSP's screen language. */
  const langOf = async (asked: Lang | undefined, viewer: Principal): Promise<Lang> =>
    asked ?? (viewer.kind === 'admin' ? null : viewer.lang) ?? (await loadSettings(app.db)).settings.language

  app.get(
    '/api/drill/roles/:role',
    {
      schema: {
        params: RoleParamsSchema,
        querystring: DrillListQuerySchema,
        response: { 200: DrillTilesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requireRoleView(request, request.params.role)
      return drillableTiles(app.db, request.params.role, await langOf(request.query.lang, viewer))
    },
  )

  app.get(
    '/api/drill/roles/:role/tiles/:tileId',
    {
      schema: {
        params: DrillTileParamsSchema,
        querystring: DrillQuerySchema,
        response: { 200: DrillDataSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { role, tileId } = request.params
      const viewer = requireRoleView(request, role)
      const target = await tileTarget(app.db, role, tileId)
      const lang = await langOf(request.query.lang, viewer)
      return evaluateDrill(app.db, app.engine, target, { role, me: null, lang, asked: request.query })
    },
  )

  app.get(
    '/api/drill/goals/:goalId',
    {
      schema: {
        params: DrillGoalParamsSchema,
        querystring: DrillQuerySchema,
        response: { 200: DrillDataSchema, ...errorResponses },
      },
    },
    async (request) => {
      const viewer = requirePrincipal(request)
      if (viewer.kind === 'person') throw forbidden("this link shows that person's own view only")
      const target = await goalTarget(app.db, request.params.goalId)
      const lang = await langOf(request.query.lang, viewer)
      return evaluateDrill(app.db, app.engine, target, { role: 'owner', me: null, lang, asked: request.query })
    },
  )

  app.get(
    '/api/drill/people/:resourceId/kpis/:kpi',
    {
      schema: {
        params: DrillPersonParamsSchema,
        querystring: DrillQuerySchema,
        response: { 200: DrillDataSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { resourceId, kpi } = request.params
      const viewer = requirePerson(request, resourceId)
      const target = personalTarget(kpi)
      const lang = await langOf(request.query.lang, viewer)
      return evaluateDrill(app.db, app.engine, target, { role: 'engineer', me: resourceId, lang, asked: request.query })
    },
  )
}
