import { createHash, createHmac, randomUUID } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import type { SimEntity, SimWorld, WorldChange } from '../../autotask/simulator/store.js'
import { isEditableWorld } from '../../autotask/simulator/store.js'
import type { CwRecord } from './conditions.js'
import type { CwFieldError } from './errors.js'
import { cwError, recordNotFound } from './errors.js'
import type { CwEntity, WorldView } from './translate.js'
import { API_MEMBER, cwTime } from './translate.js'

/**
 * ConnectWise callbacks (reference §10): registrations under `/system/callbacks`, and for every save in the world one
 * signed POST per matching registration, retried only after a 404, 409, 419 or 429 (2 s, then 4 s later), each
 * attempt given 5 s.
 */

export interface CallbackOptions {
  /** Waits before the first and the second retry (default 2,000 and 4,000 ms). */
  retryDelaysMs?: readonly [number, number]
  /** How long one delivery may take (default 5,000 ms). */
  timeoutMs?: number
}

/** One POST the simulator made (or tried to: status 0 when the receiver did not answer in time or at all). */
export interface CallbackAttempt {
  callbackId: number
  url: string
  action: 'added' | 'updated' | 'deleted'
  type: string
  recordId: number
  attempt: number
  status: number
}

/** Where the simulated PSA lives, for the payload's `FromUrl` and `Metadata.key_url`. */
export interface CallbackSite {
  origin: string
  codebase: string
  company: string
}

const RETRIED = new Set([404, 409, 419, 429])

/** Levels per callback type, lower-case; the types the world has records for. */
const LEVELS: Record<string, readonly string[]> = {
  ticket: ['owner', 'board', 'project', 'phase', 'status', 'ticket', 'integratortag'],
  time: ['owner', 'company', 'time'],
  company: ['owner', 'status', 'type', 'territory', 'company', 'integratortag'],
  contact: ['owner', 'type', 'territory', 'company', 'contact'],
  agreement: ['owner', 'type', 'company', 'agreement'],
  member: ['owner', 'location', 'securityrole', 'member'],
}

const TYPE_OF: Partial<Record<SimEntity, { type: string; entity: CwEntity }>> = {
  Tickets: { type: 'ticket', entity: 'tickets' },
  TimeEntries: { type: 'time', entity: 'timeEntries' },
  Companies: { type: 'company', entity: 'companies' },
  Contacts: { type: 'contact', entity: 'contacts' },
  Contracts: { type: 'agreement', entity: 'agreements' },
  Resources: { type: 'member', entity: 'members' },
}

const ACTION_OF: Record<WorldChange['action'], CallbackAttempt['action']> = {
  Create: 'added',
  Update: 'updated',
  Delete: 'deleted',
}

/** The id a registration's level compares its `objectId` with, read from the record the callback is about. */
function levelId(level: string, type: string, record: CwRecord): unknown {
  const nested = (key: string) => (record[key] as CwRecord | null | undefined)?.id
  switch (level) {
    case 'board':
    case 'status':
    case 'company':
    case 'territory':
      return level === 'company' && type === 'company' ? record.id : nested(level)
    case 'type':
      return type === 'company' ? (record.types as CwRecord[] | undefined)?.[0]?.id : nested('type')
    case 'location':
      return nested('defaultLocation')
    default:
      return level === type ? record.id : undefined
  }
}

export class CwCallbacks {
  private entries: CwRecord[] = []
  private nextId = 1
  private readonly log: CallbackAttempt[] = []
  private readonly pending = new Set<Promise<void>>()
  private readonly aborter = new AbortController()
  private readonly stopWatching: () => void
  /** One signing key for the tenant, named by the GUID in `key_url`. */
  readonly keyId = randomUUID()
  readonly signingKey = randomUUID().replace(/-/g, '')

  constructor(
    private readonly world: SimWorld,
    private readonly view: WorldView,
    private readonly site: () => CallbackSite,
    private readonly options: CallbackOptions = {},
  ) {
    this.stopWatching = isEditableWorld(world) ? world.watch((change) => this.onChange(change)) : () => undefined
  }

