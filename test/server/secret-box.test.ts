import { statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { CannotDecryptError, localSecretBox } from '../../server/services/secret-box.js'
import { tempDir } from '../helpers/sync-env.js'

test("a single install's secrets open again after a restart, with the key file kept beside the database, owner-only", () => {
  const dbPath = join(tempDir(), 'roleboard.sqlite')
  const sealed = localSecretBox(dbPath, undefined).seal('https://hooks.example/secret', 'channel:1')
  expect(sealed).not.toContain('secret')
  expect(statSync(`${dbPath}.key`).mode & 0o777).toBe(0o600)
  expect(localSecretBox(dbPath, undefined).open(sealed, 'channel:1')).toBe('https://hooks.example/secret')
  // Bound to its row: the same value under another context does not open.
  expect(() => localSecretBox(dbPath, undefined).open(sealed, 'channel:2')).toThrow(CannotDecryptError)
  // ROLEBOARD_SECRET_KEY, when set, is the key instead of the file.
  expect(() => localSecretBox(dbPath, 'a key chosen by the owner').open(sealed, 'channel:1')).toThrow(
    CannotDecryptError,
  )
})
