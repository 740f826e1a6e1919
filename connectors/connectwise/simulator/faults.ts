import { setTimeout as delay } from 'node:timers/promises'
import { CwHttpError, cwError, endpointNotFound, htmlErrorPage, tooManyRequests } from './errors.js'

/** Fault injection for connector tests: which answers of the ConnectWise simulator to break, and how. */

export type CwFaultEffect =
  /** A proxy's HTML error page (status 502 by default; 200 to test a client that trusts the status). */
  | { kind: 'html'; status?: number }
  /** `{code, message}` with status 500 (or `status`); the default message mentions a timeout, as real ones do. */
  | { kind: 'error'; status?: number; message?: string }
  /** A throttling answer: 429 with `Retry-After` seconds (1 by default); use `times` for a burst. */
  | { kind: 'rate-limit'; retryAfter?: number }
  /** The answer arrives `delayMs` later. */
  | { kind: 'slow'; delayMs: number }
  /** 404 "The endpoint does not exist.", as a codebase that moved (a cloud upgrade) answers. */
  | { kind: 'wrong-codebase' }

export interface CwFaultScope {
  /** An API path under `apis/3.0/` the fault applies to, by prefix and case-insensitively (`service/tickets`). */
  path?: string
  /** Also apply to `login/companyinfo` (off by default: discovery is usually not what a test breaks). */
  discovery?: boolean
  /** Let this many matching requests through first. */
  skip?: number
  /** Apply to this many matching requests, then retire; unlimited when absent. */
  times?: number
}

export type CwFaultRule = CwFaultEffect & CwFaultScope

interface ActiveRule {
  rule: CwFaultRule
  seen: number
  applied: number
}

export class CwFaults {
  private active: ActiveRule[] = []

  constructor(rules: readonly CwFaultRule[] = []) {
    this.set(rules)
  }

  set(rules: readonly CwFaultRule[]): void {
    this.active = rules.map((rule) => ({ rule: { ...rule }, seen: 0, applied: 0 }))
  }

  add(rule: CwFaultRule): void {
    this.active.push({ rule: { ...rule }, seen: 0, applied: 0 })
  }

  clear(): void {
    this.active = []
  }

  rules(): CwFaultRule[] {
    return this.active.map((entry) => entry.rule)
  }

  /** The first rule that fires for a request (`apiPath` null for discovery), counting skip and times. */
  pick(apiPath: string | null): CwFaultRule | undefined {
    for (const entry of this.active) {
      const { rule } = entry
      if (apiPath === null ? !rule.discovery : !pathInScope(rule.path, apiPath)) continue
      entry.seen++
      if (entry.seen <= (rule.skip ?? 0)) continue
      entry.applied++
      if (rule.times !== undefined && entry.applied >= rule.times) this.active = this.active.filter((e) => e !== entry)
      return rule
    }
    return undefined
  }
}

function pathInScope(scope: string | undefined, apiPath: string): boolean {
  if (scope === undefined) return true
  const wanted = scope.replace(/^\/+|\/+$/g, '').toLowerCase()
  const path = apiPath.toLowerCase()
  return path === wanted || path.startsWith(`${wanted}/`)
}

/** Carries a fault out: throws the refusal it stands for, or waits before the answer goes on. */
export async function applyFault(rule: CwFaultRule): Promise<void> {
  switch (rule.kind) {
    case 'html':
      throw new CwHttpError(rule.status ?? 502, htmlErrorPage(rule.status ?? 502))
    case 'error':
      throw cwError(
        rule.status ?? 500,
        'ConnectWiseApi',
        rule.message ?? 'An error occurred while processing the request: the database request timeout expired.',
      )
    case 'rate-limit':
      throw tooManyRequests(rule.retryAfter ?? 1)
    case 'wrong-codebase':
      throw endpointNotFound()
    case 'slow':
      await delay(rule.delayMs)
  }
}
