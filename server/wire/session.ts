import { type Static, Type } from 'typebox'

/** A login, the builder's and the consultant's alike. */
export const LoginSchema = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)

/** Who is logged in. */
export const UserSchema = Type.Object({ user: Type.String() })
export type User = Static<typeof UserSchema>
