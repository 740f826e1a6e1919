// JSON schemas shared by the routes. Every input is closed (no unknown properties) and bounded.

export const RoleId = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' } as const
export const KpiId = { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$' } as const
export const Id = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const
export const Lang = { type: 'string', enum: ['en', 'nl'] } as const
/** A screen's link token in the query string (`?token=...`). */
export const Token = { type: 'string', maxLength: 200 } as const
/** A query string that carries nothing but a screen's token. */
export const TokenQuery = { type: 'object', additionalProperties: false, properties: { token: Token } } as const

export const RoleParams = { type: 'object', required: ['role'], additionalProperties: false, properties: { role: RoleId } } as const

export const Params = {
  type: 'object',
  maxProperties: 20,
  additionalProperties: {
    anyOf: [
      { type: 'number' },
      { type: 'boolean' },
      { type: 'string', maxLength: 200 },
      { type: 'array', maxItems: 100, items: { type: 'integer' } },
    ],
  },
} as const

// A tile's own title as the owner typed it; null or only spaces: the KPI's own title.
const TileTitle = { type: ['string', 'null'], maxLength: 120 } as const

// null (an emptied box in the builder) means "the KPI's own band"; it is stored and returned as null.
const Band = { type: ['number', 'null'] } as const

export const TileInput = {
  type: 'object',
  required: ['kpi'],
  additionalProperties: false,
  properties: { kpi: KpiId, params: Params, target: Band, warn: Band, size: { type: 'string', enum: ['s', 'm', 'l'] }, title: TileTitle },
} as const

export const Tile = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    position: { type: 'integer' },
    kpi: { type: 'string' },
    params: { type: 'object', additionalProperties: true },
    target: { type: ['number', 'null'] },
    warn: { type: ['number', 'null'] },
    size: { type: 'string' },
    title: { type: ['string', 'null'] },
  },
} as const

export const Dashboard = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    role: { type: 'string' },
    roleName: { type: 'object', properties: { en: { type: 'string' }, nl: { type: 'string' } } },
    title: { type: 'string' },
    version: { type: 'integer' },
    updatedAt: { type: 'string' },
    tiles: { type: 'array', items: Tile },
  },
} as const

/** A KPI result: its shape depends on the kind, so the schema lets every field of every kind through. */
export const KpiResult = { type: 'object', additionalProperties: true } as const

export const Message = { type: 'object', properties: { message: { type: 'string' }, code: { type: 'string' } } } as const

export const errorResponses = { 400: Message, 401: Message, 403: Message, 404: Message, 409: Message, 429: Message } as const

const NullableText = { type: ['string', 'null'] } as const
const NullableId = { type: ['integer', 'null'] } as const

/** An acknowledgement in the log and in the answers to a tap or an undo (server/services/acks.ts ackRecord). */
export const AckRecord = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kpi: { type: 'string' },
    rowKey: { type: 'string' },
    mode: { type: 'string', enum: ['take', 'resolve'] },
    action: { type: 'string' },
    note: NullableText,
    by: { type: 'string' },
    byKind: { type: 'string', enum: ['admin', 'person'] },
    byResourceId: NullableId,
    resourceId: NullableId,
    at: { type: 'string' },
    undoneAt: NullableText,
    undoneBy: NullableText,
    row: { type: 'object', additionalProperties: true },
  },
} as const
