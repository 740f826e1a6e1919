import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { findKpi } from '../../kpi-library/engine.js'
import { LIBRARY_VERSION } from '../../kpi-library/index.js'
import { badRequest, conflict, HttpError, notFound } from '../errors.js'
import { type TileSize, validateTile } from './dashboards.js'

// Dashboard packages: a consultant's set of role dashboards as one versioned file. Import replaces
// the dashboards of the package's roles; upgrade merges three ways (the installed version, the
// client's dashboards now, the new version) so client edits survive and the consultant's arrive.
// Every operation plans first (pure, no writes) and then writes the plan in one transaction: `diff`
// shows exactly the plan that `import`/`upgrade` would write.

export const PACKAGE_FORMAT = 'roleboard-package'
export const MAX_PACKAGE_BYTES = 1024 * 1024

export type ConflictRule = 'keep-mine' | 'take-theirs'

export interface PackageTile {
  key: string
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  size: TileSize
  /** The owner's own title for the tile (optional in the format): left out, the KPI's. */
  title?: string
}

export type PackageGoal = Omit<PackageTile, 'size' | 'title'>

export interface PackageRole {
  id: string
  name: { en: string; nl: string }
  title: string
  tiles: PackageTile[]
}

export interface DashboardPackage {
  format: typeof PACKAGE_FORMAT
  formatVersion: 1
  name: string
  version: string
  author: string
  description: string
  roles: PackageRole[]
  strip?: PackageGoal[]
  kpis: Record<string, string>
}

export interface Change {
  kind: 'create' | 'replace' | 'add' | 'remove' | 'change' | 'keep' | 'conflict' | 'order' | 'title' | 'detach'
  key?: string
  kpi?: string
  field?: string
  mine?: string
  theirs?: string
  /** For a conflict: whose side the chosen rule takes. */
  outcome?: 'mine' | 'theirs'
  // What `text` says, as data, so a screen can say it in its own language.
  /** The tile or goal added, removed, kept removed or edited-but-removed. */
  item?: PlanItem
  /** Both sides of a tile whose edits do not fit together. */
  items?: { mine: PlanItem; theirs: PlanItem }
  /** Tiles or goals the package brings (create, replace); `had`: how many were there (replace). */
  count?: number
  had?: number
  /** KPIs a replace brings in (add) or drops (remove). */
  kpis?: string[]
  /** The name of a custom role the import creates. */
  name?: { en: string; nl: string }
  text: string
}

export type PlanItem = Omit<ItemWrite, 'id' | 'packageKey'>

export interface Section {
  scope: 'role' | 'strip'
  role?: string
  title?: string
  changes: Change[]
}

export interface Plan {
  mode: 'import' | 'upgrade'
  name: string
  version: string
  /** The installed version an upgrade starts from. */
  from: string | null
  onConflict: ConflictRule | null
  conflicts: number
  sections: Section[]
  writes: DashboardWrite[]
  strip: ItemWrite[] | null
  pkg: DashboardPackage
}

interface ItemWrite {
  id?: number
  packageKey: string | null
  kpi: string
  params: Record<string, unknown>
  target: number | null
  warn: number | null
  size: TileSize
  title: string | null
}

interface DashboardWrite {
  role: string
  createRole: { en: string; nl: string } | null
  title: string
  tiles: ItemWrite[]
}

// ---------------------------------------------------------------------------------------------
// Versions: the few semver range forms a package needs (^ ~ >= > <= < =, x-ranges, spaces as "and",
// || as "or"). Written here rather than pulled in, because the library has one plain version to test.

type Version = [number, number, number]

function parsePartial(text: string): Array<number | null> | null {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?$/.exec(text)
  if (!match) return null
  const parts = [match[1], match[2], match[3]].map((part) => (part === undefined || /^[xX*]$/.test(part) ? null : Number(part)))
  // A wildcard ends the version: 1.x.3 means nothing.
  const firstWild = parts.indexOf(null)
  if (firstWild >= 0 && parts.slice(firstWild).some((part) => part !== null)) return null
  return parts
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

function parseVersion(text: string): Version | null {
  const parts = parsePartial(text)
  return parts && parts.every((part) => part !== null) ? (parts as Version) : null
}

/** One comparator as a test on a version; null when it is not one. */
function comparator(text: string): ((v: Version) => boolean) | null {
  if (text === '*' || text === '') return () => true
  const match = /^(\^|~|>=|<=|>|<|=)?(.*)$/.exec(text)!
  const op = match[1] ?? '='
  const parts = parsePartial(match[2]!)
  if (!parts) return null
  const known = parts.filter((part) => part !== null).length
  const low: Version = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0]
  // The first version above the x-range (1.2 -> 1.3.0, 1 -> 2.0.0).
  const next: Version | null = known === 0 ? null : known === 1 ? [low[0] + 1, 0, 0] : known === 2 ? [low[0], low[1] + 1, 0] : null
  const within = (v: Version, upper: Version | null) => compare(v, low) >= 0 && (upper === null || compare(v, upper) < 0)
  switch (op) {
    case '=':
      return known === 3 ? (v) => compare(v, low) === 0 : (v) => within(v, next)
    case '^': {
      const upper: Version = low[0] > 0 || known === 1 ? [low[0] + 1, 0, 0] : low[1] > 0 || known === 2 ? [0, low[1] + 1, 0] : [0, 0, low[2] + 1]
      return known === 0 ? () => true : (v) => within(v, upper)
    }
    case '~':
      return known === 0 ? () => true : (v) => within(v, known === 1 ? [low[0] + 1, 0, 0] : [low[0], low[1] + 1, 0])
    case '>=':
      return (v) => compare(v, low) >= 0
    case '>':
      return next ? (v) => compare(v, next) >= 0 : known === 0 ? () => false : (v) => compare(v, low) > 0
    case '<':
      return (v) => compare(v, low) < 0
    default:
      return next ? (v) => compare(v, next) < 0 : known === 0 ? () => true : (v) => compare(v, low) <= 0
  }
}

