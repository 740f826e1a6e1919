import { Type } from 'typebox'
import type { ServedResult } from './acks.js'
import { IdSchema, LangSchema, TokenSchema } from './common.js'
import type { ErrorResult } from './dashboards.js'
import type { TicketPsa } from './psa.js'

export const MeParamsSchema = Type.Object({ resourceId: IdSchema }, { additionalProperties: false })
export const MeQuerySchema = Type.Object(
  { lang: Type.Optional(LangSchema), token: Type.Optional(TokenSchema) },
  { additionalProperties: false },
)

/** An engineer's phone page: every personal action list of the engineer's role, narrowed to them. */
export interface MeData {
  resourceId: number
  name: string
  dataAsOf: string | null
  /** The PSA the rows' `ticketUrl`s open in ("Open in ConnectWise PSA"); null where rows have none. */
  psa: TicketPsa
  lists: Array<ServedResult | ErrorResult>
}
