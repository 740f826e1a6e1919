import { createHmac, timingSafeEqual } from 'node:crypto'

// What an Autotask webhook callout is (autotask-webhooks.md §6): its signature over the raw body bytes, and its
// JSON read leniently, since the spellings vary between sources (PersonID/PersonId, Account/Company, ids as text).

/** The entities roleboard registers webhooks for, under their REST names. */
export const WEBHOOK_ENTITIES = ['Tickets', 'TicketNotes', 'Companies', 'Contacts'] as const
export type WebhookEntity = (typeof WEBHOOK_ENTITIES)[number]

/** `EntityType` as callouts spell it (SOAP-era names included), lower-cased, to the entity it is. */
const ENTITY_TYPES: Record<string, WebhookEntity> = {
  ticket: 'Tickets',
  tickets: 'Tickets',
  ticketnote: 'TicketNotes',
  ticketnotes: 'TicketNotes',
  account: 'Companies',
  company: 'Companies',
  companies: 'Companies',
  contact: 'Contacts',
  contacts: 'Contacts',
}

export type CalloutAction = 'Create' | 'Update' | 'Delete' | 'Deactivated'

/** A callout's JSON as far as roleboard reads it; the payload's `Fields` are a hint at most and are not read. */
export interface Callout {
  action: CalloutAction | null
  /** The entity `EntityType` names: 'other' for one roleboard does not read, null when the callout names none. */
  entity: WebhookEntity | 'other' | null
  /** The changed record's id; null when missing or not a positive whole number. */
  id: number | null
  /** What tells this delivery from another: the same key again is the same delivery sent again. */
  deliveryKey: string | null
}

/** `sha1=` + base64 HMAC-SHA1 of `body` with `secret`: the `X-Hook-Signature` Autotask sends. */
export function calloutSignature(body: Buffer | string, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body).digest('base64')}`
}

/** Whether `header` is the signature of exactly these bytes; compared in constant time. */
export function isSignedBy(body: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false
  const expected = Buffer.from(calloutSignature(body, secret))
  const given = Buffer.from(header.trim())
  // timingSafeEqual needs equal lengths; a wrong length is refused without looking at the bytes.
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Reads a verified callout's body; null when it is not a JSON object at all. */
export function readCallout(body: Buffer): Callout | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return null
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null
  const value = (name: string): unknown => {
    const key = Object.keys(parsed).find((candidate) => candidate.toLowerCase() === name)
    return key === undefined ? undefined : (parsed as Record<string, unknown>)[key]
  }
  const action = actionOf(value('action'))
  const entityType = typeof value('entitytype') === 'string' ? (value('entitytype') as string).trim() : ''
  const id = positiveInteger(value('id'))
  const guid = typeof value('guid') === 'string' ? (value('guid') as string).trim().toLowerCase() : ''
  const sequence = positiveInteger(value('sequencenumber'))
  const eventTime = typeof value('eventtime') === 'string' ? (value('eventtime') as string).trim() : ''
  // Whether the sequence number counts per webhook or per event type is not known: the action keeps both apart.
  const deliveryKey =
    guid && sequence !== null
      ? `${guid}:${action ?? 'other'}:${sequence}`
      : entityType && id !== null && eventTime
        ? `${entityType.toLowerCase()}:${id}:${action ?? 'other'}:${eventTime}`
        : null
  return {
    action,
    entity: entityType ? (ENTITY_TYPES[entityType.toLowerCase()] ?? 'other') : null,
    id,
    deliveryKey,
  }
}

function actionOf(value: unknown): CalloutAction | null {
  if (typeof value !== 'string') return null
  const word = value.trim().toLowerCase()
  return word === 'create'
    ? 'Create'
    : word === 'update'
      ? 'Update'
      : word === 'delete'
        ? 'Delete'
        : word === 'deactivated'
          ? 'Deactivated'
          : null
}

function positiveInteger(value: unknown): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d{1,15}$/.test(value.trim())
        ? Number(value)
        : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

/** The path segment of each entity's callout address (`<public URL>/hooks/autotask/<slug>`). */
export const WEBHOOK_SLUGS: Record<WebhookEntity, string> = {
  Tickets: 'tickets',
  TicketNotes: 'ticket-notes',
  Companies: 'companies',
  Contacts: 'contacts',
}

/** Where Autotask sends an entity's callouts, and where it says the webhook was deactivated. */
export function calloutUrls(publicUrl: string, entity: WebhookEntity): { url: string; deactivationUrl: string } {
  const url = `${publicUrl.replace(/\/+$/, '')}/hooks/autotask/${WEBHOOK_SLUGS[entity]}`
  return { url, deactivationUrl: `${url}/deactivated` }
}

/** The entity whose callouts arrive at `slug`; null for a path roleboard never registered. */
export function entityOfSlug(slug: string): WebhookEntity | null {
  return WEBHOOK_ENTITIES.find((entity) => WEBHOOK_SLUGS[entity] === slug) ?? null
}

/** The context a webhook's secret is sealed under, so a sealed secret copied to another entity's row does not open. */
export function secretContext(entity: WebhookEntity): string {
  return `autotask-webhook:${entity}`
}