/** The major version a range or version starts from (`^1.2.0` -> 1), or null. */
function majorOf(text: string): number | null {
  const match = /(\d+)\./.exec(text)
  return match ? Number(match[1]) : null
}

/** Whether `version` lies in `range`; null when the range cannot be read. */
export function satisfies(version: string, range: string): boolean | null {
  const v = parseVersion(version)
  if (!v) return null
  let any = false
  for (const alternative of range.split('||')) {
    const tokens = alternative.trim().replace(/(\^|~|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/)
    const tests = tokens.map(comparator)
    if (tests.some((test) => test === null)) return null
    if (tests.every((test) => test!(v))) any = true
  }
  return any
}

// ---------------------------------------------------------------------------------------------
// Reading and checking a package file.

const SCHEMA = JSON.parse(readFileSync(new URL('../../docs/package.schema.json', import.meta.url), 'utf8'))
const validateSchema = new Ajv2020({ allErrors: false, strict: true }).compile(SCHEMA)

const PATTERN_HINTS: Array<[RegExp, string]> = [
  [/^\/name$/, 'must be kebab-case, like service-desk-starter'],
  [/^\/version$/, 'must be a semver version, like 1.2.0'],
  [/\/key$/, 'must be a short key of lowercase letters, digits, - and _'],
  [/^\/roles\/\d+\/id$/, 'must be a role id, like service-manager'],
  [/\/kpi$/, 'must be a KPI id, like tickets_open'],
]

function describeSchemaError(error: ErrorObject, pkg: unknown): string {
  const path = error.instancePath
  const where = path === '' ? 'the package' : readablePath(path, pkg)
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown field "${error.params.additionalProperty}"`
    case 'required':
      return `${where} lacks the field "${error.params.missingProperty}"`
    case 'const':
      return `${where} must be ${JSON.stringify(error.params.allowedValue)}`
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'pattern':
      return `${where} ${PATTERN_HINTS.find(([re]) => re.test(path))?.[1] ?? 'has a form the package format does not allow'} (not ${JSON.stringify(valueAt(pkg, path))})`
    case 'propertyNames':
      return `${where} has a key that ${error.message}`
    default:
      return `${where} ${error.message}`
  }
}

function valueAt(value: unknown, path: string): unknown {
  let at = value
  for (const part of path.split('/').slice(1)) at = (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  return at
}

/** `/roles/2/tiles/4/size` as `roles[2] (engineer) tiles[4] (open) size`: which tile, not just where. */
function readablePath(path: string, pkg: unknown): string {
  const parts = path.split('/').slice(1)
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (/^\d+$/.test(part) && out.length > 0) {
      const item = valueAt(pkg, `/${parts.slice(0, i + 1).join('/')}`) as { id?: unknown; key?: unknown } | undefined
      const label = typeof item?.id === 'string' ? item.id : typeof item?.key === 'string' ? item.key : null
      out[out.length - 1] += `[${part}]${label && i < parts.length - 1 ? ` (${label})` : ''}`
    } else out.push(part)
  }
  return out.join(' ')
}

/** Reads a package from text or parsed JSON and checks all of it; the error names the first problem in one line. */
export function parsePackage(input: unknown): DashboardPackage {
  let data = input
  if (typeof input === 'string') {
    if (Buffer.byteLength(input) > MAX_PACKAGE_BYTES) throw badRequest(`bad package: the file is larger than ${MAX_PACKAGE_BYTES / 1024} KB`)
    try {
      data = JSON.parse(input)
    } catch (error) {
      throw badRequest(`bad package: not JSON (${(error as Error).message.split('\n')[0]})`)
    }
  }
  // Format and its version first: a file of another kind or a newer format says so, not "lacks a field".
  const head = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as { format?: unknown; formatVersion?: unknown }
  if (head.format !== PACKAGE_FORMAT) throw badRequest(`bad package: not a roleboard package (format must be "${PACKAGE_FORMAT}", not ${JSON.stringify(head.format ?? null)})`)
  if (head.formatVersion !== 1) throw badRequest(`bad package: formatVersion ${JSON.stringify(head.formatVersion ?? null)} is not one this roleboard reads (it reads 1)`)
  if (!validateSchema(data)) throw badRequest(`bad package: ${describeSchemaError(validateSchema.errors![0]!, data)}`)
  const pkg = data as DashboardPackage
  for (const [kpi, range] of Object.entries(pkg.kpis)) {
    if (!findKpi(kpi)) throw badRequest(`bad package: unknown KPI "${kpi}" in kpis (roleboard kpi --list shows the library)`)
    const ok = satisfies(LIBRARY_VERSION, range)
    if (ok === null) throw badRequest(`bad package: kpis.${kpi}: "${range}" is not a version range (like ^1.0.0)`)
    if (!ok) throw badRequest(`bad package: KPI "${kpi}" needs library version ${range}, this roleboard has ${LIBRARY_VERSION}${majorOf(range) !== null && majorOf(range)! < majorOf(LIBRARY_VERSION)! ? ' (KPIs were redefined since: docs/kpis.md; ask for a version of the package made for it)' : ''}`)
  }
  const roles = new Map<string, number>()
  for (const [index, role] of pkg.roles.entries()) {
    const first = roles.get(role.id)
    if (first !== undefined) throw badRequest(`bad package: two dashboards for role "${role.id}" (roles[${first}] and roles[${index}]); a role has exactly one`)
    roles.set(role.id, index)
    checkItems(pkg, role.tiles, `role "${role.id}", tile`)
  }
  if (pkg.strip) checkItems(pkg, pkg.strip, 'strip goal')
  return normalise(pkg)
}

function checkItems(pkg: DashboardPackage, items: Array<Omit<PackageGoal, 'params' | 'target' | 'warn'> & Partial<PackageGoal>>, what: string): void {
  const keys = new Set<string>()
  for (const item of items) {
    if (keys.has(item.key)) throw badRequest(`bad package: ${what}s: the key "${item.key}" is used twice; keys must be unique`)
    keys.add(item.key)
    if (!findKpi(item.kpi)) throw badRequest(`bad package: ${what} "${item.key}": unknown KPI "${item.kpi}"`)
    if (!(item.kpi in pkg.kpis)) throw badRequest(`bad package: ${what} "${item.key}": KPI "${item.kpi}" is not listed in kpis`)
    try {
      validateTile(item)
    } catch (error) {
      if (error instanceof HttpError) throw badRequest(`bad package: ${what} "${item.key}": ${error.message}`)
      throw error
    }
  }
}

const tileOf = (tile: Partial<PackageTile> & { key: string; kpi: string }): PackageTile => ({
  key: tile.key,
  kpi: tile.kpi,
  params: tile.params ?? {},
  target: tile.target ?? null,
  warn: tile.warn ?? null,
  size: tile.size ?? 'm',
  ...(tile.title ? { title: tile.title } : {}),
})

const goalOf = (goal: Partial<PackageGoal> & { key: string; kpi: string }): PackageGoal => {
  const { size: _size, title: _title, ...rest } = tileOf(goal)
  return rest
}

/** Every optional field spelled out, so the installed copy compares field by field. */
function normalise(pkg: DashboardPackage): DashboardPackage {
  const { $schema: _schema, ...rest } = pkg as DashboardPackage & { $schema?: string }
  return {
    ...rest,
    roles: rest.roles.map((role) => ({ id: role.id, name: role.name, title: role.title, tiles: role.tiles.map(tileOf) })),
    ...(rest.strip ? { strip: rest.strip.map(goalOf) } : {}),
  }
}

// ---------------------------------------------------------------------------------------------
// The database side.

interface LocalItem extends ItemWrite {
  id: number
}

interface LocalState {
  roles: Map<string, { en: string; nl: string }>
  dashboards: Map<string, { id: number; title: string; tiles: LocalItem[] }>
  strip: LocalItem[]
  installed: Map<string, { version: string; pkg: DashboardPackage; installedAt: string }>
}

async function readState(db: Kysely<Database>): Promise<LocalState> {
  const [roles, dashboards, tiles, goals, installed] = await Promise.all([
    db.selectFrom('role').selectAll().orderBy('created_at').execute(),
    db.selectFrom('dashboard').selectAll().orderBy('id').execute(),
    db.selectFrom('dashboard_tile').selectAll().orderBy('dashboard_id').orderBy('position').orderBy('id').execute(),
    db.selectFrom('company_goal').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('installed_package').selectAll().orderBy('installed_at').execute(),
  ])
  const item = (row: { id: number; kpi_id: string; params: string; target: number | null; warn: number | null; package_key: string | null; title?: string | null }, size: string): LocalItem => ({
    id: row.id,
    packageKey: row.package_key,
    kpi: row.kpi_id,
    params: JSON.parse(row.params),
    target: row.target,
    warn: row.warn,
    size: size as TileSize,
    title: row.title ?? null,
  })
  const byId = new Map(dashboards.map((d) => [d.id, { id: d.id, title: d.title, tiles: [] as LocalItem[] }]))
  for (const tile of tiles) byId.get(tile.dashboard_id)?.tiles.push(item(tile, tile.size))
  return {
    roles: new Map(roles.map((role) => [role.id, { en: role.name_en, nl: role.name_nl }])),
    dashboards: new Map(dashboards.map((d) => [d.role, byId.get(d.id)!])),
    strip: goals.map((goal) => item(goal, 'm')),
    installed: new Map(installed.map((row) => [row.name, { version: row.version, pkg: JSON.parse(row.package) as DashboardPackage, installedAt: row.installed_at }])),
  }
}

export async function listInstalled(db: Kysely<Database>) {
  const state = await readState(db)
  return [...state.installed.entries()].map(([name, { version, pkg, installedAt }]) => ({
    name,
    version,
    author: pkg.author,
    description: pkg.description,
    roles: pkg.roles.map((role) => role.id),
    strip: pkg.strip !== undefined,
    installedAt,
  }))
}

export interface ExportOptions {
  roles?: string[]
  name?: string
  version?: string
  author?: string
  description?: string
  strip?: boolean
}

/** The current dashboards as a package. Tiles that came from a package keep their key, so re-exports stay stable. */
export async function exportPackage(db: Kysely<Database>, options: ExportOptions = {}): Promise<DashboardPackage> {
  const state = await readState(db)
  const roles = options.roles ?? [...state.dashboards.keys()]
  for (const role of roles) if (!state.dashboards.has(role)) throw notFound(`there is no dashboard for the role "${role}"`)
  const kpis = new Set<string>()
  const asPackageItems = (items: LocalItem[]) => {
    const used = new Set<string>()
    return items.map((item) => {
      kpis.add(item.kpi)
      const own = item.packageKey?.slice(item.packageKey.indexOf(':') + 1)
      let key = own && !used.has(own) ? own : item.kpi
      for (let n = 2; used.has(key); n++) key = `${item.kpi}-${n}`
      used.add(key)
      return { key, kpi: item.kpi, params: item.params, target: item.target, warn: item.warn, size: item.size, ...(item.title ? { title: item.title } : {}) }
    })
  }
  const pkg: DashboardPackage = {
    format: PACKAGE_FORMAT,
    formatVersion: 1,
    name: options.name ?? 'exported-dashboards',
    version: options.version ?? '1.0.0',
    author: options.author ?? 'roleboard',
    description: options.description ?? `Dashboards exported from roleboard for ${roles.join(', ')}.`,
    roles: roles.map((role) => {
      const dashboard = state.dashboards.get(role)!
      return { id: role, name: state.roles.get(role)!, title: dashboard.title, tiles: asPackageItems(dashboard.tiles) }
    }),
    kpis: {},
  }
  if (options.strip !== false) pkg.strip = asPackageItems(state.strip).map(({ size: _size, title: _title, ...goal }) => goal)
  pkg.kpis = Object.fromEntries([...kpis].sort().map((kpi) => [kpi, `^${LIBRARY_VERSION}`]))
  // The same checks an import makes, so an export never produces a file that cannot be imported.
  return parsePackage(pkg)
}

// ---------------------------------------------------------------------------------------------
// Planning.

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v))

type Fields = Omit<ItemWrite, 'id' | 'packageKey'>

/** The fields a merge compares. KPI and parameters go together (parameters belong to a KPI), and so do target and amber line. */
const FIELDS: Array<{ name: string; get: (item: Fields) => unknown; show: (item: Fields) => string; set: (item: Fields, from: Fields) => void }> = [
  {
    name: 'kpi',
    get: (item) => [item.kpi, item.params],
    show: (item) => `${item.kpi}${Object.keys(item.params).length ? ` ${canonical(item.params)}` : ''}`,
    set: (item, from) => {
      item.kpi = from.kpi
      item.params = from.params
    },
  },
  {
    name: 'target',
    get: (item) => [item.target, item.warn],
    show: (item) => (item.target === null && item.warn === null ? 'default' : `${item.target ?? 'default'}/${item.warn ?? 'default'}`),
    set: (item, from) => {
      item.target = from.target
      item.warn = from.warn
    },
  },
  { name: 'size', get: (item) => item.size, show: (item) => item.size, set: (item, from) => (item.size = from.size) },
  { name: 'tileTitle', get: (item) => item.title, show: (item) => (item.title === null ? 'the KPI\'s title' : `"${item.title}"`), set: (item, from) => (item.title = from.title) },
]

const same = (a: Fields, b: Fields) => FIELDS.every((field) => canonical(field.get(a)) === canonical(field.get(b)))
const fieldsOf = (item: Omit<Fields, 'title'> & { title?: string | null }): Fields => ({ kpi: item.kpi, params: item.params, target: item.target, warn: item.warn, size: item.size, title: item.title ?? null })
type Keyed = Fields & { key: string }
const keyed = (item: PackageTile | PackageGoal): Keyed => ({ key: item.key, ...fieldsOf({ size: 'm', ...item }) })

function conflictText(rule: ConflictRule | null, what: string, mine: string, theirs: string): { text: string; outcome: 'mine' | 'theirs' } {
  const outcome = rule === 'take-theirs' ? 'theirs' : 'mine'
  const resolution = rule === null ? 'keep-mine keeps yours, take-theirs takes the package\'s' : rule === 'keep-mine' ? 'keeps yours (keep-mine)' : 'takes the package\'s (take-theirs)'
  return { text: `CONFLICT ${what}: yours ${mine}, package ${theirs}; ${resolution}`, outcome }
}

interface MergeInput {
  what: 'tile' | 'goal'
  prefix: string
  base: Keyed[]
  mine: LocalItem[]
  theirs: Keyed[]
  rule: ConflictRule | null
}

/** The three-way merge of one ordered list of tiles (a dashboard, or the strip). */
function mergeItems(input: MergeInput): { items: ItemWrite[]; changes: Change[]; conflicts: number } {
  const { what, prefix, rule } = input
  const base = new Map(input.base.map((item) => [item.key, item]))
  const theirs = new Map(input.theirs.map((item) => [item.key, item]))
  const keyOf = (item: LocalItem) => (item.packageKey?.startsWith(prefix) ? item.packageKey.slice(prefix.length) : null)
  const mine = new Map<string, LocalItem>()
  for (const item of input.mine) {
    const key = keyOf(item)
    if (key !== null && (base.has(key) || theirs.has(key)) && !mine.has(key)) mine.set(key, item)
  }
  const changes: Change[] = []
  let conflicts = 0
  // Survivors by order id: `k:<key>` for the package's tiles, `t:<id>` for the client's own.
  const survivors = new Map<string, ItemWrite>()
  const idOf = (item: LocalItem) => {
    const key = keyOf(item)
    return key !== null && mine.get(key) === item ? `k:${key}` : `t:${item.id}`
  }

  for (const [key, t] of theirs) {
    const b = base.get(key)
    const m = mine.get(key)
    if (!m) {
      if (b) {
        changes.push({ kind: 'keep', key, kpi: t.kpi, item: fieldsOf(b), text: `keeps ${what} ${key} (${b.kpi}) removed, as you removed it${same(b, t) ? '' : ' (the package changed it)'}` })
        continue
      }
      survivors.set(`k:${key}`, { ...fieldsOf(t), packageKey: prefix + key })
      changes.push({ kind: 'add', key, kpi: t.kpi, item: fieldsOf(t), text: `adds ${what} ${key} (${FIELDS[0]!.show(t)}, target ${FIELDS[1]!.show(t)}${what === 'tile' ? `, size ${t.size}` : ''})` })
      continue
    }
    const merged = fieldsOf(m)
    const tileChanges: Change[] = []
    let tileConflicts = 0
    for (const field of FIELDS) {
      const [mv, tv] = [canonical(field.get(m)), canonical(field.get(t))]
      if (mv === tv) continue
      const bv = b ? canonical(field.get(b)) : null
      if (bv === mv) {
        field.set(merged, t)
        const text = `changes ${what} ${key} ${field.name}: ${field.show(m)} -> ${field.show(t)}`
        tileChanges.push({ kind: 'change', key, kpi: t.kpi, field: field.name, mine: field.show(m), theirs: field.show(t), text })
      } else if (bv === tv) {
        const text = `keeps your ${field.name} of ${what} ${key}: ${field.show(m)} (package: ${field.show(t)})`
        tileChanges.push({ kind: 'keep', key, kpi: m.kpi, field: field.name, mine: field.show(m), theirs: field.show(t), text })
      } else {
        tileConflicts++
        const resolved = conflictText(rule, `on ${what} ${key} ${field.name}`, field.show(m), field.show(t))
        if (resolved.outcome === 'theirs') field.set(merged, t)
        tileChanges.push({ kind: 'conflict', key, kpi: m.kpi, field: field.name, mine: field.show(m), theirs: field.show(t), ...resolved })
      }
    }
    try {
      validateTile(merged)
    } catch (error) {
      // One side changed the KPI, the other its band: the halves do not fit, so the whole tile is one conflict.
      tileConflicts = 1
      const resolved = conflictText(rule, `on ${what} ${key} (the two sides' edits do not fit together: ${(error as Error).message})`, describe(m), describe(t))
      Object.assign(merged, fieldsOf(resolved.outcome === 'theirs' ? t : m))
      tileChanges.length = 0
      tileChanges.push({ kind: 'conflict', key, kpi: m.kpi, field: 'tile', mine: describe(m), theirs: describe(t), items: { mine: fieldsOf(m), theirs: fieldsOf(t) }, ...resolved })
    }
    conflicts += tileConflicts
    changes.push(...tileChanges)
    survivors.set(`k:${key}`, { id: m.id, ...merged, packageKey: prefix + key })
  }
  for (const [key, b] of base) {
    if (theirs.has(key)) continue
    const m = mine.get(key)
    if (!m) continue
    if (same(m, b)) {
      changes.push({ kind: 'remove', key, kpi: m.kpi, item: fieldsOf(m), text: `removes ${what} ${key} (${m.kpi})` })
      continue
    }
    conflicts++
    const resolved = conflictText(rule, `on ${what} ${key}`, `edited it (${describe(m)})`, 'removed it')
    changes.push({ kind: 'conflict', key, kpi: m.kpi, field: 'removed', mine: describe(m), theirs: 'removed', item: fieldsOf(m), ...resolved })
    // Kept, it is no longer the package's: it becomes one of the client's own tiles.
    if (resolved.outcome === 'mine') survivors.set(`k:${key}`, { id: m.id, ...fieldsOf(m), packageKey: null })
  }
  for (const item of input.mine) {
    const id = idOf(item)
    if (id.startsWith('t:')) {
      survivors.set(id, { ...item })
      changes.push({ kind: 'keep', kpi: item.kpi, item: fieldsOf(item), text: `keeps your own ${what} ${item.kpi}${item.packageKey ? ` (${item.packageKey})` : ''}` })
    }
  }

  // Order: whoever moved the package's tiles about wins; when both did, that is one more conflict.
  const mineOrder = input.mine.map(idOf)
  const theirsOrder = input.theirs.map((item) => `k:${item.key}`)
  const baseOrder = input.base.map((item) => `k:${item.key}`)
  const common = new Set(baseOrder.filter((id) => mineOrder.includes(id) && theirsOrder.includes(id)))
  const seq = (order: string[]) => order.filter((id) => common.has(id)).join(',')
  const clientMoved = seq(mineOrder) !== seq(baseOrder)
  const packageMoved = seq(theirsOrder) !== seq(baseOrder)
  let useTheirs = packageMoved
  if (clientMoved && packageMoved) {
    conflicts++
    const resolved = conflictText(rule, `on the ${what} order`, 'moved tiles', 'moved tiles')
    useTheirs = resolved.outcome === 'theirs'
    changes.push({ kind: 'conflict', field: 'order', ...resolved })
  } else if (packageMoved) changes.push({ kind: 'order', text: `takes the package's new ${what} order` })
  else if (clientMoved) changes.push({ kind: 'keep', field: 'order', text: `keeps your ${what} order` })
  const order = useTheirs ? weave(theirsOrder, mineOrder, survivors) : weave(mineOrder, theirsOrder, survivors)
  return { items: order.map((id) => survivors.get(id)!), changes, conflicts }
}

