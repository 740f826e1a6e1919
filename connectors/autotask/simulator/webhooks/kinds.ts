import type { FieldInfo, PicklistValue, SimEntity, SimWorld, UdfInfo } from '../store.js'

/** The webhook resources Autotask offers: one per watched entity, named after its singular. */
export interface WebhookKind {
  /** `Ticket`: the prefix of `TicketWebhooks`, `TicketWebhookFields`, `TicketWebhookExcludedResources`. */
  singular: 'Company' | 'Contact' | 'Ticket' | 'TicketNote' | 'ConfigurationItem'
  /** The world's entity whose saves it watches. */
  entity: SimEntity
  /** What callouts call the entity (`Account` and `InstalledProduct` are the SOAP-era names). */
  entityType: 'Account' | 'Contact' | 'Ticket' | 'TicketNote' | 'InstalledProduct'
  /** Whether it has a `UdfFields` child (TicketNotes have no UDFs). */
  udfs: boolean
}

export const WEBHOOK_KINDS: readonly WebhookKind[] = [
  { singular: 'Company', entity: 'Companies', entityType: 'Account', udfs: true },
  { singular: 'Contact', entity: 'Contacts', entityType: 'Contact', udfs: true },
  { singular: 'Ticket', entity: 'Tickets', entityType: 'Ticket', udfs: true },
  { singular: 'TicketNote', entity: 'TicketNotes', entityType: 'TicketNote', udfs: false },
  { singular: 'ConfigurationItem', entity: 'ConfigurationItems', entityType: 'InstalledProduct', udfs: true },
]

/** A field a webhook can subscribe to or show: its numeric FieldID and REST name. */
export interface HookField {
  id: number
  name: string
  isPickList: boolean
}

/**
 * The entity's webhook-capable fields, numbered by their place in the entity's field list (Autotask's FieldIDs are
 * per entity and must be discovered through the picklist, so any stable numbering serves).
 */
export function hookFields(world: SimWorld, kind: WebhookKind): HookField[] {
  return world
    .fields(kind.entity)
    .map((field, index) => ({ id: index + 1, name: field.name, isPickList: field.isPickList, field }))
    .filter(({ field }) => field.isSupportedWebhookField)
    .map(({ id, name, isPickList }) => ({ id, name, isPickList }))
}

/** The entity's UDFs a webhook can use, numbered from 1 in the order the world lists them. */
export function hookUdfs(world: SimWorld, kind: WebhookKind): { id: number; udf: UdfInfo }[] {
  return kind.udfs ? world.udfs(kind.entity).map((udf, index) => ({ id: index + 1, udf })) : []
}

/** A picklist (value = id as a string, label = name), as `{E}WebhookFields/entityInformation/fields` shows it. */
export function idPicklist(entries: readonly { id: number; name: string }[]): PicklistValue[] {
  return entries.map(({ id, name }, index) => ({
    value: String(id),
    label: name,
    isDefaultValue: false,
    sortOrder: index + 1,
    parentValue: null,
    isActive: true,
    isSystem: true,
  }))
}

/** A field descriptor of the simulator's own webhook records, for their metadata and query filters. */
export function describeField(
  name: string,
  dataType: FieldInfo['dataType'],
  options: Partial<Pick<FieldInfo, 'length' | 'isRequired' | 'isReadOnly' | 'picklistValues'>> = {},
): FieldInfo {
  return {
    name,
    dataType,
    length: options.length ?? 0,
    isRequired: options.isRequired ?? false,
    isReadOnly: options.isReadOnly ?? name === 'id',
    isQueryable: true,
    isReference: name.endsWith('ID') && name !== 'id' && !name.endsWith('FieldID'),
    referenceEntityType: '',
    isPickList: options.picklistValues !== undefined,
    picklistValues: options.picklistValues ?? null,
    picklistParentValueField: '',
    isSupportedWebhookField: false,
  }
}
