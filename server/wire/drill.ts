import { type Static, Type } from 'typebox'
import type { Status, Unit } from '../../kpi-library/wire-types.js'
import { IdSchema, KpiIdSchema, LangSchema, OneOf, RoleIdSchema, TokenSchema } from './common.js'
import type { TicketPsa } from './psa.js'

// A drill-down: the rows behind a tile's number, for a window and filters
// (`/api/drill/roles/service-manager/tiles/12?window=last-week&company=7`).

export const DRILL_PRESETS = [
  'default',
  'this-week',
  'last-week',
  'this-month',
  'last-month',
  'this-quarter',
  'last-quarter',
] as const
export type DrillPreset = (typeof DRILL_PRESETS)[number]

/** Each preset in words, for the page's buttons and the answer's window; `default` is the KPI's own. */
export const PRESET_WORDS: Record<DrillPreset, { en: string; nl: string }> = {
  default: { en: 'As on the tile', nl: 'Zoals op de tegel' },
  'this-week': { en: 'This week', nl: 'Deze week' },
  'last-week': { en: 'Last week', nl: 'Vorige week' },
  'this-month': { en: 'This month', nl: 'Deze maand' },
  'last-month': { en: 'Last month', nl: 'Vorige maand' },
  'this-quarter': { en: 'This quarter', nl: 'Dit kwartaal' },
  'last-quarter': { en: 'Last quarter', nl: 'Vorig kwartaal' },
}

/** A local date, `2026-11-30`; whether it exists is checked by the service. */
const LocalDateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })

export const DrillQuerySchema = Type.Object(
  {
    /** A preset window; `default` (or none, without from/to) is the KPI's own. */
    window: Type.Optional(OneOf(DRILL_PRESETS)),
    /** A chosen range of local dates, both inclusive; instead of `window`. */
    from: Type.Optional(LocalDateSchema),
    to: Type.Optional(LocalDateSchema),
    company: Type.Optional(IdSchema),
    resource: Type.Optional(IdSchema),
    queue: Type.Optional(IdSchema),
    lang: Type.Optional(LangSchema),
    token: Type.Optional(TokenSchema),
  },
  { additionalProperties: false },
)
export type DrillQuery = Static<typeof DrillQuerySchema>

export const DrillTileParamsSchema = Type.Object(
  { role: RoleIdSchema, tileId: IdSchema },
  { additionalProperties: false },
)
export const DrillGoalParamsSchema = Type.Object({ goalId: IdSchema }, { additionalProperties: false })
export const DrillPersonParamsSchema = Type.Object(
  { resourceId: IdSchema, kpi: KpiIdSchema },
  { additionalProperties: false },
)
export const DrillListQuerySchema = Type.Object(
  { lang: Type.Optional(LangSchema), token: Type.Optional(TokenSchema) },
  { additionalProperties: false },
)

/**
 * One record behind the number: a ticket (or a survey or review on one), with what the KPI made of it and a link to
 * open the ticket in its PSA.
 */
export interface DrillRow {
  /** Null for a record on no ticket (a survey of the company itself). */
  ticketId: number | null
  /** The survey's or review's own id where that is the record; null where the ticket is. */
  recordId: number | null
  ticketNumber: string | null
  title: string | null
  companyId: number | null
  companyName: string | null
  resourceId: number | null
  resourceName: string | null
  queueId: number | null
  queueLabel: string | null
  /** The date that put the row in the window (completed, created, due), an ISO instant. */
  date: string | null
  /** The KPI's verdict on the row ("SLA missed"), in the answer's language; null where it judges none. */
  verdict: string | null
  /** True when the row counts against the number. */
  bad: boolean
  ticketUrl?: string
}

/** A value a filter menu offers: an id and its name. */
export interface DrillOption {
  id: number
  label: string
}

export interface DrillData {
  kpi: string
  title: string
  unit: Unit
  /** The window as asked: a preset, or `range` with its dates. */
  window: { preset: DrillPreset | 'range'; from: string; to: string; words: string }
  /** The KPI's value over the window, every row counted (a list: how many rows). */
  value: number | null
  status: Status
  target: number | null
  /**
   * With filters: the value over the filtered rows by the KPI's own computation, where its number depends on those
   * rows only; null where it cannot be recomputed (`recomputable` false) or no filter is set.
   */
  filteredValue: number | null
  recomputable: boolean
  /** Rows after the filters, in all; `rows` holds at most `cap` of them, those that count against the number first. */
  total: number
  cap: number
  rows: DrillRow[]
  /** The companies, resources and queues among the window's rows (before filtering), for the filter menus. */
  companies: DrillOption[]
  resources: DrillOption[]
  queues: DrillOption[]
  dataAsOf: string | null
  /** The PSA the rows' `ticketUrl`s open in ("Open 2 in Autotask"); null where rows have none. */
  psa: TicketPsa
}

/** A wall's tiles with a drill-down, for the page its QR code opens. */
export interface DrillTiles {
  role: string
  title: string
  tiles: Array<{ tileId: number; kpi: string; title: string; drill: boolean }>
  goals: Array<{ goalId: number; kpi: string; title: string; drill: boolean }>
}