  list(): readonly CwRecord[] {
    return this.entries
  }

  attempts(): readonly CallbackAttempt[] {
    return this.log
  }

  /** Resolves once every delivery under way, retries included, has finished. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  create(body: unknown): CwRecord {
    const fields = this.validated(body, null)
    const stamp = cwTime(this.world.now().getTime())
    const entry: CwRecord = {
      id: this.nextId++,
      ...fields,
      memberId: API_MEMBER.id,
      isSoapCallbackFlag: false,
      connectWiseID: randomUUID(),
      _info: { lastUpdated: stamp, updatedBy: API_MEMBER.identifier },
    }
    this.entries.push(entry)
    return entry
  }

  /** PUT: the whole registration; PATCH: JSON Patch `replace` operations (or a partial object). */
  update(id: number, body: unknown, partial: boolean): CwRecord {
    const index = this.entries.findIndex((entry) => entry.id === id)
    if (index < 0) throw recordNotFound('Callback', id)
    const current = this.entries[index]!
    const merged = partial ? { ...current, ...patchFields(body) } : body
    const fields = this.validated(merged, id)
    const next = {
      ...current,
      ...fields,
      _info: { ...(current._info as CwRecord), lastUpdated: cwTime(this.world.now().getTime()) },
    }
    this.entries[index] = next
    return next
  }

  remove(id: number): void {
    const before = this.entries.length
    this.entries = this.entries.filter((entry) => entry.id !== id)
    if (this.entries.length === before) throw recordNotFound('Callback', id)
  }

  close(): void {
    this.stopWatching()
    this.aborter.abort()
  }