const describe = (item: Fields) => `${FIELDS[0]!.show(item)}, target ${FIELDS[1]!.show(item)}, size ${item.size}`

/** The primary order, with what only the secondary order holds slotted in after its nearest predecessor there. */
function weave(primary: string[], secondary: string[], survivors: Map<string, unknown>): string[] {
  const result = primary.filter((id) => survivors.has(id))
  for (const [index, id] of secondary.entries()) {
    if (!survivors.has(id) || result.includes(id)) continue
    let at = 0
    for (let back = index - 1; back >= 0; back--) {
      const found = result.indexOf(secondary[back]!)
      if (found >= 0) {
        at = found + 1
        break
      }
    }
    result.splice(at, 0, id)
  }
  return result
}

function ownerOf(state: LocalState, name: string, role: string | null): string | null {
  for (const [other, { pkg }] of state.installed) {
    if (other === name) continue
    if (role === null ? pkg.strip !== undefined : pkg.roles.some((r) => r.id === role)) return other
  }
  return null
}

function checkOwnership(state: LocalState, pkg: DashboardPackage, roles: PackageRole[], strip: boolean): void {
  for (const role of roles) {
    const owner = ownerOf(state, pkg.name, role.id)
    if (owner) throw conflict(`the role "${role.id}" belongs to the installed package "${owner}"; a dashboard follows one package`)
  }
  const owner = strip ? ownerOf(state, pkg.name, null) : null
  if (owner) throw conflict(`the company strip belongs to the installed package "${owner}"; the strip follows one package`)
}

