import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { runRoleboard } from '../helpers/cli.js'
import { pdfText } from '../helpers/pdf-text.js'
import { attachmentsOf, SMTP_PASSWORD, startSmtpReceiver } from '../helpers/smtp-receiver.js'
import { tempDir } from '../helpers/sync-env.js'
import { MONDAY_MORNING, ROLE, WEEK, weeklyDesk } from './reports-env.js'

// `roleboard report weekly|qbr ... --out FILE.pdf [--mail-to ...]` as a person runs it, on the WEEK_47 desk
// (reports-env.ts): the PDF written, mailed at once through a real local SMTP server, and bad input refused in one
// line with nothing written.

describe('roleboard report', () => {
  test('weekly writes the PDF and mails it at once; the password shows nowhere', async () => {
    const smtp = await startSmtpReceiver()
    const handle = await weeklyDesk()
    const out = join(tempDir(), 'weekly.pdf')
    const run = await runRoleboard(
      [
        'report',
        'weekly',
        '--role',
        ROLE,
        '--week',
        WEEK,
        '--out',
        out,
        '--mail-to',
        'owner@msp.example,lead@msp.example',
      ],
      {
        ROLEBOARD_DB: handle.path,
        ROLEBOARD_NOW: MONDAY_MORNING,
        ROLEBOARD_SMTP_URL: smtp.url,
        ROLEBOARD_MAIL_FROM: 'reports@msp.example',
      },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(
        `^wrote ${out} \\(\\d+ KB\\)\\nsent to owner@msp.example, lead@msp.example through 127\\.0\\.0\\.1:${smtp.port}\\n$`,
      ),
    )
    const file = readFileSync(out)
    const { pages, text } = await pdfText(file)
    expect(pages).toBe(1)
    expect(text[0]).toContain('Weekly review: Weekly desk')
    expect(text[0]).toContain('Week 47 (2026), 16/11/2026 – 22/11/2026')
    // The path as week 47 ended (reports-env.ts): 15.71 h.
    expect(text[0]).toContain('12.5 h 15.7 h path to 20 h by 31/12/2026')
    expect(text[0]).toContain('Page 1 of 1')
    expect(smtp.received).toHaveLength(1)
    const [attached] = attachmentsOf(smtp.received[0]!.raw)
    expect(attached!.content.equals(file)).toBe(true)
    expect(run.stdout + run.stderr).not.toContain(SMTP_PASSWORD)
  })

  test('a week that is no ISO week, a missing mail setting and an unknown client are refused in one line', async () => {
    const handle = await weeklyDesk()
    const dir = tempDir()
    const env = {
      ROLEBOARD_DB: handle.path,
      ROLEBOARD_NOW: MONDAY_MORNING,
      ROLEBOARD_SMTP_URL: '',
      ROLEBOARD_MAIL_FROM: '',
    }
    const cases: Array<[string[], string]> = [
      [
        ['report', 'weekly', '--role', ROLE, '--week', '2026-47', '--out', join(dir, 'a.pdf')],
        'roleboard report: a week is written 2026-W47 (ISO year and week number), not "2026-47"\n',
      ],
      [
        ['report', 'weekly', '--role', ROLE, '--out', join(dir, 'b.pdf'), '--mail-to', 'owner@msp.example'],
        'roleboard report: --mail-to needs ROLEBOARD_SMTP_URL and ROLEBOARD_MAIL_FROM to be set\n',
      ],
      [
        ['report', 'weekly', '--role', 'nobody', '--out', join(dir, 'c.pdf')],
        'roleboard report: there is no role "nobody"\n',
      ],
      [
        ['report', 'qbr', '--company', '999', '--quarter', '2026-Q3', '--out', join(dir, 'd.pdf')],
        'roleboard report: no client company with id 999\n',
      ],
    ]
    for (const [args, stderr] of cases) {
      const run = await runRoleboard(args, env)
      expect(run.stderr).toBe(stderr)
      expect(run.code).toBe(1)
    }
    expect(() => readFileSync(join(dir, 'a.pdf'))).toThrow()
  })

  test('qbr writes the client review of a quarter as a PDF', async () => {
    const handle = await weeklyDesk()
    const out = join(tempDir(), 'qbr.pdf')
    const run = await runRoleboard(
      ['report', 'qbr', '--company', '10', '--quarter', '2026-Q4', '--lang', 'nl', '--out', out],
      {
        ROLEBOARD_DB: handle.path,
        ROLEBOARD_NOW: MONDAY_MORNING,
      },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const { text } = await pdfText(readFileSync(out))
    expect(text[0]).toContain('Bakker Installatie B.V.')
    expect(text.at(-1)).toMatch(/Pagina (\d+) van \1/)
  })
})
