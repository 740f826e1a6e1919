import { Type } from 'typebox'
import {
  type ActionSpec,
  type Band,
  type Direction,
  type Group,
  KPI_KINDS,
  type KpiKind,
  type ParamSpec,
  type Text,
  type Unit,
} from '../../kpi-library/wire-types.js'
import { KpiIdSchema, LangSchema, OneOf, RoleIdSchema } from './common.js'

/** The library, filtered: by role, by kind, by words in the id, title or description. */
export const KpiListQuerySchema = Type.Object(
  {
    role: Type.Optional(RoleIdSchema),
    kind: Type.Optional(OneOf(KPI_KINDS)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    lang: Type.Optional(LangSchema),
  },
  { additionalProperties: false },
)

export const KpiParamsSchema = Type.Object({ id: KpiIdSchema }, { additionalProperties: false })
/** One KPI evaluated for the builder's preview, as a role's wall would show it. */
export const KpiQuerySchema = Type.Object(
  { lang: Type.Optional(LangSchema), role: Type.Optional(RoleIdSchema) },
  { additionalProperties: false },
)

/** A KPI as the builder's library lists it: its definition without its queries and computation. */
export interface LibraryKpi {
  id: string
  kind: KpiKind
  group: Group
  title: Text
  description: Text
  roles: readonly string[]
  unit: Unit
  direction: Direction
  window: Text
  band: Band | null
  params: Record<string, ParamSpec>
  personal: boolean
  freshnessMinutes: number
  action?: ActionSpec
  /** True when the rows behind its number can be opened (a drill-down). */
  drill?: true
}

export interface KpiList {
  libraryVersion: string
  kpis: LibraryKpi[]
}
