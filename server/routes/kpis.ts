import type { FastifyInstance } from 'fastify'
import { findKpi } from '../../kpi-library/engine.js'
import { ALL_KPIS, LIBRARY_VERSION } from '../../kpi-library/index.js'
import type { Lang as LangCode } from '../../kpi-library/types.js'
import { requireAdmin } from '../auth.js'
import { notFound } from '../errors.js'
import { errorResponses, KpiId, KpiResult, Lang, RoleId } from '../schemas.js'

const ListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { role: RoleId, kind: { type: 'string', enum: ['number', 'trend', 'breakdown', 'list'] }, q: { type: 'string', maxLength: 100 }, lang: Lang },
} as const

export async function kpiRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { role?: string; kind?: string; q?: string; lang?: LangCode } }>(
    '/api/kpis',
    { schema: { querystring: ListQuery, response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const { role, kind, q } = request.query
      const text = q?.trim().toLowerCase()
      const kpis = ALL_KPIS.filter(
        (kpi) =>
          (!role || kpi.roles.includes(role as never)) &&
          (!kind || kpi.kind === kind) &&
          (!text || [kpi.id, kpi.title.en, kpi.title.nl, kpi.description.en, kpi.description.nl].some((s) => s.toLowerCase().includes(text))),
      )
      return {
        libraryVersion: LIBRARY_VERSION,
        kpis: kpis.map((kpi) => ({
          id: kpi.id,
          kind: kpi.kind,
          group: kpi.group,
          title: kpi.title,
          description: kpi.description,
          roles: kpi.roles,
          unit: kpi.unit,
          direction: kpi.direction,
          window: kpi.window,
          band: kpi.band,
          params: kpi.params,
          personal: kpi.personal,
          freshnessMinutes: kpi.freshnessMinutes,
          ...(kpi.action ? { action: kpi.action } : {}),
        })),
      }
    },
  )

  app.get<{ Params: { id: string }; Querystring: { lang?: LangCode; role?: string } }>(
    '/api/kpis/:id',
    {
      schema: {
        params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: KpiId } },
        querystring: { type: 'object', additionalProperties: false, properties: { lang: Lang, role: RoleId } },
        response: { 200: KpiResult, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      if (!findKpi(request.params.id)) throw notFound(`unknown KPI "${request.params.id}"`)
      return app.engine.evaluate(request.params.id, { role: request.query.role ?? 'owner', lang: request.query.lang ?? 'en' })
    },
  )
}
