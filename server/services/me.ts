import type { Kysely } from 'kysely'
import { type TicketLinker, ticketLinker } from './ticket-links.js'
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

/** The phone page of one person: their lists, rows marked with who took them, tickets linked to the PSA; null for no such person. */
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
  const linkTo = await ticketLinker(db)
  return {
    resourceId,
    name: personName(person),
    dataAsOf: generation.asOf,
    psa: linkTo?.psa ?? null,
    lists: results.map((result) => withTicketLinks(withActiveTakes(result, takes), linkTo)),
  }
}

/** Each row about a ticket gets `ticketUrl`, opening it in its PSA; none when the PSA's web UI is not known. */
function withTicketLinks(result: ServedResult, linkTo: TicketLinker | null): ServedResult {
  if (result.kind !== 'list' || !linkTo) return result
  const rows = result.rows.map((row) =>
    typeof row.ticketId === 'number' ? { ...row, ticketUrl: linkTo.urlOf(row.ticketId) } : row,
  )
  return { ...result, rows }
}
