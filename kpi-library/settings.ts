import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { publicHolidays } from './holidays.js'
import { DEFAULT_TICKET_MEANINGS } from '../db/psa-model.js'

import { addDays, type BusinessHours, localDate } from './time.js'
import type { ParamValue } from './types.js'
import type { MspSettings } from './wire-types.js'

// The MSP's settings, once for every KPI (issue 12): what a KPI parameter, the business hours or the
// capacity of a person would otherwise each say on their own. Pure: the server stores them
// (server/services/settings.ts), the engine reads them into every KPI's context.

export { CURRENCIES } from './wire-types.js'
export type { Currency, MspSettings } from './wire-types.js'

export const DEFAULT_SETTINGS: MspSettings = {
  standardRate: null,
  contractTypeRates: [],
  weeklyHours: null,
  personHours: [],
  businessHours: null,
  holidays: { country: 'NL', extra: [] },
  leave: [],
  currency: 'EUR',
  language: 'en',
  // roleboard's own blue (the builder's buttons) until the MSP sets its colour.
  brandColor: '#1f6feb',
  brandLogo: null,
  ticketMeanings: DEFAULT_TICKET_MEANINGS,
}

/** Stored settings over the defaults: a setting added later reads its default from an older row. */
export function withDefaults(stored: Partial<MspSettings> | null | undefined): MspSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...(stored ?? {}),
    holidays: { ...DEFAULT_SETTINGS.holidays, ...(stored?.holidays ?? {}) },
    ticketMeanings: { ...DEFAULT_SETTINGS.ticketMeanings, ...(stored?.ticketMeanings ?? {}) },
  }
}

/**
 * KPI parameters whose default the settings give, by parameter name: every KPI that takes a
 * `standardRate` or `weeklyHours` starts from the MSP's value (a tile may still override it).
 */
export function settingsParamDefaults(settings: MspSettings): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  if (settings.standardRate !== null) out.standardRate = settings.standardRate
  if (settings.weeklyHours !== null) out.weeklyHours = settings.weeklyHours
  return out
}

// SLA durations and capacity reach this far back and ahead of now; older history has no holidays.
const HOLIDAY_YEARS_BACK = 10
const HOLIDAY_YEARS_AHEAD = 1

/** Every day off of the settings (the country's holidays of the years KPIs reach, and the extra dates), sorted. */
export function daysOff(settings: MspSettings, now: Date, tz: string): string[] {
  const year = Number(localDate(now, tz).slice(0, 4))
  const dates = new Set(settings.holidays.extra)
  for (let y = year - HOLIDAY_YEARS_BACK; y <= year + HOLIDAY_YEARS_AHEAD; y++)
    for (const day of publicHolidays(settings.holidays.country, y)) dates.add(day.date)
  return [...dates].sort()
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** The business hours KPIs count in: the settings' days and hours when set (else the environment's), with their days off. */
export function businessHoursOf(settings: MspSettings, fallback: BusinessHours, now: Date, tz: string): BusinessHours {
  const own = settings.businessHours
  const base = own
    ? { days: [...own.days].sort(), startMinute: minutes(own.start), endMinute: minutes(own.end) }
    : fallback
  return {
    days: base.days,
    startMinute: base.startMinute,
    endMinute: base.endMinute,
    holidays: [...new Set([...fallback.holidays, ...daysOff(settings, now, tz)])].sort(),
  }
}

/** What capacity KPIs read per person (types.ts StaffCalendar). */
export function staffCalendarOf(settings: MspSettings): {
  weeklyHours: Map<number, number>
  leave: Map<number, string[]>
} {
  const leave = new Map<number, string[]>()
  for (const span of settings.leave) {
    const dates = leave.get(span.resourceId) ?? []
    // A span is at most a year (the settings' schema); the guard keeps a bad row from looping.
    for (let date = span.from, guard = 0; date <= span.to && guard < 400; date = addDays(date, 1), guard++)
      dates.push(date)
    leave.set(span.resourceId, dates)
  }
  return { weeklyHours: new Map(settings.personHours.map((p) => [p.resourceId, p.weeklyHours])), leave }
}

/** The hourly rate per contract type (contract.contract_type) where the MSP set one (types.ts KpiContext.rates). */
export function contractTypeRatesOf(settings: MspSettings): Map<number, number> {
  return new Map(settings.contractTypeRates.map((r) => [r.contractType, r.rate]))
}

/** The stored settings (migration 027's one row) over the defaults, and their version (0: never saved). */
export async function loadSettings(db: Kysely<Database>): Promise<{ settings: MspSettings; version: number }> {
  const row = await db.selectFrom('msp_settings').select(['settings', 'version']).where('id', '=', 1).executeTakeFirst()
  return {
    settings: withDefaults(row ? (JSON.parse(row.settings) as Partial<MspSettings>) : null),
    version: row?.version ?? 0,
  }
}
