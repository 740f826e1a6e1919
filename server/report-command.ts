import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { openDatabase } from '../db/index.js'
import type { Database } from '../db/schema.js'
import type { Lang } from '../kpi-library/wire-types.js'
import { type Config, ConfigError, loadConfig, loadSmtpSettings } from './config.js'
import { HttpError } from './errors.js'
import { type Mail, smtpSender } from './services/mail/smtp.js'
import { PdfError } from './services/reports/pdf.js'
import { QbrError } from './services/reports/qbr.js'
import { qbrFileName, qbrMailText, qbrPdf } from './services/reports/qbr-render.js'
import { weeklyFileName, weeklyMailText, weeklyPdf } from './services/reports/render.js'
import { reportWeek, WeekError } from './services/reports/week.js'

/**
 * `roleboard report weekly --role R [--week 2026-W47] [--lang en|nl] --out FILE [--mail-to a@x,b@y]` and
 * `roleboard report qbr --company ID [--quarter 2026-Q3] [--lang en|nl] --out FILE [--mail-to ...]`: the report as
 * a PDF file, and with --mail-to sent at once as an attachment (ROLEBOARD_SMTP_URL and ROLEBOARD_MAIL_FROM).
 */
export async function reportCommand(argv: string[]): Promise<number> {
  const [kind, ...rest] = argv
  if (kind !== 'weekly' && kind !== 'qbr')
    throw new ConfigError(
      'name the report: roleboard report weekly --role R ... or roleboard report qbr --company ID ...',
    )
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      role: { type: 'string' },
      week: { type: 'string' },
      company: { type: 'string' },
      quarter: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      out: { type: 'string' },
      'mail-to': { type: 'string' },
    },
  })
  const lang = values.lang as Lang
  if (lang !== 'en' && lang !== 'nl') throw new ConfigError(`--lang must be en or nl, not "${values.lang}"`)
  if (!values.out) throw new ConfigError('--out FILE.pdf: where to write the report')
  if (kind === 'weekly' && (values.company || values.quarter))
    throw new ConfigError('--company and --quarter go with report qbr')
  if (kind === 'qbr' && (values.role || values.week)) throw new ConfigError('--role and --week go with report weekly')
  const config = loadConfig()
  // Checked before anything is rendered: a missing mail setting should not cost a render first.
  const recipients = values['mail-to'] === undefined ? null : addresses(values['mail-to'])
  const smtp = recipients ? loadSmtpSettings() : null
  if (recipients && (!smtp || !config.mailFrom))
    throw new ConfigError('--mail-to needs ROLEBOARD_SMTP_URL and ROLEBOARD_MAIL_FROM to be set')
  const now = config.now ? new Date(config.now) : new Date()
  const handle = await openDatabase(config.dbPath)
  let made: Awaited<ReturnType<Make>>
  try {
    made =
      kind === 'weekly'
        ? await weekly(handle.db, config, values, lang, now)
        : await qbr(handle.db, config, values, lang, now)
  } catch (error) {
    if (
      error instanceof WeekError ||
      error instanceof PdfError ||
      error instanceof QbrError ||
      error instanceof HttpError
    )
      throw new ConfigError(error.message)
    throw error
  } finally {
    await handle.close()
  }
  writeFileSync(values.out, made.pdf)
  process.stdout.write(`wrote ${values.out} (${Math.round(made.pdf.length / 1024)} KB)\n`)
  if (!recipients || !smtp || !config.mailFrom) return 0
  const mail: Mail = {
    from: config.mailFrom,
    to: recipients,
    subject: made.subject,
    text: made.text,
    attachment: { filename: made.filename, content: made.pdf },
  }
  const outcome = await smtpSender(smtp)(mail)
  if (!outcome.ok) {
    process.stderr.write(`roleboard report: not sent: ${outcome.error}\n`)
    return 1
  }
  process.stdout.write(`sent to ${recipients.join(', ')} through ${smtp.host}\n`)
  return 0
}

type Values = { role?: string; week?: string; company?: string; quarter?: string }
/** One report made into a PDF with the words of its mail. */
type Make = (
  db: Kysely<Database>,
  config: Config,
  values: Values,
  lang: Lang,
  now: Date,
) => Promise<{ pdf: Buffer; subject: string; text: string; filename: string }>

const weekly: Make = async (db, config, values, lang, now) => {
  if (!values.role) throw new ConfigError('--role R: whose weekly review (a role id, such as owner or service-manager)')
  const week = reportWeek(values.week, now, config.tz)
  const role = await db
    .selectFrom('role')
    .select(['name_en', 'name_nl'])
    .where('id', '=', values.role)
    .executeTakeFirst()
  if (!role) throw new ConfigError(`there is no role "${values.role}"`)
  const env = { db, tz: config.tz, hours: config.businessHours, now, chromiumPath: config.chromiumPath }
  const pdf = await weeklyPdf(env, values.role, week, lang)
  const words = weeklyMailText(lang === 'nl' ? role.name_nl : role.name_en, week, lang)
  return { pdf, ...words, filename: weeklyFileName(values.role, week) }
}

const qbr: Make = async (db, config, values, lang, now) => {
  const companyId = Number(values.company)
  if (!values.company || !Number.isSafeInteger(companyId) || companyId < 1)
    throw new ConfigError(
      `--company ID: the client company's id in the PSA (a whole number), not "${values.company ?? ''}"`,
    )
  const env = { db, tz: config.tz, now, chromiumPath: config.chromiumPath }
  const { report, pdf } = await qbrPdf(env, { companyId, ...(values.quarter ? { quarter: values.quarter } : {}), lang })
  return { pdf, ...qbrMailText(report, lang), filename: qbrFileName(report) }
}

/** `a@x.nl,b@y.nl` as a list; a word that is no address is refused by name. */
function addresses(text: string): string[] {
  const list = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const bad = list.find((address) => !/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(address))
  if (list.length === 0 || bad !== undefined)
    throw new ConfigError(
      `--mail-to takes addresses separated by commas, such as a@msp.nl,b@msp.nl${bad ? `; not "${bad}"` : ''}`,
    )
  return list
}
