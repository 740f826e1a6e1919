import type { FastifyInstance } from 'fastify'
import { loadSettings } from '../../kpi-library/settings.js'
import { httpUrl, ticketUrl } from '../../connectors/autotask/links.js'
import { ALL_KPIS } from '../../kpi-library/index.js'
import type { KpiResult, Lang as LangCode } from '../../kpi-library/types.js'
import { requirePerson } from '../auth.js'
import { notFound } from '../errors.js'
import { errorResponses, Id, Lang } from '../schemas.js'
import { personName } from '../services/access.js'
import { activeTakes, withActiveTakes } from '../services/acks.js'

/** An engineer's own lists: every personal action list of the engineer's role, narrowed to them. */
export const MY_KPIS = ALL_KPIS.filter((kpi) => kpi.personal && kpi.kind === 'list' && kpi.roles.includes('engineer')).map((kpi) => kpi.id)

export async function meRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { resourceId: number }; Querystring: { lang?: LangCode; token?: string } }>(
    '/api/me/:resourceId',
    {
      schema: {
        params: { type: 'object', required: ['resourceId'], additionalProperties: false, properties: { resourceId: Id } },
        querystring: { type: 'object', additionalProperties: false, properties: { lang: Lang, token: { type: 'string', maxLength: 200 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request) => {
      const { resourceId } = request.params
      const viewer = requirePerson(request, resourceId)
      const person = await app.db.selectFrom('resource').select(['id', 'first_name', 'last_name']).where('id', '=', resourceId).executeTakeFirst()
      if (!person) throw notFound(`there is no resource ${resourceId}`)
      const lang = request.query.lang ?? (viewer.kind === 'person' ? viewer.lang : null) ?? (await loadSettings(app.db)).settings.language
      const takes = await activeTakes(app.db)
      const results = await app.engine.evaluateMany(MY_KPIS, { role: 'engineer', me: resourceId, lang })
      const generation = await app.engine.generation()
      const source = await app.db.selectFrom('psa_source').select('web_url').where('kind', '=', 'autotask').executeTakeFirst()
      const webUrl = httpUrl(source?.web_url)
      return {
        resourceId,
        name: personName(person),
        dataAsOf: generation.asOf,
        lists: results.map((result) => withActiveTakes(result, takes)).map((result) => withTicketLinks(result, webUrl)),
      }
    },
  )
}

/** Each row about a ticket gets `ticketUrl`, opening it in Autotask; none when the zone's web UI is not known. */
function withTicketLinks(result: KpiResult, webUrl: string | null): KpiResult {
  if (result.kind !== 'list' || !webUrl) return result
  return { ...result, rows: result.rows.map((row) => (typeof row.ticketId === 'number' ? { ...row, ticketUrl: ticketUrl(webUrl, row.ticketId) } : row)) }
}
