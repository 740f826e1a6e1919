import { type Static, type TSchema, Type } from 'typebox'
import { LANGS } from '../../kpi-library/wire-types.js'

// The API's shapes, each declared once: the routes validate with these schemas, Fastify's TypeBox type provider
// types the handlers from them, and the browser imports their `Static` types. Files in server/wire import only
// typebox and other dependency-free type modules, so the front end can import them without server code.

/** One of a few words: `{ type: 'string', enum }`, so a refusal names the allowed values. */
export const OneOf = <const T extends string[]>(values: readonly [...T]) => Type.Enum(values, { type: 'string' })

/** `T | null` as one `type: [T, 'null']` keyword: a wrong value reads "must be string,null", not three anyOf lines. */
export const Nullable = <T extends TSchema & { type: string }>(schema: T) =>
  Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] })

/** An object of any keys, each value matching `value`; typed as the record it is, which Type.Object's type is not. */
export const Dictionary = <T extends TSchema>(
  value: T,
  options: { maxProperties?: number; propertyNames?: TSchema } = {},
) => Type.Unsafe<Record<string, Static<T>>>({ type: 'object', ...options, additionalProperties: value })

/** In an answer: a string the serialiser writes as it is, typed as the few words it can be. */
export const Word = <T extends string>() => Object.assign(Type.Unsafe<T>({}), { type: 'string' as const })

/** An object the schema lets through whole (a KPI result, a package, the settings), typed as the shape it is. */
export const OpenOf = <T extends object>() => Type.Unsafe<T>({ type: 'object', additionalProperties: true })
export const Open = OpenOf<Record<string, unknown>>()

/** An answer the route sends as JSON text it made (and keeps) itself: let through as it is, typed as that text. */
export const Serialised = Type.Unsafe<string>({ type: 'object', additionalProperties: true })

const ROLE_ID = '[a-z][a-z0-9-]{1,39}'
export const RoleIdSchema = Type.String({ pattern: `^${ROLE_ID}$` })
/** Role ids separated by commas (`?roles=owner,engineer`). */
export const RoleIdListSchema = Type.String({ pattern: `^${ROLE_ID}(,${ROLE_ID})*$`, maxLength: 2000 })
export const KpiIdSchema = Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' })
export const IdSchema = Type.Integer({ minimum: 1, maximum: 2_147_483_647 })
export const LangSchema = OneOf(LANGS)

/** A screen's link token in the query string (`?token=...`). */
export const TokenSchema = Type.String({ maxLength: 200 })
/** A query string that carries nothing but a screen's token. */
export const TokenQuerySchema = Type.Object({ token: Type.Optional(TokenSchema) }, { additionalProperties: false })

export const RoleParamsSchema = Type.Object({ role: RoleIdSchema }, { additionalProperties: false })
export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false })

/** Text in both languages, as an answer carries it. */
export const TextSchema = Type.Object({ en: Type.String(), nl: Type.String() })

/** Every refusal and a few plain answers: what went wrong in words, and a code to branch on. */
export const MessageSchema = Type.Object({ message: Type.String(), code: Type.Optional(Type.String()) })
export type Message = Static<typeof MessageSchema>

export const errorResponses = {
  400: MessageSchema,
  401: MessageSchema,
  403: MessageSchema,
  404: MessageSchema,
  409: MessageSchema,
  429: MessageSchema,
} as const
