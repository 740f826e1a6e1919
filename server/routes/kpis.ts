import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findKpi } from '../../kpi-library/engine.js'
import { ALL_KPIS, LIBRARY_VERSION } from '../../kpi-library/index.js'
import type { KpiResult } from '../../kpi-library/wire-types.js'
import { requireAdmin } from '../auth.js'
import { notFound } from '../errors.js'
import { errorResponses, OpenOf } from '../wire/common.js'
import { type KpiList, KpiListQuerySchema, KpiParamsSchema, KpiQuerySchema } from '../wire/kpis.js'

export const kpiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/kpis',
    { schema: { querystring: KpiListQuerySchema, response: { 200: OpenOf<KpiList>(), ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      const { role, kind, q } = request.query
      const text = q?.trim().toLowerCase()
      const kpis = ALL_KPIS.filter(
        (kpi) =>
          (!role || kpi.roles.includes(role as never)) &&
          (!kind || kpi.kind === kind) &&
          (!text ||
            [kpi.id, kpi.title.en, kpi.title.nl, kpi.description.en, kpi.description.nl].some((s) =>
              s.toLowerCase().includes(text),
            )),
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
          ...(kpi.drill ? { drill: true as const } : {}),
        })),
      }
    },
  )

  app.get(
    '/api/kpis/:id',
    {
      schema: {
        params: KpiParamsSchema,
        querystring: KpiQuerySchema,
        // A KPI result: its shape depends on the kind, so the schema lets every field of every kind through.
        response: { 200: OpenOf<KpiResult>(), ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      if (!findKpi(request.params.id)) throw notFound(`unknown KPI "${request.params.id}"`)
      return app.engine.evaluate(request.params.id, {
        role: request.query.role ?? 'owner',
        lang: request.query.lang ?? 'en',
      })
    },
  )
}
