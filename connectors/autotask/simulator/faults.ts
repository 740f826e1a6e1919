import type { ApiRecord, FieldInfo } from './store.js'

/** Fault injection for connector tests: which answers to break, how, and for which requests. */

/** What an authenticated route does; faults and the request log are scoped by it. */
export type SimOperation = 'query' | 'next' | 'count' | 'get' | 'metadata' | 'threshold' | 'write'

export type MalformedRecord = 'string-id' | 'bad-date' | 'missing-required' | 'non-object'

export type FaultEffect =
  /** `{"errors": [message]}` with status 500 (or `status`). */
  | { kind: 'error'; status?: number; message?: string }
  /** 429 with the thread-threshold message, optionally with `Retry-After` (seconds). */
  | { kind: 'rate-limit'; retryAfter?: number; message?: string }
  /** An IIS-style HTML page served as `text/html`, with status 404 (default) or e.g. 200. */
  | { kind: 'html'; status?: number }
  /** The answer arrives `delayMs` later (holding its thread slot meanwhile). */
  | { kind: 'slow'; delayMs: number }
  /** One record of the page (item `index`, default 0) is corrupted; only query, next and get answers qualify. */
  | { kind: 'malformed'; record: MalformedRecord; field?: string; index?: number }
  /** Status 200 and a JSON content type, but the body is cut in half. */
  | { kind: 'truncated' }
  /** Headers and half the body are written, then the socket is destroyed. */
  | { kind: 'drop' }

export interface FaultScope {
  /** Entity name (case-insensitive); all entities when absent. */
  entity?: string
  operation?: SimOperation | SimOperation[]
  /** Let this many matching requests through first. */
  skip?: number
  /** Apply to this many matching requests, then retire; unlimited when absent. */
  times?: number
  /** Probability (0..1) of applying to a matching request, drawn from an RNG seeded with `seed`. */
  share?: number
  seed?: number
}

export type FaultRule = FaultEffect & FaultScope

const ITEM_OPERATIONS: readonly SimOperation[] = ['query', 'next', 'get']

interface ActiveFault {
  rule: FaultRule
  seen: number
  applied: number
  random: () => number
}

export class FaultInjector {
  private active: ActiveFault[] = []

  constructor(rules: readonly FaultRule[] = []) {
    this.set(rules)
  }

  set(rules: readonly FaultRule[]): void {
    this.active = []
    for (const rule of rules) this.add(rule)
  }

  add(rule: FaultRule): void {
    this.active.push({ rule: { ...rule }, seen: 0, applied: 0, random: seededRandom(rule.seed ?? 1) })
  }

  clear(): void {
    this.active = []
  }

  rules(): FaultRule[] {
    return this.active.map((fault) => fault.rule)
  }

  /** The first rule that fires for this request; counting `skip`, `times` and `share` as it goes. */
  pick(entity: string | null, operation: SimOperation): FaultRule | undefined {
    for (const fault of this.active) {
      const { rule } = fault
      if (!inScope(rule, entity, operation)) continue
      fault.seen++
      if (fault.seen <= (rule.skip ?? 0)) continue
      if (rule.share !== undefined && fault.random() >= rule.share) continue
      fault.applied++
      if (rule.times !== undefined && fault.applied >= rule.times) this.active = this.active.filter((f) => f !== fault)
      return rule
    }
    return undefined
  }
}

function inScope(rule: FaultRule, entity: string | null, operation: SimOperation): boolean {
  if (rule.entity !== undefined && rule.entity.toLowerCase() !== entity?.toLowerCase()) return false
  if (rule.kind === 'malformed' && !ITEM_OPERATIONS.includes(operation)) return false
  if (rule.operation === undefined) return true
  return Array.isArray(rule.operation) ? rule.operation.includes(operation) : rule.operation === operation
}

/** mulberry32: small, fast and reproducible for a given seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A copy of `items` with one record broken the way the fault describes. */
export function corruptItems(
  items: readonly unknown[],
  fault: Extract<FaultEffect, { kind: 'malformed' }>,
  fields: readonly FieldInfo[],
): unknown[] {
  const index = Math.min(fault.index ?? 0, items.length - 1)
  if (index < 0) return [...items]
  const copy = [...items]
  copy[index] = corruptRecord(copy[index] as ApiRecord, fault, fields)
  return copy
}

function corruptRecord(
  record: ApiRecord,
  fault: Extract<FaultEffect, { kind: 'malformed' }>,
  fields: readonly FieldInfo[],
): unknown {
  switch (fault.record) {
    case 'non-object':
      return `#corrupt record ${record.id}#`
    case 'string-id':
      return { ...record, id: String(record.id) }
    case 'bad-date': {
      const dates = fields.filter((field) => field.dataType === 'datetime').map((field) => field.name)
      const name = fault.field ?? dates.find((date) => record[date] != null) ?? dates.find((date) => date in record)
      return { ...record, [name ?? 'createDate']: '2024-13-45T25:61:00Z' }
    }
    case 'missing-required': {
      const required = fields.filter((field) => field.isRequired && field.name !== 'id').map((field) => field.name)
      const name = fault.field ?? required.find((field) => field in record) ?? 'id'
      const { [name]: _removed, ...rest } = record
      return rest
    }
  }
}
