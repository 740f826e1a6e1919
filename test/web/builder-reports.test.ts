/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadSmtpSettings } from '../../server/config.js'
import { pdfText } from '../helpers/pdf-text.js'
import { SMTP_PASSWORD, startSmtpReceiver } from '../helpers/smtp-receiver.js'
import { englishLeft } from './english.js'
import { ARTIFACTS, CHROMIUM, openBuilder, SIM_NOW, type Stack, startStack } from './stack.js'

// The owner mails the weekly review from the builder: "send now" to a mail server that answers 451 shows the
// failure and its retry in the Reports panel (host named, password never on the page); once the server takes it,
// the panel shows it sent. A schedule is saved in Dutch. Screenshots go to test-artifacts/ to look at.

describe.skipIf(!existsSync(CHROMIUM))('weekly review in the builder', () => {
  let stack: Stack
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>
  // The reports' clock, the stack's pinned Monday morning until the test moves it on.
  let clock = new Date(SIM_NOW)

  beforeAll(async () => {
    // Outside a test: the receiver is closed in afterAll, not by onTestFinished.
    smtp = await startSmtpReceiver({ keep: true })
    stack = await startStack({
      size: 'tiny',
      mailFrom: 'Roleboard <roleboard@msp.example>',
      reports: {
        smtp: loadSmtpSettings({ ROLEBOARD_SMTP_URL: smtp.url }),
        intervalMs: 0,
        now: () => clock,
      },
    })
    mkdirSync(ARTIFACTS, { recursive: true })
  })
  afterAll(async () => {
    await stack?.close()
    await smtp?.close()
  })

  test('send now to a failing server shows the failure and the retry, then the mail sent', async () => {
    smtp.state.failing = { code: 451, text: 'Try again later' }
    const page = await openBuilder(stack.admins, stack.url, '?role=service-manager&lang=en')
    const panel = page.locator('.reports-panel')
    await panel.locator('h2', { hasText: 'Weekly review by mail' }).waitFor()
    expect(await panel.innerText()).toContain(`Mail goes out through 127.0.0.1:${smtp.port} from Roleboard`)
    await panel.locator('input[name=report-recipients]').fill('owner@msp.example')
    await panel.getByRole('button', { name: 'Send now' }).click()
    const status = panel.locator('p[role=status]')
    await status.filter({ hasText: 'Not sent yet' }).waitFor({ timeout: 60_000 })
    expect(await status.innerText()).toContain(`the mail server 127.0.0.1:${smtp.port} answered 451 Try again later`)
    await panel.locator('li.mail[data-state=retrying]').waitFor()
    expect(await panel.innerText()).toContain('1 mail is not delivered yet')
    // What was typed stays, to send again.
    expect(await panel.locator('input[name=report-recipients]').inputValue()).toBe('owner@msp.example')
    await panel.screenshot({ path: join(ARTIFACTS, 'builder-reports-failing-en.png') })
    expect(await page.content()).not.toContain(SMTP_PASSWORD)

    // 30 s on, the retry is due and the server takes the mail.
    smtp.state.failing = null
    clock = new Date(clock.getTime() + 30_000)
    await stack.app.reports.runOnce()
    await page.reload()
    await panel.locator('li.mail[data-state=sent]').waitFor({ timeout: 30_000 })
    expect(await panel.locator('li.mail').first().innerText()).toContain('2 attempts')
    expect(smtp.received).toHaveLength(1)
    expect(await page.content()).not.toContain(SMTP_PASSWORD)
  })

  test('a schedule saved in Dutch: Monday 07:30 to two people', async () => {
    const page = await openBuilder(stack.admins, stack.url, '?role=owner&lang=nl')
    const panel = page.locator('.reports-panel')
    await panel.locator('h2', { hasText: 'Weekoverzicht per e-mail' }).waitFor()
    await panel.locator('select[name=report-weekday]').selectOption('1')
    await panel.locator('input[name=report-time]').fill('07:30')
    await panel.locator('input[name=report-recipients]').fill('eigenaar@msp.example, teamleider@msp.example')
    await panel.getByRole('button', { name: 'Opslaan' }).click()
    await panel.getByRole('button', { name: 'Schema stoppen' }).waitFor()
    const schedules = await stack.admin<{ schedules: Array<Record<string, unknown>> }>('/api/reports')
    expect(schedules.schedules).toEqual([
      expect.objectContaining({
        role: 'owner',
        weekday: 1,
        time: '07:30',
        recipients: ['eigenaar@msp.example', 'teamleider@msp.example'],
        lang: 'nl',
      }),
    ])
    // No English word of the builder's own: a mail's subject is in the language it was sent in, and the owner's
    // tiles offer Autotask's contract types by their picklist names.
    const subjects = await panel.locator('li.mail strong').allInnerTexts()
    expect(await englishLeft(page, [...subjects, 'Time and Materials'])).toEqual([])
    await panel.scrollIntoViewIfNeeded()
    await panel.screenshot({ path: join(ARTIFACTS, 'builder-reports-nl.png') })
  })

  test('the weekly review reads as a printed page, in English and Dutch', async () => {
    // Logged in as the owner: the report is an admin's page.
    await (await openBuilder(stack.admins, stack.url)).close()
    for (const lang of ['en', 'nl'] as const) {
      const page = await stack.admins.newPage()
      await page.setViewportSize({ width: 794, height: 1123 })
      await page.emulateMedia({ media: 'print' })
      const response = await page.goto(`${stack.url}/api/reports/weekly/owner.html?lang=${lang}`)
      expect(response?.status()).toBe(200)
      expect(await page.locator('h1').innerText()).toBe(
        lang === 'nl' ? 'Weekoverzicht: Eigenaar' : 'Weekly review: Owner',
      )
      // Nothing wider than the page: a printed A4 cuts off what does not fit.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(794)
      await page.screenshot({ path: join(ARTIFACTS, `weekly-owner-${lang}.png`), fullPage: true })
      await page.close()
    }
    // Printed, the owner's two dozen KPIs take more than one A4 page, each numbered in the footer.
    const pdf = await stack.admins.request.get(`${stack.url}/api/reports/weekly/owner.pdf?lang=nl`)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    const { pages, text } = await pdfText(await pdf.body())
    expect(pages).toBeGreaterThan(1)
    text.forEach((onPage, i) => expect(onPage).toContain(`Pagina ${i + 1} van ${pages}`))
    expect(text[0]).toContain('Weekoverzicht: Eigenaar')
  })
})
