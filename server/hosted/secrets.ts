import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { HostedError } from './config.js'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
// A fixed salt: the key must come out the same on every start, and ROLEBOARD_SECRET_KEY is the secret.
const SALT = 'roleboard/hosted/credentials/v1'

export class CannotDecryptError extends HostedError {
  override name = 'CannotDecryptError'
}

/**
 * AES-256-GCM with a key derived (scrypt) from ROLEBOARD_SECRET_KEY. Each value is bound to a context
 * (e.g. the tenant id) as additional data, so a sealed value copied to another tenant's row does not open.
 */
export class SecretBox {
  readonly #key: Buffer

  constructor(secretKey: string) {
    this.#key = scryptSync(secretKey, SALT, 32, { N: 16384, r: 8, p: 1 })
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    cipher.setAAD(Buffer.from(context, 'utf8'))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
  }

  /** The plain text, or CannotDecryptError: a wrong key never yields garbage, GCM's tag refuses it. */
  open(sealed: string, context: string, what = 'a stored secret'): string {
    const [version, data] = sealed.split(':')
    const bytes = data ? Buffer.from(data, 'base64url') : Buffer.alloc(0)
    if (version !== VERSION || bytes.length < IV_BYTES + TAG_BYTES)
      throw new CannotDecryptError(`cannot decrypt ${what}: it is not in a format this version of roleboard wrote`)
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, bytes.subarray(0, IV_BYTES))
      decipher.setAAD(Buffer.from(context, 'utf8'))
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      throw new CannotDecryptError(
        `cannot decrypt ${what}: ROLEBOARD_SECRET_KEY is not the key it was encrypted with (or the stored value was altered)`,
      )
    }
  }
}
