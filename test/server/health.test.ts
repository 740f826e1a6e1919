import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { redactSecrets } from '../../connectors/redact.js'
import { startSyncSchedule } from '../../server/sync-schedule.js'
import { hostedEnv } from '../hosted/hosted-env.js'
import { adminCookie, appWithData, wallToken } from '../helpers/app-env.js'
import { HOSTILE_MODES, startHostilePsa } from '../helpers/hostile-psa.js'
import { fastConnector, tempDir } from '../helpers/sync-env.js'

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'roleboard.mjs')

function hostileCredentials(discoveryUrl: string) {
  return {
    username: 'api@hostile.example',
    secret: `S3cr3t+/${randomBytes(9).toString('hex')}`,
    integrationCode: `IC-${randomBytes(6).toString('hex')}`,
    discoveryUrl,
  }
}

/** The secret in every form it could be written: as is, URL-encoded and base64; and the integration code. */
function forms(credentials: { secret: string; integrationCode: string }): string[] {
  return [
    credentials.secret,
    encodeURIComponent(credentials.secret),
    Buffer.from(credentials.secret).toString('base64'),
    credentials.integrationCode,
  ]
}

function fileBytes(path: string): string {
  return ['', '-wal']
    .map((suffix) => `${path}${suffix}`)
    .filter(existsSync)
    .map((file) => readFileSync(file).toString('latin1'))
    .join('')
}

describe('public health says only up or degraded and the age of the data', () => {
  test('anonymous callers and wall screens get status and data age; the admin also gets the version and the last sync', async () => {
    const { app } = await appWithData()
    const cookie = await adminCookie(app)
    const { token } = await wallToken(app, cookie, 'engineer')
    for (const headers of [{}, { authorization: `Bearer ${token}` }]) {
      const answer = (await app.inject({ url: '/api/health', headers })).json()
      expect(Object.keys(answer).sort()).toEqual(['dataAgeSeconds', 'status'])
      expect(answer).toMatchObject({ status: 'up', dataAgeSeconds: expect.any(Number) })
    }
    const admin = (await app.inject({ url: '/api/health', headers: { cookie } })).json()
    expect(admin).toMatchObject({
      status: 'up',
      details: { version: 'test', lastSync: { ok: true, error: null, at: expect.any(String) } },
    })
  })
})

