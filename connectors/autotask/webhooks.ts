import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { calloutUrls, secretContext, WEBHOOK_ENTITIES, WEBHOOK_SLUGS, type WebhookEntity } from './callout.js'
import type { AutotaskClient } from './client.js'
import { SyncError } from './errors.js'

// roleboard's webhooks at Autotask (autotask-webhooks.md §4.1, §5): one per entity, named after the public URL they
// call, so running `register` again finds its own, keeps a healthy one and replaces a stale one, and never touches
// another install's. Each is subscribed to the fields roleboard's screens show, excludes roleboard's own API user,
// and is stored with its key sealed only once Autotask says it is active and ready.

/** The REST names Autotask gives each entity's webhook resources (`TicketWebhooks`, `TicketWebhookFields`). */
const SINGULAR: Record<WebhookEntity, string> = {
  Tickets: 'Ticket',
  TicketNotes: 'TicketNote',
  Companies: 'Company',
  Contacts: 'Contact',
}

/**
 * The fields whose change should reach the screens at once (subscribed), and those every callout should name so
 * a log line can say which record it was (display-always). Matched by name against what the tenant offers.
 */
const FIELDS: Record<WebhookEntity, { subscribed: string[]; displayAlways: string[] }> = {
  Tickets: {
    subscribed: [
      'status',
      'priority',
      'queueID',
      'assignedResourceID',
      'assignedResourceRoleID',
      'dueDateTime',
      'title',
      'companyID',
      'contactID',
      'issueType',
      'subIssueType',
      'firstResponseDateTime',
      'resolvedDateTime',
      'completedDate',
    ],
    displayAlways: ['ticketNumber'],
  },
  TicketNotes: { subscribed: ['title', 'description', 'noteType', 'publish'], displayAlways: ['ticketID'] },
  Companies: {
    subscribed: ['companyName', 'phone', 'isActive', 'companyType', 'ownerResourceID'],
    displayAlways: ['companyNumber'],
  },
  Contacts: {
    subscribed: ['firstName', 'lastName', 'phone', 'mobilePhone', 'emailAddress', 'isActive', 'companyID'],
    displayAlways: [],
  },
}

/** Seals and opens the webhook keys (server/services/secret-box.ts SecretBox). */
export interface KeyBox {
  seal(plain: string, context: string): string
  open(sealed: string, context: string): string
}

export interface WebhookSetup {
  client: AutotaskClient
  db: Kysely<Database>
  /** ROLEBOARD_PUBLIC_URL: the address Autotask reaches this server at. */
  publicUrl: string
  /** AUTOTASK_USERNAME: its resource is excluded, so roleboard's own changes (should it make any) never echo. */
  username: string
  box: KeyBox
  now?: () => Date
}

export interface Registered {
  entity: WebhookEntity
  webhookId: number
  name: string
  url: string
  /** True: the webhook registered before is healthy and stays; false: made now. */
  kept: boolean
  /** Earlier webhooks of this install deleted at Autotask (stale, or calling another address). */
  replaced: number
  /** Wanted fields the tenant does not offer for webhooks. */
  missingFields: string[]
}

export interface Registration {
  webhooks: Registered[]
  /** Things that work but that the person running it should know (no resource to exclude, plain http). */
  warnings: string[]
}

/** `roleboard-<slug>-<8 hex of the public URL>`: stable per install and address, well inside Autotask's 50 characters. */
export function webhookName(entity: WebhookEntity, publicUrl: string): string {
  const hash = createHash('sha256').update(publicUrl.replace(/\/+$/, '')).digest('hex').slice(0, 8)
  return `roleboard-${WEBHOOK_SLUGS[entity]}-${hash}`
}

/** What Autotask answers for one of its webhooks (camelCase; `webhookGuid` is a client-side spelling, accepted). */
interface RemoteWebhook {
  id: number
  name?: string
  webhookUrl?: string
  deactivationUrl?: string
  isActive?: boolean
  isReady?: boolean
  webhookGUID?: string
  webhookGuid?: string
}

/**
 * Registers (or keeps) one webhook per entity. Idempotent: a healthy webhook made by an earlier run for the same
 * address stays as it is; anything else under this install's name, or recorded here for another address, is
 * deleted first. A webhook that cannot be made whole is deleted again, so none is left half set up.
 */
export async function registerWebhooks(setup: WebhookSetup): Promise<Registration> {
  const warnings: string[] = []
  if (!/^https:/i.test(setup.publicUrl))
    warnings.push(
      `ROLEBOARD_PUBLIC_URL (${setup.publicUrl}) is not https: Autotask only calls https addresses on port 443, so only a simulator will deliver`,
    )
  const resourceId = await ownResource(setup)
  if (resourceId === null)
    warnings.push(
      `no Autotask resource has the user name or e-mail ${setup.username}: changes made by roleboard's API user are not excluded`,
    )
  const webhooks: Registered[] = []
  for (const entity of WEBHOOK_ENTITIES) webhooks.push(await registerOne(setup, entity, resourceId))
  return { webhooks, warnings }
}

