import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { Lang } from '../../../kpi-library/wire-types.js'
import type { BusinessHours } from '../../../kpi-library/time.js'
import type { NewMail, ReportRef } from '../mail/outbox.js'
import { renderPdf } from './pdf.js'
import { buildWeekly } from './weekly.js'
import { dateText } from './html.js'
import { weeklyHtml, weeklyWords } from './weekly-html.js'
import { type IsoWeek, parseWeek } from './week.js'

// The weekly review from a role, a week and a language to a document: HTML for the page, a PDF for the file and the
// mail. Shared by the routes, the CLI and the mail runner, so all three print the same report.

export interface ReportEnv {
  db: Kysely<Database>
  tz: string
  hours?: BusinessHours
  now: Date
  chromiumPath: string
}

export async function weeklyDocument(env: ReportEnv, role: string, week: IsoWeek, lang: Lang) {
  const report = await buildWeekly(env.db, {
    role,
    week,
    lang,
    tz: env.tz,
    now: env.now,
    ...(env.hours ? { hours: env.hours } : {}),
  })
  return { report, html: weeklyHtml(report, env.tz) }
}

/** `weekly-owner-2026-W47.pdf`. */
export const weeklyFileName = (role: string, week: IsoWeek) => `weekly-${role}-${week.id}.pdf`

export async function weeklyPdf(env: ReportEnv, role: string, week: IsoWeek, lang: Lang): Promise<Buffer> {
  const { report, html } = await weeklyDocument(env, role, week, lang)
  const words = weeklyWords(lang)
  return renderPdf(html, {
    executablePath: env.chromiumPath,
    footer: { page: words.page, of: words.of, left: `${words.title} · ${report.roleName} · ${week.id}` },
  })
}

/** The outbox's render step: a queued report mail's attachment, made when the mail is sent. */
export function reportRenderer(env: Omit<ReportEnv, 'now'>, now: () => Date) {
  return async (ref: ReportRef) => {
    const week = parseWeek(ref.week)
    return {
      filename: weeklyFileName(ref.role, week),
      content: await weeklyPdf({ ...env, now: now() }, ref.role, week, ref.lang),
    }
  }
}

/** The subject and the few lines of the mail that carries a role's weekly review. */
export function weeklyMailText(roleName: string, week: IsoWeek, lang: Lang): { subject: string; text: string } {
  const words = weeklyWords(lang)
  const n = Number(week.id.slice(6))
  const range = `${dateText(week.from, lang)} ${lang === 'nl' ? 't/m' : 'to'} ${dateText(week.to, lang)}`
  return {
    subject: `${words.title} ${roleName}, ${words.week.toLowerCase()} ${n} (${week.id.slice(0, 4)})`,
    text:
      lang === 'nl'
        ? `Bijgevoegd: het weekoverzicht van ${roleName} over week ${n} (${range}).\n\nVerstuurd door roleboard.`
        : `Attached: the weekly review of ${roleName} for week ${n} (${range}).\n\nSent by roleboard.`,
  }
}

/** The outbox's mail of a role's weekly review; the PDF is rendered when it is sent. */
export function weeklyMail(
  role: { id: string; name: string },
  week: IsoWeek,
  lang: Lang,
  to: string[],
  origin: string,
): NewMail {
  return {
    to,
    ...weeklyMailText(role.name, week, lang),
    origin,
    report: { kind: 'weekly', role: role.id, week: week.id, lang },
  }
}
