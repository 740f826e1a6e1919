import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { loadHostedConfig } from '../../server/config.js'
import { Registry } from '../../server/hosted/registry.js'
import { CannotDecryptError, SecretBox } from '../../server/services/secret-box.js'
import { tempDir } from '../helpers/sync-env.js'
import { hostedEnv, SECRET_KEY } from './hosted-env.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'roleboard.mjs')

function rawBytes(path: string): string {
  return ['', '-wal', '-shm']
    .map((suffix) => `${path}${suffix}`)
    .filter(existsSync)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('')
}

function cli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('ROLEBOARD_') && !name.startsWith('AUTOTASK_')),
  )
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 })
}

describe('hosted: credentials at rest', () => {
  test("a tenant's Autotask credentials are sealed in the registry file, and no API answer or log line ever carries them", async () => {
    const env = await hostedEnv()
    const { secret, integrationCode, userName } = env.betaUser
    // Rotating the credentials goes through the same sealing; the tenant syncs with them after.
    const { discoveryUrl } = env.betaSim
    const rotated = await env.call('PATCH', '/api/consultant/tenants/beta', {
      headers: { cookie: env.root },
      body: { autotask: { username: userName, secret, integrationCode, discoveryUrl } },
    })
    expect(rotated.status, rotated.text).toBe(200)
    await env.call('POST', '/api/consultant/tenants/beta/sync', { headers: { cookie: env.root } })
    await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })
    await env.call('GET', '/api/consultant/tenants/beta', { headers: { cookie: env.root } })

    const row = (await env.registry.getTenant('beta'))!
    expect(row.credentials).toMatch(/^v1:[\w-]+$/)
    expect(env.registry.sourceOf(row)).toMatchObject({
      psa: 'autotask',
      credentials: { username: userName, secret, integrationCode },
    })
    // The WAL and shared-memory files are read too: the latest pages live there until a checkpoint.
    const files = rawBytes(env.registryPath) + rawBytes(env.b.runtime.handle.path) + rawBytes(env.a.runtime.handle.path)
    expect(files.length).toBeGreaterThan(10_000)
    const everything = [files, env.answers.join('\n'), env.logs.join('\n')]
    expect(env.answers.length).toBeGreaterThan(5)
    expect(env.logs.some((line) => line.includes('"tenant":"beta"'))).toBe(true)
    for (const text of everything) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain(integrationCode)
      expect(text).not.toContain(Buffer.from(secret).toString('base64'))
    }
    // The API user name is not secret to the registry, but no answer repeats it either.
    expect(env.answers.join('\n')).not.toContain(userName)
  })

  test('a wrong ROLEBOARD_SECRET_KEY is refused at start with a clear "cannot decrypt", and a sealed value never opens to garbage', async () => {
    const env = await hostedEnv()
    await expect(Registry.open(env.registryPath, 'some other key, also long')).rejects.toThrow(
      /^cannot decrypt this install's stored PSA credentials: ROLEBOARD_SECRET_KEY is not the key they were encrypted with/,
    )

    const sealed = (await env.registry.getTenant('beta'))!.credentials!
    expect(() =>
      new SecretBox('some other key, also long').open(
        sealed,
        'tenant:beta',
        'the Autotask credentials of tenant "beta"',
      ),
    ).toThrow(CannotDecryptError)
    expect(() =>
      new SecretBox('some other key, also long').open(
        sealed,
        'tenant:beta',
        'the Autotask credentials of tenant "beta"',
      ),
    ).toThrow(
      'cannot decrypt the Autotask credentials of tenant "beta": ROLEBOARD_SECRET_KEY is not the key it was encrypted with (or the stored value was altered)',
    )
    const box = new SecretBox(SECRET_KEY)
    // Moved to another tenant's row, or altered by one character: refused, not misread.
    expect(() => box.open(sealed, 'tenant:alpha')).toThrow(CannotDecryptError)
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1)
    expect(() => box.open(flipped, 'tenant:beta')).toThrow(CannotDecryptError)
    expect(() => box.open('garbage', 'tenant:beta')).toThrow(/cannot decrypt/)

    // A tenant whose sealed credentials no longer open is unavailable, with the reason for the consultant; the others go on.
    await env.registry.db
      .updateTable('tenant')
      .set({ credentials: new SecretBox('some other key, also long').seal('{}', 'tenant:beta') })
      .where('id', '=', 'beta')
      .execute()
    await expect(env.host.reload('beta')).rejects.toThrow(/cannot decrypt the Autotask credentials of tenant "beta"/)
    expect((await env.call('GET', '/t/beta/api/health')).status).toBe(503)
    expect((await env.call('GET', '/t/alpha/api/health')).status).toBe(200)
    const listed = (await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })).json().tenants
    expect(listed.find((t: { id: string }) => t.id === 'beta').error).toMatch(
      /^cannot decrypt the Autotask credentials of tenant "beta"/,
    )
    expect(listed.find((t: { id: string }) => t.id === 'alpha').sync.ok).toBe(true)
  })

  test('hosted mode will not start without ROLEBOARD_SECRET_KEY, nor with a short one', () => {
    expect(() => loadHostedConfig({})).toThrow(
      /^hosted mode needs ROLEBOARD_SECRET_KEY: the key that encrypts the tenants' PSA credentials/,
    )
    expect(() => loadHostedConfig({ ROLEBOARD_SECRET_KEY: 'short' })).toThrow(/at least 16 characters/)
    expect(loadHostedConfig({ ROLEBOARD_SECRET_KEY: SECRET_KEY, ROLEBOARD_HOSTED_DIR: '/srv/rb' })).toMatchObject({
      dir: '/srv/rb',
      registryPath: '/srv/rb/hosted.sqlite',
      tenantsDir: '/srv/rb/tenants',
    })
  })
})