async function registerOne(setup: WebhookSetup, entity: WebhookEntity, resourceId: number | null): Promise<Registered> {
  const { client, db, box } = setup
  const now = setup.now ?? (() => new Date())
  const resource = `${SINGULAR[entity]}Webhooks`
  const name = webhookName(entity, setup.publicUrl)
  const { url, deactivationUrl } = calloutUrls(setup.publicUrl, entity)
  const local = await db.selectFrom('autotask_webhook').selectAll().where('entity', '=', entity).executeTakeFirst()
  const remote = await ours(setup, entity)

  const healthy = local
    ? remote.find(
        (hook) =>
          hook.id === local.webhook_id &&
          hook.webhookUrl === url &&
          hook.deactivationUrl === deactivationUrl &&
          hook.isActive === true &&
          hook.isReady === true,
      )
    : undefined
  if (local && healthy && opens(box, local.secret_sealed, entity)) {
    // Autotask delivers again (someone re-enabled it): the builder stops showing it as stopped.
    await db
      .updateTable('autotask_webhook')
      .set({ is_active: 1, deactivated_at: null, deactivation_note: null })
      .where('entity', '=', entity)
      .execute()
    return { entity, webhookId: local.webhook_id, name, url, kept: true, replaced: 0, missingFields: [] }
  }

  const stale = new Set(remote.map((hook) => hook.id))
  if (local) stale.add(local.webhook_id)
  for (const id of stale) await deleteRemote(client, resource, id)
  await db.deleteFrom('autotask_webhook').where('entity', '=', entity).execute()

  const secret = randomBytes(36).toString('base64url') // 48 characters; Autotask takes up to 64
  const created = itemIdOf(
    await client.write(resource, 'post', resource, {
      Name: name,
      WebhookUrl: url,
      DeactivationUrl: deactivationUrl,
      SecretKey: secret,
      IsActive: true,
      IsSubscribedToCreateEvents: true,
      IsSubscribedToUpdateEvents: true,
      IsSubscribedToDeleteEvents: true,
      SendThresholdExceededNotification: true,
    }),
    `creating the ${entity} webhook`,
  )
  try {
    const missingFields = await addFields(client, entity, created)
    if (resourceId !== null)
      await client.write(resource, 'post', `${resource}/${created}/ExcludedResources`, {
        ResourceID: resourceId,
        WebhookID: created,
      })
    const made = itemOf(await client.get(resource, `${resource}/${created}`), `reading the ${entity} webhook back`)
    if (made.isActive !== true || made.isReady !== true)
      throw new SyncError(
        'server_error',
        `Autotask made the ${entity} webhook but does not call it (active: ${made.isActive}, ready: ${made.isReady})`,
      )
    await db
      .insertInto('autotask_webhook')
      .values({
        entity,
        webhook_id: created,
        guid: made.webhookGUID ?? made.webhookGuid ?? null,
        name,
        url,
        deactivation_url: deactivationUrl,
        secret_sealed: box.seal(secret, secretContext(entity)),
        is_active: 1,
        registered_at: now().toISOString(),
        deactivated_at: null,
        deactivation_note: null,
        last_callout_at: null,
      })
      .execute()
    return { entity, webhookId: created, name, url, kept: false, replaced: stale.size, missingFields }
  } catch (error) {
    await deleteRemote(client, resource, created).catch(() => undefined)
    throw error
  }
}

/** Subscribes the webhook to the wanted fields the tenant offers; the ones it does not offer, by name. */
async function addFields(client: AutotaskClient, entity: WebhookEntity, webhookId: number): Promise<string[]> {
  const resource = `${SINGULAR[entity]}Webhooks`
  const catalogue = `${SINGULAR[entity]}WebhookFields`
  const idField = (await client.fields(catalogue)).find((field) => field.name.toLowerCase() === 'fieldid')
  const ids = new Map((idField?.picklistValues ?? []).map((value) => [value.label.toLowerCase(), Number(value.value)]))
  const wanted = FIELDS[entity]
  const missing: string[] = []
  let subscribed = 0
  for (const [names, isSubscribed] of [
    [wanted.subscribed, true],
    [wanted.displayAlways, false],
  ] as const) {
    for (const field of names) {
      const fieldId = ids.get(field.toLowerCase())
      if (fieldId === undefined || !Number.isInteger(fieldId)) {
        missing.push(field)
        continue
      }
      await client.write(resource, 'post', `${resource}/${webhookId}/Fields`, {
        FieldID: fieldId,
        IsSubscribedField: isSubscribed,
        IsDisplayAlwaysField: !isSubscribed,
        WebhookID: webhookId,
      })
      if (isSubscribed) subscribed++
    }
  }
  if (subscribed === 0)
    throw new SyncError(
      'server_error',
      `Autotask offers none of the ${entity} fields roleboard watches for webhooks (${wanted.subscribed.join(', ')})`,
    )
  return missing
}

