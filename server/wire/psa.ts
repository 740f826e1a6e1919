import { type Static, Type } from 'typebox'
import { Nullable, OneOf } from './common.js'

/**
 * GET /api/psa: which PSA the data comes from, for the builder's top bar. Only the PSA's name and the host its
 * API or web UI is at: never a key, a user name or a company id.
 */
export const PsaInfoSchema = Type.Object(
  {
    /** null: nothing synced yet. */
    psa: Type.Union([OneOf(['autotask', 'connectwise']), Type.Null()]),
    host: Nullable(Type.String()),
  },
  { additionalProperties: false },
)
export type PsaInfo = Static<typeof PsaInfoSchema>
