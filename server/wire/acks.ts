import { type Static, Type } from 'typebox'
import type { BreakdownResult, ListResult, NumberResult, TrendResult } from '../../kpi-library/wire-types.js'
import { KpiIdSchema, Nullable, OneOf, Open, TokenSchema } from './common.js'

/** A tap on an action row: "I'm on it" (take) or "Called back" with a note (resolve). */
export const AckInputSchema = Type.Object(
  {
    kpi: KpiIdSchema,
    rowKey: Type.String({ minLength: 1, maxLength: 300 }),
    action: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    // Trimmed before use; required (non-empty) where the tap resolves the row.
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
)
export type AckInput = Static<typeof AckInputSchema>

export const AckLogQuerySchema = Type.Object(
  {
    kpi: Type.Optional(KpiIdSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    token: Type.Optional(TokenSchema),
  },
  { additionalProperties: false },
)

/** An acknowledgement in the log and in the answers to a tap or an undo (server/services/acks.ts ackRecord). */
export const AckRecordSchema = Type.Object({
  id: Type.Integer(),
  kpi: Type.String(),
  rowKey: Type.String(),
  mode: OneOf(['take', 'resolve']),
  action: Type.String(),
  note: Nullable(Type.String()),
  by: Type.String(),
  byKind: OneOf(['admin', 'person']),
  byResourceId: Nullable(Type.Integer()),
  resourceId: Nullable(Type.Integer()),
  at: Type.String(),
  undoneAt: Nullable(Type.String()),
  undoneBy: Nullable(Type.String()),
  row: Open,
})
export type AckRecord = Static<typeof AckRecordSchema>

export const AckLogSchema = Type.Object({ acks: Type.Array(AckRecordSchema) })

/** An active "I'm on it", as each list row carries it in `ack` (null when nobody took the row). */
export interface RowAck {
  id: number
  mode: 'take'
  by: string
  byResourceId: number | null
  at: string
  note: string | null
}

/** A list row as the screens get it: its key (what a tap sends) and its active take, once the server added them. */
export type Row = Record<string, unknown> & { rowKey?: string; ack?: RowAck | null }

/** An action list as the screens get it: every row keyed (server/services/acks.ts withActiveTakes). */
export type ServedList = Omit<ListResult, 'rows'> & { rows: Row[] }
export type ServedResult = NumberResult | TrendResult | BreakdownResult | ServedList
