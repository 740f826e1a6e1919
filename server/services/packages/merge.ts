import { canonical } from '../canonical-json.js'
import { validateGoal, validateTile } from '../dashboards.js'
import type { LocalItem } from './state.js'
import type { Change, ConflictRule, ItemWrite, PackageGoal, PackageTile, PlanItem } from './types.js'

// The three-way merge of an upgrade: the installed version, the client's dashboards now, the new version.

/**
 * The fields a merge compares. KPI and parameters go together (parameters belong to a KPI), and so do target and
 * amber line.
 */
const FIELDS: Array<{
  name: string
  get: (item: PlanItem) => unknown
  show: (item: PlanItem) => string
  set: (item: PlanItem, from: PlanItem) => void
}> = [
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
    show: (item) =>
      item.target === null && item.warn === null ? 'default' : `${item.target ?? 'default'}/${item.warn ?? 'default'}`,
    set: (item, from) => {
      item.target = from.target
      item.warn = from.warn
    },
  },
  {
    // A strip goal's period and start value go together; tiles have no path, so theirs never differ.
    name: 'path',
    get: (item) => item.path ?? null,
    show: (item) => (item.path ? `${item.path.start} over ${item.path.period}` : 'none'),
    set: (item, from) => {
      if (from.path) item.path = from.path
      else delete item.path
    },
  },
  { name: 'size', get: (item) => item.size, show: (item) => item.size, set: (item, from) => (item.size = from.size) },
  {
    name: 'tileTitle',
    get: (item) => item.title,
    show: (item) => (item.title === null ? "the KPI's title" : `"${item.title}"`),
    set: (item, from) => (item.title = from.title),
  },
]

const same = (a: PlanItem, b: PlanItem) => FIELDS.every((field) => canonical(field.get(a)) === canonical(field.get(b)))
export const fieldsOf = (item: Omit<PlanItem, 'title'> & { title?: string | null }): PlanItem => ({
  kpi: item.kpi,
  params: item.params,
  target: item.target,
  warn: item.warn,
  size: item.size,
  title: item.title ?? null,
  ...(item.path ? { path: item.path } : {}),
})
type Keyed = PlanItem & { key: string }
export const keyed = (item: PackageTile | PackageGoal): Keyed => ({
  key: item.key,
  ...fieldsOf({ size: 'm', ...item }),
})

export function conflictText(
  rule: ConflictRule | null,
  what: string,
  mine: string,
  theirs: string,
): { text: string; outcome: 'mine' | 'theirs' } {
  const outcome = rule === 'take-theirs' ? 'theirs' : 'mine'
  const resolution =
    rule === null
      ? "keep-mine keeps yours, take-theirs takes the package's"
      : rule === 'keep-mine'
        ? 'keeps yours (keep-mine)'
        : "takes the package's (take-theirs)"
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
export function mergeItems(input: MergeInput): { items: ItemWrite[]; changes: Change[]; conflicts: number } {
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
        const changed = same(b, t) ? '' : ' (the package changed it)'
        const text = `keeps ${what} ${key} (${b.kpi}) removed, as you removed it${changed}`
        changes.push({ kind: 'keep', key, kpi: t.kpi, item: fieldsOf(b), text })
        continue
      }
      survivors.set(`k:${key}`, { ...fieldsOf(t), packageKey: prefix + key })
      const size = what === 'tile' ? `, size ${t.size}` : ''
      const text = `adds ${what} ${key} (${FIELDS[0]!.show(t)}, target ${FIELDS[1]!.show(t)}${size})`
      changes.push({ kind: 'add', key, kpi: t.kpi, item: fieldsOf(t), text })
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
        tileChanges.push({
          kind: 'change',
          key,
          kpi: t.kpi,
          field: field.name,
          mine: field.show(m),
          theirs: field.show(t),
          text,
        })
      } else if (bv === tv) {
        const text = `keeps your ${field.name} of ${what} ${key}: ${field.show(m)} (package: ${field.show(t)})`
        tileChanges.push({
          kind: 'keep',
          key,
          kpi: m.kpi,
          field: field.name,
          mine: field.show(m),
          theirs: field.show(t),
          text,
        })
      } else {
        tileConflicts++
        const resolved = conflictText(rule, `on ${what} ${key} ${field.name}`, field.show(m), field.show(t))
        if (resolved.outcome === 'theirs') field.set(merged, t)
        tileChanges.push({
          kind: 'conflict',
          key,
          kpi: m.kpi,
          field: field.name,
          mine: field.show(m),
          theirs: field.show(t),
          ...resolved,
        })
      }
    }
    try {
      // A goal's path needs its target: one side's path with the other's emptied target does not fit either.
      if (what === 'goal') validateGoal(merged)
      else validateTile(merged)
    } catch (error) {
      // One side changed the KPI, the other its band: the halves do not fit, so the whole tile is one conflict.
      tileConflicts = 1
      const resolved = conflictText(
        rule,
        `on ${what} ${key} (the two sides' edits do not fit together: ${(error as Error).message})`,
        describe(m),
        describe(t),
      )
      Object.assign(merged, fieldsOf(resolved.outcome === 'theirs' ? t : m))
      tileChanges.length = 0
      tileChanges.push({
        kind: 'conflict',
        key,
        kpi: m.kpi,
        field: 'tile',
        mine: describe(m),
        theirs: describe(t),
        items: { mine: fieldsOf(m), theirs: fieldsOf(t) },
        ...resolved,
      })
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
    changes.push({
      kind: 'conflict',
      key,
      kpi: m.kpi,
      field: 'removed',
      mine: describe(m),
      theirs: 'removed',
      item: fieldsOf(m),
      ...resolved,
    })
    // Kept, it is no longer the package's: it becomes one of the client's own tiles.
    if (resolved.outcome === 'mine') survivors.set(`k:${key}`, { id: m.id, ...fieldsOf(m), packageKey: null })
  }
  for (const item of input.mine) {
    const id = idOf(item)
    if (id.startsWith('t:')) {
      survivors.set(id, { ...item })
      changes.push({
        kind: 'keep',
        kpi: item.kpi,
        item: fieldsOf(item),
        text: `keeps your own ${what} ${item.kpi}${item.packageKey ? ` (${item.packageKey})` : ''}`,
      })
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

const describe = (item: PlanItem) => `${FIELDS[0]!.show(item)}, target ${FIELDS[1]!.show(item)}, size ${item.size}`

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
