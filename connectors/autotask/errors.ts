export type SyncErrorCode =
  | 'bad_credentials'
  | 'unknown_user'
  | 'unreachable'
  | 'not_autotask'
  | 'malformed_record'
  | 'permission_denied'
  | 'rate_limited'
  | 'budget_exhausted'
  | 'server_error'
  | 'config'
  | 'cancelled'
  /** Another sync runs on the same database (see sync-lock.ts). */
  | 'busy'

/** A sync failure with a one-line, secret-free message a person can act on. */
export class SyncError extends Error {
  override name = 'SyncError'
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }
}
