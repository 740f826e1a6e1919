// What a KPI is and says as the API sends it, and the MSP settings the API edits: the browser's code imports
// these types as they are, so this file imports nothing (kpi-library/types.ts adds the queries and the
// computation on top, settings.ts and holidays.ts the reading and the arithmetic).

/** The languages roleboard speaks; the API's `lang` accepts exactly these (server/wire/common.ts). */
export const LANGS = ['en', 'nl'] as const
export type Lang = (typeof LANGS)[number]

export const KPI_KINDS = ['number', 'trend', 'breakdown', 'list'] as const
export type KpiKind = (typeof KPI_KINDS)[number]
export type Direction = 'higher' | 'lower' | 'neutral'
export type Unit = 'count' | 'percent' | 'hours' | 'minutes' | 'days' | 'euro' | 'ratio' | 'score'
export type Group = 'flow' | 'sla' | 'quality' | 'csat' | 'time' | 'hygiene' | 'finance' | 'account'
export type Status = 'good' | 'warn' | 'bad' | 'none'

/** Text in both of roleboard's languages. */
export interface Text {
  en: string
  nl: string
}

export type ParamValue = number | boolean | string | number[]

export interface ParamSpec {
  type: 'number' | 'integer' | 'integers' | 'boolean' | 'string'
  default: ParamValue
  min?: number
  max?: number
  description: Text
}

/**
 * The tolerance band. For "higher is better": good at or above `target`, warn down to `warn`, bad
 * below. For "lower is better" the other way round.
 */
export interface Band {
  target: number
  warn: number
}

export interface ListField {
  key: string
  label: Text
  type: 'text' | 'number' | 'hours' | 'minutes' | 'days' | 'date' | 'datetime' | 'phone' | 'percent' | 'euro' | 'rating'
}

export interface ActionSpec {
  /** What the person on the row is asked to do ("call back", "assign", "log your time"). */
  verb: Text
  /** When a row leaves the list by itself. */
  leavesWhen: Text
  /** Who acts on a row. */
  owner: Text
  fields: readonly ListField[]
  sort: Text
  /**
   * What a person's tap on a row means. `none`: a risk list (SLA breaches) whose rows leave only when
   * the PSA shows the change, so nobody can tap them away. `take`: "I'm on it", shown as taken by that
   * person on every screen, the row staying until the PSA shows the change. `resolve`: the work happens
   * outside the PSA (a call), so the tap asks for a note and takes the row off the list for everyone.
   */
  ack: AckMode
  /** The button's words for `resolve` ("Called back"). */
  done?: Text
}

export type AckMode = 'none' | 'take' | 'resolve'

export interface TrendPoint {
  t: string
  value: number | null
}

export interface BreakdownItem {
  key: string
  label: string
  value: number | null
  /** What the band judges when it is not the value shown: a month-to-date use by its month-end pace. */
  judged?: number | null
}

/** A breakdown item as results carry it: judged against the band when the KPI's items share it. */
export interface JudgedItem extends BreakdownItem {
  status: Status
}

interface BaseResult {
  id: string
  title: string
  /** The period it covers, in the result's language ("last 7 days", "now"). */
  window: string
  context: string
  status: Status
  /** When the data behind it was last synced from the PSA (null: never). */
  asOf: string | null
  evaluatedAt: string
}

export interface NumberResult extends BaseResult {
  kind: 'number'
  value: number | null
  unit: Unit
  target: number | null
}

export interface TrendResult extends BaseResult {
  kind: 'trend'
  value: number | null
  unit: Unit
  target: number | null
  points: TrendPoint[]
}

export interface BreakdownResult extends BaseResult {
  kind: 'breakdown'
  value: number | null
  unit: Unit
  target: number | null
  items: JudgedItem[]
}

export interface ListResult extends BaseResult {
  kind: 'list'
  count: number
  rows: Array<Record<string, unknown>>
  /** What to do with a row, and what a tap on it means. */
  action: { verb: string; ack: AckMode; done: string | null } | null
}

export type KpiResult = NumberResult | TrendResult | BreakdownResult | ListResult

/** The largest logo the settings keep, decoded: enough for a crisp print logo, small enough for every settings read. */
export const BRAND_LOGO_MAX_BYTES = 100 * 1024

/** The currencies the screens show money in. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const
export type Currency = (typeof CURRENCIES)[number]

/** Whose public holidays the business-hour sums skip (kpi-library/holidays.ts). */
export const HOLIDAY_COUNTRIES = ['NL', 'BE', 'none'] as const
export type HolidayCountry = (typeof HOLIDAY_COUNTRIES)[number]

export interface Holiday {
  date: string
  name: Text
}

/** The MSP's settings, once for every KPI (kpi-library/settings.ts reads them, GET/PUT /api/settings edits them). */
export interface MspSettings {
  /** The standard (break-fix) hourly rate; null: each KPI's own default. */
  standardRate: number | null
  /** Hourly rates per kind of contract (db/psa-model.ts CONTRACT_KIND), where the MSP prices them apart. */
  contractTypeRates: Array<{ contractType: number; rate: number }>
  /** Contracted hours per person per week; null: each KPI's own default. */
  weeklyHours: number | null
  /** People whose contracted hours differ from `weeklyHours` (synced resources, by id). */
  personHours: Array<{ resourceId: number; weeklyHours: number }>
  /** Working days (ISO weekdays) and hours, `HH:MM`; null: ROLEBOARD_BUSINESS_HOURS. */
  businessHours: { days: number[]; start: string; end: string } | null
  /** Public holidays of a country, computed per year, plus extra dates the MSP closes. */
  holidays: { country: HolidayCountry; extra: string[] }
  /** Leave per person, whole local dates from and to (inclusive). */
  leave: Array<{ resourceId: number; from: string; to: string }>
  currency: Currency
  /** The language of screens that do not ask for one. */
  language: Lang
  /** The MSP's colour (`#rrggbb`) on the reports it hands its clients (the QBR). */
  brandColor: string
  /** The MSP's logo on those reports: a PNG or SVG `data:` URL (server/services/brand.ts checks it); null: none. */
  brandLogo: string | null
  /**
   * Which ticket status names mean waiting on the customer, on hold or resolved, and which sources are monitoring
   * alerts: case-insensitive regular expressions over the PSA's own names (db/psa-model.ts TicketMeanings).
   */
  ticketMeanings: { waitingCustomer: string; onHold: string; resolved: string; alertSources: string }
}
