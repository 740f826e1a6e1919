import { createHmac } from 'node:crypto'
import type { ApiRecord, SimWorld } from '../store.js'
import type { WebhookKind } from './kinds.js'
import { hookFields, hookUdfs } from './kinds.js'
import type { Webhook } from './registry.js'

// What one callout says and how it is written on the wire: Autotask's key names, its JSON escaping, its signature.

/** A callout body's keys, in the order Autotask writes them. */
export interface CalloutPayload {
  Action: 'Create' | 'Update' | 'Delete' | 'Deactivated'
  Guid: string
  EntityType: string
  Id: number
  Fields: Record<string, unknown>
  EventTime: string
  SequenceNumber: number
  /** Spelled `PersonID` or `PersonId` (sources disagree), as the simulator is told. */
  [person: string]: unknown
}

/** Characters Autotask's serializer writes as `\uXXXX` inside strings, besides everything outside printable ASCII. */
const ESCAPED = new Set(['&', '<', '>', "'", '"', '`', '+'])

/**
 * JSON as Autotask's .NET serializer writes it: `& < > ' " \` +` and every non-ASCII UTF-16 unit as `\uXXXX`, so a
 * receiver that re-serialises the parsed body gets other bytes and must verify the signature over the raw body.
 */
export function autotaskJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return quote(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null'
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(autotaskJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined)
  return `{${entries.map(([key, item]) => `${quote(key)}:${autotaskJson(item)}`).join(',')}}`
}

function quote(text: string): string {
  let out = '"'
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    const code = text.charCodeAt(index)
    if (char === '\\') out += '\\\\'
    else if (char === '\n') out += '\\n'
    else if (char === '\r') out += '\\r'
    else if (char === '\t') out += '\\t'
    else if (code < 0x20 || code > 0x7e || ESCAPED.has(char))
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
    else out += char
  }
  return `${out}"`
}

/** `X-Hook-Signature`: `sha1=` and the base64 HMAC-SHA1 of the exact body bytes under the webhook's secret key. */
export function hookSignature(secretKey: string, body: string): string {
  return `sha1=${createHmac('sha1', secretKey).update(body, 'utf8').digest('base64')}`
}

/** ISO-8601 UTC to the second, as callouts carry it. */
export function eventTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 19)}Z`
}

/** `ticketNumber` → `TicketNumber`, `queueID` → `QueueID`. */
function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** A value as callouts carry it: picklist values as strings, the rest as the REST API has it. */
function calloutValue(value: unknown, isPickList: boolean): unknown {
  return isPickList && value !== null && value !== undefined ? String(value) : (value ?? null)
}

function udfValue(record: ApiRecord, name: string): string | null {
  return record.userDefinedFields.find((udf) => udf.name === name)?.value ?? null
}

/**
 * The `Fields` of a Create or Update: on Create every subscribed and display-always field, on Update the subscribed
 * fields that changed (none: no callout, null returned) plus the display-always fields.
 */
export function calloutFields(
  world: SimWorld,
  hook: Webhook,
  before: ApiRecord | null,
  after: ApiRecord,
): Record<string, unknown> | null {
  const kind: WebhookKind = hook.kind
  const fields = new Map(hookFields(world, kind).map((field) => [field.id, field]))
  const udfs = new Map(hookUdfs(world, kind).map(({ id, udf }) => [id, udf.name]))
  const out: Record<string, unknown> = {}
  let changed = false
  for (const row of hook.Fields) {
    const field = fields.get(row.fieldID as number)
    if (!field) continue
    const moved = before !== null && before[field.name] !== after[field.name]
    if (row.isSubscribedField && moved) changed = true
    if (row.isDisplayAlwaysField || (row.isSubscribedField && (before === null || moved))) {
      out[pascal(field.name)] = calloutValue(after[field.name], field.isPickList)
    }
  }
  for (const row of hook.UdfFields) {
    const name = udfs.get(row.udfFieldID as number)
    if (name === undefined) continue
    const moved = before !== null && udfValue(before, name) !== udfValue(after, name)
    if (row.isSubscribedField && moved) changed = true
    if (row.isDisplayAlwaysField || (row.isSubscribedField && (before === null || moved))) {
      out[name] = udfValue(after, name)
    }
  }
  return before === null || changed ? out : null
}
