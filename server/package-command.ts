import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/index.js'
import { ConfigError, loadConfig } from './config.js'
import { HttpError } from './errors.js'
import { installDefaults } from './services/dashboards.js'
import {
  type ConflictRule,
  diffPackage,
  exportPackage,
  importPackage,
  parsePackage,
  renderPlan,
  upgradePackage,
} from './services/packages/index.js'

const USAGE = `Usage:
  roleboard package export [--out FILE] [--roles R,...] [--name N --version V --author A] [--no-strip]
  roleboard package import FILE
  roleboard package diff FILE [--on-conflict keep-mine|take-theirs]
  roleboard package upgrade FILE [--on-conflict keep-mine|take-theirs]
`

/** `roleboard package ...` on ROLEBOARD_DB. A bad file or a refused change is one line on stderr and exit 1. */
export async function packageCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  try {
    switch (sub) {
      case 'export':
        return await exportCommand(rest)
      case 'import':
      case 'diff':
      case 'upgrade':
        return await fileCommand(sub, rest)
      default:
        process.stderr.write(
          `roleboard package: ${sub ? `unknown subcommand "${sub}"` : 'name a subcommand'}\n${USAGE}`,
        )
        return 1
    }
  } catch (error) {
    if (error instanceof HttpError || error instanceof ConfigError) {
      process.stderr.write(`roleboard package ${sub}: ${error.message}\n`)
      return 1
    }
    throw error
  }
}

async function withDatabase<T>(
  run: (db: Awaited<ReturnType<typeof openDatabase>>['db'], now: string) => Promise<T>,
): Promise<T> {
  const config = loadConfig()
  const handle = await openDatabase(config.dbPath)
  try {
    const now = new Date().toISOString()
    // The server installs the built-in dashboards at start; a package meets the same database here.
    await installDefaults(handle.db, now)
    return await run(handle.db, now)
  } finally {
    await handle.close()
  }
}

async function exportCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'string' },
      author: { type: 'string' },
      description: { type: 'string' },
      'no-strip': { type: 'boolean', default: false },
    },
  })
  const pkg = await withDatabase((db) =>
    exportPackage(db, {
      ...(values.roles
        ? {
            roles: values.roles
              .split(',')
              .map((role) => role.trim())
              .filter(Boolean),
          }
        : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values.version ? { version: values.version } : {}),
      ...(values.author ? { author: values.author } : {}),
      ...(values.description ? { description: values.description } : {}),
      strip: !values['no-strip'],
    }),
  )
  const text = `${JSON.stringify(pkg, null, 2)}\n`
  if (!values.out) {
    process.stdout.write(text)
    return 0
  }
  writeFileSync(values.out, text)
  const tiles = pkg.roles.reduce((sum, role) => sum + role.tiles.length, 0)
  const roles = `${pkg.roles.length} roles (${pkg.roles.map((role) => role.id).join(', ')})`
  process.stdout.write(
    `Wrote ${values.out}: ${pkg.name} ${pkg.version}, ${roles}, ${tiles} tiles${pkg.strip ? `, ${pkg.strip.length} strip goals` : ''}\n`,
  )
  return 0
}

async function fileCommand(sub: 'import' | 'diff' | 'upgrade', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: sub === 'import' ? {} : { 'on-conflict': { type: 'string' } },
  })
  const [file, ...extra] = positionals
  if (!file) throw new ConfigError(`name the package file: roleboard package ${sub} FILE`)
  if (extra.length > 0) throw new ConfigError(`one package file at a time, not ${positionals.length}`)
  const choice = (values as { 'on-conflict'?: string })['on-conflict']
  if (choice !== undefined && choice !== 'keep-mine' && choice !== 'take-theirs')
    throw new ConfigError(`--on-conflict must be keep-mine or take-theirs, not "${choice}"`)
  const rule = (choice ?? null) as ConflictRule | null
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  // Checked before the database is opened: a bad file changes nothing, not even a fresh database.
  const pkg = parsePackage(text)
  const plan = await withDatabase((db, now) =>
    sub === 'diff'
      ? diffPackage(db, pkg, rule)
      : sub === 'import'
        ? importPackage(db, pkg, now)
        : upgradePackage(db, pkg, rule, now),
  )
  process.stdout.write(
    sub === 'diff'
      ? renderPlan(plan)
      : `${renderPlan(plan)}${sub === 'import' ? 'Imported' : 'Upgraded to'} ${plan.name} ${plan.version}.\n`,
  )
  return 0
}