const withKeys = (prefix: string, items: Array<PackageTile | PackageGoal>): ItemWrite[] =>
  items.map((item) => ({ ...fieldsOf({ size: 'm', ...item }), packageKey: prefix + item.key }))

/** What importing a role (or the strip) does: the package's tiles replace whatever is there. */
function replaceSection(scope: Section['scope'], role: PackageRole | null, state: LocalState, items: Array<PackageTile | PackageGoal>, what: string): Section {
  const local = role ? state.dashboards.get(role.id)?.tiles : state.strip
  const changes: Change[] = []
  if (role && !state.roles.has(role.id)) {
    changes.push({ kind: 'create', name: role.name, theirs: role.title, count: items.length, text: `creates the custom role ${role.id} (${role.name.en}) with its dashboard "${role.title}" and ${items.length} ${what}s` })
  }
  else if (role && !local) changes.push({ kind: 'create', theirs: role.title, count: items.length, text: `creates the dashboard "${role.title}" with ${items.length} ${what}s` })
  else {
    const had = new Set(local!.map((item) => item.kpi))
    const will = new Set(items.map((item) => item.kpi))
    const dropped = [...had].filter((kpi) => !will.has(kpi))
    const added = [...will].filter((kpi) => !had.has(kpi))
    changes.push({ kind: 'replace', had: local!.length, count: items.length, text: `replaces the ${local!.length} ${what}s there with the package's ${items.length}` })
    if (added.length) changes.push({ kind: 'add', kpis: added, text: `new KPIs: ${added.join(', ')}` })
    if (dropped.length) changes.push({ kind: 'remove', kpis: dropped, text: `dropped KPIs: ${dropped.join(', ')}` })
    if (role && state.dashboards.get(role.id)!.title !== role.title)
      changes.push({ kind: 'title', field: 'title', mine: state.dashboards.get(role.id)!.title, theirs: role.title, text: `retitles "${state.dashboards.get(role.id)!.title}" to "${role.title}"` })
  }
  return { scope, ...(role ? { role: role.id, title: role.title } : {}), changes }
}

