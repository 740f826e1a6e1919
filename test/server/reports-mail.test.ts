import { createServer } from 'node:net'
import { describe, expect, onTestFinished, test } from 'vitest'
import { openDatabase } from '../../db/index.js'
import { ConfigError, loadSmtpSettings } from '../../server/config.js'
import { latestSlot } from '../../server/services/reports/schedules.js'
import { SMTP_PASSWORD, SMTP_USER, startSmtpReceiver } from '../helpers/smtp-receiver.js'
import { reportsApp, ROLE, WEEK_END, weeklyDesk } from './reports-env.js'

// Report mail against a real local SMTP server: a server that answers 4xx or cannot be reached is retried later
// with backoff and the failure shows in the builder's API; a mail is given up a day after it was queued; a schedule
// sends once per slot, across restarts and a second process on the same file; the SMTP password never shows.

const MIN = 60_000

/** A port nothing listens on (taken, then let go). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('report mail', () => {
  test('a mail server answering 451 is retried with backoff, and the builder shows why until it is sent', async () => {
    const smtp = await startSmtpReceiver()
    smtp.state.failing = { code: 451, text: 'Try again later, mailbox busy' }
    const handle = await weeklyDesk()
    const { app, call, advance, logs } = await reportsApp(handle, { smtpUrl: smtp.url })
    const first = await call('POST', `/api/reports/send-now/${ROLE}`, { recipients: ['owner@msp.example'] })
    expect(first.statusCode, first.body).toBe(200)
    const failed = first.json()
    expect(failed).toMatchObject({ state: 'retrying', attempts: 1 })
    expect(failed.lastError).toBe(`the mail server 127.0.0.1:${smtp.port} answered 451 Try again later, mailbox busy`)
    // 30 s after the first failure: not yet at 29 s, tried again at 30 s (still failing), then 1 minute later.
    advance(29_000)
    await app.reports.runOnce()
    expect((await call('GET', '/api/reports')).json().outbox[0]).toMatchObject({ attempts: 1 })
    advance(1_000)
    await app.reports.runOnce()
    const second = (await call('GET', '/api/reports')).json().outbox[0]
    expect(second).toMatchObject({ state: 'retrying', attempts: 2 })
    expect(Date.parse(second.nextAttemptAt) - Date.parse(second.lastErrorAt)).toBe(MIN)
    smtp.state.failing = null
    advance(MIN)
    await app.reports.runOnce()
    const state = (await call('GET', '/api/reports')).json()
    expect(state.outbox[0]).toMatchObject({ state: 'sent', attempts: 3 })
    expect(smtp.received).toHaveLength(1)
    expect(state.mail).toEqual({
      configured: true,
      host: `127.0.0.1:${smtp.port}`,
      from: 'Roleboard <roleboard@msp.example>',
    })
    expect(JSON.stringify(state)).not.toContain(SMTP_PASSWORD)
    // The log says what failed and what went, naming the server by its host.
    const log = logs.join('')
    expect(log).toContain(`"msg":"mail not sent"`)
    expect(log).toContain(`the mail server 127.0.0.1:${smtp.port} answered 451`)
    expect(log).toContain(`"msg":"mail sent"`)
    expect(log).not.toContain(SMTP_PASSWORD)
  })

  test('a mail server that cannot be reached is retried, and given up a day after the mail was queued', async () => {
    const port = await closedPort()
    const handle = await weeklyDesk()
    const { app, call, advance } = await reportsApp(handle, {
      smtpUrl: `smtp://${encodeURIComponent(SMTP_USER)}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    })
    const first = (await call('POST', `/api/reports/send-now/${ROLE}`, { recipients: ['owner@msp.example'] })).json()
    expect(first.state).toBe('retrying')
    expect(first.lastError).toMatch(new RegExp(`^the mail server 127\\.0\\.0\\.1:${port} could not be reached \\(`))
    // The backoff caps at 30 minutes; a day after it was queued the mail is given up, its last error kept.
    for (let hour = 0; hour < 25; hour++) {
      advance(60 * MIN)
      await app.reports.runOnce()
    }
    const mail = (await call('GET', '/api/reports')).json().outbox[0]
    expect(mail.state).toBe('given-up')
    expect(mail.lastError).toMatch(/^gave up after a day: the mail server 127\.0\.0\.1:\d+ could not be reached/)
    expect(mail.nextAttemptAt).toBeNull()
    expect(JSON.stringify(mail)).not.toContain(SMTP_PASSWORD)
  })

  test('a wrong password is a failure that names the host and never the password', async () => {
    const smtp = await startSmtpReceiver()
    const handle = await weeklyDesk()
    const { call, logs } = await reportsApp(handle, {
      smtpUrl: `smtp://${encodeURIComponent(SMTP_USER)}:not-${SMTP_PASSWORD}@127.0.0.1:${smtp.port}`,
    })
    const mail = (await call('POST', `/api/reports/send-now/${ROLE}`, { recipients: ['owner@msp.example'] })).json()
    expect(mail.state).toBe('retrying')
    expect(mail.lastError).toContain(`the mail server 127.0.0.1:${smtp.port} answered 535`)
    expect(mail.lastError).not.toContain(SMTP_PASSWORD)
    expect(logs.join('')).toContain('answered 535')
    expect(logs.join('')).not.toContain(SMTP_PASSWORD)
  })

  test('without ROLEBOARD_SMTP_URL a mail waits in the outbox saying what to set', async () => {
    const handle = await weeklyDesk()
    const { call } = await reportsApp(handle)
    const mail = (await call('POST', `/api/reports/send-now/${ROLE}`, { recipients: ['owner@msp.example'] })).json()
    expect(mail).toMatchObject({ state: 'retrying', attempts: 1 })
    expect(mail.lastError).toBe(
      'mail is not set up: set ROLEBOARD_SMTP_URL and ROLEBOARD_MAIL_FROM for the server and restart it',
    )
  })

  test('without Chromium the PDF is refused in one line, and a mail waits for it with the reason', async () => {
    const smtp = await startSmtpReceiver()
    const handle = await weeklyDesk()
    const { call } = await reportsApp(handle, { smtpUrl: smtp.url, config: { chromiumPath: '/opt/none/chromium' } })
    const missing =
      'Chromium was not found at /opt/none/chromium: install it (apt-get install -y chromium) or set ROLEBOARD_CHROMIUM to its path'
    const pdf = await call('GET', `/api/reports/weekly/${ROLE}.pdf`)
    expect(pdf.statusCode).toBe(503)
    expect(pdf.json().message).toBe(missing)
    const mail = (await call('POST', `/api/reports/send-now/${ROLE}`, { recipients: ['owner@msp.example'] })).json()
    expect(mail).toMatchObject({ state: 'retrying', lastError: `the report could not be rendered: ${missing}` })
    expect(smtp.received).toHaveLength(0)
  })

  test('ROLEBOARD_SMTP_URL that is not an SMTP address is refused without repeating it', () => {
    const refuse = (url: string) => () => loadSmtpSettings({ ROLEBOARD_SMTP_URL: url })
    for (const url of [`http://u:${SMTP_PASSWORD}@mail.example.nl`, `smtp://u:${SMTP_PASSWORD}@/`, 'nonsense']) {
      expect(refuse(url)).toThrow(ConfigError)
      expect(refuse(url)).not.toThrow(SMTP_PASSWORD)
    }
    expect(loadSmtpSettings({ ROLEBOARD_SMTP_URL: `smtps://u:${SMTP_PASSWORD}@mail.example.nl` })).toMatchObject({
      host: 'mail.example.nl:465',
      secure: true,
    })
    expect(loadSmtpSettings({ ROLEBOARD_SMTP_URL: 'smtp://mail.example.nl:2525' })?.host).toBe('mail.example.nl:2525')
  })
})

describe('report schedules', () => {
  test('the slot is the last weekday at that local time, summer and winter time alike', () => {
    // Monday 07:30 in Amsterdam: 06:30Z in winter, 05:30Z in summer.
    const tz = 'Europe/Amsterdam'
    expect(latestSlot(1, '07:30', new Date('2026-11-23T06:31:00Z'), tz).toISOString()).toBe('2026-11-23T06:30:00.000Z')
    expect(latestSlot(1, '07:30', new Date('2026-11-23T06:29:00Z'), tz).toISOString()).toBe('2026-11-16T06:30:00.000Z')
    expect(latestSlot(1, '07:30', new Date('2026-06-10T12:00:00Z'), tz).toISOString()).toBe('2026-06-08T05:30:00.000Z')
  })

  test('a schedule sends once per slot: not before it, not twice, not again after a restart or from a second process', async () => {
    const smtp = await startSmtpReceiver()
    const handle = await weeklyDesk()
    // Set up on Friday 20 November; the first slot is Monday 23 November 07:30 (06:30Z).
    const first = await reportsApp(handle, { smtpUrl: smtp.url, now: '2026-11-20T12:00:00.000Z' })
    const set = await first.call('PUT', `/api/reports/schedules/${ROLE}`, {
      weekday: 1,
      time: '07:30',
      recipients: ['owner@msp.example'],
      lang: 'nl',
    })
    expect(set.statusCode, set.body).toBe(200)
    first.setClock('2026-11-23T06:29:00.000Z')
    await first.app.reports.runOnce()
    expect(smtp.received).toHaveLength(0)
    // A second server on the same database file, on its own connection, passes first; then the first one. (One
    // after the other: two connections in one thread cannot wait for each other's lock, two processes can.)
    const other = await openDatabase(handle.path)
    onTestFinished(() => other.close())
    const second = await reportsApp(other, { smtpUrl: smtp.url, now: '2026-11-23T06:31:00.000Z' })
    first.setClock('2026-11-23T06:31:00.000Z')
    await second.app.reports.runOnce()
    await first.app.reports.runOnce()
    await second.app.reports.runOnce()
    expect(smtp.received).toHaveLength(1)
    // The first one restarted: the slot is taken.
    await first.app.close()
    const restarted = await reportsApp(handle, { smtpUrl: smtp.url, now: '2026-11-23T06:40:00.000Z' })
    await restarted.app.reports.runOnce()
    expect(smtp.received).toHaveLength(1)
    const state = (await restarted.call('GET', '/api/reports')).json()
    expect(state.schedules).toEqual([
      expect.objectContaining({ role: ROLE, weekday: 1, time: '07:30', lastSlot: '2026-11-23T06:30:00.000Z' }),
    ])
    expect(state.outbox).toEqual([
      expect.objectContaining({
        origin: `schedule:${ROLE}`,
        state: 'sent',
        subject: 'Weekoverzicht Weekbalie, week 47 (2026)',
      }),
    ])
    // The next Monday's slot sends the next week's review.
    restarted.setClock('2026-11-30T06:30:00.000Z')
    await restarted.app.reports.runOnce()
    expect(smtp.received).toHaveLength(2)
    expect(smtp.received[1]!.raw).toContain('week 48 (2026)')
  })

  test('schedules are validated and admin only', async () => {
    const handle = await weeklyDesk()
    const { app, call } = await reportsApp(handle)
    const bad = await call('PUT', `/api/reports/schedules/${ROLE}`, {
      weekday: 8,
      time: '7:30',
      recipients: ['not an address'],
      lang: 'de',
    })
    expect(bad.statusCode).toBe(400)
    const unknown = await call('PUT', '/api/reports/schedules/nobody-here', {
      weekday: 1,
      time: '07:30',
      recipients: ['owner@msp.example'],
      lang: 'en',
    })
    expect(unknown.statusCode).toBe(404)
    // A role without a dashboard has nothing to report: refused when asked, not failing at send time.
    await handle.db
      .insertInto('role')
      .values({ id: 'no-board', name_en: 'No board', name_nl: 'Geen bord', builtin: 0, created_at: WEEK_END })
      .execute()
    const bare = await call('POST', '/api/reports/send-now/no-board', { recipients: ['owner@msp.example'] })
    expect(bare.statusCode).toBe(404)
    expect(bare.json().message).toBe('the role "no-board" has no dashboard to report on')
    const none = await call('POST', `/api/reports/send-now/${ROLE}`, {})
    expect(none.statusCode).toBe(400)
    expect(none.json().message).toBe('name the recipients, or give the role a schedule with them first')
    for (const [method, url] of [
      ['GET', '/api/reports'],
      ['GET', `/api/reports/weekly/${ROLE}.html`],
      ['POST', `/api/reports/send-now/${ROLE}`],
    ] as const) {
      const anonymous = await app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) })
      expect(anonymous.statusCode, url).toBe(401)
    }
  })
})
