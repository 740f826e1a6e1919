import { randomUUID } from 'node:crypto'
import { apiError } from '../errors.js'
import type { ApiRecord, FieldInfo, SimWorld } from '../store.js'
import type { WebhookKind } from './kinds.js'
import { describeField, hookFields, hookUdfs, idPicklist } from './kinds.js'

// The webhooks a tenant registered, with their field, UDF and excluded-resource rows, as Autotask keeps them: ids
// sequential per resource, bodies checked against Autotask's limits, duplicate callouts refused.

export type CalloutType = 'Create' | 'Update' | 'Delete'
export const CALLOUT_TYPES: readonly CalloutType[] = ['Create', 'Update', 'Delete']

export interface Webhook {
  id: number
  kind: WebhookKind
  name: string
  webhookUrl: string
  deactivationUrl: string
  /** Never logged, never served back. */
  secretKey: string
  isActive: boolean
  isSubscribedToCreateEvents: boolean
  isSubscribedToUpdateEvents: boolean
  isSubscribedToDeleteEvents: boolean
  notificationEmailAddress: string | null
  sendThresholdExceededNotification: boolean
  ownerResourceID: number
  webhookGUID: string
  Fields: ChildRow[]
  UdfFields: ChildRow[]
  ExcludedResources: ChildRow[]
  /** The last callout number handed out (per webhook). */
  sequence: number
}

/** A `Fields`, `UdfFields` or `ExcludedResources` row, keyed by its REST names. */
export interface ChildRow {
  id: number
  webhookID: number
  [field: string]: number | boolean
}

export type ChildPath = 'Fields' | 'UdfFields' | 'ExcludedResources'

interface InputSpec {
  name: string
  type: 'string' | 'boolean' | 'integer'
  max?: number
  required?: boolean
  url?: boolean
}

const WEBHOOK_INPUT: readonly InputSpec[] = [
  { name: 'name', type: 'string', max: 50, required: true },
  { name: 'webhookUrl', type: 'string', max: 500, required: true, url: true },
  { name: 'deactivationUrl', type: 'string', max: 500, required: true, url: true },
  { name: 'secretKey', type: 'string', max: 64, required: true },
  { name: 'isActive', type: 'boolean', required: true },
  { name: 'isSubscribedToCreateEvents', type: 'boolean' },
  { name: 'isSubscribedToUpdateEvents', type: 'boolean' },
  { name: 'isSubscribedToDeleteEvents', type: 'boolean' },
  { name: 'notificationEmailAddress', type: 'string', max: 150 },
  { name: 'sendThresholdExceededNotification', type: 'boolean', required: true },
]
/** Fields the service fills; sent ones are ignored, as Autotask ignores read-only fields on input. */
const WEBHOOK_READ_ONLY = ['id', 'isReady', 'ownerResourceID', 'webhookGUID']

const FLAGS: readonly InputSpec[] = [
  { name: 'isSubscribedField', type: 'boolean' },
  { name: 'isDisplayAlwaysField', type: 'boolean' },
]

interface ChildSpec {
  /** The row's own key: `fieldID`, `udfFieldID` or `resourceID`. */
  key: string
  input: readonly InputSpec[]
  /** The cross-webhook resource: `{E}WebhookFields` and so on. */
  resource: (kind: WebhookKind) => string
}

export const CHILDREN: Readonly<Record<ChildPath, ChildSpec>> = {
  Fields: {
    key: 'fieldID',
    input: [{ name: 'fieldID', type: 'integer', required: true }, ...FLAGS],
    resource: (kind) => `${kind.singular}WebhookFields`,
  },
  UdfFields: {
    key: 'udfFieldID',
    input: [{ name: 'udfFieldID', type: 'integer', required: true }, ...FLAGS],
    resource: (kind) => `${kind.singular}WebhookUdfFields`,
  },
  ExcludedResources: {
    key: 'resourceID',
    input: [{ name: 'resourceID', type: 'integer', required: true }],
    resource: (kind) => `${kind.singular}WebhookExcludedResources`,
  },
}