function importRole(plan: Plan, state: LocalState, role: PackageRole, prefix: string): void {
  plan.sections.push(replaceSection('role', role, state, role.tiles, 'tile'))
  plan.writes.push({ role: role.id, createRole: state.roles.has(role.id) ? null : role.name, title: role.title, tiles: withKeys(prefix, role.tiles) })
}

function importStrip(plan: Plan, state: LocalState, goals: PackageGoal[], prefix: string): void {
  plan.sections.push(replaceSection('strip', null, state, goals, 'goal'))
  plan.strip = withKeys(prefix, goals)
}

function emptyPlan(pkg: DashboardPackage, mode: Plan['mode'], from: string | null, rule: ConflictRule | null): Plan {
  return { mode, name: pkg.name, version: pkg.version, from, onConflict: rule, conflicts: 0, sections: [], writes: [], strip: null, pkg }
}

function planImport(state: LocalState, pkg: DashboardPackage): Plan {
  const installed = state.installed.get(pkg.name)
  if (installed) throw conflict(`the package "${pkg.name}" is installed already (version ${installed.version}); use upgrade to move to ${pkg.version}`)
  checkOwnership(state, pkg, pkg.roles, pkg.strip !== undefined)
  const plan = emptyPlan(pkg, 'import', null, null)
  const prefix = `${pkg.name}:`
  for (const role of pkg.roles) importRole(plan, state, role, prefix)
  if (pkg.strip) importStrip(plan, state, pkg.strip, prefix)
  return plan
}

