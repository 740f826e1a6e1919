import { redactSecrets } from '../redact.js'

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

const MAX_ERROR_LENGTH = 300

/**
 * Every error of a sync passes here, and only here, before it is stored, logged or shown: the one
 * redaction step (a PSA may echo our headers, a malformed record may hold anything), then cut to a
 * line, redacted first so a cut can never leave half a secret behind.
 */
export function asSyncError(error: unknown, secrets: readonly string[] = []): SyncError {
  const known = error instanceof SyncError ? error : null
  const message = known
    ? known.message
    : `unexpected failure: ${error instanceof Error ? error.message : String(error)}`
  const clean = redactSecrets(message, secrets)
  const line = clean.length > MAX_ERROR_LENGTH ? `${clean.slice(0, MAX_ERROR_LENGTH - 1)}…` : clean
  return new SyncError(known?.code ?? 'server_error', line, known?.status)
}
