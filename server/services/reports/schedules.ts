import type { Kysely, Selectable } from 'kysely'
import type { Database, ReportScheduleTable } from '../../../db/schema.js'
import { loadSettings } from '../../../kpi-library/settings.js'
import { addDays, DAY, localDate, weekdayOf, zonedTime } from '../../../kpi-library/time.js'
import { badRequest, notFound } from '../../errors.js'
import type { ScheduleInput, ScheduleView, SendNow } from '../../wire/reports.js'
import { queueMail } from '../mail/outbox.js'
import { weeklyMail } from './render.js'
import { type IsoWeek, lastFullWeek } from './week.js'

// Per role, when its weekly review goes out by mail (a weekday and a local time, e.g. Monday 07:30), to whom and in
// which language. Each weekly slot is claimed with one conditional update (last_slot moves forward only) in the same
// transaction that queues its mail: a slot is sent once, across restarts and by any number of processes.

/** A slot missed (the server was down) is still sent within this long after it; an older one is skipped. */
const CATCH_UP_MS = DAY

function viewOf(row: Selectable<ReportScheduleTable>): ScheduleView {
  return {
    id: row.id,
    role: row.role,
    weekday: row.weekday,
    time: row.time,
    recipients: JSON.parse(row.recipients) as string[],
    lang: row.lang,
    createdAt: row.created_at,
    lastSlot: row.last_slot,
  }
}

export async function listSchedules(db: Kysely<Database>): Promise<ScheduleView[]> {
  const rows = await db.selectFrom('report_schedule').selectAll().orderBy('role').execute()
  return rows.map(viewOf)
}

/** Creates or replaces a role's schedule; a changed time does not send the slot that just passed. */
export async function setSchedule(
  db: Kysely<Database>,
  role: string,
  input: ScheduleInput,
  now: Date,
): Promise<ScheduleView> {
  await requireReportable(db, role)
  const at = now.toISOString()
  const values = {
    weekday: input.weekday,
    time: input.time,
    recipients: JSON.stringify([...new Set(input.recipients.map((r) => r.trim()))]),
    lang: input.lang,
  }
  await db
    .insertInto('report_schedule')
    .values({ role, ...values, created_at: at, last_slot: null })
    .onConflict((oc) => oc.column('role').doUpdateSet({ ...values, created_at: at }))
    .execute()
  return viewOf(await db.selectFrom('report_schedule').selectAll().where('role', '=', role).executeTakeFirstOrThrow())
}

/** A role whose weekly review can be made: it exists and has its dashboard. Its names, and its schedule's settings. */
async function requireReportable(db: Kysely<Database>, role: string) {
  const found = await db
    .selectFrom('role')
    .leftJoin('dashboard', 'dashboard.role', 'role.id')
    .leftJoin('report_schedule', 'report_schedule.role', 'role.id')
    .select([
      'role.name_en',
      'role.name_nl',
      'dashboard.id as dashboardId',
      'report_schedule.recipients',
      'report_schedule.lang',
    ])
    .where('role.id', '=', role)
    .executeTakeFirst()
  if (!found) throw notFound(`there is no role "${role}"`)
  if (found.dashboardId === null) throw notFound(`the role "${role}" has no dashboard to report on`)
  return found
}

/**
 * "Send now": the role's weekly review queued for `input.recipients` (or its schedule's) in `input.lang` (or its
 * schedule's, else the MSP's language from the settings), of `input.week` as `weekOf` reads it (the last full week by default).
 */
export async function queueNow(
  db: Kysely<Database>,
  role: string,
  input: SendNow,
  now: Date,
  weekOf: (text: string | undefined) => IsoWeek,
) {
  const found = await requireReportable(db, role)
  const recipients = input.recipients ?? (found.recipients ? (JSON.parse(found.recipients) as string[]) : [])
  if (recipients.length === 0) throw badRequest('name the recipients, or give the role a schedule with them first')
  const lang = input.lang ?? found.lang ?? (await loadSettings(db)).settings.language
  const name = lang === 'nl' ? found.name_nl : found.name_en
  return queueMail(db, weeklyMail({ id: role, name }, weekOf(input.week), lang, recipients, `send-now:${role}`), now)
}

export async function deleteSchedule(db: Kysely<Database>, role: string): Promise<void> {
  const result = await db.deleteFrom('report_schedule').where('role', '=', role).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) throw notFound(`the role "${role}" has no report schedule`)
}

/** The newest slot at or before `now`: the last `weekday` at `time`, local time in `tz`. */
export function latestSlot(weekday: number, time: string, now: Date, tz: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number]
  const today = localDate(now, tz)
  const date = addDays(today, -((weekdayOf(today) - weekday + 7) % 7))
  const at = (d: string) =>
    zonedTime(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)), hour, minute, tz)
  const slot = at(date)
  return slot.getTime() <= now.getTime() ? slot : at(addDays(date, -7))
}

/** Claims every schedule's slot that is due and queues its mail; returns how many were queued. */
export async function queueDueReports(db: Kysely<Database>, now: Date, tz: string): Promise<number> {
  const schedules = await db
    .selectFrom('report_schedule')
    .innerJoin('role', 'role.id', 'report_schedule.role')
    .selectAll('report_schedule')
    .select(['role.name_en', 'role.name_nl'])
    .execute()
  let queued = 0
  for (const schedule of schedules) {
    const slot = latestSlot(schedule.weekday, schedule.time, now, tz)
    const slotAt = slot.toISOString()
    // Not before the schedule existed, not twice, not a slot long past.
    if (slotAt <= schedule.created_at || (schedule.last_slot !== null && slotAt <= schedule.last_slot)) continue
    const stale = now.getTime() - slot.getTime() > CATCH_UP_MS
    await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('report_schedule')
        .set({ last_slot: slotAt })
        .where('id', '=', schedule.id)
        .where((eb) => eb.or([eb('last_slot', 'is', null), eb('last_slot', '<', slotAt)]))
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1 || stale) return
      const name = schedule.lang === 'nl' ? schedule.name_nl : schedule.name_en
      const mail = weeklyMail(
        { id: schedule.role, name },
        lastFullWeek(slot, tz),
        schedule.lang,
        JSON.parse(schedule.recipients) as string[],
        `schedule:${schedule.role}`,
      )
      await queueMail(trx, mail, now)
      queued += 1
    })
  }
  return queued
}
