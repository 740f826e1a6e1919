import { type Static, Type } from 'typebox'
import { Dictionary, LangSchema, type Message, OneOf, Open } from './common.js'
import type { LastSync } from './health.js'
import { ConflictRuleSchema, PACKAGE_MODES, type PackageMode, type PlanSummary } from './packages.js'
import type { User } from './session.js'

// The consultant API (server/hosted/consultant.ts): tenants, their health, packages for many at once.

export const TenantIdSchema = Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' })
export const TenantParamsSchema = Type.Object({ id: TenantIdSchema }, { additionalProperties: false })

const words = (max: number) => Type.String({ minLength: 1, maxLength: max })
const IntervalSchema = Type.Integer({ minimum: 5, maximum: 86_400 })
const AutotaskSchema = Type.Object(
  {
    username: words(200),
    secret: words(200),
    integrationCode: words(200),
    discoveryUrl: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 300 })),
  },
  { additionalProperties: false },
)
export type AutotaskInput = Static<typeof AutotaskSchema>
const ConnectWiseSchema = Type.Object(
  {
    site: Type.String({ pattern: '^https?://', maxLength: 300 }),
    company: words(200),
    publicKey: words(200),
    privateKey: words(200),
    clientId: words(200),
  },
  { additionalProperties: false },
)
export type ConnectWiseInput = Static<typeof ConnectWiseSchema>

const PSAS = ['autotask', 'connectwise'] as const

export const NewTenantSchema = Type.Object(
  {
    id: TenantIdSchema,
    name: words(120),
    source: OneOf([...PSAS, 'simulator']),
    autotask: Type.Optional(AutotaskSchema),
    connectwise: Type.Optional(ConnectWiseSchema),
    simulator: Type.Optional(
      Type.Object(
        {
          seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 })),
          size: Type.Optional(OneOf(['tiny', 'small', 'medium', 'large'])),
          /** The PSA the simulated desk speaks (Autotask by default). */
          psa: Type.Optional(OneOf(PSAS)),
        },
        { additionalProperties: false },
      ),
    ),
    syncIntervalSeconds: Type.Optional(IntervalSchema),
    adminPassword: Type.Optional(Type.String({ minLength: 12, maxLength: 200 })),
  },
  { additionalProperties: false },
)

export const TenantChangeSchema = Type.Object(
  {
    name: Type.Optional(words(120)),
    syncIntervalSeconds: Type.Optional(IntervalSchema),
    autotask: Type.Optional(AutotaskSchema),
    connectwise: Type.Optional(ConnectWiseSchema),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const TenantRemovalQuerySchema = Type.Object(
  { deleteData: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
)

export const BuilderSessionSchema = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false })

const packageFields = {
  tenants: Type.Array(TenantIdSchema, { minItems: 1, maxItems: 500, uniqueItems: true }),
  package: Open,
  mode: Type.Optional(OneOf(PACKAGE_MODES)),
  onConflict: Type.Optional(ConflictRuleSchema),
}
/** The dry run: each tenant's plan, nothing written anywhere. */
export const TenantsPlanSchema = Type.Object(packageFields, { additionalProperties: false })
export const TenantsApplySchema = Type.Object(
  {
    ...packageFields,
    // The plans the consultant saw (tenant id -> planId): a tenant whose plan changed since is not written.
    plans: Type.Optional(
      Dictionary(Type.String({ pattern: '^[0-9a-f]{24}$' }), { maxProperties: 500, propertyNames: TenantIdSchema }),
    ),
  },
  { additionalProperties: false },
)

/** A tenant's last sync, as its health answer gives it, and whether one is running now. */
export type SyncHealth = LastSync & { running: boolean }

/** A package as a tenant's overview lists it. */
export interface TenantPackage {
  id: string
  version: string
  installedAt: string
}

/** What a consultant sees of a tenant: never its credentials, never its data beyond counts. */
export interface TenantOverview {
  id: string
  name: string
  /** Its own PSA account, or the built-in simulator. */
  source: 'autotask' | 'connectwise' | 'simulator'
  /** The PSA its data comes from (for a simulator: the one it speaks). */
  psa: 'autotask' | 'connectwise'
  syncIntervalSeconds: number
  createdAt: string
  sync: SyncHealth
  redKpis: { total: number; byRole: Record<string, number> }
  /** Every tenant's file is migrated when it opens, so the package table is always there. */
  packages: TenantPackage[]
}

/** A tenant in the consultant's list: its overview, or (`error`) only its name and why it could not be opened. */
export type TenantListEntry = Pick<TenantOverview, 'id' | 'name' | 'source' | 'psa'> &
  Partial<TenantOverview> & { error?: string }

/** One tenant's plan or write for a package. */
export interface ApplyResult {
  tenant: string
  ok: boolean
  /** Absent when the tenant could not even be asked (its file did not open, the package is bad). */
  mode?: PackageMode
  plan?: PlanSummary
  /** Names the plan shown, so an apply can insist on writing exactly that. */
  planId?: string
  error?: Message
}

/** GET /api/consultant/session: who is logged in, and which tenants they may see ('all': every one). */
export type ConsultantSession = User & { tenants: string[] | 'all' }

/** GET /api/consultant/tenants. */
export interface TenantList {
  tenants: TenantListEntry[]
}

/** POST /api/consultant/tenants/:id/builder-session: the tenant's builder, with a one-time code in its fragment. */
export interface BuilderHandoff {
  url: string
  expiresAt: string
}

/** The package a dry run or an apply was for. */
export interface PackageRef {
  name: string
  version: string
}

/** POST /api/consultant/packages/plan: each tenant's plan; no package when the file was not a package. */
export interface TenantsPlanAnswer {
  package: PackageRef | null
  results: ApplyResult[]
}

/** POST /api/consultant/packages/apply: each tenant's outcome, for a package checked before any was written. */
export interface TenantsApplyAnswer extends TenantsPlanAnswer {
  package: PackageRef
}
