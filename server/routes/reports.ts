import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { loadSettings } from '../../kpi-library/settings.js'
import { requireAdmin } from '../auth.js'
import { badRequest, HttpError } from '../errors.js'
import { PdfError } from '../services/reports/pdf.js'
import { weeklyDocument, weeklyFileName, weeklyPdf } from '../services/reports/render.js'
import { deleteSchedule, listSchedules, queueNow, setSchedule } from '../services/reports/schedules.js'
import { type IsoWeek, reportWeek, WeekError } from '../services/reports/week.js'
import { errorResponses, Open, RoleParamsSchema } from '../wire/common.js'
import {
  ReportsStateSchema,
  ScheduleInputSchema,
  ScheduleViewSchema,
  SendNowResultSchema,
  SendNowSchema,
  WeeklyFileParamsSchema,
  WeeklyQuerySchema,
} from '../wire/reports.js'

// The weekly review for admins: the page (`/api/reports/weekly/owner.html?week=2026-W47&lang=nl`) and its PDF
// (`owner.pdf`), the mail schedules per role, "send now" and the mail outbox with its failures. Admin only.

/** The week asked for, or the last full one, as of the reports' clock; a refusal is the client's mistake. */
function weekOf(app: FastifyInstance, text: string | undefined): IsoWeek {
  try {
    return reportWeek(text, app.reports.now(), app.config.tz)
  } catch (error) {
    if (error instanceof WeekError) throw badRequest(error.message)
    throw error
  }
}

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const env = () => ({
    db: app.db,
    tz: app.config.tz,
    hours: app.config.businessHours,
    now: app.reports.now(),
    chromiumPath: app.config.chromiumPath,
  })

  app.get(
    '/api/reports/weekly/:file',
    { schema: { params: WeeklyFileParamsSchema, querystring: WeeklyQuerySchema } },
    async (request, reply) => {
      requireAdmin(request)
      const [role, form] = request.params.file.split('.') as [string, 'html' | 'pdf']
      const week = weekOf(app, request.query.week)
      const lang = request.query.lang ?? (await loadSettings(app.db)).settings.language
      if (form === 'html') {
        const { html } = await weeklyDocument(env(), role, week, lang)
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
      }
      try {
        const pdf = await weeklyPdf(env(), role, week, lang)
        return reply
          .type('application/pdf')
          .header('cache-control', 'no-store')
          .header('content-disposition', `inline; filename="${weeklyFileName(role, week)}"`)
          .send(pdf)
      } catch (error) {
        // Said as it is (the error handler hides a 5xx's message): the admin can install Chromium or point to it.
        if (error instanceof PdfError) return reply.code(503).send({ message: error.message, code: 'pdf_unavailable' })
        throw error
      }
    },
  )

  app.get('/api/reports', { schema: { response: { 200: ReportsStateSchema, ...errorResponses } } }, async (request) => {
    requireAdmin(request)
    return {
      mail: { configured: app.reports.mail.configured, host: app.reports.mail.host, from: app.reports.mail.from },
      schedules: await listSchedules(app.db),
      outbox: await app.reports.outbox(),
    }
  })

  app.put(
    '/api/reports/schedules/:role',
    {
      schema: {
        params: RoleParamsSchema,
        body: ScheduleInputSchema,
        response: { 200: ScheduleViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      return setSchedule(app.db, request.params.role, request.body, app.reports.now())
    },
  )

  app.delete(
    '/api/reports/schedules/:role',
    { schema: { params: RoleParamsSchema, response: { 200: Open, ...errorResponses } } },
    async (request) => {
      requireAdmin(request)
      await deleteSchedule(app.db, request.params.role)
      return { role: request.params.role, deleted: true }
    },
  )

  // Queued like a scheduled mail, then one pass of the sender: the answer says whether it went or why not (it is
  // retried like any other mail).
  app.post(
    '/api/reports/send-now/:role',
    {
      schema: {
        params: RoleParamsSchema,
        body: SendNowSchema,
        response: { 200: SendNowResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAdmin(request)
      const { id } = await queueNow(app.db, request.params.role, request.body, app.reports.now(), (text) =>
        weekOf(app, text),
      )
      await app.reports.runOnce()
      const mail = (await app.reports.outbox()).find((one) => one.id === id)
      if (!mail) throw new HttpError(500, 'the queued mail is gone')
      return mail
    },
  )
}
