import type { ApiRecord, ManualEntity, SimEntity, SimWorld, WorldChange } from '../store.js'
import { isEditableWorld, SIM_ENTITIES } from '../store.js'
import type { CalloutAttempt, DeliveryFaults, DeliveryOptions, ErrorLogRow, OutboxMail } from './delivery.js'
import { Courier, DEFAULT_DELIVERY } from './delivery.js'
import type { WebhookKind } from './kinds.js'
import { WEBHOOK_KINDS } from './kinds.js'
import type { CalloutPayload } from './payload.js'
import { calloutFields, eventTime } from './payload.js'
import type { ChildRow, Webhook } from './registry.js'
import { isReady, subscribes, WebhookRegistry, webhookView } from './registry.js'

export type { CalloutAttempt, DeliveryFaults, ErrorLogRow, OutboxMail } from './delivery.js'
export type { CalloutPayload } from './payload.js'

export interface WebhookOptions extends Partial<Omit<DeliveryOptions, 'clock'>> {
  /** The security level's "Maximum number of Webhooks", over all entities (default 50). */
  maxWebhooks?: number
  /** The resource webhooks are owned by and that control edits are made by when none is named; by default the
   * active resource with the lowest id. */
  resourceId?: number
  faults?: DeliveryFaults
  /** The wall clock of deliveries, the error log and the mails (`Date.now` by default). */
  clock?: () => number
}

/** One registered webhook as the control API shows it: the REST view plus its rows, never its secret. */
export interface WebhookSummary extends ApiRecord {
  resource: string
  fields: ChildRow[]
  udfFields: ChildRow[]
  excludedResources: ChildRow[]
}

/**
 * The simulator's webhooks: what the tenant registered, and the callouts Autotask would send for every save in the
 * world (the world's own progress and edits made through `change`/`create`), delivered in the background.
 */
export class SimWebhooks {
  readonly registry: WebhookRegistry
  private readonly courier: Courier
  private readonly personKey: 'PersonID' | 'PersonId'
  private readonly stopWatching: () => void
  private readonly resourceId: number | undefined

  constructor(
    private readonly world: SimWorld,
    options: WebhookOptions = {},
  ) {
    this.resourceId = options.resourceId
    const delivery: DeliveryOptions = { ...DEFAULT_DELIVERY, clock: Date.now, ...given(options) }
    this.personKey = delivery.personKey
    this.courier = new Courier(delivery, (id) => (world.get('Resources', id)?.email as string | undefined) ?? null)
    this.courier.faults = { ...options.faults }
    this.registry = new WebhookRegistry(world, {
      maxWebhooks: options.maxWebhooks ?? 50,
      owner: () => this.byDefault(),
      onDeactivated: (hook, reason) => this.courier.deactivate(hook, reason),
    })
    this.stopWatching = isEditableWorld(world) ? world.watch((change) => this.onChange(change)) : () => undefined
  }

  /** Every attempt to post, oldest first (events, retries, duplicates, deactivations, forgeries). */
  callouts(): readonly CalloutAttempt[] {
    return this.courier.callouts()
  }

  /** Dropped events, as `WebhookEventErrorLogs` serves them (30 days). */
  errorLog(): readonly ErrorLogRow[] {
    return this.courier.errorLog()
  }

  /** The e-mails Autotask would have sent. */
  outbox(): readonly OutboxMail[] {
    return this.courier.outbox()
  }

  /** Resolves once every queued callout has been delivered or dropped. */
  whenIdle(): Promise<void> {
    return this.courier.whenIdle()
  }

  setFaults(faults: DeliveryFaults): void {
    this.courier.faults = { ...faults }
  }

  faults(): DeliveryFaults {
    return { ...this.courier.faults }
  }

  list(): WebhookSummary[] {
    return this.registry.all().map((hook) => ({
      resource: `${hook.kind.singular}Webhooks`,
      ...webhookView(hook),
      fields: hook.Fields,
      udfFields: hook.UdfFields,
      excludedResources: hook.ExcludedResources,
    }))
  }

  /** Posts an unsigned `Deactivated` event for a webhook to its webhook URL (or deactivation URL). */
  forgeDeactivation(resource: string, id: number, to: 'webhook' | 'deactivation' = 'webhook'): Promise<CalloutAttempt> {
    return this.courier.forgeDeactivation(this.registry.get(kindOf(resource), id), to)
  }