/** The items as they are, no longer linked to the package. */
const detached = (items: LocalItem[], prefix: string): ItemWrite[] =>
  items.map((item) => ({ ...item, packageKey: item.packageKey?.startsWith(prefix) ? null : item.packageKey }))

function planUpgrade(state: LocalState, pkg: DashboardPackage, rule: ConflictRule | null): Plan {
  const installed = state.installed.get(pkg.name)
  if (!installed) throw notFound(`the package "${pkg.name}" is not installed; use import`)
  const [from, to] = [parseVersion(installed.version)!, parseVersion(pkg.version)!]
  if (compare(to, from) < 0) throw conflict(`${pkg.name} ${pkg.version} is older than the installed ${installed.version}; an upgrade only goes forward`)
  const base = installed.pkg
  const plan = emptyPlan(pkg, 'upgrade', installed.version, rule)
  const prefix = `${pkg.name}:`
  const newRoles = pkg.roles.filter((role) => !base.roles.some((b) => b.id === role.id) || !state.dashboards.has(role.id))
  checkOwnership(state, pkg, newRoles, pkg.strip !== undefined && base.strip === undefined)
  for (const role of pkg.roles) {
    const baseRole = base.roles.find((b) => b.id === role.id)
    const dashboard = state.dashboards.get(role.id)
    if (!baseRole || !dashboard) {
      importRole(plan, state, role, prefix)
      plan.sections.at(-1)!.changes.unshift({ kind: 'add', field: 'role', text: 'the role is new in this version of the package' })
      continue
    }
    const merged = mergeItems({
      what: 'tile',
      prefix,
      base: baseRole.tiles.map(keyed),
      mine: dashboard.tiles,
      theirs: role.tiles.map(keyed),
      rule,
    })
    let title = dashboard.title
    if (dashboard.title !== role.title) {
      if (dashboard.title === baseRole.title) {
        title = role.title
        merged.changes.unshift({ kind: 'title', field: 'title', mine: dashboard.title, theirs: role.title, text: `retitles "${dashboard.title}" to "${role.title}"` })
      } else if (baseRole.title === role.title) {
        merged.changes.unshift({ kind: 'keep', field: 'title', mine: dashboard.title, theirs: role.title, text: `keeps your title "${dashboard.title}"` })
      } else {
        merged.conflicts++
        const resolved = conflictText(rule, 'on the title', `"${dashboard.title}"`, `"${role.title}"`)
        if (resolved.outcome === 'theirs') title = role.title
        merged.changes.unshift({ kind: 'conflict', field: 'title', mine: dashboard.title, theirs: role.title, ...resolved })
      }
    }
    plan.conflicts += merged.conflicts
    plan.sections.push({ scope: 'role', role: role.id, title, changes: merged.changes })
    plan.writes.push({ role: role.id, createRole: null, title, tiles: merged.items })
  }
  for (const baseRole of base.roles) {
    if (pkg.roles.some((role) => role.id === baseRole.id)) continue
    const dashboard = state.dashboards.get(baseRole.id)
    if (!dashboard) continue
    const text = 'the package no longer has this role: the dashboard stays as it is and stops following the package'
    plan.sections.push({ scope: 'role', role: baseRole.id, title: dashboard.title, changes: [{ kind: 'detach', text }] })
    plan.writes.push({ role: baseRole.id, createRole: null, title: dashboard.title, tiles: detached(dashboard.tiles, prefix) })
  }
  if (pkg.strip && base.strip) {
    const merged = mergeItems({
      what: 'goal',
      prefix,
      base: base.strip.map(keyed),
      mine: state.strip,
      theirs: pkg.strip.map(keyed),
      rule,
    })
    if (merged.items.length > 8) throw badRequest(`after the merge the company strip would hold ${merged.items.length} goals; it holds at most 8: remove some of yours first`)
    plan.conflicts += merged.conflicts
    plan.sections.push({ scope: 'strip', changes: merged.changes })
    plan.strip = merged.items
  } else if (pkg.strip) importStrip(plan, state, pkg.strip, prefix)
  else if (base.strip) {
    plan.sections.push({ scope: 'strip', changes: [{ kind: 'detach', text: 'the package no longer sets the company strip: the strip stays as it is' }] })
    plan.strip = detached(state.strip, prefix)
  }
  return plan
}