/** The API user's own resource, found by its user name or e-mail; null when Autotask has none by either. */
async function ownResource(setup: WebhookSetup): Promise<number | null> {
  const page = await setup.client.query('Resources', {
    filter: [
      {
        op: 'or',
        items: [
          { op: 'eq', field: 'userName', value: setup.username },
          { op: 'eq', field: 'email', value: setup.username },
        ],
      },
    ],
    IncludeFields: ['id'],
    MaxRecords: 10,
  })
  const id = (page.items[0] as { id?: unknown } | undefined)?.id
  return typeof id === 'number' && Number.isInteger(id) ? id : null
}

/** This install's webhooks of one entity at Autotask: those named after its public URL. */
async function ours(setup: WebhookSetup, entity: WebhookEntity): Promise<RemoteWebhook[]> {
  const resource = `${SINGULAR[entity]}Webhooks`
  const page = await setup.client.query(resource, {
    filter: [{ op: 'beginsWith', field: 'name', value: webhookName(entity, setup.publicUrl) }],
    MaxRecords: 500,
  })
  return page.items.filter((item): item is RemoteWebhook => typeof (item as { id?: unknown } | null)?.id === 'number')
}

async function deleteRemote(client: AutotaskClient, resource: string, id: number): Promise<void> {
  try {
    await client.write(resource, 'delete', `${resource}/${id}`)
  } catch (error) {
    // Deleted already (by hand, or by an earlier run that stopped before it forgot it): that is what was wanted.
    if (error instanceof SyncError && error.status === 404) return
    throw error
  }
}

export interface Unregistered {
  entity: WebhookEntity
  /** Webhooks of this install deleted at Autotask. */
  deleted: number
}

/** Deletes this install's webhooks at Autotask and forgets them here; the regular sync goes on polling. */
export async function unregisterWebhooks(setup: WebhookSetup): Promise<Unregistered[]> {
  const done: Unregistered[] = []
  for (const entity of WEBHOOK_ENTITIES) {
    const resource = `${SINGULAR[entity]}Webhooks`
    const ids = new Set((await ours(setup, entity)).map((hook) => hook.id))
    const local = await setup.db
      .selectFrom('autotask_webhook')
      .select('webhook_id')
      .where('entity', '=', entity)
      .executeTakeFirst()
    if (local) ids.add(local.webhook_id)
    for (const id of ids) await deleteRemote(setup.client, resource, id)
    await setup.db.deleteFrom('autotask_webhook').where('entity', '=', entity).execute()
    done.push({ entity, deleted: ids.size })
  }
  return done
}

export interface WebhookStatus {
  entity: WebhookEntity
  /** What this database holds: null when not registered here. */
  local: {
    webhookId: number
    url: string
    active: boolean
    registeredAt: string
    deactivatedAt: string | null
    deactivationNote: string | null
    lastCalloutAt: string | null
  } | null
  /** What Autotask says of that webhook: null when it has none by that id. */
  remote: { isActive: boolean; isReady: boolean } | null
}

/** Each entity's webhook as this database and Autotask see it. */
export async function webhookStatus(setup: Pick<WebhookSetup, 'client' | 'db'>): Promise<WebhookStatus[]> {
  const rows = await setup.db.selectFrom('autotask_webhook').selectAll().execute()
  const statuses: WebhookStatus[] = []
  for (const entity of WEBHOOK_ENTITIES) {
    const row = rows.find((candidate) => candidate.entity === entity)
    let remote: WebhookStatus['remote'] = null
    if (row) {
      const resource = `${SINGULAR[entity]}Webhooks`
      try {
        const item = itemOf(await setup.client.get(resource, `${resource}/${row.webhook_id}`), 'the webhook')
        remote = { isActive: item.isActive === true, isReady: item.isReady === true }
      } catch (error) {
        if (!(error instanceof SyncError && (error.status === 404 || error.code === 'not_autotask'))) throw error
      }
    }
    statuses.push({
      entity,
      local: row
        ? {
            webhookId: row.webhook_id,
            url: row.url,
            active: row.is_active === 1,
            registeredAt: row.registered_at,
            deactivatedAt: row.deactivated_at,
            deactivationNote: row.deactivation_note,
            lastCalloutAt: row.last_callout_at,
          }
        : null,
      remote,
    })
  }
  return statuses
}

function opens(box: KeyBox, sealed: string, entity: WebhookEntity): boolean {
  try {
    box.open(sealed, secretContext(entity))
    return true
  } catch {
    return false
  }
}

function itemIdOf(answer: unknown, what: string): number {
  const id = (answer as { itemId?: unknown } | null)?.itemId
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1)
    throw new SyncError('not_autotask', `Autotask's answer to ${what} has no itemId`)
  return id
}

function itemOf(answer: unknown, what: string): RemoteWebhook {
  const item = (answer as { item?: unknown } | null)?.item
  if (item === null || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'number')
    throw new SyncError('not_autotask', `Autotask's answer to ${what} has no item`, 404)
  return item as RemoteWebhook
}
