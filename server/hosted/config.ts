import { join, resolve } from 'node:path'
import { ConfigError } from '../config.js'

/** A hosted-mode problem the owner fixes by configuration; the CLI prints it without a stack. */
export class HostedError extends ConfigError {
  override name = 'HostedError'
}

export interface HostedConfig {
  /** Holds hosted.sqlite and tenants/<id>.sqlite. */
  dir: string
  registryPath: string
  tenantsDir: string
  secretKey: string
}

const MIN_KEY_LENGTH = 16

export function loadHostedConfig(env: NodeJS.ProcessEnv = process.env): HostedConfig {
  const secretKey = env.ROLEBOARD_SECRET_KEY ?? ''
  if (!secretKey) {
    throw new HostedError(
      'hosted mode needs ROLEBOARD_SECRET_KEY: the key that encrypts the tenants\' Autotask credentials. ' +
        'Set it to a long random value (for example the output of `openssl rand -base64 32`) and keep it safe: without it the stored credentials cannot be read.',
    )
  }
  if (secretKey.length < MIN_KEY_LENGTH) throw new HostedError(`ROLEBOARD_SECRET_KEY must be at least ${MIN_KEY_LENGTH} characters long (use \`openssl rand -base64 32\`)`)
  const dir = resolve(env.ROLEBOARD_HOSTED_DIR || 'data')
  return { dir, registryPath: join(dir, 'hosted.sqlite'), tenantsDir: join(dir, 'tenants'), secretKey }
}

export const TENANT_ID = /^[a-z][a-z0-9-]{1,39}$/

export function checkTenantId(id: string): string {
  if (!TENANT_ID.test(id)) throw new HostedError(`a tenant id is 2 to 40 lower-case letters, digits and dashes, starting with a letter, not "${id}"`)
  return id
}
