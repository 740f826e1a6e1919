import { createHash } from 'node:crypto'
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, onTestFinished, test } from 'vitest'
import { openDatabase } from '../db/index.js'
import { Registry } from '../server/hosted/registry.js'
import { provisionTenant } from '../server/hosted/tenants.js'
import { type CliRun, runRoleboard, unprivilegedUser } from './helpers/cli.js'
import { SIM_NOW, tempDir } from './helpers/sync-env.js'
import { SECRET_KEY } from './hosted/hosted-env.js'

/** Every command that opens a database. Each case's bad file is both ROLEBOARD_DB and the hosted registry, so all name the same file. */
function commands(dir: string): string[][] {
  return [
    ['sync'],
    ['serve', '--port', '0'],
    ['demo', '--port', '0'],
    ['kpi', 'tickets_open'],
    ['package', 'export', '--out', join(dir, 'never-written.json')],
    ['hosted', 'tenant', 'list'],
    ['hosted', '--port', '0'],
  ]
}

const NOT_SET = { AUTOTASK_USERNAME: '', AUTOTASK_SECRET: '', AUTOTASK_INTEGRATION_CODE: '' }
const CREDENTIALS = {
  AUTOTASK_USERNAME: 'api@example.com',
  AUTOTASK_SECRET: 'secret',
  AUTOTASK_INTEGRATION_CODE: 'CODE',
  AUTOTASK_DISCOVERY_URL: 'http://127.0.0.1:9/ATServicesRest/',
}

/** Runs every command on `path` (named hosted.sqlite, in the hosted folder) at once. */
function everyCommand(path: string, options: { uid?: number }): Promise<Array<CliRun & { command: string }>> {
  const env = {
    ROLEBOARD_DB: path,
    ROLEBOARD_HOSTED_DIR: dirname(path),
    ROLEBOARD_SECRET_KEY: SECRET_KEY,
    ROLEBOARD_SIM_SIZE: 'tiny',
  }
  // Demo and serve without credentials too: the demo must not start its simulator before the database fails.
  const runs = commands(dirname(path)).map(async (args) => ({
    command: args[0]!,
    ...(await runRoleboard(args, { ...env, ...(args[0] === 'sync' ? CREDENTIALS : NOT_SET) }, options)),
  }))
  return Promise.all(runs)
}

/** What a refused command must leave alone: the path (its bytes and mode, or a folder's entries) and what lies next to it. */
function fingerprint(path: string): string {
  const stat = statSync(path)
  const content = stat.isDirectory()
    ? readdirSync(path).join(',')
    : createHash('sha256').update(readFileSync(path)).digest('hex')
  return JSON.stringify({
    mode: stat.mode,
    size: stat.size,
    mtime: stat.mtimeMs,
    content,
    beside: readdirSync(dirname(path)).sort(),
  })
}

async function expectRefused(path: string, reason: string, options: { uid?: number }): Promise<void> {
  const before = fingerprint(path)
  for (const run of await everyCommand(path, options)) {
    expect(run).toEqual({
      command: run.command,
      code: 1,
      stdout: '',
      stderr: `roleboard: cannot open the database ${path}: ${reason}\n`,
    })
  }
  expect(fingerprint(path)).toBe(before)
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

describe('a database path that cannot be used: one line, exit 1, the file left as it was', () => {
  test('a directory', async () => {
    const path = join(tempDir(), 'hosted.sqlite')
    mkdirSync(path)
    await expectRefused(path, 'it is a directory', {})
  })

  test('a file that is not a SQLite database', async () => {
    const path = join(tempDir(), 'hosted.sqlite')
    writeFileSync(path, 'id,name\n1,Acme IT\n')
    await expectRefused(path, 'not a SQLite database', {})
  })

  const user = unprivilegedUser()
  test.skipIf(typeof user === 'string')(
    `a file (or its folder) read-only for the user${typeof user === 'string' ? ` (skipped: ${user})` : ''}`,
    async () => {
      const as = user as { uid?: number }
      const dir = tempDir()
      const path = join(dir, 'hosted.sqlite')
      await (await Registry.open(path, SECRET_KEY)).close()
      // Readable but not writable for that user: the file and its folder, then only the folder (where SQLite writes its -wal and -shm).
      chmodSync(dir, 0o555)
      onTestFinished(() => chmodSync(dir, 0o700))
      chmodSync(path, as.uid === undefined ? 0o444 : 0o644)
      await expectRefused(path, 'the file (or its folder) is read-only for this user', as)
      chmodSync(path, 0o666)
      await expectRefused(path, 'the file (or its folder) is read-only for this user', as)
    },
  )
})

describe('files and folders roleboard creates are for its own user only', () => {
  test('database, -wal and -shm 0600; created folders 0700; a folder that existed keeps its mode', async () => {
    const root = tempDir()
    chmodSync(root, 0o755)
    const path = join(root, 'data', 'nested', 'roleboard.sqlite')
    const handle = await openDatabase(path)
    // The migrations wrote, so SQLite has made its -wal and -shm files next to the database.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600)
    await handle.close()
    expect([modeOf(join(root, 'data')), modeOf(dirname(path))]).toEqual([0o700, 0o700])
    expect(modeOf(root)).toBe(0o755)

    const hosted = join(root, 'hosted')
    const registry = await Registry.open(join(hosted, 'hosted.sqlite'), SECRET_KEY)
    try {
      await provisionTenant(
        registry,
        {
          id: 'acme',
          name: 'Acme IT',
          source: 'simulator',
          simulator: { seed: 1, size: 'tiny' },
          syncIntervalSeconds: 300,
        },
        SIM_NOW,
      )
      expect({
        dir: modeOf(hosted),
        registry: modeOf(join(hosted, 'hosted.sqlite')),
        tenants: modeOf(join(hosted, 'tenants')),
        tenant: modeOf(join(hosted, 'tenants', 'acme.sqlite')),
      }).toEqual({
        dir: 0o700,
        registry: 0o600,
        tenants: 0o700,
        tenant: 0o600,
      })
    } finally {
      await registry.close()
    }
  })

  test('a database made readable for everyone before (0644) is made private again when roleboard opens it', async () => {
    const path = join(tempDir(), 'old.sqlite')
    const first = await openDatabase(path)
    await first.close()
    chmodSync(path, 0o644)
    const handle = await openDatabase(path)
    try {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600)
    } finally {
      await handle.close()
    }
  })
})