  private validated(body: unknown, id: number | null): CwRecord {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw cwError(400, 'InvalidObject', 'callback object is invalid', [
        { code: 'InvalidObject', message: 'The body must be a JSON object.', resource: 'callback' },
      ])
    }
    const given = body as CwRecord
    const errors: CwFieldError[] = []
    const text = (key: string) => (typeof given[key] === 'string' ? (given[key] as string).trim() : '')
    const url = text('url')
    if (!isHttpUrl(url))
      errors.push({ code: 'InvalidField', message: 'Invalid URL', resource: 'callback', field: 'url' })
    const type = text('type')
    const level = text('level')
    const levels = LEVELS[type.toLowerCase()]
    if (!levels) {
      errors.push({ code: 'InvalidField', message: 'Unrecognized type', resource: 'callback', field: 'type' })
    } else if (!levels.includes(level.toLowerCase())) {
      errors.push({
        code: 'InvalidObject',
        message: 'Unrecognized level for type, see documentation for supported levels for each type',
        resource: 'callback',
        field: 'level',
      })
    }
    const objectId = Number(given.objectId)
    if (!Number.isInteger(objectId) || objectId < 1) {
      errors.push({
        code: 'InvalidField',
        message: 'objectId must be a record id',
        resource: 'callback',
        field: 'objectId',
      })
    } else if (level.toLowerCase() === 'owner' && objectId !== 1) {
      errors.push({
        code: 'InvalidField',
        message: 'objectId must be 1 for level Owner',
        resource: 'callback',
        field: 'objectId',
      })
    }
    const description = text('description')
    if (description.length > 100) {
      errors.push({
        code: 'InvalidField',
        message: 'description is over 100 characters',
        resource: 'callback',
        field: 'description',
      })
    }
    const duplicate = this.entries.find(
      (entry) =>
        entry.id !== id &&
        entry.url === url &&
        String(entry.type).toLowerCase() === type.toLowerCase() &&
        String(entry.level).toLowerCase() === level.toLowerCase() &&
        entry.objectId === objectId,
    )
    if (duplicate) {
      errors.push({
        code: 'ObjectExists',
        message: `Callback ${duplicate.id} already exists for this url, type and level`,
        resource: 'callback',
      })
    }
    if (errors.length > 0) throw cwError(400, 'InvalidObject', 'callback object is invalid', errors)
    return {
      description,
      url,
      objectId,
      type,
      level,
      inactiveFlag: given.inactiveFlag === true,
      isSelfSuppressedFlag: given.isSelfSuppressedFlag === true,
      payloadVersion: typeof given.payloadVersion === 'string' ? given.payloadVersion : '3.0.0',
    }
  }

  private onChange(change: WorldChange): void {
    const kind = TYPE_OF[change.entity]
    if (!kind || !this.entries.some((entry) => entry.inactiveFlag !== true)) return
    const record = change.after ?? change.before
    if (!record) return
    const translated = this.view.translateRecord(kind.entity, record)
    const action = ACTION_OF[change.action]
    for (const entry of this.entries) {
      if (entry.inactiveFlag === true || String(entry.type).toLowerCase() !== kind.type) continue
      const level = String(entry.level).toLowerCase()
      if (level !== 'owner' && levelId(level, kind.type, translated) !== entry.objectId) continue
      const site = this.site()
      const payload = {
        MessageId: randomUUID(),
        FromUrl: new URL(site.origin).host,
        CompanyId: site.company,
        MemberId: this.view.identifier(change.by) ?? API_MEMBER.identifier,
        Action: action,
        Type: kind.type,
        ID: record.id,
        ProductInstanceId: this.keyId,
        PartnerId: site.company,
        Entity: change.after ? JSON.stringify(translated) : null,
        Metadata: {
          key_url: `${site.origin}/${site.codebase}system/callbackkey/index.rails?companyName=${encodeURIComponent(site.company)}&id=${this.keyId}`,
        },
        CallbackObjectRecId: entry.id,
      }
      const delivery = this.deliver(entry, payload.Action, payload.Type, record.id, JSON.stringify(payload))
      this.pending.add(delivery)
      void delivery.finally(() => this.pending.delete(delivery))
    }
  }

  private async deliver(
    entry: CwRecord,
    action: CallbackAttempt['action'],
    type: string,
    recordId: number,
    body: string,
  ) {
    const url = `${String(entry.url)}${recordId}`
    const signature = createHmac('sha256', createHash('sha256').update(this.signingKey, 'utf8').digest())
      .update(body)
      .digest('base64')
    const [first, second] = this.options.retryDelaysMs ?? [2_000, 4_000]
    const waits = [0, first, second]
    for (const [attempt, wait] of waits.entries()) {
      if (wait > 0) {
        try {
          await delay(wait, undefined, { signal: this.aborter.signal })
        } catch {
          return
        }
      }
      const status = await post(url, body, signature, this.options.timeoutMs ?? 5_000, this.aborter.signal)
      this.log.push({ callbackId: entry.id as number, url, action, type, recordId, attempt: attempt + 1, status })
      if (!RETRIED.has(status)) return
    }
  }
}

/** The answer's status, or 0 when the receiver did not answer within the timeout (or the simulator closed). */
async function post(url: string, body: string, signature: string, timeoutMs: number, closed: AbortSignal) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-content-signature': signature },
      body,
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), closed]),
    })
    await response.body?.cancel()
    return response.status
  } catch {
    return 0
  }
}

function isHttpUrl(text: string): boolean {
  return /^https?:\/\//i.test(text) && URL.canParse(text)
}

/** A PATCH body: JSON Patch operations (`[{op: "replace", path: "url", value}]`) or a partial object. */
function patchFields(body: unknown): CwRecord {
  if (!Array.isArray(body)) return body && typeof body === 'object' ? (body as CwRecord) : {}
  const fields: CwRecord = {}
  for (const operation of body as CwRecord[]) {
    const path = typeof operation?.path === 'string' ? operation.path.replace(/^\//, '') : ''
    if (String(operation?.op).toLowerCase() !== 'replace' || path === '') {
      throw cwError(400, 'InvalidObject', 'Only replace operations on a field are supported in a callback PATCH.')
    }
    fields[path] = operation.value
  }
  return fields
}