describe('hosted: the CLI', () => {
  test('tenant add seals the credentials it reads from AUTOTASK_*, consultant add prints a generated password once, and a wrong key stops it', () => {
    const dir = tempDir()
    const base = { ROLEBOARD_HOSTED_DIR: dir }
    const missing = cli(['hosted'], base)
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/^roleboard hosted: hosted mode needs ROLEBOARD_SECRET_KEY/)

    const keyed = { ...base, ROLEBOARD_SECRET_KEY: SECRET_KEY }
    const secret = 'cli-secret-5f0c2a9d'
    const added = cli(
      ['hosted', 'tenant', 'add', '--id', 'acme', '--name', 'Acme IT', '--autotask', '--interval', '120'],
      {
        ...keyed,
        AUTOTASK_USERNAME: 'api@acme.example',
        AUTOTASK_SECRET: secret,
        AUTOTASK_INTEGRATION_CODE: 'ACME-CODE',
      },
    )
    expect(added.status, added.stderr).toBe(0)
    expect(added.stdout).toMatch(
      /Tenant "acme" \(Acme IT\) added: Autotask credentials stored encrypted, syncing every 120 s\.\n {2}Builder: \/t\/acme\/admin {2}user: admin {2}password: \S{12,}/,
    )
    expect(added.stdout + added.stderr).not.toContain(secret)
    const demo = cli(
      ['hosted', 'tenant', 'add', '--id', 'demo', '--name', 'Demo', '--simulator', '--size', 'tiny'],
      keyed,
    )
    expect(demo.status, demo.stderr).toBe(0)

    const consultant = cli(['hosted', 'consultant', 'add', '--user', 'carol'], keyed)
    expect(consultant.stdout).toMatch(
      /Consultant "carol" added, for every tenant\.\n {2}password: \S{16} {2}\(shown once\)/,
    )
    const chosen = cli(['hosted', 'consultant', 'add', '--user', 'dave', '--tenant', 'acme'], {
      ...keyed,
      ROLEBOARD_CONSULTANT_PASSWORD: 'dave password 1234',
    })
    expect(chosen.stdout).toBe('Consultant "dave" added, for tenants acme. Password: ROLEBOARD_CONSULTANT_PASSWORD.\n')

    expect(rawBytes(join(dir, 'hosted.sqlite'))).not.toContain(secret)
    expect(existsSync(join(dir, 'tenants', 'acme.sqlite'))).toBe(true)
    const listed = cli(['hosted', 'tenant', 'list'], keyed)
    expect(listed.stdout).toMatch(/^acme +Acme IT +autotask +every 120 s/m)
    expect(listed.stdout).not.toContain(secret)

    const wrong = cli(['hosted', 'tenant', 'list'], { ...base, ROLEBOARD_SECRET_KEY: 'not the key it was set up with' })
    expect(wrong.status).toBe(1)
    expect(wrong.stderr).toMatch(
      /^roleboard hosted: cannot decrypt this install's stored PSA credentials: ROLEBOARD_SECRET_KEY is not the key they were encrypted with/,
    )
    expect(wrong.stdout).toBe('')
  })
})
