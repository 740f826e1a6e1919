import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import { findKpi } from '../../../kpi-library/engine.js'
import { LIBRARY_VERSION } from '../../../kpi-library/index.js'
import { badRequest, HttpError } from '../../errors.js'
import type { GoalInput } from '../../wire/dashboards.js'
import { validateGoal, validateTile, withTileDefaults } from '../dashboards.js'
import { type DashboardPackage, PACKAGE_FORMAT, type PackageGoal, type PackageTile } from './types.js'
import { madeForOlderMajor, satisfies } from './version.js'

// Reading and checking a package file: every problem is one line that names where it is.

export const MAX_PACKAGE_BYTES = 1024 * 1024

const SCHEMA = JSON.parse(readFileSync(new URL('../../../docs/package.schema.json', import.meta.url), 'utf8'))
const validateSchema = new Ajv2020({ allErrors: false, strict: true }).compile(SCHEMA)

const PATTERN_HINTS: Array<[RegExp, string]> = [
  [/^\/name$/, 'must be kebab-case, like service-desk-starter'],
  [/^\/version$/, 'must be a semver version, like 1.2.0'],
  [/\/key$/, 'must be a short key of lowercase letters, digits, - and _'],
  [/^\/roles\/\d+\/id$/, 'must be a role id, like service-manager'],
  [/\/kpi$/, 'must be a KPI id, like tickets_open'],
  [/\/path\/period$/, 'must be a quarter like 2026-Q2 or a year like 2026'],
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
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]).map((value) => JSON.stringify(value))
      return `${where} must be one of ${allowed.join(', ')}`
    }
    case 'pattern': {
      const hint = PATTERN_HINTS.find(([re]) => re.test(path))?.[1] ?? 'has a form the package format does not allow'
      return `${where} ${hint} (not ${JSON.stringify(valueAt(pkg, path))})`
    }
    case 'propertyNames':
      return `${where} has a key that ${error.message}`
    default:
      return `${where} ${error.message}`
  }
}

function valueAt(value: unknown, path: string): unknown {
  let at = value
  for (const part of path.split('/').slice(1))
    at = (at as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')]
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
    if (Buffer.byteLength(input) > MAX_PACKAGE_BYTES)
      throw badRequest(`bad package: the file is larger than ${MAX_PACKAGE_BYTES / 1024} KB`)
    try {
      data = JSON.parse(input)
    } catch (error) {
      throw badRequest(`bad package: not JSON (${(error as Error).message.split('\n')[0]})`)
    }
  }
  // Format and its version first: a file of another kind or a newer format says so, not "lacks a field".
  const head = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as {
    format?: unknown
    formatVersion?: unknown
  }
  if (head.format !== PACKAGE_FORMAT) {
    const found = JSON.stringify(head.format ?? null)
    throw badRequest(`bad package: not a roleboard package (format must be "${PACKAGE_FORMAT}", not ${found})`)
  }
  if (head.formatVersion !== 1) {
    const found = JSON.stringify(head.formatVersion ?? null)
    throw badRequest(`bad package: formatVersion ${found} is not one this roleboard reads (it reads 1)`)
  }
  if (!validateSchema(data)) throw badRequest(`bad package: ${describeSchemaError(validateSchema.errors![0]!, data)}`)
  const pkg = data as DashboardPackage
  for (const [kpi, range] of Object.entries(pkg.kpis)) {
    if (!findKpi(kpi))
      throw badRequest(`bad package: unknown KPI "${kpi}" in kpis (roleboard kpi --list shows the library)`)
    const ok = satisfies(LIBRARY_VERSION, range)
    if (ok === null) throw badRequest(`bad package: kpis.${kpi}: "${range}" is not a version range (like ^1.0.0)`)
    if (!ok) {
      const hint = madeForOlderMajor(range, LIBRARY_VERSION)
        ? ' (KPIs were redefined since: docs/kpis.md; ask for a version of the package made for it)'
        : ''
      throw badRequest(
        `bad package: KPI "${kpi}" needs library version ${range}, this roleboard has ${LIBRARY_VERSION}${hint}`,
      )
    }
  }
  const roles = new Map<string, number>()
  for (const [index, role] of pkg.roles.entries()) {
    const first = roles.get(role.id)
    if (first !== undefined) {
      const both = `roles[${first}] and roles[${index}]`
      throw badRequest(`bad package: two dashboards for role "${role.id}" (${both}); a role has exactly one`)
    }
    roles.set(role.id, index)
    checkItems(pkg, role.tiles, `role "${role.id}", tile`, validateTile)
  }
  if (pkg.strip) checkItems(pkg, pkg.strip, 'strip goal', validateGoal)
  return normalise(pkg)
}

function checkItems(
  pkg: DashboardPackage,
  items: Array<Omit<PackageGoal, 'params' | 'target' | 'warn'> & Partial<PackageGoal>>,
  what: string,
  validate: (item: GoalInput) => void,
): void {
  const keys = new Set<string>()
  for (const item of items) {
    if (keys.has(item.key))
      throw badRequest(`bad package: ${what}s: the key "${item.key}" is used twice; keys must be unique`)
    keys.add(item.key)
    if (!findKpi(item.kpi)) throw badRequest(`bad package: ${what} "${item.key}": unknown KPI "${item.kpi}"`)
    if (!(item.kpi in pkg.kpis))
      throw badRequest(`bad package: ${what} "${item.key}": KPI "${item.kpi}" is not listed in kpis`)
    try {
      validate(item)
    } catch (error) {
      if (error instanceof HttpError) throw badRequest(`bad package: ${what} "${item.key}": ${error.message}`)
      throw error
    }
  }
}

const tileOf = (tile: Partial<PackageTile> & { key: string; kpi: string }): PackageTile => ({
  key: tile.key,
  ...withTileDefaults(tile),
  ...(tile.title ? { title: tile.title } : {}),
})

const goalOf = (goal: Partial<PackageGoal> & { key: string; kpi: string }): PackageGoal => {
  const { size: _size, title: _title, ...rest } = tileOf(goal)
  // A file made before goal paths has none; null is none too.
  return goal.path ? { ...rest, path: { period: goal.path.period, start: goal.path.start } } : rest
}

/** Every optional field spelled out, so the installed copy compares field by field. */
function normalise(pkg: DashboardPackage): DashboardPackage {
  const { $schema: _schema, ...rest } = pkg as DashboardPackage & { $schema?: string }
  return {
    ...rest,
    roles: rest.roles.map((role) => ({
      id: role.id,
      name: role.name,
      title: role.title,
      tiles: role.tiles.map(tileOf),
    })),
    ...(rest.strip ? { strip: rest.strip.map(goalOf) } : {}),
  }
}