/**
 * What importing or upgrading `input` would do, written nowhere. Without `mode`, an installed package
 * of the same name means upgrade; with it, the plan (or refusal) of exactly that command.
 */
export async function diffPackage(db: Kysely<Database>, input: unknown, rule: ConflictRule | null = null, mode?: 'import' | 'upgrade'): Promise<Plan> {
  const pkg = parsePackage(input)
  const state = await readState(db)
  return (mode ?? (state.installed.has(pkg.name) ? 'upgrade' : 'import')) === 'upgrade' ? planUpgrade(state, pkg, rule) : planImport(state, pkg)
}

export async function importPackage(db: Kysely<Database>, input: unknown, now: string): Promise<Plan> {
  const pkg = parsePackage(input)
  const plan = planImport(await readState(db), pkg)
  await applyPlan(db, plan, now)
  return plan
}

export async function upgradePackage(db: Kysely<Database>, input: unknown, rule: ConflictRule | null, now: string): Promise<Plan> {
  const pkg = parsePackage(input)
  const plan = planUpgrade(await readState(db), pkg, rule)
  if (plan.conflicts > 0 && rule === null) {
    const first = plan.sections.flatMap((section) => section.changes.map((change) => ({ section, change }))).find(({ change }) => change.kind === 'conflict')!
    const count = `${plan.conflicts} conflict${plan.conflicts === 1 ? '' : 's'}`
    throw conflict(`${count} (first: ${first.section.role ?? 'strip'}: ${first.change.text.replace(/; keep-mine.*$/, '')}); choose keep-mine or take-theirs`)
  }
  await applyPlan(db, plan, now)
  return plan
}

