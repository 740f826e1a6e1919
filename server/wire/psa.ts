import { type Static, Type } from 'typebox'
import { Nullable, OneOf } from './common.js'
import { PSA_NAMES } from './psa-names.js'

/**
 * A PSA in an answer: which one the data comes from, or the one an answer's tickets open in; null where there is
 * none (nothing synced yet, or no ticket links because its web UI is not known).
 */
export const PsaSchema = Type.Union([OneOf(PSA_NAMES), Type.Null()])
export type TicketPsa = Static<typeof PsaSchema>

/**
 * GET /api/psa: which PSA the data comes from, for the builder's top bar. Only the PSA's name and the host its
 * API or web UI is at: never a key, a user name or a company id.
 */
export const PsaInfoSchema = Type.Object(
  {
    /** null: nothing synced yet. */
    psa: PsaSchema,
    host: Nullable(Type.String()),
  },
  { additionalProperties: false },
)
export type PsaInfo = Static<typeof PsaInfoSchema>
