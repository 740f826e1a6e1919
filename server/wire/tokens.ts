import { type Static, Type } from 'typebox'
import { IdSchema, LangSchema, Nullable, OneOf, RoleIdSchema } from './common.js'

const LINK_KINDS = ['wall', 'person'] as const

/** A screen's link as the builder lists it; the token itself is shown once, when the link is made. */
const LinkSchema = Type.Object(
  {
    id: IdSchema,
    kind: OneOf(LINK_KINDS),
    role: Type.Optional(Nullable(Type.String())),
    resourceId: Type.Optional(Nullable(Type.Integer())),
    /** A personal link's person, as the PSA names them now. */
    person: Type.Optional(Nullable(Type.String())),
    name: Type.String(),
    lang: LangSchema,
    createdAt: Type.String(),
    lastSeenAt: Type.Optional(Nullable(Type.String())),
    revokedAt: Type.Optional(Nullable(Type.String())),
  },
  { additionalProperties: false },
)
export type Link = Static<typeof LinkSchema>
export const LinksSchema = Type.Object({ tokens: Type.Array(LinkSchema) }, { additionalProperties: false })
export type Links = Static<typeof LinksSchema>

/** A new link: a wall screen shows a role, a personal link one person's lists. */
export const NewLinkSchema = Type.Object(
  {
    kind: OneOf(LINK_KINDS),
    role: Type.Optional(RoleIdSchema),
    resourceId: Type.Optional(IdSchema),
    name: Type.String({ minLength: 1, maxLength: 80 }),
    lang: Type.Optional(LangSchema),
  },
  { additionalProperties: false },
)
export type NewLink = Static<typeof NewLinkSchema>

/** A link just made (POST /api/tokens): its token, shown this once, and the screen's path that carries it. */
export type CreatedLink = Pick<Link, 'id' | 'kind' | 'name' | 'lang'> & {
  role?: string
  resourceId?: number
  token: string
  path: string
}

/** A person a personal link can be made for: ids and names only. */
const PersonSchema = Type.Object(
  { id: IdSchema, name: Type.String(), active: Type.Boolean() },
  { additionalProperties: false },
)
export type Person = Static<typeof PersonSchema>
export const PeopleSchema = Type.Object({ resources: Type.Array(PersonSchema) }, { additionalProperties: false })
export type People = Static<typeof PeopleSchema>

/** Where screens on the network can reach this server, for the builder's TV setup and the printed links. */
export const ScreenAddressSchema = Type.Object(
  {
    /** The address the server listens on (HOST). */
    bound: Type.String(),
    /** Only this machine can open the links: bound to loopback and no ROLEBOARD_PUBLIC_URL. */
    localOnly: Type.Boolean(),
    /** ROLEBOARD_PUBLIC_URL, when set: every link and QR code uses it. */
    publicUrl: Nullable(Type.String()),
    /** http://<LAN address>:<port> per non-internal IPv4 interface, when bound to every interface. */
    lan: Type.Array(Type.String()),
  },
  { additionalProperties: false },
)
export type ScreenAddress = Static<typeof ScreenAddressSchema>

/** What a screen's own link was made for (its language), so a page opened without `&lang=` speaks it. */
export const LinkLanguageSchema = Type.Object(
  { kind: OneOf(LINK_KINDS), lang: LangSchema },
  { additionalProperties: false },
)
export type LinkLanguage = Static<typeof LinkLanguageSchema>