/** Writes a plan in one transaction: all of it lands, or none. */
async function applyPlan(db: Kysely<Database>, plan: Plan, now: string): Promise<void> {
  const values = (item: ItemWrite, position: number) => ({
    position,
    kpi_id: item.kpi,
    params: JSON.stringify(item.params),
    target: item.target,
    warn: item.warn,
    package_key: item.packageKey,
  })
  await db.transaction().execute(async (trx) => {
    for (const write of plan.writes) {
      if (write.createRole) await trx.insertInto('role').values({ id: write.role, name_en: write.createRole.en, name_nl: write.createRole.nl, builtin: 0, created_at: now }).execute()
      let dashboard = await trx.selectFrom('dashboard').select('id').where('role', '=', write.role).executeTakeFirst()
      if (dashboard) {
        await trx.updateTable('dashboard').set((eb) => ({ title: write.title, updated_at: now, version: eb('version', '+', 1) })).where('id', '=', dashboard.id).execute()
      } else dashboard = await trx.insertInto('dashboard').values({ role: write.role, title: write.title, updated_at: now }).returning('id').executeTakeFirstOrThrow()
      const dashboardId = dashboard.id
      const kept = write.tiles.flatMap((tile) => (tile.id === undefined ? [] : [tile.id]))
      let remove = trx.deleteFrom('dashboard_tile').where('dashboard_id', '=', dashboardId)
      if (kept.length > 0) remove = remove.where('id', 'not in', kept)
      await remove.execute()
      for (const [position, tile] of write.tiles.entries()) {
        const row = { ...values(tile, position), size: tile.size, title: tile.title }
        if (tile.id !== undefined) await trx.updateTable('dashboard_tile').set(row).where('id', '=', tile.id).where('dashboard_id', '=', dashboardId).execute()
        else await trx.insertInto('dashboard_tile').values({ dashboard_id: dashboardId, ...row }).execute()
      }
    }
    if (plan.strip) {
      const kept = plan.strip.flatMap((goal) => (goal.id === undefined ? [] : [goal.id]))
      let remove = trx.deleteFrom('company_goal')
      if (kept.length > 0) remove = remove.where('id', 'not in', kept)
      await remove.execute()
      for (const [position, goal] of plan.strip.entries()) {
        if (goal.id !== undefined) await trx.updateTable('company_goal').set(values(goal, position)).where('id', '=', goal.id).execute()
        else await trx.insertInto('company_goal').values(values(goal, position)).execute()
      }
    }
    const row = { version: plan.version, package: JSON.stringify(plan.pkg), installed_at: now }
    await trx.insertInto('installed_package').values({ name: plan.name, ...row }).onConflict((oc) => oc.column('name').doUpdateSet(row)).execute()
  })
}

/** The plan as the lines a person reads: per role, what is added, removed, changed, kept, and what conflicts. */
export function renderPlan(plan: Plan): string {
  const marks: Record<Change['kind'], string> = { create: '+', replace: '~', add: '+', remove: '-', change: '~', keep: '=', conflict: '!', order: '~', title: '~', detach: '=' }
  const head =
    plan.mode === 'import'
      ? `Import ${plan.name} ${plan.version} (nothing of it is installed yet):`
      : `Upgrade ${plan.name} ${plan.from} -> ${plan.version}${plan.onConflict ? ` (on conflict: ${plan.onConflict})` : ''}:`
  const lines = [head]
  for (const section of plan.sections) {
    lines.push(section.scope === 'strip' ? '  company strip' : `  role ${section.role} ("${section.title}")`)
    if (section.changes.length === 0) lines.push('    nothing changes')
    for (const change of section.changes) lines.push(`    ${marks[change.kind]} ${change.text}`)
  }
  if (plan.mode === 'upgrade') {
    lines.push(
      plan.conflicts === 0
        ? 'No conflicts.'
        : `${plan.conflicts} conflict${plan.conflicts === 1 ? '' : 's'}${plan.onConflict ? `, resolved by ${plan.onConflict}` : ': upgrade with --on-conflict keep-mine or take-theirs'}.`,
    )
  }
  return `${lines.join('\n')}\n`
}

/** The plan without its write instructions and the package copy, for an API answer. */
export function planSummary(plan: Plan) {
  const { writes: _writes, strip: _strip, pkg: _pkg, ...rest } = plan
  return { ...rest, text: renderPlan(plan) }
}
