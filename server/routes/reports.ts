import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { requireAdmin } from '../auth.js'
import { badRequest, HttpError, notFound } from '../errors.js'
import { queueMail } from '../services/mail/outbox.js'
import { PdfError } from '../services/reports/pdf.js'
import { weeklyDocument, weeklyFileName, weeklyMail, weeklyPdf } from '../services/reports/render.js'
import { deleteSchedule, listSchedules, setSchedule } from '../services/reports/schedules.js'
import { isFinished, type IsoWeek, lastFullWeek, parseWeek, WeekError } from '../services/reports/week.js'
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

/** The week asked for, or the last full one; a week not over yet has no report. */
function reportWeek(app: FastifyInstance, text: string | undefined): IsoWeek {
  const now = app.reports.now()
  const last = lastFullWeek(now, app.config.tz)
  if (text === undefined) return last
  let week: IsoWeek
  try {
    week = parseWeek(text)
  } catch (error) {
    if (error instanceof WeekError) throw badRequest(error.message)
    throw error
  }
  if (!isFinished(week, now, app.config.tz))
    throw badRequest(`week ${week.id} has not ended yet; the last full week is ${last.id}`)
  return week
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
      const week = reportWeek(app, request.query.week)
      const lang = request.query.lang ?? 'en'
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
        if (error instanceof PdfError) throw new HttpError(503, error.message, 'pdf_unavailable')
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
      const { role } = request.params
      const found = await app.db
        .selectFrom('role')
        .leftJoin('report_schedule', 'report_schedule.role', 'role.id')
        .select(['role.name_en', 'role.name_nl', 'report_schedule.recipients', 'report_schedule.lang'])
        .where('role.id', '=', role)
        .executeTakeFirst()
      if (!found) throw notFound(`there is no role "${role}"`)
      const recipients = request.body.recipients ?? (found.recipients ? (JSON.parse(found.recipients) as string[]) : [])
      if (recipients.length === 0) throw badRequest('name the recipients, or give the role a schedule with them first')
      const lang = request.body.lang ?? found.lang ?? 'en'
      const week = reportWeek(app, request.body.week)
      const name = lang === 'nl' ? found.name_nl : found.name_en
      const { id } = await queueMail(
        app.db,
        weeklyMail({ id: role, name }, week, lang, recipients, `send-now:${role}`),
        app.reports.now(),
      )
      await app.reports.runOnce()
      const mail = (await app.reports.outbox()).find((one) => one.id === id)
      if (!mail) throw new HttpError(500, 'the queued mail is gone')
      return mail
    },
  )
}