export interface RegistryOptions {
  /** The security level's "Maximum number of Webhooks", over all entities. */
  maxWebhooks: number
  /** The API user's resource, which owns what it registers. */
  owner: () => number
  /** A webhook was switched off by an update or deleted: Autotask calls its deactivation URL. */
  onDeactivated: (hook: Webhook, reason: 'Deleted' | 'Deactivated') => void
}

export class WebhookRegistry {
  private readonly hooks = new Map<WebhookKind, Webhook[]>()
  private readonly lastIds = new Map<string, number>()

  constructor(
    private readonly world: SimWorld,
    private readonly options: RegistryOptions,
  ) {}

  list(kind: WebhookKind): readonly Webhook[] {
    return this.hooks.get(kind) ?? []
  }

  all(): Webhook[] {
    return [...this.hooks.values()].flat()
  }

  get(kind: WebhookKind, id: number): Webhook {
    const hook = this.list(kind).find((candidate) => candidate.id === id)
    if (!hook) throw apiError(`No ${kind.singular}Webhooks record was found with id ${id}.`, 404)
    return hook
  }

  create(kind: WebhookKind, body: unknown): number {
    const values = readInput(body, WEBHOOK_INPUT, WEBHOOK_READ_ONLY, true)
    if (this.all().length >= this.options.maxWebhooks) {
      throw apiError(`The maximum number of webhooks (${this.options.maxWebhooks}) for this security level is reached.`)
    }
    const hook: Webhook = {
      id: 0,
      kind,
      isSubscribedToCreateEvents: false,
      isSubscribedToUpdateEvents: false,
      isSubscribedToDeleteEvents: false,
      notificationEmailAddress: null,
      ...(values as Pick<Webhook, 'name' | 'webhookUrl' | 'deactivationUrl' | 'secretKey' | 'isActive'>),
      sendThresholdExceededNotification: values.sendThresholdExceededNotification as boolean,
      ownerResourceID: this.options.owner(),
      webhookGUID: randomUUID(),
      Fields: [],
      UdfFields: [],
      ExcludedResources: [],
      sequence: 0,
    }
    this.refuseDuplicate(hook)
    hook.id = this.nextId(`${kind.singular}Webhooks`)
    this.hooks.set(kind, [...this.list(kind), hook])
    return hook.id
  }

  /** PUT (every required field again) or PATCH (only what changes); the body names the webhook by `id`. */
  update(kind: WebhookKind, body: unknown, whole: boolean): number {
    const id = readId(body)
    const hook = this.get(kind, id)
    const values = readInput(body, WEBHOOK_INPUT, WEBHOOK_READ_ONLY, whole)
    const next: Webhook = { ...hook, ...values }
    this.refuseDuplicate(next)
    const wasActive = hook.isActive
    Object.assign(hook, values)
    if (wasActive && !hook.isActive) this.options.onDeactivated(hook, 'Deactivated')
    return id
  }

  remove(kind: WebhookKind, id: number): number {
    const hook = this.get(kind, id)
    this.hooks.set(
      kind,
      this.list(kind).filter((candidate) => candidate !== hook),
    )
    this.options.onDeactivated(hook, 'Deleted')
    return id
  }

  addChild(kind: WebhookKind, parentId: number, path: ChildPath, body: unknown): number {
    const hook = this.get(kind, parentId)
    const spec = CHILDREN[path]
    const values = readChild(body, spec, parentId)
    this.checkChild(kind, path, values)
    const key = values[spec.key] as number
    if (hook[path].some((row) => row[spec.key] === key)) {
      throw apiError(`${spec.key} ${key} is already on ${kind.singular}Webhooks ${parentId}.`)
    }
    const row: ChildRow = { id: this.nextId(spec.resource(kind)), webhookID: parentId, ...values } as ChildRow
    hook[path] = [...hook[path], row]
    return row.id
  }

