import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.js'
import type { Lang } from '../../../kpi-library/wire-types.js'
import { renderPdf } from './pdf.js'
import { buildQbr, type QbrReport } from './qbr.js'
import { qbrHtml, qbrWords, quarterName } from './qbr-html.js'

// The client review from a company, a quarter and a language to a document: HTML for the page, a PDF for the file.
// The route and the CLI both come here, so both hand the client the same report.

/** What a report is made from (render.ts ReportEnv carries it too). */
type Env = { db: Kysely<Database>; tz: string; now: Date; chromiumPath: string }

export interface QbrRequest {
  companyId: number
  /** `2026-Q3`; the last full quarter when left out. */
  quarter?: string
  lang: Lang
}

export async function qbrDocument(env: Env, request: QbrRequest): Promise<{ report: QbrReport; html: string }> {
  const report = await buildQbr(env.db, { ...request, now: env.now, tz: env.tz })
  return { report, html: qbrHtml(report, request.lang) }
}

/** `qbr-1042-2026-Q3.pdf`. */
export const qbrFileName = (report: QbrReport) => `qbr-${report.company.id}-${report.current.quarter.id}.pdf`

export async function qbrPdf(env: Env, request: QbrRequest): Promise<{ report: QbrReport; pdf: Buffer }> {
  const { report, html } = await qbrDocument(env, request)
  const words = qbrWords(request.lang)
  const pdf = await renderPdf(html, {
    executablePath: env.chromiumPath,
    footer: {
      page: words.page,
      of: words.of,
      left: `${words.title} · ${report.company.name} · ${quarterName(report.current.quarter.id)}`,
    },
  })
  return { report, pdf }
}

/** The words of the mail a client review is attached to. */
export function qbrMailText(report: QbrReport, lang: Lang): { subject: string; text: string } {
  const quarter = quarterName(report.current.quarter.id)
  const name = report.company.name
  return {
    subject: `${qbrWords(lang).title} ${name}, ${quarter}`,
    text:
      lang === 'nl'
        ? `Bijgevoegd: de kwartaalrapportage van ${name} over ${quarter}.\n\nVerstuurd door roleboard.`
        : `Attached: the quarterly service review of ${name} for ${quarter}.\n\nSent by roleboard.`,
  }
}
