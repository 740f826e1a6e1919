import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { startConnectWiseDesk } from '../../connectors/connectwise/simulator/start.js'
import { runRoleboard, startRoleboard } from '../helpers/cli.js'
import { peekRow, SIM_NOW, tempDir } from '../helpers/sync-env.js'
import { onTestFinished } from 'vitest'

// `roleboard sync`, `simulate` and the demo on either PSA: real CLI processes, real HTTP to the simulators.

/** No PSA variable of the test runner's own environment leaks into a command. */
const UNSET = {
  AUTOTASK_USERNAME: '',
  AUTOTASK_SECRET: '',
  AUTOTASK_INTEGRATION_CODE: '',
  AUTOTASK_DISCOVERY_URL: '',
  CONNECTWISE_SITE: '',
  CONNECTWISE_COMPANY: '',
  CONNECTWISE_PUBLIC_KEY: '',
  CONNECTWISE_PRIVATE_KEY: '',
  CONNECTWISE_CLIENT_ID: '',
  ROLEBOARD_PSA: '',
  SMILEBACK_USERNAME: '',
  SMILEBACK_PASSWORD: '',
  SMILEBACK_CLIENT_ID: '',
  SMILEBACK_CLIENT_SECRET: '',
}

/** An Autotask account nothing answers at (port 9, discard): a command that used it would fail. */
const AUTOTASK_NOWHERE = {
  AUTOTASK_USERNAME: 'api@example.com',
  AUTOTASK_SECRET: 'autotask-secret-not-to-show',
  AUTOTASK_INTEGRATION_CODE: 'CODE',
  AUTOTASK_DISCOVERY_URL: 'http://127.0.0.1:9/ATServicesRest/',
}

async function connectWiseDesk() {
  const desk = await startConnectWiseDesk({ world: { size: 'tiny', seed: 7, now: SIM_NOW } })
  onTestFinished(() => desk.close())
  const { site, company, publicKey, privateKey, clientId } = desk.credentials
  const env = {
    CONNECTWISE_SITE: site,
    CONNECTWISE_COMPANY: company,
    CONNECTWISE_PUBLIC_KEY: publicKey,
    CONNECTWISE_PRIVATE_KEY: privateKey,
    CONNECTWISE_CLIENT_ID: clientId,
  }
  return { desk, env }
}

function count(db: string, sql: string): number {
  return peekRow<{ n: number }>(db, sql)?.n ?? -1
}

