import { SyncError } from './autotask/errors.js'

// An id scan deletes the local rows whose ids the PSA no longer lists. A PSA that answers a scan short (a
// permission taken away, a filter gone wrong, a half-served list) would then wipe a tenant's history in one pass,
// so a scan that would delete more than a share of an entity's rows deletes nothing and fails instead.

/** A scan may delete at most this share of an entity's local rows... */
export const MAX_DELETED_SHARE = 0.25
/** ...or this many (a small table may well lose a few rows at once), but never every one of them. */
export const DELETIONS_ALWAYS_ALLOWED = 10

/** Throws, naming the entity and the numbers, when deleting `gone` of `local` rows looks like a PSA fault. */
export function guardMassDeletion(entity: string, gone: number, local: number): void {
  if (gone === 0 || (gone < local && (gone <= DELETIONS_ALWAYS_ALLOWED || gone <= local * MAX_DELETED_SHARE))) return
  throw new SyncError(
    'server_error',
    `${entity}: the id scan no longer finds ${gone} of the ${local} stored records (more than ${MAX_DELETED_SHARE * 100}%); nothing was deleted, as that looks like a fault at the PSA. A full sync (roleboard sync --full) deletes them if they really are gone`,
  )
}