  updateChild(kind: WebhookKind, parentId: number, path: ChildPath, body: unknown): number {
    const hook = this.get(kind, parentId)
    const id = readId(body)
    const row = this.child(kind, hook, path, id)
    const spec = CHILDREN[path]
    const values = readChild(body, spec, parentId, false)
    if (values[spec.key] !== undefined && values[spec.key] !== row[spec.key]) {
      throw apiError(`${spec.key} of ${spec.resource(kind)} ${id} cannot change; add another row instead.`)
    }
    const next = { ...row, ...values } as ChildRow
    this.checkChild(kind, path, next)
    hook[path] = hook[path].map((candidate) => (candidate === row ? next : candidate))
    return id
  }

  removeChild(kind: WebhookKind, parentId: number, path: ChildPath, id: number): number {
    const hook = this.get(kind, parentId)
    const row = this.child(kind, hook, path, id)
    hook[path] = hook[path].filter((candidate) => candidate !== row)
    return id
  }

  child(kind: WebhookKind, hook: Webhook, path: ChildPath, id: number): ChildRow {
    const row = hook[path].find((candidate) => candidate.id === id)
    if (!row) throw apiError(`No ${CHILDREN[path].resource(kind)} record was found with id ${id}.`, 404)
    return row
  }

  /** Every row of one child resource over the kind's webhooks, in id order (for `{E}WebhookFields/query`). */
  childRows(kind: WebhookKind, path: ChildPath): ChildRow[] {
    return this.list(kind)
      .flatMap((hook) => hook[path])
      .sort((a, b) => a.id - b.id)
  }

  private checkChild(kind: WebhookKind, path: ChildPath, values: Record<string, unknown>): void {
    if (path === 'ExcludedResources') {
      if (!this.world.get('Resources', values.resourceID as number)) {
        throw apiError(`There is no resource with id ${String(values.resourceID)}.`)
      }
      return
    }
    const known =
      path === 'Fields'
        ? hookFields(this.world, kind).some((field) => field.id === values.fieldID)
        : hookUdfs(this.world, kind).some((udf) => udf.id === values.udfFieldID)
    if (!known) throw apiError(`${CHILDREN[path].key} ${String(values[CHILDREN[path].key])} is not a webhook field.`)
    if (!values.isSubscribedField && !values.isDisplayAlwaysField) {
      throw apiError('A webhook field must be subscribed, displayed always, or both.')
    }
  }

  /** Same entity, same URL and a callout type in common: Autotask refuses it, whoever owns the other one. */
  private refuseDuplicate(hook: Webhook): void {
    for (const other of this.list(hook.kind)) {
      if (other.id === hook.id || other.webhookUrl !== hook.webhookUrl) continue
      const shared = CALLOUT_TYPES.find((type) => subscribes(hook, type) && subscribes(other, type))
      if (shared) {
        throw apiError(
          `A ${shared} callout for this entity and webhook URL already exists (${hook.kind.singular}Webhooks ${other.id}).`,
        )
      }
    }
  }

  private nextId(resource: string): number {
    const id = (this.lastIds.get(resource) ?? 0) + 1
    this.lastIds.set(resource, id)
    return id
  }
}

export function subscribes(hook: Webhook, type: CalloutType): boolean {
  return hook[`isSubscribedTo${type}Events`]
}

/** Ready once at least one field or UDF row exists. */
export function isReady(hook: Webhook): boolean {
  return hook.Fields.length > 0 || hook.UdfFields.length > 0
}

/** The webhook as Autotask's REST API returns it, without its secret. */
export function webhookView(hook: Webhook): ApiRecord {
  return {
    id: hook.id,
    deactivationUrl: hook.deactivationUrl,
    isActive: hook.isActive,
    isReady: isReady(hook),
    isSubscribedToCreateEvents: hook.isSubscribedToCreateEvents,
    isSubscribedToDeleteEvents: hook.isSubscribedToDeleteEvents,
    isSubscribedToUpdateEvents: hook.isSubscribedToUpdateEvents,
    name: hook.name,
    notificationEmailAddress: hook.notificationEmailAddress,
    ownerResourceID: hook.ownerResourceID,
    sendThresholdExceededNotification: hook.sendThresholdExceededNotification,
    webhookGUID: hook.webhookGUID,
    webhookUrl: hook.webhookUrl,
    userDefinedFields: [],
  }
}