describe('roleboard sync on ConnectWise PSA', () => {
  test("with CONNECTWISE_* set, it syncs the simulator's world into rows marked connectwise and prints its summary", async () => {
    const { desk, env } = await connectWiseDesk()
    const db = join(tempDir(), 'cw.sqlite')
    const run = await runRoleboard(['sync'], { ...UNSET, ...env, ROLEBOARD_DB: db })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    // The world's tickets, every one, from ConnectWise and nothing from Autotask.
    const tickets = desk.world.records('Tickets').length
    expect(tickets).toBeGreaterThan(10)
    expect(count(db, "select count(*) as n from ticket where psa = 'connectwise'")).toBe(tickets)
    expect(count(db, "select count(*) as n from ticket where psa != 'connectwise'")).toBe(0)
    expect(peekRow(db, "select psa, ok from sync_run where psa != 'smileback' order by id desc limit 1")).toEqual({
      psa: 'connectwise',
      ok: 1,
    })
    expect(run.stdout).toMatch(/^ {2}Tickets +\d+ records/m)
    expect(run.stdout).toMatch(
      new RegExp(
        `^Synced [\\d,]+ records read, .* API requests in [\\d.]+ s \\(initial\\) from ConnectWise PSA into ${db}$`,
        'm',
      ),
    )
    expect(run.stdout + run.stderr).not.toContain(env.CONNECTWISE_PRIVATE_KEY)
  }, 60_000)

  test('with both PSAs set and no ROLEBOARD_PSA, it refuses in one line and writes nothing', async () => {
    const { env } = await connectWiseDesk()
    const db = join(tempDir(), 'both.sqlite')
    const run = await runRoleboard(['sync'], { ...UNSET, ...env, ...AUTOTASK_NOWHERE, ROLEBOARD_DB: db })
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'roleboard sync: both AUTOTASK_* and CONNECTWISE_* are set: set ROLEBOARD_PSA to autotask or connectwise to say which to sync from\n',
    })
    expect(peekRow(db, 'select 1')).toBeNull()
  }, 30_000)

  test('ROLEBOARD_PSA=connectwise picks ConnectWise when both are set (the Autotask account is never asked)', async () => {
    const { env } = await connectWiseDesk()
    const db = join(tempDir(), 'picked.sqlite')
    const run = await runRoleboard(['sync', '--quiet'], {
      ...UNSET,
      ...env,
      ...AUTOTASK_NOWHERE,
      ROLEBOARD_PSA: 'connectwise',
      ROLEBOARD_DB: db,
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(count(db, "select count(*) as n from sync_run where psa = 'autotask'")).toBe(0)
    expect(count(db, "select count(*) as n from sync_run where psa = 'connectwise' and ok = 1")).toBe(1)
  }, 60_000)

  test('a ROLEBOARD_PSA that names no PSA, or names one without its variables, is one line', async () => {
    const db = join(tempDir(), 'bad.sqlite')
    expect(await runRoleboard(['sync'], { ...UNSET, ROLEBOARD_PSA: 'halo', ROLEBOARD_DB: db })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'roleboard sync: ROLEBOARD_PSA must be one of autotask, connectwise, not "halo"\n',
    })
    expect(
      await runRoleboard(['sync'], { ...UNSET, ...AUTOTASK_NOWHERE, ROLEBOARD_PSA: 'connectwise', ROLEBOARD_DB: db }),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'roleboard sync: ROLEBOARD_PSA is connectwise: set CONNECTWISE_SITE, CONNECTWISE_COMPANY, CONNECTWISE_PUBLIC_KEY, CONNECTWISE_PRIVATE_KEY and CONNECTWISE_CLIENT_ID\n',
    })
    // Some of ConnectWise's variables but not all: the missing ones are named, no value repeated.
    const partial = await runRoleboard(['sync'], {
      ...UNSET,
      CONNECTWISE_SITE: 'https://api-eu.myconnectwise.net/',
      CONNECTWISE_PRIVATE_KEY: 'private-key-not-to-show',
      ROLEBOARD_DB: db,
    })
    expect(partial.code).toBe(1)
    expect(partial.stderr).toBe(
      'roleboard sync: set CONNECTWISE_COMPANY and CONNECTWISE_PUBLIC_KEY and CONNECTWISE_CLIENT_ID as well (all five are needed)\n',
    )
    expect(peekRow(db, 'select 1')).toBeNull()
  }, 30_000)
})

describe('Autotask-only commands on ConnectWise PSA', () => {
  test("roleboard webhooks says in one line that webhooks are Autotask's", async () => {
    const { env } = await connectWiseDesk()
    const db = join(tempDir(), 'hooks.sqlite')
    expect(await runRoleboard(['webhooks', 'status'], { ...UNSET, ...env, ROLEBOARD_DB: db })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        "roleboard webhooks: webhooks are Autotask's: this install syncs from ConnectWise PSA, whose changes come with each sync\n",
    })
  })
})

/** Waits until the command's output matches, or it ends; its output so far either way. */
async function outputMatching(cli: ReturnType<typeof startRoleboard>, pattern: RegExp, ms: number): Promise<string> {
  let out = ''
  const ended = cli.done.then((run) => `${run.stdout}${run.stderr}`)
  const seen = new Promise<string>((resolve) => {
    cli.child.stdout.on('data', (chunk) => {
      out += chunk
      if (pattern.test(out)) resolve(out)
    })
  })
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(out), ms).unref())
  return Promise.race([seen, ended, timeout])
}

