import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { publicHolidays } from '../../kpi-library/holidays.js'
import { loadSettings, type MspSettings, settingsParamDefaults, withDefaults } from '../../kpi-library/settings.js'
import { localDate } from '../../kpi-library/time.js'
import { badRequest } from '../errors.js'
import type { SettingsView } from '../wire/settings.js'
import { personName } from './access.js'
import { logoProblem } from './brand.js'
import { ALERTS_BY_SOURCE, restateOpenTickets } from '../../connectors/ticket-meanings.js'
import { psaInfo } from './psa-info.js'
import { LABELS } from '../../db/psa-model.js'

// The MSP settings behind /api/settings: read, checked beyond what the JSON schema can say (real
// dates, spans, people that exist), saved with a new version.

export async function getSettings(db: Kysely<Database>, now: Date, tz: string): Promise<SettingsView> {
  const { settings, version } = await loadSettings(db)
  const year = Number(localDate(now, tz).slice(0, 4))
  const people = await db
    .selectFrom('resource')
    .select(['id', 'first_name', 'last_name', 'is_active'])
    .orderBy('is_active', 'desc')
    .orderBy('first_name')
    .orderBy('last_name')
    .execute()
  return {
    settings,
    version,
    paramDefaults: settingsParamDefaults(settings),
    holidays: [
      ...publicHolidays(settings.holidays.country, year),
      ...publicHolidays(settings.holidays.country, year + 1),
    ],
    people: people.map((p) => ({ id: p.id, name: personName(p) || `#${p.id}`, active: p.is_active === 1 })),
    ticketStatuses: await statusesOf(db),
    ticketSources: await labelsOf(db, 'ticketSource'),
    // Before any sync nothing is known: the pattern is shown, it applies once a PSA that reads sources syncs.
    alertsBySource: await psaInfo(db).then(({ psa }) => psa === null || ALERTS_BY_SOURCE.has(psa)),
  }
}

/** The status names, each with whether its tickets are all complete (a status the PSA closes tickets in). */
async function statusesOf(db: Kysely<Database>): Promise<Array<{ name: string; closes: boolean }>> {
  const closing = await db
    .selectFrom('ticket')
    .select('status')
    .groupBy('status')
    .having((eb) => eb.fn.sum<number>(eb.case().when('state', '=', 'complete').then(0).else(1).end()), '=', 0)
    .execute()
  const closes = new Set(closing.map((row) => String(row.status)))
  const rows = await db
    .selectFrom('picklist_value')
    .select(['value', 'label'])
    .where('entity', '=', LABELS.ticketStatus.entity)
    .where('field', '=', LABELS.ticketStatus.field)
    .execute()
  const byName = new Map<string, boolean>()
  for (const row of rows) byName.set(row.label, (byName.get(row.label) ?? false) || closes.has(row.value))
  return [...byName]
    .map(([name, closesIt]) => ({ name, closes: closesIt }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The names a label list holds, each once, sorted. */
async function labelsOf(db: Kysely<Database>, list: 'ticketStatus' | 'ticketSource'): Promise<string[]> {
  const rows = await db
    .selectFrom('picklist_value')
    .select('label')
    .distinct()
    .where('entity', '=', LABELS[list].entity)
    .where('field', '=', LABELS[list].field)
    .execute()
  return rows.map((row) => row.label).sort((a, b) => a.localeCompare(b))
}

const isDate = (text: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text

/** Checks a change against what KPIs accept, merges it over the stored settings and saves it as a new version. */
export async function saveSettings(db: Kysely<Database>, change: Partial<MspSettings>, now: string): Promise<void> {
  const { settings: current, version } = await loadSettings(db)
  const next = withDefaults({ ...current, ...change })
  for (const date of next.holidays.extra) if (!isDate(date)) throw badRequest(`"${date}" is not a date (YYYY-MM-DD)`)
  for (const span of next.leave) {
    if (!isDate(span.from) || !isDate(span.to))
      throw badRequest(`leave of ${span.resourceId}: "${span.from}" to "${span.to}" are not dates (YYYY-MM-DD)`)
    if (span.to < span.from) throw badRequest(`leave of ${span.resourceId}: ${span.to} comes before ${span.from}`)
    if (Date.parse(span.to) - Date.parse(span.from) > 366 * 86_400_000)
      throw badRequest(`leave of ${span.resourceId}: a span is at most a year`)
  }
  const logo = change.brandLogo ? logoProblem(change.brandLogo) : null
  if (logo) throw badRequest(logo)
  for (const [name, pattern] of Object.entries(next.ticketMeanings)) {
    const problem = patternProblem(pattern)
    if (problem) throw badRequest(`ticket meaning ${name}: "${pattern}" is not a pattern (${problem})`)
  }
  const hours = next.businessHours
  if (hours && hours.end <= hours.start)
    throw badRequest(`business hours must end after they start (${hours.start}-${hours.end})`)
  const ids = [...new Set([...next.personHours.map((p) => p.resourceId), ...next.leave.map((l) => l.resourceId)])]
  if (ids.length > 0) {
    const known = new Set(
      (await db.selectFrom('resource').select('id').where('id', 'in', ids).execute()).map((row) => row.id),
    )
    const unknown = ids.filter((id) => !known.has(id))
    if (unknown.length > 0) throw badRequest(`no synced person with id ${unknown.join(', ')}`)
  }
  const row = { settings: JSON.stringify(next), version: version + 1, updated_at: now }
  await db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('msp_settings').set(row).where('id', '=', 1).executeTakeFirst()
    if (Number(updated.numUpdatedRows) === 0)
      await trx
        .insertInto('msp_settings')
        .values({ id: 1, ...row })
        .execute()
  })
  // What a status name means may have changed: every open ticket's state follows at once, not at its next edit.
  if (change.ticketMeanings) await restateOpenTickets(db)
}

/** Why a ticket-meaning pattern cannot be used, or null. */
function patternProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'i')
    return null
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '')
  }
}
