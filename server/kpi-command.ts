import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/index.js'
import { createKpiEngine, findKpi, KpiError, resolveParams } from '../kpi-library/engine.js'
import { ALL_KPIS } from '../kpi-library/index.js'
import type { KpiResult, Lang } from '../kpi-library/types.js'
import { ConfigError, loadConfig } from './config.js'
import { kpiReference } from './kpi-reference.js'
import { addDays, daysBetween } from '../kpi-library/time.js'
import { createHistoryRecorder, type RangeDay } from './services/history/recorder.js'

/**
 * `roleboard kpi <id> [--role R] [--me ID] [--json]`, `roleboard kpi <id> --history --from D --to D [--json]`
 * (its recorded daily values), `roleboard kpi --list [--json]` and
 * `roleboard kpi --reference [--lang nl] [--out FILE]` (the KPI reference in Markdown; no database needed).
 */
export async function kpiCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      list: { type: 'boolean', default: false },
      reference: { type: 'boolean', default: false },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
      role: { type: 'string' },
      me: { type: 'string' },
      lang: { type: 'string', default: 'en' },
      param: { type: 'string', multiple: true },
      history: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
    },
  })
  const lang = values.lang as Lang
  if (lang !== 'en' && lang !== 'nl') throw new ConfigError(`--lang must be en or nl, not "${values.lang}"`)
  if (values.out !== undefined && !values.reference) throw new ConfigError('--out goes with --reference')
  if (values.reference) {
    const text = kpiReference(ALL_KPIS, lang)
    if (values.out === undefined) process.stdout.write(text)
    else {
      writeFileSync(values.out, text)
      process.stdout.write(`wrote the reference of ${ALL_KPIS.length} KPIs to ${values.out}\n`)
    }
    return 0
  }
  if (values.list) {
    const kpis = ALL_KPIS.filter((kpi) => !values.role || kpi.roles.includes(values.role as never))
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(
          kpis.map((kpi) => ({ id: kpi.id, kind: kpi.kind, title: kpi.title[lang], roles: kpi.roles })),
          null,
          2,
        )}\n`,
      )
    } else {
      for (const kpi of kpis)
        process.stdout.write(
          `${kpi.id.padEnd(34)} ${kpi.kind.padEnd(9)} ${kpi.title[lang]}  [${kpi.roles.join(', ')}]\n`,
        )
      process.stdout.write(
        `${kpis.length} KPIs, ${kpis.filter((kpi) => kpi.kind === 'list').length} of them action lists\n`,
      )
    }
    return 0
  }
  const [id] = positionals
  if (!id) throw new ConfigError('name a KPI (roleboard kpi csat_low_callback) or use --list')
  if (!findKpi(id)) throw new ConfigError(`there is no KPI "${id}"; roleboard kpi --list shows the library`)
  const me = values.me === undefined ? null : Number(values.me)
  if (me !== null && !Number.isSafeInteger(me))
    throw new ConfigError(`--me must be a resource id (a whole number), not "${values.me}"`)
  const params: Record<string, unknown> = {}
  for (const pair of values.param ?? []) {
    const at = pair.indexOf('=')
    if (at < 1) throw new ConfigError(`--param takes name=value, not "${pair}"`)
    const text = pair.slice(at + 1)
    try {
      params[pair.slice(0, at)] = JSON.parse(text)
    } catch {
      params[pair.slice(0, at)] = text
    }
  }
  if (!values.history && (values.from !== undefined || values.to !== undefined))
    throw new ConfigError('--from and --to go with --history')
  const config = loadConfig()
  const clock = config.now ? { now: () => new Date(config.now!) } : {}
  if (values.history) {
    const from = localDateOption('--from', values.from)
    const to = localDateOption('--to', values.to)
    if (from > to) throw new ConfigError(`--from (${from}) must not be after --to (${to})`)
    if (daysBetween(from, to) > MAX_HISTORY_DAYS)
      throw new ConfigError(`ask for at most ${MAX_HISTORY_DAYS} days at a time`)
    const handle = await openDatabase(config.dbPath)
    try {
      // The same checks as a tile's parameters, before anything is recorded under them.
      resolveParams(findKpi(id)!, params)
      const recorder = createHistoryRecorder({ db: handle.db, tz: config.tz, hours: config.businessHours, ...clock })
      const days = await recorder.daysOf({ kpi: id, params }, from, to)
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ id, params, from, to, tz: config.tz, days }, null, 2)}\n`
          : describeHistory(id, days),
      )
      return 0
    } catch (error) {
      if (error instanceof KpiError) throw new ConfigError(error.message)
      throw error
    } finally {
      await handle.close()
    }
  }
  const handle = await openDatabase(config.dbPath)
  try {
    const engine = createKpiEngine({
      db: handle.db,
      tz: config.tz,
      hours: config.businessHours,
      ...clock,
    })
    const result = await engine
      .evaluate(id, { role: values.role ?? 'owner', me, params, lang })
      .catch((error: unknown) => {
        if (error instanceof KpiError) throw new ConfigError(error.message)
        throw error
      })
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result))
    return 0
  } finally {
    await handle.close()
  }
}

/** The longest range `--history` answers at once: ten years of days. */
const MAX_HISTORY_DAYS = 3660

/** A `YYYY-MM-DD` option that names a real calendar date. */
function localDateOption(name: string, value: string | undefined): string {
  if (value === undefined) throw new ConfigError(`--history needs ${name} <YYYY-MM-DD>`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || addDays(value, 0) !== value)
    throw new ConfigError(`${name} must be a date as YYYY-MM-DD, not "${value}"`)
  return value
}

function describeHistory(id: string, days: RangeDay[]): string {
  const known = days.filter((day) => day.recorded).length
  const lines = days.map((day) => `${day.day}  ${day.recorded ? (day.value ?? 'no data') : '-'}`)
  lines.push(`${id}: ${known} of ${days.length} days known (- : not recorded, and not computable from the synced data)`)
  return `${lines.join('\n')}\n`
}

function describe(result: KpiResult): string {
  const lines = [`${result.title}  (${result.id}, ${result.status})`, result.context]
  if (result.kind === 'list') {
    for (const row of result.rows.slice(0, 50)) {
      lines.push(
        `  - ${Object.entries(row)
          .filter(([, v]) => v !== null && v !== undefined)
          .map(([k, v]) => `${k}: ${v}`)
          .join(' | ')}`,
      )
    }
    if (result.rows.length > 50) lines.push(`  ... and ${result.rows.length - 50} more`)
  } else {
    lines.push(
      `value: ${result.value ?? 'no data'} ${result.unit}${result.target === null ? '' : `  (target ${result.target})`}`,
    )
    if (result.kind === 'trend') lines.push(...result.points.map((p) => `  ${p.t}: ${p.value ?? '-'}`))
    if (result.kind === 'breakdown') lines.push(...result.items.map((i) => `  ${i.label}: ${i.value ?? '-'}`))
  }
  lines.push(`data as of ${result.asOf ?? 'never synced'}`)
  return `${lines.join('\n')}\n`
}
