import type { Kysely } from 'kysely'
import { httpUrl, ticketUrl } from '../../connectors/autotask/links.js'
import type { Database } from '../../db/schema.js'
import type { KpiEngine } from '../../kpi-library/engine.js'
import { ALL_KPIS } from '../../kpi-library/index.js'
import type { Lang } from '../../kpi-library/types.js'
import type { ServedResult } from '../wire/acks.js'
import type { MeData } from '../wire/me.js'
import { personName } from './access.js'
import { activeTakes, withActiveTakes } from './acks.js'

/** An engineer's own lists: every personal action list of the engineer's role, narrowed to them. */
const MY_KPIS = ALL_KPIS.filter((kpi) => kpi.personal && kpi.kind === 'list' && kpi.roles.includes('engineer')).map(
  (kpi) => kpi.id,
)

/** The phone page of one person: their lists, rows marked with who took them, tickets linked to Autotask; null for no such person. */
export async function evaluateMyPage(
  db: Kysely<Database>,
  engine: KpiEngine,
  resourceId: number,
  lang: Lang,
): Promise<MeData | null> {
  const person = await db
    .selectFrom('resource')
    .select(['id', 'first_name', 'last_name'])
    .where('id', '=', resourceId)
    .executeTakeFirst()
  if (!person) return null
  const takes = await activeTakes(db)
  const results = await engine.evaluateMany(MY_KPIS, { role: 'engineer', me: resourceId, lang })
  const generation = await engine.generation()
  const source = await db.selectFrom('psa_source').select('web_url').where('kind', '=', 'autotask').executeTakeFirst()
  const webUrl = httpUrl(source?.web_url)
  return {
    resourceId,
    name: personName(person),
    dataAsOf: generation.asOf,
    lists: results.map((result) => withTicketLinks(withActiveTakes(result, takes), webUrl)),
  }
}

/** Each row about a ticket gets `ticketUrl`, opening it in Autotask; none when the zone's web UI is not known. */
function withTicketLinks(result: ServedResult, webUrl: string | null): ServedResult {
  if (result.kind !== 'list' || !webUrl) return result
  const rows = result.rows.map((row) =>
    typeof row.ticketId === 'number' ? { ...row, ticketUrl: ticketUrl(webUrl, row.ticketId) } : row,
  )
  return { ...result, rows }
}
