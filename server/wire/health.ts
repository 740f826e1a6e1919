import { type Static, Type } from 'typebox'
import { Nullable, OneOf } from './common.js'

/** The last sync: when it ended, whether it worked, and what went wrong (null: none yet). */
export const LastSyncSchema = Type.Object({
  at: Nullable(Type.String()),
  ok: Nullable(Type.Boolean()),
  error: Nullable(Type.String()),
})
export type LastSync = Static<typeof LastSyncSchema>

/** Up or degraded (the last sync failed) and how old the data is; the details for the admin's session only. */
export const HealthSchema = Type.Object({
  status: OneOf(['up', 'degraded']),
  dataAgeSeconds: Nullable(Type.Integer()),
  // For the admin only: what went wrong, in words.
  details: Type.Optional(
    Type.Object({
      version: Type.String(),
      lastSync: LastSyncSchema,
      lastSuccessAt: Nullable(Type.String()),
    }),
  ),
})
export type Health = Static<typeof HealthSchema>