/** Field descriptors of the webhook resource (its `entityInformation/fields`, and what its queries may filter on). */
export const WEBHOOK_FIELDS: readonly FieldInfo[] = [
  describeField('id', 'long', { isRequired: true }),
  ...WEBHOOK_INPUT.map(describeInput),
  describeField('isReady', 'boolean', { isReadOnly: true }),
  describeField('ownerResourceID', 'integer', { isReadOnly: true }),
  describeField('webhookGUID', 'string', { length: 100, isReadOnly: true }),
]

/** Field descriptors of a child resource; the key field is a picklist of what the entity offers. */
export function childFields(world: SimWorld, kind: WebhookKind, path: ChildPath): FieldInfo[] {
  const spec = CHILDREN[path]
  const choices =
    path === 'Fields'
      ? idPicklist(hookFields(world, kind))
      : path === 'UdfFields'
        ? idPicklist(hookUdfs(world, kind).map(({ id, udf }) => ({ id, name: udf.name })))
        : undefined
  return [
    describeField('id', 'long', { isRequired: true }),
    ...spec.input.map((input) =>
      input.name === spec.key
        ? describeField(input.name, 'integer', { isRequired: true, picklistValues: choices })
        : describeInput(input),
    ),
    describeField('webhookID', 'integer', { isRequired: true }),
  ]
}

function describeInput(input: InputSpec): FieldInfo {
  return describeField(input.name, input.type, { length: input.max ?? 0, isRequired: input.required ?? false })
}

/** Body fields by lower-cased name: Autotask reads field names case-insensitively. */
function byLowerName(body: unknown): Map<string, [string, unknown]> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw apiError('The request body must be a JSON object.')
  return new Map(Object.entries(body).map(([key, value]) => [key.toLowerCase(), [key, value]]))
}

function readId(body: unknown): number {
  const id = byLowerName(body).get('id')?.[1]
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw apiError('The body must name the record to update by its id.')
  return id
}

/** The known fields of `body`, checked; `whole` asks for every required one. Unknown fields are refused. */
function readInput(
  body: unknown,
  specs: readonly InputSpec[],
  readOnly: readonly string[],
  whole: boolean,
): Record<string, unknown> {
  const given = byLowerName(body)
  const known = new Set([...specs, ...readOnly.map((name) => ({ name }))].map(({ name }) => name.toLowerCase()))
  for (const [lower, [key]] of given) if (!known.has(lower)) throw apiError(`Unknown field "${key}".`)
  const values: Record<string, unknown> = {}
  for (const spec of specs) {
    const entry = given.get(spec.name.toLowerCase())
    const value = entry?.[1]
    if (value === undefined) {
      if (spec.required && whole) throw apiError(`${spec.name} is required`)
      continue
    }
    if (value === null) {
      if (spec.required) throw apiError(`${spec.name} is required`)
      values[spec.name] = spec.type === 'boolean' ? false : null
      continue
    }
    values[spec.name] = checkedInput(spec, value)
  }
  return values
}

/** A child row's fields; a new row (`whole`) needs its key and gets unset flags as false. */
function readChild(body: unknown, spec: ChildSpec, parentId: number, whole = true): Record<string, unknown> {
  const values = readInput(body, spec.input, ['id', 'webhookID'], whole)
  const parent = byLowerName(body).get('webhookid')?.[1]
  if (parent !== undefined && parent !== parentId)
    throw apiError(`WebhookID ${String(parent)} does not match the URL's ${parentId}.`)
  if (whole) for (const flag of FLAGS) if (spec.input.includes(flag)) values[flag.name] ??= false
  return values
}

function checkedInput(spec: InputSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw apiError(`${spec.name} must be true or false`)
      return value
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw apiError(`${spec.name} must be an integer`)
      return value
    case 'string': {
      if (typeof value !== 'string') throw apiError(`${spec.name} must be a string`)
      if (spec.max !== undefined && value.length > spec.max) {
        throw apiError(`${spec.name} must be less than or equal to ${spec.max} characters`)
      }
      if (spec.url && !isWebUrl(value)) throw apiError(`${spec.name} must be an absolute http or https URL`)
      return value
    }
  }
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}
