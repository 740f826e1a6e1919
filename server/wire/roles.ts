import { Type } from 'typebox'
import type { Text } from '../../kpi-library/wire-types.js'
import { RoleIdSchema } from './common.js'

const NameSchema = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' })
const RoleNameSchema = Type.Object({ en: NameSchema, nl: NameSchema }, { additionalProperties: false })

export const RoleIdParamsSchema = Type.Object({ id: RoleIdSchema }, { additionalProperties: false })

/** A custom role; its dashboard's title is the English name unless given. */
export const NewRoleSchema = Type.Object(
  {
    id: RoleIdSchema,
    name: RoleNameSchema,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' })),
  },
  { additionalProperties: false },
)
export const RoleRenameSchema = Type.Object({ name: RoleNameSchema }, { additionalProperties: false })

/** A role as the builder lists it, with its one dashboard (null: none yet). */
export interface RoleInfo {
  id: string
  name: Text
  builtin: boolean
  dashboard: { id: number; title: string } | null
}

/** GET /api/roles. */
export interface RoleList {
  roles: RoleInfo[]
}
