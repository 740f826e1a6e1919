import { type Static, type TProperties, Type } from 'typebox'
import {
  BRAND_LOGO_MAX_BYTES,
  CURRENCIES,
  type Holiday,
  HOLIDAY_COUNTRIES,
  type MspSettings,
  type ParamValue,
} from '../../kpi-library/wire-types.js'
import { IdSchema, LangSchema, OneOf } from './common.js'
import type { Person } from './tokens.js'

/** The range of a KPI parameter a setting stands in for (its spec's `min` and `max`). */
export interface Bounds {
  min: number
  max: number
}

/** The ranges the settings take from the KPI library: the route passes the parameter specs themselves. */
export interface SettingsBounds {
  standardRate: Bounds
  weeklyHours: Bounds
}

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Clock = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$' })
// A PNG or SVG as a base64 data URL. The length bound only keeps bodies small: server/services/brand.ts reads inside
// it and names the size limit (BRAND_LOGO_MAX_BYTES, decoded) in words a person can act on.
const Logo = Type.String({
  pattern: '^data:image/(png|svg\\+xml);base64,[A-Za-z0-9+/]+={0,2}$',
  maxLength: BRAND_LOGO_MAX_BYTES * 4,
})
// A regular expression over status or source names; server/services/settings.ts checks that it compiles.
const Pattern = Type.String({ minLength: 1, maxLength: 200 })
const closed = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false })

/**
 * The MSP's settings (kpi-library/wire-types.ts MspSettings) as a schema. The rates and weekly hours are bounded
 * by the KPI parameters they stand in for, so no KPI has to ignore a saved value; those bounds are the KPI
 * library's own, so the route passes them in.
 */
export function mspSettingsSchema(bounds: SettingsBounds) {
  const Rate = Type.Number({ minimum: bounds.standardRate.min, maximum: bounds.standardRate.max })
  const Weekly = Type.Number({ minimum: bounds.weeklyHours.min, maximum: bounds.weeklyHours.max })
  return closed({
    standardRate: Type.Union([Rate, Type.Null()]),
    contractTypeRates: Type.Array(closed({ contractType: Type.Integer({ minimum: 0, maximum: 1000 }), rate: Rate }), {
      maxItems: 50,
    }),
    weeklyHours: Type.Union([Weekly, Type.Null()]),
    personHours: Type.Array(closed({ resourceId: IdSchema, weeklyHours: Weekly }), { maxItems: 500 }),
    businessHours: Type.Union([
      closed({
        days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
        start: Clock,
        end: Clock,
      }),
      Type.Null(),
    ]),
    holidays: closed({ country: OneOf(HOLIDAY_COUNTRIES), extra: Type.Array(Day, { maxItems: 100 }) }),
    leave: Type.Array(closed({ resourceId: IdSchema, from: Day, to: Day }), { maxItems: 1000 }),
    currency: OneOf(CURRENCIES),
    language: LangSchema,
    brandColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    brandLogo: Type.Union([Logo, Type.Null()]),
    ticketMeanings: closed({ waitingCustomer: Pattern, onHold: Pattern, resolved: Pattern, alertSources: Pattern }),
  })
}

/** PUT /api/settings: some of the settings; the fields sent replace theirs, the rest stay. */
export const settingsChangeSchema = (bounds: SettingsBounds) =>
  Type.Partial(mspSettingsSchema(bounds), { additionalProperties: false, minProperties: 1 })
export type SettingsChange = Static<ReturnType<typeof settingsChangeSchema>>

// The schema is MspSettings, checked when this compiles: kpi-library declares the type and imports no server code,
// so the two are tied here. Each way assignable with the same keys, or `SettingsSchemaIsMspSettings` fails.
type Same<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false
type Holds<T extends true> = T
export type SettingsSchemaIsMspSettings = [
  Holds<Same<Static<ReturnType<typeof mspSettingsSchema>>, MspSettings>>,
  Holds<Same<SettingsChange, Partial<MspSettings>>>,
]

/** GET and PUT /api/settings: the settings, what they give the KPIs, and what the settings page picks from. */
export interface SettingsView {
  settings: MspSettings
  version: number
  /** KPI parameter defaults the settings give (a tile's value in force when it sets none). */
  paramDefaults: Record<string, ParamValue>
  /** The chosen country's holidays of this year and the next, for the settings page to show. */
  holidays: Holiday[]
  /** Synced people to pick by name (active first). */
  people: Person[]
  /**
   * The PSA's ticket status names, for the ticket meanings to be tried on (sorted, each once); `closes`: the PSA
   * closes a ticket in this status (every ticket in it is complete), so no pattern changes what it means.
   */
  ticketStatuses: Array<{ name: string; closes: boolean }>
  /** The PSA's ticket source names (sorted, each once). */
  ticketSources: string[]
  /** Whether the PSA's monitoring alerts are told by source (ConnectWise); Autotask's are a ticket type. */
  alertsBySource: boolean
}