describe('a PSA that echoes our credentials in its errors', () => {
  test('in every echo form: nothing of the secret in the database, the sync summary, the health answers or the log; the public answer has no detail at all', async () => {
    const psa = await startHostilePsa()
    const { app, handle, logs } = await appWithData()
    const cookie = await adminCookie(app)
    const credentials = hostileCredentials(psa.discoveryUrl)
    const connector = fastConnector(handle, credentials)
    const schedule = startSyncSchedule({ sync: () => connector.sync(), intervalSeconds: 3600, log: app.log })
    const seen: string[] = []
    for (const mode of HOSTILE_MODES) {
      psa.setMode(mode)
      const summary = await connector.sync()
      expect(summary.ok, mode).toBe(false)
      seen.push(
        JSON.stringify(summary),
        ...summary.results.map((r) => r.error?.message ?? ''),
        summary.error?.message ?? '',
      )
      await schedule.runOnce()
      const anonymous = await app.inject({ url: '/api/health' })
      expect(anonymous.json(), mode).toEqual({ status: 'degraded', dataAgeSeconds: expect.any(Number) })
      for (const text of [credentials.username, psa.hostPort, 'error']) expect(anonymous.body).not.toContain(text)
      const admin = await app.inject({ url: '/api/health', headers: { cookie } })
      expect(admin.json().details.lastSync.error, mode).toEqual(expect.any(String))
      seen.push(anonymous.body, admin.body)
    }
    await schedule.stop()
    expect(psa.requests()).toBeGreaterThan(10)
    expect(logs.join('\n')).toMatch(/sync failed/)
    const everything = [...seen, logs.join('\n'), fileBytes(handle.path)].join('\n')
    for (const form of forms(credentials)) expect(everything).not.toContain(form)
    expect(everything).toContain('[redacted]')
  })

  test('roleboard sync prints one line without the secret and exits 1', async () => {
    const psa = await startHostilePsa('header-lines')
    const credentials = hostileCredentials(psa.discoveryUrl)
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('ROLEBOARD_') && !name.startsWith('AUTOTASK_')),
    )
    // Not spawnSync: the hostile PSA answers from this very process.
    const run = await new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'sync', '--quiet'], {
        env: {
          ...clean,
          ROLEBOARD_DB: join(tempDir(), 'hostile.sqlite'),
          AUTOTASK_USERNAME: credentials.username,
          AUTOTASK_SECRET: credentials.secret,
          AUTOTASK_INTEGRATION_CODE: credentials.integrationCode,
          AUTOTASK_DISCOVERY_URL: credentials.discoveryUrl,
        },
      })
      let output = ''
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
      child.on('close', (status) => resolve({ status, output }))
    })
    expect(run.status, run.output).toBe(1)
    expect(run.output).toMatch(
      /^roleboard sync: .*answered 400 for ThresholdInformation: Rejected\. Secret: \[redacted\]/m,
    )
    for (const form of forms(credentials)) expect(run.output).not.toContain(form)
  })

  test("hosted: the tenant's public health, the consultant overview and the log carry nothing of it", async () => {
    const env = await hostedEnv()
    const psa = await startHostilePsa('header-lines')
    const credentials = hostileCredentials(psa.discoveryUrl)
    const created = await env.call('POST', '/api/consultant/tenants', {
      headers: { cookie: env.root },
      body: {
        id: 'gamma',
        name: 'Gamma',
        source: 'autotask',
        autotask: {
          username: credentials.username,
          secret: credentials.secret,
          integrationCode: credentials.integrationCode,
          discoveryUrl: psa.discoveryUrl,
        },
      },
    })
    expect(created.status, created.text).toBe(201)
    const synced = await env.call('POST', '/api/consultant/tenants/gamma/sync', { headers: { cookie: env.root } })
    expect(synced.json().sync).toMatchObject({ ok: false, error: expect.stringContaining('[redacted]') })
    const health = await env.call('GET', '/t/gamma/api/health')
    expect(health.json()).toEqual({ status: 'degraded', dataAgeSeconds: null })
    await env.call('GET', '/api/consultant/tenants', { headers: { cookie: env.root } })
    const everything = [
      env.answers.join('\n'),
      env.logs.join('\n'),
      fileBytes((await env.host.open('gamma'))!.handle.path),
    ].join('\n')
    for (const form of forms(credentials)) expect(everything).not.toContain(form)
  }, 60_000)
})

describe('the redaction step', () => {
  test('strips known secrets in every encoding, credential-named headers and fields, and user:password in URLs; ordinary text stays', () => {
    const secret = 'p@ss w0rd/+='
    expect(
      redactSecrets(`key ${secret} or ${encodeURIComponent(secret)} or ${Buffer.from(secret).toString('base64')}`, [
        secret,
      ]),
    ).toBe('key [redacted] or [redacted] or [redacted]')
    expect(redactSecrets('Secret: abc\r\nUserName: me@x.nl\nApiIntegrationCode: XYZ')).toBe(
      'Secret: [redacted]\r\nUserName: [redacted]\nApiIntegrationCode: [redacted]',
    )
    expect(redactSecrets('{"secret":"abc","username":"me","accept":"json"}')).toBe(
      '{"secret":"[redacted]","username":"[redacted]","accept":"json"}',
    )
    expect(redactSecrets('authorization=Basic YWJj&page=2')).toBe('authorization=[redacted]&page=2')
    expect(redactSecrets('see https://me:pw@psa.example/x')).toBe('see https://[redacted]@psa.example/x')
    expect(redactSecrets('Autotask refused the credentials (401): check AUTOTASK_USERNAME and AUTOTASK_SECRET')).toBe(
      'Autotask refused the credentials (401): check AUTOTASK_USERNAME and AUTOTASK_SECRET',
    )
    expect(redactSecrets('the Tickets query answer has no items list', ['ab'])).toBe(
      'the Tickets query answer has no items list',
    )
  })
})
