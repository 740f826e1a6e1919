import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadSettings } from '../../kpi-library/settings.js'
import { requireAdmin } from '../auth.js'
import { badRequest, HttpError, notFound } from '../errors.js'
import { PdfError } from '../services/reports/pdf.js'
import { QbrError } from '../services/reports/qbr.js'
import { qbrDocument, qbrFileName, qbrPdf } from '../services/reports/qbr-render.js'
import { QbrFileParamsSchema, QbrQuerySchema } from '../wire/qbr.js'

// The client review (QBR) for admins, to read before handing it over: the page
// (`/api/reports/qbr/1042.html?quarter=2026-Q3&lang=nl`) and its PDF (`1042.pdf`). The last full quarter when none
// is asked; the MSP's screen language when no language is. Admin only.

export const qbrRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/reports/qbr/:file',
    { schema: { params: QbrFileParamsSchema, querystring: QbrQuerySchema } },
    async (request, reply) => {
      requireAdmin(request)
      const [id, form] = request.params.file.split('.') as [string, 'html' | 'pdf']
      const lang = request.query.lang ?? (await loadSettings(app.db)).settings.language
      const env = { db: app.db, tz: app.config.tz, now: app.now(), chromiumPath: app.config.chromiumPath }
      const asked = {
        companyId: Number(id),
        lang,
        ...(request.query.quarter ? { quarter: request.query.quarter } : {}),
      }
      try {
        if (form === 'html') {
          const { html } = await qbrDocument(env, asked)
          return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
        }
        const { report, pdf } = await qbrPdf(env, asked)
        return reply
          .type('application/pdf')
          .header('cache-control', 'no-store')
          .header('content-disposition', `inline; filename="${qbrFileName(report)}"`)
          .send(pdf)
      } catch (error) {
        if (error instanceof QbrError)
          throw error.code === 'unknown_company' ? notFound(error.message) : badRequest(error.message)
        if (error instanceof PdfError) throw new HttpError(503, error.message, 'pdf_unavailable')
        throw error
      }
    },
  )
}