describe('roleboard simulate and the demo on ConnectWise PSA', () => {
  test('simulate --psa connectwise prints the five CONNECTWISE_* lines (and SmileBack beside) and serves that protocol', async () => {
    const cli = startRoleboard(['simulate', '--psa', 'connectwise', '--port', '0', '--size', 'tiny'], {
      ...UNSET,
      ROLEBOARD_NOW: SIM_NOW,
    })
    const out = await outputMatching(cli, /SMILEBACK_CLIENT_SECRET=.*\n/, 60_000)
    const lines = Object.fromEntries([...out.matchAll(/^ {2}([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]))
    expect(out).toMatch(/^ConnectWise PSA simulator \(tiny, seed 42\) listening\.$/m)
    expect(Object.keys(lines).filter((name) => name.startsWith('CONNECTWISE_'))).toEqual([
      'CONNECTWISE_SITE',
      'CONNECTWISE_COMPANY',
      'CONNECTWISE_PUBLIC_KEY',
      'CONNECTWISE_PRIVATE_KEY',
      'CONNECTWISE_CLIENT_ID',
    ])
    expect(lines.SMILEBACK_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+/)
    expect(out).not.toContain('AUTOTASK_')
    // ConnectWise's discovery answers at the printed site for the printed company.
    const info = await fetch(`${lines.CONNECTWISE_SITE}login/companyinfo/${lines.CONNECTWISE_COMPANY}`)
    expect(info.status).toBe(200)
    expect(((await info.json()) as { Codebase?: string }).Codebase).toMatch(/\/$/)
    cli.child.kill('SIGTERM')
    expect((await cli.done).code).toBe(0)
  }, 90_000)

  test('a --psa that names no PSA is one line', async () => {
    expect(await runRoleboard(['simulate', '--psa', 'halo', '--port', '0'], UNSET)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'roleboard simulate: --psa must be one of autotask, connectwise, not "halo"\n',
    })
  })

  test('ROLEBOARD_PSA=connectwise npm start: the demo runs the ConnectWise simulator, syncs it and serves the walls', async () => {
    const db = join(tempDir(), 'demo.sqlite')
    const cli = startRoleboard(['demo', '--port', '0'], {
      ...UNSET,
      ROLEBOARD_PSA: 'connectwise',
      ROLEBOARD_DB: db,
      ROLEBOARD_SIM_SIZE: 'tiny',
      ROLEBOARD_NOW: SIM_NOW,
      ROLEBOARD_ADMIN_PASSWORD: 'demo admin password',
    })
    const out = await outputMatching(cli, /roleboard is running at (http:\/\/\S+)\n/, 170_000)
    expect(out).toMatch(/^No CONNECTWISE_\* set: using the built-in ConnectWise PSA simulator \(tiny data, seed 42\)/m)
    expect(out).toMatch(/^Synced .* from ConnectWise PSA into /m)
    // Autotask's webhooks are not registered on ConnectWise (its callbacks are not wired).
    expect(out).not.toMatch(/webhook/i)
    const url = /roleboard is running at (http:\/\/\S+)\n/.exec(out)![1]!
    const health = (await (await fetch(`${url}/api/health`)).json()) as {
      status: string
      dataAgeSeconds: number | null
    }
    expect(health.status).toBe('up')
    expect(health.dataAgeSeconds).not.toBeNull()
    expect(count(db, "select count(*) as n from ticket where psa = 'connectwise'")).toBeGreaterThan(10)
    expect(count(db, "select count(*) as n from ticket where psa = 'autotask'")).toBe(0)
    // CSAT from the SmileBack simulator beside it: reviews of the same world's tickets, linked to ConnectWise's.
    expect(out).toMatch(/^No SMILEBACK_\* set: using the built-in SmileBack simulator/m)
    const reviews = count(db, 'select count(*) as n from smileback_review')
    expect(reviews).toBeGreaterThan(0)
    expect(
      count(
        db,
        "select count(*) as n from smileback_review r join ticket t on t.id = r.ticket_id and t.psa = 'connectwise'",
      ),
    ).toBe(count(db, 'select count(*) as n from smileback_review where ticket_id is not null'))
    expect(count(db, 'select count(*) as n from smileback_review where ticket_id is not null')).toBeGreaterThan(0)
    cli.child.kill('SIGTERM')
    expect((await cli.done).code).toBe(0)
  }, 200_000)
})
