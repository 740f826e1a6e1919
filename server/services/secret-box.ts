import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { ConfigError } from '../config.js'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16
// A fixed salt: the key must come out the same on every start, and ROLEBOARD_SECRET_KEY is the secret.
const SALT = 'roleboard/hosted/credentials/v1'
const KEY_FILE_BYTES = 32

export class CannotDecryptError extends ConfigError {
  override name = 'CannotDecryptError'
}

/**
 * AES-256-GCM with a key derived (scrypt) from ROLEBOARD_SECRET_KEY (or a single install's key file). Each value is
 * bound to a context (e.g. the tenant id) as additional data, so a sealed value copied to another row does not open.
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

/**
 * The key that seals a single install's secrets (webhook secrets, chat channel addresses): ROLEBOARD_SECRET_KEY when
 * set, else a random key kept in `<database>.key` (owner-only), created at first use. A copy of the database alone
 * then holds nothing readable; keep the key file with it in backups.
 */
export function localSecretBox(dbPath: string, secretKey: string | undefined): SecretBox {
  if (secretKey) return new SecretBox(secretKey)
  const file = `${dbPath}.key`
  try {
    writeFileSync(file, randomBytes(KEY_FILE_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    // Another process made it first: both must use that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`cannot create the key file ${file}: ${(error as Error).message}`)
    }
  }
  const key = readFileSync(file, 'utf8').trim()
  if (key.length < 16)
    throw new ConfigError(`the key file ${file} is damaged; restore it from the backup it was kept with`)
  return new SecretBox(key)
}
