import { ConfigError } from '../config.js'

/** A hosted-mode problem the owner fixes by configuration; the CLI prints it without a stack. */
export class HostedError extends ConfigError {
  override name = 'HostedError'
}

export const TENANT_ID = /^[a-z][a-z0-9-]{1,39}$/

export function checkTenantId(id: string): string {
  if (!TENANT_ID.test(id))
    throw new HostedError(
      `a tenant id is 2 to 40 lower-case letters, digits and dashes, starting with a letter, not "${id}"`,
    )
  return id
}