  /** Edits a record at the world's clock as `by` would in Autotask; its webhooks fire. Throws one line on bad input. */
  change(entity: string, id: number, fields: Record<string, unknown>, by = this.byDefault()): ApiRecord {
    return this.editable().edit(entityOf(entity), id, fields, by)
  }

  /** Adds a ticket (or a note, with `ticketID`) at the world's clock as `by`; its webhooks fire. */
  create(entity: string, fields: Record<string, unknown>, by = this.byDefault()): ApiRecord {
    const name = entityOf(entity)
    if (name !== 'Tickets' && name !== 'TicketNotes')
      throw new Error(`the simulator creates Tickets and TicketNotes, not ${name}`)
    return this.editable().create(name as ManualEntity, fields, by)
  }

  /** Stops watching the world and every delivery; nothing is sent afterwards. */
  async close(): Promise<void> {
    this.stopWatching()
    await this.courier.close()
  }

  private editable() {
    if (!isEditableWorld(this.world)) throw new Error('this simulator serves a world that cannot be edited')
    return this.world
  }

  /** The API user's resource: it owns the webhooks, and makes the control edits that name nobody. */
  byDefault(): number {
    if (this.resourceId !== undefined) return this.resourceId
    return this.world.records('Resources').find((resource) => resource.isActive !== false)?.id ?? 0
  }

  private onChange(change: WorldChange): void {
    if (change.entity === 'Resources' && change.before?.isActive === true && change.after?.isActive === false) {
      this.ownerLeft(change.id)
    }
    const kind = WEBHOOK_KINDS.find((candidate) => candidate.entity === change.entity)
    if (!kind) return
    for (const hook of this.registry.list(kind)) {
      if (!hook.isActive || !isReady(hook) || !subscribes(hook, change.action)) continue
      const person = personOf(change) ?? this.byDefault()
      if (hook.ExcludedResources.some((row) => row.resourceID === person)) continue
      const fields = change.after ? calloutFields(this.world, hook, change.before, change.after) : {}
      if (fields === null) continue
      this.courier.enqueue(hook, change.action, this.payload(hook, change, fields, person))
    }
  }

  /** Autotask calls the deactivation URL of every webhook whose owner is deactivated; they stop. */
  private ownerLeft(resourceId: number): void {
    for (const hook of this.registry.all()) {
      if (hook.isActive && hook.ownerResourceID === resourceId) this.courier.deactivate(hook, 'OwnerDeactivated')
    }
  }

  private payload(hook: Webhook, change: WorldChange, fields: Record<string, unknown>, person: number): CalloutPayload {
    return {
      Action: change.action,
      Guid: hook.webhookGUID,
      EntityType: hook.kind.entityType,
      Id: change.id,
      Fields: fields,
      EventTime: eventTime(change.at),
      SequenceNumber: ++hook.sequence,
      [this.personKey]: person,
    }
  }
}

/** `TicketWebhooks` (any case) → its kind. */
export function kindOf(resource: string): WebhookKind {
  const kind = WEBHOOK_KINDS.find(
    (candidate) => `${candidate.singular}Webhooks`.toLowerCase() === resource.toLowerCase(),
  )
  if (!kind) throw new Error(`there is no webhook resource "${resource}"`)
  return kind
}

function entityOf(name: string): SimEntity {
  const entity = SIM_ENTITIES.find((candidate) => candidate.toLowerCase() === String(name).toLowerCase())
  if (!entity) throw new Error(`there is no entity "${name}"`)
  return entity
}

/**
 * Who made a save the world did not attribute: the ticket's last active resource (or its assignee), the note's
 * author, the company's owner.
 */
function personOf(change: WorldChange): number | null {
  if (change.by !== null) return change.by
  const record = (change.after ?? change.before)!
  const field =
    change.entity === 'Tickets'
      ? (record.lastActivityResourceID ?? record.assignedResourceID)
      : change.entity === 'TicketNotes'
        ? record.creatorResourceID
        : change.entity === 'Companies'
          ? record.ownerResourceID
          : null
  return typeof field === 'number' ? field : null
}

/** The options actually given: an explicit `undefined` keeps the default. */
function given<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>
}
